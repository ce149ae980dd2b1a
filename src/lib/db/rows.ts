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

/** Insert a new row made on this device. Validation happens before anything is written. */
export async function insert<K extends SyncedTable>(
	db: AppDatabase,
	table: K,
	draft: Draft<Row<K>> & { id?: Id },
	actor: Actor,
	validate?: Validate<Draft<Row<K>>>
): Promise<Row<K>> {
	// Stray control characters (a paste) go before anything sees the text: see cleanText.
	draft = cleanStrings(draft);
	const issues = validate?.(draft) ?? [];
	if (issues.length) throw invalid(issues);
	const row = created<K>(draft, actor);
	return transact(db, [table], async () => {
		await db.synced(table).add(row);
		await outbox.append(db, { table, rowId: row.id, op: 'upsert', fields: fieldsOf(row), base: {} });
		return row;
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
 * nothing writes nothing.
 */
export async function update<K extends SyncedTable>(
	db: AppDatabase,
	table: K,
	id: Id,
	patch: Partial<Draft<Row<K>>>,
	actor: Actor,
	validate?: Validate<Draft<Row<K>>>
): Promise<Row<K>> {
	patch = cleanStrings(patch);
	return transact(db, [table], async () => {
		const current = await db.synced(table).get(id);
		if (!current || current.deletedAt) throw new LocalWriteError('not-found', `${table}/${id}`);
		const next = plain({ ...current, ...patch }) as Row<K>;
		const issues = validate?.(next) ?? [];
		if (issues.length) throw invalid(issues);
		const { fields, base } = diff(current, patch);
		if (Object.keys(fields).length === 0) return current;
		const row = { ...next, updatedAt: nowIso(), updatedBy: actor.profileId } as Row<K>;
		await db.synced(table).put(row);
		if (!(await outbox.coalesce(db, { table, rowId: id, fields, base }))) {
			await outbox.append(db, { table, rowId: id, op: 'upsert', fields, base });
		}
		return row;
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
