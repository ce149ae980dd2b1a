import type { Draft } from '../common';
import { RECOMMENDATION_MAX_LENGTH, type Recommendation } from '../recommendation';
import { date, instant, issue, nullable, objectSchema, text, uuid, type Validator } from '../validation';

/** `createdAt` came after the table: a copy synced before it has none (see Recommendation). */
/* @__NO_SIDE_EFFECTS__ */
function optionalInstant(): Validator {
	const check = instant();
	return (value, path) => (value === undefined ? [] : check(value, path));
}

/** An addressed recommendation (not the recommendations inside an observation: see schemas/observation.ts). */
export const addressedRecommendationSchema = /* @__PURE__ */ objectSchema<Draft<Recommendation>>({
	authorId: uuid(),
	organizationId: uuid(),
	teacherId: nullable(uuid()),
	body: text({ required: true, max: RECOMMENDATION_MAX_LENGTH }),
	dueOn: nullable(date()),
	doneAt: nullable(instant()),
	doneBy: nullable(uuid()),
	createdAt: optionalInstant()
}).refine(['doneAt', 'doneBy'], (r) =>
	(r.doneAt === null) === (r.doneBy === null) ? [] : [issue('doneBy', 'required')]
);
