import type { AppDatabase } from '$lib/db/database';
import type { IsoDateTime } from '$lib/domain/common';
import * as meta from '$lib/db/meta';
import * as outbox from '$lib/db/outbox';

/** Why the last sync failed, as a code the UI turns into Russian («Нет сети», «Войдите снова», …). */
export type SyncErrorCode =
	'offline' | 'auth' | 'server' | 'protocol' | 'seq_gap' | 'client_owned_by_other_user' | 'quota' | 'unknown';

/** Plain data, so the engine runs in Node tests; the UI wraps it in reactive state. */
export interface SyncStatus {
	state: 'idle' | 'syncing' | 'offline' | 'error';
	/** Changes the server has not confirmed yet. */
	pending: number;
	oldestPendingAt: IsoDateTime | null;
	lastSyncedAt: IsoDateTime | null;
	error: { code: SyncErrorCode; message: string | null } | null;
	/** During a pull: rows applied so far; the total is not known in advance. */
	progress: { done: number; total: number | null } | null;
	/** Overwritten values nobody on this device has reviewed yet. */
	conflicts: number;
	/** Changes the server refused, kept until the user retries or dismisses them. */
	rejected: number;
	/** Evidence files waiting to be uploaded (sync/uploads.ts). */
	files: number;
	/** Evidence files the server refused (too large, a type it does not take, not allowed). */
	filesFailed: number;
}

export const LAST_SYNCED_AT = 'sync.lastSyncedAt';

export const INITIAL_STATUS: SyncStatus = {
	state: 'idle',
	pending: 0,
	oldestPendingAt: null,
	lastSyncedAt: null,
	error: null,
	progress: null,
	conflicts: 0,
	rejected: 0,
	files: 0,
	filesFailed: 0
};

export type StoredCounts = Pick<
	SyncStatus,
	'pending' | 'oldestPendingAt' | 'lastSyncedAt' | 'conflicts' | 'rejected' | 'files' | 'filesFailed'
>;

/** The part of the status that lives in the database, so every tab shows it, leader or not. */
export async function readCounts(db: AppDatabase): Promise<StoredCounts> {
	return db.transaction('r', [db.outbox, db.meta, db.sync_conflicts, db.attachments], async () => ({
		pending: await outbox.pendingCount(db),
		oldestPendingAt: (await outbox.oldestPending(db))?.createdAt ?? null,
		lastSyncedAt: await meta.get<IsoDateTime>(db, LAST_SYNCED_AT),
		conflicts: await db.sync_conflicts.filter((c) => !c.resolvedAt).count(),
		rejected: await outbox.rejectedCount(db),
		files: await db.attachments
			.where('uploadStatus')
			.anyOf('pending', 'uploading')
			.filter((a) => !a.deletedAt)
			.count(),
		filesFailed: await db.attachments
			.where('uploadStatus')
			.equals('failed')
			.filter((a) => !a.deletedAt)
			.count()
	}));
}
