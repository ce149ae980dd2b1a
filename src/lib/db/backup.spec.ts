import { afterEach, describe, expect, it } from 'vitest';
import {
	AT,
	buildAction,
	buildActivity,
	buildMembership,
	buildObservation,
	buildOrganization,
	buildPlan,
	buildProfile,
	IDS,
	uuid
} from '$lib/domain/testing/builders';
import type { Activity } from '$lib/domain/activity';
import type { Draft } from '$lib/domain/common';
import { applyChange } from '$lib/sync/apply';
import { toServer } from '$lib/sync/columns';
import { PROFILE_ID } from '$lib/sync/scope';
import * as activities from './activities';
import * as backup from './backup';
import * as outbox from './outbox';
import * as demo from './demo';
import * as meta from './meta';
import * as plans from './development-plans';
import { freshDatabase } from './testing/fresh';
import {
	CURRENT_SCHEMA_VERSION,
	SYNCED_TABLES,
	type AppDatabase,
	type OutboxEntry,
	type SyncedTable
} from './database';

const actor = { profileId: IDS.teacher };
const GUEST = { mode: 'guest' } as const;
const ACCOUNT = { mode: 'account' } as const;
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
	// The plan and its action as a pull brought them (no outbox entry): the photo is the action's.
	await db.development_plans.put(buildPlan());
	await db.plan_actions.put(buildAction());
	const a = await activities.create(db, draft({ title: 'Курсы ПК, 36 ч' }), actor);
	await activities.create(
		db,
		draft({
			title: 'Открытый урок в 7Б',
			kind: 'open_lesson',
			hours: null,
			certificate: '',
			qualityRelated: false,
			provider: ''
		}),
		actor
	);
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
		const summary = await backup.importBackup(target, backup.parse(backup.serialize(exported)), GUEST);
		expect(summary).toMatchObject({ rowsAdded: 5, rowsUpdated: 0, changesQueued: 3, attachments: 1, refused: [] });

		// The target's server never saw these changes: a refused one is tried again under the
		// target's numbering, its earlier reason kept.
		const requeued = exported.outbox.map((e) =>
			e.status === 'rejected' ? { ...e, status: 'pending', reason: null, message: e.reason } : e
		);
		const again = await backup.exportAll(target);
		expect(comparable(again)).toEqual({
			...comparable(exported),
			// A row new to this device starts at version 0, so the server's copy wins the next pull.
			tables: {
				...exported.tables,
				profiles: exported.tables.profiles.map((p) => ({ ...p, version: 0 })),
				development_plans: exported.tables.development_plans.map((p) => ({ ...p, version: 0 })),
				plan_actions: exported.tables.plan_actions.map((a) => ({ ...a, version: 0 }))
			},
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
		await backup.importBackup(target, exported, GUEST);
		const second = await backup.importBackup(target, exported, GUEST);
		expect(second).toMatchObject({ rowsAdded: 0, rowsUpdated: 0, changesQueued: 0, attachments: 0 });
		expect(await target.outbox.count()).toBe(3);
	});

	it('keeps a newer local row and does not queue the older change over it', async () => {
		const source = await populated();
		const exported = await backup.exportAll(source);
		const target = open();
		await backup.importBackup(target, exported, GUEST);
		const [course] = (await activities.listForTeacher(target, IDS.teacher)).filter((a) => a.kind === 'course');
		await activities.update(target, course!.id, { title: 'Исправлено на этом устройстве' }, actor);

		const older = structuredClone(exported);
		older.outbox.push({ ...older.outbox[0]!, seq: 99, mutationId: '00000000-0000-4000-8000-0000000000ff' });
		const summary = await backup.importBackup(target, older, GUEST);
		expect(summary.changesQueued).toBe(0);
		expect((await target.activities.get(course!.id))!.title).toBe('Исправлено на этом устройстве');
	});

	it('queues restored changes after the device’s own, without gaps', async () => {
		const exported = await backup.exportAll(await populated());
		const target = open();
		await activities.create(target, draft({ title: 'Своё' }), actor);
		await backup.importBackup(target, exported, GUEST);
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

		await backup.importBackup(target, exported, GUEST);
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
		expect(() => backup.parse('{"format":"something-else"}')).toThrow(
			expect.objectContaining({ problem: 'not-a-backup' })
		);
		expect(() => backup.parse(JSON.stringify({ format: 'trajectory-backup', formatVersion: 99 }))).toThrow(
			expect.objectContaining({ problem: 'newer-version' })
		);
		const broken = {
			format: 'trajectory-backup',
			formatVersion: 1,
			tables: { activities: [{ title: 'no id' }] },
			outbox: [],
			meta: []
		};
		expect(() => backup.parse(JSON.stringify(broken))).toThrow(expect.objectContaining({ problem: 'corrupt' }));
		expect(await target.activities.count()).toBe(0);
	});
});

/** A backup file as another device (or someone hostile) might write it, through the real parser. */
function fileOf(content: {
	tables?: Partial<Record<SyncedTable, object[]>>;
	outbox?: OutboxEntry[];
	meta?: { key: string; value: unknown }[];
	attachments?: backup.BackupAttachment[];
}): backup.Backup {
	const tables = Object.fromEntries(SYNCED_TABLES.map((t) => [t, content.tables?.[t] ?? []]));
	return backup.parse(
		JSON.stringify({
			format: backup.BACKUP_FORMAT,
			formatVersion: backup.BACKUP_FORMAT_VERSION,
			schemaVersion: CURRENT_SCHEMA_VERSION,
			exportedAt: '2026-11-20T10:00:00.000Z',
			database: 'elsewhere',
			tables,
			outbox: content.outbox ?? [],
			meta: content.meta ?? [],
			attachments: content.attachments ?? []
		})
	);
}

let nextSeq = 1;
/** A queued change as the file's device wrote it. */
function change(
	table: SyncedTable,
	rowId: string,
	fields: Record<string, unknown>,
	base: Record<string, unknown> = {},
	op: OutboxEntry['op'] = 'upsert'
): OutboxEntry {
	const seq = nextSeq++;
	return {
		seq,
		mutationId: uuid(50_000 + seq),
		table,
		rowId,
		op,
		fields,
		base,
		createdAt: AT,
		status: 'pending',
		reason: null
	};
}

const OTHER_TEACHER = uuid(150);
const LATER = '2026-11-01T10:00:00.000Z';
const goodPlan = buildPlan({ version: 2 });
const goodAction = buildAction({ version: 4, title: 'Курсы «Формирующее оценивание на уроке»' });

/**
 * A signed-in teacher's device after a pull: her profile, her plan and one action (synced, with
 * the server's versions), another teacher's profile she can read, and her school.
 */
async function signedInDevice(): Promise<AppDatabase> {
	const db = open();
	await meta.set(db, PROFILE_ID, IDS.teacher);
	await db.profiles.bulkPut([
		buildProfile({ version: 3 }),
		buildProfile({
			id: OTHER_TEACHER,
			userId: uuid(1150),
			fullName: 'Смирнова Ольга Ивановна',
			email: 'smirnova@school.example',
			version: 5
		})
	]);
	await db.organizations.put(buildOrganization());
	await db.development_plans.put(goodPlan);
	await db.plan_actions.put(goodAction);
	return db;
}

function refusals(summary: backup.ImportSummary) {
	return [...summary.refused].sort((a, b) => `${a.table}/${a.id}`.localeCompare(`${b.table}/${b.id}`));
}

describe('«Импорт из файла» is validated like a sync pull', () => {
	it('imports a good file of the signed-in person completely, nothing refused', async () => {
		const source = open();
		await meta.set(source, PROFILE_ID, IDS.teacher);
		await source.profiles.put(buildProfile({ version: 3 }));
		await plans.ensurePlan(source, IDS.teacher, 2026, actor);
		await activities.create(source, draft({ title: 'Курсы ПК, 36 ч' }), actor);
		const exported = await backup.exportAll(source);

		const target = open();
		await meta.set(target, PROFILE_ID, IDS.teacher);
		const summary = await backup.importBackup(target, backup.parse(backup.serialize(exported)), ACCOUNT);
		expect(summary).toMatchObject({ rowsAdded: 3, changesQueued: 2, refused: [] });
		expect((await activities.listForTeacher(target, IDS.teacher)).map((a) => a.title)).toEqual(['Курсы ПК, 36 ч']);
		expect((await outbox.list(target)).map((e) => e.table)).toEqual(['development_plans', 'activities']);
	});

	it('refuses rows of another teacher with a reason, queues none of their changes, and keeps the name the server sent', async () => {
		const db = await signedInDevice();
		const forged = buildProfile({
			id: OTHER_TEACHER,
			userId: uuid(1150),
			fullName: 'Подделкина Анна',
			email: 'smirnova@school.example',
			version: 999_999,
			updatedAt: LATER
		});
		const theirAction = buildAction({
			id: uuid(560),
			teacherId: OTHER_TEACHER,
			planId: uuid(561),
			title: 'Чужое действие'
		});
		const file = fileOf({
			tables: { profiles: [forged], plan_actions: [theirAction] },
			outbox: [
				change('profiles', OTHER_TEACHER, { fullName: 'Подделкина Анна' }, { fullName: 'Смирнова Ольга Ивановна' }),
				change('plan_actions', theirAction.id, { title: 'Чужое действие' })
			]
		});

		const summary = await backup.importBackup(db, file, ACCOUNT);
		expect(refusals(summary)).toEqual([
			{ table: 'plan_actions', id: theirAction.id, reason: 'not-yours' },
			{ table: 'profiles', id: OTHER_TEACHER, reason: 'not-yours' }
		]);
		expect(summary).toMatchObject({ rowsAdded: 0, rowsUpdated: 0, changesQueued: 0 });
		expect(await db.outbox.count()).toBe(0);
		expect(await db.plan_actions.get(theirAction.id)).toBeUndefined();
		expect(await db.profiles.get(OTHER_TEACHER)).toMatchObject({ fullName: 'Смирнова Ольга Ивановна', version: 5 });
	});

	it('restores a profile saved before the стаж kept its date: the стаж is dated the day the row was last written', async () => {
		const db = open();
		await meta.set(db, meta.GUEST_PROFILE, IDS.teacher);
		const { experienceAsOf: _none, ...older } = buildProfile({
			version: 0,
			experienceYears: 2,
			updatedAt: '2024-05-10T09:00:00.000Z'
		});
		const summary = await backup.importBackup(db, fileOf({ tables: { profiles: [older] } }), GUEST);
		expect(summary.refused).toEqual([]);
		expect(await db.profiles.get(IDS.teacher)).toMatchObject({ experienceYears: 2, experienceAsOf: '2024-05-10' });
	});

	it('in guest mode the person is the guest profile: rows of anyone else are refused', async () => {
		const db = open();
		await meta.set(db, meta.GUEST_PROFILE, IDS.teacher);
		const mine = buildActivity({ version: 0 });
		const theirs = buildActivity({ id: uuid(610), teacherId: OTHER_TEACHER, title: 'Чужой курс' });
		const summary = await backup.importBackup(db, fileOf({ tables: { activities: [mine, theirs] } }), GUEST);
		expect(summary.refused).toEqual([{ table: 'activities', id: theirs.id, reason: 'not-yours' }]);
		expect((await activities.listForTeacher(db, IDS.teacher)).map((a) => a.id)).toEqual([mine.id]);
		expect(await db.activities.get(theirs.id)).toBeUndefined();
	});

	it('a version above the server’s never freezes the device copy: a synced row is kept, a new row waits for the pull at version 0', async () => {
		const db = await signedInDevice();
		const frozen = { ...goodAction, title: 'Заморожено', version: 999_999, updatedAt: LATER };
		const newRow = buildActivity({ id: uuid(620), title: 'Из файла', version: 999_999 });
		const summary = await backup.importBackup(
			db,
			fileOf({ tables: { plan_actions: [frozen], activities: [newRow] } }),
			ACCOUNT
		);
		expect(summary).toMatchObject({ rowsAdded: 1, rowsKept: 1, refused: [] });
		expect(await db.plan_actions.get(goodAction.id)).toMatchObject({ title: goodAction.title, version: 4 });
		expect(await db.activities.get(newRow.id)).toMatchObject({ title: 'Из файла', version: 0 });

		// Later server changes show: the next pull replaces both.
		const pulled = async (table: SyncedTable, row: object) =>
			db.transaction('rw', [...SYNCED_TABLES.map((t) => db.table(t)), db.outbox], () =>
				applyChange(db, { table, row: toServer({ ...row }) })
			);
		expect(await pulled('plan_actions', { ...goodAction, title: 'Исправлено на сервере', version: 5 })).toBe('applied');
		expect(await pulled('activities', { ...newRow, title: 'С сервера', version: 1 })).toBe('applied');
		expect((await db.plan_actions.get(goodAction.id))!.title).toBe('Исправлено на сервере');
		expect((await db.activities.get(newRow.id))!.title).toBe('С сервера');
	});

	it('refuses rows that break the schema, stores none of them, and the ИОМ still lists the teacher’s actions', async () => {
		const db = await signedInDevice();
		const broken = [
			{ ...buildAction({ id: uuid(570), title: 'Без доказательств' }), evidence: null },
			{ ...buildAction({ id: uuid(571), title: 'Срок числом' }), deadline: 20261220 },
			{ ...buildAction({ id: uuid(572) }), status: 'взломано' },
			{ ...buildAction({ id: uuid(573) }), title: 'x'.repeat(5000) }
		];
		const good = buildAction({ id: uuid(574), title: 'Открытый урок', version: 0 });
		const file = fileOf({
			tables: { plan_actions: [...broken, good] },
			outbox: [...broken, good].map((a) => change('plan_actions', a.id, { title: a.title }))
		});

		const summary = await backup.importBackup(db, file, ACCOUNT);
		expect(refusals(summary)).toEqual(broken.map((a) => ({ table: 'plan_actions', id: a.id, reason: 'invalid' })));
		expect(summary).toMatchObject({ rowsAdded: 1, changesQueued: 1 });
		for (const a of broken) expect(await db.plan_actions.get(a.id)).toBeUndefined();
		expect((await outbox.list(db)).map((e) => e.rowId)).toEqual([good.id]);

		const year = await plans.forYear(db, IDS.teacher, 2026);
		expect(year!.actions.map((a) => a.title)).toEqual([goodAction.title, 'Открытый урок']);
		expect(await plans.listActions(db)).toHaveLength(2);
	});

	it('a broken copy of an already synced action never replaces the good one, nor does a broken queued change', async () => {
		const db = await signedInDevice();
		const brokenCopy = { ...goodAction, title: '', hours: -5, updatedAt: LATER };
		let summary = await backup.importBackup(db, fileOf({ tables: { plan_actions: [brokenCopy] } }), ACCOUNT);
		expect(summary.refused).toEqual([{ table: 'plan_actions', id: goodAction.id, reason: 'invalid' }]);

		// A valid row whose queued change is broken: the change would reach the server and the
		// screen, so the row and its changes are refused together.
		const edited = { ...goodAction, reflection: 'Прошла курсы', updatedAt: LATER };
		summary = await backup.importBackup(
			db,
			fileOf({
				tables: { plan_actions: [edited] },
				outbox: [change('plan_actions', goodAction.id, { hours: 'много' }, { hours: 36 })]
			}),
			ACCOUNT
		);
		expect(summary.refused).toEqual([{ table: 'plan_actions', id: goodAction.id, reason: 'invalid' }]);
		expect(await db.plan_actions.get(goodAction.id)).toEqual(goodAction);
		expect(await db.outbox.count()).toBe(0);
	});

	it('puts the person’s unsent changes of a synced row on top of the device’s copy and queues them again', async () => {
		const db = await signedInDevice();
		const edited = {
			...goodAction,
			reflection: 'Прошла курсы, применяю приёмы',
			title: 'Заголовок из файла',
			version: 999_999,
			updatedAt: LATER
		};
		const file = fileOf({
			tables: { plan_actions: [edited] },
			outbox: [change('plan_actions', goodAction.id, { reflection: edited.reflection }, { reflection: '' })]
		});
		const summary = await backup.importBackup(db, file, ACCOUNT);
		expect(summary).toMatchObject({ rowsUpdated: 1, changesQueued: 1, refused: [] });
		// Only what was queued is taken; the rest of the row is the server's, at the server's version.
		expect(await db.plan_actions.get(goodAction.id)).toMatchObject({
			title: goodAction.title,
			reflection: edited.reflection,
			version: 4
		});
		expect((await outbox.list(db)).map((e) => e.fields)).toEqual([{ reflection: edited.reflection }]);
	});

	it('takes a teacher’s own answer to an observation of her, never the observer’s fields', async () => {
		const db = await signedInDevice();
		const observation = buildObservation({ version: 2, status: 'submitted' });
		await db.observations.put(observation);
		const answered = {
			...observation,
			reflection: 'Согласна, поработаю над этапом рефлексии',
			acknowledgedAt: LATER,
			updatedAt: LATER
		};
		let summary = await backup.importBackup(
			db,
			fileOf({
				tables: { observations: [answered] },
				outbox: [
					change(
						'observations',
						observation.id,
						{ reflection: answered.reflection, acknowledgedAt: LATER },
						{ reflection: '', acknowledgedAt: null }
					)
				]
			}),
			ACCOUNT
		);
		expect(summary).toMatchObject({ rowsUpdated: 1, changesQueued: 1, refused: [] });
		expect(await db.observations.get(observation.id)).toMatchObject({
			reflection: answered.reflection,
			acknowledgedAt: LATER,
			version: 2
		});

		const rewritten = { ...answered, notes: 'Урок сорван' };
		summary = await backup.importBackup(
			db,
			fileOf({
				tables: { observations: [rewritten] },
				outbox: [change('observations', observation.id, { notes: 'Урок сорван' }, { notes: '' })]
			}),
			ACCOUNT
		);
		expect(summary.refused).toEqual([{ table: 'observations', id: observation.id, reason: 'not-yours' }]);
		expect((await db.observations.get(observation.id))!.notes).toBe('');
	});

	it('refuses shared data, which comes from the server, unless the device holds the same copy', async () => {
		const db = await signedInDevice();
		const school = buildOrganization();
		const renamed = buildOrganization({ id: uuid(210), name: 'Школа из файла' });
		const admin = buildMembership({ id: uuid(1010), role: 'admin' });
		const summary = await backup.importBackup(
			db,
			fileOf({ tables: { organizations: [school, renamed], memberships: [admin] } }),
			ACCOUNT
		);
		expect(refusals(summary)).toEqual([
			{ table: 'memberships', id: admin.id, reason: 'shared' },
			{ table: 'organizations', id: renamed.id, reason: 'shared' }
		]);
		expect(summary.rowsKept).toBe(1);
		expect(await db.memberships.count()).toBe(0);
		expect(await db.organizations.get(renamed.id)).toBeUndefined();
	});

	it('refuses everything when a signed-in device does not know its person yet, and never takes one from the file', async () => {
		const db = open();
		const file = fileOf({
			tables: { activities: [buildActivity()] },
			meta: [
				{ key: meta.GUEST_PROFILE, value: IDS.teacher },
				{ key: PROFILE_ID, value: IDS.teacher }
			]
		});
		const summary = await backup.importBackup(db, file, ACCOUNT);
		expect(summary.refused).toEqual([{ table: 'activities', id: IDS.activity, reason: 'unknown-person' }]);
		expect(await db.activities.count()).toBe(0);
		expect(await db.meta.count()).toBe(0);
	});

	it('takes the file’s guest profile on a guest device that has none, and nothing else from the file’s settings', async () => {
		const db = open();
		const file = fileOf({
			tables: { activities: [buildActivity()] },
			meta: [
				{ key: meta.GUEST_PROFILE, value: IDS.teacher },
				{ key: 'report:00000000-0000-4000-8000-000000000201:2026', value: { payload: 'не отчёт' } },
				{ key: 'guestMove.at', value: LATER }
			]
		});
		const summary = await backup.importBackup(db, file, GUEST);
		expect(summary).toMatchObject({ rowsAdded: 1, refused: [], adoptedProfileId: IDS.teacher });
		expect(await db.meta.toArray()).toEqual([{ key: meta.GUEST_PROFILE, value: IDS.teacher }]);
	});

	it('refuses a queued change without its row, one with a field the table does not have, and photos of rows that are not the person’s', async () => {
		const db = await signedInDevice();
		const theirs = buildAction({ id: uuid(580), teacherId: OTHER_TEACHER });
		await db.plan_actions.put(theirs);
		const withUnknown = buildActivity({ id: uuid(630) });
		const photo = (id: number, ownerId: string): backup.BackupAttachment => ({
			id: uuid(id),
			ownerTable: 'plan_actions',
			ownerId,
			name: 'photo.jpg',
			mime: 'image/jpeg',
			size: 4,
			createdAt: AT,
			data: '/9j/2Q=='
		});
		const file = fileOf({
			tables: { activities: [withUnknown] },
			outbox: [
				change('activities', uuid(631), { title: 'Нет строки' }),
				change('activities', withUnknown.id, { title: 'Курс', version: 7 }),
				change('activities', withUnknown.id, { isAdmin: true })
			],
			attachments: [photo(700, goodAction.id), photo(701, theirs.id), photo(702, uuid(999))]
		});
		const summary = await backup.importBackup(db, file, ACCOUNT);
		expect(refusals(summary)).toEqual([
			{ table: 'activities', id: uuid(630), reason: 'invalid' },
			{ table: 'activities', id: uuid(631), reason: 'invalid' },
			{ table: 'attachments', id: uuid(701), reason: 'not-yours' },
			{ table: 'attachments', id: uuid(702), reason: 'not-yours' }
		]);
		expect(summary.attachments).toBe(1);
		expect((await db.attachments.toArray()).map((a) => a.ownerId)).toEqual([goodAction.id]);
		expect(await db.outbox.count()).toBe(0);
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
