import type { IsoDate, IsoDateTime } from './common';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Offset required: an instant without a zone means different moments on different devices.
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

export interface CalendarDate {
	year: number;
	/** 1–12. */
	month: number;
	day: number;
}

/** Days in a month of the proleptic Gregorian calendar (month 1–12). */
export function daysInMonth(year: number, month: number): number {
	if (month === 2) {
		const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
		return leap ? 29 : 28;
	}
	return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Parses 'YYYY-MM-DD' into its parts, or null when it is not a real calendar date
 * ('2026-02-30' is null). Computed without `Date`, whose parsing would roll such dates over.
 */
export function parseIsoDate(value: string): CalendarDate | null {
	const match = ISO_DATE.exec(value);
	if (!match) return null;
	const year = Number(match[1]);
	const month = Number(match[2]);
	const day = Number(match[3]);
	if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
	return { year, month, day };
}

/** A real calendar date written 'YYYY-MM-DD'. */
export function isIsoDate(value: unknown): value is IsoDate {
	return typeof value === 'string' && parseIsoDate(value) !== null;
}

/** An ISO 8601 instant with a real date, a valid time and an explicit zone ('Z' or ±hh:mm). */
export function isIsoDateTime(value: unknown): value is IsoDateTime {
	if (typeof value !== 'string') return false;
	const match = ISO_DATE_TIME.exec(value);
	if (!match || !isIsoDate(match[1])) return false;
	const hours = Number(match[2]);
	const minutes = Number(match[3]);
	const seconds = match[4] === undefined ? 0 : Number(match[4]);
	const offsetHours = match[5] === undefined ? 0 : Number(match[5]);
	const offsetMinutes = match[6] === undefined ? 0 : Number(match[6]);
	return hours < 24 && minutes < 60 && seconds < 60 && offsetHours < 24 && offsetMinutes < 60;
}

/** The calendar year of an ISO date; throws on a malformed date (a caller's bug, not user input). */
export function yearOf(date: IsoDate): number {
	const parsed = parseIsoDate(date);
	if (!parsed) throw new RangeError(`Not an ISO date: ${date}`);
	return parsed.year;
}
