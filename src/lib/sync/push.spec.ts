import { afterEach, describe, expect, it } from 'vitest';
import { buildActivity, IDS } from '$lib/domain/testing/builders';
import type { Activity } from '$lib/domain/activity';
import type { Draft } from '$lib/domain/common';
import type { AppDatabase } from '$lib/db/database';
import { freshDatabase } from '$lib/db/testing/fresh';
import * as activities from '$lib/db/activities';
import * as outbox from '$lib/db/outbox';
import * as rows from '$lib/db/rows';
import { CLIENT_ID, clientId } from './client-id';
import { push, RETRY_ANSWERS } from './push';
import { ScriptedTransport } from './testing/scripted';
import { SyncTransportError } from './transport';

const actor = { profileId: IDS.teacher };
const CLIENT = '00000000-0000-4000-8000-0000000000c1';
const dbs: AppDatabase[] = [];
function open() {
	const db = freshDatabase('push');
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

describe('a push', () => {
	it('sends the queue as mutations in server column names, under the device’s client id', async () => {
		const db = open();
		const row = buildActivity();
		await db.activities.put(row);
		await rows.update(db, 'activities', row.id, { title: 'Новое', endDate: '2026-12-01' }, actor);
		await rows.remove(db, 'activities', row.id, actor);
		const t = new ScriptedTransport();

		expect(await push(db, t, { clientId: CLIENT })).toEqual({ applied: 2, rejected: 0, conflicts: 0 });

		expect(t.pushes).toHaveLength(1);
		const [first, second] = t.pushes[0]!.mutations;
		expect(t.pushes[0]!.clientId).toBe(CLIENT);
		expect(first).toMatchObject({
			seq: 1,
			table: 'activities',
			row_id: row.id,
			op: 'upsert',
			fields: { title: 'Новое', end_date: '2026-12-01' },
			base: { title: row.title, end_date: row.endDate }
		});
		expect(first!.mutation_id).toMatch(/^[0-9a-f-]{36}$/);
		expect(second).toMatchObject({
			seq: 2,
			op: 'delete',
			fields: { deleted_at: expect.any(String) },
			base: { deleted_at: null }
		});
		expect(await outbox.list(db)).toEqual([]);
	});

	it('sends in batches, oldest first', async () => {
		const db = open();
		for (let i = 0; i < 5; i++) await activities.create(db, draft({ title: `№${i}` }), actor);
		const t = new ScriptedTransport();

		await push(db, t, { clientId: CLIENT, batchSize: 2 });

		expect(t.pushes.map((p) => p.mutations.map((m) => m.seq))).toEqual([[1, 2], [3, 4], [5]]);
	});

	it('takes a duplicate’s first outcome: applied leaves the queue, rejected stays with its reason', async () => {
		const db = open();
		await activities.create(db, draft(), actor);
		await activities.create(db, draft(), actor);
		const t = new ScriptedTransport();
		t.pushScript.push({
			last_seq: 2,
			results: [
				{ seq: 1, status: 'duplicate', outcome: 'applied' },
				{ seq: 2, status: 'duplicate', outcome: 'rejected', code: 'forbidden', message: 'not yours' }
			]
		});

		expect(await push(db, t, { clientId: CLIENT })).toMatchObject({ applied: 1, rejected: 1 });
		expect(await outbox.list(db)).toMatchObject([
			{ seq: 2, status: 'rejected', reason: 'forbidden', message: 'not yours' }
		]);
	});

	it('stops at a seq gap, applies nothing and never renumbers', async () => {
		const db = open();
		await activities.create(db, draft(), actor);
		const t = new ScriptedTransport();
		t.pushScript.push({ error: 'seq_gap', expected: 1, last_seq: 0 }, { error: 'seq_gap', expected: 1, last_seq: 0 });

		await expect(push(db, t, { clientId: CLIENT })).rejects.toMatchObject({ name: 'SyncFailure', code: 'seq_gap' });
		expect(await outbox.list(db)).toMatchObject([{ seq: 1, status: 'sending' }]);
		await expect(push(db, t, { clientId: CLIENT })).rejects.toMatchObject({ code: 'seq_gap' });
		expect(t.pushes.map((p) => p.mutations.map((m) => m.seq))).toEqual([[1], [1]]);
	});

	it('refuses to push a queue that belongs to another account', async () => {
		const db = open();
		await activities.create(db, draft(), actor);
		const t = new ScriptedTransport();
		t.pushScript.push({ error: 'client_owned_by_other_user' });

		await expect(push(db, t, { clientId: CLIENT })).rejects.toMatchObject({ code: 'client_owned_by_other_user' });
		expect(await outbox.pendingCount(db)).toBe(1);
	});

	it('refreshes an expired session and sends the very same batch once more', async () => {
		const db = open();
		await activities.create(db, draft(), actor);
		const t = new ScriptedTransport();
		t.pushScript.push(new SyncTransportError('auth', 'JWT expired'));

		await push(db, t, { clientId: CLIENT, refreshAuth: async () => true });

		expect(t.pushes).toHaveLength(2);
		expect(t.pushes[1]).toEqual(t.pushes[0]);
		expect(await outbox.list(db)).toEqual([]);
	});

	it('fails with auth when the session cannot be refreshed, keeping the batch to resend', async () => {
		const db = open();
		await activities.create(db, draft(), actor);
		const t = new ScriptedTransport();
		t.pushScript.push(new SyncTransportError('auth', 'JWT expired'), new SyncTransportError('auth', 'JWT expired'));

		await expect(push(db, t, { clientId: CLIENT, refreshAuth: async () => false })).rejects.toMatchObject({
			code: 'auth'
		});
		await expect(push(db, t, { clientId: CLIENT })).rejects.toMatchObject({ code: 'auth' });
		expect(await outbox.list(db)).toMatchObject([{ seq: 1, status: 'sending' }]);
	});

	it('treats an answer that skips a change as a protocol error and resends the rest', async () => {
		const db = open();
		await activities.create(db, draft(), actor);
		await activities.create(db, draft(), actor);
		const t = new ScriptedTransport();
		t.pushScript.push({ last_seq: 2, results: [{ seq: 1, status: 'applied' }] });

		await expect(push(db, t, { clientId: CLIENT })).rejects.toMatchObject({ code: 'protocol' });
		expect(await outbox.list(db)).toMatchObject([{ seq: 2, status: 'sending' }]);
		await push(db, t, { clientId: CLIENT });
		expect(t.pushes[1]!.mutations.map((m) => m.seq)).toEqual([2]);
	});

	it('settles what a retry answer applied and sends the rest again, with the same seqs, after a pause', async () => {
		const db = open();
		for (let i = 0; i < 4; i++) await activities.create(db, draft({ title: `№${i}` }), actor);
		const t = new ScriptedTransport();
		t.pushScript.push({
			last_seq: 2,
			results: [
				{ seq: 1, status: 'applied' },
				{ seq: 2, status: 'applied' }
			],
			retry: { seq: 3, code: '40P01' }
		});
		const waits: number[] = [];

		expect(await push(db, t, { clientId: CLIENT, wait: async (ms) => void waits.push(ms), random: () => 0 })).toEqual({
			applied: 4,
			rejected: 0,
			conflicts: 0
		});

		expect(t.pushes.map((p) => p.mutations.map((m) => m.seq))).toEqual([
			[1, 2, 3, 4],
			[3, 4]
		]);
		expect(t.pushes[1]!.mutations.map((m) => m.mutation_id)).toEqual(
			t.pushes[0]!.mutations.slice(2).map((m) => m.mutation_id)
		);
		expect(waits).toHaveLength(1);
		expect(await outbox.list(db)).toEqual([]);
	});

	it('never shows a transient stop as a refusal, and gives the engine the cycle back when it keeps stopping', async () => {
		const db = open();
		await activities.create(db, draft(), actor);
		const t = new ScriptedTransport();
		for (let i = 0; i <= RETRY_ANSWERS; i++)
			t.pushScript.push({ last_seq: 0, results: [], retry: { seq: 1, code: '55P03' } });
		const waits: number[] = [];

		await expect(
			push(db, t, { clientId: CLIENT, wait: async (ms) => void waits.push(ms), random: () => 0 })
		).rejects.toMatchObject({ name: 'SyncFailure', code: 'server' });

		expect(waits).toHaveLength(RETRY_ANSWERS);
		expect(waits).toEqual([...waits].sort((x, y) => x - y));
		expect(await outbox.list(db)).toMatchObject([{ seq: 1, status: 'sending', reason: null }]);
		expect(await outbox.rejectedCount(db)).toBe(0);
		await push(db, t, { clientId: CLIENT });
		expect(await outbox.list(db)).toEqual([]);
	});

	it('treats a retry answer that skips a change before the stop as a protocol error', async () => {
		const db = open();
		await activities.create(db, draft(), actor);
		await activities.create(db, draft(), actor);
		const t = new ScriptedTransport();
		t.pushScript.push({ last_seq: 0, results: [], retry: { seq: 2, code: '40P01' } });

		await expect(push(db, t, { clientId: CLIENT, wait: async () => {} })).rejects.toMatchObject({ code: 'protocol' });
		expect((await outbox.list(db)).map((e) => e.status)).toEqual(['sending', 'sending']);
	});

	it('after seq_reused takes a new client id, renumbers the queue from 1 and sends it again', async () => {
		const db = open();
		const before = await clientId(db);
		for (let i = 0; i < 3; i++) await activities.create(db, draft({ title: `№${i}` }), actor);
		await outbox.claim(db, 1);
		await outbox.settle(db, [{ seq: 1, outcome: 'applied' }]);
		const t = new ScriptedTransport();
		t.pushScript.push({ error: 'seq_reused', seq: 2, last_seq: 7 });

		expect(await push(db, t, { clientId: before })).toMatchObject({ applied: 2, rejected: 0 });

		const after = await clientId(db);
		expect(after).not.toBe(before);
		expect((await db.meta.get(CLIENT_ID))?.value).toBe(after);
		expect(t.pushes.map((p) => [p.clientId, p.mutations.map((m) => m.seq)])).toEqual([
			[before, [2, 3]],
			[after, [1, 2]]
		]);
		expect(t.pushes[1]!.mutations.map((m) => m.mutation_id)).toEqual(t.pushes[0]!.mutations.map((m) => m.mutation_id));
		await activities.create(db, draft(), actor);
		expect((await outbox.list(db)).map((e) => e.seq)).toEqual([3]);
	});

	it('renumbers only once per push: a second seq_reused stops the cycle with the queue intact', async () => {
		const db = open();
		await activities.create(db, draft(), actor);
		const t = new ScriptedTransport();
		t.pushScript.push({ error: 'seq_reused', seq: 1, last_seq: 1 }, { error: 'seq_reused', seq: 1, last_seq: 1 });

		await expect(push(db, t, { clientId: await clientId(db) })).rejects.toMatchObject({
			name: 'SyncFailure',
			code: 'seq_gap'
		});
		expect(t.pushes).toHaveLength(2);
		expect(await outbox.pendingCount(db)).toBe(1);
	});
});
