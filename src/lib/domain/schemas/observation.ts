import type { Draft } from '../common';
import { COMPETENCY_ID_PATTERN } from '../framework';
import {
	OBSERVATION_MODES,
	OBSERVATION_STATUSES,
	OBSERVER_ROLES,
	type Observation,
	type Recommendation
} from '../observation';
import { arrayOf, date, instant, int, issue, key, nullable, objectSchema, oneOf, text, uuid } from '../validation';
import { scoresField } from './assessment';
import { SESSION_MINUTES } from './mentoring';

const recommendationSchema = /* @__PURE__ */ objectSchema<Recommendation>({
	id: uuid(),
	text: text({ required: true, max: 4000 }),
	competencyId: nullable(key(COMPETENCY_ID_PATTERN)),
	deficitId: nullable(uuid()),
	actionId: nullable(uuid())
});

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
	durationMinutes: nullable(int(SESSION_MINUTES)),
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
	);
