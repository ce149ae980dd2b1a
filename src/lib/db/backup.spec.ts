import { afterEach, describe, expect, it } from 'vitest';
import { buildActivity, buildProfile, IDS } from '$lib/domain/testing/builders';
import type { Activity } from '$lib/domain/activity';
import type { Draft } from '$lib/domain/common';
import * as activities from './activities';
import * as backup from './backup';
import * as outbox from './outbox';
import * as demo from './demo';
import { freshDatabase } from './testing/fresh';
import type { AppDatabase } from './database';

const actor = { profileId: IDS.teacher };
const dbs: AppDatabase[] = [];
function open() {
	const db = freshDatabase('backup');
	dbs.push(db);
	return db;
}
afterEach(() => {
	for (const db of dbs.splice(0)) db.close();
});

function draft(overrides: Partial<Activity> = {}): Draft<Activity> {
	const { id: _id, version: _v, updatedAt: _u, updatedBy: _b, deletedAt: _d, ...fields } = buildActivity(overrides);
	return fields;
}

/** A device with synced rows, unsynced edits, a rejected change and a photo. */
async function populated(): Promise<AppDatabase> {
	const db = open();
	await db.profiles.put(buildProfile());
	const a = await activities.create(db, draft({ title: 'Курсы ПК, 36 ч' }), actor);
	await activities.create(db, draft({ title: 'Открытый урок в 7Б', kind: 'open_lesson', hours: null, certificate: '', qualityRelated: false, provider: '' }), actor);
	await activities.update(db, a.id, { hours: 72 }, actor);
	await db.outbox.update(1, { status: 'rejected', reason: 'check_violation' });
	await db.meta.put({ key: 'guest.profileId', value: IDS.teacher });
	await db.attachments.put({
		id: '00000000-0000-4000-8000-00000000f070',
		ownerTable: 'plan_actions',
		ownerId: IDS.action,
		name: 'certificate.jpg',
		mime: 'image/jpeg',
		size: 4,
		blob: new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xd9])], { type: 'image/jpeg' }),
		createdAt: '2026-11-01T10:00:00.000Z'
	});
	return db;
}

function comparable(b: backup.Backup) {
	const { exportedAt: _e, database: _d, ...rest } = b;
	return rest;
}

describe('«Экспорт моих данных»', () => {
	it('round-trips everything, unsynced and rejected changes and photos included', async () => {
		const source = await populated();
		const exported = await backup.exportAll(source);
		expect(exported.outbox).toHaveLength(3);
		expect(exported.attachments[0]!.data).toBe('/9j/2Q==');

		const target = open();
		const summary = await backup.importBackup(target, backup.parse(backup.serialize(exported)));
		expect(summary).toMatchObject({ rowsAdded: 3, rowsUpdated: 0, changesQueued: 3, attachments: 1 });

		// The target's server never saw these changes: a refused one is tried again under the
		// target's numbering, its earlier reason kept.
		const requeued = exported.outbox.map((e) => (e.status === 'rejected' ? { ...e, status: 'pending', reason: null, message: e.reason } : e));
		const again = await backup.exportAll(target);
		expect(comparable(again)).toEqual({
			...comparable(exported),
			outbox: requeued,
			// Device-local sync state is not carried over: the target numbers its own queue.
			meta: expect.arrayContaining([{ key: 'guest.profileId', value: IDS.teacher }])
		});
		expect(await outbox.list(target)).toEqual(requeued);
		const photo = await target.attachments.toArray();
		expect(new Uint8Array(await photo[0]!.blob.arrayBuffer())).toEqual(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]));
	});

	it('importing the same file twice changes nothing the second time', async () => {
		const exported = await backup.exportAll(await populated());
		const target = open();
		await backup.importBackup(target, exported);
		const second = await backup.importBackup(target, exported);
		expect(second).toMatchObject({ rowsAdded: 0, rowsUpdated: 0, changesQueued: 0, attachments: 0 });
		expect(await target.outbox.count()).toBe(3);
	});

	it('keeps a newer local row and does not queue the older change over it', async () => {
		const source = await populated();
		const exported = await backup.exportAll(source);
		const target = open();
		await backup.importBackup(target, exported);
		const [course] = (await activities.listForTeacher(target, IDS.teacher)).filter((a) => a.kind === 'course');
		await activities.update(target, course!.id, { title: 'Исправлено на этом устройстве' }, actor);

		const older = structuredClone(exported);
		older.outbox.push({ ...older.outbox[0]!, seq: 99, mutationId: '00000000-0000-4000-8000-0000000000ff' });
		const summary = await backup.importBackup(target, older);
		expect(summary.changesQueued).toBe(0);
		expect((await target.activities.get(course!.id))!.title).toBe('Исправлено на этом устройстве');
	});

	it('queues restored changes after the device’s own, without gaps', async () => {
		const exported = await backup.exportAll(await populated());
		const target = open();
		await activities.create(target, draft({ title: 'Своё' }), actor);
		await backup.importBackup(target, exported);
		expect((await outbox.list(target)).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
	});

	it('sends refused and in-flight changes again from this device’s next seq, without a gap', async () => {
		const source = await populated();
		await source.outbox.update(2, { status: 'sending' });
		const exported = await backup.exportAll(source);
		expect(exported.outbox.map((e) => e.status)).toEqual(['rejected', 'sending', 'pending']);

		// The target already pushed seq 1 (applied, gone) and seq 2 (refused by its server): its
		// server's last_seq is 2 and the next push must start at 3.
		const target = open();
		await activities.create(target, draft({ title: 'Своё' }), actor);
		await activities.create(target, draft({ title: 'Своё, отклонённое' }), actor);
		await outbox.claim(target, 10);
		await outbox.settle(target, [
			{ seq: 1, outcome: 'applied' },
			{ seq: 2, outcome: 'rejected', code: 'forbidden', message: null }
		]);
		const lastSeq = 2;

		await backup.importBackup(target, exported);
		const queued = await outbox.list(target);
		expect(queued.map((e) => [e.seq, e.status])).toEqual([
			[2, 'rejected'],
			[3, 'pending'],
			[4, 'pending'],
			[5, 'pending']
		]);
		expect(queued[1]).toMatchObject({ reason: null, message: 'check_violation' });

		const batch = await outbox.claim(target, 10);
		expect(batch.map((e) => e.seq)).toEqual([lastSeq + 1, lastSeq + 2, lastSeq + 3]);
		expect(batch.map((e) => e.mutationId)).toEqual(exported.outbox.map((e) => e.mutationId));
	});

	it('refuses a file that is not a backup and writes nothing', async () => {
		const target = open();
		expect(() => backup.parse('not json')).toThrow(expect.objectContaining({ problem: 'not-json' }));
		expect(() => backup.parse('{"format":"something-else"}')).toThrow(expect.objectContaining({ problem: 'not-a-backup' }));
		expect(() => backup.parse(JSON.stringify({ format: 'trajectory-backup', formatVersion: 99 }))).toThrow(expect.objectContaining({ problem: 'newer-version' }));
		const broken = { format: 'trajectory-backup', formatVersion: 1, tables: { activities: [{ title: 'no id' }] }, outbox: [], meta: [] };
		expect(() => backup.parse(JSON.stringify(broken))).toThrow(expect.objectContaining({ problem: 'corrupt' }));
		expect(await target.activities.count()).toBe(0);
	});
});

describe('demo data', () => {
	it('is written without outbox entries, so it can never be pushed to a server', async () => {
		const db = open();
		const { generateDemoSchool } = await import('$lib/demo/generate');
		const { DEFAULT_FRAMEWORK } = await import('$lib/domain/frameworks/default');
		const dataset = generateDemoSchool({ framework: DEFAULT_FRAMEWORK, now: '2026-11-22T09:00:00.000Z' });
		await demo.load(db, dataset);
		expect(await db.profiles.count()).toBe(dataset.profiles.length);
		expect(await db.outbox.count()).toBe(0);
		expect(await db.meta.get('guest.profileId')).toMatchObject({ value: dataset.guestProfileId });
	});
});
