import { academicYearOf } from './academic-year';
import type { Id, IsoDate, IsoDateTime, Result, SyncedRow } from './common';

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

export const SESSION_FORMATS = [
	'consultation',
	'joint_planning',
	'lesson_review',
	'lesson_visit',
	'master_class'
] as const;
/** консультация, совместное планирование урока, разбор урока, посещение урока, мастер-класс. */
export type SessionFormat = (typeof SESSION_FORMATS)[number];

/**
 * Which planned meeting of the pair's programme a session fulfils: the meeting's planned date
 * (the programme's meetings have no ids, and only the methodist edits them), or 'none' for a
 * meeting outside the programme.
 */
export type PlannedMeetingKey = IsoDate | 'none';

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
	/**
	 * The planned meeting it fulfils; null: not said (logged before sessions said it), matched to
	 * the programme by date.
	 */
	plannedMeeting: PlannedMeetingKey | null;
	/** Mentee-owned: the mentee confirms the session took place. */
	acknowledgedAt: IsoDateTime | null;
}

// ——— Rules of a pair ———

/** The pair's term: what "at a time" is measured against. */
export type PairTerm = Pick<MentoringPair, 'startDate' | 'endDate'>;

/**
 * Where a pair stands on `today`. `status` records what someone decided; the phase adds the
 * calendar: an active pair that has not started yet is upcoming, and one whose planned end has
 * passed is expired even if nobody closed it — it no longer counts as support.
 */
export type PairPhase = 'upcoming' | 'active' | 'expired' | 'completed' | 'terminated';

export function pairPhase(pair: Pick<MentoringPair, 'status' | 'startDate' | 'endDate'>, today: IsoDate): PairPhase {
	if (pair.status !== 'active') return pair.status;
	if (today < pair.startDate) return 'upcoming';
	if (pair.endDate !== null && today > pair.endDate) return 'expired';
	return 'active';
}

/** The mentee has this mentor today: status active and today within the term (both days included). */
export function isPairActive(pair: Pick<MentoringPair, 'status' | 'startDate' | 'endDate'>, today: IsoDate): boolean {
	return pairPhase(pair, today) === 'active';
}

/** Active today or starting later: the mentee is taken care of, or will be. */
export function isPairCurrent(pair: Pick<MentoringPair, 'status' | 'startDate' | 'endDate'>, today: IsoDate): boolean {
	const phase = pairPhase(pair, today);
	return phase === 'active' || phase === 'upcoming';
}

/** Two terms share at least one day; a term without an end runs on indefinitely. */
export function termsOverlap(a: PairTerm, b: PairTerm): boolean {
	// ISO dates order as strings; '9999-12-31' stands for "no end yet".
	return a.startDate <= (b.endDate ?? '9999-12-31') && b.startDate <= (a.endDate ?? '9999-12-31');
}

/**
 * Another active pair of the same mentee whose term overlaps the candidate's, if any: a mentee
 * has one mentor at a time. Only status counts, not today's date, because a pair that was never
 * closed still claims its term in the records. The candidate itself (same id) is skipped, so an
 * edit of a pair's dates can be checked with the same rule.
 */
export function conflictingPair(
	candidate: Pick<MentoringPair, 'menteeId' | 'startDate' | 'endDate'> & { id?: Id },
	others: readonly MentoringPair[]
): MentoringPair | undefined {
	return others.find(
		(p) =>
			p.id !== candidate.id &&
			p.deletedAt === null &&
			p.menteeId === candidate.menteeId &&
			p.status === 'active' &&
			termsOverlap(p, candidate)
	);
}

export type EndPairError = 'not_active' | 'before_start';

/**
 * Close a pair: completed (the programme was carried out) or terminated (stopped early). The end
 * date becomes `on`, which may differ from the planned one either way, but not precede the start.
 * A pair already closed stays as it was: its end is history.
 */
export function endPair(
	pair: MentoringPair,
	status: 'completed' | 'terminated',
	on: IsoDate
): Result<MentoringPair, EndPairError> {
	if (pair.status !== 'active') return { ok: false, error: 'not_active' };
	if (on < pair.startDate) return { ok: false, error: 'before_start' };
	return { ok: true, value: { ...pair, status, endDate: on } };
}

/** Planned meetings by date; meetings of one day keep the order they were entered in. */
export function sortMeetings(meetings: readonly PlannedMeeting[]): PlannedMeeting[] {
	return meetings
		.map((m, i) => ({ m, i }))
		.sort((a, b) => a.m.date.localeCompare(b.m.date) || a.i - b.i)
		.map(({ m }) => ({ ...m }));
}

/**
 * The planned end offered for a new pair: 31 May closing the academic year the pair starts in
 * (the next 31 May for a start in June–August, when pairs for the coming year are formed).
 * 31 May rather than 31 August: the programme follows the teaching period — lessons to visit,
 * the final diagnostics and the mentor's report all fall before June — and a pair left open
 * over the summer would count as support that nobody gives.
 */
export function defaultEndDate(startDate: IsoDate): IsoDate {
	const year = academicYearOf(startDate) + 1;
	const end = `${String(year).padStart(4, '0')}-05-31`;
	return end >= startDate ? end : `${String(year + 1).padStart(4, '0')}-05-31`;
}
