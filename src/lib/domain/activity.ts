import type { Id, IsoDate, SyncedRow } from './common';

export const ACTIVITY_KINDS = [
	'course',
	'community',
	'competition',
	'open_lesson',
	'publication',
	'methodical_day',
	'internship'
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const COMMUNITY_TYPES = ['shmo', 'rmo', 'tgpr', 'pos', 'network'] as const;
/** ШМО, РМО, ТГПР, ПОС, сетевое сообщество. */
export type CommunityType = (typeof COMMUNITY_TYPES)[number];

export const COMPETITION_LEVELS = ['school', 'municipal', 'regional', 'federal'] as const;
export type CompetitionLevel = (typeof COMPETITION_LEVELS)[number];

export interface Activity extends SyncedRow {
	teacherId: Id;
	kind: ActivityKind;
	title: string;
	startDate: IsoDate;
	endDate: IsoDate | null;
	/** Courses: the provider (организация, проводившая обучение). */
	provider: string;
	hours: number | null;
	/** Courses: certificate (удостоверение) number. */
	certificate: string;
	/** Courses: «по вопросам качества образования». */
	qualityRelated: boolean;
	/** A course counts as completed for indicators only when this is set. */
	completed: boolean;
	communityType: CommunityType | null;
	competitionLevel: CompetitionLevel | null;
	/** Competitions: участник, призёр, победитель… */
	result: string;
	/**
	 * The ИОМ action this activity records (a course the plan led to, completed): the teacher
	 * enters it once, and the plan shows where it went. Null for an activity of its own.
	 */
	planActionId: Id | null;
}
