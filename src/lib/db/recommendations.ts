import type { Id, IsoDate } from '$lib/domain/common';
import { byUrgency, type Recommendation } from '$lib/domain/recommendation';
import { addressedRecommendationSchema } from '$lib/domain/schemas/recommendation';
import { issue } from '$lib/domain/validation';
import type { AppDatabase } from './database';
import { LocalWriteError } from './errors';
import { nowIso } from './ids';
import * as rows from './rows';

/*
 * Addressed recommendations. The author owns the text and the due date; the recipient owns the
 * mark «выполнено» (doneAt/doneBy). Each side writes only its own fields, so the two never
 * overwrite each other; the server's column rules refuse anything else.
 */

export type NewRecommendation = Pick<Recommendation, 'authorId' | 'organizationId' | 'teacherId' | 'body' | 'dueOn'>;
export type RecommendationPatch = Partial<Pick<Recommendation, 'body' | 'dueOn'>>;

function draftOf(input: NewRecommendation) {
	return {
		authorId: input.authorId,
		organizationId: input.organizationId,
		teacherId: input.teacherId ?? null,
		body: typeof input.body === 'string' ? input.body.trim() : input.body,
		dueOn: input.dueOn || null,
		doneAt: null,
		doneBy: null
	};
}

/** Every issue of a new recommendation; the form shows them before anything is written. */
export function validate(input: NewRecommendation) {
	return addressedRecommendationSchema.validate(draftOf(input));
}

/** Write a recommendation in one's own name. */
export function add(db: AppDatabase, input: NewRecommendation, actor: rows.Actor): Promise<Recommendation> {
	if (actor.profileId !== input.authorId) {
		return Promise.reject(
			new LocalWriteError('invalid', 'recommendations: author is not the actor', [issue('authorId', 'mismatch')])
		);
	}
	// The time it is written here, kept through sync: one written offline is dated when it was written.
	const draft = { ...draftOf(input), createdAt: nowIso() };
	return rows.insert(db, 'recommendations', draft, actor, (d) => addressedRecommendationSchema.validate(d));
}

/** The author edits the text or the due date (never `createdAt`: it stays when it was written). */
export function edit(db: AppDatabase, id: Id, patch: RecommendationPatch, actor: rows.Actor): Promise<Recommendation> {
	const clean: RecommendationPatch = {};
	if (patch.body !== undefined) clean.body = patch.body.trim();
	if (patch.dueOn !== undefined) clean.dueOn = patch.dueOn || null;
	return rows.update(db, 'recommendations', id, clean, actor, (r) => addressedRecommendationSchema.validate(r));
}

/** The recipient marks it done (signed with their own profile), or open again. */
export function markDone(db: AppDatabase, id: Id, done: boolean, actor: rows.Actor): Promise<Recommendation> {
	if (done && !actor.profileId) {
		return Promise.reject(
			new LocalWriteError('invalid', 'recommendations: marking done needs a profile', [issue('doneBy', 'required')])
		);
	}
	const patch = done ? { doneAt: nowIso(), doneBy: actor.profileId } : { doneAt: null, doneBy: null };
	return rows.update(db, 'recommendations', id, patch, actor, (r) => addressedRecommendationSchema.validate(r));
}

/** The author withdraws it (a tombstone: the recipients' devices drop it too). */
export function remove(db: AppDatabase, id: Id, actor: rows.Actor): Promise<void> {
	return rows.remove(db, 'recommendations', id, actor);
}

/** Everything addressed to a school: to the whole school and to each of its teachers. Open first. */
export async function listForSchool(db: AppDatabase, organizationId: Id): Promise<Recommendation[]> {
	return rows.alive(await db.recommendations.where('organizationId').equals(organizationId).toArray()).sort(byUrgency);
}

/**
 * What a teacher is asked to do: recommendations to them and to their school (`schoolIds`, the
 * schools of their memberships). Open first.
 */
export async function listForTeacher(
	db: AppDatabase,
	teacherId: Id,
	schoolIds: readonly Id[]
): Promise<Recommendation[]> {
	const own = await db.recommendations.where('teacherId').equals(teacherId).toArray();
	const schoolWide = schoolIds.length
		? (
				await db.recommendations
					.where('organizationId')
					.anyOf([...schoolIds])
					.toArray()
			).filter((r) => r.teacherId === null)
		: [];
	return rows.alive([...own, ...schoolWide]).sort(byUrgency);
}

/** How many are still open, and how many of those are past their due date. */
export function summary(list: readonly Recommendation[], today: IsoDate): { open: number; overdue: number } {
	const open = list.filter((r) => r.doneAt === null);
	return { open: open.length, overdue: open.filter((r) => r.dueOn !== null && r.dueOn < today).length };
}

/** The recommendations a teacher sees: to them, and to the schools where they teach or mentor. */
export async function listMine(db: AppDatabase, profileId: Id): Promise<Recommendation[]> {
	const memberships = await db.memberships.where('profileId').equals(profileId).toArray();
	const schools = new Set(
		memberships
			.filter((m) => !m.deletedAt && (m.role === 'teacher' || m.role === 'mentor'))
			.map((m) => m.organizationId)
	);
	return listForTeacher(db, profileId, [...schools]);
}
