import { describe, expect, it } from 'vitest';
import { buildPair, uuid } from './testing/builders';
import {
	conflictingPair,
	defaultEndDate,
	endPair,
	isPairActive,
	isPairCurrent,
	pairPhase,
	sortMeetings,
	termsOverlap
} from './mentoring';

describe('isPairActive', () => {
	const pair = buildPair({ startDate: '2026-09-01', endDate: '2027-05-31' });

	it('holds from the first to the last day of the term, both included', () => {
		expect(isPairActive(pair, '2026-09-01')).toBe(true);
		expect(isPairActive(pair, '2027-01-15')).toBe(true);
		expect(isPairActive(pair, '2027-05-31')).toBe(true);
	});

	it('no longer holds once the end date has passed, even if nobody closed the pair', () => {
		expect(isPairActive(pair, '2027-06-01')).toBe(false);
		expect(pairPhase(pair, '2027-06-01')).toBe('expired');
	});

	it('does not hold before the start: the pair is upcoming, yet current', () => {
		expect(isPairActive(pair, '2026-08-31')).toBe(false);
		expect(pairPhase(pair, '2026-08-31')).toBe('upcoming');
		expect(isPairCurrent(pair, '2026-08-31')).toBe(true);
	});

	it('runs on without an end date', () => {
		expect(isPairActive(buildPair({ endDate: null }), '2035-01-01')).toBe(true);
	});

	it('never holds for a completed or terminated pair', () => {
		expect(isPairActive(buildPair({ status: 'completed' }), '2027-01-15')).toBe(false);
		expect(pairPhase(buildPair({ status: 'terminated' }), '2027-01-15')).toBe('terminated');
		expect(isPairCurrent(buildPair({ status: 'terminated' }), '2027-01-15')).toBe(false);
	});
});

describe('one mentor at a time', () => {
	it('sees terms sharing a day as overlapping, and an open end as running on', () => {
		expect(
			termsOverlap({ startDate: '2026-09-01', endDate: '2027-05-31' }, { startDate: '2027-05-31', endDate: null })
		).toBe(true);
		expect(
			termsOverlap(
				{ startDate: '2026-09-01', endDate: '2027-05-31' },
				{ startDate: '2027-06-01', endDate: '2028-05-31' }
			)
		).toBe(false);
		expect(
			termsOverlap({ startDate: '2026-09-01', endDate: null }, { startDate: '2030-01-01', endDate: '2030-02-01' })
		).toBe(true);
	});

	it('finds the active pair of the same mentee whose term overlaps', () => {
		const existing = buildPair();
		const candidate = { menteeId: existing.menteeId, startDate: '2027-01-10', endDate: '2027-05-31' };
		expect(conflictingPair(candidate, [existing])?.id).toBe(existing.id);
	});

	it('ignores ended, deleted and other mentees’ pairs, terms that do not meet, and the pair itself', () => {
		const candidate = { menteeId: buildPair().menteeId, startDate: '2027-01-10', endDate: '2027-05-31' };
		expect(conflictingPair(candidate, [buildPair({ status: 'completed', endDate: '2027-02-01' })])).toBeUndefined();
		expect(conflictingPair(candidate, [buildPair({ deletedAt: '2026-10-01T00:00:00.000Z' })])).toBeUndefined();
		expect(conflictingPair(candidate, [buildPair({ menteeId: uuid(999) })])).toBeUndefined();
		expect(conflictingPair(candidate, [buildPair({ endDate: '2027-01-09' })])).toBeUndefined();
		expect(conflictingPair({ ...candidate, id: buildPair().id }, [buildPair()])).toBeUndefined();
	});

	it('counts a pair whose term passed without being closed when the new term overlaps it', () => {
		const forgotten = buildPair({ startDate: '2025-09-01', endDate: null });
		expect(
			conflictingPair({ menteeId: forgotten.menteeId, startDate: '2026-09-01', endDate: '2027-05-31' }, [forgotten])
		).toBe(forgotten);
	});
});

describe('endPair', () => {
	it('completes or terminates an active pair on the given day, without touching the input', () => {
		const pair = buildPair();
		const done = endPair(pair, 'completed', '2027-05-20');
		expect(done).toEqual({ ok: true, value: { ...pair, status: 'completed', endDate: '2027-05-20' } });
		expect(endPair(pair, 'terminated', '2026-12-01')).toMatchObject({
			ok: true,
			value: { status: 'terminated', endDate: '2026-12-01' }
		});
		expect(pair.status).toBe('active');
	});

	it('allows the start day and a day after the planned end, not a day before the start', () => {
		expect(endPair(buildPair(), 'terminated', '2026-09-01').ok).toBe(true);
		expect(endPair(buildPair(), 'completed', '2027-06-10').ok).toBe(true);
		expect(endPair(buildPair(), 'terminated', '2026-08-31')).toEqual({ ok: false, error: 'before_start' });
	});

	it('refuses to end a pair that has already ended', () => {
		expect(endPair(buildPair({ status: 'completed' }), 'terminated', '2027-01-01')).toEqual({
			ok: false,
			error: 'not_active'
		});
	});
});

describe('planned meetings', () => {
	it('sort by date and keep the entry order within a day', () => {
		const sorted = sortMeetings([
			{ date: '2026-11-10', topic: 'В' },
			{ date: '2026-10-10', topic: 'А' },
			{ date: '2026-11-10', topic: 'Б' }
		]);
		expect(sorted.map((m) => m.topic)).toEqual(['А', 'В', 'Б']);
	});
});

describe('defaultEndDate', () => {
	it('is 31 May closing the academic year of the start', () => {
		expect(defaultEndDate('2026-09-01')).toBe('2027-05-31');
		expect(defaultEndDate('2027-02-14')).toBe('2027-05-31');
		expect(defaultEndDate('2027-05-31')).toBe('2027-05-31');
	});

	it('is the next 31 May for a pair formed in summer', () => {
		expect(defaultEndDate('2027-06-15')).toBe('2028-05-31');
		expect(defaultEndDate('2027-08-31')).toBe('2028-05-31');
	});
});
