import { liveQuery } from 'dexie';
import type { IsoDateTime } from '$lib/domain/common';
import type { AppDatabase } from './database';
import { toLocalWriteError } from './errors';
import { nowIso } from './ids';

/**
 * Unsubmitted form input, kept on the device so that a reload, a crash or a closed tab never
 * loses what a teacher typed. Local only: a half-typed form is nobody else's business.
 *
 * Several tabs of one person share a draft: each write says which tab made it. A tab that writes
 * over another tab's draft it has not seen keeps that one as a conflict (`form-conflict:`), so
 * two tabs typing at once both keep their text: the later write wins the field, the other waits
 * for the user to take it or drop it.
 */
const PREFIX = 'form:';
const CONFLICT_PREFIX = 'form-conflict:';

export interface DraftEntry<T> {
	values: T;
	/** The tab that wrote it; null for a draft stored before tabs were told apart. */
	by: string | null;
	at: IsoDateTime | null;
	/**
	 * What the form started from when this was written (an edit form: the record as it was then).
	 * A field equal to it was not typed: it must show the record as it is now, not as it was.
	 */
	base?: T;
}

export interface DraftConflict<T> {
	/** What the other tab had typed, which a later write replaced. */
	values: T;
	by: string | null;
	at: IsoDateTime;
}

/**
 * Whose text a conflict holds, as the tab `tab` should word it: typed in another tab, saved to the
 * record (by null), or typed in this very tab and replaced by another tab's later text.
 */
export type ConflictOrigin = 'other-tab' | 'saved' | 'this-tab';

export function conflictOrigin(conflict: Pick<DraftConflict<unknown>, 'by'>, tab: string): ConflictOrigin {
	if (conflict.by === null) return 'saved';
	return conflict.by === tab ? 'this-tab' : 'other-tab';
}

function entryOf<T>(value: unknown): DraftEntry<T> | null {
	if (value === undefined || value === null) return null;
	const v = value as Partial<DraftEntry<T>>;
	if (typeof v === 'object' && 'values' in v && 'by' in v)
		return {
			values: v.values as T,
			by: v.by ?? null,
			at: v.at ?? null,
			...(v.base !== undefined ? { base: v.base as T } : {})
		};
	// A draft stored by an older version of the app: the values themselves.
	return { values: value as T, by: null, at: null };
}

/** The JSON a draft's values compare by. */
export function fingerprint(values: unknown): string {
	return JSON.stringify(values);
}

export async function load<T>(db: AppDatabase, key: string): Promise<DraftEntry<T> | null> {
	const entry = await db.meta.get(PREFIX + key);
	return entryOf<T>(entry?.value);
}

/**
 * Write `values` as `tab`'s draft. `seen` is the fingerprint of the draft as this tab last wrote
 * or took it: a stored draft of another tab that differs from it (and from `values`) was typed
 * there meanwhile, and is kept as the key's conflict before it is replaced. One transaction.
 */
export async function save(
	db: AppDatabase,
	key: string,
	values: unknown,
	tab: string,
	seen: string | null,
	base?: unknown
): Promise<void> {
	try {
		await db.transaction('rw', db.meta, async () => {
			await keepOther(db, key, tab, seen, fingerprint(values));
			const entry: DraftEntry<unknown> = { values: structuredClone(values), by: tab, at: nowIso() };
			if (base !== undefined) entry.base = structuredClone(base);
			await db.meta.put({ key: PREFIX + key, value: entry });
		});
	} catch (error) {
		throw toLocalWriteError(error);
	}
}

/** Inside the caller's transaction: another tab's unseen draft becomes the key's conflict. */
async function keepOther(db: AppDatabase, key: string, tab: string, seen: string | null, mine: string): Promise<void> {
	const stored = entryOf<unknown>((await db.meta.get(PREFIX + key))?.value);
	if (!stored || stored.by === tab || stored.by === null) return;
	const theirs = fingerprint(stored.values);
	if (theirs === seen || theirs === mine) return;
	await db.meta.put({
		key: CONFLICT_PREFIX + key,
		value: { values: stored.values, by: stored.by, at: stored.at ?? nowIso() } satisfies DraftConflict<unknown>
	});
}

/**
 * Keep state of a screen that is not typed text (where a flow stands, a running timer): written
 * as is, with no other tab's version to keep.
 */
export async function remember(db: AppDatabase, key: string, values: unknown): Promise<void> {
	try {
		await db.meta.put({
			key: PREFIX + key,
			value: { values: structuredClone(values), by: null, at: nowIso() } satisfies DraftEntry<unknown>
		});
	} catch (error) {
		throw toLocalWriteError(error);
	}
}

/**
 * Run `write` (a repository call that stores the record) and drop the draft in ONE transaction:
 * a crash can leave the record and its draft both, or neither, never a saved record with its
 * text still in the form to be saved twice. Another tab's unseen draft is kept as a conflict.
 */
export async function commit<R>(
	db: AppDatabase,
	key: string,
	tab: string,
	seen: string | null,
	mine: unknown,
	write: () => Promise<R>
): Promise<R> {
	try {
		// Every table: whichever the repository call writes is part of this transaction.
		return await db.transaction('rw', db.tables, async () => {
			await keepOther(db, key, tab, seen, fingerprint(mine));
			const result = await write();
			await db.meta.delete(PREFIX + key);
			return result;
		});
	} catch (error) {
		throw toLocalWriteError(error);
	}
}

/**
 * Drop the draft, unless another tab has written it since this one last saw it (its text is then
 * that tab's, not this one's to throw away).
 */
export async function clear(db: AppDatabase, key: string, tab?: string, seen?: string | null): Promise<void> {
	try {
		await db.transaction('rw', db.meta, async () => {
			if (tab !== undefined) {
				const stored = entryOf<unknown>((await db.meta.get(PREFIX + key))?.value);
				if (stored && stored.by !== tab && stored.by !== null && fingerprint(stored.values) !== seen) return;
			}
			await db.meta.delete(PREFIX + key);
		});
	} catch (error) {
		throw toLocalWriteError(error);
	}
}

export async function loadConflict<T>(db: AppDatabase, key: string): Promise<DraftConflict<T> | null> {
	const entry = await db.meta.get(CONFLICT_PREFIX + key);
	return (entry?.value as DraftConflict<T> | undefined) ?? null;
}

/** Keep a value another tab (or device) saved over the text being typed here, for the user to take. */
export async function keepConflict(db: AppDatabase, key: string, values: unknown, by: string | null): Promise<void> {
	try {
		await db.meta.put({
			key: CONFLICT_PREFIX + key,
			value: { values: structuredClone(values), by, at: nowIso() } satisfies DraftConflict<unknown>
		});
	} catch (error) {
		throw toLocalWriteError(error);
	}
}

export async function dropConflict(db: AppDatabase, key: string): Promise<void> {
	try {
		await db.meta.delete(CONFLICT_PREFIX + key);
	} catch (error) {
		throw toLocalWriteError(error);
	}
}

/**
 * Follow the draft and its conflict as other tabs write them (Dexie's live queries reach across
 * the tabs of a browser). Returns the unsubscribe.
 */
export function watch<T>(
	db: AppDatabase,
	key: string,
	onChange: (change: { draft: DraftEntry<T> | null; conflict: DraftConflict<T> | null }) => void
): () => void {
	const subscription = liveQuery(async () => ({
		draft: await load<T>(db, key),
		conflict: await loadConflict<T>(db, key)
	})).subscribe({
		next: onChange,
		error: () => {}
	});
	return () => subscription.unsubscribe();
}
