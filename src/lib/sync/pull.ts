import { SYNCED_TABLES, type AppDatabase } from '$lib/db/database';
import type { Id } from '$lib/domain/common';
import * as meta from '$lib/db/meta';
import * as outbox from '$lib/db/outbox';
import { applyChange } from './apply';
import { SyncFailure, withFreshAuth } from './failure';
import {
	PROFILE_ID,
	SCOPE,
	dropOrphanConflicts,
	leftScope,
	purge,
	purgeProfiles,
	type PurgeSummary,
	type Scope,
	type ServerScope
} from './scope';
import type { PullResponse, SyncTransport } from './transport';

/** Where the last pulled page ended (opaque, the server's). Saved with the rows it covers. */
export const CURSOR = 'sync.cursor';
export const PULL_PAGE = 1000;
/** Profiles out of scope whose rows (profile, memberships, pairs) could not all be purged yet. */
export const PURGE_LEFT_PROFILES = 'sync.purgeLeftProfiles';

/** A page as checked: `scope.profile_ids` is there on a sweep's last page (not for an administrator). */
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
	/** The pull went back to the beginning (a refused change to undo). */
	restarted: boolean;
	purged: PurgeSummary;
}

function checkPage(page: unknown, sent: string | null): PullPage {
	const p = page as PullPage | null;
	if (!p || typeof p !== 'object' || !Array.isArray(p.changes) || typeof p.has_more !== 'boolean') {
		throw new SyncFailure('protocol', 'sync_pull answered with no page');
	}
	if (!p.scope || !Array.isArray(p.scope.teacher_ids))
		throw new SyncFailure('protocol', 'sync_pull answered with no scope');
	if (p.scope.profile_ids !== undefined && !Array.isArray(p.scope.profile_ids))
		throw new SyncFailure('protocol', 'sync_pull answered with a malformed scope');
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
 * What to send is the server's decision (docs/sync-protocol.md, "Partitions"): when the user may
 * read more than before (a pair was made, a teacher joined the methodist's school, a role was
 * granted), the next pull brings those rows however old they are. The device never starts over
 * to find them.
 *
 * Access that narrows is the device's to apply, once a sweep ends (`has_more` false, the page that
 * carries the whole scope): the rows of every teacher it holds who is not in `teacher_ids` are
 * purged, and when `profile_ids` comes (not for an administrator, who reads every profile) so are
 * the profiles it does not list, with their memberships and the pairs the user no longer has any
 * part in. Rows with changes still queued are kept and tried again at the next sweep's end.
 */
export async function pull(db: AppDatabase, transport: SyncTransport, options: PullOptions = {}): Promise<PullSummary> {
	const size = options.pageSize ?? PULL_PAGE;
	const me = options.profileId !== undefined ? options.profileId : await meta.get<Id>(db, PROFILE_ID);
	const summary: PullSummary = { applied: 0, pages: 0, restarted: false, purged: { purged: 0, kept: [] } };
	let cursor = await meta.get<string>(db, CURSOR);
	// After a refused change the device's copy of that row is wrong: fetch everything again.
	if (await meta.get<boolean>(db, outbox.REFETCH)) {
		cursor = null;
		summary.restarted = true;
	}
	const tables = [...SYNCED_TABLES.map((t) => db.table(t)), db.sync_conflicts, db.outbox, db.meta];

	for (;;) {
		const sent = cursor ?? null;
		const page = checkPage(await withFreshAuth(() => transport.pull(sent, size), options.refreshAuth), sent);
		summary.pages++;
		await db.transaction('rw', tables, async () => {
			for (const change of page.changes) {
				const outcome = await applyChange(db, change);
				if (outcome === 'applied' || outcome === 'rebased') summary.applied++;
			}
			await meta.set(db, CURSOR, page.cursor ?? null);
			if (page.has_more) return;
			const teacherIds = page.scope.teacher_ids;
			const purged = await purge(db, await leftScope(db, teacherIds, me), me);
			summary.purged.purged += purged.purged;
			summary.purged.kept.push(...purged.kept);
			const visible = page.scope.profile_ids ? new Set(page.scope.profile_ids) : null;
			if (visible) {
				const lingering = (await meta.get<Id[]>(db, PURGE_LEFT_PROFILES)) ?? [];
				const gone = await purgeProfiles(db, visible, lingering, me);
				summary.purged.purged += gone.purged;
				summary.purged.kept.push(...gone.kept);
				if (gone.left.length || lingering.length) await meta.set(db, PURGE_LEFT_PROFILES, gone.left);
			}
			await dropOrphanConflicts(db);
			await meta.set(db, SCOPE, scopeOf(teacherIds, page.scope.profile_ids ?? null));
			await db.meta.delete(outbox.REFETCH);
		});
		options.onProgress?.(summary.applied);
		cursor = page.cursor ?? null;
		if (!page.has_more) return summary;
	}
}

function scopeOf(teacherIds: Id[], profileIds: Id[] | null): Scope {
	return profileIds ? { teacherIds, profileIds } : { teacherIds };
}
