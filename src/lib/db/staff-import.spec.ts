import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildOrganization, buildProfile, IDS } from '$lib/domain/testing/builders';
import { parseCsv, read, schoolsIn } from '$lib/domain/staff-import';
import { schoolMatcher } from '$lib/domain/school-name';
import { uuid } from '$lib/domain/testing/builders';
import type { AppDatabase } from './database';
import * as outbox from './outbox';
import * as staffImport from './staff-import';
import { freshDatabase } from './testing/fresh';
import { staffCsv } from './testing/staff-csv';

const actor = { profileId: IDS.methodist };

const dbs: AppDatabase[] = [];
afterEach(() => {
	for (const db of dbs.splice(0)) db.close();
});

async function schoolDb(): Promise<AppDatabase> {
	const db = freshDatabase('staff-import');
	dbs.push(db);
	await db.organizations.put(buildOrganization());
	return db;
}

describe('applying a staff import', () => {
	it('writes nothing on preview, then profiles and teacher memberships with their outbox entries', async () => {
		const db = await schoolDb();
		const sheet = parseCsv(staffCsv(3) + '\r\nЧужой;СОШ № 2;01.01.1980;1;высшее;;;;');
		const previewed = await staffImport.preview(db, sheet, IDS.school);
		expect(previewed.steps.map((s) => s.kind)).toEqual(['create', 'create', 'create']);
		expect(previewed.problems.map((p) => p.code)).toEqual(['other_school']);
		expect(await db.profiles.count()).toBe(0);
		expect(await outbox.list(db)).toEqual([]);

		await staffImport.apply(db, sheet, IDS.school, actor);
		const written = await db.profiles.toArray();
		expect(written.map((p) => p.fullName).sort()).toEqual([
			'Учитель0 Иван Петрович',
			'Учитель1 Иван Петрович',
			'Учитель2 Иван Петрович'
		]);
		expect(written.every((p) => p.schoolId === IDS.school && p.updatedBy === IDS.methodist)).toBe(true);
		const memberships = await db.memberships.toArray();
		expect(memberships.map((m) => [m.role, m.organizationId])).toEqual(Array(3).fill(['teacher', IDS.school]));
		expect(new Set(memberships.map((m) => m.profileId))).toEqual(new Set(written.map((p) => p.id)));
		expect((await outbox.list(db)).map((e) => e.table)).toEqual([
			'profiles',
			'profiles',
			'profiles',
			'memberships',
			'memberships',
			'memberships'
		]);
	});

	it('changes nothing when the same file is imported again', async () => {
		const db = await schoolDb();
		const sheet = parseCsv(staffCsv(20));
		await staffImport.apply(db, sheet, IDS.school, actor);
		const before = {
			profiles: await db.profiles.toArray(),
			memberships: await db.memberships.toArray(),
			outbox: await outbox.list(db)
		};
		const again = await staffImport.apply(db, sheet, IDS.school, actor);
		expect(again.steps.every((s) => s.kind === 'same')).toBe(true);
		expect({
			profiles: await db.profiles.toArray(),
			memberships: await db.memberships.toArray(),
			outbox: await outbox.list(db)
		}).toEqual(before);
	});

	it('updates an invited person found by e-mail and gives them the membership they lack', async () => {
		const db = await schoolDb();
		const invited = buildProfile({
			userId: null,
			fullName: 'Учитель1',
			email: 'teacher1@school.ru',
			birthYear: 1961,
			experienceYears: 0
		});
		await db.profiles.put(invited);
		await staffImport.apply(db, parseCsv(staffCsv(2)), IDS.school, actor);
		expect(await db.profiles.get(invited.id)).toMatchObject({
			fullName: 'Учитель1 Иван Петрович',
			birthDate: '1961-03-02',
			experienceYears: 1,
			category: 'first'
		});
		expect((await db.memberships.where('profileId').equals(invited.id).toArray()).map((m) => m.role)).toEqual([
			'teacher'
		]);
		expect(await db.profiles.count()).toBe(2);
	});

	it('writes all rows or none: a failure midway leaves nothing behind', async () => {
		const db = await schoolDb();
		const appendMany = outbox.appendMany;
		let calls = 0;
		// The memberships' entries, queued after every profile was written.
		vi.spyOn(outbox, 'appendMany').mockImplementation(async (...args) => {
			if (++calls === 2) throw new Error('disk full');
			return appendMany(...args);
		});
		await expect(staffImport.apply(db, parseCsv(staffCsv(10)), IDS.school, actor)).rejects.toThrow();
		expect(await db.profiles.count()).toBe(0);
		expect(await db.memberships.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
	});

	it('writes a municipality’s list into every school it names, each person with a membership of their school', async () => {
		const db = await schoolDb();
		const other = buildOrganization({ id: uuid(202), name: 'МБОУ «Кадниковская средняя школа»', shortName: null });
		await db.organizations.put(other);
		const text = [
			'Кадровый состав на 01.09.2026',
			'ФИО;ОО;Дата рождения;Педагогический стаж;Образование;Квалификационная категория;Срок действия категории',
			'Петрова Анна;МБОУ «СОШ №1»;12.03.1990;5;высшее;первая;',
			'Белов Иван;МБОУ «Кадниковская СОШ»;01.07.1985;0;высшее;без категории;',
			'Орлова Ольга;Школа № 9;01.07.1975;20;высшее;высшая;01.01.2030'
		].join('\n');
		const reading = read(parseCsv(text));
		expect(schoolsIn(reading).map((s) => s.name)).toEqual(['МБОУ «СОШ №1»', 'МБОУ «Кадниковская СОШ»', 'Школа № 9']);
		const find = schoolMatcher([buildOrganization(), other]);
		const schoolOf = (name: string) => find(name)[0]?.id ?? null;
		const previewed = await staffImport.previewMany(db, reading, schoolOf);
		expect(previewed.problems.map((p) => [p.line, p.code])).toEqual([[5, 'unknown_school']]);
		expect(await db.profiles.count()).toBe(0);

		await staffImport.applyMany(db, reading, schoolOf, actor);
		const written = await db.profiles.toArray();
		expect(written.map((p) => [p.fullName, p.schoolId, p.experienceAsOf]).sort()).toEqual([
			['Белов Иван', other.id, '2026-09-01'],
			['Петрова Анна', IDS.school, '2026-09-01']
		]);
		const memberships = await db.memberships.toArray();
		expect(
			memberships.map((m) => [written.find((p) => p.id === m.profileId)?.fullName, m.organizationId, m.role]).sort()
		).toEqual([
			['Белов Иван', other.id, 'teacher'],
			['Петрова Анна', IDS.school, 'teacher']
		]);
		expect((await outbox.list(db)).map((e) => e.table)).toEqual(['profiles', 'profiles', 'memberships', 'memberships']);
		expect((await staffImport.previewMany(db, reading, schoolOf)).steps.map((s) => s.kind)).toEqual(['same', 'same']);
	});

	// Its speed (5,000 rows in under 5 s) is measured by `npm run bench` (staff-import.bench-run.ts).
	it('checks and applies 5,000 rows once, and finds nothing to change in them the second time', async () => {
		const db = await schoolDb();
		const sheet = parseCsv(staffCsv(5000));
		const previewed = await staffImport.preview(db, sheet, IDS.school);
		await staffImport.apply(db, sheet, IDS.school, actor);
		const again = await staffImport.preview(db, sheet, IDS.school);
		expect(previewed.problems).toEqual([]);
		expect(await db.profiles.count()).toBe(5000);
		expect(await db.memberships.count()).toBe(5000);
		expect(again.steps.every((s) => s.kind === 'same')).toBe(true);
	}, 60_000);
});
