import { describe, expect, it } from 'vitest';
import { buildPair, buildSession, codesOf, uuid } from './testing/builders';
import {
	isPairActiveOn,
	MENTEE_SESSION_FIELDS,
	MENTOR_SESSION_FIELDS,
	mentorPatchIssues,
	newestFirst,
	nextPlannedMeeting,
	pairAccess,
	plannedMeetingOutcomes,
	proposePlannedMeeting,
	sessionDateIssues,
	sessionTotals
} from './mentoring-session';

describe('an active pair', () => {
	const pair = buildPair({ startDate: '2026-09-01', endDate: '2027-05-31' });

	it('is active from its first to its last day, both included', () => {
		expect(isPairActiveOn(pair, '2026-09-01')).toBe(true);
		expect(isPairActiveOn(pair, '2027-05-31')).toBe(true);
		expect(isPairActiveOn(pair, '2026-08-31')).toBe(false);
		expect(isPairActiveOn(pair, '2027-06-01')).toBe(false);
	});

	it('with no end date stays active until someone ends it', () => {
		expect(isPairActiveOn(buildPair({ endDate: null }), '2030-01-01')).toBe(true);
	});

	it('is not active once completed or terminated, even inside its term', () => {
		expect(isPairActiveOn(buildPair({ status: 'completed', endDate: '2027-05-31' }), '2026-10-01')).toBe(false);
		expect(isPairActiveOn(buildPair({ status: 'terminated', endDate: '2026-12-01' }), '2026-10-01')).toBe(false);
	});

	it('tells why access is closed: not started yet, or ended on a date', () => {
		expect(pairAccess(pair, '2026-10-01')).toEqual({ state: 'active' });
		expect(pairAccess(pair, '2026-08-15')).toEqual({ state: 'not_started', from: '2026-09-01' });
		expect(pairAccess(pair, '2027-06-10')).toEqual({ state: 'ended', on: '2027-05-31' });
		expect(pairAccess(buildPair({ status: 'terminated', endDate: '2026-12-01' }), '2026-10-01')).toEqual({
			state: 'ended',
			on: '2026-12-01'
		});
	});
});

describe('the fields of a session', () => {
	it('belong either to the mentor or to the mentee, never to both', () => {
		const mentor = new Set<string>(MENTOR_SESSION_FIELDS);
		expect(MENTEE_SESSION_FIELDS.filter((f) => mentor.has(f))).toEqual([]);
		expect([...MENTOR_SESSION_FIELDS, ...MENTEE_SESSION_FIELDS].sort()).toEqual(
			['acknowledgedAt', 'date', 'durationMinutes', 'format', 'nextSteps', 'notes', 'plannedMeeting', 'topic'].sort()
		);
	});

	it('a mentor’s patch may not touch the mentee’s acknowledgement nor the pair and people', () => {
		expect(mentorPatchIssues({ topic: 'x', notes: 'y' })).toEqual([]);
		expect(
			codesOf(mentorPatchIssues({ topic: 'x', acknowledgedAt: '2026-10-01T10:00:00.000Z', menteeId: uuid(9) }))
		).toEqual(['acknowledgedAt:not_allowed', 'menteeId:not_allowed']);
	});
});

describe('a session date', () => {
	it('may be today or earlier, never in the future', () => {
		expect(sessionDateIssues({ date: '2026-10-01' }, '2026-10-01')).toEqual([]);
		expect(sessionDateIssues({ date: '2026-09-30' }, '2026-10-01')).toEqual([]);
		expect(sessionDateIssues({ date: '2026-10-02' }, '2026-10-01')).toEqual([
			{ path: 'date', code: 'date_after', params: { max: '2026-10-01' } }
		]);
	});

	it('leaves a malformed date to the schema', () => {
		expect(sessionDateIssues({ date: '2026-13-40' }, '2026-10-01')).toEqual([]);
	});
});

describe('sessions held', () => {
	it('count and add up their minutes, leaving deleted ones out', () => {
		const sessions = [
			buildSession({ durationMinutes: 45 }),
			buildSession({ id: uuid(2), durationMinutes: 90 }),
			buildSession({ id: uuid(3), durationMinutes: 60, deletedAt: '2026-10-01T10:00:00.000Z' })
		];
		expect(sessionTotals(sessions)).toEqual({ count: 2, minutes: 135 });
		expect(sessionTotals([])).toEqual({ count: 0, minutes: 0 });
	});

	it('are listed newest first, by date and then by when they were written', () => {
		const a = buildSession({ id: uuid(1), date: '2026-10-01', updatedAt: '2026-10-01T10:00:00.000Z' });
		const b = buildSession({ id: uuid(2), date: '2026-10-01', updatedAt: '2026-10-01T12:00:00.000Z' });
		const c = buildSession({ id: uuid(3), date: '2026-09-20' });
		expect([c, a, b].sort(newestFirst).map((s) => s.id)).toEqual([uuid(2), uuid(1), uuid(3)]);
	});
});

describe('planned meetings against sessions', () => {
	const meetings = [
		{ date: '2026-09-20', topic: 'Планирование' },
		{ date: '2026-10-15', topic: 'Разбор урока' },
		{ date: '2026-11-20', topic: 'Оценивание' },
		{ date: '2026-12-20', topic: 'Итоги четверти' }
	];

	it('is held by a session on its day or moved by up to a week, missed after that, upcoming before', () => {
		const sessions = [
			buildSession({ id: uuid(1), date: '2026-09-20' }),
			buildSession({ id: uuid(2), date: '2026-10-20' })
		];
		const outcomes = plannedMeetingOutcomes(meetings, sessions, '2026-12-01');
		expect(outcomes.map((o) => [o.meeting.date, o.state, o.session?.id ?? null])).toEqual([
			['2026-09-20', 'held', uuid(1)],
			['2026-10-15', 'held', uuid(2)],
			['2026-11-20', 'missed', null],
			['2026-12-20', 'upcoming', null]
		]);
	});

	it('never counts one session for two planned meetings', () => {
		const close = [
			{ date: '2026-10-01', topic: 'А' },
			{ date: '2026-10-03', topic: 'Б' }
		];
		const outcomes = plannedMeetingOutcomes(close, [buildSession({ date: '2026-10-02' })], '2026-11-01');
		expect(outcomes.map((o) => o.state)).toEqual(['held', 'missed']);
	});

	it('ignores deleted sessions and keeps the programme’s own order', () => {
		const unordered = [meetings[1]!, meetings[0]!];
		const outcomes = plannedMeetingOutcomes(
			unordered,
			[buildSession({ date: '2026-09-20', deletedAt: '2026-09-21T10:00:00.000Z' })],
			'2026-09-22'
		);
		expect(outcomes.map((o) => [o.meeting.date, o.state])).toEqual([
			['2026-10-15', 'upcoming'],
			['2026-09-20', 'upcoming']
		]);
	});

	it('is held by the session that names it, however far from its date the pair met', () => {
		const sessions = [
			buildSession({ id: uuid(1), date: '2026-10-30', plannedMeeting: '2026-10-15' }),
			buildSession({ id: uuid(2), date: '2026-12-05', plannedMeeting: '2026-11-20' })
		];
		const outcomes = plannedMeetingOutcomes(meetings, sessions, '2026-12-10');
		expect(outcomes.map((o) => [o.meeting.date, o.state, o.session?.id ?? null, o.linked])).toEqual([
			['2026-09-20', 'missed', null, false],
			['2026-10-15', 'held', uuid(1), true],
			['2026-11-20', 'held', uuid(2), true],
			['2026-12-20', 'upcoming', null, false]
		]);
	});

	it('keeps the window by date for sessions logged before they named a meeting, after the named ones have taken theirs', () => {
		const sessions = [
			// Old: no link; a week from 20 September.
			buildSession({ id: uuid(1), date: '2026-09-25', plannedMeeting: null }),
			// Old, a day from 15 October, but 15 October is named by another session: it holds nothing.
			buildSession({ id: uuid(2), date: '2026-10-14', plannedMeeting: null }),
			buildSession({ id: uuid(3), date: '2026-10-29', plannedMeeting: '2026-10-15' })
		];
		const outcomes = plannedMeetingOutcomes(meetings, sessions, '2026-12-10');
		expect(outcomes.map((o) => [o.state, o.session?.id ?? null])).toEqual([
			['held', uuid(1)],
			['held', uuid(3)],
			['missed', null],
			['upcoming', null]
		]);
	});

	it('never counts a session the mentor put outside the programme', () => {
		const outcomes = plannedMeetingOutcomes(
			meetings,
			[buildSession({ date: '2026-09-20', plannedMeeting: 'none' })],
			'2026-12-10'
		);
		expect(outcomes[0]).toMatchObject({ state: 'missed', session: null });
	});

	it('takes a session named for a meeting no longer in the programme by its date, as an old one', () => {
		const outcomes = plannedMeetingOutcomes(
			meetings,
			[buildSession({ date: '2026-11-18', plannedMeeting: '2026-11-10' })],
			'2026-12-10'
		);
		expect(outcomes[2]).toMatchObject({ state: 'held', linked: false });
	});

	it('needs one session for each of two meetings planned on one day', () => {
		const twice = [
			{ date: '2026-10-15', topic: 'Разбор урока' },
			{ date: '2026-10-15', topic: 'Консультация' }
		];
		const one = [buildSession({ id: uuid(1), date: '2026-10-20', plannedMeeting: '2026-10-15' })];
		expect(plannedMeetingOutcomes(twice, one, '2026-12-10').map((o) => o.state)).toEqual(['held', 'missed']);
		const two = [...one, buildSession({ id: uuid(2), date: '2026-10-21', plannedMeeting: '2026-10-15' })];
		expect(plannedMeetingOutcomes(twice, two, '2026-12-10').map((o) => o.session?.id)).toEqual([uuid(1), uuid(2)]);
	});

	it('names the next planned meeting from today on', () => {
		expect(nextPlannedMeeting(meetings, '2026-10-15')?.date).toBe('2026-10-15');
		expect(nextPlannedMeeting(meetings, '2026-12-21')).toBeNull();
	});
});

describe('the planned meeting a new session is proposed to fulfil', () => {
	const meetings = [
		{ date: '2026-09-20', topic: 'Планирование' },
		{ date: '2026-10-15', topic: 'Разбор урока' },
		{ date: '2026-11-20', topic: 'Оценивание' }
	];

	it('is the nearest one by date not held yet, even three weeks off', () => {
		const held = [buildSession({ id: uuid(1), date: '2026-09-21', plannedMeeting: '2026-09-20' })];
		expect(proposePlannedMeeting(meetings, held, '2026-11-01')).toBe('2026-10-15');
		expect(proposePlannedMeeting(meetings, held, '2026-09-22')).toBe('2026-10-15');
		expect(proposePlannedMeeting(meetings, [], '2026-11-10')).toBe('2026-11-20');
	});

	it('is none when every meeting is held or the nearest is more than a month away', () => {
		const all = meetings.map((m, i) => buildSession({ id: uuid(i + 1), date: m.date, plannedMeeting: m.date }));
		expect(proposePlannedMeeting(meetings, all, '2026-11-25')).toBe('none');
		expect(proposePlannedMeeting(meetings, [], '2027-02-01')).toBe('none');
		expect(proposePlannedMeeting([], [], '2026-10-01')).toBe('none');
	});

	it('leaves the session being edited out of what is held', () => {
		const self = buildSession({ id: uuid(7), date: '2026-10-14', plannedMeeting: '2026-10-15' });
		expect(proposePlannedMeeting(meetings, [self], '2026-10-14', self.id)).toBe('2026-10-15');
	});
});
