import { afterEach, describe, expect, it } from 'vitest';
import { buildMembership, buildProfile, IDS, uuid } from '$lib/domain/testing/builders';
import * as profiles from './profiles';
import * as outbox from './outbox';
import { freshDatabase } from './testing/fresh';
import type { AppDatabase } from './database';

const actor = { profileId: IDS.teacher };
const dbs: AppDatabase[] = [];
function open() {
	const db = freshDatabase('profiles');
	dbs.push(db);
	return db;
}
afterEach(() => {
	for (const db of dbs.splice(0)) db.close();
});

const TODAY = '2026-11-20';

describe('the стаж is saved with the date it was true on', () => {
	it('dates a changed стаж today when the writer gives no date, or the stored one again, and queues the date', async () => {
		const db = open();
		const row = buildProfile({ experienceYears: 4, experienceAsOf: '2022-09-01' });
		await db.profiles.put(row);
		// The profile form sends the whole profile back, the stored date included.
		const { id: _id, version: _v, updatedAt: _u, updatedBy: _b, deletedAt: _d, ...draft } = row;
		await profiles.update(db, row.id, { ...draft, experienceYears: 7 }, actor, TODAY);
		expect(await db.profiles.get(row.id)).toMatchObject({ experienceYears: 7, experienceAsOf: TODAY });
		const [entry] = await outbox.list(db);
		expect(entry?.fields).toEqual({ experienceYears: 7, experienceAsOf: TODAY });
		await profiles.update(db, row.id, { experienceYears: 8 }, actor, '2026-11-21');
		expect(await db.profiles.get(row.id)).toMatchObject({ experienceYears: 8, experienceAsOf: '2026-11-21' });
	});

	it('keeps the date of an unchanged стаж, and keeps a date the writer gives', async () => {
		const db = open();
		const row = buildProfile({ experienceYears: 4, experienceAsOf: '2022-09-01' });
		await db.profiles.put(row);
		await profiles.update(db, row.id, { experienceYears: 4, position: 'завуч' }, actor, TODAY);
		expect(await db.profiles.get(row.id)).toMatchObject({ experienceYears: 4, experienceAsOf: '2022-09-01' });
		await profiles.update(db, row.id, { experienceYears: 6, experienceAsOf: '2026-09-01' }, actor, TODAY);
		expect(await db.profiles.get(row.id)).toMatchObject({ experienceYears: 6, experienceAsOf: '2026-09-01' });
	});

	it('dates the стаж of a new profile today unless it comes with its date', async () => {
		const db = open();
		const { id: _id, version: _v, updatedAt: _u, updatedBy: _b, deletedAt: _d, ...draft } = buildProfile();
		const made = await profiles.create(db, { ...draft, experienceAsOf: null }, actor, TODAY);
		expect(made.experienceAsOf).toBe(TODAY);
		const imported = await profiles.create(db, { ...draft, experienceAsOf: '2025-05-01' }, actor, TODAY);
		expect(imported.experienceAsOf).toBe('2025-05-01');
	});
});

describe('listTeachersOfSchool', () => {
	it('lists the school’s teachers by the one counting rule: profile of the school, teacher or mentor there', async () => {
		const db = open();
		const school = IDS.school;
		const anna = buildProfile({ id: uuid(1), fullName: 'Анна', schoolId: school });
		const methodist = buildProfile({ id: uuid(2), fullName: 'Методист', schoolId: school });
		const visitor = buildProfile({ id: uuid(3), fullName: 'Совместитель', schoolId: uuid(77) });
		await db.profiles.bulkPut([anna, methodist, visitor]);
		await db.memberships.bulkPut([
			buildMembership({ id: uuid(11), profileId: anna.id, organizationId: school, role: 'teacher' }),
			buildMembership({ id: uuid(12), profileId: methodist.id, organizationId: school, role: 'school_methodist' }),
			buildMembership({ id: uuid(13), profileId: visitor.id, organizationId: school, role: 'teacher' })
		]);
		expect((await profiles.listTeachersOfSchool(db, school)).map((p) => p.fullName)).toEqual(['Анна']);
	});
});
