import { afterEach, describe, expect, it } from 'vitest';
import { ruleOf } from '$lib/domain/organization-tree';
import type { SheetRow } from '$lib/domain/staff-import';
import { buildOrganization, IDS, uuid } from '$lib/domain/testing/builders';
import type { AppDatabase } from './database';
import { LocalWriteError } from './errors';
import * as organizations from './organizations';
import * as outbox from './outbox';
import { freshDatabase } from './testing/fresh';

const dbs: AppDatabase[] = [];
afterEach(() => {
	for (const db of dbs.splice(0)) db.close();
});
const actor = { profileId: uuid(9001) };

const REGION = uuid(1);
const OTHER = uuid(3);

/** A region with two municipalities (IDS.municipality and OTHER) and a school in the first. */
async function open() {
	const db = freshDatabase('organizations');
	dbs.push(db);
	await db.organizations.bulkPut([
		buildOrganization({
			id: REGION,
			kind: 'region',
			name: 'Кемеровская область',
			shortName: null,
			parentId: null,
			lowResults: false
		}),
		buildOrganization({
			id: IDS.municipality,
			kind: 'municipality',
			name: 'Беловский МО',
			shortName: null,
			parentId: REGION,
			lowResults: false,
			timeZone: 'Asia/Novokuznetsk'
		}),
		buildOrganization({
			id: OTHER,
			kind: 'municipality',
			name: 'Гурьевский МО',
			shortName: null,
			parentId: REGION,
			lowResults: false
		}),
		buildOrganization()
	]);
	return db;
}

/** The refusal a write throws: its issues as [path, rule or code]. */
async function refusal(write: Promise<unknown>): Promise<[string, string][]> {
	const error = await write.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(LocalWriteError);
	expect((error as LocalWriteError).reason).toBe('invalid');
	return (error as LocalWriteError).issues.map((i) => [i.path, ruleOf(i) ?? i.code]);
}

describe('the administrator’s organisations on the device', () => {
	it('creates each kind under the right parent, the kind following from the parent, with its outbox entry', async () => {
		const db = await open();
		const region = await organizations.create(db, { parentId: null, name: 'Томская область', shortName: '' }, actor);
		expect(region).toMatchObject({ kind: 'region', parentId: null, shortName: null, closedOn: null, monitoring: {} });
		const school = await organizations.create(
			db,
			{
				parentId: IDS.municipality,
				name: 'МБОУ «СОШ № 2»',
				shortName: 'СОШ № 2',
				lowResults: true,
				program500: true,
				timeZone: 'Asia/Krasnoyarsk'
			},
			actor
		);
		expect(school).toMatchObject({
			kind: 'school',
			parentId: IDS.municipality,
			lowResults: true,
			adverseConditions: false,
			program500: true,
			timeZone: 'Asia/Krasnoyarsk',
			updatedBy: actor.profileId
		});
		const shmo = await organizations.create(
			db,
			{ parentId: school.id, name: 'ШМО учителей математики', shortName: null, lowResults: true },
			actor
		);
		// Flags belong to schools: a ШМО never carries them, whatever the form sent.
		expect(shmo).toMatchObject({ kind: 'methodical_association', lowResults: false });
		const entries = await outbox.list(db);
		expect(entries.map((e) => [e.table, e.rowId, e.op])).toEqual([
			['organizations', region.id, 'upsert'],
			['organizations', school.id, 'upsert'],
			['organizations', shmo.id, 'upsert']
		]);
		expect(entries[1]!.fields).toMatchObject({ kind: 'school', name: 'МБОУ «СОШ № 2»', parentId: IDS.municipality });
	});

	it('refuses a blank name, an unknown zone, a missing parent and a child of a ШМО, writing nothing', async () => {
		const db = await open();
		const before = await db.organizations.count();
		expect(
			await refusal(organizations.create(db, { parentId: IDS.municipality, name: '  ', shortName: null }, actor))
		).toEqual([['name', 'required']]);
		expect(
			await refusal(
				organizations.create(db, { parentId: IDS.municipality, name: 'СОШ', shortName: null, timeZone: 'UTC+7' }, actor)
			)
		).toEqual([['timeZone', 'invalid_option']]);
		expect(
			await refusal(organizations.create(db, { parentId: uuid(404), name: 'СОШ', shortName: null }, actor))
		).toEqual([['parentId', 'parent_missing']]);
		const shmo = await organizations.create(db, { parentId: IDS.school, name: 'ШМО', shortName: null }, actor);
		expect(
			await refusal(organizations.create(db, { parentId: shmo.id, name: 'Что-то', shortName: null }, actor))
		).toEqual([['parentId', 'no_children']]);
		expect(await db.organizations.count()).toBe(before + 1);
		expect(await db.outbox.count()).toBe(1);
	});

	it('renames, sets flags and the zone, and clears the zone back to the parent’s', async () => {
		const db = await open();
		await organizations.edit(
			db,
			IDS.school,
			{ name: 'МБОУ «СОШ № 1 им. А. С. Пушкина»', shortName: ' ', adverseConditions: true, timeZone: 'Asia/Omsk' },
			actor
		);
		expect(await organizations.get(db, IDS.school)).toMatchObject({
			name: 'МБОУ «СОШ № 1 им. А. С. Пушкина»',
			shortName: null,
			adverseConditions: true,
			timeZone: 'Asia/Omsk'
		});
		await organizations.edit(db, IDS.school, { timeZone: null }, actor);
		expect((await organizations.get(db, IDS.school))!.timeZone).toBeNull();
		expect(await refusal(organizations.edit(db, IDS.municipality, { lowResults: true }, actor))).toEqual([
			['lowResults', 'not_allowed']
		]);
		expect(await refusal(organizations.edit(db, IDS.school, { name: '' }, actor))).toEqual([['name', 'required']]);
		expect((await organizations.get(db, IDS.school))!.name).toBe('МБОУ «СОШ № 1 им. А. С. Пушкина»');
	});

	it('moves a school to another municipality, and refuses a parent of the wrong kind or a closed one', async () => {
		const db = await open();
		const moved = await organizations.move(db, IDS.school, OTHER, actor);
		expect(moved.parentId).toBe(OTHER);
		expect((await outbox.list(db)).at(-1)).toMatchObject({
			fields: { parentId: OTHER },
			base: { parentId: IDS.municipality }
		});
		expect(await refusal(organizations.move(db, IDS.school, REGION, actor))).toEqual([['parentId', 'wrong_parent']]);
		await organizations.close(db, IDS.municipality, '2026-09-01', actor);
		expect(await refusal(organizations.move(db, IDS.school, IDS.municipality, actor))).toEqual([
			['parentId', 'parent_closed']
		]);
		expect((await organizations.get(db, IDS.school))!.parentId).toBe(OTHER);
	});

	it('closes only after everything inside is closed, on that date or earlier, and reopens only under an open parent', async () => {
		const db = await open();
		expect(await refusal(organizations.close(db, IDS.municipality, '2026-09-01', actor))).toEqual([
			['closedOn', 'open_children']
		]);
		expect((await organizations.get(db, IDS.municipality))!.closedOn).toBeNull();
		await organizations.close(db, IDS.school, '2026-08-31', actor);
		await organizations.close(db, IDS.municipality, '2026-09-01', actor);
		expect((await organizations.get(db, IDS.municipality))!.closedOn).toBe('2026-09-01');
		// The school stays closed while its municipality is; a later date than the municipality's is refused.
		expect(await refusal(organizations.reopen(db, IDS.school, actor))).toEqual([['closedOn', 'parent_closed']]);
		expect(await refusal(organizations.close(db, IDS.school, '2026-10-01', actor))).toEqual([
			['closedOn', 'after_parent']
		]);
		expect(
			await refusal(organizations.create(db, { parentId: IDS.municipality, name: 'Новая', shortName: null }, actor))
		).toEqual([['parentId', 'parent_closed']]);
		expect(await refusal(organizations.close(db, IDS.school, '31.08.2026', actor))).toEqual([
			['closedOn', 'invalid_date']
		]);
		await organizations.reopen(db, IDS.municipality, actor);
		await organizations.reopen(db, IDS.school, actor);
		expect((await organizations.get(db, IDS.school))!.closedOn).toBeNull();
		expect((await outbox.list(db)).at(-1)).toMatchObject({
			fields: { closedOn: null },
			base: { closedOn: '2026-08-31' }
		});
	});

	it('imports a school list’s new schools in one transaction and leaves those on record alone', async () => {
		const db = await open();
		const sheet: SheetRow[] = [
			{ line: 1, cells: ['Наименование', 'Краткое наименование', 'ШНОР', 'ШНСУ', '500+'] },
			{ line: 2, cells: ['МБОУ «Средняя общеобразовательная школа № 1»', 'СОШ № 1', 'да', 'нет', 'нет'] },
			{ line: 3, cells: ['МБОУ «СОШ № 2»', 'СОШ № 2', 'да', 'нет', 'да'] },
			{ line: 4, cells: ['МБОУ «СОШ № 3»', '', 'нет', 'нет', 'может'] },
			{ line: 5, cells: ['МБОУ «СОШ № 4»', '', 'нет', 'да', 'нет'] }
		];
		const preview = await organizations.previewSchoolList(db, IDS.municipality, sheet);
		expect(preview.counts).toEqual({ new: 2, existing: 1, error: 1 });
		expect(await db.outbox.count()).toBe(0);
		const applied = await organizations.importSchoolList(db, IDS.municipality, sheet, actor);
		expect(applied.counts.new).toBe(2);
		const schools = (await organizations.children(db, IDS.municipality)).map((o) => [
			o.name,
			o.lowResults,
			o.program500
		]);
		expect(schools.sort()).toEqual([
			['МБОУ «СОШ № 2»', true, true],
			['МБОУ «СОШ № 4»', false, false],
			['МБОУ «Средняя общеобразовательная школа № 1»', true, false]
		]);
		expect(await db.outbox.count()).toBe(2);
		// The same file again finds them all on record: nothing more is written.
		expect((await organizations.importSchoolList(db, IDS.municipality, sheet, actor)).counts).toEqual({
			new: 0,
			existing: 3,
			error: 1
		});
		expect(await db.outbox.count()).toBe(2);
	});

	it('writes none of a school list into a closed municipality', async () => {
		const db = await open();
		await organizations.close(db, OTHER, '2026-09-01', actor);
		const sheet: SheetRow[] = [
			{ line: 1, cells: ['Наименование', 'ШНОР', 'ШНСУ', '500+'] },
			{ line: 2, cells: ['МБОУ «СОШ № 2»', 'нет', 'нет', 'нет'] }
		];
		expect(await refusal(organizations.importSchoolList(db, OTHER, sheet, actor))).toEqual([
			['parentId', 'parent_closed']
		]);
		expect(await organizations.children(db, OTHER)).toEqual([]);
		expect(await db.outbox.count()).toBe(1);
	});
});
