import { describe, expect, it } from 'vitest';
import { referenceDateOf } from './academic-year';
import { displayPercents, staffProfile, staffProfileDate, staffProfileReport, type StaffMember } from './staff-profile';
import { DEFAULT_DISCLOSURE } from './disclosure';

const member = (o: Partial<StaffMember> = {}): StaffMember => ({
	birthYear: 1980,
	birthDate: null,
	experienceYears: 10,
	experienceAsOf: null,
	education: 'higher',
	category: 'first',
	categoryExpiresOn: '2030-01-01',
	...o
});

const countOf = <K extends string>(rows: { key: K; count: number }[], key: K) => rows.find((r) => r.key === key)?.count;

describe('staff profile', () => {
	it('counts on 1 January inside the academic year unless another date is given', () => {
		expect(referenceDateOf(2026)).toBe('2027-01-01');
		expect(staffProfile([], 2026).date).toBe('2027-01-01');
		expect(staffProfile([], 2026, '2027-05-25').date).toBe('2027-05-25');
	});

	it('takes the age in full years on the reference date, not the difference of the years', () => {
		// On 1 January 2027: born 2 January 2002 is 24 (moloже 25); born 1 January 2002 turns 25 that day.
		const profile = staffProfile(
			[
				member({ birthYear: 2002, birthDate: '2002-01-02' }),
				member({ birthYear: 2002, birthDate: '2002-01-01' }),
				// Only the year: taken as 1 July 2001, so 25 on 1 January 2027.
				member({ birthYear: 2001 }),
				member({ birthYear: 1962, birthDate: '1962-06-01' })
			],
			2026
		);
		expect(countOf(profile.age, 'under-25')).toBe(1);
		expect(countOf(profile.age, '25-29')).toBe(2);
		expect(countOf(profile.age, '60-64')).toBe(1);
		expect(countOf(profile.age, '65-plus')).toBe(0);
		// On a later date the methodist picks, the one born in June 1962 is 65.
		expect(
			countOf(staffProfile([member({ birthYear: 1962, birthDate: '1962-06-01' })], 2026, '2027-06-01').age, '65-plus')
		).toBe(1);
	});

	it('ages the стаж from the date it was recorded on to the reference date', () => {
		const profile = staffProfile(
			[
				member({ experienceYears: 2, experienceAsOf: '2022-09-01' }), // 6 on 1 January 2027
				member({ experienceYears: 2, experienceAsOf: '2026-09-01' }), // still 2
				member({ experienceYears: 0, experienceAsOf: '2027-03-01' }) // hired after the date: до 3 лет
			],
			2026
		);
		expect(profile.experience.map((r) => [r.key, r.count])).toEqual([
			['under-3', 2],
			['3-5', 0],
			['5-10', 1],
			['10-15', 0],
			['15-20', 0],
			['20-plus', 0]
		]);
	});

	it('counts a category with an unknown expiry as held, and says how many there are', () => {
		const profile = staffProfile(
			[
				member({ category: 'first', categoryExpiresOn: null }),
				member({ category: 'highest', categoryExpiresOn: null }),
				member({ category: 'none', categoryExpiresOn: null })
			],
			2026
		);
		expect(countOf(profile.category, 'first')).toBe(1);
		expect(countOf(profile.category, 'highest')).toBe(1);
		expect(countOf(profile.category, 'none')).toBe(1);
		expect(profile.categoryExpiryUnknown).toBe(2);
	});

	it('puts стаж on a band lower bound into the band that starts there', () => {
		const years = [0, 2, 3, 5, 10, 15, 20, 40];
		const profile = staffProfile(
			years.map((experienceYears) => member({ experienceYears })),
			2026
		);
		expect(profile.experience.map((r) => [r.key, r.count])).toEqual([
			['under-3', 2],
			['3-5', 1],
			['5-10', 1],
			['10-15', 1],
			['15-20', 1],
			['20-plus', 2]
		]);
	});

	it('counts a category that expires before the reference date as без категории, and the expiry day itself as held', () => {
		const profile = staffProfile(
			[
				member({ category: 'highest', categoryExpiresOn: '2027-01-01' }),
				member({ category: 'highest', categoryExpiresOn: '2026-12-31' }),
				member({ category: 'none', categoryExpiresOn: null })
			],
			2026
		);
		expect(profile.categoryExpiryUnknown).toBe(0);
		expect(countOf(profile.category, 'highest')).toBe(1);
		expect(countOf(profile.category, 'none')).toBe(2);
	});

	it('has counts that add up to the teachers in every breakdown, and shares computed from them', () => {
		const staff = Array.from({ length: 7 }, (_, i) =>
			member({
				birthYear: 1960 + i * 7,
				experienceYears: i * 4,
				education: i % 3 ? 'higher' : 'vocational',
				category: i % 2 ? 'first' : 'conformity'
			})
		);
		const profile = staffProfile(staff, 2026);
		for (const rows of [profile.age, profile.experience, profile.education, profile.category]) {
			expect(rows.reduce((s, r) => s + r.count, 0)).toBe(7);
			for (const r of rows) expect(r.share).toBe(r.count / 7);
		}
	});

	it('gives null shares, not zeros, for a scope without teachers', () => {
		const profile = staffProfile([], 2026);
		expect(profile.teachers).toBe(0);
		expect(profile.education.every((r) => r.count === 0 && r.share === null)).toBe(true);
	});

	const scopeOf = (ids: readonly string[]) => ({
		id: 'muni',
		kind: 'aggregate' as const,
		schools: ids,
		universe: ids.map((id) => ({ id, parentId: 'muni', ancestors: ['muni'] }))
	});
	const settings = { access: 'municipal' as const, settings: DEFAULT_DISCLOSURE };

	it('splits a scope into its schools in the order given, listing a school without teachers too', () => {
		const staff = [
			...Array.from({ length: 5 }, () => ({ ...member(), schoolId: 'b' })),
			{ ...member(), schoolId: 'a' }
		];
		const result = staffProfileReport(staff, scopeOf(['a', 'b', 'c']), 2026, { ...settings, access: 'school' });
		expect(result.scope.teachers).toBe(6);
		expect(result.schools.map((s) => [s.schoolId, s.teachers, s.suppressed])).toEqual([
			['a', 1, false],
			['b', 5, false],
			['c', 0, false]
		]);
	});

	it('withholds a school under 5 teachers from an aggregate-only reader, and the next-smallest so the two hold 5', () => {
		const group = (school: string, n: number) => Array.from({ length: n }, () => ({ ...member(), schoolId: school }));
		const staff = [...group('b', 5), ...group('a', 4), ...group('c', 6)];
		const municipal = staffProfileReport(staff, scopeOf(['a', 'b', 'c']), 2026, settings);
		expect(municipal.schools[0]).toEqual({
			schoolId: 'a',
			teachers: 4,
			suppressed: true,
			secondary: false,
			date: '2027-01-01',
			age: null,
			experience: null,
			education: null,
			category: null,
			categoryExpiryUnknown: null
		});
		expect(municipal.schools[1]).toMatchObject({
			schoolId: 'b',
			teachers: 5,
			suppressed: true,
			secondary: true,
			age: null
		});
		expect(municipal.schools[2]?.suppressed).toBe(false);
		expect(municipal.scope.education?.find((r) => r.key === 'higher')?.count).toBe(15);
		const school = staffProfileReport(
			staff.slice(5, 9),
			{ id: 'a', kind: 'school', schools: ['a'], universe: [] },
			2026,
			{ ...settings, access: 'school' }
		);
		expect(school.scope.suppressed).toBe(false);
		expect(school.scope.teachers).toBe(4);
		expect(school.schools).toEqual([]);
	});

	it('withholds the total of a municipality under 5 teachers, and shows one school of it only to a reader who sees individuals', () => {
		const staff = Array.from({ length: 3 }, () => ({ ...member(), schoolId: 'a' }));
		const municipal = staffProfileReport(staff, scopeOf(['a']), 2026, settings);
		expect(municipal.scope).toMatchObject({ teachers: 3, suppressed: true, secondary: false, age: null });
	});
});

describe('staffProfileDate', () => {
	it('lets the school methodist pick any date in the year, and an aggregate-only reader the reference date only', () => {
		expect(staffProfileDate(2026, 'school', null)).toBe('2027-01-01');
		expect(staffProfileDate(2026, 'school', '2026-09-01')).toBe('2026-09-01');
		expect(staffProfileDate(2026, 'school', '2027-08-31')).toBe('2027-08-31');
		expect(staffProfileDate(2026, 'school', '2027-09-01')).toBeNull();
		expect(staffProfileDate(2026, 'municipal', '2027-01-01')).toBe('2027-01-01');
		expect(staffProfileDate(2026, 'municipal', null)).toBe('2027-01-01');
		expect(staffProfileDate(2026, 'municipal', '2027-03-14')).toBeNull();
		expect(staffProfileDate(2026, 'admin', '2027-03-14')).toBeNull();
	});
});

describe('display percentages', () => {
	it('rounds thirds so they still add up to 100.0', () => {
		expect(displayPercents([1, 1, 1])).toEqual([33.4, 33.3, 33.3]);
	});

	it('gives the leftover tenth to the largest remainder', () => {
		// 2/7 = 28.571…, 5/7 = 71.428…: floors 28.5 + 71.4 = 99.9, the .071 remainder wins.
		expect(displayPercents([2, 5])).toEqual([28.6, 71.4]);
	});

	it('keeps exact shares and zeros as they are', () => {
		expect(displayPercents([1, 0, 3])).toEqual([25, 0, 75]);
		expect(displayPercents([0, 0])).toEqual([0, 0]);
	});

	it('always sums to 100.0 in tenths', () => {
		for (let a = 0; a < 12; a++)
			for (let b = 0; b < 12; b++)
				for (let c = 1; c < 12; c++) {
					const tenths = displayPercents([a, b, c, 7]).map((p) => Math.round(p * 10));
					expect(tenths.reduce((s, t) => s + t, 0)).toBe(1000);
				}
	});
});
