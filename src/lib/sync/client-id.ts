import type { AppDatabase } from '$lib/db/database';
import { newId } from '$lib/db/ids';

export const CLIENT_ID = 'sync.clientId';

/**
 * This database's identity towards the server, made once. The server numbers mutations per client
 * id, so it belongs to the database (and its outbox counter), not to the browser or the user.
 */
export async function clientId(db: AppDatabase): Promise<string> {
	return db.transaction('rw', db.meta, async () => {
		const existing = await db.meta.get(CLIENT_ID);
		if (typeof existing?.value === 'string') return existing.value;
		const id = newId();
		await db.meta.put({ key: CLIENT_ID, value: id });
		return id;
	});
}
