import type { IsoDate } from './common';
import { isPairActive, type MentoringPair, type MentoringSession, type PlannedMeeting } from './mentoring';
import { parseIsoDate } from './dates';
import { issue, type Issue } from './validation';

/**
 * A pair is active on `today` when its status says so and today lies within its term (both ends
 * inclusive; an open end means "until someone ends it"). Only an active pair lets the mentor see
 * the mentee's deficits and plan and log sessions (DOMAIN.md, Privacy): a pair whose end date has
 * passed is over even before anyone changes its status.
 */
export function isPairActiveOn(pair: Pick<MentoringPair, 'status' | 'startDate' | 'endDate'>, today: IsoDate): boolean {
	// One rule for "active" in the whole app: the one the methodist's screens use.
	return isPairActive(pair, today);
}

/** Why a pair is not active on `today`, for the message the mentor sees instead of the mentee's data. */
export type PairAccess = { state: 'active' } | { state: 'not_started'; from: IsoDate } | { state: 'ended'; on: IsoDate | null };

export function pairAccess(pair: Pick<MentoringPair, 'status' | 'startDate' | 'endDate'>, today: IsoDate): PairAccess {
	if (isPairActiveOn(pair, today)) return { state: 'active' };
	if (pair.status === 'active' && today < pair.startDate) return { state: 'not_started', from: pair.startDate };
	return { state: 'ended', on: pair.endDate };
}

/**
 * Who owns which field of a session. The mentor writes the record of the meeting; the mentee only
 * confirms it took place. Each side changes only its own fields, so the server's per-field
 * conflict check never sees the two overwrite each other (ARCHITECTURE.md, Sync protocol).
 */
export const MENTOR_SESSION_FIELDS = ['date', 'format', 'topic', 'notes', 'durationMinutes', 'nextSteps'] as const;
export const MENTEE_SESSION_FIELDS = ['acknowledgedAt'] as const;
export type MentorSessionField = (typeof MENTOR_SESSION_FIELDS)[number];
export type MenteeSessionField = (typeof MENTEE_SESSION_FIELDS)[number];
export type MentorSessionPatch = Partial<Pick<MentoringSession, MentorSessionField>>;

/** A `not_allowed` issue for every key of a mentor's patch that is not a mentor-owned field. */
export function mentorPatchIssues(patch: Record<string, unknown>): Issue[] {
	const own = MENTOR_SESSION_FIELDS as readonly string[];
	return Object.keys(patch)
		.filter((k) => !own.includes(k))
		.map((k) => issue(k, 'not_allowed'));
}

/**
 * A session is logged after it happened: a date after `today` is refused. Checked apart from the
 * schema because "today" is the device's, which the schema (shared with the server) cannot know.
 */
export function sessionDateIssues(session: Pick<MentoringSession, 'date'>, today: IsoDate): Issue[] {
	return parseIsoDate(session.date) && session.date > today ? [issue('date', 'date_after', { max: today })] : [];
}

/** Sessions held and their total length. */
export function sessionTotals(sessions: readonly Pick<MentoringSession, 'durationMinutes' | 'deletedAt'>[]): { count: number; minutes: number } {
	const counted = sessions.filter((s) => s.deletedAt === null);
	return { count: counted.length, minutes: counted.reduce((sum, s) => sum + s.durationMinutes, 0) };
}

/** A meeting moved by up to this many days either way still counts as held. */
export const HELD_WINDOW_DAYS = 7;

export type PlannedMeetingState = 'held' | 'missed' | 'upcoming';

export interface PlannedMeetingOutcome<S> {
	meeting: PlannedMeeting;
	/** The session that held it, or null. */
	session: S | null;
	/** held; missed: its window has passed without a session; upcoming: it may still be held. */
	state: PlannedMeetingState;
}

function dayNumber(date: IsoDate): number {
	const d = parseIsoDate(date);
	if (!d) throw new RangeError(`Not an ISO date: ${date}`);
	return Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;
}

/**
 * The programme's planned meetings against the sessions actually held. A planned meeting is held
 * by the nearest session within ±HELD_WINDOW_DAYS of its date (meetings get moved, rarely by more
 * than a week); one session holds one planned meeting at most, so two planned meetings are never
 * counted as held by a single visit. Meetings are matched in date order, each to the nearest
 * session still free.
 */
export function plannedMeetingOutcomes<S extends Pick<MentoringSession, 'id' | 'date' | 'deletedAt'>>(
	meetings: readonly PlannedMeeting[],
	sessions: readonly S[],
	today: IsoDate
): PlannedMeetingOutcome<S>[] {
	const free = sessions.filter((s) => s.deletedAt === null && parseIsoDate(s.date));
	const used = new Set<string>();
	const ordered = meetings.map((meeting, index) => ({ meeting, index })).filter((m) => parseIsoDate(m.meeting.date));
	ordered.sort((a, b) => a.meeting.date.localeCompare(b.meeting.date) || a.index - b.index);
	const outcomes = new Map<number, PlannedMeetingOutcome<S>>();
	for (const { meeting, index } of ordered) {
		const day = dayNumber(meeting.date);
		let best: S | null = null;
		let bestDistance = Infinity;
		for (const s of free) {
			if (used.has(s.id)) continue;
			const distance = Math.abs(dayNumber(s.date) - day);
			if (distance <= HELD_WINDOW_DAYS && distance < bestDistance) {
				best = s;
				bestDistance = distance;
			}
		}
		if (best) used.add(best.id);
		const windowPassed = dayNumber(today) > day + HELD_WINDOW_DAYS;
		outcomes.set(index, { meeting, session: best, state: best ? 'held' : windowPassed ? 'missed' : 'upcoming' });
	}
	// Back in the programme's own order; a meeting with a malformed date cannot be matched.
	return meetings.map((meeting, index) => outcomes.get(index) ?? { meeting, session: null, state: 'upcoming' });
}

/** The next planned meeting on or after `today`, or null. */
export function nextPlannedMeeting(meetings: readonly PlannedMeeting[], today: IsoDate): PlannedMeeting | null {
	return [...meetings].filter((m) => m.date >= today).sort((a, b) => a.date.localeCompare(b.date))[0] ?? null;
}

/** Newest first: by date, then by when the record was last written (two sessions on one day). */
export function newestFirst<S extends Pick<MentoringSession, 'date' | 'updatedAt' | 'id'>>(a: S, b: S): number {
	return b.date.localeCompare(a.date) || b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id);
}
