import type { IsoDate } from './common';
import {
	isPairActive,
	type MentoringPair,
	type MentoringSession,
	type PlannedMeeting,
	type PlannedMeetingKey
} from './mentoring';
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
export type PairAccess =
	{ state: 'active' } | { state: 'not_started'; from: IsoDate } | { state: 'ended'; on: IsoDate | null };

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
export const MENTOR_SESSION_FIELDS = [
	'date',
	'format',
	'topic',
	'notes',
	'durationMinutes',
	'nextSteps',
	'plannedMeeting'
] as const;
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
export function sessionTotals(sessions: readonly Pick<MentoringSession, 'durationMinutes' | 'deletedAt'>[]): {
	count: number;
	minutes: number;
} {
	const counted = sessions.filter((s) => s.deletedAt === null);
	return { count: counted.length, minutes: counted.reduce((sum, s) => sum + s.durationMinutes, 0) };
}

/**
 * A session that does not say which planned meeting it fulfils (logged before sessions said it)
 * holds one moved by up to this many days either way.
 */
export const HELD_WINDOW_DAYS = 7;

/** A new session is proposed for the nearest planned meeting not held yet within this many days (a month: meetings are about monthly). */
export const PROPOSAL_WINDOW_DAYS = 31;

export type PlannedMeetingState = 'held' | 'missed' | 'upcoming';

export interface PlannedMeetingOutcome<S> {
	meeting: PlannedMeeting;
	/** The session that held it, or null. */
	session: S | null;
	/** held; missed: its window has passed without a session; upcoming: it may still be held. */
	state: PlannedMeetingState;
	/** Held by a session that names it (rather than by a session near its date). */
	linked: boolean;
}

function dayNumber(date: IsoDate): number {
	const d = parseIsoDate(date);
	if (!d) throw new RangeError(`Not an ISO date: ${date}`);
	return Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;
}

type Countable = Pick<MentoringSession, 'id' | 'date' | 'deletedAt'> & { plannedMeeting?: PlannedMeetingKey | null };

/**
 * The programme's planned meetings against the sessions actually held, counted by what each
 * session says it fulfils:
 * - a session naming a planned meeting (by its date) holds it, however far from that date the
 *   pair met; two meetings planned on one day take two sessions, in date order;
 * - a session put outside the programme ('none') holds nothing;
 * - a session that says nothing (logged before sessions said it), or names a meeting no longer in
 *   the programme, holds the nearest meeting still free within ±HELD_WINDOW_DAYS of its date, as
 *   before: meetings are matched in date order, each to the nearest such session.
 * One session holds one planned meeting at most.
 */
export function plannedMeetingOutcomes<S extends Countable>(
	meetings: readonly PlannedMeeting[],
	sessions: readonly S[],
	today: IsoDate
): PlannedMeetingOutcome<S>[] {
	const alive = sessions.filter((s) => s.deletedAt === null && parseIsoDate(s.date));
	const ordered = meetings.map((meeting, index) => ({ meeting, index })).filter((m) => parseIsoDate(m.meeting.date));
	ordered.sort((a, b) => a.meeting.date.localeCompare(b.meeting.date) || a.index - b.index);
	const planned = new Set(ordered.map((m) => m.meeting.date));
	const holder = new Map<number, { session: S; linked: boolean }>();

	// Named: each session holds the first meeting of its day not yet held, earliest session first.
	const named = alive.filter((s) => typeof s.plannedMeeting === 'string' && planned.has(s.plannedMeeting));
	named.sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
	for (const s of named) {
		const slot = ordered.find((m) => m.meeting.date === s.plannedMeeting && !holder.has(m.index));
		if (slot) holder.set(slot.index, { session: s, linked: true });
	}

	// Unsaid: the date window, over the meetings still free.
	const used = new Set<string>();
	const unsaid = alive.filter(
		(s) => s.plannedMeeting == null || (s.plannedMeeting !== 'none' && !planned.has(s.plannedMeeting))
	);
	for (const { meeting, index } of ordered) {
		if (holder.has(index)) continue;
		const day = dayNumber(meeting.date);
		let best: S | null = null;
		let bestDistance = Infinity;
		for (const s of unsaid) {
			if (used.has(s.id)) continue;
			const distance = Math.abs(dayNumber(s.date) - day);
			if (distance <= HELD_WINDOW_DAYS && distance < bestDistance) {
				best = s;
				bestDistance = distance;
			}
		}
		if (best) {
			used.add(best.id);
			holder.set(index, { session: best, linked: false });
		}
	}

	const now = dayNumber(today);
	// Back in the programme's own order; a meeting with a malformed date cannot be matched.
	return meetings.map((meeting, index) => {
		const held = holder.get(index);
		if (held) return { meeting, session: held.session, state: 'held' as const, linked: held.linked };
		const missed = parseIsoDate(meeting.date) !== null && now > dayNumber(meeting.date) + HELD_WINDOW_DAYS;
		return { meeting, session: null, state: missed ? ('missed' as const) : ('upcoming' as const), linked: false };
	});
}

/**
 * The planned meeting to propose for a session dated `date`: the nearest by date that no other
 * session holds, within PROPOSAL_WINDOW_DAYS (the earlier of two as near); 'none' when there is
 * no such meeting. `self`: the session being edited, which does not hold anything against itself.
 */
export function proposePlannedMeeting(
	meetings: readonly PlannedMeeting[],
	sessions: readonly Countable[],
	date: IsoDate,
	self: string | null = null
): PlannedMeetingKey {
	if (!parseIsoDate(date)) return 'none';
	const others = sessions.filter((s) => s.id !== self);
	const outcomes = plannedMeetingOutcomes(meetings, others, date);
	const day = dayNumber(date);
	let best: PlannedMeeting | null = null;
	let bestDistance = Infinity;
	for (const o of outcomes) {
		if (o.state === 'held' || !parseIsoDate(o.meeting.date)) continue;
		const distance = Math.abs(dayNumber(o.meeting.date) - day);
		if (distance > PROPOSAL_WINDOW_DAYS) continue;
		if (distance < bestDistance || (distance === bestDistance && best !== null && o.meeting.date < best.date)) {
			best = o.meeting;
			bestDistance = distance;
		}
	}
	return best ? best.date : 'none';
}

/** The next planned meeting on or after `today`, or null. */
export function nextPlannedMeeting(meetings: readonly PlannedMeeting[], today: IsoDate): PlannedMeeting | null {
	return [...meetings].filter((m) => m.date >= today).sort((a, b) => a.date.localeCompare(b.date))[0] ?? null;
}

/** Newest first: by date, then by when the record was last written (two sessions on one day). */
export function newestFirst<S extends Pick<MentoringSession, 'date' | 'updatedAt' | 'id'>>(a: S, b: S): number {
	return b.date.localeCompare(a.date) || b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id);
}
