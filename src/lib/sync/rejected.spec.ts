import { afterEach, describe, expect, it } from 'vitest';
import { buildActivity, IDS } from '$lib/domain/testing/builders';
import type { AppDatabase } from '$lib/db/database';
import { freshDatabase } from '$lib/db/testing/fresh';
import * as outbox from '$lib/db/outbox';
import * as rows from '$lib/db/rows';
import { exportRejected, list, REJECTED_FORMAT } from './rejected';

const dbs: AppDatabase[] = [];
afterEach(() => {
	for (const db of dbs.splice(0)) db.close();
});

describe('rejected changes', () => {
	it('are listed with their reason and exported as a file with the row they belong to', async () => {
		const db = freshDatabase('rejected');
		dbs.push(db);
		const row = buildActivity();
		await db.activities.put(row);
		await rows.update(db, 'activities', row.id, { title: 'Отказано' }, { profileId: IDS.teacher });
		await outbox.claim(db, 10);
		await outbox.settle(db, [{ seq: 1, outcome: 'rejected', code: 'forbidden', message: 'not the owner' }]);

		const [change] = await list(db);
		expect(change).toMatchObject({
			seq: 1,
			table: 'activities',
			rowId: row.id,
			op: 'upsert',
			fields: { title: 'Отказано' },
			reason: 'forbidden',
			message: 'not the owner'
		});
		expect(change!.row).toMatchObject({ id: row.id, title: 'Отказано' });

		const file = JSON.parse(await exportRejected(db));
		expect(file).toMatchObject({
			format: REJECTED_FORMAT,
			database: db.name,
			entries: [{ seq: 1, reason: 'forbidden', fields: { title: 'Отказано' } }]
		});
		expect(file.entries[0].createdAt).toEqual(expect.any(String));
	});
});
