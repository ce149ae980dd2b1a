import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import {
	buildActivity,
	buildAssessment,
	buildOrganization,
	buildProfile,
	buildSession,
	IDS
} from '$lib/domain/testing/builders';
import { closeEverywhere } from './close-everywhere';
import {
	AppDatabase,
	CURRENT_SCHEMA_VERSION,
	declareVersions,
	databaseNameFor,
	GUEST_DATABASE,
	LEGACY_TARGETS_KEY
} from './database';
import { toLocalWriteError } from './errors';
import { targetId } from '$lib/domain/indicator-target';
import { DEFAULT_FRAMEWORK } from '$lib/domain/frameworks/default';
import * as assessments from './assessments';
import * as outbox from './outbox';
import * as activities from './activities';

describe('a schema upgrade', () => {
	it('keeps every row, the outbox and meta of version 1', async () => {
		const name = `upgrade-${Math.random().toString(36).slice(2)}`;
		// Version 1, exactly as it was released.
		const old = new Dexie(name);
		declareVersions(old, 1);
		await old.open();
		const profile = buildProfile();
		const submitted = buildAssessment({ status: 'submitted', submittedAt: '2026-10-01T10:00:00.000Z' });
		// A v1 draft had no resume point.
		const { currentCompetencyId: _dropped, ...legacyDraft } = buildAssessment({
			id: '00000000-0000-4000-8000-00000000aaaa'
		});
		const activity = buildActivity();
		await old.table('profiles').put(profile);
		await old.table('assessments').bulkPut([submitted, legacyDraft]);
		await old.table('activities').put(activity);
		const pending = [
			{
				seq: 1,
				mutationId: '00000000-0000-4000-8000-0000000000e1',
				table: 'activities',
				rowId: activity.id,
				op: 'upsert',
				fields: { title: activity.title },
				base: {},
				createdAt: '2026-10-02T08:00:00.000Z',
				status: 'pending',
				reason: null
			},
			{
				seq: 2,
				mutationId: '00000000-0000-4000-8000-0000000000e2',
				table: 'profiles',
				rowId: profile.id,
				op: 'upsert',
				fields: { fullName: profile.fullName },
				base: {},
				createdAt: '2026-10-02T08:01:00.000Z',
				status: 'rejected',
				reason: 'check_violation'
			}
		];
		await old.table('outbox').bulkAdd(pending);
		await old.table('meta').bulkPut([
			{ key: 'outbox.nextSeq', value: 3 },
			{ key: 'guest.profileId', value: profile.id }
		]);
		old.close();

		const db = new AppDatabase(name);
		await db.open();
		expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
		expect(await db.profiles.get(profile.id)).toEqual(profile);
		expect(await db.activities.get(activity.id)).toEqual(activity);
		expect(await outbox.list(db)).toEqual(pending);
		expect(await db.meta.get('outbox.nextSeq')).toEqual({ key: 'outbox.nextSeq', value: 3 });
		// The upgrade filled the new field, and the new per-year index answers.
		expect((await db.assessments.get(legacyDraft.id))!.currentCompetencyId).toBeNull();
		expect(
			(await assessments.listForYear(db, submitted.teacherId, submitted.academicYear)).map((a) => a.id).sort()
		).toEqual([submitted.id, legacyDraft.id].sort());
		// The device goes on numbering after the upgraded queue.
		await activities.create(db, { ...activity, id: undefined, title: 'После обновления' } as never, {
			profileId: IDS.teacher
		});
		expect((await outbox.list(db)).map((e) => e.seq)).toEqual([1, 2, 3]);
		db.close();
	});

	it('from version 2 adds the conflicts table and sends the queue it had, with its seqs', async () => {
		const name = `upgrade-v2-${Math.random().toString(36).slice(2)}`;
		const old = new Dexie(name);
		declareVersions(old, 2);
		await old.open();
		const activity = buildActivity();
		await old.table('activities').put(activity);
		const queued = [
			{
				seq: 4,
				mutationId: '00000000-0000-4000-8000-0000000000e4',
				table: 'activities',
				rowId: activity.id,
				op: 'upsert',
				fields: { title: 'Курсы' },
				base: { title: activity.title },
				createdAt: '2026-10-02T08:00:00.000Z',
				status: 'rejected',
				reason: 'forbidden'
			},
			{
				seq: 5,
				mutationId: '00000000-0000-4000-8000-0000000000e5',
				table: 'activities',
				rowId: activity.id,
				op: 'upsert',
				fields: { hours: 36 },
				base: { hours: activity.hours },
				createdAt: '2026-10-02T08:01:00.000Z',
				status: 'pending',
				reason: null
			},
			{
				seq: 6,
				mutationId: '00000000-0000-4000-8000-0000000000e6',
				table: 'activities',
				rowId: activity.id,
				op: 'delete',
				fields: { deletedAt: '2026-10-02T08:02:00.000Z' },
				base: { deletedAt: null },
				createdAt: '2026-10-02T08:02:00.000Z',
				status: 'pending',
				reason: null
			}
		];
		await old.table('outbox').bulkAdd(queued);
		await old.table('meta').bulkPut([
			{ key: 'outbox.nextSeq', value: 7 },
			{ key: 'sync.clientId', value: '00000000-0000-4000-8000-0000000000cc' }
		]);
		old.close();

		const db = new AppDatabase(name);
		await db.open();
		expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
		expect(await db.activities.get(activity.id)).toEqual(activity);
		expect(await outbox.list(db)).toEqual(queued);
		expect(await db.sync_conflicts.count()).toBe(0);
		expect(await outbox.pendingCount(db)).toBe(2);
		// The upgraded queue is claimed as it is: the rejected entry stays, the pending ones go in order.
		expect((await outbox.claim(db, 200)).map((e) => e.seq)).toEqual([5, 6]);
		expect((await outbox.list(db)).map((e) => e.status)).toEqual(['rejected', 'sending', 'sending']);
		expect(await db.meta.get('sync.clientId')).toEqual({
			key: 'sync.clientId',
			value: '00000000-0000-4000-8000-0000000000cc'
		});
		db.close();
	});

	it('from version 3 gives every stored profile an empty date of birth', async () => {
		const name = `upgrade-v3-${Math.random().toString(36).slice(2)}`;
		const old = new Dexie(name);
		declareVersions(old, 3);
		await old.open();
		const { birthDate: _none, ...legacy } = buildProfile();
		await old.table('profiles').put(legacy);
		old.close();
		const db = new AppDatabase(name);
		await db.open();
		expect(await db.profiles.get(legacy.id)).toEqual({ ...legacy, birthDate: null });
		db.close();
	});

	it('from version 6 says of every stored session that it names no planned meeting, and of every activity that it records no ИОМ action', async () => {
		const name = `upgrade-v6-${Math.random().toString(36).slice(2)}`;
		const old = new Dexie(name);
		declareVersions(old, 6);
		await old.open();
		const { plannedMeeting: _meeting, ...session } = buildSession();
		const { planActionId: _action, ...activity } = buildActivity();
		await old.table('mentoring_sessions').put(session);
		await old.table('activities').put(activity);
		old.close();
		const db = new AppDatabase(name);
		await db.open();
		expect(await db.mentoring_sessions.get(session.id)).toEqual({ ...session, plannedMeeting: null });
		expect(await db.activities.get(activity.id)).toEqual({ ...activity, planActionId: null });
		expect(await db.activities.where('planActionId').equals(IDS.action).count()).toBe(0);
		db.close();
	});

	it('from version 7 keeps every organisation open and without windows, and every framework version published for every year', async () => {
		const name = `upgrade-v7-${Math.random().toString(36).slice(2)}`;
		const old = new Dexie(name);
		declareVersions(old, 7);
		await old.open();
		const { closedOn: _closed, monitoring: _windows, ...org } = buildOrganization();
		const {
			status: _status,
			academicYear: _year,
			publishedAt: _at,
			...framework
		} = {
			...DEFAULT_FRAMEWORK,
			id: '00000000-0000-4000-8000-00000000f001'
		};
		await old.table('organizations').put(org);
		await old.table('frameworks').put(framework);
		old.close();
		const db = new AppDatabase(name);
		await db.open();
		expect(await db.organizations.get(org.id)).toEqual({ ...org, closedOn: null, monitoring: {} });
		expect(await db.frameworks.get(framework.id)).toEqual({
			...framework,
			status: 'published',
			academicYear: null,
			publishedAt: null
		});
		db.close();
	});

	it('from version 5 dates every stored стаж on the day its row was last written, and gives organisations no zone of their own', async () => {
		const name = `upgrade-v5-${Math.random().toString(36).slice(2)}`;
		const old = new Dexie(name);
		declareVersions(old, 5);
		await old.open();
		const { experienceAsOf: _none, ...legacy } = buildProfile({
			updatedAt: '2023-03-15T10:00:00.000Z',
			experienceYears: 2
		});
		const { timeZone: _zone, ...school } = buildOrganization();
		await old.table('profiles').put(legacy);
		await old.table('organizations').put(school);
		old.close();
		const db = new AppDatabase(name);
		await db.open();
		expect(await db.profiles.get(legacy.id)).toEqual({ ...legacy, experienceAsOf: '2023-03-15' });
		expect(await db.organizations.get(school.id)).toEqual({ ...school, timeZone: null });
		db.close();
	});

	it('from version 4 adds recommendations and moves the targets kept in meta into synced rows, queued after the old queue', async () => {
		const name = `upgrade-v4-${Math.random().toString(36).slice(2)}`;
		const old = new Dexie(name);
		declareVersions(old, 4);
		await old.open();
		const activity = buildActivity();
		await old.table('activities').put(activity);
		const queued = {
			seq: 7,
			mutationId: '00000000-0000-4000-8000-0000000000e7',
			table: 'activities',
			rowId: activity.id,
			op: 'upsert',
			fields: { hours: 36 },
			base: { hours: activity.hours },
			createdAt: '2026-11-02T08:00:00.000Z',
			status: 'pending',
			reason: null
		};
		await old.table('outbox').add(queued);
		await old.table('meta').bulkPut([
			{ key: 'outbox.nextSeq', value: 8 },
			{
				key: LEGACY_TARGETS_KEY,
				value: [
					{ organizationId: IDS.school, academicYear: 2026, code: 'IOM', value: 0.6, deletedAt: null },
					{ organizationId: IDS.municipality, academicYear: 2026, code: 'PD_ANY', value: 0.3, deletedAt: null }
				]
			}
		]);
		old.close();

		const db = new AppDatabase(name);
		await db.open();
		expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
		expect(await db.activities.get(activity.id)).toEqual(activity);
		expect(await db.recommendations.count()).toBe(0);
		const moved = await db.indicator_targets.toArray();
		expect(moved.map((t) => [t.id, t.organizationId, t.code, t.value, t.version, t.deletedAt]).sort()).toEqual(
			[
				[targetId(IDS.school, 2026, 'IOM'), IDS.school, 'IOM', 0.6, 0, null],
				[targetId(IDS.municipality, 2026, 'PD_ANY'), IDS.municipality, 'PD_ANY', 0.3, 0, null]
			].sort()
		);
		const entries = await outbox.list(db);
		expect(entries[0]).toEqual(queued);
		expect(entries.slice(1).map((e) => [e.seq, e.table, e.op, e.base])).toEqual([
			[8, 'indicator_targets', 'upsert', {}],
			[9, 'indicator_targets', 'upsert', {}]
		]);
		expect(entries[1]!.fields).toEqual({ organizationId: IDS.school, academicYear: 2026, code: 'IOM', value: 0.6 });
		expect(await db.meta.get(LEGACY_TARGETS_KEY)).toBeUndefined();
		expect(await db.meta.get('outbox.nextSeq')).toEqual({ key: 'outbox.nextSeq', value: 10 });
		db.close();
	});
});

describe('database names', () => {
	it('gives every signed-in user a database of their own and guests a shared local one', () => {
		expect(databaseNameFor(null)).toBe(GUEST_DATABASE);
		expect(databaseNameFor(IDS.teacher)).toBe(`trajectory-user-${IDS.teacher}`);
		expect(databaseNameFor(IDS.teacher)).not.toBe(databaseNameFor(IDS.mentor));
	});
});

describe('a database another tab removes or takes over', () => {
	const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2)}`;

	it('is not re-created by a later write in a tab that still held it: the write fails as closed', async () => {
		const name = unique('deleted');
		const otherTab = new AppDatabase(name);
		await otherTab.meta.put({ key: 'form:activity-new', value: { title: 'Курсы' } });
		const thisTab = new AppDatabase(name);
		await thisTab.open();
		await thisTab.delete();
		const write = await otherTab.meta
			.put({ key: 'form:activity-new', value: { title: 'Курсы ПК' } })
			.catch((e: unknown) => e);
		expect(toLocalWriteError(write).reason).toBe('closed');
		expect(await Dexie.exists(name)).toBe(false);
	});

	it('closes every other connection for good, keeping what they wrote, and opens again at its higher version', async () => {
		const name = unique('taken');
		const otherTab = new AppDatabase(name);
		await otherTab.meta.put({ key: 'kept', value: 1 });
		expect(await closeEverywhere(name)).toBe('closed');
		expect(toLocalWriteError(await otherTab.meta.put({ key: 'late', value: 2 }).catch((e: unknown) => e)).reason).toBe(
			'closed'
		);
		const again = new AppDatabase(name);
		expect(await again.meta.toArray()).toEqual([{ key: 'kept', value: 1 }]);
		await again.delete();
	});

	it('lets the caller look inside while nobody can write, and keeps the database as it was when told no', async () => {
		const name = unique('inspected');
		const otherTab = new AppDatabase(name);
		await otherTab.meta.put({ key: 'outbox.nextSeq', value: 3 });
		const before = otherTab.backendDB().version;
		let seen: unknown;
		const outcome = await closeEverywhere(name, async (tx) => {
			seen = await new Promise((done) => {
				const request = tx.objectStore('meta').get('outbox.nextSeq');
				request.onsuccess = () => done(request.result);
			});
			return false;
		});
		expect(outcome).toBe('refused');
		expect(seen).toEqual({ key: 'outbox.nextSeq', value: 3 });
		const again = new AppDatabase(name);
		await again.open();
		expect(again.backendDB().version).toBe(before);
		await again.delete();
	});

	it('creates nothing when asked to close a database that does not exist', async () => {
		const name = unique('absent');
		expect(await closeEverywhere(name)).toBe('absent');
		expect(await Dexie.exists(name)).toBe(false);
	});
});
