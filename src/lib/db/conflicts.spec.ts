import { afterEach, describe, expect, it } from 'vitest';
import { buildActivity, IDS, uuid } from '$lib/domain/testing/builders';
import * as conflicts from './conflicts';
import * as outbox from './outbox';
import { freshDatabase } from './testing/fresh';
import type { AppDatabase, SyncConflict } from './database';

const dbs: AppDatabase[] = [];
function open() {
	const db = freshDatabase('conflicts');
	dbs.push(db);
	return db;
}
afterEach(() => {
	for (const db of dbs.splice(0)) db.close();
});

/** The mentor's later edit overwrote the teacher's title. */
function buildConflict(overrides: Partial<SyncConflict> = {}): SyncConflict {
	return {
		id: uuid(71),
		tableName: 'activities',
		rowId: IDS.activity,
		field: 'title',
		base: 'Исходное',
		overwritten: 'Учителя',
		value: 'Наставника',
		overwrittenBy: IDS.teacher,
		profileId: IDS.mentor,
		userId: uuid(1102),
		createdAt: '2026-10-01T10:00:00.000Z',
		resolvedAt: null,
		...overrides
	};
}

async function withConflict(overrides: Partial<SyncConflict> = {}) {
	const db = open();
	await db.activities.put(buildActivity({ title: 'Наставника', version: 3 }));
	const conflict = buildConflict(overrides);
	await db.sync_conflicts.put(conflict);
	return { db, conflict };
}

describe('a conflict to review', () => {
	it('is listed until someone keeps one of the values', async () => {
		const { db, conflict } = await withConflict();
		await db.sync_conflicts.put(buildConflict({ id: uuid(72), resolvedAt: '2026-10-01T11:00:00.000Z' }));

		expect((await conflicts.unresolved(db)).map((c) => c.id)).toEqual([conflict.id]);
		await conflicts.resolve(db, conflict.id, 'current', { profileId: IDS.teacher });
		expect(await conflicts.unresolved(db)).toEqual([]);
	});

	it('keeping the current value changes nothing but the review mark', async () => {
		const { db, conflict } = await withConflict();

		await conflicts.resolve(db, conflict.id, 'current', { profileId: IDS.teacher });

		expect((await db.activities.get(IDS.activity))!.title).toBe('Наставника');
		expect(await outbox.list(db)).toEqual([]);
		expect((await db.sync_conflicts.get(conflict.id))!.resolvedAt).not.toBeNull();
	});

	it('keeping the overwritten value writes it back as a change that syncs', async () => {
		const { db, conflict } = await withConflict();

		await conflicts.resolve(db, conflict.id, 'overwritten', { profileId: IDS.teacher });

		expect((await db.activities.get(IDS.activity))!.title).toBe('Учителя');
		expect(await outbox.list(db)).toMatchObject([
			{ table: 'activities', rowId: IDS.activity, fields: { title: 'Учителя' }, base: { title: 'Наставника' } }
		]);
	});

	it('reads "mine" as the value the reviewer wrote', async () => {
		const teacher = await withConflict();
		await conflicts.resolve(teacher.db, teacher.conflict.id, 'mine', { profileId: IDS.teacher });
		expect((await teacher.db.activities.get(IDS.activity))!.title).toBe('Учителя');

		const mentor = await withConflict();
		await conflicts.resolve(mentor.db, mentor.conflict.id, 'mine', { profileId: IDS.mentor });
		expect((await mentor.db.activities.get(IDS.activity))!.title).toBe('Наставника');
		expect(await outbox.list(mentor.db)).toEqual([]);
	});

	it('restores a field by its client name, instants as the device keeps them', async () => {
		const { db, conflict } = await withConflict({ field: 'end_date', overwritten: '2026-11-30', value: null });

		await conflicts.resolve(db, conflict.id, 'overwritten', { profileId: IDS.teacher });

		expect((await db.activities.get(IDS.activity))!.endDate).toBe('2026-11-30');
	});
});
