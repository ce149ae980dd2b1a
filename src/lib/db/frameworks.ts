import type { Id } from '$lib/domain/common';
import type { Framework } from '$lib/domain/framework';
import { DEFAULT_FRAMEWORK } from '$lib/domain/frameworks/default';
import type { AppDatabase } from './database';

/**
 * The framework an assessment was taken against, or the default one. Reference data arrives from
 * the server (or ships with the app), so it is written without an outbox entry.
 */
export async function get(db: AppDatabase, id: Id = DEFAULT_FRAMEWORK.id): Promise<Framework> {
	return (await db.frameworks.get(id)) ?? DEFAULT_FRAMEWORK;
}

export async function current(db: AppDatabase): Promise<Framework> {
	const all = (await db.frameworks.where('code').equals(DEFAULT_FRAMEWORK.code).toArray()).filter((f) => !f.deletedAt);
	all.sort((a, b) => b.version - a.version);
	return all[0] ?? DEFAULT_FRAMEWORK;
}
