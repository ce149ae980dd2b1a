import type { AppDatabase } from './database';

/**
 * Unsubmitted form input, kept on the device so that a reload, a crash or a closed tab never
 * loses what a teacher typed. Local only: a half-typed form is nobody else's business.
 */
const PREFIX = 'form:';

export async function load<T>(db: AppDatabase, key: string): Promise<T | null> {
	const entry = await db.meta.get(PREFIX + key);
	return entry ? (entry.value as T) : null;
}

export async function save(db: AppDatabase, key: string, value: unknown): Promise<void> {
	await db.meta.put({ key: PREFIX + key, value: structuredClone(value) });
}

export async function clear(db: AppDatabase, key: string): Promise<void> {
	await db.meta.delete(PREFIX + key);
}
