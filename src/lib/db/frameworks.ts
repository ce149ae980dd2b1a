import type { Id } from '$lib/domain/common';
import type { Framework } from '$lib/domain/framework';
import { DEFAULT_FRAMEWORK_CODE, DEFAULT_FRAMEWORK_ID } from '$lib/domain/frameworks/default-id';
import type { AppDatabase } from './database';

/** The framework that ships with the app, loaded on demand: its text is not needed to paint a screen. */
async function builtIn(): Promise<Framework> {
	return (await import('$lib/domain/frameworks/default')).DEFAULT_FRAMEWORK;
}

/**
 * The framework an assessment was taken against, or the default one. Reference data arrives from
 * the server (or ships with the app), so it is written without an outbox entry.
 */
export async function get(db: AppDatabase, id: Id = DEFAULT_FRAMEWORK_ID): Promise<Framework> {
	const row = await db.frameworks.get(id);
	if (row) return row;
	// A framework not on this device yet (its rows arrive with the next pull) falls back to the
	// built-in one so screens still render; scoring ignores indicator ids it does not know.
	return builtIn();
}

/** The newest revision of the default framework known on this device. */
export async function current(db: AppDatabase): Promise<Framework> {
	const all = (await db.frameworks.where('code').equals(DEFAULT_FRAMEWORK_CODE).toArray()).filter((f) => !f.deletedAt);
	all.sort((a, b) => b.revision - a.revision);
	return all[0] ?? builtIn();
}
