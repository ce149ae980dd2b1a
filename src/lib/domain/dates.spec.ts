import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE, dateInZone, fullYearsBetween, isTimeZone } from './dates';

describe('dateInZone', () => {
	it('gives the calendar date an instant has in the zone, not in UTC', () => {
		// 03:00 on 1 September in Kemerovo (UTC+7) is 20:00 UTC on 31 August.
		expect(dateInZone('2026-08-31T20:00:00.000Z', 'Asia/Novokuznetsk')).toBe('2026-09-01');
		expect(dateInZone('2026-08-31T20:00:00.000Z', 'UTC')).toBe('2026-08-31');
		expect(dateInZone('2026-08-31T20:00:00.000Z', 'Europe/Kaliningrad')).toBe('2026-08-31');
	});
	it('reads an instant written with any offset', () => {
		expect(dateInZone('2026-09-01T03:00:00+07:00', 'Asia/Novokuznetsk')).toBe('2026-09-01');
		expect(dateInZone('2026-09-01T03:00:00+07:00', DEFAULT_TIME_ZONE)).toBe('2026-08-31');
	});
	it('refuses an unknown zone instead of falling back to UTC', () => {
		expect(() => dateInZone('2026-09-01T00:00:00Z', 'Mars/Olympus')).toThrow(RangeError);
	});
});

describe('isTimeZone', () => {
	it('accepts IANA zones and refuses anything else', () => {
		expect(isTimeZone('Europe/Moscow')).toBe(true);
		expect(isTimeZone('Asia/Novokuznetsk')).toBe(true);
		expect(isTimeZone('Mars/Olympus')).toBe(false);
		expect(isTimeZone('')).toBe(false);
		expect(isTimeZone('UTC+3')).toBe(false);
		expect(isTimeZone(3)).toBe(false);
	});
});

describe('fullYearsBetween', () => {
	it('counts a year only once its anniversary has come', () => {
		expect(fullYearsBetween('1990-05-15', '2026-05-14')).toBe(35);
		expect(fullYearsBetween('1990-05-15', '2026-05-15')).toBe(36);
		expect(fullYearsBetween('2026-05-15', '2026-05-15')).toBe(0);
	});
	it('reaches the anniversary of 29 February on 28 February of a common year (ГК РФ, ст. 192)', () => {
		expect(fullYearsBetween('2000-02-29', '2025-02-27')).toBe(24);
		expect(fullYearsBetween('2000-02-29', '2025-02-28')).toBe(25);
		expect(fullYearsBetween('2000-02-29', '2024-02-28')).toBe(23);
		expect(fullYearsBetween('2000-02-29', '2024-02-29')).toBe(24);
	});
	it('is negative, rounded down, for an earlier date', () => {
		expect(fullYearsBetween('2026-10-01', '2026-09-30')).toBe(-1);
		expect(fullYearsBetween('2026-10-01', '2025-10-01')).toBe(-1);
		expect(fullYearsBetween('2026-10-01', '2025-09-30')).toBe(-2);
	});
});
