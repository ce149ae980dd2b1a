import { describe, expect, it } from 'vitest';
import type { Assessment } from './assessment';
import { DEFAULT_FRAMEWORK } from './frameworks/default';
import {
	INDICATOR_CODES,
	computeIndicators,
	countIndicators,
	indicatorsReport,
	targetStatus,
	targetsFor,
	yearHasData,
	type IndicatorCode,
	type IndicatorData
} from './indicators';
import { DEFAULT_DISCLOSURE } from './disclosure';
import {
	buildActivity,
	buildAssessment,
	buildDeficit,
	buildObservation,
	buildPair,
	buildPlan,
	buildProfile,
	buildSession,
	uuid
} from './testing/builders';

const YEAR = 2026; // 2026-09-01 … 2027-08-31

function data(overrides: Partial<IndicatorData> = {}): IndicatorData {
	return {
		teachers: [],
		activities: [],
		developmentPlans: [],
		assessments: [],
		frameworks: [DEFAULT_FRAMEWORK],
		deficits: [],
		mentoringPairs: [],
		mentoringSessions: [],
		observations: [],
		...overrides
	};
}

const teacher = (n: number, o: Partial<ReturnType<typeof buildProfile>> & { timeZone?: string } = {}) => ({
	...buildProfile({ id: uuid(100 + n), experienceYears: 10, category: 'none', categoryExpiresOn: null, ...o }),
	timeZone: o.timeZone ?? 'Europe/Moscow'
});

function submitted(
	n: number,
	teacherId: string,
	stage: Assessment['stage'],
	scores: Assessment['scores'],
	o: Partial<Assessment> = {}
): Assessment {
	const at = stage === 'entry' ? '2026-09-20T10:00:00.000Z' : '2027-04-20T10:00:00.000Z';
	return buildAssessment({
		id: uuid(300 + n),
		teacherId,
		assessorId: null,
		stage,
		scores,
		status: 'submitted',
		startedAt: at,
		submittedAt: at,
		...o
	});
}

const meta4 = (a: number, b: number, c: number, d: number) =>
	({ 'goal-setting.1': a, 'goal-setting.2': b, 'goal-setting.3': c, 'goal-setting.4': d }) as Assessment['scores'];

function figure(d: IndicatorData, code: IndicatorCode, year = YEAR) {
	return countIndicators(d, year).find((c) => c.code === code)!;
}

describe('countIndicators', () => {
	it('reports «нет данных» (null), never 0, for an empty scope', () => {
		const results = computeIndicators(data(), YEAR);
		expect(results.map((r) => r.code)).toEqual([...INDICATOR_CODES]);
		for (const r of results)
			expect(r).toMatchObject({
				numerator: null,
				denominator: null,
				value: null,
				previous: null,
				noData: 0,
				suppressed: false
			});
	});

	it('reports a year in which the scope recorded nothing as «нет данных», not as 0 %', () => {
		const t = [1, 2, 3, 4, 5].map((n) => teacher(n, { category: 'first', categoryExpiresOn: '2030-01-01' }));
		const d = data({
			teachers: t,
			activities: [
				buildActivity({
					id: uuid(631),
					teacherId: t[0]!.id,
					startDate: '2026-10-01',
					endDate: '2026-10-20',
					completed: true
				})
			]
		});
		expect(yearHasData(d, YEAR)).toBe(true);
		expect(yearHasData(d, YEAR - 1)).toBe(false);
		const results = computeIndicators(d, YEAR);
		// This year has a record: its zeros are true zeros; last year has none: «нет данных».
		expect(results.find((r) => r.code === 'OBSERVED')).toMatchObject({
			numerator: 0,
			denominator: 5,
			value: 0,
			previous: null
		});
		expect(results.find((r) => r.code === 'CATEGORY')).toMatchObject({
			numerator: 5,
			denominator: 5,
			value: 1,
			previous: null
		});
		const before = computeIndicators(d, YEAR - 1);
		for (const r of before)
			expect(r).toMatchObject({ numerator: null, denominator: null, value: null, noData: 0, suppressed: false });
	});

	it('counts any record of the year as data: a plan, an assessment, a deficit change, a session, an observation', () => {
		const t = teacher(1);
		const only = (o: Partial<IndicatorData>) => yearHasData(data({ teachers: [t], ...o }), YEAR);
		expect(only({ developmentPlans: [buildPlan({ id: uuid(511), teacherId: t.id, status: 'draft' })] })).toBe(true);
		expect(only({ developmentPlans: [buildPlan({ id: uuid(511), teacherId: t.id, academicYear: YEAR + 1 })] })).toBe(
			false
		);
		expect(only({ assessments: [submitted(11, t.id, 'entry', meta4(1, 1, 1, 1))] })).toBe(true);
		expect(
			only({
				observations: [
					buildObservation({
						id: uuid(811),
						teacherId: t.id,
						status: 'draft',
						date: '2026-12-01',
						acknowledgedAt: null
					})
				]
			})
		).toBe(true);
		expect(
			only({
				mentoringSessions: [buildSession({ id: uuid(711), pairId: uuid(712), menteeId: t.id, date: '2027-02-01' })]
			})
		).toBe(true);
		const change = (at: string) =>
			buildDeficit({ id: uuid(411), teacherId: t.id, history: [{ status: 'identified', at, by: null }] });
		expect(only({ deficits: [change('2027-03-01T10:00:00.000Z')] })).toBe(true);
		expect(only({ deficits: [change('2026-08-31T10:00:00.000Z')] })).toBe(false);
		// Rows of other teachers and deleted rows are nobody's data here.
		expect(
			only({ observations: [buildObservation({ id: uuid(812), teacherId: uuid(999), date: '2026-12-01' })] })
		).toBe(false);
		expect(
			only({ developmentPlans: [buildPlan({ id: uuid(512), teacherId: t.id, deletedAt: '2026-10-01T00:00:00.000Z' })] })
		).toBe(false);
	});

	it('dates a deficit closed at 03:00 on 1 September in Kemerovo in the new academic year', () => {
		// 2026-08-31T20:00Z is 2026-09-01 03:00 in Asia/Novokuznetsk (UTC+7): the 2026/2027 year there.
		const history = [
			{ status: 'identified', at: '2026-05-01T09:00:00.000Z', by: null },
			{ status: 'overcome', at: '2026-08-31T20:00:00.000Z', by: null }
		] as ReturnType<typeof buildDeficit>['history'];
		const deficit = (t: { id: string }) =>
			buildDeficit({ id: uuid(421), teacherId: t.id, status: 'overcome', history });
		const kemerovo = teacher(1, { timeZone: 'Asia/Novokuznetsk' });
		expect(figure(data({ teachers: [kemerovo], deficits: [deficit(kemerovo)] }), 'DEFICITS_CLOSED')).toMatchObject({
			numerator: 1,
			denominator: 1
		});
		expect(
			figure(data({ teachers: [kemerovo], deficits: [deficit(kemerovo)] }), 'DEFICITS_CLOSED', YEAR - 1)
		).toMatchObject({ numerator: 0, denominator: 1 });
		// The same instant in Kaliningrad (UTC+2) is still 31 August: closed in the year before.
		const kaliningrad = teacher(1, { timeZone: 'Europe/Kaliningrad' });
		expect(
			figure(data({ teachers: [kaliningrad], deficits: [deficit(kaliningrad)] }), 'DEFICITS_CLOSED')
		).toMatchObject({ numerator: 0, denominator: 0 });
		expect(
			figure(data({ teachers: [kaliningrad], deficits: [deficit(kaliningrad)] }), 'DEFICITS_CLOSED', YEAR - 1)
		).toMatchObject({ numerator: 1, denominator: 1 });
	});

	it('counts young specialists of last year by their стаж then: a mentee who was young last year counts there', () => {
		// стаж 3 recorded on 1 September 2026: 2 on 1 January 2026 (young in 2025/26), 3 on 1 January 2027.
		const former = teacher(1, { experienceYears: 3, experienceAsOf: '2026-09-01' });
		const mentor = teacher(2, { experienceYears: 20 });
		const pair = buildPair({
			id: uuid(721),
			mentorId: mentor.id,
			menteeId: former.id,
			startDate: '2025-09-01',
			endDate: '2026-08-31',
			status: 'completed'
		});
		const sessions = Array.from({ length: 9 }, (_, k) =>
			buildSession({
				id: uuid(730 + k),
				pairId: pair.id,
				mentorId: mentor.id,
				menteeId: former.id,
				date: `2025-${String(10 + (k % 3)).padStart(2, '0')}-${String(10 + k).padStart(2, '0')}`
			})
		);
		const d = data({ teachers: [former, mentor], mentoringPairs: [pair], mentoringSessions: sessions });
		expect(figure(d, 'YOUNG_SUPPORTED', YEAR - 1)).toMatchObject({ numerator: 1, denominator: 1 });
		expect(figure(d, 'YOUNG_SUPPORTED')).toMatchObject({ numerator: 0, denominator: 0 });
		expect(computeIndicators(d, YEAR).find((r) => r.code === 'YOUNG_SUPPORTED')).toMatchObject({
			value: null,
			previous: 1
		});
	});

	it('leaves a teacher with only an entry assessment out of growth and counts them as no data', () => {
		const t = teacher(1);
		const d = data({ teachers: [t], assessments: [submitted(1, t.id, 'entry', meta4(1, 1, 1, 1))] });
		expect(figure(d, 'GROWTH_META')).toEqual({ code: 'GROWTH_META', numerator: 0, denominator: 0, noData: 1 });
		expect(computeIndicators(d, YEAR).find((r) => r.code === 'GROWTH_META')!.value).toBeNull();
	});

	it('counts growth exactly at the threshold, and not under a higher one', () => {
		const t = teacher(1);
		const at = data({
			teachers: [t],
			assessments: [submitted(1, t.id, 'entry', meta4(1, 1, 1, 1)), submitted(2, t.id, 'final', meta4(2, 1, 1, 1))]
		});
		expect(figure(at, 'GROWTH_META')).toMatchObject({ numerator: 1, denominator: 1, noData: 0 });
		const below = data({
			teachers: [t],
			assessments: [submitted(1, t.id, 'entry', meta4(1, 1, 1, 1)), submitted(2, t.id, 'final', meta4(2, 1, 1, 1))]
		});
		expect(countIndicators(below, YEAR, { threshold: 0.26 }).find((c) => c.code === 'GROWTH_META')).toMatchObject({
			numerator: 0,
			denominator: 1
		});
		// A group the pair never answered is no data for that group only.
		expect(figure(at, 'GROWTH_SUBJECT')).toMatchObject({ numerator: 0, denominator: 0, noData: 1 });
	});

	it('takes the latest entry and final of a kind, and the first kind (self before expert) that answers the group', () => {
		const t = teacher(1);
		const d = data({
			teachers: [t],
			assessments: [
				submitted(1, t.id, 'entry', meta4(1, 1, 1, 1)),
				submitted(2, t.id, 'final', meta4(3, 3, 3, 3)),
				// A later self final without growth replaces the first one.
				submitted(3, t.id, 'final', meta4(1, 1, 1, 1), {
					submittedAt: '2027-05-01T10:00:00.000Z',
					startedAt: '2027-05-01T10:00:00.000Z'
				}),
				// Expert growth does not count while the self-assessment answers the group.
				submitted(4, t.id, 'entry', meta4(0, 0, 0, 0), { kind: 'expert', assessorId: uuid(9) }),
				submitted(5, t.id, 'final', meta4(3, 3, 3, 3), { kind: 'expert', assessorId: uuid(9) }),
				// Drafts, deleted rows and other years never count.
				submitted(6, t.id, 'final', meta4(3, 3, 3, 3), {
					status: 'draft',
					submittedAt: null,
					startedAt: '2027-06-01T10:00:00.000Z'
				}),
				submitted(7, t.id, 'final', meta4(3, 3, 3, 3), {
					deletedAt: '2027-06-01T10:00:00.000Z',
					submittedAt: '2027-06-01T10:00:00.000Z'
				})
			]
		});
		expect(figure(d, 'GROWTH_META')).toMatchObject({ numerator: 0, denominator: 1 });
	});

	it('compares the entry with the chosen stage; at the entry stage nobody has a pair; yearly figures stay', () => {
		const t = teacher(1);
		const u = teacher(2, { category: 'highest', categoryExpiresOn: '2030-01-01' });
		const at = '2027-01-20T10:00:00.000Z';
		const d = data({
			teachers: [t, u],
			assessments: [
				submitted(1, t.id, 'entry', meta4(1, 1, 1, 1)),
				submitted(2, t.id, 'intermediate', meta4(2, 2, 2, 2), { submittedAt: at, startedAt: at }),
				submitted(3, t.id, 'final', meta4(1, 1, 1, 1)),
				submitted(4, u.id, 'entry', meta4(1, 1, 1, 1)),
				submitted(5, u.id, 'final', meta4(3, 3, 3, 3))
			]
		});
		const growth = (stage: Assessment['stage'] | null) =>
			countIndicators(d, YEAR, { stage }).find((c) => c.code === 'GROWTH_META');
		// итоговая (also when no stage is chosen): t fell back to 1, u grew.
		expect(growth(null)).toMatchObject({ numerator: 1, denominator: 2, noData: 0 });
		expect(growth('final')).toMatchObject({ numerator: 1, denominator: 2, noData: 0 });
		// промежуточная: t grew by then; u has no intermediate assessment.
		expect(growth('intermediate')).toMatchObject({ numerator: 1, denominator: 1, noData: 1 });
		expect(growth('entry')).toMatchObject({ numerator: 0, denominator: 0, noData: 2 });
		const category = (stage: Assessment['stage'] | null) =>
			countIndicators(d, YEAR, { stage }).find((c) => c.code === 'CATEGORY');
		expect(category('entry')).toEqual(category(null));
	});

	it('counts a category expiring on the last day of the year, not one expiring the day before', () => {
		const on = teacher(1, { category: 'first', categoryExpiresOn: '2027-08-31' });
		const before = teacher(2, { category: 'highest', categoryExpiresOn: '2027-08-30' });
		const conformity = teacher(3, { category: 'conformity', categoryExpiresOn: '2030-01-01' });
		expect(figure(data({ teachers: [on, before, conformity] }), 'CATEGORY')).toMatchObject({
			numerator: 1,
			denominator: 3
		});
	});

	it('counts a высшая or первая category whose expiry is unknown as valid', () => {
		const unknown = teacher(1, { category: 'highest', categoryExpiresOn: null });
		const none = teacher(2, { category: 'none', categoryExpiresOn: null });
		expect(figure(data({ teachers: [unknown, none] }), 'CATEGORY')).toMatchObject({ numerator: 1, denominator: 2 });
	});

	it('counts courses by their end date within the year, completed ones only', () => {
		const t = [teacher(1), teacher(2), teacher(3), teacher(4)];
		const d = data({
			teachers: t,
			activities: [
				buildActivity({
					id: uuid(601),
					teacherId: t[0]!.id,
					endDate: '2027-08-31',
					completed: true,
					qualityRelated: true
				}),
				buildActivity({
					id: uuid(602),
					teacherId: t[1]!.id,
					startDate: '2026-08-01',
					endDate: '2026-08-31',
					completed: true,
					qualityRelated: false
				}),
				buildActivity({ id: uuid(603), teacherId: t[2]!.id, endDate: '2026-09-01', completed: false }),
				buildActivity({
					id: uuid(604),
					teacherId: t[3]!.id,
					startDate: '2026-09-01',
					endDate: '2026-09-01',
					completed: true,
					qualityRelated: false
				})
			]
		});
		expect(figure(d, 'PD_QUALITY')).toMatchObject({ numerator: 1, denominator: 4 });
		expect(figure(d, 'PD_ANY')).toMatchObject({ numerator: 2, denominator: 4 });
		expect(figure(d, 'PD_ANY', YEAR - 1)).toMatchObject({ numerator: 1 });
	});

	it('counts an ongoing community and a one-day competition on the year boundary', () => {
		const t = [teacher(1), teacher(2), teacher(3)];
		const activity = { completed: false, qualityRelated: false, endDate: null, hours: null };
		const d = data({
			teachers: t,
			activities: [
				buildActivity({
					...activity,
					id: uuid(611),
					teacherId: t[0]!.id,
					kind: 'community',
					communityType: 'shmo',
					startDate: '2024-01-01'
				}),
				buildActivity({
					...activity,
					id: uuid(612),
					teacherId: t[1]!.id,
					kind: 'competition',
					competitionLevel: 'school',
					startDate: '2027-08-31'
				}),
				buildActivity({
					...activity,
					id: uuid(613),
					teacherId: t[2]!.id,
					kind: 'competition',
					competitionLevel: 'school',
					startDate: '2026-08-31'
				})
			]
		});
		expect(figure(d, 'COMMUNITY')).toMatchObject({ numerator: 2, denominator: 3 });
		expect(figure(d, 'COMPETITION')).toMatchObject({ numerator: 1, denominator: 3 });
	});

	it('counts active and completed plans of the year for IOM', () => {
		const t = [teacher(1), teacher(2), teacher(3)];
		const d = data({
			teachers: t,
			developmentPlans: [
				buildPlan({ id: uuid(501), teacherId: t[0]!.id, status: 'active' }),
				buildPlan({ id: uuid(502), teacherId: t[1]!.id, status: 'draft' }),
				buildPlan({ id: uuid(503), teacherId: t[2]!.id, status: 'completed', academicYear: 2025 })
			]
		});
		expect(figure(d, 'IOM')).toMatchObject({ numerator: 1, denominator: 3 });
	});

	it('counts deficits open at any time in the year and those overcome in it', () => {
		const t = teacher(1);
		const h = (...changes: [string, string][]) =>
			changes.map(([status, day]) => ({ status, at: `${day}T12:00:00.000Z`, by: null })) as ReturnType<
				typeof buildDeficit
			>['history'];
		const d = data({
			teachers: [t],
			deficits: [
				buildDeficit({
					id: uuid(401),
					teacherId: t.id,
					history: h(['identified', '2026-05-01'], ['overcome', '2026-10-10'])
				}),
				buildDeficit({
					id: uuid(402),
					teacherId: t.id,
					history: h(['identified', '2026-05-01'], ['overcome', '2026-08-31'])
				}),
				buildDeficit({
					id: uuid(403),
					teacherId: t.id,
					history: h(['proposed', '2026-09-05'], ['in_progress', '2027-08-31'])
				}),
				buildDeficit({
					id: uuid(404),
					teacherId: t.id,
					history: h(['proposed', '2026-09-05'], ['dismissed', '2026-09-06'])
				}),
				buildDeficit({ id: uuid(405), teacherId: t.id, history: h(['identified', '2027-09-01']) })
			]
		});
		expect(figure(d, 'DEFICITS_CLOSED')).toMatchObject({ numerator: 1, denominator: 2 });
	});

	it('counts young specialists with a session in the year in their own pair', () => {
		const young = teacher(1, { experienceYears: 2 });
		const alone = teacher(2, { experienceYears: 0 });
		const senior = teacher(3, { experienceYears: 3 });
		const pair = buildPair({
			id: uuid(701),
			mentorId: senior.id,
			menteeId: young.id,
			startDate: '2026-09-01',
			endDate: null,
			status: 'active'
		});
		const d = data({
			teachers: [young, alone, senior],
			mentoringPairs: [pair],
			mentoringSessions: [
				buildSession({ id: uuid(702), pairId: pair.id, mentorId: senior.id, menteeId: young.id, date: '2026-11-01' })
			]
		});
		expect(figure(d, 'YOUNG_SUPPORTED')).toMatchObject({ numerator: 1, denominator: 2 });
		expect(figure(d, 'YOUNG_SUPPORTED', YEAR - 1)).toMatchObject({ numerator: 0, denominator: 2 });
	});

	it('counts submitted observations dated in the year', () => {
		const t = [teacher(1), teacher(2), teacher(3)];
		const d = data({
			teachers: t,
			observations: [
				buildObservation({ id: uuid(801), teacherId: t[0]!.id, status: 'submitted', date: '2027-08-31' }),
				buildObservation({
					id: uuid(802),
					teacherId: t[1]!.id,
					status: 'draft',
					date: '2026-12-01',
					acknowledgedAt: null
				}),
				buildObservation({ id: uuid(803), teacherId: t[2]!.id, status: 'submitted', date: '2026-08-31' })
			]
		});
		expect(figure(d, 'OBSERVED')).toMatchObject({ numerator: 1, denominator: 3 });
	});
});

describe('computeIndicators', () => {
	const five = [1, 2, 3, 4, 5].map((n) => teacher(n, { experienceYears: n <= 2 ? 1 : 10 }));

	it('carries targets and the previous year', () => {
		const d = data({
			teachers: five,
			activities: [
				buildActivity({
					id: uuid(621),
					teacherId: five[0]!.id,
					startDate: '2026-01-01',
					endDate: '2026-02-01',
					completed: true
				})
			],
			// A record this year, so its zero is a zero and not «нет данных».
			observations: [
				buildObservation({ id: uuid(821), teacherId: five[1]!.id, status: 'submitted', date: '2026-10-01' })
			]
		});
		const pd = computeIndicators(d, YEAR, { targets: { PD_ANY: 0.3 } }).find((r) => r.code === 'PD_ANY')!;
		expect(pd).toMatchObject({ numerator: 0, denominator: 5, value: 0, target: 0.3, previous: 0.2 });
		expect(targetStatus(pd)).toBe('missed');
	});
});

describe('indicatorsReport', () => {
	const MUNI = uuid(2000);
	const school = (n: number) => uuid(2000 + n);
	const staffOf = (n: number, size: number, o: Partial<ReturnType<typeof buildProfile>> = {}) =>
		Array.from({ length: size }, (_, i) => ({ ...teacher(n * 100 + i, o), schoolId: school(n) }));
	const universe = [1, 2, 3].map((n) => ({ id: school(n), parentId: MUNI, ancestors: [MUNI] }));
	const scope = { id: MUNI, kind: 'aggregate' as const, schools: universe.map((s) => s.id), universe };
	const options = { year: YEAR, settings: DEFAULT_DISCLOSURE, years: [YEAR - 1, YEAR] };
	// Schools of 6, 4 and 7 teachers, a course this year in each so the year has data.
	const teachers = [...staffOf(1, 6), ...staffOf(2, 4), ...staffOf(3, 7)];
	const d = {
		...data(),
		teachers,
		activities: teachers.map((t, i) =>
			buildActivity({
				id: uuid(5000 + i),
				teacherId: t.id,
				startDate: '2026-10-01',
				endDate: '2026-10-20',
				completed: i % 2 === 0
			})
		)
	};

	it('withholds a school under five teachers whole, and the next-smallest school so the two hold at least five', () => {
		const r = indicatorsReport(d, scope, { ...options, access: 'municipal' });
		const row = (n: number) => r.schools.find((s) => s.schoolId === school(n))!;
		expect(row(2)).toMatchObject({ teachers: 4, suppressed: true, secondary: false });
		expect(row(1)).toMatchObject({ teachers: 6, suppressed: true, secondary: true });
		expect(
			row(1).indicators.every((i) => i.suppressed && i.secondary && i.numerator === null && i.previous === null)
		).toBe(true);
		expect(row(3)).toMatchObject({ teachers: 7, suppressed: false });
		expect(row(3).indicators.find((i) => i.code === 'PD_ANY')).toMatchObject({
			numerator: 4,
			denominator: 7,
			suppressed: false
		});
		// The total rests on all 17: shown, and the withheld two together hold 10.
		expect(r.scope).toMatchObject({ teachers: 17, suppressed: false });
		expect(r.scope.indicators.find((i) => i.code === 'PD_ANY')).toMatchObject({ numerator: 9, denominator: 17 });
	});

	it('withholds a share over one to four young specialists, and shows the school reader everything', () => {
		const young = [
			...staffOf(1, 6),
			...staffOf(2, 4),
			...staffOf(3, 5),
			...staffOf(4, 2, { experienceYears: 1, experienceAsOf: '2026-09-01' })
		].map((t) => (t.schoolId === school(4) ? { ...t, schoolId: school(3) } : t));
		const r = indicatorsReport({ ...d, teachers: young }, scope, { ...options, access: 'municipal' });
		const third = r.schools.find((s) => s.schoolId === school(3))!;
		expect(third.indicators.find((i) => i.code === 'YOUNG_SUPPORTED')).toMatchObject({
			numerator: null,
			denominator: null,
			suppressed: true,
			secondary: false
		});
		expect(third.indicators.find((i) => i.code === 'PD_ANY')).toMatchObject({ suppressed: false });
		const own = indicatorsReport(
			{ ...d, teachers: young.filter((t) => t.schoolId === school(3)) },
			{ id: school(3), kind: 'school', schools: [school(3)], universe: [] },
			{ ...options, access: 'school' }
		);
		expect(own.scope.indicators.some((i) => i.suppressed)).toBe(false);
		expect(own.scope.indicators.find((i) => i.code === 'YOUNG_SUPPORTED')).toMatchObject({
			numerator: 0,
			denominator: 2
		});
	});
});

describe('targetsFor', () => {
	it('takes the scope’s own target, else the nearest ancestor’s, live and of the year', () => {
		const row = (organizationId: string, code: IndicatorCode, value: number, o = {}) => ({
			organizationId,
			academicYear: YEAR,
			code,
			value,
			deletedAt: null,
			...o
		});
		const rows = [
			row('muni', 'PD_ANY', 0.3),
			row('school', 'PD_ANY', 0.6),
			row('muni', 'IOM', 0.8),
			row('region', 'IOM', 0.5),
			row('school', 'OBSERVED', 0.9, { deletedAt: '2026-10-01T00:00:00.000Z' }),
			row('muni', 'OBSERVED', 0.4, { academicYear: 2025 })
		];
		expect(targetsFor(rows, ['school', 'muni', 'region'], YEAR)).toEqual({ PD_ANY: 0.6, IOM: 0.8 });
	});

	it('marks a target met when the value reaches it', () => {
		expect(targetStatus({ value: 0.3, target: 0.3 })).toBe('met');
		expect(targetStatus({ value: null, target: 0.3 })).toBeNull();
		expect(targetStatus({ value: 0.3, target: null })).toBeNull();
	});
});
