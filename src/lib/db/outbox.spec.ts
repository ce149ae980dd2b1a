import { afterEach, describe, expect, it } from 'vitest';
import { buildActivity, IDS } from '$lib/domain/testing/builders';
import type { Activity } from '$lib/domain/activity';
import type { Draft } from '$lib/domain/common';
import * as activities from './activities';
import * as outbox from './outbox';
import * as rows from './rows';
import { freshDatabase } from './testing/fresh';
import type { AppDatabase } from './database';

const actor = { profileId: IDS.teacher };
const dbs: AppDatabase[] = [];
function open() {
	const db = freshDatabase();
	dbs.push(db);
	return db;
}
afterEach(() => {
	for (const db of dbs.splice(0)) db.close();
});

function draft(overrides: Partial<Draft<Activity>> = {}): Draft<Activity> {
	const { id: _id, version: _v, updatedAt: _u, updatedBy: _b, deletedAt: _d, ...fields } = buildActivity(overrides);
	return fields;
}

/** A row the server already has (version 1), with nothing queued. */
async function synced(db: AppDatabase, overrides: Partial<Activity> = {}): Promise<Activity> {
	const row = buildActivity(overrides);
	await db.activities.put(row);
	return row;
}

describe('claiming a batch', () => {
	it('marks the oldest pending changes sending, in seq order, up to the limit', async () => {
		const db = open();
		for (const title of ['Первое', 'Второе', 'Третье']) await activities.create(db, draft({ title }), actor);

		const batch = await outbox.claim(db, 2);

		expect(batch.map((e) => [e.seq, e.status])).toEqual([
			[1, 'sending'],
			[2, 'sending']
		]);
		expect((await outbox.list(db)).map((e) => e.status)).toEqual(['sending', 'sending', 'pending']);
	});

	it('resends changes left sending by a crash first, with their seq unchanged', async () => {
		const db = open();
		await activities.create(db, draft({ title: 'До сбоя' }), actor);
		await outbox.claim(db, 200);
		await activities.create(db, draft({ title: 'После сбоя' }), actor);

		expect((await outbox.claim(db, 200)).map((e) => [e.seq, e.fields.title])).toEqual([
			[1, 'До сбоя'],
			[2, 'После сбоя']
		]);
	});

	it('skips rejected changes and never folds a new edit into one on its way', async () => {
		const db = open();
		const row = await activities.create(db, draft({ title: 'Черновик' }), actor);
		await outbox.claim(db, 200);
		await rows.update(db, 'activities', row.id, { title: 'Правка в пути' }, actor);

		const entries = await outbox.list(db);
		expect(entries.map((e) => [e.seq, e.status, e.fields.title])).toEqual([
			[1, 'sending', 'Черновик'],
			[2, 'pending', 'Правка в пути']
		]);
		await outbox.settle(db, [{ seq: 1, outcome: 'rejected', code: 'forbidden', message: 'no' }]);
		expect((await outbox.claim(db, 200)).map((e) => e.seq)).toEqual([2]);
	});

	it('counts sending changes as pending, and the oldest of them as the oldest', async () => {
		const db = open();
		await activities.create(db, draft(), actor);
		await outbox.claim(db, 200);
		await activities.create(db, draft(), actor);

		expect(await outbox.pendingCount(db)).toBe(2);
		expect((await outbox.oldestPending(db))!.seq).toBe(1);
	});
});

describe('settling the server’s answers', () => {
	it('removes applied changes and keeps rejected ones with their reason', async () => {
		const db = open();
		const row = await synced(db);
		await rows.update(db, 'activities', row.id, { title: 'Новое название' }, actor);
		await activities.create(db, draft({ title: 'Ещё одно' }), actor);
		await outbox.claim(db, 200);

		const counts = await outbox.settle(db, [
			{ seq: 1, outcome: 'rejected', code: 'forbidden', message: 'column is mentor-owned' },
			{ seq: 2, outcome: 'applied' }
		]);

		expect(counts).toEqual({ applied: 1, rejected: 1 });
		expect(await outbox.list(db)).toMatchObject([
			{ seq: 1, status: 'rejected', reason: 'forbidden', message: 'column is mentor-owned' }
		]);
		expect(await outbox.rejectedCount(db)).toBe(1);
		expect(await outbox.pendingCount(db)).toBe(0);
	});

	it('asks the next pull to start over when a change of a row the server has was refused', async () => {
		const db = open();
		const row = await synced(db);
		await rows.update(db, 'activities', row.id, { title: 'Отказано' }, actor);
		await outbox.claim(db, 200);

		await outbox.settle(db, [{ seq: 1, outcome: 'rejected', code: 'forbidden', message: null }]);

		expect(await db.meta.get(outbox.REFETCH)).toEqual({ key: outbox.REFETCH, value: true });
		// The row stays until the server's copy comes back.
		expect(await db.activities.get(row.id)).toBeDefined();
	});

	it('takes a refused new row off the device, keeping every field in the rejected entry', async () => {
		const db = open();
		const row = await activities.create(db, draft({ title: 'Никогда не было на сервере' }), actor);
		await rows.update(db, 'activities', row.id, { hours: 12 }, actor);
		await outbox.claim(db, 200);

		await outbox.settle(db, [{ seq: 1, outcome: 'rejected', code: 'invalid_value', message: 'hours' }]);

		expect(await db.activities.get(row.id)).toBeUndefined();
		const [entry] = await outbox.rejected(db);
		expect(entry!.fields).toMatchObject({ title: 'Никогда не было на сервере', hours: 12 });
	});

	it('ignores answers for changes it did not send', async () => {
		const db = open();
		await activities.create(db, draft(), actor);

		expect(
			await outbox.settle(db, [
				{ seq: 1, outcome: 'applied' },
				{ seq: 9, outcome: 'applied' }
			])
		).toEqual({ applied: 0, rejected: 0 });
		expect(await outbox.pendingCount(db)).toBe(1);
	});
});

describe('a rejected change', () => {
	async function refusedUpdate(db: AppDatabase) {
		const row = await synced(db, { title: 'С сервера' });
		await rows.update(db, 'activities', row.id, { title: 'Моё' }, actor);
		await activities.create(db, draft({ title: 'Другая строка' }), actor);
		await outbox.claim(db, 200);
		await outbox.settle(db, [
			{ seq: 1, outcome: 'rejected', code: 'forbidden', message: null },
			{ seq: 2, outcome: 'applied' }
		]);
		// The pull put the server's copy back.
		await db.activities.put(row);
		return row;
	}

	it('can be sent again as a new change at the end of the queue, back on the row', async () => {
		const db = open();
		const row = await refusedUpdate(db);

		const again = await outbox.retryRejected(db, 1);

		expect(again).toMatchObject({
			seq: 3,
			status: 'pending',
			op: 'upsert',
			fields: { title: 'Моё' },
			base: { title: 'С сервера' }
		});
		expect(await outbox.list(db)).toEqual([again]);
		expect((await db.activities.get(row.id))!.title).toBe('Моё');
	});

	it('recreates a refused new row when it is sent again', async () => {
		const db = open();
		const row = await activities.create(db, draft({ title: 'Вернётся' }), actor);
		await outbox.claim(db, 200);
		await outbox.settle(db, [{ seq: 1, outcome: 'rejected', code: 'forbidden', message: null }]);

		const again = await outbox.retryRejected(db, 1);

		expect(again.base).toEqual({});
		expect(await db.activities.get(row.id)).toMatchObject({
			id: row.id,
			title: 'Вернётся',
			version: 0,
			deletedAt: null
		});
	});

	it('is dismissed only when asked, and only if it was rejected', async () => {
		const db = open();
		await refusedUpdate(db);
		await activities.create(db, draft(), actor);

		expect(await outbox.dismissRejected(db, 3)).toBe(false);
		expect(await outbox.dismissRejected(db, 1)).toBe(true);
		expect((await outbox.list(db)).map((e) => e.seq)).toEqual([3]);
	});

	it('cannot be retried once dismissed', async () => {
		const db = open();
		await refusedUpdate(db);
		await outbox.dismissRejected(db, 1);

		await expect(outbox.retryRejected(db, 1)).rejects.toMatchObject({ reason: 'not-found' });
	});
});

describe('renumbering for a new client id', () => {
	async function renumbered(db: AppDatabase): Promise<void> {
		await db.transaction('rw', db.outbox, db.meta, () => outbox.renumber(db));
	}

	it('numbers the unconfirmed changes from 1 in their order, keeping their mutation ids, and continues after them', async () => {
		const db = open();
		for (const title of ['Первое', 'Второе', 'Третье', 'Четвёртое'])
			await activities.create(db, draft({ title }), actor);
		await outbox.claim(db, 2);
		await outbox.settle(db, [{ seq: 1, outcome: 'applied' }]);
		const before = await outbox.list(db);

		await renumbered(db);

		const after = await outbox.list(db);
		expect(after.map((e) => [e.seq, e.status, e.fields.title])).toEqual([
			[1, 'sending', 'Второе'],
			[2, 'pending', 'Третье'],
			[3, 'pending', 'Четвёртое']
		]);
		expect(after.map((e) => e.mutationId)).toEqual(before.map((e) => e.mutationId));
		await activities.create(db, draft({ title: 'Пятое' }), actor);
		expect((await outbox.list(db)).at(-1)).toMatchObject({ seq: 4, fields: { title: 'Пятое' } });
	});

	it('keeps refused changes, listed in their order below the new numbers', async () => {
		const db = open();
		for (const title of ['Отказ 1', 'Ушло', 'Отказ 2', 'Ждёт']) await activities.create(db, draft({ title }), actor);
		await outbox.claim(db, 3);
		await outbox.settle(db, [
			{ seq: 1, outcome: 'rejected', code: 'forbidden', message: null },
			{ seq: 2, outcome: 'applied' },
			{ seq: 3, outcome: 'rejected', code: 'invalid_value', message: null }
		]);

		await renumbered(db);

		expect((await outbox.list(db)).map((e) => [e.seq, e.status, e.fields.title])).toEqual([
			[-2, 'rejected', 'Отказ 1'],
			[-1, 'rejected', 'Отказ 2'],
			[1, 'pending', 'Ждёт']
		]);
		expect((await outbox.claim(db, 200)).map((e) => e.seq)).toEqual([1]);
		const retried = await outbox.retryRejected(db, -2);
		expect(retried.seq).toBe(2);
	});
});
