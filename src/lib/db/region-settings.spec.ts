import { describe, expect, it } from 'vitest';
import { DEFAULT_REGION_SETTINGS, type RegionSettings } from '$lib/domain/region-settings';
import { buildOrganization, IDS, uuid } from '$lib/domain/testing/builders';
import { forOrganization, put, store } from './region-settings';
import { freshDatabase } from './testing/fresh';

const REGION = uuid(901);
const OTHER_REGION = uuid(902);
const tree = [
	buildOrganization({ id: REGION, kind: 'region', parentId: null, lowResults: false }),
	buildOrganization({ id: IDS.municipality, kind: 'municipality', parentId: REGION, lowResults: false }),
	buildOrganization({ id: IDS.school, parentId: IDS.municipality })
];
const MINE: RegionSettings = { growthThreshold: 0.3, minGroupSize: 6, reportYearsFrom: 2025, staffReference: '09-15' };
const THEIRS: RegionSettings = {
	growthThreshold: 0.5,
	minGroupSize: 10,
	reportYearsFrom: null,
	staffReference: '01-01'
};
const REGIONS = { [REGION]: MINE, [OTHER_REGION]: THEIRS };

describe('the device’s copy of the regions’ settings', () => {
	it('gives a school its region’s settings, found up the tree', async () => {
		const db = freshDatabase('region-settings');
		await store(db, REGIONS);
		expect(await forOrganization(db, tree, IDS.school)).toEqual(MINE);
		expect(await forOrganization(db, tree, REGION)).toEqual(MINE);
		db.close();
	});

	it('falls back to the defaults without a copy, without a school, or for a region without a row', async () => {
		const db = freshDatabase('region-settings');
		expect(await forOrganization(db, tree, IDS.school)).toEqual(DEFAULT_REGION_SETTINGS);
		await store(db, { [OTHER_REGION]: THEIRS });
		expect(await forOrganization(db, tree, IDS.school)).toEqual(DEFAULT_REGION_SETTINGS);
		expect(await forOrganization(db, tree, null)).toEqual(DEFAULT_REGION_SETTINGS);
		db.close();
	});

	it('takes one region’s saved settings without losing the others', async () => {
		const db = freshDatabase('region-settings');
		await store(db, REGIONS);
		const saved = { ...MINE, growthThreshold: 0.4 };
		await put(db, REGION, saved);
		expect(await forOrganization(db, tree, IDS.school)).toEqual(saved);
		expect(await forOrganization(db, [{ id: OTHER_REGION, parentId: null }], OTHER_REGION)).toEqual(THEIRS);
		db.close();
	});
});
