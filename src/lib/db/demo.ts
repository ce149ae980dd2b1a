import type { DemoDataset } from '$lib/demo/generate';
import { DEFAULT_FRAMEWORK } from '$lib/domain/frameworks/default';
import { SYNCED_TABLES, type AppDatabase, type SyncedTable } from './database';
import { toLocalWriteError } from './errors';
import { nowIso } from './ids';
import * as meta from './meta';

const TABLE_OF: Record<Exclude<keyof DemoDataset, 'guestProfileId' | 'methodistProfileId'>, SyncedTable> = {
	organizations: 'organizations',
	memberships: 'memberships',
	profiles: 'profiles',
	assessments: 'assessments',
	deficits: 'deficits',
	plans: 'development_plans',
	actions: 'plan_actions',
	activities: 'activities',
	pairs: 'mentoring_pairs',
	sessions: 'mentoring_sessions',
	observations: 'observations',
	comments: 'comments',
	recommendations: 'recommendations'
};

/**
 * Fill the guest database with the demo school in one transaction. Demo rows are written like
 * rows pulled from a server — without outbox entries — so they can never be pushed anywhere.
 */
export async function load(db: AppDatabase, dataset: DemoDataset): Promise<void> {
	try {
		await db.transaction('rw', [...SYNCED_TABLES.map((t) => db.table(t)), db.meta], async () => {
			await db.frameworks.put(DEFAULT_FRAMEWORK);
			for (const [key, table] of Object.entries(TABLE_OF) as [keyof typeof TABLE_OF, SyncedTable][]) {
				await db.table(table).bulkPut(dataset[key]);
			}
			await meta.set(db, meta.GUEST_PROFILE, dataset.guestProfileId);
			await meta.set(db, meta.DEMO_LOADED_AT, nowIso());
		});
	} catch (error) {
		throw toLocalWriteError(error);
	}
}

export function loadedAt(db: AppDatabase): Promise<string | null> {
	return meta.get<string>(db, meta.DEMO_LOADED_AT);
}
