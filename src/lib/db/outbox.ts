import type { Id } from '$lib/domain/common';
import type { AppDatabase, OutboxEntry, SyncedTable } from './database';
import { newId, nowIso } from './ids';

const NEXT_SEQ = 'outbox.nextSeq';

/**
 * Append an outbox entry. Must run inside the caller's rw transaction over the row's table,
 * `outbox` and `meta`: the row and its entry commit together or not at all.
 *
 * The sequence number comes from a counter in `meta`, not from an auto-increment key, because
 * IndexedDB does not promise to roll an auto-increment back when a transaction aborts, and the
 * server treats a gap in `seq` as lost mutations.
 */
export async function append(
	db: AppDatabase,
	change: { table: SyncedTable; rowId: Id; op: OutboxEntry['op']; fields: Record<string, unknown>; base: Record<string, unknown> }
): Promise<OutboxEntry> {
	const counter = await db.meta.get(NEXT_SEQ);
	const seq = typeof counter?.value === 'number' ? counter.value : 1;
	const entry: OutboxEntry = {
		seq,
		mutationId: newId(),
		...change,
		createdAt: nowIso(),
		status: 'pending',
		reason: null
	};
	await db.outbox.add(entry);
	await db.meta.put({ key: NEXT_SEQ, value: seq + 1 });
	return entry;
}

export function list(db: AppDatabase): Promise<OutboxEntry[]> {
	return db.outbox.orderBy('seq').toArray();
}

export function pendingCount(db: AppDatabase): Promise<number> {
	return db.outbox.where('status').equals('pending').count();
}

/** The oldest change that has not reached the server (for «не отправлено N ч»). */
export async function oldestPending(db: AppDatabase): Promise<OutboxEntry | undefined> {
	return db.outbox.where('status').equals('pending').first();
}

export function rejected(db: AppDatabase): Promise<OutboxEntry[]> {
	return db.outbox.where('status').equals('rejected').toArray();
}

export function forRow(db: AppDatabase, table: SyncedTable, rowId: Id): Promise<OutboxEntry[]> {
	return db.outbox.where('[table+rowId]').equals([table, rowId]).sortBy('seq');
}
