import { DEFAULT_GROWTH_THRESHOLD } from './growth';
import { MIN_GROUP_SIZE } from './privacy';

/**
 * The settings of a region (DOMAIN.md, "Administrator's settings"; public.region_settings): the
 * growth threshold, the minimum group size of aggregates (never below 5), the first academic year
 * the reports offer and the staff profile's reference date. They live on the server only (the
 * administrator writes them online); a region without a row has the defaults.
 */
export interface RegionSettings {
	/** 0…3: the rise of a group's mean from entry to final that counts as growth. */
	growthThreshold: number;
	/** N of disclosure control: 5 … 1000, never below MIN_GROUP_SIZE. */
	minGroupSize: number;
	/** The first academic year the reports offer; null: two years before the current one. */
	reportYearsFrom: number | null;
	/** 'MM-DD' inside the academic year: 09–12 fall in its start year, 01–08 in the next. */
	staffReference: string;
}

export const DEFAULT_REGION_SETTINGS: RegionSettings = {
	growthThreshold: DEFAULT_GROWTH_THRESHOLD,
	minGroupSize: MIN_GROUP_SIZE,
	reportYearsFrom: null,
	staffReference: '01-01'
};

/** The bounds the database checks (migration 20261207000700: region_settings constraints). */
export const GROWTH_THRESHOLD_MAX = 3;
export const MIN_GROUP_SIZE_MAX = 1000;
export const REPORT_YEARS = { min: 2000, max: 2100 } as const;

// Days per month in a year that is not a leap year: 29 February is not a day every year has.
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Month (1–12) and day of an 'MM-DD' every year has; null otherwise. SQL twin: private.is_month_day. */
export function parseMonthDay(value: string): { month: number; day: number } | null {
	const match = /^(0[1-9]|1[0-2])-([0-3]\d)$/.exec(value);
	if (!match) return null;
	const month = Number(match[1]);
	const day = Number(match[2]);
	return day >= 1 && day <= MONTH_DAYS[month - 1]! ? { month, day } : null;
}

export function isMonthDay(value: string): boolean {
	return parseMonthDay(value) !== null;
}

/** 'MM-DD' of a month and day, or null when no year has that day every time. */
export function monthDay(month: number, day: number): string | null {
	const value = `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
	return Number.isInteger(month) && Number.isInteger(day) && isMonthDay(value) ? value : null;
}

/**
 * The reference date of academic year `year` ('2026' is 2026/2027): September–December fall in
 * the start year, January–August in the next. SQL twin: private.staff_reference_date.
 */
export function staffReferenceDate(year: number, staffReference: string): string {
	const parsed = parseMonthDay(staffReference) ?? { month: 1, day: 1 };
	const calendarYear = parsed.month >= 9 ? year : year + 1;
	const pad = (n: number, width = 2) => String(n).padStart(width, '0');
	return `${pad(calendarYear, 4)}-${pad(parsed.month)}-${pad(parsed.day)}`;
}
