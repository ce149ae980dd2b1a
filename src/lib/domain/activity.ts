import { academicYearOf } from './academic-year';
import type { Draft, Id, IsoDate, SyncedRow } from './common';
import type { ActionType, PlanAction } from './development-plan';

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

// ——— The year an activity counts in ———

/**
 * The academic year an activity counts in: a completed one in the year it ended — the year the
 * indicators count a course in (PD_ANY, PD_QUALITY: a course started in August and finished in
 * September is the new year's) — anything else in the year it started. The list of activities,
 * the teacher's home and the growth view all group by this, so their figures agree.
 */
export function activityYearOf(activity: Pick<Activity, 'startDate' | 'endDate' | 'completed'>): number {
	return academicYearOf(activity.completed && activity.endDate ? activity.endDate : activity.startDate);
}

/**
 * Course hours of an academic year: courses marked completed, by `activityYearOf`. A course not
 * marked completed yet is under way: its hours are given apart, never added, so the list («56
 * часов») and the total («0 часов») cannot disagree without saying why.
 */
export function courseHours(
	list: readonly Pick<Activity, 'kind' | 'startDate' | 'endDate' | 'hours' | 'completed' | 'deletedAt'>[],
	academicYear: number
): { completed: number; underway: number } {
	let completed = 0;
	let underway = 0;
	for (const a of list) {
		if (a.deletedAt || a.kind !== 'course' || a.hours === null || activityYearOf(a) !== academicYear) continue;
		if (a.completed) completed += a.hours;
		else underway += a.hours;
	}
	return { completed, underway };
}

// ——— From the plan to the portfolio ———

/**
 * The kind of activity a completed ИОМ action of this type is, if any: a course taken, an
 * internship, an open lesson given or a competition entered belongs in the portfolio too.
 */
export type ActionActivityKind = Extract<ActivityKind, 'course' | 'internship' | 'open_lesson' | 'competition'>;

export function activityKindOfAction(type: ActionType): ActionActivityKind | null {
	switch (type) {
		case 'course':
		case 'internship':
		case 'open_lesson':
		case 'competition':
			return type;
		default:
			return null;
	}
}

/**
 * The activity a completed ИОМ action proposes, for the teacher to check and complete (the
 * provider, the real dates, the quality topic, a competition's level): its title, hours and
 * certificate, ended on the day it was done, linked back to the action.
 */
export function activityFromAction(
	action: Pick<PlanAction, 'id' | 'teacherId' | 'type' | 'title' | 'hours' | 'evidence'>,
	doneOn: IsoDate
): Draft<Activity> | null {
	const kind = activityKindOfAction(action.type);
	if (!kind) return null;
	const certificate = kind === 'course' ? (action.evidence.find((e) => e.kind === 'certificate')?.value ?? '') : '';
	return {
		teacherId: action.teacherId,
		kind,
		title: action.title,
		startDate: doneOn,
		endDate: doneOn,
		provider: '',
		hours: kind === 'course' || kind === 'internship' ? action.hours : null,
		certificate,
		qualityRelated: false,
		completed: true,
		communityType: null,
		competitionLevel: null,
		result: '',
		planActionId: action.id
	};
}
