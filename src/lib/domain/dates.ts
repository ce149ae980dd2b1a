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

/**
 * The zone of an organisation that names none up to the region (DOMAIN.md, "Assessments"):
 * Moscow time. The SQL twin is private.org_time_zone.
 */
export const DEFAULT_TIME_ZONE = 'Europe/Moscow';

// One formatter per zone, made once: Intl formatters are expensive to build and cheap to reuse.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormatOf(timeZone: string): Intl.DateTimeFormat {
	let format = dateFormats.get(timeZone);
	if (!format) {
		// en-US with numeric parts: formatToParts gives year, month and day whatever the locale data.
		format = new Intl.DateTimeFormat('en-US', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hourCycle: 'h23'
		});
		dateFormats.set(timeZone, format);
	}
	return format;
}

// An IANA name: Area/Location (or a single word such as UTC); POSIX strings like 'UTC+3' read
// their sign the other way round in PostgreSQL, so they are never accepted.
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/** An IANA time zone name the platform knows ('Asia/Novokuznetsk'); the database checks it against pg_timezone_names. */
export function isTimeZone(value: unknown): value is string {
	if (typeof value !== 'string' || !ZONE_NAME.test(value) || /^(?:UTC|GMT)[+-]/i.test(value)) return false;
	try {
		dateFormatOf(value);
		return true;
	} catch {
		return false;
	}
}

/**
 * The calendar date an instant has in a time zone: 20:00 UTC on 31 August is 1 September in
 * Kemerovo (UTC+7). Every instant → date (and so → academic year) conversion goes through here,
 * with the zone of the teacher's school (organization.ts effectiveTimeZone); the SQL twin is
 * `(at::timestamptz at time zone zone)::date`. Throws RangeError on a malformed instant or zone.
 */
export function dateInZone(instant: IsoDateTime, timeZone: string): IsoDate {
	const at = Date.parse(instant);
	if (!isIsoDateTime(instant) || Number.isNaN(at)) throw new RangeError(`Not an ISO instant: ${instant}`);
	let year = '';
	let month = '';
	let day = '';
	for (const part of dateFormatOf(timeZone).formatToParts(at)) {
		if (part.type === 'year') year = part.value;
		else if (part.type === 'month') month = part.value;
		else if (part.type === 'day') day = part.value;
	}
	return `${year.padStart(4, '0')}-${month}-${day}`;
}

/**
 * Full years from `from` to `to`, as an age or a стаж is counted: a year is complete on its
 * anniversary, and the anniversary of 29 February falls on 28 February in a common year (a term
 * in years ends on the last day of that month when the date does not exist: ГК РФ, ст. 192).
 * Rounded down, so an earlier `to` gives a negative count (-1 for a day before `from`). The SQL
 * twin is private.full_years.
 */
export function fullYearsBetween(from: IsoDate, to: IsoDate): number {
	const a = parseIsoDate(from);
	const b = parseIsoDate(to);
	if (!a || !b) throw new RangeError(`Not an ISO date: ${a ? to : from}`);
	const anniversaryDay = Math.min(a.day, daysInMonth(b.year, a.month));
	const reached = b.month > a.month || (b.month === a.month && b.day >= anniversaryDay);
	return b.year - a.year - (reached ? 0 : 1);
}
