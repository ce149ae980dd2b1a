import { SYNCED_TABLES, type AppDatabase, type SyncConflict, type SyncedTable } from '$lib/db/database';
import * as outbox from '$lib/db/outbox';
import { fromServer } from './columns';
import type { PullChange } from './transport';

export type ApplyOutcome = 'applied' | 'rebased' | 'stale' | 'skipped';

function isSyncedTable(table: string): table is SyncedTable {
	return (SYNCED_TABLES as readonly string[]).includes(table);
}

/**
 * Put one pulled row on the device. Must run inside the pull's transaction (every synced table,
 * sync_conflicts, outbox, meta), which also saves the cursor: rows and cursor commit together.
 *
 * - An older version than the device holds is ignored (a page can repeat rows after a restart).
 * - A row with changes still queued here is rebased: the server's row is written, then the queued
 *   fields on top, so the user's unsent edits stay on screen until the server has them.
 * - Tombstones are stored like any row: lists hide them, and the deletion stays known.
 */
export async function applyChange(db: AppDatabase, change: PullChange): Promise<ApplyOutcome> {
	if (change.table === 'sync_conflicts') {
		const incoming = fromServer(change.row) as SyncConflict;
		const local = await db.sync_conflicts.get(incoming.id);
		// Whether it was reviewed is this device's knowledge; a repeated pull keeps it.
		await db.sync_conflicts.put({ ...incoming, resolvedAt: local?.resolvedAt ?? null });
		return 'applied';
	}
	// A table this version of the app does not know yet: leave it to the version that does.
	if (!isSyncedTable(change.table)) return 'skipped';
	const table = db.synced(change.table);
	const incoming = fromServer(change.row) as { id: string; version: number };
	const local = await table.get(incoming.id);
	if (local && local.version > incoming.version) return 'stale';
	const queued = await outbox.unsentForRow(db, change.table, incoming.id);
	if (!queued.length) {
		await table.put(incoming as never);
		return 'applied';
	}
	const row: Record<string, unknown> = { ...incoming };
	for (const entry of queued) Object.assign(row, structuredClone(entry.fields));
	await table.put(row as never);
	return 'rebased';
}
