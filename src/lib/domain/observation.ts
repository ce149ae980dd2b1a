import { scoresField, type Scores } from './assessment';
import type { Draft, Id, IsoDate, IsoDateTime, SyncedRow } from './common';
import { COMPETENCY_ID_PATTERN } from './framework';
import { SESSION_MINUTES } from './mentoring';
import { arrayOf, date, instant, int, issue, key, nullable, objectSchema, oneOf, text, uuid } from './validation';

export const OBSERVER_ROLES = ['mentor', 'methodist', 'peer'] as const;
export type ObserverRole = (typeof OBSERVER_ROLES)[number];

export const OBSERVATION_MODES = ['quick', 'full'] as const;
export type ObservationMode = (typeof OBSERVATION_MODES)[number];

export const OBSERVATION_STATUSES = ['draft', 'submitted'] as const;
export type ObservationStatus = (typeof OBSERVATION_STATUSES)[number];

export interface Recommendation {
	id: Id;
	text: string;
	competencyId: string | null;
	/** Set when the recommendation was turned into a deficit / a plan action. */
	deficitId: Id | null;
	actionId: Id | null;
}

/**
 * Посещение и анализ урока. Observer-owned fields and teacher-owned fields
 * (`acknowledgedAt`, `reflection`) are separate, so the two never overwrite each other.
 */
export interface Observation extends SyncedRow {
	observerId: Id;
	teacherId: Id;
	observerRole: ObserverRole;
	mode: ObservationMode;
	status: ObservationStatus;
	date: IsoDate;
	className: string;
	subject: string;
	topic: string;
	purpose: string;
	frameworkId: Id;
	frameworkVersion: number;
	scores: Scores;
	durationMinutes: number | null;
	strengths: string;
	notes: string;
	recommendations: Recommendation[];
	acknowledgedAt: IsoDateTime | null;
	reflection: string;
}

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
