/**
 * public.report_indicators on a real PostgreSQL: the same figures as src/lib/domain/indicators.ts
 * on one generated municipality, hand-checked values for a small school, the k ≥ 5 rule for
 * municipal users, the scope check, and no route for a municipal methodist to one teacher's answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stage } from '../../src/lib/domain/assessment';
import { academicYearOf } from '../../src/lib/domain/academic-year';
import { DEFAULT_DISCLOSURE, disclosureYears, offeredYears, reportScope } from '../../src/lib/domain/disclosure';
import {
	computeIndicators,
	indicatorsReport,
	targetsFor,
	yearHasData,
	type IndicatorResult,
	type ScopedIndicatorTeacher,
	type TargetRow
} from '../../src/lib/domain/indicators';
import { DEFAULT_FRAMEWORK } from '../../src/lib/domain/frameworks/default';
import { signUp } from './actors';
import { attempt, freshDatabase, type TestDatabase } from './cluster';
import {
	DATASET_TABLES,
	camel,
	generateMunicipality,
	indicatorData,
	insertDataset,
	type Dataset,
	type DatasetTable,
	type Row
} from './report-data';
import type { Queryable } from './cluster';

const YEAR = 2026;
/** The academic year today in Moscow: an aggregate-only reader may ask for none after it. */
const CURRENT = academicYearOf(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date()));
/** The region offers its reports from 2020 (region_settings), so YEAR stays askable in later years. */
const FROM = 2020;
const YEARS = disclosureYears(offeredYears(CURRENT, FROM));
let db: TestDatabase;
let ds: Dataset;
let other: Dataset;
const users: Record<string, string> = {};

/** A school of five whose every figure is worked out by hand below (year 2026: 2026-09-01 … 2027-08-31). */
function addHandSchool(target: Dataset): { school: string; teachers: string[]; methodistEmail: string } {
	const n = (k: number) => `0000aaaa-0000-4000-8000-${String(k).padStart(12, '0')}`;
	const school = n(1);
	const methodist = n(2);
	const [t1, t2, t3, t4, t5] = [n(11), n(12), n(13), n(14), n(15)];
	const methodistEmail = 'hand.methodist@example.test';
	const r = target.rows;
	r.organizations.push({
		id: school,
		kind: 'school',
		name: 'Школа ручной проверки',
		parent_id: target.municipality,
		short_name: null,
		low_results: true,
		adverse_conditions: false,
		program500: false
	});
	const person = (id: string, o: Row) =>
		r.profiles.push({
			id,
			full_name: `Педагог ${id.slice(-2)}`,
			email: null,
			school_id: school,
			association_id: null,
			position: 'учитель',
			subjects: [],
			experience_years: 10,
			experience_as_of: '2026-09-01',
			category: 'none',
			category_expires_on: null,
			education: 'higher',
			birth_year: 1985,
			...o
		});
	person(methodist, { email: methodistEmail, full_name: 'Методист ручной школы' });
	r.memberships.push({ id: n(3), profile_id: methodist, organization_id: school, role: 'school_methodist' });
	person(t1, { experience_years: 1, category: 'first', category_expires_on: '2027-08-31' });
	person(t2, { experience_years: 2, category: 'highest', category_expires_on: '2027-08-30' });
	person(t3, { experience_years: 20, category: 'first', category_expires_on: '2030-01-01' });
	person(t4, { experience_years: 10 });
	person(t5, { experience_years: 5, category: 'conformity', category_expires_on: '2028-01-01' });
	[t1, t2, t3, t4, t5].forEach((t, i) =>
		r.memberships.push({ id: n(20 + i), profile_id: t, organization_id: school, role: 'teacher' })
	);
	r.memberships.push({ id: n(26), profile_id: t3, organization_id: school, role: 'mentor' });

	const activity = (id: string, o: Row) =>
		r.activities.push({
			id,
			title: 'Мероприятие',
			provider: '',
			hours: null,
			certificate: '',
			quality_related: false,
			completed: false,
			community_type: null,
			competition_level: null,
			result: '',
			end_date: null,
			deleted_at: null,
			...o
		});
	activity(n(30), {
		teacher_id: t1,
		kind: 'course',
		start_date: '2026-10-01',
		end_date: '2026-10-20',
		completed: true,
		quality_related: true,
		hours: 72
	});
	activity(n(31), { teacher_id: t3, kind: 'community', community_type: 'shmo', start_date: '2025-01-10' });
	activity(n(32), { teacher_id: t4, kind: 'competition', competition_level: 'municipal', start_date: '2027-08-31' });
	activity(n(33), {
		teacher_id: t4,
		kind: 'course',
		start_date: '2026-08-01',
		end_date: '2026-08-31',
		completed: true,
		hours: 36
	});

	const plan = (id: string, teacher: string, status: string) =>
		r.development_plans.push({
			id,
			teacher_id: teacher,
			academic_year: YEAR,
			goals: '',
			deficit_ids: [],
			status,
			approved_by: null,
			approved_at: null
		});
	plan(n(40), t2, 'active');
	plan(n(41), t4, 'draft');
	plan(n(42), t5, 'completed');

	const meta = (a: number, b: number, c: number, d: number) => ({
		'goal-setting.1': a,
		'goal-setting.2': b,
		'goal-setting.3': c,
		'goal-setting.4': d
	});
	const subject = (v: number) =>
		Object.fromEntries(
			DEFAULT_FRAMEWORK.competencies
				.filter((c) => c.group === 'subject')
				.flatMap((c) => c.indicators.map((i) => [i.id, v]))
		);
	const assessment = (id: string, teacher: string, stage: string, scores: Record<string, number>, day: string) =>
		r.assessments.push({
			id,
			teacher_id: teacher,
			assessor_id: null,
			framework_id: DEFAULT_FRAMEWORK.id,
			framework_version: 1,
			kind: 'self',
			stage,
			academic_year: YEAR,
			status: 'submitted',
			scores,
			current_competency_id: null,
			started_at: `${day}T10:00:00.000Z`,
			submitted_at: `${day}T10:00:00.000Z`,
			deleted_at: null
		});
	// t1: meta 1 → 1.25 (exactly the threshold: counts), subject 1 → 1 (no growth).
	assessment(n(50), t1, 'entry', { ...meta(1, 1, 1, 1), ...subject(1) }, '2026-09-20');
	assessment(n(51), t1, 'final', { ...meta(2, 1, 1, 1), ...subject(1) }, '2027-04-20');
	// t2: only an entry assessment: «нет данных» in both groups.
	assessment(n(52), t2, 'entry', { ...meta(1, 1, 1, 1), ...subject(1) }, '2026-09-20');
	// t3: meta 2 → 2 (no growth); subject never answered: «нет данных» for subject.
	assessment(n(53), t3, 'entry', meta(2, 2, 2, 2), '2026-09-20');
	assessment(n(54), t3, 'final', meta(2, 2, 2, 2), '2027-04-20');
	// t5: meta 1 → 3, subject 1 → 2: growth in both.
	assessment(n(55), t5, 'entry', { ...meta(1, 1, 1, 1), ...subject(1) }, '2026-09-20');
	assessment(n(56), t5, 'final', { ...meta(3, 3, 3, 3), ...subject(2) }, '2027-04-20');

	const deficit = (id: string, teacher: string, history: [string, string][]) =>
		r.deficits.push({
			id,
			teacher_id: teacher,
			competency_id: 'evaluation',
			indicator_ids: [],
			source: 'self_assessment',
			description: '',
			status: history[history.length - 1]![0],
			confirmed_at: null,
			source_assessment_id: null,
			source_observation_id: null,
			history: history.map(([status, day]) => ({ status, at: `${day}T12:00:00.000Z`, by: null })),
			deleted_at: null
		});
	deficit(n(60), t3, [
		['identified', '2026-05-01'],
		['overcome', '2026-10-10']
	]); // open on 1 Sep, closed in the year
	deficit(n(61), t4, [['identified', '2027-09-01']]); // after the year
	deficit(n(62), t4, [
		['identified', '2026-01-01'],
		['dismissed', '2026-06-01']
	]); // dismissed before the year
	deficit(n(63), t5, [
		['proposed', '2026-09-05'],
		['identified', '2026-09-10'],
		['in_progress', '2026-10-01']
	]); // open, not closed

	r.mentoring_pairs.push({
		id: n(70),
		school_id: school,
		mentor_id: t3,
		mentee_id: t1,
		model: 'experienced_young',
		start_date: '2026-09-01',
		end_date: null,
		status: 'active',
		goals: '',
		deficit_ids: [],
		planned_meetings: [],
		expected_results: '',
		deleted_at: null
	});
	r.mentoring_sessions.push({
		id: n(71),
		pair_id: n(70),
		mentor_id: t3,
		mentee_id: t1,
		date: '2026-11-01',
		format: 'consultation',
		topic: 'Встреча',
		notes: '',
		duration_minutes: 45,
		next_steps: '',
		acknowledged_at: null,
		deleted_at: null
	});

	const observation = (id: string, teacher: string, status: string, date: string) =>
		r.observations.push({
			id,
			observer_id: methodist,
			teacher_id: teacher,
			observer_role: 'methodist',
			mode: 'quick',
			status,
			date,
			class_name: '',
			subject: '',
			topic: '',
			purpose: '',
			framework_id: DEFAULT_FRAMEWORK.id,
			framework_version: 1,
			scores: {},
			duration_minutes: 45,
			strengths: '',
			notes: '',
			recommendations: [],
			acknowledged_at: null,
			reflection: ''
		});
	observation(n(80), t1, 'submitted', '2026-12-01');
	observation(n(81), t2, 'draft', '2026-12-01');
	observation(n(82), t5, 'submitted', '2027-08-31');

	const teachers = [t1, t2, t3, t4, t5];
	target.schools.push({
		id: school,
		name: 'Школа ручной проверки',
		teacherIds: teachers,
		methodistId: methodist,
		methodistEmail
	});
	return { school, teachers, methodistEmail };
}

let hand: ReturnType<typeof addHandSchool>;

beforeAll(async () => {
	db = await freshDatabase();
	ds = generateMunicipality({ year: YEAR, schoolSizes: [12, 4, 9, 7, 15, 6], seed: 7 });
	hand = addHandSchool(ds);
	other = generateMunicipality({ year: YEAR, schoolSizes: [6], seed: 8, regionId: ds.region });
	await insertDataset(db.pool, ds);
	await insertDataset(db.pool, other);
	await db.pool.query(`insert into public.region_settings (region_id, report_years_from) values ($1, $2)`, [
		ds.region,
		FROM
	]);
	for (const school of ds.schools) users[school.id] = await signUp(db.pool, school.methodistEmail);
	users.municipal = await signUp(db.pool, ds.municipalMethodistEmail);
	users.otherMunicipal = await signUp(db.pool, other.municipalMethodistEmail);
	await db.pool.query(`update public.profiles set email = 'hand.teacher@example.test' where id = $1`, [
		hand.teachers[0]
	]);
	users.teacher = await signUp(db.pool, 'hand.teacher@example.test');
	const admin = '0000bbbb-0000-4000-8000-000000000001';
	await db.pool.query(
		`insert into public.profiles (id, full_name, email, birth_year) values ($1, 'Администратор', 'report.admin@example.test', 1975)`,
		[admin]
	);
	await db.pool.query(
		`insert into public.memberships (id, profile_id, organization_id, role) values (gen_random_uuid(), $1, $2, 'admin')`,
		[admin, ds.region]
	);
	users.admin = await signUp(db.pool, 'report.admin@example.test');
	// Statistics as autovacuum would keep them: with them, a school's report joins its teachers' ids
	// into each read and the municipality's reads whole tables (private.in_scope), so both ways of
	// reading are compared with TypeScript here.
	await db.pool.query('analyze');
}, 120_000);
afterAll(async () => {
	await db?.drop();
});

interface Report {
	scope: string;
	access: string;
	teachers: number;
	suppressed: boolean;
	indicators: IndicatorResult[];
	schools?: {
		school_id: string;
		name: string;
		teachers: number;
		suppressed: boolean;
		low_results: boolean;
		indicators: IndicatorResult[];
	}[];
}

async function report(user: string, org: string, year = YEAR, stage: Stage | null = null): Promise<Report> {
	const r = await attempt(db.pool, user, `select public.report_indicators($1, $2, $3) as r`, [org, year, stage]);
	expect(r, r.message).toMatchObject({ ok: true });
	return r.rows[0]!.r as Report;
}

/** The rows of these teachers as the database holds them now (snake_case, for indicatorData). */
async function rowsOf(pool: Queryable, teacherIds: string[]): Promise<Partial<Record<DatasetTable, Row[]>>> {
	const read = async (table: string, column: string) =>
		(
			await pool.query(`select to_jsonb(t) as r from public.${table} t where ${column} = any ($1)`, [teacherIds])
		).rows.map((r) => r.r as Row);
	return {
		profiles: await read('profiles', 'id'),
		mentoring_pairs: await read('mentoring_pairs', 'mentee_id'),
		mentoring_sessions: await read('mentoring_sessions', 'mentee_id')
	};
}

const targetRows = (): TargetRow[] =>
	[...ds.rows.indicator_targets, ...other.rows.indicator_targets].map((t) => camel<TargetRow>(t));

/** What the school's own methodist sees: every figure. */
function expected(teacherIds: string[], chain: string[], stage: Stage | null = null): IndicatorResult[] {
	return computeIndicators(indicatorData(ds, teacherIds), YEAR, {
		stage,
		targets: targetsFor(targetRows(), chain, YEAR)
	});
}

const organizations = () =>
	[...ds.rows.organizations, ...other.rows.organizations].map((o) => ({
		id: o.id as string,
		kind: o.kind as string,
		parentId: (o.parent_id as string | null) ?? null,
		deletedAt: null,
		name: o.name as string
	}));
/** The organisation and its ancestors, nearest first (targetsFor's chain). */
function chainOf(id: string): string[] {
	const byId = new Map(organizations().map((o) => [o.id, o]));
	const chain: string[] = [];
	for (let at = byId.get(id); at; at = at.parentId ? byId.get(at.parentId) : undefined) chain.push(at.id);
	return chain;
}

/** What an aggregate-only reader gets for a scope: indicators.ts indicatorsReport over the same rows. */
function aggregate(scopeId: string, year = YEAR, stage: Stage | null = null) {
	const orgs = organizations();
	const scope = reportScope(
		orgs,
		scopeId,
		(a, b) =>
			orgs.find((o) => o.id === a.id)!.name.localeCompare(orgs.find((o) => o.id === b.id)!.name) ||
			(a.id < b.id ? -1 : 1)
	)!;
	const universe = new Set(scope.universe.map((s) => s.id));
	const teacherIds = [...ds.schools, ...other.schools].filter((s) => universe.has(s.id)).flatMap((s) => s.teacherIds);
	const rows = Object.fromEntries(DATASET_TABLES.map((t) => [t, [...ds.rows[t], ...other.rows[t]]])) as Dataset['rows'];
	const data = indicatorData({ rows }, teacherIds);
	return indicatorsReport({ ...data, teachers: data.teachers as ScopedIndicatorTeacher[] }, scope, {
		year,
		stage,
		access: 'municipal',
		settings: DEFAULT_DISCLOSURE,
		years: YEARS,
		targets: (org) => targetsFor(targetRows(), chainOf(org), year)
	});
}

/** Every field of every indicator; shares to 1e-12. */
function expectSame(actual: IndicatorResult[], wanted: IndicatorResult[], where: string): void {
	expect(
		actual.map((i) => i.code),
		where
	).toEqual(wanted.map((i) => i.code));
	wanted.forEach((w, k) => {
		const a = actual[k]!;
		const label = `${where} ${w.code}`;
		expect(
			{
				numerator: a.numerator,
				denominator: a.denominator,
				noData: a.noData,
				suppressed: a.suppressed,
				secondary: a.secondary
			},
			label
		).toEqual({
			numerator: w.numerator,
			denominator: w.denominator,
			noData: w.noData,
			suppressed: w.suppressed,
			secondary: w.secondary
		});
		for (const field of ['value', 'previous', 'target'] as const) {
			if (w[field] === null) expect(a[field], `${label} ${field}`).toBeNull();
			else expect(Number(a[field]), `${label} ${field}`).toBeCloseTo(w[field], 12);
		}
	});
}

describe('report_indicators', () => {
	it('gives each school methodist every figure of the own school, equal to the TypeScript computation', async () => {
		for (const school of ds.schools) {
			const r = await report(users[school.id]!, school.id);
			expect(r).toMatchObject({
				scope: school.id,
				access: 'school',
				teachers: school.teacherIds.length,
				suppressed: false
			});
			expect(r.schools).toBeUndefined();
			expectSame(r.indicators, expected(school.teacherIds, [school.id, ds.municipality, ds.region]), school.name);
		}
	});

	it('gives the municipal methodist the municipality and each school, equal to TypeScript under disclosure control', async () => {
		const r = await report(users.municipal!, ds.municipality);
		const all = ds.schools.flatMap((s) => s.teacherIds);
		const ts = aggregate(ds.municipality);
		expect(r).toMatchObject({
			scope: ds.municipality,
			access: 'municipal',
			teachers: all.length,
			suppressed: false,
			secondary: false
		});
		expectSame(r.indicators, ts.scope.indicators, 'municipality');
		expect(r.schools!.map((s) => s.school_id).sort()).toEqual(ts.schools.map((s) => s.schoolId).sort());
		for (const school of ds.schools) {
			const row = r.schools!.find((s) => s.school_id === school.id)!;
			const mine = ts.schools.find((s) => s.schoolId === school.id)!;
			expect(row).toMatchObject({
				name: school.name,
				teachers: school.teacherIds.length,
				suppressed: mine.suppressed,
				secondary: mine.secondary
			});
			expectSame(row.indicators, mine.indicators, school.name);
			// The school asked for by itself: the same figures.
			expectSame((await report(users.municipal!, school.id)).indicators, mine.indicators, `${school.name} alone`);
		}
		// Schools are withheld, secondarily too, and figures inside shown schools.
		expect(ts.schools.filter((s) => s.suppressed && !s.secondary).length).toBeGreaterThan(0);
		expect(ts.schools.filter((s) => s.suppressed && s.secondary).length).toBeGreaterThan(0);
		expect(
			ts.schools
				.filter((s) => !s.suppressed)
				.flatMap((s) => s.indicators)
				.filter((i) => i.suppressed).length
		).toBeGreaterThan(0);
		// The generated data must exercise the figures, not only zeros.
		expect(
			r.indicators.filter((i) => !i.suppressed).map((i) => (i.denominator ?? 0) > 0 && (i.numerator ?? 0) > 0)
		).toEqual(r.indicators.filter((i) => !i.suppressed).map(() => true));
		// The young specialists of the municipality differ by fewer than 5 between two of the years the
		// region offers: their share is withheld at the total so the two years cannot be differenced.
		expect(r.indicators.filter((i) => i.suppressed).map((i) => [i.code, i.secondary])).toEqual([
			['YOUNG_SUPPORTED', true]
		]);
	});

	it('gives an admin the region with the same rule, and the previous year equals a report for that year', async () => {
		const r = await report(users.admin!, ds.region);
		const all = [...ds.schools, ...other.schools].flatMap((s) => s.teacherIds);
		expect(r).toMatchObject({ access: 'admin', teachers: all.length });
		expect(r.schools).toHaveLength(ds.schools.length + other.schools.length);
		const before = await report(users.admin!, ds.region, YEAR - 1);
		r.indicators.forEach((i, k) => expect(i.previous, i.code).toBe(before.indicators[k]!.value));
	});

	it('at the intermediate and the entry stage: growth as TypeScript computes it, the yearly figures unchanged', async () => {
		const all = ds.schools.flatMap((s) => s.teacherIds);
		const whole = await report(users.municipal!, ds.municipality);
		for (const stage of ['intermediate', 'entry'] as const) {
			const r = await report(users.municipal!, ds.municipality, YEAR, stage);
			const ts = aggregate(ds.municipality, YEAR, stage);
			expectSame(r.indicators, ts.scope.indicators, `municipality, ${stage}`);
			for (const school of ds.schools) {
				expectSame(
					r.schools!.find((s) => s.school_id === school.id)!.indicators,
					ts.schools.find((s) => s.schoolId === school.id)!.indicators,
					`${school.name} row, ${stage}`
				);
				const own = await report(users[school.id]!, school.id, YEAR, stage);
				expectSame(
					own.indicators,
					expected(school.teacherIds, [school.id, ds.municipality, ds.region], stage),
					`${school.name}, ${stage}`
				);
			}
			const growth = (x: Report) => x.indicators.filter((i) => i.code.startsWith('GROWTH_'));
			const yearly = (x: Report) => x.indicators.filter((i) => !i.code.startsWith('GROWTH_'));
			expect(yearly(r)).toEqual(yearly(whole));
			if (stage === 'entry')
				expect(growth(r).map((i) => [i.denominator, i.noData])).toEqual([
					[0, all.length],
					[0, all.length]
				]);
			else {
				const own = ds.schools[0]!;
				const pairs = async (s: Stage | null) =>
					(await report(users[own.id]!, own.id, YEAR, s)).indicators
						.filter((i) => i.code.startsWith('GROWTH_'))
						.map((i) => i.denominator);
				expect(await pairs(stage)).not.toEqual(await pairs(null));
			}
		}
	});

	it('matches the figures worked out by hand for a school of five', async () => {
		const r = await report(users[hand.school]!, hand.school);
		const figures = Object.fromEntries(r.indicators.map((i) => [i.code, [i.numerator, i.denominator, i.noData]]));
		expect(figures).toEqual({
			PD_QUALITY: [1, 5, 0], // t1's quality course
			PD_ANY: [1, 5, 0], // t4's course ended 31 August 2026: the year before
			CATEGORY: [2, 5, 0], // t1 expires on the last day (counts), t3; t2 expires the day before
			COMMUNITY: [2, 5, 0], // t3 ongoing since 2025, t4's competition on 31 August 2027
			COMPETITION: [1, 5, 0],
			IOM: [2, 5, 0], // t2 active, t5 completed; t4's draft does not count
			GROWTH_META: [2, 3, 2], // t1 exactly +0.25 counts, t5 +2; t3 +0; t2 (entry only) and t4 no data
			GROWTH_SUBJECT: [1, 2, 3], // t5; t1 +0; t3 never answered subject, t2, t4 no data
			DEFICITS_CLOSED: [1, 2, 0], // t3's closed in October; t5's in progress
			YOUNG_SUPPORTED: [1, 2, 0], // t1 paired with a session; t2 not
			OBSERVED: [2, 5, 0] // t1, t5 (31 August 2027); t2's draft does not count
		});
		const byCode = Object.fromEntries(r.indicators.map((i) => [i.code, i]));
		expect(byCode.GROWTH_META!.value).toBeCloseTo(2 / 3, 12);
		expect(byCode.PD_ANY).toMatchObject({ previous: 0.2, target: 0.3 }); // the municipality's target holds for the school
		expect(byCode.PD_QUALITY!.previous).toBe(0);
		expect(byCode.COMPETITION!.target).toBeNull();
	});

	it('hides a school of four from the municipal methodist, and the school of five beside it, and shows both fully to their own methodists', async () => {
		const small = ds.schools.find((s) => s.teacherIds.length === 4)!;
		const rows = (await report(users.municipal!, ds.municipality)).schools!;
		const municipal = rows.find((s) => s.school_id === small.id)!;
		expect(municipal).toMatchObject({ suppressed: true, secondary: false });
		expect(
			municipal.indicators.every(
				(i) => i.suppressed && i.numerator === null && i.denominator === null && i.value === null && i.previous === null
			)
		).toBe(true);
		const direct = await report(users.municipal!, small.id);
		expect(direct.indicators.every((i) => i.suppressed && i.value === null)).toBe(true);
		const own = await report(users[small.id]!, small.id);
		expect(own).toMatchObject({ access: 'school', suppressed: false, teachers: 4 });
		expect(own.indicators.every((i) => !i.suppressed && i.denominator !== null)).toBe(true);
		// The total minus the other schools would give the school of four: the smallest school shown
		// (the school of five worked out by hand) is withheld beside it, «скрыто, чтобы нельзя было вычислить…».
		const handRow = rows.find((s) => s.school_id === hand.school)!;
		expect(handRow).toMatchObject({ teachers: 5, suppressed: true, secondary: true });
		expect(handRow.indicators.every((i) => i.suppressed && i.secondary)).toBe(true);
		expect((await report(users[hand.school]!, hand.school)).indicators.every((i) => !i.suppressed)).toBe(true);
	});

	it('refuses (42501) a municipal methodist of another municipality, a school methodist above the school, and a teacher', async () => {
		const call = (user: string, org: string) =>
			attempt(db.pool, user, `select public.report_indicators($1, $2) as r`, [org, YEAR]);
		expect(await call(users.otherMunicipal!, ds.municipality)).toMatchObject({ ok: false, code: '42501' });
		expect(await call(users.otherMunicipal!, ds.schools[0]!.id)).toMatchObject({ ok: false, code: '42501' });
		expect(await call(users[ds.schools[0]!.id]!, ds.municipality)).toMatchObject({ ok: false, code: '42501' });
		expect(await call(users[ds.schools[0]!.id]!, ds.schools[1]!.id)).toMatchObject({ ok: false, code: '42501' });
		expect(await call(users.teacher!, hand.school)).toMatchObject({ ok: false, code: '42501' });
		expect(await call(users.teacher!, ds.municipality)).toMatchObject({ ok: false, code: '42501' });
		expect(
			await attempt(db.pool, null, `select public.report_indicators($1, $2)`, [ds.municipality, YEAR])
		).toMatchObject({ ok: false, code: '42501' });
	});
});

describe('ages, стаж, time zones and the counting rule, on the server as on the device', () => {
	it("counts a teacher in her profile's school only: a membership in a second school adds her nowhere", async () => {
		const withSecond = new Set(
			ds.rows.memberships.filter((m) => m.role === 'teacher').map((m) => `${m.profile_id}/${m.organization_id}`)
		);
		const visiting = ds.schools.flatMap((s) =>
			s.teacherIds.filter((t) => ds.schools.some((o) => o.id !== s.id && withSecond.has(`${t}/${o.id}`)))
		);
		expect(visiting.length).toBeGreaterThan(0);
		const municipal = await report(users.municipal!, ds.municipality);
		expect(municipal.teachers).toBe(ds.schools.reduce((n, s) => n + s.teacherIds.length, 0));
		for (const school of ds.schools) {
			const own = await report(users[school.id]!, school.id);
			const staff = await attempt(db.pool, users[school.id]!, `select public.report_staff_profile($1, $2) as r`, [
				school.id,
				YEAR
			]);
			const competence = await attempt(db.pool, users[school.id]!, `select public.report_competence($1, $2) as r`, [
				school.id,
				YEAR
			]);
			const heads = [
				own.teachers,
				(staff.rows[0]!.r as { scope: { teachers: number } }).scope.teachers,
				(competence.rows[0]!.r as { scope: { teachers: number } }).scope.teachers
			];
			expect(heads, school.name).toEqual([
				school.teacherIds.length,
				school.teacherIds.length,
				school.teacherIds.length
			]);
			expect(municipal.schools!.find((s) => s.school_id === school.id)!.teachers).toBe(school.teacherIds.length);
		}
	});

	it('dates a deficit closed at 03:00 on 1 September in Kemerovo in the new academic year', async () => {
		const kemerovo = ds.schools.find(
			(s) => ds.rows.organizations.find((o) => o.id === s.id)!.time_zone === 'Asia/Novokuznetsk'
		)!;
		const teacher = kemerovo.teacherIds[0]!;
		const deficit = crypto.randomUUID();
		const before = await report(users[kemerovo.id]!, kemerovo.id);
		await db.pool.query(
			`insert into public.deficits (id, teacher_id, competency_id, indicator_ids, source, description, status, history)
			 values ($1, $2, 'evaluation', '[]', 'self_assessment', '', 'overcome', $3)`,
			[
				deficit,
				teacher,
				JSON.stringify([
					{ status: 'identified', at: '2026-05-01T09:00:00.000Z', by: null },
					{ status: 'overcome', at: '2026-08-31T20:00:00.000Z', by: null }
				])
			]
		);
		try {
			const after = await report(users[kemerovo.id]!, kemerovo.id);
			const closed = (r: Report) => r.indicators.find((i) => i.code === 'DEFICITS_CLOSED')!;
			// 2026-08-31T20:00Z is 03:00 on 1 September there: closed in 2026/2027, open in 2025/2026.
			expect([
				closed(after).numerator! - closed(before).numerator!,
				closed(after).denominator! - closed(before).denominator!
			]).toEqual([1, 1]);
			const lastYear = async () =>
				(await report(users[kemerovo.id]!, kemerovo.id, YEAR - 1)).indicators.find(
					(i) => i.code === 'DEFICITS_CLOSED'
				)!;
			const then = await lastYear();
			await db.pool.query(`update public.deficits set deleted_at = now() where id = $1`, [deficit]);
			const without = await lastYear();
			expect([then.numerator! - without.numerator!, then.denominator! - without.denominator!]).toEqual([0, 1]);
			// And TypeScript dates it the same way.
			await db.pool.query(`update public.deficits set deleted_at = null where id = $1`, [deficit]);
			const rows = (
				await db.pool.query(`select to_jsonb(d) as r from public.deficits d where d.id = $1`, [deficit])
			).rows.map((r) => camel(r.r as Row));
			const data = indicatorData(ds, kemerovo.teacherIds);
			const mine = computeIndicators({ ...data, deficits: [...data.deficits, ...(rows as never[])] }, YEAR, {
				targets: targetsFor(targetRows(), [kemerovo.id, ds.municipality, ds.region], YEAR)
			});
			expectSame(after.indicators, mine, 'Kemerovo');
		} finally {
			await db.pool.query(`delete from public.deficits where id = $1`, [deficit]);
		}
	});

	it('gives «нет данных», not 0, for a year in which the scope recorded nothing, and for last year before any record', async () => {
		const data = indicatorData(
			ds,
			ds.schools.flatMap((s) => s.teacherIds)
		);
		// The years the region offers (from 2020 to the current one): the future is refused.
		const years = [YEAR - 3, YEAR - 2, YEAR - 1, YEAR, YEAR + 1, YEAR + 2, YEAR + 3].filter((y) => y <= CURRENT);
		const empty = years.filter((y) => !yearHasData(data, y));
		// A year before the dataset, and a first year whose «прошлый год» has none (later years keep
		// the ongoing communities: those are records of every year they run through).
		expect(empty).toContain(YEAR - 3);
		const first = years.find((y) => yearHasData(data, y) && !yearHasData(data, y - 1))!;
		for (const y of years) {
			const r = await report(users.municipal!, ds.municipality, y);
			expectSame(r.indicators, aggregate(ds.municipality, y).scope.indicators, `year ${y}`);
			const own = await report(users[ds.schools[0]!.id]!, ds.schools[0]!.id, y);
			expectSame(
				own.indicators,
				computeIndicators(indicatorData(ds, ds.schools[0]!.teacherIds), y, {
					targets: targetsFor(targetRows(), chainOf(ds.schools[0]!.id), y)
				}),
				`own, year ${y}`
			);
			// Withheld or «нет данных»: never a row of zeros.
			if (empty.includes(y))
				for (const i of r.indicators)
					expect(i, `${y} ${i.code}`).toMatchObject({ numerator: null, denominator: null, value: null, noData: 0 });
			if (y === first) {
				expect(r.indicators.every((i) => i.previous === null)).toBe(true);
				expect(r.indicators.some((i) => i.value !== null)).toBe(true);
			}
		}
	});

	it("counts last year's young specialists by their стаж then: a mentee young last year counts in «прошлый год»", async () => {
		const school = hand.school;
		const n = (k: number) => `0000cccc-0000-4000-8000-${String(k).padStart(12, '0')}`;
		const mentee = n(1);
		// стаж 3 recorded on 1 September 2026: 2 on 1 January 2026 (young in 2025/2026), 3 on 1 January 2027.
		await db.pool.query(
			`insert into public.profiles (id, full_name, school_id, experience_years, experience_as_of, category, education, birth_year)
			 values ($1, 'Бывший молодой специалист', $2, 3, '2026-09-01', 'none', 'higher', 1998)`,
			[mentee, school]
		);
		await db.pool.query(
			`insert into public.memberships (id, profile_id, organization_id, role) values ($1, $2, $3, 'teacher')`,
			[n(2), mentee, school]
		);
		await db.pool.query(
			`insert into public.mentoring_pairs (id, school_id, mentor_id, mentee_id, model, start_date, end_date, status)
			 values ($1, $2, $3, $4, 'experienced_young', '2025-09-01', '2026-08-31', 'completed')`,
			[n(3), school, hand.teachers[2], mentee]
		);
		for (let k = 0; k < 9; k += 1) {
			await db.pool.query(
				`insert into public.mentoring_sessions (id, pair_id, mentor_id, mentee_id, date, format, topic, duration_minutes)
				 values ($1, $2, $3, $4, $5, 'consultation', 'Встреча', 45)`,
				[
					n(10 + k),
					n(3),
					hand.teachers[2],
					mentee,
					`2025-${String(10 + (k % 3)).padStart(2, '0')}-${String(10 + k).padStart(2, '0')}`
				]
			);
		}
		try {
			const young = (await report(users[school]!, school)).indicators.find((i) => i.code === 'YOUNG_SUPPORTED')!;
			const lastYear = (await report(users[school]!, school, YEAR - 1)).indicators.find(
				(i) => i.code === 'YOUNG_SUPPORTED'
			)!;
			// This year: t1 and t2 as before, the mentee is no longer young. Last year she was, with 9 meetings.
			expect([young.numerator, young.denominator]).toEqual([1, 2]);
			expect(lastYear.numerator).toBeGreaterThanOrEqual(1);
			expect(young.previous).toBe(lastYear.value);
			const data = indicatorData({ rows: { ...ds.rows, ...(await rowsOf(db.pool, [...hand.teachers, mentee])) } }, [
				...hand.teachers,
				mentee
			]);
			expectSame(
				(await report(users[school]!, school, YEAR - 1)).indicators,
				computeIndicators(data, YEAR - 1, {
					targets: targetsFor(targetRows(), [school, ds.municipality, ds.region], YEAR - 1)
				}),
				'last year'
			);
		} finally {
			await db.pool.query(`delete from public.mentoring_sessions where pair_id = $1`, [n(3)]);
			await db.pool.query(`delete from public.mentoring_pairs where id = $1`, [n(3)]);
			await db.pool.query(`delete from public.memberships where id = $1`, [n(2)]);
			await db.pool.query(`delete from public.profiles where id = $1`, [mentee]);
		}
	});
});

describe("a municipal methodist and one teacher's answers", () => {
	it('reads no teacher rows by select, by sync_pull, or by the private helpers', async () => {
		const me = users.municipal!;
		for (const table of [
			'assessments',
			'deficits',
			'development_plans',
			'plan_actions',
			'activities',
			'observations',
			'mentoring_pairs',
			'mentoring_sessions',
			'comments'
		]) {
			const r = await attempt(db.pool, me, `select count(*)::int as n from public.${table}`);
			expect(r.rows[0], table).toEqual({ n: 0 });
		}
		// Besides its own, only the school methodists' memberships it appoints (20261207000800_admin_console.sql).
		const memberships = await attempt(
			db.pool,
			me,
			`select distinct profile_id from public.memberships where role <> 'school_methodist'`
		);
		expect(memberships.rows).toEqual([{ profile_id: ds.municipalMethodistId }]);
		const profiles = await attempt(db.pool, me, `select id from public.profiles`);
		expect(profiles.rows).toEqual([{ id: ds.municipalMethodistId }]);
		const sums = await attempt(db.pool, me, `select count(*) from private.assessment_facts`);
		expect(sums).toMatchObject({ ok: false, code: '42501' });
		const teachersFn = await attempt(db.pool, me, `select * from private.report_teachers($1, $2)`, [
			ds.municipality,
			YEAR
		]);
		expect(teachersFn).toMatchObject({ ok: false, code: '42501' });
		const counts = await attempt(
			db.pool,
			me,
			`select * from private.indicator_counts(array[$1]::uuid[], array[$1]::uuid[], $2, 0.25, null)`,
			[ds.municipality, YEAR]
		);
		expect(counts).toMatchObject({ ok: false, code: '42501' });

		const teacherTables = new Set([
			'profiles',
			'assessments',
			'deficits',
			'development_plans',
			'plan_actions',
			'activities',
			'observations',
			'mentoring_pairs',
			'mentoring_sessions',
			'comments',
			'sync_conflicts'
		]);
		let cursor: string | null = null;
		const pulled: { table: string; row: { id: string } }[] = [];
		for (;;) {
			const r = await attempt(db.pool, me, `select public.sync_pull($1, 5000) as r`, [cursor]);
			const page = r.rows[0]!.r as {
				changes: typeof pulled;
				cursor: string | null;
				has_more: boolean;
				scope: { teacher_ids: string[] };
			};
			pulled.push(...page.changes);
			expect(page.scope.teacher_ids).toEqual([ds.municipalMethodistId]);
			cursor = page.cursor;
			if (!page.has_more) break;
		}
		expect(pulled.filter((c) => teacherTables.has(c.table) && c.row.id !== ds.municipalMethodistId)).toEqual([]);

		const everyTeacher = ds.schools.flatMap((s) => s.teacherIds);
		const text = JSON.stringify([
			await report(me, ds.municipality),
			...(await Promise.all(ds.schools.map((s) => report(me, s.id))))
		]);
		expect(everyTeacher.filter((id) => text.includes(id))).toEqual([]);
	});
});

describe('indicator_targets', () => {
	const row = (org: string, code = 'OBSERVED') => ({ id: crypto.randomUUID(), org, code });
	const insert = (user: string, r: ReturnType<typeof row>) =>
		attempt(
			db.pool,
			user,
			`insert into public.indicator_targets (id, organization_id, academic_year, code, value) values ($1, $2, 2027, $3, 0.5)`,
			[r.id, r.org, r.code],
			{ rollback: true }
		);

	it('are written by the municipal methodist in scope and a school methodist for the own school only', async () => {
		expect(await insert(users.municipal!, row(ds.municipality))).toMatchObject({ ok: true });
		expect(await insert(users.municipal!, row(ds.schools[0]!.id))).toMatchObject({ ok: true });
		expect(await insert(users.municipal!, row(other.municipality))).toMatchObject({ ok: false, code: '42501' });
		expect(await insert(users[ds.schools[0]!.id]!, row(ds.schools[0]!.id))).toMatchObject({ ok: true });
		expect(await insert(users[ds.schools[0]!.id]!, row(ds.schools[1]!.id))).toMatchObject({ ok: false, code: '42501' });
		expect(await insert(users[ds.schools[0]!.id]!, row(ds.municipality))).toMatchObject({ ok: false, code: '42501' });
		expect(await insert(users.teacher!, row(hand.school))).toMatchObject({ ok: false, code: '42501' });
		expect(await insert(users.admin!, row(other.municipality))).toMatchObject({ ok: true });
	});

	it('are read by whoever has report access to the organisation, and only one live target per scope, year and code', async () => {
		const read = async (user: string) =>
			(await attempt(db.pool, user, `select organization_id from public.indicator_targets`)).rows.map(
				(r) => r.organization_id
			);
		expect((await read(users.municipal!)).sort()).toEqual(
			ds.rows.indicator_targets.map((t) => t.organization_id).sort()
		);
		expect(await read(users[ds.schools[0]!.id]!)).toEqual([ds.schools[0]!.id]);
		expect(await read(users.teacher!)).toEqual([]);
		expect((await read(users.otherMunicipal!)).sort()).toEqual(
			other.rows.indicator_targets.map((t) => t.organization_id).sort()
		);
		const dup = db.pool.query(
			`insert into public.indicator_targets (id, organization_id, academic_year, code, value) values (gen_random_uuid(), $1, $2, 'PD_ANY', 0.1)`,
			[ds.municipality, YEAR]
		);
		await expect(dup).rejects.toMatchObject({ code: '23505' });
		const outOfRange = db.pool.query(
			`insert into public.indicator_targets (id, organization_id, academic_year, code, value) values (gen_random_uuid(), $1, 2030, 'PD_ANY', 1.5)`,
			[ds.municipality]
		);
		await expect(outOfRange).rejects.toMatchObject({ code: '23514' });
	});
});
