import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE } from './dates';
import { effectiveTimeZone, isValidParent } from './organization';

describe('isValidParent', () => {
	it('follows region → municipality → school → ШМО', () => {
		expect(isValidParent({ kind: 'school' }, { kind: 'municipality' })).toBe(true);
		expect(isValidParent({ kind: 'methodical_association' }, { kind: 'school' })).toBe(true);
		expect(isValidParent({ kind: 'school' }, { kind: 'region' })).toBe(false);
		expect(isValidParent({ kind: 'region' }, null)).toBe(true);
		expect(isValidParent({ kind: 'school' }, null)).toBe(false);
	});
});

describe('effectiveTimeZone', () => {
	const orgs = [
		{ id: 'region', parentId: null, timeZone: 'Asia/Novokuznetsk' },
		{ id: 'muni', parentId: 'region', timeZone: null },
		{ id: 'school', parentId: 'muni', timeZone: null },
		{ id: 'own', parentId: 'muni', timeZone: 'Asia/Krasnoyarsk' },
		{ id: 'lonely', parentId: null, timeZone: null }
	];
	it('inherits the nearest zone up the tree', () => {
		expect(effectiveTimeZone(orgs, 'school')).toBe('Asia/Novokuznetsk');
		expect(effectiveTimeZone(orgs, 'own')).toBe('Asia/Krasnoyarsk');
	});
	it('falls back to Moscow time where no organisation names a zone, or for no organisation', () => {
		expect(effectiveTimeZone(orgs, 'lonely')).toBe(DEFAULT_TIME_ZONE);
		expect(effectiveTimeZone(orgs, null)).toBe('Europe/Moscow');
		expect(effectiveTimeZone(orgs, 'unknown')).toBe('Europe/Moscow');
	});
});
