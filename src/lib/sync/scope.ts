import type { AppDatabase, SyncedTable } from '$lib/db/database';
import type { Id } from '$lib/domain/common';
import * as outbox from '$lib/db/outbox';

/** The teachers whose rows, and the profiles, this device holds as of the last complete pull. */
export const SCOPE = 'sync.scope';
/** The signed-in user's profile: rows they authored stay when a teacher leaves the scope. */
export const PROFILE_ID = 'sync.profileId';

export interface Scope {
	teacherIds: Id[];
	/** Every profile the user could read; absent when stored before the server sent `profile_ids`. */
	profileIds?: Id[];
}

/** `scope` as sync_pull sends it. `profile_ids` is missing from servers older than it. */
export interface ServerScope {
	teacher_ids: Id[];
	profile_ids?: Id[];
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

const TEACHER_OWNED = [
	'assessments',
	'deficits',
	'development_plans',
	'plan_actions',
	'activities'
] as const satisfies readonly SyncedTable[];
const COMMENT_TARGETS = new Set<string>(['mentoring_sessions', 'observations', 'plan_actions', 'deficits']);

export interface PurgeSummary {
	purged: number;
	/** Rows that would have gone but still have changes queued here: kept, so nothing unsent is lost. */
	kept: { table: SyncedTable; id: Id }[];
}

/**
 * The teachers whose rows this device holds but who are not in `scope` (the server's
 * `teacher_ids`) nor the user: whoever they are — a former mentee, a teacher who moved to another
 * school, one whose rows came in a sweep that ended after access to her did — the server would
 * not send those rows any more. Read from the device, not from a stored scope, so nothing is left
 * behind by a pull cut short. Must run inside the pull's transaction.
 */
export async function leftScope(db: AppDatabase, scope: readonly Id[], me: Id | null): Promise<Id[]> {
	const held = new Set<Id>();
	for (const table of [...TEACHER_OWNED, 'observations', 'recommendations'] as const) {
		for (const id of await db.synced(table).orderBy('teacherId').uniqueKeys()) if (typeof id === 'string') held.add(id);
	}
	for (const id of await db.mentoring_sessions.orderBy('menteeId').uniqueKeys())
		if (typeof id === 'string') held.add(id);
	const keep = new Set([...scope, ...(me ? [me] : [])]);
	return [...held].filter((id) => !keep.has(id));
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
	// A methodist's recommendation to one teacher is that teacher's; the author keeps their own.
	for (const row of await db.recommendations.where('teacherId').anyOf(ids).toArray()) {
		if (row.authorId !== me) await drop('recommendations', row.id);
	}
	for (const target of targets) {
		for (const c of await db.comments.where('[targetTable+targetId]').equals([target.table, target.id]).toArray()) {
			if (c.authorId !== me) await drop('comments', c.id);
		}
	}
	return summary;
}

/**
 * Drop the profiles this device may no longer read (`visible` is the server's `profile_ids`): a
 * profile the user cannot select any more, that profile's memberships, and the mentoring pairs of
 * such profiles in which the user has no part any more: neither side is the user or a readable
 * profile, and the user is not the school methodist of the pair's school nor an administrator.
 * `lingering` are profiles left over by an earlier purge (changes were still queued). The user's
 * own profile always stays. Must run inside the pull's transaction.
 *
 * Returns the profiles whose rows could not all go yet, with the summary.
 */
export async function purgeProfiles(
	db: AppDatabase,
	visible: ReadonlySet<Id>,
	lingering: readonly Id[],
	me: Id | null
): Promise<PurgeSummary & { left: Id[] }> {
	const summary: PurgeSummary & { left: Id[] } = { purged: 0, kept: [], left: [] };
	const readable = (id: Id) => id === me || visible.has(id);
	const held = (await db.profiles.toCollection().primaryKeys()) as Id[];
	const gone = [...new Set([...held, ...lingering])].filter((id) => !readable(id));
	if (!gone.length) return summary;

	async function drop(table: SyncedTable, id: Id, profileId: Id): Promise<void> {
		if ((await outbox.forRow(db, table, id)).length) {
			summary.kept.push({ table, id });
			if (!summary.left.includes(profileId)) summary.left.push(profileId);
			return;
		}
		await db.table(table).delete(id);
		summary.purged++;
	}

	const mine = me
		? (await db.memberships.where('profileId').equals(me).toArray()).filter((m) => m.deletedAt === null)
		: [];
	const admin = mine.some((m) => m.role === 'admin');
	const methodistOf = new Set(mine.filter((m) => m.role === 'school_methodist').map((m) => m.organizationId));
	for (const id of gone) {
		if (await db.profiles.get(id)) await drop('profiles', id, id);
		for (const m of await db.memberships.where('profileId').equals(id).toArray()) await drop('memberships', m.id, id);
		if (admin) continue;
		const pairs = [
			...(await db.mentoring_pairs.where('mentorId').equals(id).toArray()),
			...(await db.mentoring_pairs.where('menteeId').equals(id).toArray())
		];
		for (const pair of pairs) {
			if (readable(pair.mentorId) || readable(pair.menteeId) || methodistOf.has(pair.schoolId)) continue;
			if (await db.mentoring_pairs.get(pair.id)) await drop('mentoring_pairs', pair.id, id);
		}
	}
	return summary;
}

/**
 * Drop conflicts about rows this device no longer holds. The server shows a conflict only while
 * its reader may read the row (a former mentor loses both together), so once a pull has reached
 * the end, a conflict whose row is not here is one the server would no longer send. Must run
 * inside the pull's transaction, after the last page.
 */
export async function dropOrphanConflicts(db: AppDatabase): Promise<number> {
	let dropped = 0;
	for (const conflict of await db.sync_conflicts.toArray()) {
		if (await db.table(conflict.tableName).get(conflict.rowId)) continue;
		await db.sync_conflicts.delete(conflict.id);
		dropped++;
	}
	return dropped;
}
