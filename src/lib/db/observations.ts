import type { Observation } from '$lib/domain/observation';
import type { AppDatabase } from './database';
import * as rows from './rows';

export async function listAll(db: AppDatabase): Promise<Observation[]> {
	return rows.alive(await db.observations.toArray());
}
