import { describe, expect, it } from 'vitest';
import { academicYearBounds, academicYearLabel, academicYearOf, isInAcademicYear } from './academic-year';

describe('academic year', () => {
	it('puts 31 August in the year that started the previous September', () => {
		expect(academicYearOf('2026-08-31')).toBe(2025);
	});
	it('starts a new year on 1 September', () => {
		expect(academicYearOf('2026-09-01')).toBe(2026);
	});
	it('keeps January to August with the previous calendar year', () => {
		expect(academicYearOf('2027-01-01')).toBe(2026);
		expect(academicYearOf('2026-12-31')).toBe(2026);
	});
	it('refuses a malformed date instead of guessing', () => {
		expect(() => academicYearOf('2026-02-30')).toThrow(RangeError);
	});
	it('labels a year as start/end', () => {
		expect(academicYearLabel(2026)).toBe('2026/2027');
	});
	it('bounds a year inclusively and every bound maps back to the year', () => {
		expect(academicYearBounds(2026)).toEqual({ start: '2026-09-01', end: '2027-08-31' });
		for (let year = 2000; year <= 2040; year++) {
			const { start, end } = academicYearBounds(year);
			expect(academicYearOf(start)).toBe(year);
			expect(academicYearOf(end)).toBe(year);
			expect(isInAcademicYear(start, year - 1)).toBe(false);
		}
	});
});
