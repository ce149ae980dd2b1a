/**
 * Disclosure control on a real PostgreSQL (DOMAIN.md, "Disclosure control"; issue 14): a municipal
 * methodist of a municipality with schools of 12, 8 and 1 teachers asks for everything the
 * dashboards offer — the three reports for the municipality and for each school, every offered
 * year and every stage — and the attacks of the issue are run over all of it
 * (src/lib/domain/testing/disclosure-audit.ts does the arithmetic): the total minus the schools
 * shown, two withheld schools together, the heat map at one stage minus another, one year minus
 * the year before, a growth threshold scanned, a teacher given a second school. None may yield a
 * figure about fewer than 5 teachers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { academicYearOf } from '../../src/lib/domain/academic-year';
import type { Stage } from '../../src/lib/domain/assessment';
import { offeredYears } from '../../src/lib/domain/disclosure';
import { frameworkIndicatorIds } from '../../src/lib/domain/framework';
import { DEFAULT_FRAMEWORK } from '../../src/lib/domain/frameworks/default';
import { audit, figuresOf, type Answer, type Leak } from '../../src/lib/domain/testing/disclosure-audit';
import { id, signUp } from './actors';
import { attempt, freshDatabase, type TestDatabase } from './cluster';
import {
	camel,
	deviceAnswers,
	deviceWorld,
	generateMunicipality,
	insertDataset,
	planActionsOf,
	type Dataset,
	type Row
} from './report-data';
import { schoolTeachers } from '../../src/lib/domain/profile';

/** The academic year today in Moscow: the server offers it and the two before. */
const YEAR = academicYearOf(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date()));
const YEARS = offeredYears(YEAR);
const STAGES: (Stage | null)[] = [null, 'intermediate', 'entry'];

let db: TestDatabase;
const users = new Map<string, string>();
/** Schools of 12, 8 and 1 teachers. */
let ds: Dataset;
/** Schools of 12, 8, 3 and 1: two withheld for their size. */
let two: Dataset;
const actions = new Map<Dataset, Row[]>();

const user = (email: string) => users.get(email)!;

/**
 * The issue's cases written into a generated municipality: in the school of 8 every teacher took
 * the entry and the intermediate self-assessment this year and one of them the final; in the school
 * of 12 six young specialists are young last year and this, and a seventh joined this year, all
 * mentored in pairs that run through both years.
 */
function stageAndYearCases(d: Dataset): void {
	const [a, b] = d.schools as [Dataset['schools'][number], Dataset['schools'][number]];
	const ids = frameworkIndicatorIds(DEFAULT_FRAMEWORK);
	const scores = (k: number) => Object.fromEntries(ids.map((x, i) => [x, (i + k) % 4]));
	const inB = new Set(b.teacherIds);
	d.rows.assessments = d.rows.assessments.filter((r) => !(inB.has(r.teacher_id as string) && r.academic_year === YEAR));
	b.teacherIds.forEach((teacher, n) => {
		const stages: [string, string][] = [
			['entry', `${YEAR}-09-20`],
			['intermediate', `${YEAR + 1}-01-20`],
			...(n === 0 ? ([['final', `${YEAR + 1}-04-20`]] as [string, string][]) : [])
		];
		stages.forEach(([stage, day], k) =>
			d.rows.assessments.push({
				id: id(),
				teacher_id: teacher,
				assessor_id: null,
				framework_id: DEFAULT_FRAMEWORK.id,
				framework_version: DEFAULT_FRAMEWORK.revision,
				kind: 'self',
				stage,
				academic_year: YEAR,
				status: 'submitted',
				scores: scores(n + k),
				current_competency_id: null,
				started_at: `${day}T10:00:00.000Z`,
				submitted_at: `${day}T10:00:00.000Z`,
				deleted_at: null
			})
		);
	});
	const profiles = new Map(d.rows.profiles.map((p) => [p.id as string, p]));
	a.teacherIds.forEach((teacher, n) => {
		const p = profiles.get(teacher)!;
		if (n < 6) Object.assign(p, { experience_years: 1, experience_as_of: `${YEAR}-09-01` });
		else if (n === 6) Object.assign(p, { experience_years: 0, experience_as_of: `${YEAR}-09-01` });
		else Object.assign(p, { experience_years: 12, experience_as_of: `${YEAR - 2}-09-15` });
	});
	const inA = new Set(a.teacherIds);
	const oldPairs = new Set(d.rows.mentoring_pairs.filter((p) => inA.has(p.mentee_id as string)).map((p) => p.id));
	d.rows.mentoring_sessions = d.rows.mentoring_sessions.filter((s) => !oldPairs.has(s.pair_id));
	d.rows.mentoring_pairs = d.rows.mentoring_pairs.filter((p) => !oldPairs.has(p.id));
	const mentor = a.teacherIds[10]!;
	a.teacherIds.slice(0, 7).forEach((mentee) => {
		const pair = id();
		d.rows.mentoring_pairs.push({
			id: pair,
			school_id: a.id,
			mentor_id: mentor,
			mentee_id: mentee,
			model: 'experienced_young',
			start_date: `${YEAR - 1}-09-01`,
			end_date: null,
			status: 'active',
			goals: '',
			deficit_ids: [],
			planned_meetings: [],
			expected_results: '',
			deleted_at: null
		});
		for (const day of [`${YEAR - 1}-10-10`, `${YEAR}-10-10`]) {
			d.rows.mentoring_sessions.push({
				id: id(),
				pair_id: pair,
				mentor_id: mentor,
				mentee_id: mentee,
				date: day,
				format: 'consultation',
				topic: 'Встреча',
				notes: '',
				duration_minutes: 45,
				next_steps: '',
				acknowledged_at: null,
				deleted_at: null
			});
		}
	});
}

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
	ds = generateMunicipality({ year: YEAR, schoolSizes: [12, 8, 1], seed: 1401 });
	stageAndYearCases(ds);
	two = generateMunicipality({ year: YEAR, schoolSizes: [12, 8, 3, 1], seed: 1402, regionId: ds.region });
	for (const d of [ds, two]) {
		await insertDataset(db.pool, d);
		actions.set(d, planActionsOf(d, YEAR, id));
		await insertRows('plan_actions', actions.get(d)!);
		for (const email of [d.municipalMethodistEmail, ...d.schools.map((s) => s.methodistEmail)])
			users.set(email, await signUp(db.pool, email));
	}
	await db.pool.query('analyze');
}, 180_000);

afterAll(async () => {
	await db?.drop();
});

// ——— Asking for everything ———

async function call(email: string, sql: string, params: unknown[]): Promise<Record<string, unknown>> {
	const r = await attempt(db.pool, user(email), sql, params, { rollback: true });
	if (!r.ok) throw Object.assign(new Error(`${sql}: ${r.message}`), { code: r.code });
	return r.rows[0]!.r as Record<string, unknown>;
}
const indicators = (email: string, org: string, year: number, stage: Stage | null) =>
	call(email, `select public.report_indicators(p_org => $1, p_year => $2, p_stage => $3) as r`, [org, year, stage]);
const staff = (email: string, org: string, year: number) =>
	call(email, `select public.report_staff_profile($1, $2) as r`, [org, year]);
const competence = (email: string, org: string, year: number, stage: Stage | null) =>
	call(email, `select public.report_competence(p_org => $1, p_year => $2, p_stage => $3) as r`, [org, year, stage]);

/** Every answer the dashboards and the note can give the reader: the municipality and each school, every offered year and stage. */
async function everything(d: Dataset, email = d.municipalMethodistEmail): Promise<Answer[]> {
	const out: Answer[] = [];
	for (const scope of [d.municipality, ...d.schools.map((s) => s.id)]) {
		for (const year of YEARS) {
			out.push({ report: 'staff', scope, year, answer: await staff(email, scope, year) });
			for (const stage of STAGES) {
				out.push({ report: 'indicators', scope, year, stage, answer: await indicators(email, scope, year, stage) });
				out.push({ report: 'competence', scope, year, stage, answer: await competence(email, scope, year, stage) });
			}
		}
	}
	return out;
}

/** The ground truth the attacker does not have, from the rows as written. */
const world = (d: Dataset) => deviceWorld(d, actions.get(d)!, YEAR);

const answers = new Map<Dataset, Answer[]>();
async function leaksOf(d: Dataset): Promise<Leak[]> {
	if (!answers.has(d)) answers.set(d, await everything(d));
	return audit(world(d), answers.get(d)!, d.municipality);
}
const about = (leaks: Leak[], attack: Leak['attack'], families: RegExp) =>
	leaks.filter((l) => l.attack === attack && families.test(l.figure));
const describeLeaks = (leaks: Leak[]) =>
	leaks.slice(0, 12).map((l) => `${l.attack} ${l.figure} (${l.teachers}): ${l.detail}`);

// ——— The attacks ———

describe('a municipal methodist of schools of 12, 8 and 1 teachers', () => {
	const block = (answer: Record<string, unknown>, school: string) =>
		((answer.schools as Record<string, unknown>[]) ?? []).find((s) => (s.school_id ?? s.schoolId) === school)!;

	it('cannot take the one-teacher school out of the municipality total: report_indicators', async () => {
		const leaks = about(await leaksOf(ds), 'subtraction', /^(ind:|growth:|deficits|young)/);
		expect(describeLeaks(leaks)).toEqual([]);
		// The school of 1 is withheld for its size; the school of 8 beside it, so the two together hold 9.
		const r = await indicators(ds.municipalMethodistEmail, ds.municipality, YEAR, null);
		expect(block(r, ds.schools[2]!.id)).toMatchObject({ teachers: 1, suppressed: true, secondary: false });
		expect(block(r, ds.schools[1]!.id)).toMatchObject({ teachers: 8, suppressed: true, secondary: true });
		expect(block(r, ds.schools[0]!.id)).toMatchObject({ teachers: 12, suppressed: false });
		expect((r.indicators as { suppressed: boolean }[]).some((i) => !i.suppressed)).toBe(true);
	});

	it('cannot take her age, experience, education or category out of the total: report_staff_profile', async () => {
		const leaks = about(await leaksOf(ds), 'subtraction', /^staff/);
		expect(describeLeaks(leaks)).toEqual([]);
		const r = await staff(ds.municipalMethodistEmail, ds.municipality, YEAR);
		expect(block(r, ds.schools[1]!.id)).toMatchObject({ teachers: 8, suppressed: true, secondary: true, age: null });
		expect((r.scope as Record<string, unknown>).age).not.toBeNull();
	});

	it('cannot take her self-assessment means, open deficits or plan progress out of the total: report_competence', async () => {
		const leaks = about(
			await leaksOf(ds),
			'subtraction',
			/^(comp:|group:|compgrowth:|top:|deficit:|assessed:|pairs:|plan|mentoring|observations)/
		);
		expect(describeLeaks(leaks)).toEqual([]);
		const r = await competence(ds.municipalMethodistEmail, ds.municipality, YEAR, null);
		expect(block(r, ds.schools[2]!.id)).toMatchObject({
			teachers: 1,
			suppressed: true,
			heatmap: null,
			topDeficits: null,
			planCompletion: null
		});
		expect(block(r, ds.schools[1]!.id)).toMatchObject({
			teachers: 8,
			suppressed: true,
			secondary: true,
			heatmap: null
		});
	});

	it('cannot difference the heat map at the final and the intermediate stage into one teacher’s change', async () => {
		const leaks = about(await leaksOf(ds), 'differencing', /^(comp:|group:)/);
		expect(describeLeaks(leaks)).toEqual([]);
	});

	it('cannot difference this year and last into the one young specialist who joined', async () => {
		const leaks = about(await leaksOf(ds), 'differencing', /^(young|mentoring|deficits|plan|growth:|compgrowth:)/);
		expect(describeLeaks(leaks)).toEqual([]);
	});

	it('gets nothing about fewer than 5 teachers from everything together: no figure, sum, difference or repeat', async () => {
		const leaks = await leaksOf(ds);
		expect(describeLeaks(leaks)).toEqual([]);
		// The audit saw the figures: the answers are not empty.
		expect(answers.get(ds)!.length).toBe(YEARS.length * (1 + 2 * STAGES.length) * (1 + ds.schools.length));
	});
});

/** An answer in one shape whichever side gave it: the scope's block and the schools' by id. */
function normalized(a: Answer): unknown {
	const strip = (b: Record<string, unknown>) => {
		const {
			school_id: _id,
			name: _name,
			low_results: _l,
			adverse_conditions: _a,
			program500: _p,
			schoolId: _s,
			...rest
		} = b;
		return rest;
	};
	const scope = typeof a.answer.scope === 'object' ? (a.answer.scope as Record<string, unknown>) : a.answer;
	const {
		scope: _scope,
		year: _y,
		stage: _st,
		threshold: _t,
		access: _ac,
		org: _o,
		kind: _k,
		date: _d,
		schools: _sc,
		...own
	} = scope;
	const schools = ((a.answer.schools as Record<string, unknown>[]) ?? []).map(
		(b) => [(b.schoolId ?? b.school_id) as string, strip(b)] as const
	);
	return { scope: own, schools: Object.fromEntries(schools.sort(([x], [y]) => (x < y ? -1 : 1))) };
}

/** Paths where two answers disagree; numbers within 1e-9 agree (numeric in SQL, doubles in TypeScript). */
function differences(actual: unknown, expected: unknown, path = '$', out: string[] = []): string[] {
	if (typeof expected === 'number' && (typeof actual === 'number' || typeof actual === 'string')) {
		if (Math.abs(Number(actual) - expected) > 1e-9) out.push(`${path}: ${String(actual)} ≠ ${expected}`);
	} else if (Array.isArray(expected) && Array.isArray(actual)) {
		if (actual.length !== expected.length) out.push(`${path}: length ${actual.length} ≠ ${expected.length}`);
		else expected.forEach((e, i) => differences(actual[i], e, `${path}[${i}]`, out));
	} else if (expected !== null && typeof expected === 'object' && actual !== null && typeof actual === 'object') {
		for (const k of new Set([...Object.keys(expected), ...Object.keys(actual)]))
			differences((actual as Row)[k], (expected as Row)[k], `${path}.${k}`, out);
	} else if (actual !== expected) out.push(`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
	return out;
}

describe('the device and the server', () => {
	it('give the reader the same figures, withheld ones and their reasons included, for both municipalities', async () => {
		for (const d of [ds, two]) {
			if (!answers.has(d)) answers.set(d, await everything(d));
			const server = answers.get(d)!;
			const device = deviceAnswers(d, world(d), YEARS, STAGES);
			expect(device.length).toBe(server.length);
			const diffs = server.flatMap((a, i) =>
				differences(
					normalized(a),
					normalized(device[i]!),
					`${a.report} ${a.scope} ${a.year} ${'stage' in a ? a.stage : ''}`
				)
			);
			expect(diffs.slice(0, 10)).toEqual([]);
			const figures = figuresOf(server);
			expect([...figures.values()].filter((v) => v === null).length).toBeGreaterThan(100);
			expect([...figures.values()].filter((v) => v !== null).length).toBeGreaterThan(500);
		}
	});
});

describe('a municipal methodist of schools of 12, 8, 3 and 1 teachers', () => {
	it('cannot take the two small schools together out of the total, in any report', async () => {
		const leaks = await leaksOf(two);
		expect(describeLeaks(leaks)).toEqual([]);
		const r = await indicators(two.municipalMethodistEmail, two.municipality, YEAR, null);
		const rows = r.schools as { school_id: string; teachers: number; suppressed: boolean }[];
		const hidden = rows.filter((s) => s.suppressed).reduce((n, s) => n + s.teachers, 0);
		expect(hidden).toBeGreaterThanOrEqual(5);
	});
});

describe('no parameter to scan', () => {
	it('takes no growth threshold from the caller: the region’s setting, which only the administrator writes', async () => {
		const me = user(ds.municipalMethodistEmail);
		const probe = await attempt(
			db.pool,
			me,
			`select public.report_indicators($1, $2, null, 0.1)`,
			[ds.municipality, YEAR],
			{ rollback: true }
		);
		expect(probe.ok).toBe(false);
		const named = await attempt(
			db.pool,
			me,
			`select public.report_competence(p_org => $1, p_year => $2, p_threshold => 0.1)`,
			[ds.municipality, YEAR],
			{ rollback: true }
		);
		expect(named.ok).toBe(false);
		const r = await indicators(ds.municipalMethodistEmail, ds.municipality, YEAR, null);
		expect(Number(r.threshold)).toBe(0.25);
		// The municipal methodist may not change the setting; the administrator may, and it applies.
		const write = await attempt(
			db.pool,
			me,
			`insert into public.region_settings (region_id, growth_threshold) values ($1, 0.1)`,
			[ds.region],
			{ rollback: true }
		);
		expect(write.ok).toBe(false);
		const update = await attempt(
			db.pool,
			me,
			`update public.region_settings set growth_threshold = 0.1 where region_id = $1 returning 1`,
			[ds.region],
			{ rollback: true }
		);
		expect(update.rowCount).toBe(0);
		const admin = id();
		const adminEmail = `settings.admin.${admin.slice(0, 8)}@example.test`;
		await db.pool.query(
			`insert into public.profiles (id, full_name, email, birth_year) values ($1, 'Администратор', $2, 1975)`,
			[admin, adminEmail]
		);
		await db.pool.query(
			`insert into public.memberships (id, profile_id, organization_id, role) values (gen_random_uuid(), $1, $2, 'admin')`,
			[admin, ds.region]
		);
		users.set(adminEmail, await signUp(db.pool, adminEmail));
		const set = await attempt(
			db.pool,
			user(adminEmail),
			`insert into public.region_settings (region_id, growth_threshold, min_group_size) values ($1, 0.5, 5) returning growth_threshold`,
			[ds.region]
		);
		expect(set).toMatchObject({ ok: true, rowCount: 1 });
		try {
			expect(Number((await indicators(ds.municipalMethodistEmail, ds.municipality, YEAR, null)).threshold)).toBe(0.5);
			const below = await attempt(
				db.pool,
				user(adminEmail),
				`update public.region_settings set min_group_size = 4 where region_id = $1`,
				[ds.region],
				{ rollback: true }
			);
			expect(below).toMatchObject({ ok: false, code: '23514' });
		} finally {
			await db.pool.query(`delete from public.region_settings where region_id = $1`, [ds.region]);
		}
	});

	it('refuses a year the dashboards do not offer, and an unknown stage, with 22023', async () => {
		const me = user(ds.municipalMethodistEmail);
		for (const sql of [
			`select public.report_indicators($1, $2)`,
			`select public.report_staff_profile($1, $2)`,
			`select public.report_competence($1, $2)`
		]) {
			for (const year of [YEAR + 1, YEARS[0]! - 1]) {
				expect(
					await attempt(db.pool, me, sql, [ds.municipality, year], { rollback: true }),
					`${sql} ${year}`
				).toMatchObject({ ok: false, code: '22023' });
			}
		}
		expect(
			await attempt(db.pool, me, `select public.report_indicators($1, $2, 'middle')`, [ds.municipality, YEAR], {
				rollback: true
			})
		).toMatchObject({ ok: false, code: '22023' });
		// The school's own methodist sees individuals anyway: any year is hers.
		const own = ds.schools[0]!;
		expect(
			await attempt(
				db.pool,
				user(own.methodistEmail),
				`select public.report_indicators($1, $2)`,
				[own.id, YEARS[0]! - 3],
				{ rollback: true }
			)
		).toMatchObject({ ok: true });
	});
});

describe('a teacher in two schools (совместитель)', () => {
	it('is counted in her profile’s school only: a membership in a second school changes no figure', async () => {
		const lone = ds.schools[2]!;
		const big = ds.schools[0]!;
		const teacher = lone.teacherIds[0]!;
		const before = await everything(ds);
		const membership = id();
		await db.pool.query(
			`insert into public.memberships (id, profile_id, organization_id, role) values ($1, $2, $3, 'teacher')`,
			[membership, teacher, big.id]
		);
		try {
			const after = await everything(ds);
			expect(after.map((a) => a.answer)).toEqual(before.map((a) => a.answer));
			// The device counts her by the same rule (profile.ts schoolTeachers): in her profile's school only.
			const read = async (table: string) =>
				(await db.pool.query(`select to_jsonb(t) as r from public.${table} t`)).rows.map((r) => camel(r.r as Row));
			const [profiles, memberships] = [await read('profiles'), await read('memberships')];
			const counted = schoolTeachers(
				profiles as never[],
				memberships as never[],
				new Set(ds.schools.map((s) => s.id))
			) as unknown as { id: string; schoolId: string }[];
			for (const school of ds.schools)
				expect(
					counted
						.filter((t) => t.schoolId === school.id)
						.map((t) => t.id)
						.sort(),
					school.name
				).toEqual([...school.teacherIds].sort());
			const device = deviceAnswers(ds, world(ds), YEARS, STAGES);
			expect(after.flatMap((a, i) => differences(normalized(a), normalized(device[i]!), a.report)).slice(0, 5)).toEqual(
				[]
			);
			// The school methodist of the school of 12 counts exactly the teachers whose profiles she may read.
			const own = await indicators(big.methodistEmail, big.id, YEAR, null);
			const visible = await attempt(
				db.pool,
				user(big.methodistEmail),
				`select count(*)::int as n from public.profiles p
				 where p.deleted_at is null and exists (select 1 from public.memberships m where m.profile_id = p.id and m.organization_id = $1 and m.role in ('teacher', 'mentor') and m.deleted_at is null)`,
				[big.id],
				{ rollback: true }
			);
			expect(own.teachers).toBe(big.teacherIds.length);
			expect(visible.rows[0]).toEqual({ n: big.teacherIds.length });
		} finally {
			await db.pool.query(`delete from public.memberships where id = $1`, [membership]);
		}
	});
});
