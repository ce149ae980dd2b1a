import { describe, expect, it } from 'vitest';
import {
	actionReminders,
	addDays,
	approvalReminders,
	assessmentReminder,
	byUrgency,
	meetingReminders,
	schoolAssessmentReminder,
	weekOf,
	type Reminder
} from './reminders';
import {
	IDS,
	buildAction,
	buildAssessment,
	buildOrganization,
	buildPair,
	buildSession,
	uuid
} from './testing/builders';

// Wednesday 9 December 2026: its week runs Monday 7 – Sunday 13 December.
const TODAY = '2026-12-09';

describe('calendar helpers', () => {
	it('moves a date across month and year ends', () => {
		expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
		expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
	});

	it('takes the week from Monday to Sunday, whichever day of it is given', () => {
		expect(weekOf('2026-12-07')).toEqual({ monday: '2026-12-07', sunday: '2026-12-13' });
		expect(weekOf('2026-12-09')).toEqual({ monday: '2026-12-07', sunday: '2026-12-13' });
		expect(weekOf('2026-12-13')).toEqual({ monday: '2026-12-07', sunday: '2026-12-13' });
		expect(weekOf('2026-12-14')).toEqual({ monday: '2026-12-14', sunday: '2026-12-20' });
		// A week across the new year.
		expect(weekOf('2027-01-01')).toEqual({ monday: '2026-12-28', sunday: '2027-01-03' });
	});
});

describe('ИОМ actions', () => {
	const action = (
		n: number,
		deadline: string | null,
		status: 'planned' | 'in_progress' | 'done' | 'cancelled' = 'planned'
	) => buildAction({ id: uuid(n), title: `Действие ${n}`, deadline, status });

	it('recalls an action due today as due, not overdue', () => {
		const [r] = actionReminders([action(1, TODAY)], TODAY);
		expect(r).toMatchObject({ kind: 'action', date: TODAY, overdue: false, link: { to: 'plan' } });
	});

	it('marks an open action whose deadline was yesterday as overdue', () => {
		const [r] = actionReminders([action(1, '2026-12-08', 'in_progress')], TODAY);
		expect(r).toMatchObject({ title: 'Действие 1', overdue: true });
	});

	it('recalls a deadline exactly seven days ahead, not eight', () => {
		const found = actionReminders([action(1, '2026-12-16'), action(2, '2026-12-17')], TODAY);
		expect(found.map((r) => r.title)).toEqual(['Действие 1']);
	});

	it('leaves out done, cancelled, deleted and undated actions', () => {
		const deleted = { ...action(4, '2026-12-01'), deletedAt: '2026-12-02T10:00:00.000Z' };
		const found = actionReminders(
			[action(1, '2026-12-01', 'done'), action(2, '2026-12-01', 'cancelled'), action(3, null), deleted],
			TODAY
		);
		expect(found).toEqual([]);
	});
});

describe('planned mentoring meetings', () => {
	const pairWith = (dates: string[], overrides = {}) =>
		buildPair({ plannedMeetings: dates.map((date) => ({ date, topic: `Встреча ${date}` })), ...overrides });

	it('recalls the meetings planned from Monday to Sunday of this week and none outside it', () => {
		const pair = pairWith(['2026-12-06', '2026-12-07', '2026-12-13', '2026-12-14']);
		const found = meetingReminders([{ pair, sessions: [], person: 'Смирнова А. В.' }], TODAY, 'mentor');
		expect(found.map((r) => r.date)).toEqual(['2026-12-07', '2026-12-13']);
		expect(found[0]).toMatchObject({ person: 'Смирнова А. В.', link: { to: 'pair', pairId: IDS.pair } });
	});

	it('marks a meeting earlier this week that no session holds as overdue, a later one as not', () => {
		const pair = pairWith(['2026-12-07', '2026-12-11']);
		const found = meetingReminders([{ pair, sessions: [], person: null }], TODAY, 'mentee');
		expect(found.map((r) => [r.date, r.overdue])).toEqual([
			['2026-12-07', true],
			['2026-12-11', false]
		]);
		expect(found[1]?.link).toEqual({ to: 'mentoring' });
	});

	it('drops a meeting a session already holds', () => {
		const pair = pairWith(['2026-12-07', '2026-12-11']);
		const held = buildSession({ date: '2026-12-08', plannedMeeting: '2026-12-07' });
		const found = meetingReminders([{ pair, sessions: [held], person: null }], TODAY, 'mentor');
		expect(found.map((r) => r.date)).toEqual(['2026-12-11']);
	});

	it('says nothing for a pair that has ended', () => {
		const pair = pairWith(['2026-12-11'], { endDate: '2026-12-08' });
		expect(meetingReminders([{ pair, sessions: [], person: null }], TODAY, 'mentor')).toEqual([]);
	});
});

describe('plans waiting for approval', () => {
	const teachers = new Map([[IDS.teacher, 'Иванова Мария Петровна']]);
	const dateOf = (instant: string) => instant.slice(0, 10);
	const plan = (overrides: Record<string, unknown>) => ({
		id: IDS.plan,
		teacherId: IDS.teacher,
		deletedAt: null,
		approvalStatus: 'submitted',
		submittedAt: '2026-12-05T12:00:00.000Z',
		...overrides
	});

	it('lists a submitted plan of a teacher of the school, dated the day it was sent', () => {
		const [r] = approvalReminders([plan({})], teachers, dateOf, TODAY);
		expect(r).toMatchObject({
			kind: 'approval',
			title: 'Иванова Мария Петровна',
			date: '2026-12-05',
			overdue: false,
			link: { to: 'approval', planId: IDS.plan, teacherId: IDS.teacher }
		});
	});

	it('leaves out plans not sent, approved, returned, deleted, of other schools, or without the field', () => {
		const found = approvalReminders(
			[
				plan({ approvalStatus: 'not_submitted' }),
				plan({ approvalStatus: 'approved' }),
				plan({ approvalStatus: 'returned' }),
				plan({ deletedAt: '2026-12-06T00:00:00.000Z' }),
				plan({ teacherId: uuid(999) }),
				plan({ approvalStatus: undefined })
			],
			teachers,
			dateOf,
			TODAY
		);
		expect(found).toEqual([]);
	});
});

describe('diagnostics of the open monitoring window', () => {
	const region = buildOrganization({
		id: uuid(200),
		kind: 'region',
		parentId: null,
		monitoring: { '2026': { intermediate: { from: '2026-12-01', to: '2026-12-20' } } }
	});
	const municipality = buildOrganization({ id: IDS.municipality, kind: 'municipality', parentId: region.id });
	const school = buildOrganization();
	const orgs = [region, municipality, school];

	it('recalls the stage whose window holds today until the teacher submits it', () => {
		const r = assessmentReminder(orgs, IDS.school, IDS.teacher, [], TODAY);
		expect(r).toMatchObject({ kind: 'assessment', stage: 'intermediate', date: '2026-12-20', overdue: false });
		expect(r?.link).toEqual({ to: 'assessment', assessmentId: null });
		const taken = buildAssessment({ stage: 'intermediate', status: 'submitted', academicYear: 2026 });
		expect(assessmentReminder(orgs, IDS.school, IDS.teacher, [taken], TODAY)).toBeNull();
	});

	it('leads to her draft of that stage, and an entry assessment does not count for it', () => {
		const draft = buildAssessment({ id: uuid(31), stage: 'intermediate', status: 'draft', academicYear: 2026 });
		const entry = buildAssessment({ id: uuid(32), stage: 'entry', status: 'submitted', academicYear: 2026 });
		const r = assessmentReminder(orgs, IDS.school, IDS.teacher, [draft, entry], TODAY);
		expect(r?.link).toEqual({ to: 'assessment', assessmentId: uuid(31) });
	});

	it('counts both edges of the window and nothing outside it', () => {
		expect(assessmentReminder(orgs, IDS.school, IDS.teacher, [], '2026-12-01')).not.toBeNull();
		expect(assessmentReminder(orgs, IDS.school, IDS.teacher, [], '2026-12-20')).not.toBeNull();
		expect(assessmentReminder(orgs, IDS.school, IDS.teacher, [], '2026-11-30')).toBeNull();
		expect(assessmentReminder(orgs, IDS.school, IDS.teacher, [], '2026-12-21')).toBeNull();
	});

	it("follows the municipality's narrowed window over the region's", () => {
		const narrowed = {
			...municipality,
			monitoring: { '2026': { intermediate: { from: '2026-12-10', to: '2026-12-15' } } }
		};
		const inNarrowed = [region, narrowed, school];
		expect(assessmentReminder(inNarrowed, IDS.school, IDS.teacher, [], TODAY)).toBeNull();
		expect(assessmentReminder(inNarrowed, IDS.school, IDS.teacher, [], '2026-12-10')?.date).toBe('2026-12-15');
	});

	it("counts the school's teachers who have not taken it, for the methodist", () => {
		const other = uuid(105);
		const taken = buildAssessment({ stage: 'intermediate', status: 'submitted', academicYear: 2026 });
		const r = schoolAssessmentReminder(orgs, IDS.school, [IDS.teacher, other], [taken], TODAY);
		expect(r).toMatchObject({ count: 1, stage: 'intermediate', link: { to: 'school' } });
		const all = { ...taken, id: uuid(33), teacherId: other };
		expect(schoolAssessmentReminder(orgs, IDS.school, [IDS.teacher, other], [taken, all], TODAY)).toBeNull();
	});
});

describe('order', () => {
	const r = (id: string, date: string, overdue: boolean): Reminder => ({
		id,
		kind: 'action',
		title: id,
		person: null,
		date,
		overdue,
		link: { to: 'plan' }
	});

	it('puts overdue reminders first, then the rest by date', () => {
		const sorted = [
			r('soon', '2026-12-10', false),
			r('late', '2026-12-08', true),
			r('today', TODAY, false),
			r('older', '2026-11-01', true)
		].sort(byUrgency);
		expect(sorted.map((x) => x.id)).toEqual(['older', 'late', 'today', 'soon']);
	});
});
