import type { Id, IsoDate, IsoDateTime, SyncedRow } from './common';

export const MENTORING_MODELS = [
	'experienced_young',
	'leader_struggling',
	'subject_expert_novice',
	'head_teacher',
	'group',
	'peer'
] as const;
/**
 * опытный педагог – молодой специалист; лидер – педагог с профессиональными затруднениями;
 * опытный предметник – неопытный предметник; руководитель – педагог; групповое; учитель – учитель.
 */
export type MentoringModel = (typeof MENTORING_MODELS)[number];

export const PAIR_STATUSES = ['active', 'completed', 'terminated'] as const;
export type PairStatus = (typeof PAIR_STATUSES)[number];

export interface PlannedMeeting {
	date: IsoDate;
	topic: string;
}

/** Наставническая пара with its персонализированная программа наставничества. */
export interface MentoringPair extends SyncedRow {
	schoolId: Id;
	mentorId: Id;
	menteeId: Id;
	model: MentoringModel;
	startDate: IsoDate;
	endDate: IsoDate | null;
	status: PairStatus;
	goals: string;
	deficitIds: Id[];
	plannedMeetings: PlannedMeeting[];
	expectedResults: string;
}

export const SESSION_FORMATS = ['consultation', 'joint_planning', 'lesson_review', 'lesson_visit', 'master_class'] as const;
/** консультация, совместное планирование урока, разбор урока, посещение урока, мастер-класс. */
export type SessionFormat = (typeof SESSION_FORMATS)[number];

export interface MentoringSession extends SyncedRow {
	pairId: Id;
	mentorId: Id;
	menteeId: Id;
	date: IsoDate;
	format: SessionFormat;
	topic: string;
	notes: string;
	durationMinutes: number;
	nextSteps: string;
	/** Mentee-owned: the mentee confirms the session took place. */
	acknowledgedAt: IsoDateTime | null;
}
