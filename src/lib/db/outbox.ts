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

/**
 * Fold a further change of a row into the queue's newest entry when that entry is the same row's
 * and still pending — a teacher tapping through 38 indicators makes one queued change, not 38.
 * Only the newest entry may absorb a change: merging into an older one would move this change
 * before later changes of other rows (an action could then reference a deficit that the server
 * has not received yet). The first `base` of a field is kept: it is what the server last had.
 * Must run inside the caller's transaction. The sync engine moves an entry out of 'pending'
 * before it sends it, so an entry in flight is never changed under it.
 */
export async function coalesce(
	db: AppDatabase,
	change: { table: SyncedTable; rowId: Id; fields: Record<string, unknown>; base: Record<string, unknown> }
): Promise<OutboxEntry | null> {
	const last = await db.outbox.orderBy('seq').last();
	if (!last || last.status !== 'pending' || last.op !== 'upsert' || last.table !== change.table || last.rowId !== change.rowId) return null;
	// An empty base marks a row created on this device: the server has nothing to compare with.
	const created = Object.keys(last.base).length === 0;
	const base = created ? {} : { ...change.base, ...last.base };
	const merged: OutboxEntry = { ...last, fields: { ...last.fields, ...change.fields }, base };
	await db.outbox.put(merged);
	return merged;
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
