// The first screen's reads, before Dexie is loaded. Dexie is ~28 kB gzip and the teacher's home is
// the first screen on a cheap phone: the home reads its rows through the browser's own IndexedDB
// (a handful of gets and index lookups), paints, and Dexie arrives just after for everything else
// — live updates and every write. Read-only: nothing here ever changes the database, so the
// upgrade path, the outbox and every write rule stay Dexie's alone.
import type { Id } from '$lib/domain/common';

/**
 * database.ts's CURRENT_SCHEMA_VERSION, repeated so that this module does not import Dexie;
 * database.spec.ts checks the two agree. Dexie stores version n as native version 10·n.
 */
export const SCHEMA_VERSION = 10;

/** The subset of a Dexie table the first screen reads with; a Dexie Table satisfies it. */
export interface ReadTable<T, K extends IDBValidKey = Id> {
	get(key: K): PromiseLike<T | undefined>;
	bulkGet(keys: K[]): PromiseLike<(T | undefined)[]>;
	/** Every row of the table. */
	toArray(): PromiseLike<T[]>;
	where(index: string): { equals(value: string | number | (string | number)[]): { toArray(): PromiseLike<T[]> } };
}

/** What opening the database before Dexie found. */
export type Early =
	/** No database on this device yet: nothing to read, the first screen is the empty one. */
	| { kind: 'absent' }
	| { kind: 'open'; reader: EarlyReader }
	/** Older schema (an upgrade is due), blocked, or no IndexedDB: Dexie opens it first. */
	| { kind: 'unusable' };

function request<T>(req: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
}

/** A read-only view of an open native connection, shaped like the few Dexie calls it replaces. */
export class EarlyReader {
	#idb: IDBDatabase | null;

	constructor(idb: IDBDatabase) {
		this.#idb = idb;
		// Another tab upgrading, deleting or taking over the database (closeEverywhere) must not
		// wait for this connection: it lets go at once, and later reads fail (the screen then waits
		// for Dexie).
		idb.onversionchange = () => this.close();
	}

	#store(name: string): IDBObjectStore {
		if (!this.#idb) throw new DOMException('The early reader is closed', 'InvalidStateError');
		return this.#idb.transaction(name, 'readonly').objectStore(name);
	}

	table<T, K extends IDBValidKey = Id>(name: string): ReadTable<T, K> {
		return {
			get: (key) => request(this.#store(name).get(key) as IDBRequest<T | undefined>),
			bulkGet: (keys) => {
				const store = this.#store(name);
				return Promise.all(keys.map((key) => request(store.get(key) as IDBRequest<T | undefined>)));
			},
			toArray: () => request(this.#store(name).getAll() as IDBRequest<T[]>),
			where: (index) => ({
				equals: (value) => ({
					toArray: () => request(this.#store(name).index(index).getAll(IDBKeyRange.only(value)) as IDBRequest<T[]>)
				})
			})
		};
	}

	/** Dexie's `transaction('r', tables, scope)` for a reader: each read is its own transaction. */
	transaction<T>(_mode: 'r', _tables: readonly unknown[], scope: () => Promise<T>): Promise<T> {
		return scope();
	}

	get closed(): boolean {
		return !this.#idb;
	}

	close(): void {
		this.#idb?.close();
		this.#idb = null;
	}
}

/**
 * Open `name` natively, never creating or upgrading it: a missing database is reported absent (the
 * version-change transaction is aborted, which leaves no database behind), and one whose schema is
 * older than this build's is left for Dexie to upgrade.
 */
export function openEarly(name: string): Promise<Early> {
	if (typeof indexedDB === 'undefined') return Promise.resolve({ kind: 'unusable' });
	return new Promise((resolve) => {
		let probe: IDBOpenDBRequest;
		try {
			probe = indexedDB.open(name);
		} catch {
			return resolve({ kind: 'unusable' });
		}
		probe.onupgradeneeded = () => probe.transaction?.abort();
		probe.onerror = (event) => {
			event.preventDefault();
			resolve(probe.error?.name === 'AbortError' ? { kind: 'absent' } : { kind: 'unusable' });
		};
		probe.onblocked = () => resolve({ kind: 'unusable' });
		probe.onsuccess = () => {
			const idb = probe.result;
			if (idb.version < SCHEMA_VERSION * 10 || !idb.objectStoreNames.contains('meta')) {
				idb.close();
				return resolve({ kind: 'unusable' });
			}
			resolve({ kind: 'open', reader: new EarlyReader(idb) });
		};
	});
}

/** meta.get through the reader (db/meta.ts reads the same table through Dexie). */
export async function readMeta<T>(reader: EarlyReader, key: string): Promise<T | null> {
	const entry = await reader.table<{ key: string; value: unknown }, string>('meta').get(key);
	return entry ? (entry.value as T) : null;
}
