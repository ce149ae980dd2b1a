import { describe, expect, it } from 'vitest';
import {
	disclosureYears,
	measuresOf,
	measureUnits,
	offeredYears,
	protectFamily,
	protectGroup,
	reportScope,
	type UniverseSchool
} from './disclosure';

describe('measuresOf', () => {
	it('counts each column’s group, then per pair of columns the teachers whose contribution differs', () => {
		// Three columns; ids 0 = not in the group.
		const m = measuresOf(
			[
				[1, 1, 0],
				[1, 2, 2],
				[0, 0, 3],
				[1, 1, 1]
			],
			3
		);
		// Groups: 3, 3, 3; differences (0,1): 1 (the second), (0,2): 3, (1,2): 2.
		expect(m).toEqual([3, 3, 3, 1, 3, 2]);
		expect(measureUnits({ units: [0, 1, 1] })).toEqual([0, 1, 1, 1, 1, 1]);
	});
});

describe('protectGroup', () => {
	const school = (id: string, n: number, forced = false) => ({ id, forced, measures: [n] });

	it('withholds a group of 1 … 4, then the next-smallest school until the withheld ones hold 5', () => {
		const r = protectGroup([school('a', 12), school('b', 8), school('c', 1)], [0], 1, 5);
		expect([...r.hidden].sort()).toEqual(['b', 'c']);
		expect(r.off).toEqual([false]);
	});

	it('takes the smallest id among schools of one size, and a school of no teacher never', () => {
		const r = protectGroup([school('z', 6), school('y', 6), school('x', 0), school('w', 2)], [0], 1, 5);
		expect([...r.hidden].sort()).toEqual(['w', 'y']);
	});

	it('withholds the total when no school is left to withhold, and nothing for a group of none', () => {
		expect(protectGroup([school('a', 3), school('b', 1)], [0], 1, 5).off).toEqual([true]);
		expect(protectGroup([school('a', 0), school('b', 7)], [0], 1, 5)).toEqual({ hidden: new Set(), off: [false] });
	});

	it('counts a forced school in the remainder, and protects the difference between two columns too', () => {
		const forced = protectGroup([school('a', 3, true), school('b', 9), school('c', 10)], [0], 1, 5);
		expect([...forced.hidden].sort()).toEqual(['a', 'b']);
		// Columns 0 and 1 with the difference measure last: a school whose two figures differ by 2 teachers.
		const two = protectGroup(
			[
				{ id: 'a', forced: false, measures: [8, 8, 2] },
				{ id: 'b', forced: false, measures: [9, 9, 0] },
				{ id: 'c', forced: false, measures: [10, 10, 6] }
			],
			[0, 1, 1],
			2,
			5
		);
		expect([...two.hidden].sort()).toEqual(['a', 'c']);
	});
});

describe('protectFamily', () => {
	const universe: UniverseSchool[] = [
		{ id: 'a1', parentId: 'A', ancestors: ['A', 'R'] },
		{ id: 'a2', parentId: 'A', ancestors: ['A', 'R'] },
		{ id: 'b1', parentId: 'B', ancestors: ['B', 'R'] }
	];

	it('protects each municipality on its own and shows a region’s total only when every municipality’s is shown', () => {
		const heads = new Map([
			['a1', [6]],
			['a2', [7]],
			['b1', [3]]
		]);
		const r = protectFamily(universe, heads, new Set(), { units: [0] }, 5);
		expect([...r.hidden]).toEqual(['b1']);
		expect(r.off.get('A')).toEqual([false]);
		expect(r.off.get('B')).toEqual([true]);
		expect(r.off.get('R')).toEqual([true]);
		heads.set('b1', [5]);
		expect(protectFamily(universe, heads, new Set(), { units: [0] }, 5).off.get('R')).toEqual([false]);
	});
});

describe('years and scopes', () => {
	it('offers the current year and the two before unless the region starts elsewhere, never more than ten back', () => {
		expect(offeredYears(2026)).toEqual([2024, 2025, 2026]);
		expect(offeredYears(2026, 2026)).toEqual([2026]);
		expect(offeredYears(2026, 2010)).toHaveLength(11);
		expect(disclosureYears(offeredYears(2026))).toEqual([2023, 2024, 2025, 2026]);
	});

	it('computes a school’s protection over its municipality, and a region’s over every school under it', () => {
		const org = (id: string, kind: string, parentId: string | null, deletedAt: string | null = null) => ({
			id,
			kind,
			parentId,
			deletedAt
		});
		const orgs = [
			org('R', 'region', null),
			org('A', 'municipality', 'R'),
			org('B', 'municipality', 'R'),
			org('a1', 'school', 'A'),
			org('a2', 'school', 'A'),
			org('b1', 'school', 'B'),
			org('gone', 'school', 'A', '2026-01-01T00:00:00.000Z')
		];
		expect(reportScope(orgs, 'a2')).toEqual({
			id: 'a2',
			kind: 'school',
			schools: ['a2'],
			universe: [
				{ id: 'a1', parentId: 'A', ancestors: ['A'] },
				{ id: 'a2', parentId: 'A', ancestors: ['A'] }
			]
		});
		expect(reportScope(orgs, 'R')?.universe).toEqual([
			{ id: 'a1', parentId: 'A', ancestors: ['A', 'R'] },
			{ id: 'a2', parentId: 'A', ancestors: ['A', 'R'] },
			{ id: 'b1', parentId: 'B', ancestors: ['B', 'R'] }
		]);
		expect(reportScope(orgs, 'gone')).toBeNull();
	});
});
