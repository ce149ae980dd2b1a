import type { Id } from '$lib/domain/common';
import { SYNCED_TABLES, type AppDatabase, type OutboxEntry, type OutboxStatus, type SyncedTable } from './database';
import { LocalWriteError } from './errors';
import { newId, nowIso } from './ids';

const NEXT_SEQ = 'outbox.nextSeq';
/**
 * Set when the server rejected a change of a row it has: the device's copy of that row still
 * carries the refused values, so the next pull starts over from the beginning and puts the
 * server's rows back (rows are applied by version, so a full pull is idempotent).
 */
export const REFETCH = 'sync.refetch';

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
	change: {
		table: SyncedTable;
		rowId: Id;
		op: OutboxEntry['op'];
		fields: Record<string, unknown>;
		base: Record<string, unknown>;
	}
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
 * Append several entries with consecutive seqs, in one bulk write: the same entries as `append`
 * called for each in turn (a staff import queues thousands). Same transaction rule as `append`.
 */
export async function appendMany(
	db: AppDatabase,
	changes: {
		table: SyncedTable;
		rowId: Id;
		op: OutboxEntry['op'];
		fields: Record<string, unknown>;
		base: Record<string, unknown>;
	}[]
): Promise<OutboxEntry[]> {
	if (changes.length === 0) return [];
	const counter = await db.meta.get(NEXT_SEQ);
	const first = typeof counter?.value === 'number' ? counter.value : 1;
	const createdAt = nowIso();
	const entries: OutboxEntry[] = changes.map((change, i) => ({
		seq: first + i,
		mutationId: newId(),
		...change,
		createdAt,
		status: 'pending',
		reason: null
	}));
	await db.outbox.bulkAdd(entries);
	await db.meta.put({ key: NEXT_SEQ, value: first + entries.length });
	return entries;
}

/** A change of a row, as an outbox entry carries it. */
export interface Change {
	table: SyncedTable;
	rowId: Id;
	op: OutboxEntry['op'];
	fields: Record<string, unknown>;
	base: Record<string, unknown>;
}

/**
 * The entry `change` becomes when folded into `newest`, the queue's newest entry, or null when it
 * may not be: a teacher tapping through 38 indicators makes one queued change, not 38.
 * Only the newest entry may absorb a change, and only a pending upsert of the same row: merging
 * into an older one would move this change before later changes of other rows (an action could
 * then reference a deficit that the server has not received yet), and the sync engine moves an
 * entry out of 'pending' before it sends it, so an entry in flight is never changed under it.
 * The first `base` of a field is kept: it is what the server last had.
 */
function folded(newest: OutboxEntry | undefined, change: Omit<Change, 'op'>): OutboxEntry | null {
	if (
		!newest ||
		newest.status !== 'pending' ||
		newest.op !== 'upsert' ||
		newest.table !== change.table ||
		newest.rowId !== change.rowId
	)
		return null;
	// An empty base marks a row created on this device: the server has nothing to compare with.
	const created = Object.keys(newest.base).length === 0;
	const base = created ? {} : { ...change.base, ...newest.base };
	return { ...newest, fields: { ...newest.fields, ...change.fields }, base };
}

/** The end of the queue: its newest entry, and the seq the next appended entry takes. */
export interface Tail {
	newest: OutboxEntry | undefined;
	nextSeq: number;
}

/**
 * Read the end of the queue, both requests at once. Must run inside the caller's rw transaction,
 * and `enqueue` after it in the same transaction: nothing else may queue in between.
 */
export async function tail(db: AppDatabase): Promise<Tail> {
	const [newest, counter] = await Promise.all([db.outbox.orderBy('seq').last(), db.meta.get(NEXT_SEQ)]);
	return { newest, nextSeq: typeof counter?.value === 'number' ? counter.value : 1 };
}

/**
 * Queue changes after `tail`: the entries `coalesce` (for a change marked `fold`) or else `append`
 * would write for each change in turn, written together — the folded entry, one (bulk) add of the
 * new ones with consecutive seqs, and the counter — so a submit with ten deficits costs three
 * requests in the queue, not forty. Same transaction rule as `tail`. Returns the entries written,
 * oldest first.
 */
export async function enqueue(
	db: AppDatabase,
	end: Tail,
	changes: (Change & { fold?: boolean })[]
): Promise<OutboxEntry[]> {
	const createdAt = nowIso();
	let newest = end.newest;
	let seq = end.nextSeq;
	/** The queue's newest entry before this call, when a change folded into it (written with `put`). */
	let refolded: OutboxEntry | null = null;
	const added: OutboxEntry[] = [];
	for (const { fold, ...change } of changes) {
		const merged = fold && change.op === 'upsert' ? folded(newest, change) : null;
		if (merged) {
			if (added.length) added[added.length - 1] = merged;
			else refolded = merged;
			newest = merged;
			continue;
		}
		const entry: OutboxEntry = {
			seq: seq++,
			mutationId: newId(),
			...change,
			createdAt,
			status: 'pending',
			reason: null
		};
		added.push(entry);
		newest = entry;
	}
	const writes: Promise<unknown>[] = [];
	if (refolded) writes.push(db.outbox.put(refolded));
	if (added.length === 1) writes.push(db.outbox.add(added[0]!));
	else if (added.length > 1) writes.push(db.outbox.bulkAdd(added));
	if (added.length) writes.push(db.meta.put({ key: NEXT_SEQ, value: seq }));
	await Promise.all(writes);
	return refolded ? [refolded, ...added] : added;
}

export function list(db: AppDatabase): Promise<OutboxEntry[]> {
	return db.outbox.orderBy('seq').toArray();
}

/** Changes not yet confirmed by the server: waiting, or sent with no answer yet. */
export function pendingCount(db: AppDatabase): Promise<number> {
	return db.outbox.where('status').anyOf('pending', 'sending').count();
}

/** The oldest change that has not reached the server (for «не отправлено N ч»). */
export async function oldestPending(db: AppDatabase): Promise<OutboxEntry | undefined> {
	return db.outbox.orderBy('seq').filter(isUnsent).first();
}

function isUnsent(e: OutboxEntry): boolean {
	return e.status === 'pending' || e.status === 'sending';
}

export function rejected(db: AppDatabase): Promise<OutboxEntry[]> {
	return db.outbox.where('status').equals('rejected').toArray();
}

export function forRow(db: AppDatabase, table: SyncedTable, rowId: Id): Promise<OutboxEntry[]> {
	return db.outbox.where('[table+rowId]').equals([table, rowId]).sortBy('seq');
}

/** A row's changes that the server has not confirmed yet, oldest first. */
export async function unsentForRow(db: AppDatabase, table: SyncedTable, rowId: Id): Promise<OutboxEntry[]> {
	return (await forRow(db, table, rowId)).filter(isUnsent);
}

const UNSETTLED = ['pending', 'sending', 'rejected'] as const satisfies readonly OutboxStatus[];

/**
 * Every change the server has not taken for good: waiting, in flight or refused. Nothing of the
 * user's is lost by deleting the database only when this is 0.
 */
export function unsettledCount(db: AppDatabase): Promise<number> {
	return db.outbox
		.where('status')
		.anyOf(...UNSETTLED)
		.count();
}

/**
 * unsettledCount inside a plain IndexedDB transaction over the outbox (closeEverywhere's
 * exclusive one, where no other tab can write between the count and the deletion that follows).
 */
export async function unsettledIn(tx: IDBTransaction): Promise<number> {
	const index = tx.objectStore('outbox').index('status');
	const counts = await Promise.all(
		UNSETTLED.map(
			(status) =>
				new Promise<number>((resolve, reject) => {
					const request = index.count(IDBKeyRange.only(status));
					request.onsuccess = () => resolve(request.result);
					request.onerror = () => reject(request.error);
				})
		)
	);
	return counts.reduce((a, b) => a + b, 0);
}

export function rejectedCount(db: AppDatabase): Promise<number> {
	return db.outbox.where('status').equals('rejected').count();
}

/**
 * Take the next batch to push, oldest first, and mark it 'sending' in one transaction, so that
 * `coalesce` never folds a new edit into a change already on its way. Entries left 'sending' by
 * a crash or a lost response come first with their seq unchanged: the server answers a repeated
 * seq with the outcome it stored, so resending is safe, and renumbering would not be. The batch
 * is consecutive in seq because only rejected entries (already counted by the server) are skipped;
 * for that, an entry is 'rejected' only by this device's server's verdict (a restored backup
 * queues its entries as 'pending' again).
 */
export async function claim(db: AppDatabase, limit: number): Promise<OutboxEntry[]> {
	return db.transaction('rw', db.outbox, async () => {
		const batch = await db.outbox.orderBy('seq').filter(isUnsent).limit(limit).toArray();
		const fresh = batch.filter((e) => e.status === 'pending').map((e) => ({ ...e, status: 'sending' as const }));
		if (fresh.length) await db.outbox.bulkPut(fresh);
		return batch.map((e) => ({ ...e, status: 'sending' as const }));
	});
}

/**
 * Number this database's unconfirmed changes ('pending', 'sending') again from 1, in their order,
 * for a new client id: the server refused the old numbering because another copy of this
 * database (a restored backup of the browser profile, a cloned disk) pushed other changes under
 * the same seqs. Their mutation ids stay, so the server answers those it already has as
 * duplicates: nothing is applied twice and nothing is lost. Refused changes keep their place in
 * the list below 0 (they are the old numbering's, and out of the new one). Must run inside the
 * caller's rw transaction over `outbox` and `meta`, with the new client id.
 */
export async function renumber(db: AppDatabase): Promise<void> {
	const all = await db.outbox.orderBy('seq').toArray();
	const unsent = all.filter(isUnsent);
	const refused = all.filter((e) => !isUnsent(e));
	await db.outbox.clear();
	await db.outbox.bulkAdd([
		...refused.map((e, i) => ({ ...e, seq: i - refused.length })),
		...unsent.map((e, i) => ({ ...e, seq: i + 1 }))
	]);
	await db.meta.put({ key: NEXT_SEQ, value: unsent.length + 1 });
}

/** The server's verdict on one sent change. */
export type Settlement =
	{ seq: number; outcome: 'applied' } | { seq: number; outcome: 'rejected'; code: string; message: string | null };

/**
 * Record the server's verdicts in one transaction: an applied change leaves the queue; a rejected
 * one stays as 'rejected' with its reason, listed and exportable until the user retries or
 * dismisses it — never silently dropped. A row made on this device whose creation was refused
 * (and that has nothing else queued) leaves the device: the server never had it, and the entry
 * keeps every field for a retry. Any other refusal asks the next pull to start over, which puts
 * the server's copy of the row back under whatever is still queued.
 */
export async function settle(
	db: AppDatabase,
	settlements: Settlement[]
): Promise<{ applied: number; rejected: number }> {
	const counts = { applied: 0, rejected: 0 };
	await db.transaction('rw', [db.outbox, db.meta, ...SYNCED_TABLES.map((t) => db.table(t))], async () => {
		const refused = new Map<string, OutboxEntry>();
		for (const s of [...settlements].sort((a, b) => a.seq - b.seq)) {
			const entry = await db.outbox.get(s.seq);
			// Only what was claimed was sent; a pending entry may have changed since.
			if (!entry || entry.status !== 'sending') continue;
			if (s.outcome === 'applied') {
				await db.outbox.delete(s.seq);
				counts.applied++;
			} else {
				await db.outbox.put({ ...entry, status: 'rejected', reason: s.code, message: s.message });
				refused.set(`${entry.table}/${entry.rowId}`, entry);
				counts.rejected++;
			}
		}
		let refetch = false;
		for (const entry of refused.values()) {
			const table = db.synced(entry.table);
			const row = await table.get(entry.rowId);
			if (!row) continue;
			const all = await forRow(db, entry.table, entry.rowId);
			const neverSynced =
				row.version === 0 &&
				all.some((e) => e.status === 'rejected' && e.op === 'upsert' && Object.keys(e.base).length === 0);
			if (neverSynced && !all.some(isUnsent)) await table.delete(entry.rowId);
			else refetch = true;
		}
		if (refetch) await db.meta.put({ key: REFETCH, value: true });
	});
	return counts;
}

/**
 * Send a rejected change again (after the cause was fixed, e.g. the pair was renewed): the same
 * fields go to the end of the queue as a new entry and back onto the row on this device. The base
 * is what the device holds now, so the server's conflict check compares with the current state.
 */
export async function retryRejected(db: AppDatabase, seq: number): Promise<OutboxEntry> {
	const entry = await db.outbox.get(seq);
	if (!entry || entry.status !== 'rejected') throw new LocalWriteError('not-found', `outbox/${seq}`);
	const table = db.synced(entry.table);
	return db.transaction('rw', [table, db.outbox, db.meta], async () => {
		const current = await db.outbox.get(seq);
		if (!current || current.status !== 'rejected') throw new LocalWriteError('not-found', `outbox/${seq}`);
		const row = (await table.get(entry.rowId)) as unknown as Record<string, unknown> | undefined;
		const created = entry.op === 'upsert' && Object.keys(entry.base).length === 0;
		const base: Record<string, unknown> = {};
		if (!created) for (const k of Object.keys(entry.fields)) base[k] = row ? (row[k] ?? null) : (entry.base[k] ?? null);
		if (row) await table.put({ ...row, ...structuredClone(entry.fields) } as never);
		else if (created) {
			await table.put({
				...structuredClone(entry.fields),
				id: entry.rowId,
				version: 0,
				updatedAt: nowIso(),
				updatedBy: null,
				deletedAt: null
			} as never);
		}
		await db.outbox.delete(seq);
		return append(db, { table: entry.table, rowId: entry.rowId, op: entry.op, fields: entry.fields, base });
	});
}

/** Forget a rejected change. Only ever on the user's explicit request («Удалить из списка»). */
export async function dismissRejected(db: AppDatabase, seq: number): Promise<boolean> {
	return db.transaction('rw', db.outbox, async () => {
		const entry = await db.outbox.get(seq);
		if (!entry || entry.status !== 'rejected') return false;
		await db.outbox.delete(seq);
		return true;
	});
}
