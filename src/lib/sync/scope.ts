import type { AppDatabase, SyncedTable } from '$lib/db/database';
import type { Id } from '$lib/domain/common';
import * as outbox from '$lib/db/outbox';

/** The teachers whose rows this device holds, as of the last complete pull. */
export const SCOPE = 'sync.scope';
/** The signed-in user's profile: rows they authored stay when a teacher leaves the scope. */
export const PROFILE_ID = 'sync.profileId';

export interface Scope {
	teacherIds: Id[];
}

export interface ScopeChange {
	gone: Id[];
	added: Id[];
}

export function diff(before: readonly Id[], after: readonly Id[]): ScopeChange {
	const a = new Set(after);
	const b = new Set(before);
	return { gone: before.filter((id) => !a.has(id)), added: after.filter((id) => !b.has(id)) };
}

const TEACHER_OWNED = ['assessments', 'deficits', 'development_plans', 'plan_actions', 'activities'] as const satisfies readonly SyncedTable[];
const COMMENT_TARGETS = new Set<string>(['mentoring_sessions', 'observations', 'plan_actions', 'deficits']);

export interface PurgeSummary {
	purged: number;
	/** Rows that would have gone but still have changes queued here: kept, so nothing unsent is lost. */
	kept: { table: SyncedTable; id: Id }[];
}

/**
 * Drop what this device may no longer read once teachers leave its scope (a mentoring pair ended,
 * a methodist changed school): their teacher-owned rows, observations of them by others, sessions
 * where they were the mentee of someone else, and comments on any of those. What the user wrote
 * themselves stays (their observations, sessions and comments, even on a purged row), as the
 * server still shows it to them. Must run inside the pull's transaction.
 */
export async function purge(db: AppDatabase, teacherIds: readonly Id[], me: Id | null): Promise<PurgeSummary> {
	const summary: PurgeSummary = { purged: 0, kept: [] };
	if (!teacherIds.length) return summary;
	const ids = [...teacherIds];
	const targets: { table: SyncedTable; id: Id }[] = [];

	async function drop(table: SyncedTable, id: Id): Promise<void> {
		if ((await outbox.forRow(db, table, id)).length) {
			summary.kept.push({ table, id });
			return;
		}
		await db.table(table).delete(id);
		summary.purged++;
		if (COMMENT_TARGETS.has(table)) targets.push({ table, id });
	}

	for (const table of TEACHER_OWNED) {
		for (const row of await db.synced(table).where('teacherId').anyOf(ids).toArray()) await drop(table, row.id);
	}
	for (const row of await db.observations.where('teacherId').anyOf(ids).toArray()) {
		if (row.observerId !== me) await drop('observations', row.id);
	}
	for (const row of await db.mentoring_sessions.where('menteeId').anyOf(ids).toArray()) {
		if (row.mentorId !== me) await drop('mentoring_sessions', row.id);
	}
	for (const target of targets) {
		for (const c of await db.comments.where('[targetTable+targetId]').equals([target.table, target.id]).toArray()) {
			if (c.authorId !== me) await drop('comments', c.id);
		}
	}
	return summary;
}
