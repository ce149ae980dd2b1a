import { SYNCED_TABLES, type AppDatabase } from '$lib/db/database';
import type { Id } from '$lib/domain/common';
import * as meta from '$lib/db/meta';
import * as outbox from '$lib/db/outbox';
import { applyChange } from './apply';
import { SyncFailure, withFreshAuth } from './failure';
import { PROFILE_ID, SCOPE, dropOrphanConflicts, purge, purgeProfiles, type PurgeSummary, type Scope, type ServerScope } from './scope';
import type { PullResponse, SyncTransport } from './transport';

/** Where the last pulled page ended (opaque, the server's). Saved with the rows it covers. */
export const CURSOR = 'sync.cursor';
export const PULL_PAGE = 500;
/** Teachers out of scope whose rows could not all be purged yet (changes were still queued). */
export const PURGE_LEFT = 'sync.purgeLeft';
/** Profiles out of scope whose rows (profile, memberships, pairs) could not all be purged yet. */
export const PURGE_LEFT_PROFILES = 'sync.purgeLeftProfiles';

/** A page as checked: `scope.profile_ids` is there when the server sends it. */
type PullPage = PullResponse & { scope: ServerScope };

export interface PullOptions {
	refreshAuth?: () => Promise<boolean>;
	pageSize?: number;
	/** The signed-in user's profile (default: meta 'sync.profileId'); their own rows survive a purge. */
	profileId?: Id | null;
	/** Rows applied so far in this pull. */
	onProgress?: (done: number) => void;
}

export interface PullSummary {
	applied: number;
	pages: number;
	/** The pull went back to the beginning (new teachers or profiles in scope, or a refused change to undo). */
	restarted: boolean;
	purged: PurgeSummary;
}

function checkPage(page: unknown, sent: string | null): PullPage {
	const p = page as PullPage | null;
	if (!p || typeof p !== 'object' || !Array.isArray(p.changes) || typeof p.has_more !== 'boolean') {
		throw new SyncFailure('protocol', 'sync_pull answered with no page');
	}
	if (!p.scope || !Array.isArray(p.scope.teacher_ids)) throw new SyncFailure('protocol', 'sync_pull answered with no scope');
	if (p.scope.profile_ids !== undefined && !Array.isArray(p.scope.profile_ids)) throw new SyncFailure('protocol', 'sync_pull answered with a malformed scope');
	if (p.changes.some((c) => !c || typeof c.table !== 'string' || !c.row || typeof c.row.id !== 'string')) {
		throw new SyncFailure('protocol', 'sync_pull answered with a malformed change');
	}
	if (p.has_more && (p.cursor ?? null) === sent) throw new SyncFailure('protocol', 'sync_pull did not move its cursor');
	return p;
}

/**
 * Pull pages until the server has nothing more, each page's rows and its cursor in one
 * transaction, so a crash between pages resumes exactly where it stopped.
 *
 * Scope: teachers who left the scope are purged as soon as a page says so. A teacher who joined
 * it has rows older than the cursor, so the pull starts over from the beginning (rows are applied
 * by version, so that is idempotent); the new scope is stored only once a pull that covered it
 * from the beginning has finished, so a crash in between simply starts over again.
 *
 * Profiles (when the server sends `profile_ids`) go the same way: a profile the user can newly
 * read (a mentoring pair was made, a teacher moved to the methodist's school) has its row behind
 * the cursor, so the pull starts over; a held profile the user cannot read any more is purged
 * with its memberships and the pairs the user no longer has any part in.
 */
export async function pull(db: AppDatabase, transport: SyncTransport, options: PullOptions = {}): Promise<PullSummary> {
	const size = options.pageSize ?? PULL_PAGE;
	const me = options.profileId !== undefined ? options.profileId : await meta.get<Id>(db, PROFILE_ID);
	const summary: PullSummary = { applied: 0, pages: 0, restarted: false, purged: { purged: 0, kept: [] } };
	const storedScope = await meta.get<Scope>(db, SCOPE);
	const known = storedScope?.teacherIds ?? null;
	/** Profiles a complete pull covered; null: none stored yet (an older device, or no complete pull). */
	const knownProfiles = storedScope?.profileIds ?? null;
	let cursor = await meta.get<string>(db, CURSOR);
	// After a refused change the device's copy of that row is wrong: fetch everything again.
	// A first pull cut short (no scope stored yet) cannot tell what it covered: start over too.
	if ((await meta.get<boolean>(db, outbox.REFETCH)) || known === null) cursor = null;
	/** Teachers whose rows may be on the device. */
	const held = new Set<Id>(known ?? []);
	/** Teachers whose rows this pass has covered (or an earlier complete pull did). */
	let covered = new Set<Id>(known ?? []);
	/** The stored scope, less teachers purged on the way. */
	let stored = new Set<Id>(known ?? []);
	/** Profiles whose rows this pass has covered (or an earlier complete pull did). */
	let coveredProfiles = new Set<Id>(knownProfiles ?? []);
	/** The stored profiles, less those purged on the way. */
	let storedProfiles = knownProfiles;
	const tables = [...SYNCED_TABLES.map((t) => db.table(t)), db.sync_conflicts, db.outbox, db.meta];

	for (;;) {
		const sent = cursor ?? null;
		const page = checkPage(await withFreshAuth(() => transport.pull(sent, size), options.refreshAuth), sent);
		summary.pages++;
		const scope = page.scope.teacher_ids;
		/** Undefined from a server that does not send it: profiles are then left as they are. */
		const profiles = page.scope.profile_ids;
		if (sent === null) {
			covered = new Set(scope);
			coveredProfiles = new Set(profiles ?? []);
		}
		const added = scope.filter((id) => !covered.has(id));
		const addedProfiles = profiles ? profiles.filter((id) => !coveredProfiles.has(id)) : [];
		if (added.length || addedProfiles.length) {
			// Their rows behind the cursor were never sent to us.
			summary.restarted = true;
			cursor = null;
			continue;
		}
		const now = new Set(scope);
		const gone = [...held].filter((id) => !now.has(id));
		for (const id of scope) held.add(id);
		for (const id of gone) {
			held.delete(id);
			covered.delete(id);
		}
		const visible = profiles ? new Set(profiles) : null;
		// A profile that comes back after this must be fetched again.
		if (visible) coveredProfiles = new Set([...coveredProfiles].filter((id) => visible.has(id)));
		await db.transaction('rw', tables, async () => {
			// Teachers purged earlier whose rows had changes queued: try again, now that the
			// changes may have gone or been dismissed. Back in scope, they are no longer purged.
			const lingering = ((await meta.get<Id[]>(db, PURGE_LEFT)) ?? []).filter((id) => !now.has(id));
			const leaving = [...new Set([...lingering, ...gone])];
			if (leaving.length) {
				const purged = await purge(db, leaving, me);
				summary.purged.purged += purged.purged;
				summary.purged.kept.push(...purged.kept);
				await meta.set(db, PURGE_LEFT, purged.kept.length ? leaving : []);
			}
			if (visible) {
				const lingeringProfiles = (await meta.get<Id[]>(db, PURGE_LEFT_PROFILES)) ?? [];
				const purged = await purgeProfiles(db, visible, lingeringProfiles, me);
				summary.purged.purged += purged.purged;
				summary.purged.kept.push(...purged.kept);
				if (purged.left.length || lingeringProfiles.length) await meta.set(db, PURGE_LEFT_PROFILES, purged.left);
			}
			const lostProfiles = visible && storedProfiles ? storedProfiles.filter((id) => !visible.has(id)) : [];
			if (gone.length || lostProfiles.length) {
				stored = new Set([...stored].filter((id) => !gone.includes(id)));
				if (lostProfiles.length) storedProfiles = storedProfiles!.filter((id) => visible!.has(id));
				if (known !== null) await meta.set(db, SCOPE, scopeOf([...stored], storedProfiles));
			}
			for (const change of page.changes) {
				const outcome = await applyChange(db, change);
				if (outcome === 'applied' || outcome === 'rebased') summary.applied++;
			}
			await meta.set(db, CURSOR, page.cursor ?? null);
			if (!page.has_more) {
				await dropOrphanConflicts(db);
				await meta.set(db, SCOPE, scopeOf(scope, profiles ?? null));
				await db.meta.delete(outbox.REFETCH);
			}
		});
		options.onProgress?.(summary.applied);
		cursor = page.cursor ?? null;
		if (!page.has_more) return summary;
	}
}

function scopeOf(teacherIds: Id[], profileIds: Id[] | null): Scope {
	return profileIds ? { teacherIds, profileIds } : { teacherIds };
}
