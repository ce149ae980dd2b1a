import { afterEach, describe, expect, it } from 'vitest';
import { buildOrganization, IDS, uuid } from '$lib/domain/testing/builders';
import type { AppDatabase } from './database';
import { LocalWriteError } from './errors';
import * as monitoring from './monitoring';
import * as outbox from './outbox';
import { freshDatabase } from './testing/fresh';

const REGION = uuid(203);
const actor = { profileId: IDS.methodist };

const dbs: AppDatabase[] = [];
afterEach(() => {
	for (const db of dbs.splice(0)) db.close();
});

/** A region with an entry window in 2026, a municipality under it and a school under that. */
async function open() {
	const db = freshDatabase('monitoring');
	dbs.push(db);
	await db.organizations.bulkPut([
		buildOrganization({
			id: REGION,
			kind: 'region',
			name: 'Кемеровская область',
			parentId: null,
			lowResults: false,
			monitoring: { '2026': { entry: { from: '2026-09-01', to: '2026-10-31' } } }
		}),
		buildOrganization({
			id: IDS.municipality,
			kind: 'municipality',
			name: 'Новокузнецкий городской округ',
			parentId: REGION,
			lowResults: false
		}),
		buildOrganization()
	]);
	return db;
}

async function refused(work: Promise<unknown>): Promise<LocalWriteError> {
	const error = await work.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(LocalWriteError);
	return error as LocalWriteError;
}

describe('monitoring windows on the device', () => {
	it('are saved for one year in one update of the organisation, queued for the server', async () => {
		const db = await open();
		const windows = {
			entry: { from: '2026-09-15', to: '2026-10-15' },
			final: { from: '2027-04-01', to: '2027-05-20' }
		};
		const saved = await monitoring.setYear(db, IDS.municipality, 2026, windows, actor);
		expect(saved.monitoring).toEqual({ '2026': windows });
		expect((await db.organizations.get(IDS.municipality))!.monitoring).toEqual({ '2026': windows });
		const entries = await outbox.list(db);
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({
			table: 'organizations',
			rowId: IDS.municipality,
			op: 'upsert',
			fields: { monitoring: { '2026': windows } },
			base: { monitoring: {} }
		});
		// The other years stay; a year with no window left is dropped.
		await monitoring.setYear(db, IDS.municipality, 2027, { entry: { from: '2027-09-10', to: '2027-09-30' } }, actor);
		await monitoring.setYear(db, IDS.municipality, 2026, {}, actor);
		expect((await db.organizations.get(IDS.municipality))!.monitoring).toEqual({
			'2027': { entry: { from: '2027-09-10', to: '2027-09-30' } }
		});
	});

	it('refuse a window out of order or outside its academic year, writing nothing', async () => {
		const db = await open();
		const before = await db.organizations.get(REGION);
		const order = await refused(
			monitoring.setYear(db, REGION, 2026, { entry: { from: '2026-10-10', to: '2026-10-01' } }, actor)
		);
		expect(order.reason).toBe('invalid');
		expect(order.issues).toEqual([
			{ path: 'monitoring.2026.entry.to', code: 'date_before', params: { min: '2026-10-10' } }
		]);
		const year = await refused(
			monitoring.setYear(
				db,
				REGION,
				2026,
				{ entry: { from: '2026-09-01', to: '2026-10-01' }, final: { from: '2027-08-01', to: '2027-09-01' } },
				actor
			)
		);
		expect(year.issues).toEqual([{ path: 'monitoring.2026.final', code: 'out_of_range' }]);
		expect(await db.organizations.get(REGION)).toEqual(before);
		expect(await outbox.list(db)).toEqual([]);
	});

	it('refuse a municipality’s window outside its region’s, and allow one where the region has none', async () => {
		const db = await open();
		const wider = await refused(
			monitoring.setYear(db, IDS.municipality, 2026, { entry: { from: '2026-09-01', to: '2026-11-05' } }, actor)
		);
		expect(wider.issues).toEqual([
			{ path: 'monitoring.2026.entry', code: 'out_of_range', params: { min: '2026-09-01', max: '2026-10-31' } }
		]);
		expect((await db.organizations.get(IDS.municipality))!.monitoring).toEqual({});
		expect(await outbox.list(db)).toEqual([]);
		await monitoring.setYear(
			db,
			IDS.municipality,
			2026,
			{ intermediate: { from: '2027-01-10', to: '2027-01-31' } },
			actor
		);
		expect(await monitoring.regionWindows(db, IDS.municipality, 2026)).toEqual({
			entry: { from: '2026-09-01', to: '2026-10-31' }
		});
	});

	it('refuse a region’s window that would leave a municipality’s narrower one outside', async () => {
		const db = await open();
		await monitoring.setYear(db, IDS.municipality, 2026, { entry: { from: '2026-09-20', to: '2026-10-20' } }, actor);
		const narrowed = await refused(
			monitoring.setYear(db, REGION, 2026, { entry: { from: '2026-09-01', to: '2026-10-10' } }, actor)
		);
		expect(narrowed.issues).toEqual([
			{ path: 'monitoring.2026.entry', code: 'mismatch', params: { other: 'Новокузнецкий городской округ' } }
		]);
		expect((await db.organizations.get(REGION))!.monitoring['2026']!.entry).toEqual({
			from: '2026-09-01',
			to: '2026-10-31'
		});
	});

	it('are only for regions and municipalities', async () => {
		const db = await open();
		const school = await refused(
			monitoring.setYear(db, IDS.school, 2026, { entry: { from: '2026-09-20', to: '2026-10-20' } }, actor)
		);
		expect(school.issues).toEqual([{ path: 'monitoring', code: 'not_allowed' }]);
		expect(await outbox.list(db)).toEqual([]);
	});
});
