/**
 * A deterministic municipality for the report tests: organisations, people and every row the
 * indicators and competence reports read, as snake_case rows ready for insertDataset. The same
 * seed gives the same ids and values on every run. Dates straddle the boundaries of the academic
 * year (31 August, 1 September) on purpose, and some teachers have only an entry assessment.
 * Schools sit in three time zones (Moscow by inheritance, Kaliningrad, Kemerovo), стаж is recorded
 * on dates across the years, some birth dates are full dates and some category expiries unknown,
 * and some teachers also hold a membership in a second school, which never counts them there.
 *
 *   const ds = generateMunicipality({ year: 2026, schoolSizes: [12, 4, 9] });
 *   await insertDataset(pool, ds);
 *   const data = indicatorData(ds, ds.schools[0].teacherIds);   // camelCase, for src/lib/domain
 */
import { academicYearBounds } from '../../src/lib/domain/academic-year';
import { frameworkIndicatorIds } from '../../src/lib/domain/framework';
import { DEFAULT_FRAMEWORK } from '../../src/lib/domain/frameworks/default';
import type { Stage } from '../../src/lib/domain/assessment';
import { competenceReport, type CompetenceInput, type ReportTeacher } from '../../src/lib/domain/competence-report';
import { DEFAULT_DISCLOSURE, disclosureYears, reportScope } from '../../src/lib/domain/disclosure';
import {
	indicatorsReport,
	targetsFor,
	type IndicatorData,
	type ScopedIndicatorTeacher,
	type TargetRow
} from '../../src/lib/domain/indicators';
import { staffProfileReport, type StaffMember } from '../../src/lib/domain/staff-profile';
import type { Answer, AuditWorld } from '../../src/lib/domain/testing/disclosure-audit';
import { effectiveTimeZone } from '../../src/lib/domain/organization';
import type { Queryable } from './cluster';

export type Row = Record<string, unknown>;

/** Insert order: parents first. */
export const DATASET_TABLES = [
	'organizations',
	'profiles',
	'memberships',
	'activities',
	'development_plans',
	'assessments',
	'deficits',
	'mentoring_pairs',
	'mentoring_sessions',
	'observations',
	'indicator_targets'
] as const;
export type DatasetTable = (typeof DATASET_TABLES)[number];

export interface DatasetSchool {
	id: string;
	name: string;
	/**
	 * Profiles of the school with a teacher (or mentor) membership in it: the school's denominator
	 * (profile.ts schoolTeachers). A teacher of another school with a second membership here is not one.
	 */
	teacherIds: string[];
	/** The school methodist (not a teacher). */
	methodistId: string;
	methodistEmail: string;
}

export interface Dataset {
	year: number;
	region: string;
	municipality: string;
	schools: DatasetSchool[];
	municipalMethodistId: string;
	municipalMethodistEmail: string;
	rows: Record<DatasetTable, Row[]>;
}

export interface GenerateOptions {
	/** Start year of the academic year reported on; rows cover it and the year before. */
	year: number;
	/** Teachers per school, one school per entry. */
	schoolSizes: number[];
	seed?: number;
	/** Existing region to attach the municipality to (a new region otherwise). */
	regionId?: string;
}

/** mulberry32: small, fast, deterministic. */
function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function addDays(date: string, days: number): string {
	const d = new Date(`${date}T00:00:00.000Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

export function generateMunicipality(options: GenerateOptions): Dataset {
	const seed = options.seed ?? 1;
	const random = rng(seed);
	const chance = (p: number) => random() < p;
	const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
	const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
	let counter = 0;
	const prefix = (seed >>> 0).toString(16).padStart(8, '0');
	const id = () => `${prefix}-0000-4000-8000-${(++counter).toString(16).padStart(12, '0')}`;

	// The fields added with ages, стаж dates and zones come from a stream of their own, so every
	// value drawn before them stays what it was.
	const extra = rng(seed ^ 0x2f6e2b1);
	const extraInt = (min: number, max: number) => min + Math.floor(extra() * (max - min + 1));
	const zoneOf = (s: number) => [null, 'Europe/Kaliningrad', 'Asia/Novokuznetsk'][s % 3] ?? null;

	const years = [options.year - 1, options.year];
	const spanStart = addDays(academicYearBounds(options.year - 1).start, -60);
	const spanDays = 365 * 2 + 120;
	/** A date across both years, often exactly on or next to a boundary. */
	const date = (): string => {
		if (chance(0.2)) {
			const y = pick(years);
			const { start, end } = academicYearBounds(y);
			return pick([start, end, addDays(start, -1), addDays(end, 1)]);
		}
		return addDays(spanStart, int(0, spanDays));
	};
	const at = (d: string) =>
		`${d}T${String(int(0, 23)).padStart(2, '0')}:${String(int(0, 59)).padStart(2, '0')}:00.000Z`;

	const rows = Object.fromEntries(DATASET_TABLES.map((t) => [t, [] as Row[]])) as Record<DatasetTable, Row[]>;
	const org = (o: Row) =>
		rows.organizations.push({
			low_results: false,
			adverse_conditions: false,
			program500: false,
			short_name: null,
			time_zone: null,
			...o
		});
	const profile = (o: Row) =>
		rows.profiles.push({
			email: null,
			school_id: null,
			association_id: null,
			position: 'учитель',
			subjects: ['математика'],
			experience_years: 10,
			experience_as_of: `${options.year - 2}-09-15`,
			category: 'none',
			category_expires_on: null,
			education: 'higher',
			birth_year: 1980,
			birth_date: null,
			...o
		});
	const member = (profileId: string, organizationId: string, role: string) =>
		rows.memberships.push({ id: id(), profile_id: profileId, organization_id: organizationId, role });

	const region = options.regionId ?? id();
	if (!options.regionId) org({ id: region, kind: 'region', name: `Область ${prefix}`, parent_id: null });
	const municipality = id();
	org({ id: municipality, kind: 'municipality', name: `Округ ${prefix}`, parent_id: region });
	const municipalMethodistId = id();
	const municipalMethodistEmail = `mun.${prefix}@example.test`;
	profile({
		id: municipalMethodistId,
		full_name: 'Муниципальный методист',
		email: municipalMethodistEmail,
		position: 'методист'
	});
	member(municipalMethodistId, municipality, 'municipal_methodist');

	const indicatorIds = frameworkIndicatorIds(DEFAULT_FRAMEWORK);
	const scores = (base: number) =>
		Object.fromEntries(indicatorIds.map((i) => [i, Math.max(0, Math.min(3, base + int(-1, 1)))]));

	const schools: DatasetSchool[] = options.schoolSizes.map((size, s) => {
		const school = id();
		const name = `Школа № ${s + 1} (${prefix})`;
		org({
			id: school,
			kind: 'school',
			name,
			parent_id: municipality,
			low_results: s % 3 === 1,
			adverse_conditions: s % 4 === 2,
			program500: s % 5 === 3,
			time_zone: zoneOf(s)
		});
		const methodistId = id();
		const methodistEmail = `met.${s + 1}.${prefix}@example.test`;
		profile({
			id: methodistId,
			full_name: `Методист школы ${s + 1}`,
			email: methodistEmail,
			school_id: school,
			position: 'методист'
		});
		member(methodistId, school, 'school_methodist');

		const teacherIds: string[] = [];
		for (let n = 0; n < size; n += 1) {
			const teacher = id();
			teacherIds.push(teacher);
			const category = pick(['highest', 'first', 'first', 'conformity', 'none'] as const);
			const { end } = academicYearBounds(options.year);
			const expires =
				category === 'none' ? null : pick([end, addDays(end, -1), addDays(end, 1), date(), addDays(end, 700)]);
			const birthYear = int(1960, 2002);
			const experience = chance(0.3) ? int(0, 3) : int(3, 40);
			// The стаж recorded on a date from four years back to the year after, often on or next to
			// a reference date (1 January) or a year's end; a birth date for half of them, some on
			// 1 January or 29 February; some category expiries unknown.
			const boundaries = [
				`${options.year + 1}-01-01`,
				`${options.year}-01-01`,
				`${options.year}-01-02`,
				`${options.year + 1}-08-31`,
				`${options.year}-09-01`
			];
			const recorded =
				extra() < 0.3
					? boundaries[extraInt(0, boundaries.length - 1)]!
					: addDays(`${options.year - 4}-09-01`, extraInt(0, 365 * 5));
			const birthDate =
				extra() < 0.5
					? extra() < 0.2
						? `${birthYear}-${birthYear % 4 === 0 ? '02-29' : '01-01'}`
						: addDays(`${birthYear}-01-01`, extraInt(0, 364))
					: null;
			profile({
				id: teacher,
				full_name: `Педагог ${s + 1}-${n + 1}`,
				school_id: school,
				experience_years: experience,
				experience_as_of: recorded,
				category,
				category_expires_on: expires !== null && extra() < 0.15 ? null : expires,
				education: chance(0.8) ? 'higher' : 'vocational',
				birth_year: birthYear,
				birth_date: birthDate && birthDate.startsWith(String(birthYear)) ? birthDate : null
			});
			member(teacher, school, 'teacher');
			if (chance(0.15)) member(teacher, school, 'mentor');
		}

		for (const teacher of teacherIds) {
			for (let k = int(0, 4); k > 0; k -= 1) {
				const kind = pick(['course', 'course', 'community', 'competition', 'open_lesson'] as const);
				const start = date();
				const ends = kind === 'course' ? chance(0.9) : chance(0.5);
				const endDate = ends ? addDays(start, int(0, 120)) : null;
				const completed = kind === 'course' && endDate !== null && chance(0.8);
				rows.activities.push({
					id: id(),
					teacher_id: teacher,
					kind,
					title: `Мероприятие ${kind}`,
					start_date: start,
					end_date: endDate,
					provider: 'ИРО',
					hours: kind === 'course' ? 36 : null,
					certificate: '',
					quality_related: kind === 'course' && chance(0.5),
					completed,
					community_type: kind === 'community' ? pick(['shmo', 'rmo', 'pos'] as const) : null,
					competition_level: kind === 'competition' ? pick(['school', 'municipal', 'regional'] as const) : null,
					result: '',
					deleted_at: chance(0.05) ? '2026-01-01T00:00:00.000Z' : null
				});
			}
			for (const y of years) {
				if (chance(0.7)) {
					rows.development_plans.push({
						id: id(),
						teacher_id: teacher,
						academic_year: y,
						goals: 'Цели',
						deficit_ids: [],
						status: pick(['draft', 'active', 'completed'] as const),
						approved_by: null,
						approved_at: null
					});
				}
				// Assessments: entry, sometimes intermediate, usually final; self mostly, expert sometimes.
				for (const kind of chance(0.25) ? (['self', 'expert'] as const) : (['self'] as const)) {
					if (!chance(0.85)) continue;
					const base = int(0, 2);
					const { start } = academicYearBounds(y);
					const stages: [string, number, string][] = [['entry', base, addDays(start, int(5, 40))]];
					if (chance(0.4)) stages.push(['intermediate', base, addDays(start, int(100, 150))]);
					if (chance(0.75)) stages.push(['final', Math.min(3, base + int(0, 1)), addDays(start, int(240, 300))]);
					if (chance(0.1)) stages.push(['final', base, addDays(start, int(240, 300))]);
					for (const [stage, level, day] of stages) {
						const submitted = chance(0.92);
						const startedAt = at(day);
						rows.assessments.push({
							id: id(),
							teacher_id: teacher,
							assessor_id: kind === 'expert' ? methodistId : null,
							framework_id: DEFAULT_FRAMEWORK.id,
							framework_version: DEFAULT_FRAMEWORK.revision,
							kind,
							stage,
							academic_year: y,
							status: submitted ? 'submitted' : 'draft',
							scores: scores(level),
							current_competency_id: null,
							started_at: startedAt,
							submitted_at: submitted ? startedAt : null,
							deleted_at: chance(0.03) ? '2026-01-01T00:00:00.000Z' : null
						});
					}
				}
			}
			for (let k = int(0, 3); k > 0; k -= 1) {
				const first = date();
				const history: Row[] = [{ status: pick(['proposed', 'identified'] as const), at: at(first) }];
				let day = first;
				for (let step = int(0, 3); step > 0; step -= 1) {
					day = addDays(day, int(1, 200));
					history.push({ status: pick(['identified', 'in_progress', 'overcome', 'dismissed'] as const), at: at(day) });
				}
				const competency = pick(DEFAULT_FRAMEWORK.competencies);
				rows.deficits.push({
					id: id(),
					teacher_id: teacher,
					competency_id: competency.id,
					indicator_ids: [competency.indicators[0]!.id],
					source: 'self_assessment',
					description: '',
					status: history[history.length - 1]!.status,
					confirmed_at: null,
					source_assessment_id: null,
					source_observation_id: null,
					history: history.map((h) => ({ ...h, by: null })),
					deleted_at: chance(0.04) ? '2026-01-01T00:00:00.000Z' : null
				});
			}
			if (chance(0.6)) {
				const observer =
					chance(0.5) || teacherIds.length < 2 ? methodistId : pick(teacherIds.filter((t) => t !== teacher));
				const submitted = chance(0.85);
				rows.observations.push({
					id: id(),
					observer_id: observer,
					teacher_id: teacher,
					observer_role: observer === methodistId ? 'methodist' : 'peer',
					mode: 'quick',
					status: submitted ? 'submitted' : 'draft',
					date: date(),
					class_name: '7А',
					subject: 'математика',
					topic: 'Урок',
					purpose: '',
					framework_id: DEFAULT_FRAMEWORK.id,
					framework_version: DEFAULT_FRAMEWORK.revision,
					scores: { 'evaluation.1': int(0, 3) },
					duration_minutes: 45,
					strengths: '',
					notes: '',
					recommendations: [],
					acknowledged_at: null,
					reflection: ''
				});
			}
		}

		// Mentoring: young specialists (стаж < 3) get a pair with an experienced colleague, mostly.
		const byId = new Map(rows.profiles.map((p) => [p.id as string, p]));
		const young = teacherIds.filter((t) => (byId.get(t)!.experience_years as number) < 3);
		const seniors = teacherIds.filter((t) => (byId.get(t)!.experience_years as number) >= 3);
		for (const mentee of young) {
			if (seniors.length === 0 || !chance(0.75)) continue;
			const mentor = pick(seniors);
			const start = date();
			const status = pick(['active', 'active', 'completed', 'terminated'] as const);
			const pair = id();
			rows.mentoring_pairs.push({
				id: pair,
				school_id: school,
				mentor_id: mentor,
				mentee_id: mentee,
				model: 'experienced_young',
				start_date: start,
				end_date: status === 'active' && chance(0.7) ? null : addDays(start, int(30, 400)),
				status,
				goals: '',
				deficit_ids: [],
				planned_meetings: [],
				expected_results: '',
				deleted_at: chance(0.05) ? '2026-01-01T00:00:00.000Z' : null
			});
			for (let k = int(0, 3); k > 0; k -= 1) {
				rows.mentoring_sessions.push({
					id: id(),
					pair_id: pair,
					mentor_id: mentor,
					mentee_id: mentee,
					date: date(),
					format: 'consultation',
					topic: 'Встреча',
					notes: '',
					duration_minutes: 45,
					next_steps: '',
					acknowledged_at: null,
					deleted_at: chance(0.05) ? '2026-01-01T00:00:00.000Z' : null
				});
			}
		}
		return { id: school, name, teacherIds, methodistId, methodistEmail };
	});

	// Совместители: some teachers also hold a teacher membership in the next school, which must never
	// count them there. And one profile names a school in which she holds no membership (a teacher
	// who moved herself before that was forbidden): she counts in no school at all.
	schools.forEach((school, k) => {
		const next = schools[(k + 1) % schools.length]!;
		if (next.id === school.id) return;
		for (const teacher of school.teacherIds) if (extra() < 0.12) member(teacher, next.id, 'teacher');
	});
	if (schools.length > 1) {
		const moved = id();
		profile({
			id: moved,
			full_name: 'Педагог, сменившая школу сама',
			school_id: schools[0]!.id,
			experience_years: 1,
			experience_as_of: `${options.year}-09-01`
		});
		member(moved, schools[1]!.id, 'teacher');
	}

	// Targets: some set by the municipality (inherited by schools), one school overriding one.
	const target = (organizationId: string, year: number, code: string, value: number) =>
		rows.indicator_targets.push({ id: id(), organization_id: organizationId, academic_year: year, code, value });
	target(municipality, options.year, 'PD_ANY', 0.3);
	target(municipality, options.year, 'CATEGORY', 0.5);
	target(municipality, options.year, 'GROWTH_META', 0.4);
	target(municipality, options.year - 1, 'PD_ANY', 0.25);
	if (schools[0]) target(schools[0].id, options.year, 'PD_ANY', 0.6);

	return { year: options.year, region, municipality, schools, municipalMethodistId, municipalMethodistEmail, rows };
}

/** Writes the dataset as the superuser (RLS and column rules do not apply), one statement per table. */
export async function insertDataset(db: Queryable, ds: Pick<Dataset, 'rows'>): Promise<void> {
	for (const table of DATASET_TABLES) {
		const list = ds.rows[table];
		if (list.length === 0) continue;
		const cols = [...new Set(list.flatMap((r) => Object.keys(r)))].map((c) => `"${c}"`);
		// A key some rows leave out (deleted_at) is null in those rows.
		await db.query(
			`insert into public.${table} (${cols.join(', ')})
			 select ${cols.map((c) => `r.${c}`).join(', ')} from jsonb_populate_recordset(null::public.${table}, $1) r`,
			[
				JSON.stringify(
					list.map((r) => Object.fromEntries(cols.map((c) => [c.slice(1, -1), r[c.slice(1, -1)] ?? null])))
				)
			]
		);
	}
}

const camelKey = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** A snake_case row as the client's camelCase entity, with the meta fields a stored row has. */
export function camel<T = Record<string, unknown>>(row: Row): T {
	const out: Record<string, unknown> = {
		version: 1,
		updatedAt: '2026-01-01T00:00:00.000Z',
		updatedBy: null,
		deletedAt: null
	};
	for (const [k, v] of Object.entries(row)) out[camelKey(k)] = v === undefined ? null : v;
	if (typeof out.value === 'string') out.value = Number(out.value);
	return out as T;
}

/** The effective time zone of a school of the dataset (organization.ts effectiveTimeZone). */
export function zoneOfSchool(ds: Pick<Dataset, 'rows'>, schoolId: string | null): string {
	return effectiveTimeZone(
		ds.rows.organizations.map((o) => ({
			id: o.id as string,
			parentId: (o.parent_id as string | null) ?? null,
			timeZone: (o.time_zone as string | null) ?? null
		})),
		schoolId
	);
}

/** The rows the indicators read, for these teachers, as src/lib/domain/indicators.ts takes them. */
export function indicatorData(ds: Pick<Dataset, 'rows'>, teacherIds: readonly string[]): IndicatorData {
	const ids = new Set(teacherIds);
	const all = <T>(table: DatasetTable) => ds.rows[table].map((r) => camel<T>(r));
	return {
		teachers: ds.rows.profiles
			.filter((p) => ids.has(p.id as string))
			.map((p) => ({ ...camel(p), timeZone: zoneOfSchool(ds, p.school_id as string | null) })),
		activities: all('activities'),
		developmentPlans: all('development_plans'),
		assessments: all('assessments'),
		frameworks: [DEFAULT_FRAMEWORK],
		deficits: all('deficits'),
		mentoringPairs: all('mentoring_pairs'),
		mentoringSessions: all('mentoring_sessions'),
		observations: all('observations')
	} as IndicatorData;
}

/** Plan actions for a dataset's plans (the generator writes none): some done, some cancelled, completed in `year`. */
export function planActionsOf(ds: Pick<Dataset, 'rows'>, year: number, id: () => string): Row[] {
	const statuses = ['planned', 'in_progress', 'done', 'done', 'cancelled'] as const;
	return ds.rows.development_plans.flatMap((plan, i) =>
		Array.from({ length: i % 4 }, (_, k) => {
			const status = statuses[(i + k) % statuses.length]!;
			return {
				id: id(),
				plan_id: plan.id,
				teacher_id: plan.teacher_id,
				type: 'course',
				title: 'Курс',
				status,
				completed_at: status === 'done' ? `${year}-12-01T10:00:00.000Z` : null
			};
		})
	);
}

/** The organisations of a dataset as the domain's reportScope takes them. */
export function organizationsOf(
	ds: Pick<Dataset, 'rows'>
): { id: string; kind: string; parentId: string | null; deletedAt: null }[] {
	return ds.rows.organizations.map((o) => ({
		id: o.id as string,
		kind: o.kind as string,
		parentId: (o.parent_id as string | null) ?? null,
		deletedAt: null
	}));
}

/**
 * The dataset's municipality as the disclosure audit and the device's report functions take it:
 * the counted teachers of every school with their rows, the competence input (default framework,
 * self-assessments) and the indicators' data.
 */
export function deviceWorld(
	ds: Dataset,
	actions: readonly Row[],
	year: number
): AuditWorld & { teachers: (ScopedIndicatorTeacher & ReportTeacher & StaffMember)[] } {
	const ids = ds.schools.flatMap((s) => s.teacherIds);
	const data = indicatorData(ds, ids);
	const teachers = data.teachers as unknown as (ScopedIndicatorTeacher & ReportTeacher & StaffMember)[];
	const all = (table: DatasetTable) => ds.rows[table].map((r) => camel(r));
	return {
		schools: ds.schools.map((s) => ({ id: s.id, teachers: s.teacherIds })),
		indicators: data,
		competence: {
			academicYear: year,
			framework: DEFAULT_FRAMEWORK,
			kind: 'self',
			teachers,
			assessments: all('assessments'),
			deficits: all('deficits'),
			plans: all('development_plans'),
			actions: actions.map((r) => camel(r)),
			pairs: all('mentoring_pairs'),
			observations: all('observations')
		} as unknown as CompetenceInput,
		threshold: DEFAULT_DISCLOSURE.growthThreshold,
		min: DEFAULT_DISCLOSURE.minGroupSize,
		teachers
	};
}

/** What an aggregate-only reader gets on the device (local.ts does the same) for the municipality and each school. */
export function deviceAnswers(
	ds: Dataset,
	world: ReturnType<typeof deviceWorld>,
	offered: readonly number[],
	stages: readonly (Stage | null)[]
): Answer[] {
	const settings = DEFAULT_DISCLOSURE;
	const years = disclosureYears(offered);
	const orgs = organizationsOf(ds);
	const chainOf = (id: string) => {
		const chain: string[] = [];
		for (let at = orgs.find((o) => o.id === id); at; at = orgs.find((o) => o.id === at!.parentId)) chain.push(at.id);
		return chain;
	};
	const targets = ds.rows.indicator_targets.map((t) => camel<TargetRow>(t));
	const out: Answer[] = [];
	for (const id of [ds.municipality, ...ds.schools.map((s) => s.id)]) {
		const scope = reportScope(orgs, id)!;
		for (const year of offered) {
			out.push({
				report: 'staff',
				scope: id,
				year,
				answer: staffProfileReport(world.teachers, scope, year, { access: 'municipal', settings }) as never
			});
			for (const stage of stages) {
				out.push({
					report: 'indicators',
					scope: id,
					year,
					stage,
					answer: indicatorsReport({ ...world.indicators, teachers: world.teachers }, scope, {
						year,
						stage,
						access: 'municipal',
						settings,
						years,
						targets: (org) => targetsFor(targets, chainOf(org), year)
					}) as never
				});
				out.push({
					report: 'competence',
					scope: id,
					year,
					stage,
					answer: competenceReport({ ...world.competence, academicYear: year, stage }, scope, {
						access: 'municipal',
						settings,
						years
					}) as never
				});
			}
		}
	}
	return out;
}
