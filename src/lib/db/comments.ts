import type { Comment, CommentTarget } from '$lib/domain/comment';
import type { Draft, Id } from '$lib/domain/common';
import { commentSchema } from '$lib/domain/schemas/comment';
import { issue, type Issue } from '$lib/domain/validation';
import type { AppDatabase } from './database';
import { LocalWriteError } from './errors';
import * as rows from './rows';

/*
 * Comments are insert-only: this module has no update and no delete, on purpose. Two people
 * writing on the same record at once each add a row, so sync never has a conflict to settle and
 * nobody's words are overwritten (ARCHITECTURE.md, Sync protocol).
 */

export type NewComment = Pick<Comment, 'targetTable' | 'targetId' | 'authorId' | 'body'>;

export function draftOf(input: NewComment): Draft<Comment> {
	return {
		targetTable: input.targetTable,
		targetId: input.targetId,
		authorId: input.authorId,
		body: typeof input.body === 'string' ? input.body.trim() : input.body
	};
}

/** Every issue of a new comment; the field shows them before anything is written. */
export function validate(input: NewComment): Issue[] {
	return commentSchema.validate(draftOf(input));
}

/** Add a comment in one's own name (the author is the person acting, never someone else). */
export function add(db: AppDatabase, input: NewComment, actor: rows.Actor): Promise<Comment> {
	if (actor.profileId !== input.authorId) {
		return Promise.reject(
			new LocalWriteError('invalid', 'comments: author is not the actor', [issue('authorId', 'mismatch')])
		);
	}
	return rows.insert(db, 'comments', draftOf(input), actor, (d) => commentSchema.validate(d));
}

/**
 * Oldest first. A comment is never changed after it is written, so its `updatedAt` is the time
 * it was written.
 */
function oldestFirst(a: Comment, b: Comment): number {
	return a.updatedAt.localeCompare(b.updatedAt) || a.id.localeCompare(b.id);
}

/** The thread on one record, oldest first. */
export async function listFor(db: AppDatabase, targetTable: CommentTarget, targetId: Id): Promise<Comment[]> {
	return rows
		.alive(await db.comments.where('[targetTable+targetId]').equals([targetTable, targetId]).toArray())
		.sort(oldestFirst);
}

/** The threads on several records of one table at once (a list of sessions), each oldest first. */
export async function listForMany(
	db: AppDatabase,
	targetTable: CommentTarget,
	targetIds: readonly Id[]
): Promise<Map<Id, Comment[]>> {
	const threads = new Map<Id, Comment[]>(targetIds.map((id) => [id, []]));
	if (targetIds.length === 0) return threads;
	const all = rows.alive(
		await db.comments
			.where('[targetTable+targetId]')
			.anyOf(targetIds.map((id) => [targetTable, id]))
			.toArray()
	);
	for (const c of all.sort(oldestFirst)) threads.get(c.targetId)?.push(c);
	return threads;
}
