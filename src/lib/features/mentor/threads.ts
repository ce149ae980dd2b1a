import type { Comment } from '$lib/domain/comment';
import type { Id } from '$lib/domain/common';
import type { MentoringSession } from '$lib/domain/mentoring';
import type { Profile } from '$lib/domain/profile';
import type { AppDatabase } from '$lib/db/database';
import * as comments from '$lib/db/comments';
import * as profiles from '$lib/db/profiles';
import { LocalWriteError } from '$lib/db/errors';
import type { Actor } from '$lib/db/rows';
import type { Issue } from '$lib/domain/validation';
import type { Notices } from '$lib/features/shell/notices.svelte';
import { t } from '$lib/i18n/i18n.svelte';

export interface CommentView {
	comment: Comment;
	/** The author's name, or null for a person not on this device. */
	author: string | null;
}

/** A session with its comment thread, as both the mentor's and the mentee's screens show it. */
export interface SessionView {
	session: MentoringSession;
	comments: CommentView[];
}

/** Profiles by id, for names beside records; ids not on this device are simply absent. */
export async function peopleById(db: AppDatabase, ids: Iterable<Id>): Promise<Map<Id, Profile>> {
	const unique = [...new Set(ids)];
	const found = await Promise.all(unique.map((id) => profiles.get(db, id)));
	return new Map(found.filter((p): p is Profile => p !== undefined).map((p) => [p.id, p]));
}

/** Sessions (in the order given) with their threads, oldest comment first. */
export async function withThreads(db: AppDatabase, list: readonly MentoringSession[]): Promise<SessionView[]> {
	const threads = await comments.listForMany(
		db,
		'mentoring_sessions',
		list.map((s) => s.id)
	);
	const people = await peopleById(
		db,
		[...threads.values()].flatMap((thread) => thread.map((c) => c.authorId))
	);
	return list.map((session) => ({
		session,
		comments: (threads.get(session.id) ?? []).map((comment) => ({
			comment,
			author: people.get(comment.authorId)?.fullName ?? null
		}))
	}));
}

/** What became of a comment: written, or the issues to show beside the field. */
export type CommentOutcome = { ok: true } | { ok: false; issues: Issue[] };

/**
 * Post a comment on a session in the acting person's name. Field issues come back for the form
 * (the text stays in the field); any other failure becomes a notice saying what to do.
 */
export async function postComment(
	db: AppDatabase,
	sessionId: Id,
	body: string,
	actor: Actor,
	notices: Notices
): Promise<CommentOutcome> {
	if (!actor.profileId) {
		// A guest who has not chosen who they are has no name to write under.
		notices.error(new LocalWriteError('forbidden', 'comments: no author'));
		return { ok: false, issues: [] };
	}
	const input = { targetTable: 'mentoring_sessions' as const, targetId: sessionId, authorId: actor.profileId, body };
	const issues = comments.validate(input);
	if (issues.length) return { ok: false, issues };
	try {
		await comments.add(db, input, actor);
		notices.push('success', t('mentor.comments.added'));
		return { ok: true };
	} catch (error) {
		if (error instanceof LocalWriteError && error.reason === 'invalid') return { ok: false, issues: error.issues };
		notices.error(error);
		return { ok: false, issues: [] };
	}
}
