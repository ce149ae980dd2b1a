import type { Draft, Id, IsoDate } from '$lib/domain/common';
import { isIsoDate } from '$lib/domain/dates';
import {
	conflictingPair,
	endPair as closePair,
	sortMeetings,
	type MentoringPair,
	type MentoringSession,
	type PlannedMeeting
} from '$lib/domain/mentoring';
import { mentoringPairSchema, validateMeetingsForTerm, validateTermForRecords } from '$lib/domain/schemas/mentoring';
import { issue, type Issue } from '$lib/domain/validation';
import type { AppDatabase } from './database';
import * as deficits from './deficits';
import { LocalWriteError } from './errors';
import * as profiles from './profiles';
import * as rows from './rows';

/** What the methodist fills in to form a pair; the programme is written afterwards. */
export type NewPair = Pick<
	MentoringPair,
	'schoolId' | 'mentorId' | 'menteeId' | 'model' | 'startDate' | 'endDate' | 'goals'
>;

/** The персонализированная программа наставничества: what the pair works on and how. */
export type Programme = Pick<MentoringPair, 'goals' | 'deficitIds' | 'plannedMeetings' | 'expectedResults'>;

/** The pair's form and term; status moves go through `endPair`. */
export type PairPatch = Partial<Pick<MentoringPair, 'model' | 'startDate' | 'endDate'>>;

const PROGRAMME_FIELDS = ['goals', 'deficitIds', 'plannedMeetings', 'expectedResults'] as const;

function invalid(what: string, issues: Issue[]): LocalWriteError {
	return new LocalWriteError('invalid', `${what}: ${issues.map((i) => `${i.path}: ${i.code}`).join('; ')}`, issues);
}

function trimmed<T>(value: T): T {
	return (typeof value === 'string' ? value.trim() : value) as T;
}

const validate = (d: Draft<MentoringPair>) => mentoringPairSchema.validate(d);

// ——— Reads ———

export async function get(db: AppDatabase, id: Id): Promise<MentoringPair | undefined> {
	const row = await db.mentoring_pairs.get(id);
	return row && !row.deletedAt ? row : undefined;
}

/** Every pair of a school, newest start first. */
export async function listForSchool(db: AppDatabase, schoolId: Id): Promise<MentoringPair[]> {
	const all = rows.alive(await db.mentoring_pairs.where('schoolId').equals(schoolId).toArray());
	return all.sort((a, b) => b.startDate.localeCompare(a.startDate));
}

export async function pairsOfMentor(db: AppDatabase, mentorId: Id): Promise<MentoringPair[]> {
	return rows.alive(await db.mentoring_pairs.where('mentorId').equals(mentorId).toArray());
}

export async function pairsOfMentee(db: AppDatabase, menteeId: Id): Promise<MentoringPair[]> {
	return rows.alive(await db.mentoring_pairs.where('menteeId').equals(menteeId).toArray());
}

export async function sessionsOfPair(db: AppDatabase, pairId: Id): Promise<MentoringSession[]> {
	const all = rows.alive(await db.mentoring_sessions.where('pairId').equals(pairId).toArray());
	return all.sort((a, b) => b.date.localeCompare(a.date));
}

// ——— Writes ———

/** The row a new pair becomes: active, with an empty programme. The form validates exactly this. */
export function pairDraftOf(input: NewPair): Draft<MentoringPair> {
	return {
		schoolId: input.schoolId,
		mentorId: input.mentorId,
		menteeId: input.menteeId,
		model: input.model,
		startDate: input.startDate,
		endDate: input.endDate,
		status: 'active',
		goals: trimmed(input.goals),
		deficitIds: [],
		plannedMeetings: [],
		expectedResults: ''
	};
}

/** The mentee's other active pair in the same term, as an issue on `menteeId` the form can show. */
function conflictIssue(conflict: MentoringPair | undefined): Issue[] {
	return conflict ? [issue('menteeId', 'not_allowed', { reason: 'active_pair', pairId: conflict.id })] : [];
}

/**
 * Form a pair. Validated with the entity schema, then against the database: both people are on
 * this device, the mentee belongs to the pair's school, and the mentee has no other active pair
 * whose term overlaps (one mentor at a time). The check and the insert share a transaction, so a
 * double tap cannot make two pairs for one mentee on this device; the server repeats the rule
 * for two devices. Nothing is written when any check fails.
 */
export function createPair(db: AppDatabase, input: NewPair, actor: rows.Actor): Promise<MentoringPair> {
	return rows.transact(db, ['mentoring_pairs', 'profiles'], async () => {
		const draft = pairDraftOf(input);
		const schemaIssues = validate(draft);
		if (schemaIssues.length) throw invalid('mentoring_pairs', schemaIssues);
		const [mentor, mentee] = await Promise.all([profiles.get(db, draft.mentorId), profiles.get(db, draft.menteeId)]);
		const issues: Issue[] = [];
		if (!mentor) issues.push(issue('mentorId', 'invalid_id'));
		if (!mentee) issues.push(issue('menteeId', 'invalid_id'));
		else if (mentee.schoolId !== draft.schoolId) issues.push(issue('menteeId', 'mismatch'));
		else issues.push(...conflictIssue(conflictingPair(draft, await pairsOfMentee(db, draft.menteeId))));
		if (issues.length) throw invalid('mentoring_pairs', issues);
		return rows.insert(db, 'mentoring_pairs', draft, actor, validate);
	});
}

async function activePair(db: AppDatabase, pairId: Id): Promise<MentoringPair> {
	const pair = await get(db, pairId);
	if (!pair) throw new LocalWriteError('not-found', `mentoring_pairs/${pairId}`);
	// A closed pair is a record of what happened; its programme and term are no longer edited.
	if (pair.status !== 'active')
		throw invalid(`mentoring_pairs/${pairId}`, [issue('status', 'not_allowed', { reason: 'ended' })]);
	return pair;
}

/** Trimmed text, each deficit once, meetings by date with trimmed topics. */
function cleanProgramme(programme: Programme): Programme {
	const ids = Array.isArray(programme.deficitIds) ? [...new Set(programme.deficitIds)] : programme.deficitIds;
	const meetings = Array.isArray(programme.plannedMeetings)
		? sortMeetings(
				programme.plannedMeetings.map((m): PlannedMeeting => ({
					date: typeof m?.date === 'string' ? m.date : '',
					topic: typeof m?.topic === 'string' ? m.topic.trim() : ''
				}))
			)
		: programme.plannedMeetings;
	return {
		goals: trimmed(programme.goals),
		deficitIds: ids,
		plannedMeetings: meetings,
		expectedResults: trimmed(programme.expectedResults)
	};
}

/**
 * Write the programme of an active pair: goals, the mentee's deficits it addresses, planned
 * meetings (stored by date, each within the pair's term) and expected results. Issue paths match
 * the stored order: `plannedMeetings.2.date` is the third meeting by date. A deficit must be the
 * mentee's and not dismissed; one that has since been overcome may stay, it was addressed.
 */
export function updateProgramme(
	db: AppDatabase,
	pairId: Id,
	programme: Programme,
	actor: rows.Actor
): Promise<MentoringPair> {
	return rows.transact(db, ['mentoring_pairs', 'deficits'], async () => {
		const pair = await activePair(db, pairId);
		const clean = cleanProgramme(programme);
		const next = { ...pair, ...clean };
		const issues = validate(next).filter((i) =>
			PROGRAMME_FIELDS.some((f) => i.path === f || i.path.startsWith(`${f}.`))
		);
		const badDates = new Set(issues.filter((i) => i.path.endsWith('.date')).map((i) => i.path));
		issues.push(
			...validateMeetingsForTerm(Array.isArray(clean.plannedMeetings) ? clean.plannedMeetings : [], pair).filter(
				(i) => !badDates.has(i.path)
			)
		);
		if (Array.isArray(clean.deficitIds) && !issues.some((i) => i.path.startsWith('deficitIds'))) {
			const found = await Promise.all(clean.deficitIds.map((id) => deficits.get(db, id)));
			found.forEach((d, i) => {
				if (!d || d.teacherId !== pair.menteeId || d.status === 'dismissed')
					issues.push(issue(`deficitIds.${i}`, 'mismatch'));
			});
		}
		if (issues.length) throw invalid(`mentoring_pairs/${pairId}`, issues);
		return rows.update(db, 'mentoring_pairs', pairId, clean, actor, validate);
	});
}

/**
 * Change an active pair's model or term. The new term must still hold the planned meetings and
 * the sessions already recorded, and must not come to overlap another active pair of the mentee.
 */
export function updatePair(db: AppDatabase, pairId: Id, patch: PairPatch, actor: rows.Actor): Promise<MentoringPair> {
	return rows.transact(db, ['mentoring_pairs', 'mentoring_sessions'], async () => {
		const pair = await activePair(db, pairId);
		const clean: PairPatch = {};
		if (patch.model !== undefined) clean.model = patch.model;
		if (patch.startDate !== undefined) clean.startDate = patch.startDate;
		if (patch.endDate !== undefined) clean.endDate = patch.endDate;
		const next = { ...pair, ...clean };
		const schemaIssues = validate(next);
		if (schemaIssues.length) throw invalid(`mentoring_pairs/${pairId}`, schemaIssues);
		const sessions = await sessionsOfPair(db, pairId);
		const issues = validateTermForRecords(next, {
			meetings: pair.plannedMeetings.map((m) => m.date),
			sessions: sessions.map((s) => s.date)
		});
		if (next.startDate !== pair.startDate || next.endDate !== pair.endDate) {
			issues.push(...conflictIssue(conflictingPair(next, await pairsOfMentee(db, pair.menteeId))));
		}
		if (issues.length) throw invalid(`mentoring_pairs/${pairId}`, issues);
		return rows.update(db, 'mentoring_pairs', pairId, clean, actor, validate);
	});
}

/**
 * Close an active pair as completed or terminated on `on` (domain `endPair`). The end may not
 * precede the start, nor the last session held: the sessions stay within the pair's term.
 * Issues are on `endDate` (the date the methodist typed) or on `status`.
 */
export function endPair(
	db: AppDatabase,
	pairId: Id,
	status: 'completed' | 'terminated',
	on: IsoDate,
	actor: rows.Actor
): Promise<MentoringPair> {
	return rows.transact(db, ['mentoring_pairs', 'mentoring_sessions'], async () => {
		const pair = await get(db, pairId);
		if (!pair) throw new LocalWriteError('not-found', `mentoring_pairs/${pairId}`);
		const what = `mentoring_pairs/${pairId}`;
		if (status !== 'completed' && status !== 'terminated') throw invalid(what, [issue('status', 'invalid_option')]);
		const dateIssues = isIsoDate(on)
			? mentoringPairSchema.shape.endDate(on, 'endDate')
			: [issue('endDate', on ? 'invalid_date' : 'required')];
		if (dateIssues.length) throw invalid(what, dateIssues);
		const ended = closePair(pair, status, on);
		if (!ended.ok) {
			throw invalid(
				what,
				ended.error === 'not_active'
					? [issue('status', 'not_allowed', { from: pair.status, to: status })]
					: [issue('endDate', 'date_before', { min: pair.startDate })]
			);
		}
		const lastSession = (await sessionsOfPair(db, pairId))[0];
		if (lastSession && lastSession.date > on)
			throw invalid(what, [issue('endDate', 'date_before', { min: lastSession.date })]);
		return rows.update(
			db,
			'mentoring_pairs',
			pairId,
			{ status: ended.value.status, endDate: ended.value.endDate },
			actor,
			validate
		);
	});
}
