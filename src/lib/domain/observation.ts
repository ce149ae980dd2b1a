import type { Scores } from './assessment';
import type { Id, IsoDate, IsoDateTime, SyncedRow } from './common';

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
