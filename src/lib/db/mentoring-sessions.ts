import type { Draft, Id, IsoDate } from '$lib/domain/common';
import type { MentoringPair, MentoringSession, PlannedMeetingKey } from '$lib/domain/mentoring';
import {
	isPairActiveOn,
	mentorPatchIssues,
	newestFirst,
	sessionDateIssues,
	type MentorSessionPatch
} from '$lib/domain/mentoring-session';
import type { Observation } from '$lib/domain/observation';
import type { Profile } from '$lib/domain/profile';
import { mentoringSessionSchema, validateSessionForPair, validateSessionMeeting } from '$lib/domain/schemas/mentoring';
import type { Issue } from '$lib/domain/validation';
import { today as deviceToday } from '$lib/session/clock';
import type { AppDatabase } from './database';
import { LocalWriteError } from './errors';
import { nowIso } from './ids';
import * as rows from './rows';

/**
 * What the mentor fills in about a meeting; the pair gives the people, the mentee confirms later.
 * `plannedMeeting`: the programme's meeting it fulfils (the form proposes the nearest by date).
 */
export type NewSession = Pick<
	MentoringSession,
	'date' | 'format' | 'topic' | 'notes' | 'durationMinutes' | 'nextSteps'
> & {
	plannedMeeting?: PlannedMeetingKey | null;
};

function invalid(what: string, issues: Issue[]): LocalWriteError {
	return new LocalWriteError('invalid', `${what}: ${issues.map((i) => `${i.path}: ${i.code}`).join('; ')}`, issues);
}

// ——— Reads ———

/** A pair by id (read here rather than in mentoring.ts, which another part of the app owns). */
export async function getPair(db: AppDatabase, id: Id): Promise<MentoringPair | undefined> {
	const row = await db.mentoring_pairs.get(id);
	return row && !row.deletedAt ? row : undefined;
}

export async function get(db: AppDatabase, id: Id): Promise<MentoringSession | undefined> {
	const row = await db.mentoring_sessions.get(id);
	return row && !row.deletedAt ? row : undefined;
}

/** A pair's sessions, newest first. */
export async function listForPair(db: AppDatabase, pairId: Id): Promise<MentoringSession[]> {
	return rows.alive(await db.mentoring_sessions.where('pairId').equals(pairId).toArray()).sort(newestFirst);
}

/** Every session about a mentee, across their pairs, newest first. */
export async function listForMentee(db: AppDatabase, menteeId: Id): Promise<MentoringSession[]> {
	return rows.alive(await db.mentoring_sessions.where('menteeId').equals(menteeId).toArray()).sort(newestFirst);
}

/**
 * Lessons of a teacher observed by one observer, oldest first. Only submitted protocols count: a
 * draft is an analysis still being written, not yet something to report.
 */
export async function observationsBy(db: AppDatabase, observerId: Id, teacherId: Id): Promise<Observation[]> {
	const all = rows.alive(await db.observations.where('teacherId').equals(teacherId).toArray());
	return all
		.filter((o) => o.observerId === observerId && o.status === 'submitted')
		.sort((a, b) => a.date.localeCompare(b.date));
}

/** The methodists of a school (a 'school_methodist' membership in it), by name. */
export async function methodistsOfSchool(db: AppDatabase, schoolId: Id): Promise<Profile[]> {
	const memberships = rows.alive(await db.memberships.where('organizationId').equals(schoolId).toArray());
	const ids = [...new Set(memberships.filter((m) => m.role === 'school_methodist').map((m) => m.profileId))];
	const people = rows.alive((await db.profiles.bulkGet(ids)).filter((p): p is Profile => p !== undefined));
	return people.sort((a, b) => a.fullName.localeCompare(b.fullName, 'ru'));
}

// ——— Writes ———

/** The row a new session becomes; the form validates exactly this before anything is written. */
export function draftOf(
	pair: Pick<MentoringPair, 'id' | 'mentorId' | 'menteeId'>,
	input: NewSession
): Draft<MentoringSession> {
	const trim = (v: string) => (typeof v === 'string' ? v.trim() : v);
	return {
		pairId: pair.id,
		mentorId: pair.mentorId,
		menteeId: pair.menteeId,
		date: input.date,
		format: input.format,
		topic: trim(input.topic),
		notes: trim(input.notes),
		durationMinutes: input.durationMinutes,
		nextSteps: trim(input.nextSteps),
		plannedMeeting: input.plannedMeeting ?? null,
		acknowledgedAt: null
	};
}

/**
 * Every issue of a session as it would be: the entity schema, the pair's rules, no future date,
 * and (`meeting`: when the link is being set) a planned meeting the programme has.
 */
export function validate(
	pair: MentoringPair,
	session: Draft<MentoringSession>,
	today: IsoDate,
	options: { meeting?: boolean } = {}
): Issue[] {
	const issues = mentoringSessionSchema.validate(session);
	const meeting =
		options.meeting === false || issues.some((i) => i.path === 'plannedMeeting')
			? []
			: validateSessionMeeting(session, pair);
	// The pair and date rules need a well-formed date; the schema has already spoken about a bad one.
	if (issues.some((i) => i.path === 'date')) return [...issues, ...meeting];
	const dated = sessionDateIssues(session, today);
	const paired = validateSessionForPair(session, pair).filter((i) => !(dated.length && i.path === 'date'));
	return [...issues, ...dated, ...paired, ...meeting];
}

/**
 * Only the pair's mentor writes its sessions, and only while the pair is active: after the end
 * the mentor no longer has access to the mentee's records (DOMAIN.md, Privacy).
 */
function ensureMentorOfActivePair(pair: MentoringPair, actor: rows.Actor, today: IsoDate): void {
	if (actor.profileId !== pair.mentorId)
		throw new LocalWriteError('forbidden', `mentoring_pairs/${pair.id}: not the mentor`);
	if (!isPairActiveOn(pair, today))
		throw new LocalWriteError('forbidden', `mentoring_pairs/${pair.id}: not active on ${today}`);
}

/**
 * Log a meeting that took place. The pair is read again inside the transaction: the one the
 * screen holds may have ended meanwhile (a sync, another tab). Nothing partial is written.
 */
export function addSession(
	db: AppDatabase,
	pair: Pick<MentoringPair, 'id'>,
	input: NewSession,
	actor: rows.Actor,
	today: IsoDate = deviceToday()
): Promise<MentoringSession> {
	return rows.transact(db, ['mentoring_pairs', 'mentoring_sessions'], async () => {
		const current = await getPair(db, pair.id);
		if (!current) throw new LocalWriteError('not-found', `mentoring_pairs/${pair.id}`);
		ensureMentorOfActivePair(current, actor, today);
		const draft = draftOf(current, input);
		const issues = validate(current, draft, today);
		if (issues.length) throw invalid('mentoring_sessions', issues);
		return rows.insert(db, 'mentoring_sessions', draft, actor);
	});
}

/**
 * Correct the mentor's record of a meeting. Mentor-owned fields only: a patch carrying the
 * mentee's acknowledgement (or the pair and people) is refused whole, so an edit on the mentor's
 * device can never undo the mentee's confirmation.
 */
export function updateSession(
	db: AppDatabase,
	id: Id,
	patch: MentorSessionPatch,
	actor: rows.Actor,
	today: IsoDate = deviceToday()
): Promise<MentoringSession> {
	return rows.transact(db, ['mentoring_pairs', 'mentoring_sessions'], async () => {
		const foreign = mentorPatchIssues(patch);
		if (foreign.length) throw invalid(`mentoring_sessions/${id}`, foreign);
		const session = await get(db, id);
		if (!session) throw new LocalWriteError('not-found', `mentoring_sessions/${id}`);
		const pair = await getPair(db, session.pairId);
		if (!pair) throw new LocalWriteError('not-found', `mentoring_pairs/${session.pairId}`);
		ensureMentorOfActivePair(pair, actor, today);
		const clean: MentorSessionPatch = { ...patch };
		for (const k of ['topic', 'notes', 'nextSteps'] as const) {
			const v = clean[k];
			if (typeof v === 'string') clean[k] = v.trim();
		}
		// The link is checked when it changes: one the methodist has moved since stays as it is.
		const relinked = clean.plannedMeeting !== undefined && clean.plannedMeeting !== session.plannedMeeting;
		const issues = validate(pair, { ...session, ...clean }, today, { meeting: relinked });
		if (issues.length) throw invalid(`mentoring_sessions/${id}`, issues);
		return rows.update(db, 'mentoring_sessions', id, clean, actor, (d) => mentoringSessionSchema.validate(d));
	});
}

/**
 * The mentee confirms the meeting took place. Sets `acknowledgedAt` and nothing else; a second
 * tap keeps the first confirmation (it only ever goes from empty to a time).
 */
export function acknowledge(db: AppDatabase, sessionId: Id, actor: rows.Actor): Promise<MentoringSession> {
	return rows.transact(db, ['mentoring_sessions'], async () => {
		const session = await get(db, sessionId);
		if (!session) throw new LocalWriteError('not-found', `mentoring_sessions/${sessionId}`);
		if (actor.profileId !== session.menteeId)
			throw new LocalWriteError('forbidden', `mentoring_sessions/${sessionId}: not the mentee`);
		if (session.acknowledgedAt) return session;
		return rows.update(db, 'mentoring_sessions', sessionId, { acknowledgedAt: nowIso() }, actor, (d) =>
			mentoringSessionSchema.validate(d)
		);
	});
}
