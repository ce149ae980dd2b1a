import type { AppDatabase } from './database';

/** Keys of local settings kept in the database (not synced). */
export const GUEST_PROFILE = 'guest.profileId';
export const DEMO_LOADED_AT = 'demo.loadedAt';

export async function get<T>(db: AppDatabase, key: string): Promise<T | null> {
	const entry = await db.meta.get(key);
	return entry ? (entry.value as T) : null;
}

export async function set(db: AppDatabase, key: string, value: unknown): Promise<void> {
	await db.meta.put({ key, value });
}
