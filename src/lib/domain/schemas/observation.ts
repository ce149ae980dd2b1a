import type { Draft } from '../common';
import { COMPETENCY_ID_PATTERN, INDICATOR_ID_PATTERN } from '../framework';
import {
	OBSERVATION_MODES,
	OBSERVATION_STATUSES,
	OBSERVER_ROLES,
	type Observation,
	type Recommendation
} from '../observation';
import {
	arrayOf,
	date,
	instant,
	int,
	issue,
	key,
	nullable,
	objectSchema,
	oneOf,
	text,
	uuid,
	type Validator
} from '../validation';
import { scoresField } from './assessment';

/**
 * Minutes of a visit as the lesson timer records them: from one (a visit cut short still
 * happened) up to ten hours (a timer left running is capped by the screen, never stored wild).
 */
export const OBSERVATION_MINUTES = { min: 1, max: 600 } as const;

/** `indicatorId` came later than the other fields: an absent one reads as null. */
function optionalIndicatorId(): Validator {
	const check = nullable(key(INDICATOR_ID_PATTERN));
	return (value, path) => (value === undefined ? [] : check(value, path));
}

export const recommendationSchema = /* @__PURE__ */ objectSchema<Recommendation>({
	id: uuid(),
	text: text({ required: true, max: 4000 }),
	competencyId: nullable(key(COMPETENCY_ID_PATTERN)),
	indicatorId: optionalIndicatorId(),
	deficitId: nullable(uuid()),
	actionId: nullable(uuid())
})
	// Indicator ids carry their competency as a prefix; a suggestion names both, and they agree.
	.refine(['competencyId', 'indicatorId'], (r) =>
		r.indicatorId != null && (r.competencyId === null || !r.indicatorId.startsWith(`${r.competencyId}.`))
			? [issue('indicatorId', 'mismatch', { competencyId: r.competencyId ?? '' })]
			: []
	);

export const observationSchema = /* @__PURE__ */ objectSchema<Draft<Observation>>({
	observerId: uuid(),
	teacherId: uuid(),
	observerRole: oneOf(OBSERVER_ROLES),
	mode: oneOf(OBSERVATION_MODES),
	status: oneOf(OBSERVATION_STATUSES),
	date: date(),
	className: text({ max: 200 }),
	subject: text({ max: 200 }),
	topic: text({ max: 300 }),
	purpose: text({ max: 4000 }),
	frameworkId: uuid(),
	frameworkVersion: int({ min: 1 }),
	scores: scoresField(),
	durationMinutes: nullable(int(OBSERVATION_MINUTES)),
	strengths: text({ max: 4000 }),
	notes: text({ max: 4000 }),
	recommendations: arrayOf(recommendationSchema.field, { max: 50 }),
	acknowledgedAt: nullable(instant()),
	reflection: text({ max: 4000 })
})
	.refine(['observerId', 'teacherId'], (o) =>
		o.observerId === o.teacherId ? [issue('teacherId', 'must_differ', { other: 'observerId' })] : []
	)
	// The teacher acknowledges what the observer handed over; a draft has not been handed over.
	.refine(['status', 'acknowledgedAt'], (o) =>
		o.status === 'draft' && o.acknowledgedAt !== null ? [issue('acknowledgedAt', 'not_allowed')] : []
	)
	.refine(['recommendations'], (o) =>
		o.recommendations.flatMap((r, index) =>
			o.recommendations.findIndex((x) => x.id === r.id) < index
				? [issue(`recommendations.${index}.id`, 'duplicate')]
				: []
		)
	);
