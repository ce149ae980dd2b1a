import type { IsoDate } from './common';
import { parseIsoDate } from './dates';

/**
 * Учебный год runs 1 September – 31 August and is named by its start year: 2026 is 2026/2027.
 * Dates, not instants: an instant's calendar date depends on the school's time zone, so the
 * caller converts first (23:30 UTC on 31 August is already 1 September in Moscow).
 */

/** The start year of the academic year containing `date`: 2026-08-31 → 2025, 2026-09-01 → 2026. */
export function academicYearOf(date: IsoDate): number {
	const parsed = parseIsoDate(date);
	if (!parsed) throw new RangeError(`Not an ISO date: ${date}`);
	return parsed.month >= 9 ? parsed.year : parsed.year - 1;
}

/** '2026/2027' for 2026. */
export function academicYearLabel(startYear: number): string {
	return `${startYear}/${startYear + 1}`;
}

/** First and last day, both inclusive: 2026 → 2026-09-01 … 2027-08-31. */
export function academicYearBounds(startYear: number): { start: IsoDate; end: IsoDate } {
	const pad = (year: number) => String(year).padStart(4, '0');
	return { start: `${pad(startYear)}-09-01`, end: `${pad(startYear + 1)}-08-31` };
}

export function isInAcademicYear(date: IsoDate, startYear: number): boolean {
	return academicYearOf(date) === startYear;
}

/**
 * The reference date of an academic year: 1 January inside it (2026 → 2027-01-01), the date
 * Russian statistical forms count age on. The staff profile counts on it unless the methodist
 * picks another date; young specialists of the year are counted on it too (profile.ts).
 */
export function referenceDateOf(startYear: number): IsoDate {
	return `${String(startYear + 1).padStart(4, '0')}-01-01`;
}
