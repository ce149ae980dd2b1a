import type { Draft, Id, SyncedRow } from '$lib/domain/common';
import { cleanStrings } from '$lib/domain/text';
import type { Issue } from '$lib/domain/validation';
import type { AppDatabase, SyncedTable, SyncedTables } from './database';
import { LocalWriteError, toLocalWriteError } from './errors';
import { newId, nowIso } from './ids';
import * as outbox from './outbox';

/** The person making the change, recorded as `updatedBy` (null in guest mode). */
export interface Actor {
	profileId: Id | null;
}

type Row<K extends SyncedTable> = SyncedTables[K];
type Validate<T> = (fields: T) => Issue[];

const META_FIELDS = new Set(['id', 'version', 'updatedAt', 'updatedBy', 'deletedAt']);

function invalid(issues: Issue[]): LocalWriteError {
	return new LocalWriteError('invalid', issues.map((i) => `${i.path}: ${i.code}`).join('; '), issues);
}

/** Structured clone so that values stored (and diffed later) never alias the caller's objects. */
function plain<T>(value: T): T {
	return structuredClone(value);
}

function same(a: unknown, b: unknown): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Run a write in one rw transaction over the row's table, the outbox and meta.
 * This transaction is **crucial**: a row without its outbox entry would never reach the server,
 * an entry without its row would push a change the user cannot see.
 */
export async function transact<T>(db: AppDatabase, tables: SyncedTable[], work: () => Promise<T>): Promise<T> {
	try {
		return await db.transaction('rw', [...tables.map((t) => db.table(t)), db.outbox, db.meta], work);
	} catch (error) {
		throw toLocalWriteError(error);
	}
}

/** A new row made on this device from its draft, with the meta fields a new row starts with. */
function created<K extends SyncedTable>(draft: Draft<Row<K>> & { id?: Id }, actor: Actor): Row<K> {
	return plain({
		...draft,
		id: draft.id ?? newId(),
		version: 0,
		updatedAt: nowIso(),
		updatedBy: actor.profileId,
		deletedAt: null
	}) as Row<K>;
}

/** The fields of a new row that its outbox entry carries (all but the meta fields). */
function fieldsOf(row: object): Record<string, unknown> {
	const fields: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(row)) if (!META_FIELDS.has(k)) fields[k] = v;
	return fields;
}

/** The fields of `patch` that differ from `current`, and their values before (the outbox's base). */
function diff(current: object, patch: object): { fields: Record<string, unknown>; base: Record<string, unknown> } {
	const fields: Record<string, unknown> = {};
	const base: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(patch)) {
		if (META_FIELDS.has(k) || v === undefined) continue;
		const before = (current as Record<string, unknown>)[k];
		if (same(before, v)) continue;
		fields[k] = plain(v);
		base[k] = before === undefined ? null : before;
	}
	return { fields, base };
}

/**
 * One row's write worked out in memory, before anything is written: the row to store and its
 * outbox change. `commit` writes several of them together.
 */
export interface Planned<K extends SyncedTable = SyncedTable> {
	table: K;
	row: Row<K>;
	/** A new row (stored with add, its entry never folded) or a change of a stored one. */
	created: boolean;
	change: outbox.Change;
}

/** The insert of a new row made on this device, checked: throws 'invalid' as `insert` does. */
export function planInsert<K extends SyncedTable>(
	table: K,
	draft: Draft<Row<K>> & { id?: Id },
	actor: Actor,
	validate?: Validate<Draft<Row<K>>>
): Planned<K> {
	// Stray control characters (a paste) go before anything sees the text: see cleanText.
	draft = cleanStrings(draft);
	const issues = validate?.(draft) ?? [];
	if (issues.length) throw invalid(issues);
	const row = created<K>(draft, actor);
	return { table, row, created: true, change: { table, rowId: row.id, op: 'upsert', fields: fieldsOf(row), base: {} } };
}

/**
 * The change of `current` (read in the caller's transaction) by `patch`, checked as `update` does:
 * 'not-found' for a missing or deleted row, 'invalid' for a row the change would make invalid.
 * Null when no field would change: nothing to write.
 */
export function planUpdate<K extends SyncedTable>(
	table: K,
	id: Id,
	current: Row<K> | undefined,
	patch: Partial<Draft<Row<K>>>,
	actor: Actor,
	validate?: Validate<Draft<Row<K>>>
): Planned<K> | null {
	if (!current || current.deletedAt) throw new LocalWriteError('not-found', `${table}/${id}`);
	patch = cleanStrings(patch);
	const next = plain({ ...current, ...patch }) as Row<K>;
	const issues = validate?.(next) ?? [];
	if (issues.length) throw invalid(issues);
	const { fields, base } = diff(current, patch);
	if (Object.keys(fields).length === 0) return null;
	const row = { ...next, updatedAt: nowIso(), updatedBy: actor.profileId } as Row<K>;
	return { table, row, created: false, change: { table, rowId: id, op: 'upsert', fields, base } };
}

/**
 * Write planned rows and their outbox entries, all requests at once: per table one add (or bulk
 * add) of the new rows and one put (or bulk put) of the changed ones, and the queue's entries in
 * one `outbox.enqueue` after `end` — exactly the rows and entries `insert` and `update` would
 * write one after another in this order (a change may fold into the queue's newest entry, as in
 * `update`). Each row at most once. Must run inside the caller's rw transaction over the rows'
 * tables, `outbox` and `meta`, in which `end` was read.
 */
export async function commit(db: AppDatabase, end: outbox.Tail, planned: Planned[]): Promise<void> {
	const groups = new Map<string, { table: SyncedTable; created: boolean; rows: SyncedTables[SyncedTable][] }>();
	for (const { table, created, row } of planned) {
		const key = `${created ? 'add' : 'put'} ${table}`;
		const group = groups.get(key) ?? { table, created, rows: [] };
		group.rows.push(row);
		groups.set(key, group);
	}
	const writes: Promise<unknown>[] = [];
	for (const { table, created, rows } of groups.values()) {
		const store = db.synced(table);
		// A single row goes by add/put, so its failure reads as before (no BulkError around it).
		if (rows.length === 1) writes.push(created ? store.add(rows[0]!) : store.put(rows[0]!));
		else writes.push(created ? store.bulkAdd(rows) : store.bulkPut(rows));
	}
	writes.push(
		outbox.enqueue(
			db,
			end,
			planned.map(({ created, change }) => ({ ...change, fold: !created }))
		)
	);
	await Promise.all(writes);
}

/**
 * Insert a new row made on this device. Validation happens before anything is written; the row
 * and its entry are written together, after the one read of the queue's end.
 */
export async function insert<K extends SyncedTable>(
	db: AppDatabase,
	table: K,
	draft: Draft<Row<K>> & { id?: Id },
	actor: Actor,
	validate?: Validate<Draft<Row<K>>>
): Promise<Row<K>> {
	const planned = planInsert(table, draft, actor, validate);
	return transact(db, [table], async () => {
		await commit(db, await outbox.tail(db), [planned]);
		return planned.row;
	});
}

/**
 * Insert many new rows: the rows and outbox entries `insert` would write one by one, written in
 * bulk (a staff import of thousands of people would otherwise take tens of thousands of requests).
 * Every draft is validated before anything is written; issue paths are prefixed with the index.
 */
export async function insertMany<K extends SyncedTable>(
	db: AppDatabase,
	table: K,
	drafts: (Draft<Row<K>> & { id?: Id })[],
	actor: Actor,
	validate?: Validate<Draft<Row<K>>>
): Promise<Row<K>[]> {
	drafts = drafts.map(cleanStrings);
	const issues = drafts.flatMap((d, i) =>
		(validate?.(d) ?? []).map((issue) => ({ ...issue, path: `${i}.${issue.path}` }))
	);
	if (issues.length) throw invalid(issues);
	const made = drafts.map((d) => created<K>(d, actor));
	return transact(db, [table], async () => {
		await db.synced(table).bulkAdd(made);
		await outbox.appendMany(
			db,
			made.map((row) => ({ table, rowId: row.id, op: 'upsert' as const, fields: fieldsOf(row), base: {} }))
		);
		return made;
	});
}

/**
 * Change some fields of a row. Only fields whose value differs are written and queued, so the
 * server's per-field conflict check sees exactly what this user changed; an edit that changes
 * nothing writes nothing. `patch` may be worked out from the row as stored (read once, in this
 * write's transaction): a check that throws there writes nothing. Two rounds of requests: the row
 * and the queue's end read together, then the row and its entry written together.
 */
export async function update<K extends SyncedTable>(
	db: AppDatabase,
	table: K,
	id: Id,
	patch: Partial<Draft<Row<K>>> | ((current: Row<K>) => Partial<Draft<Row<K>>>),
	actor: Actor,
	validate?: Validate<Draft<Row<K>>>
): Promise<Row<K>> {
	return transact(db, [table], async () => {
		const [current, end] = await Promise.all([db.synced(table).get(id), outbox.tail(db)]);
		if (!current || current.deletedAt) throw new LocalWriteError('not-found', `${table}/${id}`);
		const planned = planUpdate(
			table,
			id,
			current,
			typeof patch === 'function' ? patch(current) : patch,
			actor,
			validate
		);
		if (!planned) return current;
		await commit(db, end, [planned]);
		return planned.row;
	});
}

/**
 * Change some fields of many rows: what `update` would do for each, written in bulk. Entries are
 * appended, never folded into the queue's newest entry (folding is only a saving). Every row is
 * validated before anything is written; issue paths are prefixed with the change's index.
 */
export async function updateMany<K extends SyncedTable>(
	db: AppDatabase,
	table: K,
	changes: { id: Id; patch: Partial<Draft<Row<K>>> }[],
	actor: Actor,
	validate?: Validate<Draft<Row<K>>>
): Promise<Row<K>[]> {
	changes = changes.map((c) => ({ ...c, patch: cleanStrings(c.patch) }));
	return transact(db, [table], async () => {
		const currents = await db.synced(table).bulkGet(changes.map((c) => c.id));
		const issues: Issue[] = [];
		const written: Row<K>[] = [];
		const entries: Parameters<typeof outbox.appendMany>[1] = [];
		changes.forEach(({ id, patch }, i) => {
			const current = currents[i];
			if (!current || current.deletedAt) throw new LocalWriteError('not-found', `${table}/${id}`);
			const next = plain({ ...current, ...patch }) as Row<K>;
			issues.push(...(validate?.(next) ?? []).map((issue) => ({ ...issue, path: `${i}.${issue.path}` })));
			const { fields, base } = diff(current, patch);
			if (Object.keys(fields).length === 0) return;
			written.push({ ...next, updatedAt: nowIso(), updatedBy: actor.profileId } as Row<K>);
			entries.push({ table, rowId: id, op: 'upsert', fields, base });
		});
		if (issues.length) throw invalid(issues);
		await db.synced(table).bulkPut(written);
		await outbox.appendMany(db, entries);
		return written;
	});
}

/** Delete by tombstone: synced rows are never removed, so the deletion reaches every device. */
export async function remove<K extends SyncedTable>(db: AppDatabase, table: K, id: Id, actor: Actor): Promise<void> {
	await transact(db, [table], async () => {
		const current = await db.synced(table).get(id);
		if (!current) throw new LocalWriteError('not-found', `${table}/${id}`);
		if (current.deletedAt) return;
		const at = nowIso();
		await db.synced(table).put({ ...current, deletedAt: at, updatedAt: at, updatedBy: actor.profileId } as Row<K>);
		await outbox.append(db, { table, rowId: id, op: 'delete', fields: { deletedAt: at }, base: { deletedAt: null } });
	});
}

/** Rows not tombstoned, for lists. */
export function alive<T extends SyncedRow>(rows: T[]): T[] {
	return rows.filter((r) => !r.deletedAt);
}
