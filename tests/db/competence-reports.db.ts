/**
 * report_staff_profile and report_competence on the real PostgreSQL: every figure equals the
 * TypeScript twin (src/lib/domain/staff-profile.ts, competence-report.ts) on a generated
 * municipality, a small fixed school gives hand-checked values, a school of 4 teachers is withheld
 * from the municipal methodist but shown to its own, and callers without access get 42501.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	competenceReport,
	type CompetenceInput,
	type ReportAccess,
	type ReportTeacher
} from '../../src/lib/domain/competence-report';
import type { Stage } from '../../src/lib/domain/assessment';
import { frameworkIndicatorIds } from '../../src/lib/domain/framework';
import { DEFAULT_FRAMEWORK } from '../../src/lib/domain/frameworks/default';
import { staffProfileReport, type StaffMember } from '../../src/lib/domain/staff-profile';
import { academicYearOf } from '../../src/lib/domain/academic-year';
import {
	DEFAULT_DISCLOSURE,
	disclosureYears,
	offeredYears,
	reportScope,
	type ReportScope
} from '../../src/lib/domain/disclosure';
import { id, signUp } from './actors';
import { attempt, freshDatabase, type TestDatabase } from './cluster';
import { camel, generateMunicipality, insertDataset, type Dataset, type DatasetTable, type Row } from './report-data';

const YEAR = 2026;
/** The region offers its reports from 2020 (region_settings): YEAR stays askable in later years. */
const FROM = 2020;
const YEARS = disclosureYears(
	offeredYears(academicYearOf(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date())), FROM)
);
const settings = DEFAULT_DISCLOSURE;

let db: TestDatabase;
/** auth user id by e-mail. */
const users = new Map<string, string>();

async function signUpAll(emails: readonly string[]): Promise<void> {
	for (const email of emails) users.set(email, await signUp(db.pool, email));
}

/** Calls an RPC as the user; throws with the SQLSTATE when it fails. */
async function rpc(email: string | null, sql: string, params: unknown[]): Promise<Record<string, unknown>> {
	const r = await attempt(db.pool, email === null ? null : users.get(email)!, sql, params, { rollback: true });
	if (!r.ok) throw Object.assign(new Error(r.message), { code: r.code });
	return r.rows[0]!.report as Record<string, unknown>;
}
const staffRpc = (email: string | null, org: string, year = YEAR, date: string | null = null) =>
	rpc(email, `select public.report_staff_profile($1, $2, $3) as report`, [org, year, date]);
const competenceRpc = (email: string | null, org: string, year = YEAR, kind = 'self', stage: Stage | null = null) =>
	rpc(email, `select public.report_competence($1, $2, $3, p_stage => $4) as report`, [org, year, kind, stage]);

// ——— The TypeScript side, from the same rows ———

interface Scope {
	teachers: (ReportTeacher & StaffMember)[];
	/** Schools listed per school: [] for a school scope. */
	schoolIds: string[];
	/** The organisation reported on: the municipality, or the one school. */
	orgId: string;
}

/** The organisations of a dataset, as reportScope takes them. */
const orgsOf = (ds: Pick<Dataset, 'rows'>) =>
	ds.rows.organizations.map((o) => ({
		id: o.id as string,
		kind: o.kind as string,
		parentId: (o.parent_id as string | null) ?? null,
		deletedAt: null
	}));

function scopeOf(ds: Pick<Dataset, 'rows' | 'schools'>, schoolIds: readonly string[], perSchool: boolean): Scope {
	const profiles = new Map(ds.rows.profiles.map((p) => [p.id as string, p]));
	const teachers = ds.schools
		.filter((s) => schoolIds.includes(s.id))
		.flatMap((s) =>
			s.teacherIds.map((tid) => {
				const p = profiles.get(tid)!;
				return {
					id: tid,
					schoolId: s.id,
					experienceYears: p.experience_years as number,
					experienceAsOf: p.experience_as_of as string,
					birthYear: p.birth_year as number,
					birthDate: (p.birth_date as string | null) ?? null,
					education: p.education as StaffMember['education'],
					category: p.category as StaffMember['category'],
					categoryExpiresOn: (p.category_expires_on as string | null) ?? null
				};
			})
		);
	return {
		teachers,
		schoolIds: perSchool ? [...schoolIds] : [],
		orgId: perSchool ? (ds.rows.organizations.find((o) => o.id === schoolIds[0])!.parent_id as string) : schoolIds[0]!
	};
}

/**
 * The report scope the SQL computes for an organisation and reader: an aggregate-only reader's
 * figures are protected over the whole municipality, so its teachers are the universe's.
 */
function expectedScope(
	ds: Pick<Dataset, 'rows' | 'schools'>,
	scope: Scope,
	access: ReportAccess
): { report: ReportScope; teachers: Scope['teachers'] } {
	const report = reportScope(orgsOf(ds), scope.orgId)!;
	if (access === 'school') return { report, teachers: scope.teachers };
	return {
		report,
		teachers: scopeOf(
			ds,
			report.universe.map((s) => s.id),
			true
		).teachers
	};
}

function competenceInput(
	ds: Pick<Dataset, 'rows'>,
	actions: readonly Row[],
	teachers: readonly ReportTeacher[],
	year: number,
	kind: CompetenceInput['kind'] = 'self',
	stage: Stage | null = null
): CompetenceInput {
	const all = <T>(table: DatasetTable) => ds.rows[table].map((r) => camel<T>(r));
	return {
		academicYear: year,
		framework: DEFAULT_FRAMEWORK,
		kind,
		stage,
		teachers,
		assessments: all('assessments'),
		deficits: all('deficits'),
		plans: all('development_plans'),
		actions: actions.map((r) => camel(r)),
		pairs: all('mentoring_pairs'),
		observations: all('observations')
	} as CompetenceInput;
}

/** Paths where the two disagree; numbers within 1e-9 agree (numeric in SQL, doubles in TS). */
function differences(actual: unknown, expected: unknown, path = '$', out: string[] = []): string[] {
	if (typeof expected === 'number' && typeof actual === 'number') {
		if (Math.abs(actual - expected) > 1e-9) out.push(`${path}: ${actual} ≠ ${expected}`);
	} else if (Array.isArray(expected) && Array.isArray(actual)) {
		if (actual.length !== expected.length) out.push(`${path}: length ${actual.length} ≠ ${expected.length}`);
		else expected.forEach((e, i) => differences(actual[i], e, `${path}[${i}]`, out));
	} else if (expected !== null && typeof expected === 'object' && actual !== null && typeof actual === 'object') {
		const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
		for (const k of keys) differences((actual as Row)[k], (expected as Row)[k], `${path}.${k}`, out);
	} else if (actual !== expected) out.push(`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
	return out;
}

/** How many numbers a report holds: the comparison is not vacuous. */
function figures(value: unknown): number {
	if (typeof value === 'number') return 1;
	if (Array.isArray(value)) return value.reduce((n: number, v) => n + figures(v), 0);
	if (value && typeof value === 'object') return Object.values(value).reduce((n: number, v) => n + figures(v), 0);
	return 0;
}

// ——— Datasets ———

let gen: Dataset;
/** Plan actions of the generated plans (the generator writes none). */
let genActions: Row[];
let adminEmail: string;

/** Plan actions for the generated plans (the generator writes plans without actions). */
function addPlanActions(ds: Dataset): Row[] {
	const statuses = ['planned', 'in_progress', 'done', 'done', 'cancelled'] as const;
	const actions: Row[] = [];
	ds.rows.development_plans.forEach((plan, i) => {
		for (let k = 0; k < i % 4; k += 1) {
			const status = statuses[(i + k) % statuses.length]!;
			actions.push({
				id: id(),
				plan_id: plan.id,
				teacher_id: plan.teacher_id,
				deficit_id: null,
				type: 'course',
				title: 'Курс',
				result_form: '',
				deadline: null,
				hours: null,
				status,
				evidence: [],
				reflection: '',
				completed_at: status === 'done' ? '2027-03-01T10:00:00.000Z' : null,
				source_observation_id: null,
				deleted_at: (i + k) % 11 === 0 ? '2027-01-01T00:00:00.000Z' : null
			});
		}
	});
	return actions;
}

/** Inserts rows as the superuser; a column a row leaves out takes its default (rows grouped by columns). */
async function insertRows(table: string, list: Row[]): Promise<void> {
	const byColumns = new Map<string, Row[]>();
	for (const row of list) {
		const key = Object.keys(row).sort().join(',');
		byColumns.set(key, [...(byColumns.get(key) ?? []), row]);
	}
	for (const [key, rows] of byColumns) {
		const cols = key.split(',');
		await db.pool.query(
			`insert into public.${table} (${cols.map((c) => `"${c}"`).join(', ')})
			 select ${cols.map((c) => `r."${c}"`).join(', ')} from jsonb_populate_recordset(null::public.${table}, $1) r`,
			[JSON.stringify(rows)]
		);
	}
}

beforeAll(async () => {
	db = await freshDatabase();
	gen = generateMunicipality({ year: YEAR, schoolSizes: [12, 4, 9, 7, 15, 5, 6], seed: 61 });
	await insertDataset(db.pool, gen);
	genActions = addPlanActions(gen);
	await insertRows('plan_actions', genActions);
	await insertRows('region_settings', [{ region_id: gen.region, report_years_from: FROM }]);
	adminEmail = `admin.${id().slice(0, 8)}@example.test`;
	const admin = id();
	await insertRows('profiles', [{ id: admin, full_name: 'Администратор', email: adminEmail, birth_year: 1980 }]);
	await insertRows('memberships', [{ id: id(), profile_id: admin, organization_id: gen.region, role: 'admin' }]);
	await signUpAll([gen.municipalMethodistEmail, adminEmail, ...gen.schools.map((s) => s.methodistEmail)]);
	// Statistics as autovacuum would keep them: with them, a school's report joins its teachers' ids
	// into each read and the municipality's reads whole tables (private.in_scope), so both ways of
	// reading are compared with TypeScript here.
	await db.pool.query('analyze');
});

afterAll(async () => {
	await db?.drop();
});

// ——— Generated municipality: SQL equals TypeScript ———

describe('on a generated municipality the RPCs give the TypeScript figures', () => {
	const allSchools = () => gen.schools.map((s) => s.id);

	function expectStaff(
		report: Record<string, unknown>,
		scope: Scope,
		access: ReportAccess,
		year = YEAR,
		date?: string
	) {
		const { report: of, teachers } = expectedScope(gen, scope, access);
		const expected = staffProfileReport(teachers, of, year, { access, settings }, date);
		expect(report.access).toBe(access);
		expect(report.date).toBe(expected.scope.date);
		expect(differences({ scope: report.scope, schools: report.schools }, expected)).toEqual([]);
		return figures(expected);
	}

	function expectCompetence(
		report: Record<string, unknown>,
		scope: Scope,
		access: ReportAccess,
		year = YEAR,
		kind: CompetenceInput['kind'] = 'self',
		stage: Stage | null = null
	) {
		const { report: of, teachers } = expectedScope(gen, scope, access);
		const expected = competenceReport(competenceInput(gen, genActions, teachers, year, kind, stage), of, {
			access,
			settings,
			years: YEARS
		});
		expect(report.access).toBe(access);
		expect(differences({ scope: report.scope, schools: report.schools }, expected)).toEqual([]);
		return figures(expected);
	}

	it('staff profile: the municipality and each school, for the municipal methodist and the admin', async () => {
		const scope = scopeOf(gen, allSchools(), true);
		expect(
			expectStaff(await staffRpc(gen.municipalMethodistEmail, gen.municipality), scope, 'municipal')
		).toBeGreaterThan(200);
		expectStaff(await staffRpc(adminEmail, gen.municipality), scope, 'admin');
		expectStaff(await staffRpc(gen.municipalMethodistEmail, gen.municipality, YEAR - 1), scope, 'municipal', YEAR - 1);
	});

	it('staff profile: each school for its own methodist and for the municipal methodist', async () => {
		for (const school of gen.schools) {
			const scope = scopeOf(gen, [school.id], false);
			expectStaff(await staffRpc(school.methodistEmail, school.id), scope, 'school');
			expectStaff(await staffRpc(gen.municipalMethodistEmail, school.id), scope, 'municipal');
		}
	});

	it('staff profile on a date the school methodist picks: ages and стаж on that date, as TypeScript counts them', async () => {
		// Dates next to the reference date and the year's ends, where full years change.
		for (const date of ['2026-09-01', '2026-12-31', '2027-01-02', '2027-02-28', '2027-08-31']) {
			for (const school of gen.schools)
				expectStaff(
					await staffRpc(school.methodistEmail, school.id, YEAR, date),
					scopeOf(gen, [school.id], false),
					'school',
					YEAR,
					date
				);
		}
		const all = scopeOf(gen, allSchools(), true);
		const unknown = all.teachers.filter((t) => t.category !== 'none' && t.categoryExpiresOn === null).length;
		expect(unknown).toBeGreaterThan(0);
		expect((await staffRpc(gen.municipalMethodistEmail, gen.municipality)).scope).toMatchObject({
			categoryExpiryUnknown: unknown
		});
	});

	it('staff profile on another date than the reference date is refused to an aggregate-only reader, and a date outside the year to anyone', async () => {
		await expect(staffRpc(gen.municipalMethodistEmail, gen.municipality, YEAR, '2027-03-14')).rejects.toMatchObject({
			code: '22023'
		});
		await expect(staffRpc(adminEmail, gen.schools[0]!.id, YEAR, '2027-03-14')).rejects.toMatchObject({ code: '22023' });
		await expect(
			staffRpc(gen.schools[0]!.methodistEmail, gen.schools[0]!.id, YEAR, '2027-09-01')
		).rejects.toMatchObject({ code: '22023' });
		expect(await staffRpc(gen.municipalMethodistEmail, gen.municipality, YEAR, '2027-01-01')).toMatchObject({
			date: '2027-01-01'
		});
	});

	it('competence: the municipality and each school, this year and last, self and expert assessments', async () => {
		const scope = scopeOf(gen, allSchools(), true);
		const report = await competenceRpc(gen.municipalMethodistEmail, gen.municipality);
		expect(expectCompetence(report, scope, 'municipal')).toBeGreaterThan(300);
		// The dataset exercises every figure: none of these is an empty 0/0.
		const whole = report.scope as Row;
		const meta = (whole.groups as Row[])[0]!;
		expect(meta).toMatchObject({ suppressed: false, entry: expect.any(Number), final: expect.any(Number) });
		expect(meta.teachers).toBeGreaterThan(5);
		// Growth per group is shown by the indicators (GROWTH_META, GROWTH_SUBJECT) to an aggregate-only reader.
		expect(meta.growth).toEqual({ numerator: null, denominator: null, value: null, noData: null });
		expect((whole.planCompletion as { denominator: number }).denominator).toBeGreaterThan(0);
		expect((whole.topDeficits as unknown[]).length).toBeGreaterThan(3);
		expect((report.schools as Row[]).filter((s) => !s.suppressed).length).toBeGreaterThan(3);
		// … and the school's own methodist sees growth and the mentoring coverage.
		const own = (await competenceRpc(gen.schools[0]!.methodistEmail, gen.schools[0]!.id)).scope as Row;
		expect(((own.groups as Row[])[0]!.growth as Row).denominator).toBeGreaterThan(0);
		expectCompetence(await competenceRpc(adminEmail, gen.municipality), scope, 'admin');
		expectCompetence(
			await competenceRpc(gen.municipalMethodistEmail, gen.municipality, YEAR - 1),
			scope,
			'municipal',
			YEAR - 1
		);
		expectCompetence(
			await competenceRpc(gen.municipalMethodistEmail, gen.municipality, YEAR, 'expert'),
			scope,
			'municipal',
			YEAR,
			'expert'
		);
	});

	it('competence at the intermediate and the entry stage: the municipality and each school', async () => {
		const scope = scopeOf(gen, allSchools(), true);
		const intermediate = await competenceRpc(
			gen.municipalMethodistEmail,
			gen.municipality,
			YEAR,
			'self',
			'intermediate'
		);
		expect(expectCompetence(intermediate, scope, 'municipal', YEAR, 'self', 'intermediate')).toBeGreaterThan(300);
		// Compared with the intermediate assessment, fewer teachers have a pair than at the final one.
		const final = await competenceRpc(gen.municipalMethodistEmail, gen.municipality);
		const pairs = (r: Record<string, unknown>) => ((r.scope as Row).groups as { teachers: number }[])[0]!.teachers;
		expect(pairs(intermediate)).toBeGreaterThan(0);
		expect(pairs(intermediate)).toBeLessThan(pairs(final));
		// At the entry stage nothing is compared: every teacher is «нет данных» — not withheld, as a
		// figure resting on no teacher reveals nobody; the heat map is the entry's.
		const entry = await competenceRpc(gen.municipalMethodistEmail, gen.municipality, YEAR, 'self', 'entry');
		expectCompetence(entry, scope, 'municipal', YEAR, 'self', 'entry');
		const whole = entry.scope as Row;
		expect(
			(whole.groups as { teachers: number; suppressed: boolean; entry: number | null }[]).map((g) => [
				g.teachers,
				g.suppressed,
				g.entry
			])
		).toEqual([
			[0, false, null],
			[0, false, null]
		]);
		expect((whole.heatmap as { assessed: number }[])[0]!.assessed).toBeGreaterThan(0);
		const school = gen.schools[0]!;
		const ownEntry = (await competenceRpc(school.methodistEmail, school.id, YEAR, 'self', 'entry')).scope as Row;
		expectCompetence(
			{ access: 'school', scope: ownEntry, schools: [] },
			scopeOf(gen, [school.id], false),
			'school',
			YEAR,
			'self',
			'entry'
		);
		expect(
			(ownEntry.groups as { teachers: number; growth: { noData: number } }[]).map((g) => [g.teachers, g.growth.noData])
		).toEqual([
			[0, school.teacherIds.length],
			[0, school.teacherIds.length]
		]);
		for (const school of gen.schools) {
			const own = scopeOf(gen, [school.id], false);
			expectCompetence(
				await competenceRpc(school.methodistEmail, school.id, YEAR, 'self', 'intermediate'),
				own,
				'school',
				YEAR,
				'self',
				'intermediate'
			);
		}
	});

	it('refuses an unknown stage with 22023', async () => {
		const r = await attempt(
			db.pool,
			users.get(gen.municipalMethodistEmail)!,
			`select public.report_competence($1, $2, p_stage => 'middle')`,
			[gen.municipality, YEAR],
			{
				rollback: true
			}
		);
		expect(r.code).toBe('22023');
	});

	it('competence: each school for its own methodist, in full', async () => {
		for (const school of gen.schools) {
			const scope = scopeOf(gen, [school.id], false);
			expectCompetence(await competenceRpc(school.methodistEmail, school.id), scope, 'school');
			expectCompetence(await competenceRpc(school.methodistEmail, school.id, YEAR - 1), scope, 'school', YEAR - 1);
		}
	});

	it('withholds the 4-teacher school from the municipal methodist and shows it to its own methodist', async () => {
		const small = gen.schools.find((s) => s.teacherIds.length === 4)!;
		const municipal = await competenceRpc(gen.municipalMethodistEmail, gen.municipality);
		const row = (municipal.schools as Row[]).find((s) => s.schoolId === small.id)!;
		expect(row).toEqual({
			schoolId: small.id,
			teachers: 4,
			suppressed: true,
			secondary: false,
			competencies: null,
			groups: null,
			heatmap: null,
			topDeficits: null,
			planCompletion: null,
			mentoring: null,
			observations: null
		});
		const staff = (await staffRpc(gen.municipalMethodistEmail, gen.municipality)).schools as Row[];
		expect(staff.find((s) => s.schoolId === small.id)).toEqual({
			schoolId: small.id,
			date: '2027-01-01',
			teachers: 4,
			suppressed: true,
			secondary: false,
			age: null,
			experience: null,
			education: null,
			category: null,
			categoryExpiryUnknown: null
		});
		// Asking for the school itself does not get round it.
		expect((await competenceRpc(gen.municipalMethodistEmail, small.id)).scope).toMatchObject({
			suppressed: true,
			groups: null
		});

		const own = await competenceRpc(small.methodistEmail, small.id);
		expect(own.scope).toMatchObject({ teachers: 4, suppressed: false });
		expect((own.scope as Row).heatmap).toHaveLength(DEFAULT_FRAMEWORK.competencies.length);
		const ownStaff = (await staffRpc(small.methodistEmail, small.id)).scope as Row;
		expect((ownStaff.age as { count: number }[]).reduce((s, r) => s + r.count, 0)).toBe(4);
	});

	it('gives no per-teacher row to anyone: blocks are the scope and its schools only', async () => {
		const report = await competenceRpc(gen.municipalMethodistEmail, gen.municipality);
		expect(Object.keys(report).sort()).toEqual([
			'access',
			'kind',
			'org',
			'schools',
			'scope',
			'stage',
			'threshold',
			'year'
		]);
		expect((report.schools as Row[]).map((s) => s.schoolId)).toEqual([...allSchools()].sort());
		expect(JSON.stringify(report)).not.toContain(gen.schools[0]!.teacherIds[0]!);
	});
});

// ——— A small fixed school: hand-checked values ———

describe('on a small fixed school the figures are the hand-checked ones', () => {
	const f = {
		municipality: id(),
		school: id(),
		small: id(),
		// A school of five with no records: the next-smallest school beside the school of four, so
		// the school of six stays shown and its own figures can be checked.
		extra: id(),
		x: Array.from({ length: 5 }, () => id()),
		munEmail: `fixed.mun.${id().slice(0, 8)}@example.test`,
		metEmail: `fixed.met.${id().slice(0, 8)}@example.test`,
		smallMetEmail: `fixed.small.${id().slice(0, 8)}@example.test`,
		t: Array.from({ length: 6 }, () => id()),
		s: Array.from({ length: 4 }, () => id())
	};
	const meta = frameworkIndicatorIds(DEFAULT_FRAMEWORK, 'meta');
	const allIds = frameworkIndicatorIds(DEFAULT_FRAMEWORK);
	const scoresOf = (score: (indicatorId: string, i: number) => number) =>
		Object.fromEntries(allIds.map((x, i) => [x, score(x, i)]));
	const assessment = (teacher: string, stage: string, scores: Row, o: Row = {}): Row => ({
		id: id(),
		teacher_id: teacher,
		assessor_id: null,
		framework_id: DEFAULT_FRAMEWORK.id,
		framework_version: DEFAULT_FRAMEWORK.revision,
		kind: 'self',
		stage,
		academic_year: YEAR,
		status: 'submitted',
		scores,
		current_competency_id: null,
		started_at: stage === 'entry' ? '2026-09-20T10:00:00.000Z' : '2027-05-20T10:00:00.000Z',
		submitted_at: stage === 'entry' ? '2026-09-20T10:00:00.000Z' : '2027-05-20T10:00:00.000Z',
		...o
	});

	beforeAll(async () => {
		// Growth exactly at the threshold: the default framework has 29 meta indicators, so no whole
		// number of raised scores moves a complete assessment by exactly 0.25. t0's assessments leave
		// out «оценочная» (5 indicators; means are over answered indicators): 24 answered, 6 raised by 1.
		const answered = meta.filter((x) => !x.startsWith('evaluation.'));
		expect(answered.length % 4).toBe(0);
		const raised = new Set(answered.slice(0, answered.length / 4));
		const withoutEvaluation = (scores: Row) =>
			Object.fromEntries(Object.entries(scores).filter(([x]) => !x.startsWith('evaluation.')));
		await insertRows('organizations', [
			{ id: f.municipality, kind: 'municipality', name: 'Фиксированный округ', parent_id: gen.region },
			{ id: f.school, kind: 'school', name: 'Малая школа', parent_id: f.municipality },
			{ id: f.small, kind: 'school', name: 'Школа на 4', parent_id: f.municipality },
			{ id: f.extra, kind: 'school', name: 'Школа на 5', parent_id: f.municipality }
		]);
		const teacher = (tid: string, school: string, o: Row): Row => ({
			id: tid,
			full_name: 'Педагог',
			school_id: school,
			education: 'higher',
			category: 'none',
			category_expires_on: null,
			experience_as_of: '2026-09-01',
			...o
		});
		await insertRows('profiles', [
			// Age in full years on the reference date, 1 January 2027: born 1 January 2002 turns 25 that
			// day (25–29), born 2 January 2002 is 24 (моложе 25), 1 January 1962 → 65, 31 December 1966 → 60;
			// only the year 1992 (taken as 1 July) → 34.
			teacher(f.t[0]!, f.school, {
				birth_year: 2002,
				birth_date: '2002-01-01',
				experience_years: 0,
				category: 'highest',
				category_expires_on: '2027-01-01'
			}),
			teacher(f.t[1]!, f.school, {
				birth_year: 2002,
				birth_date: '2002-01-02',
				experience_years: 3,
				education: 'vocational',
				category: 'first',
				category_expires_on: '2026-12-31'
			}),
			// 18 years on 31 December 2024: 20 on the reference date.
			teacher(f.t[2]!, f.school, {
				birth_year: 1962,
				birth_date: '1962-01-01',
				experience_years: 18,
				experience_as_of: '2024-12-31',
				category: 'conformity',
				category_expires_on: '2030-01-01'
			}),
			teacher(f.t[3]!, f.school, { birth_year: 1966, birth_date: '1966-12-31', experience_years: 5 }),
			// A category whose expiry is unknown counts as held.
			teacher(f.t[4]!, f.school, {
				birth_year: 1992,
				experience_years: 10,
				category: 'first',
				category_expires_on: null
			}),
			teacher(f.t[5]!, f.school, { birth_year: 1995, experience_years: 2, education: 'vocational' }),
			...f.s.map((sid) => teacher(sid, f.small, { birth_year: 1985, experience_years: 8 })),
			...f.x.map((xid) => teacher(xid, f.extra, { birth_year: 1980, experience_years: 15 })),
			{ id: id(), full_name: 'Методист округа', email: f.munEmail, birth_year: 1975 },
			{ id: id(), full_name: 'Методист школы', email: f.metEmail, school_id: f.school, birth_year: 1975 },
			{ id: id(), full_name: 'Методист малой школы', email: f.smallMetEmail, school_id: f.small, birth_year: 1975 }
		]);
		const people = await db.pool.query(`select id, email from public.profiles where email = any ($1)`, [
			[f.munEmail, f.metEmail, f.smallMetEmail]
		]);
		const profileOf = (email: string) => people.rows.find((r) => r.email === email)!.id as string;
		await insertRows('memberships', [
			...f.t.map((tid) => ({ id: id(), profile_id: tid, organization_id: f.school, role: 'teacher' })),
			...f.s.map((sid) => ({ id: id(), profile_id: sid, organization_id: f.small, role: 'teacher' })),
			...f.x.map((xid) => ({ id: id(), profile_id: xid, organization_id: f.extra, role: 'teacher' })),
			{ id: id(), profile_id: profileOf(f.munEmail), organization_id: f.municipality, role: 'municipal_methodist' },
			{ id: id(), profile_id: profileOf(f.metEmail), organization_id: f.school, role: 'school_methodist' },
			{ id: id(), profile_id: profileOf(f.smallMetEmail), organization_id: f.small, role: 'school_methodist' }
		]);
		await insertRows('assessments', [
			// t0: meta 1 → 1.25, exactly the threshold: growth. Subject unchanged.
			assessment(f.t[0]!, 'entry', withoutEvaluation(scoresOf(() => 1))),
			assessment(f.t[0]!, 'final', withoutEvaluation(scoresOf((x) => (raised.has(x) ? 2 : 1)))),
			// t1: entry only — left out («нет данных»).
			assessment(
				f.t[1]!,
				'entry',
				scoresOf(() => 0)
			),
			// t2: the same twice: no growth. A draft final does not count.
			assessment(
				f.t[2]!,
				'entry',
				scoresOf(() => 2)
			),
			assessment(
				f.t[2]!,
				'final',
				scoresOf(() => 2)
			),
			assessment(
				f.t[2]!,
				'final',
				scoresOf(() => 3),
				{ status: 'draft', submitted_at: null }
			),
			// t3: 0 → 3 everywhere.
			assessment(
				f.t[3]!,
				'entry',
				scoresOf(() => 0)
			),
			assessment(
				f.t[3]!,
				'final',
				scoresOf(() => 3)
			),
			...f.s.flatMap((sid) => [
				assessment(
					sid,
					'entry',
					scoresOf(() => 1)
				),
				assessment(
					sid,
					'final',
					scoresOf(() => 2)
				)
			])
		]);
		const deficit = (teacherId: string, competency: string, status: string): Row => ({
			id: id(),
			teacher_id: teacherId,
			competency_id: competency,
			indicator_ids: [],
			source: 'self_assessment',
			description: '',
			status,
			history: [{ status, at: '2026-10-01T10:00:00.000Z', by: null }]
		});
		await insertRows('deficits', [
			deficit(f.t[0]!, 'evaluation', 'identified'),
			deficit(f.t[1]!, 'evaluation', 'in_progress'),
			deficit(f.t[2]!, 'evaluation', 'overcome'),
			deficit(f.t[3]!, 'goal-setting', 'identified')
		]);
		const plan = id();
		await insertRows('development_plans', [
			{ id: plan, teacher_id: f.t[0], academic_year: YEAR, goals: '', deficit_ids: [], status: 'active' }
		]);
		const action = (status: string): Row => ({
			id: id(),
			plan_id: plan,
			teacher_id: f.t[0],
			type: 'course',
			title: 'Курс',
			status,
			completed_at: status === 'done' ? '2027-02-01T10:00:00.000Z' : null
		});
		await insertRows('plan_actions', [action('done'), action('planned'), action('cancelled')]);
		await insertRows('mentoring_pairs', [
			{
				id: id(),
				school_id: f.school,
				mentor_id: f.t[4],
				mentee_id: f.t[0],
				model: 'experienced_young',
				start_date: '2026-09-10',
				status: 'active'
			}
		]);
		const observation = (teacherId: string, date: string): Row => ({
			id: id(),
			observer_id: f.t[4],
			teacher_id: teacherId,
			observer_role: 'peer',
			status: 'submitted',
			date,
			framework_id: DEFAULT_FRAMEWORK.id,
			framework_version: DEFAULT_FRAMEWORK.revision
		});
		await insertRows('observations', [
			observation(f.t[0]!, '2026-09-01'),
			observation(f.t[0]!, '2027-08-31'),
			observation(f.t[3]!, '2026-08-31')
		]);
		await signUpAll([f.munEmail, f.metEmail, f.smallMetEmail]);
	});

	const countOf = (rows: unknown, key: string) =>
		(rows as { key: string; count: number }[]).find((r) => r.key === key)?.count;

	it('staff profile: band lower bounds in full years on 1 January, стаж grown since it was recorded, a category expiring the day before, one of unknown expiry', async () => {
		const scope = (await staffRpc(f.metEmail, f.school)).scope as Row;
		expect(scope).toMatchObject({ teachers: 6, date: '2027-01-01', categoryExpiryUnknown: 1 });
		expect(countOf(scope.age, '25-29')).toBe(1);
		expect(countOf(scope.age, 'under-25')).toBe(1);
		expect(countOf(scope.age, '65-plus')).toBe(1);
		expect(countOf(scope.age, '60-64')).toBe(1);
		expect(countOf(scope.experience, 'under-3')).toBe(2);
		expect(countOf(scope.experience, '3-5')).toBe(1);
		expect(countOf(scope.experience, '5-10')).toBe(1);
		expect(countOf(scope.experience, '10-15')).toBe(1);
		expect(countOf(scope.experience, '20-plus')).toBe(1);
		expect(countOf(scope.education, 'vocational')).toBe(2);
		expect(scope.category).toEqual(
			[
				{ key: 'highest', count: 1, share: 1 / 6 },
				{ key: 'first', count: 1, share: 1 / 6 },
				{ key: 'conformity', count: 1, share: 1 / 6 },
				{ key: 'none', count: 3, share: 0.5 }
			].map((r) => ({ ...r, share: expect.closeTo(r.share, 12) }))
		);
	});

	it('competence for the own methodist: growth at the threshold counts, an entry-only teacher is left out', async () => {
		const scope = (await competenceRpc(f.metEmail, f.school)).scope as Row;
		const groups = scope.groups as Row[];
		expect(groups[0]).toMatchObject({
			group: 'meta',
			teachers: 3,
			growth: { numerator: 2, denominator: 3, noData: 3 }
		});
		expect((groups[0]!.growth as Row).value).toBeCloseTo(2 / 3, 12);
		// Entry means 1, 2, 0 → 1; final 1.25, 2, 3 → 2.0833…
		expect(groups[0]!.entry).toBeCloseTo(1, 12);
		expect(groups[0]!.final).toBeCloseTo((1.25 + 2 + 3) / 3, 12);
		expect(groups[1]).toMatchObject({
			group: 'subject',
			teachers: 3,
			growth: { numerator: 1, denominator: 3, noData: 3 }
		});
		expect(scope.topDeficits).toEqual([
			{ competencyId: 'evaluation', teachers: 2 },
			{ competencyId: 'goal-setting', teachers: 1 }
		]);
		// Latest stage per teacher: t0 final (2, 2, 2, 2 for the raised first indicators), t1 entry 0,
		// t2 final 2, t3 final 3; t4 and t5 have none.
		const goals = (scope.heatmap as Row[]).find((c) => c.competencyId === 'goal-setting')!;
		expect(goals).toMatchObject({ assessed: 4, deficitTeachers: 1, suppressed: false });
		expect(goals.mean).toBeCloseTo((2 + 0 + 2 + 3) / 4, 12);
		// t0 answered no «оценочная» indicator: 3 assessed; two open deficits over 6 teachers.
		const evaluation = (scope.heatmap as Row[]).find((c) => c.competencyId === 'evaluation')!;
		expect(evaluation).toMatchObject({ assessed: 3, deficitTeachers: 2, suppressed: false });
		expect(evaluation.mean).toBeCloseTo((0 + 2 + 3) / 3, 12);
		expect(evaluation.deficitShare).toBeCloseTo(2 / 6, 12);
		expect(scope.planCompletion).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
		expect(scope.mentoring).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
		expect(scope.observations).toMatchObject({ count: 2, teachers: 6 });
	});

	it('competence for the municipal methodist: the school of 6 shown, means over fewer than 5 teachers withheld, the schools of 4 and 5 hidden', async () => {
		const report = await competenceRpc(f.munEmail, f.municipality);
		expect(report.access).toBe('municipal');
		const schools = report.schools as Row[];
		const school = schools.find((s) => s.schoolId === f.school)!;
		expect(school).toMatchObject({ suppressed: false, secondary: false });
		expect((school.groups as Row[])[0]).toMatchObject({
			teachers: 3,
			entry: null,
			final: null,
			suppressed: true,
			growth: { value: null }
		});
		expect((school.heatmap as Row[])[0]).toMatchObject({ assessed: 4, mean: null, suppressed: true });
		expect(school.mentoring).toEqual({
			numerator: null,
			denominator: null,
			value: null,
			suppressed: true,
			secondary: false
		});
		// One teacher's plan: her progress is hers alone.
		expect(school.planCompletion).toEqual({
			numerator: null,
			denominator: null,
			value: null,
			suppressed: true,
			secondary: false
		});
		expect(school.topDeficits).toEqual([
			{ competencyId: 'evaluation', teachers: 2 },
			{ competencyId: 'goal-setting', teachers: 1 }
		]);
		expect(schools.find((s) => s.schoolId === f.small)).toMatchObject({
			teachers: 4,
			suppressed: true,
			secondary: false,
			groups: null
		});
		// The total minus the school of 6 would give the school of 4: the school of 5 is withheld beside it.
		expect(schools.find((s) => s.schoolId === f.extra)).toMatchObject({
			teachers: 5,
			suppressed: true,
			secondary: true,
			groups: null
		});
		// The municipality (15 teachers, 7 with both assessments) is shown, but not its means at the
		// final stage: the heat map at the entry stage holds 8 teachers' entry assessments, the rows at
		// the final stage 7 of them — the difference would be t1's (entry only), so the later figure
		// goes. Growth is the indicators' to show.
		const total = report.scope as Row;
		expect(total).toMatchObject({ teachers: 15, suppressed: false });
		expect((total.groups as Row[])[0]).toMatchObject({
			teachers: 7,
			entry: null,
			suppressed: true,
			secondary: true,
			growth: { numerator: null, denominator: null }
		});
		const atEntry = (await competenceRpc(f.munEmail, f.municipality, YEAR, 'self', 'entry')).scope as Row;
		expect((atEntry.heatmap as Row[])[0]).toMatchObject({ assessed: 8, mean: 0.875, suppressed: false });
		const own = (await competenceRpc(f.smallMetEmail, f.small)).scope as Row;
		expect((own.groups as Row[])[0]).toMatchObject({
			teachers: 4,
			entry: 1,
			final: 2,
			growth: { numerator: 4, denominator: 4, value: 1 }
		});
	});

	it('agrees with the TypeScript twin on the fixed municipality too', async () => {
		const read = async (table: string, where: string, params: unknown[]) =>
			(await db.pool.query(`select to_jsonb(t) as r from public.${table} t where ${where}`, params)).rows.map((r) =>
				camel(r.r as Row)
			);
		const teacherIds = [...f.t, ...f.s, ...f.x];
		const profiles = (await read('profiles', 'id = any ($1)', [teacherIds])) as unknown as (StaffMember & {
			id: string;
			schoolId: string;
		})[];
		const teachers = profiles.map((p) => ({ ...p, schoolId: p.schoolId }));
		const plans = await read('development_plans', 'teacher_id = any ($1)', [teacherIds]);
		const input = {
			academicYear: YEAR,
			framework: DEFAULT_FRAMEWORK,
			teachers,
			assessments: await read('assessments', 'teacher_id = any ($1)', [teacherIds]),
			deficits: await read('deficits', 'teacher_id = any ($1)', [teacherIds]),
			plans,
			actions: await read('plan_actions', 'plan_id = any ($1)', [plans.map((p) => p.id)]),
			pairs: await read('mentoring_pairs', 'mentee_id = any ($1)', [teacherIds]),
			observations: await read('observations', 'teacher_id = any ($1)', [teacherIds])
		} as unknown as CompetenceInput;
		const orgs = (
			await db.pool.query(`select id, kind, parent_id from public.organizations where id = any ($1)`, [
				[gen.region, f.municipality, f.school, f.small, f.extra]
			])
		).rows.map((o) => ({
			id: o.id as string,
			kind: o.kind as string,
			parentId: o.parent_id as string | null,
			deletedAt: null
		}));
		for (const stage of [null, 'intermediate', 'entry'] as const) {
			const scope = reportScope(orgs, f.municipality)!;
			const report = await competenceRpc(f.munEmail, f.municipality, YEAR, 'self', stage);
			expect(
				differences(
					{ scope: report.scope, schools: report.schools },
					competenceReport({ ...input, stage }, scope, { access: 'municipal', settings, years: YEARS })
				)
			).toEqual([]);
			const alone = await competenceRpc(f.munEmail, f.school, YEAR, 'self', stage);
			expect(
				differences(
					{ scope: alone.scope },
					{
						scope: competenceReport({ ...input, stage }, reportScope(orgs, f.school)!, {
							access: 'municipal',
							settings,
							years: YEARS
						}).scope
					}
				)
			).toEqual([]);
		}
		const staff = await staffRpc(f.munEmail, f.municipality);
		expect(
			differences(
				{ scope: staff.scope, schools: staff.schools },
				staffProfileReport(teachers, reportScope(orgs, f.municipality)!, YEAR, { access: 'municipal', settings })
			)
		).toEqual([]);
		const own = await competenceRpc(f.metEmail, f.school);
		const school = { id: f.school, kind: 'school' as const, schools: [f.school], universe: [] };
		expect(
			differences(
				{ scope: own.scope, schools: own.schools },
				competenceReport({ ...input, teachers: teachers.filter((t) => t.schoolId === f.school) }, school, {
					access: 'school',
					settings,
					years: YEARS
				})
			)
		).toEqual([]);
	});

	it('refuses callers without access to the scope with 42501', async () => {
		const refused = async (email: string | null, org: string) => {
			for (const call of [staffRpc, competenceRpc]) {
				await expect(call(email, org)).rejects.toMatchObject({ code: '42501' });
			}
		};
		await refused(f.metEmail, f.municipality); // a school methodist asking for the municipality
		await refused(f.metEmail, f.small); // … or for another school
		await refused(f.smallMetEmail, f.school);
		await refused(gen.municipalMethodistEmail, f.municipality); // another municipality's methodist
		await refused(gen.schools[0]!.methodistEmail, f.school);
		await refused(null, f.school); // anon: no execute at all
		// A teacher of the school (no methodist role): sign one up.
		const email = `fixed.teacher.${id().slice(0, 8)}@example.test`;
		await db.pool.query(`update public.profiles set email = $1 where id = $2`, [email, f.t[4]]);
		await signUpAll([email]);
		await refused(email, f.school);
	});

	it('does not let authenticated callers reach the unchecked block functions', async () => {
		const r = await attempt(
			db.pool,
			users.get(f.munEmail)!,
			`select private.competence_block($1, 2026, 'self', $2, 0.25, 'school', null)`,
			[f.s, DEFAULT_FRAMEWORK.id],
			{
				rollback: true
			}
		);
		expect(r.ok).toBe(false);
		expect(r.code).toBe('42501');
	});
});
