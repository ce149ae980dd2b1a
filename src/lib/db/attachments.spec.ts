import { afterEach, describe, expect, it } from 'vitest';
import { IDS } from '$lib/domain/testing/builders';
import * as attachments from './attachments';
import { freshDatabase } from './testing/fresh';
import type { AppDatabase } from './database';

const dbs: AppDatabase[] = [];
afterEach(() => {
	for (const db of dbs.splice(0)) db.close();
});

describe('a local attachment', () => {
	it('is saved with its type and size and read back byte for byte, with no outbox entry', async () => {
		const db = freshDatabase('attachments');
		dbs.push(db);
		const blob = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], { type: 'image/jpeg' });
		const saved = await attachments.save(db, {
			ownerTable: 'plan_actions',
			ownerId: IDS.action,
			name: 'certificate.jpg',
			blob
		});
		expect(saved).toMatchObject({ ownerId: IDS.action, name: 'certificate.jpg', mime: 'image/jpeg', size: 4 });
		const read = await attachments.get(db, saved.id);
		expect(new Uint8Array(await read!.blob.arrayBuffer())).toEqual(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]));
		expect(await attachments.listForOwner(db, IDS.action)).toHaveLength(1);
		expect(await db.outbox.count()).toBe(0);
	});

	it('is gone after remove', async () => {
		const db = freshDatabase('attachments');
		dbs.push(db);
		const saved = await attachments.save(db, {
			ownerTable: 'plan_actions',
			ownerId: IDS.action,
			name: 'a.jpg',
			blob: new Blob(['a'])
		});
		await attachments.remove(db, saved.id);
		expect(await attachments.get(db, saved.id)).toBeUndefined();
	});
});
