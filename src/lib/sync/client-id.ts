import type { AppDatabase } from '$lib/db/database';
import { newId } from '$lib/db/ids';
import * as outbox from '$lib/db/outbox';

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

/**
 * A new identity for this database, when the server says its numbering was already used by
 * another copy of it (`seq_reused`). The new id and the renumbered queue commit together: a
 * crash in between would push the old numbers under the new id, or the new numbers under the
 * old one, and be refused again.
 */
export async function renew(db: AppDatabase): Promise<string> {
	return db.transaction('rw', db.meta, db.outbox, async () => {
		const id = newId();
		await db.meta.put({ key: CLIENT_ID, value: id });
		await outbox.renumber(db);
		return id;
	});
}
