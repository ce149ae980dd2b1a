import { academicYearBounds } from './academic-year';
import type { Activity } from './activity';
import { ASSESSMENT_KINDS, type Assessment, type Stage } from './assessment';
import type { Id, IsoDate, IsoDateTime } from './common';
import { dateInZone, isIsoDateTime } from './dates';
import type { Deficit, DeficitStatus } from './deficit';
import { countsAsPlan, type DevelopmentPlan } from './development-plan';
import type { CompetencyGroup, Framework } from './framework';
import { DEFAULT_GROWTH_THRESHOLD, teacherGrowth } from './growth';
import type { MentoringPair, MentoringSession } from './mentoring';
import type { Observation } from './observation';
import { isFew as few, measuresOf, protectFamily, type DisclosureSettings, type ReportScope } from './disclosure';
import { isCategoryValid, isYoungSpecialistIn, type Profile } from './profile';
import { comparedStage } from './report-stage';
import { indexRows } from './row-index';

/**
 * The indicators the methodist sees (DOMAIN.md, "Indicators the methodist sees"). The database
 * computes the same numbers (supabase/migrations/20261122000700_indicators.sql,
 * public.report_indicators); tests/db/indicators.db.ts compares the two on one dataset.
 *
 * Definitions, for a scope's teachers and academic year Y (Y-09-01 … (Y+1)-08-31, both inclusive):
 * - PD_QUALITY / PD_ANY: a completed course (quality-related for PD_QUALITY) ending in the year.
 * - CATEGORY: высшая or первая valid on the last day of the year (the expiry day still counts).
 * - COMMUNITY: a community or competition activity overlapping the year; COMPETITION: a competition.
 *   A community without an end date is ongoing; any other activity without one lasts its start day.
 * - IOM: a plan for the year that is active or completed.
 * - GROWTH_META / GROWTH_SUBJECT: per teacher, the first assessment kind (self, expert, test,
 *   observation) with a submitted entry and final assessment in the year — the latest of each
 *   (by submission, then id) — taken against one framework, both answering the group; growth is
 *   final minus entry group mean ≥ threshold. Teachers without such a pair are «нет данных»:
 *   out of the denominator, counted in noData. A report at another stage compares the entry with
 *   that stage instead of the final one (report-stage.ts); at the entry stage nobody has a pair.
 * - DEFICITS_CLOSED: over deficits open (выявлен or в работе) at any time in the year — open on
 *   1 September or moved to an open status during the year — those moved to преодолён during the
 *   year. A status change is dated in the time zone of the teacher's school (organization.ts
 *   effectiveTimeZone), never in UTC: 03:00 on 1 September in Kemerovo is in the new year.
 * - YOUNG_SUPPORTED: over the young specialists of the year (profile.ts isYoungSpecialistIn: стаж
 *   < 3 on the year's reference date, 1 January, and teaching by its end — so last year's figure
 *   counts the young specialists of last year), those with a mentoring session in the year within
 *   a pair in which they are the mentee and which overlaps the year.
 * - OBSERVED: a submitted lesson observation dated in the year.
 * Deleted rows (deletedAt set) never count. A value is null («нет данных»), never 0, when its
 * denominator is 0, and every figure of a year is null (numerator and denominator too) when the
 * scope recorded nothing in that year (yearHasData): a year before the app was used is no data,
 * not a year of zeros.
 */

export const INDICATOR_CODES = [
	'PD_QUALITY',
	'PD_ANY',
	'CATEGORY',
	'COMMUNITY',
	'COMPETITION',
	'IOM',
	'GROWTH_META',
	'GROWTH_SUBJECT',
	'DEFICITS_CLOSED',
	'YOUNG_SUPPORTED',
	'OBSERVED'
] as const;
export type IndicatorCode = (typeof INDICATOR_CODES)[number];

/** What the screen, the export and the RPC carry for one indicator. */
export interface IndicatorResult {
	code: IndicatorCode;
	numerator: number | null;
	denominator: number | null;
	/** Share 0..1; null when the denominator is 0 («нет данных») or the figure is suppressed. */
	value: number | null;
	/** Teachers left out of the denominator for want of data (growth); 0 elsewhere. */
	noData: number;
	/** The planned value for the year, when one is set. */
	target: number | null;
	/** The value a year earlier, same definitions. */
	previous: number | null;
	/** Withheld from an aggregate-only reader (disclosure.ts): its group is too small, or secondary. */
	suppressed: boolean;
	/**
	 * Withheld not for its own group but so that a smaller one cannot be worked out from it
	 * (complementary or differencing suppression: «скрыто, чтобы нельзя было вычислить…»).
	 */
	secondary?: boolean;
}

export interface IndicatorCount {
	code: IndicatorCode;
	numerator: number;
	denominator: number;
	noData: number;
}

/** A teacher counted in the scope, with the time zone of her school (instants are dated in it). */
export type IndicatorTeacher = Pick<
	Profile,
	'id' | 'experienceYears' | 'experienceAsOf' | 'category' | 'categoryExpiresOn'
> & { timeZone: string };

/** The teachers active in the scope and every row about them (rows of others are ignored). */
export interface IndicatorData {
	teachers: readonly IndicatorTeacher[];
	activities: readonly Pick<
		Activity,
		'teacherId' | 'kind' | 'startDate' | 'endDate' | 'completed' | 'qualityRelated' | 'deletedAt'
	>[];
	developmentPlans: readonly Pick<DevelopmentPlan, 'teacherId' | 'academicYear' | 'status' | 'deletedAt'>[];
	assessments: readonly Assessment[];
	frameworks: readonly Framework[];
	deficits: readonly Pick<Deficit, 'teacherId' | 'history' | 'deletedAt'>[];
	mentoringPairs: readonly Pick<MentoringPair, 'id' | 'menteeId' | 'startDate' | 'endDate' | 'deletedAt'>[];
	mentoringSessions: readonly Pick<MentoringSession, 'pairId' | 'menteeId' | 'date' | 'deletedAt'>[];
	observations: readonly Pick<Observation, 'teacherId' | 'status' | 'date' | 'deletedAt'>[];
}

// The IOM indicator's rule lives with the plan, so the dashboard's tiles count by it without
// loading the indicators (first load).
export { countsAsPlan };

export interface IndicatorOptions {
	/** Growth threshold (a setting); DEFAULT_GROWTH_THRESHOLD when left out. */
	threshold?: number;
	/**
	 * The monitoring stage chosen on screen (report-stage.ts): growth compares the entry with it
	 * (итоговая when left out); the other indicators are yearly and do not change.
	 */
	stage?: Stage | null;
}

const OPEN_DEFICIT: readonly DeficitStatus[] = ['identified', 'in_progress'];

function live<T extends { deletedAt: IsoDateTime | null }>(rows: readonly T[]): T[] {
	return rows.filter((r) => r.deletedAt === null);
}

function within(date: IsoDate, start: IsoDate, end: IsoDate): boolean {
	return date >= start && date <= end;
}

/** The activity overlaps [start, end]: a community without an end is ongoing, anything else lasts its start day. */
function overlaps(a: Pick<Activity, 'kind' | 'startDate' | 'endDate'>, start: IsoDate, end: IsoDate): boolean {
	const last = a.endDate ?? (a.kind === 'community' ? null : a.startDate);
	return a.startDate <= end && (last === null || last >= start);
}

function byTeacher<T extends { teacherId: Id }>(rows: readonly T[]): Map<Id, T[]> {
	const map = new Map<Id, T[]>();
	for (const row of rows) {
		const list = map.get(row.teacherId);
		if (list) list.push(row);
		else map.set(row.teacherId, [row]);
	}
	return map;
}

/** Later submission first, then the greater id: the one assessment of a kind and stage that counts. */
function later(a: Assessment, b: Assessment): Assessment {
	const ta = Date.parse(a.submittedAt ?? '');
	const tb = Date.parse(b.submittedAt ?? '');
	if (ta !== tb) return ta > tb ? a : b;
	return a.id > b.id ? a : b;
}

/**
 * A teacher's growth in a group for the year: true/false, or null («нет данных») when no kind has
 * a usable entry–final pair. See the module comment for which pair counts.
 */
export function growthOfTeacher(
	assessments: readonly Assessment[],
	frameworks: ReadonlyMap<Id, Framework>,
	year: number,
	group: CompetencyGroup,
	threshold: number = DEFAULT_GROWTH_THRESHOLD,
	stage: Stage | null = null
): boolean | null {
	const compared = comparedStage(stage);
	if (compared === 'entry') return null;
	for (const kind of ASSESSMENT_KINDS) {
		let entry: Assessment | null = null;
		let final: Assessment | null = null;
		for (const a of assessments) {
			if (a.deletedAt !== null || a.status !== 'submitted' || a.academicYear !== year || a.kind !== kind) continue;
			if (a.stage === 'entry') entry = entry ? later(entry, a) : a;
			else if (a.stage === compared) final = final ? later(final, a) : a;
		}
		if (!entry || !final) continue;
		const framework = frameworks.get(entry.frameworkId);
		if (!framework) continue;
		const grew = teacherGrowth(framework, entry, final, group, threshold);
		if (grew !== null) return grew;
	}
	return null;
}

// Instants already dated, by zone and instant: a report dates every status change for each year
// and group it looks at, and a lookup costs nanoseconds where formatToParts costs microseconds.
// Keyed by strings, so never stale; cleared when large.
const changeDates = new Map<string, IsoDate | null>();

/**
 * The date of a status change in the zone; null for a malformed instant, which then counts in no
 * year (the database refuses such a history: deficits_history_instants).
 */
function changeDate(at: IsoDateTime, timeZone: string): IsoDate | null {
	const key = `${timeZone} ${at}`;
	let date = changeDates.get(key);
	if (date === undefined) {
		date = isIsoDateTime(at) ? dateInZone(at, timeZone) : null;
		if (changeDates.size >= 50_000) changeDates.clear();
		changeDates.set(key, date);
	}
	return date;
}

/** Where the deficit stood in the year, from its history dated in the school's zone. */
function deficitInYear(
	history: Deficit['history'],
	start: IsoDate,
	end: IsoDate,
	timeZone: string
): { open: boolean; closed: boolean } {
	let atStart: DeficitStatus | null = null;
	let openInYear = false;
	let closedInYear = false;
	for (const change of history) {
		const date = changeDate(change.at, timeZone);
		if (date === null) continue;
		if (date < start) atStart = change.status;
		else if (date <= end) {
			if (OPEN_DEFICIT.includes(change.status)) openInYear = true;
			if (change.status === 'overcome') closedInYear = true;
		}
	}
	const open = openInYear || (atStart !== null && OPEN_DEFICIT.includes(atStart));
	return { open, closed: open && closedInYear };
}

/**
 * The rows of a group of teachers, gathered from indexes built once (row-index.ts), in their
 * original order: a report of many schools computes each school's figures from its own rows, not
 * by filtering every row of the municipality. Pairs are gathered by mentee (a session counts only
 * within a pair whose mentee she is), sessions by mentee.
 */
function rowsByTeacher(
	data: Omit<IndicatorData, 'teachers'>
): (teachers: readonly IndicatorTeacher[]) => IndicatorData {
	const activities = indexRows(data.activities, (r) => r.teacherId);
	const plans = indexRows(data.developmentPlans, (r) => r.teacherId);
	const assessments = indexRows(data.assessments, (r) => r.teacherId);
	const deficits = indexRows(data.deficits, (r) => r.teacherId);
	const pairs = indexRows(data.mentoringPairs, (r) => r.menteeId);
	const sessions = indexRows(data.mentoringSessions, (r) => r.menteeId);
	const observations = indexRows(data.observations, (r) => r.teacherId);
	return (teachers) => {
		const ids = teachers.map((t) => t.id);
		return {
			teachers,
			activities: activities.of(ids),
			developmentPlans: plans.of(ids),
			assessments: assessments.of(ids),
			frameworks: data.frameworks,
			deficits: deficits.of(ids),
			mentoringPairs: pairs.of(ids),
			mentoringSessions: sessions.of(ids),
			observations: observations.of(ids)
		};
	};
}

/** Numerators and denominators of every indicator for the teachers and the year, in INDICATOR_CODES order. */
export function countIndicators(data: IndicatorData, year: number, options: IndicatorOptions = {}): IndicatorCount[] {
	const threshold = options.threshold ?? DEFAULT_GROWTH_THRESHOLD;
	const { start, end } = academicYearBounds(year);
	const ids = new Set(data.teachers.map((t) => t.id));
	const mine = <T extends { teacherId: Id; deletedAt: IsoDateTime | null }>(rows: readonly T[]) =>
		byTeacher(live(rows).filter((r) => ids.has(r.teacherId)));
	const activities = mine(data.activities);
	const plans = mine(data.developmentPlans);
	const assessments = mine(data.assessments);
	const deficits = mine(data.deficits);
	const observations = mine(data.observations);
	const frameworks = new Map(data.frameworks.map((f) => [f.id, f]));
	const pairs = new Map(live(data.mentoringPairs).map((p) => [p.id, p]));
	const supported = new Set(
		live(data.mentoringSessions)
			.filter((s) => {
				const pair = pairs.get(s.pairId);
				return (
					within(s.date, start, end) &&
					pair !== undefined &&
					pair.menteeId === s.menteeId &&
					pair.startDate <= end &&
					(pair.endDate === null || pair.endDate >= start)
				);
			})
			.map((s) => s.menteeId)
	);

	const counts = new Map<IndicatorCode, IndicatorCount>(
		INDICATOR_CODES.map((code) => [code, { code, numerator: 0, denominator: 0, noData: 0 }])
	);
	const add = (code: IndicatorCode, numerator: boolean | number, denominator: boolean | number = 1) => {
		const c = counts.get(code)!;
		c.numerator += Number(numerator);
		c.denominator += Number(denominator);
	};

	for (const teacher of data.teachers) {
		const acts = activities.get(teacher.id) ?? [];
		const courses = acts.filter(
			(a) => a.kind === 'course' && a.completed && a.endDate !== null && within(a.endDate, start, end)
		);
		add(
			'PD_QUALITY',
			courses.some((a) => a.qualityRelated)
		);
		add('PD_ANY', courses.length > 0);
		add('CATEGORY', (teacher.category === 'highest' || teacher.category === 'first') && isCategoryValid(teacher, end));
		add(
			'COMMUNITY',
			acts.some((a) => (a.kind === 'community' || a.kind === 'competition') && overlaps(a, start, end))
		);
		add(
			'COMPETITION',
			acts.some((a) => a.kind === 'competition' && overlaps(a, start, end))
		);
		add(
			'IOM',
			(plans.get(teacher.id) ?? []).some((p) => p.academicYear === year && countsAsPlan(p))
		);

		const own = assessments.get(teacher.id) ?? [];
		for (const [code, group] of [
			['GROWTH_META', 'meta'],
			['GROWTH_SUBJECT', 'subject']
		] as const) {
			const grew = growthOfTeacher(own, frameworks, year, group, threshold, options.stage ?? null);
			if (grew === null) counts.get(code)!.noData += 1;
			else add(code, grew);
		}

		let open = 0;
		let closed = 0;
		for (const d of deficits.get(teacher.id) ?? []) {
			const state = deficitInYear(d.history, start, end, teacher.timeZone);
			open += Number(state.open);
			closed += Number(state.closed);
		}
		add('DEFICITS_CLOSED', closed, open);

		if (isYoungSpecialistIn(teacher, year)) add('YOUNG_SUPPORTED', supported.has(teacher.id));
		add(
			'OBSERVED',
			(observations.get(teacher.id) ?? []).some((o) => o.status === 'submitted' && within(o.date, start, end))
		);
	}
	return INDICATOR_CODES.map((code) => counts.get(code)!);
}

/**
 * The scope recorded something in the year: one of its teachers has a live activity overlapping
 * it, a plan for it (a draft too), a submitted assessment of it, a deficit status change dated in
 * it (in the school's zone), a mentoring session or an observation (a draft too) dated in it.
 * Without any, every figure of the year is «нет данных» (computeIndicators).
 */
export function yearHasData(data: IndicatorData, year: number): boolean {
	const { start, end } = academicYearBounds(year);
	const zones = new Map(data.teachers.map((t) => [t.id, t.timeZone]));
	const mine = (teacherId: Id, deletedAt: IsoDateTime | null) => !deletedAt && zones.has(teacherId);
	return (
		data.activities.some((a) => mine(a.teacherId, a.deletedAt) && overlaps(a, start, end)) ||
		data.developmentPlans.some((p) => mine(p.teacherId, p.deletedAt) && p.academicYear === year) ||
		data.assessments.some(
			(a) => mine(a.teacherId, a.deletedAt) && a.status === 'submitted' && a.academicYear === year
		) ||
		data.deficits.some(
			(d) =>
				mine(d.teacherId, d.deletedAt) &&
				d.history.some((h) => {
					const date = changeDate(h.at, zones.get(d.teacherId)!);
					return date !== null && within(date, start, end);
				})
		) ||
		data.mentoringSessions.some((s) => mine(s.menteeId, s.deletedAt) && within(s.date, start, end)) ||
		data.observations.some((o) => mine(o.teacherId, o.deletedAt) && within(o.date, start, end))
	);
}

function share(c: IndicatorCount): number | null {
	return c.denominator === 0 ? null : c.numerator / c.denominator;
}

export interface ComputeOptions extends IndicatorOptions {
	/** Planned values for the year by code (resolved for the scope: see targetsFor). */
	targets?: Partial<Record<IndicatorCode, number>>;
}

/**
 * Every indicator for the year with its target and the previous year's value, for one group of
 * teachers as a reader who sees individuals gets it (an aggregate-only reader gets
 * indicatorsReport's figures).
 */
export function computeIndicators(data: IndicatorData, year: number, options: ComputeOptions = {}): IndicatorResult[] {
	const current = countIndicators(data, year, options);
	const before = countIndicators(data, year - 1, options);
	const hasData = yearHasData(data, year);
	const hadData = yearHasData(data, year - 1);
	return current.map((c, i) => {
		const target = options.targets?.[c.code] ?? null;
		const previous = hadData ? share(before[i]!) : null;
		if (!hasData)
			return {
				code: c.code,
				numerator: null,
				denominator: null,
				value: null,
				noData: 0,
				target,
				previous,
				suppressed: false,
				secondary: false
			};
		return {
			code: c.code,
			numerator: c.numerator,
			denominator: c.denominator,
			value: share(c),
			noData: c.noData,
			target,
			previous,
			suppressed: false,
			secondary: false
		};
	});
}

// ——— Disclosure control (disclosure.ts) ———————————————————————————————————————————————

/** The family of each indicator: whose group it rests on. */
const FAMILY: Record<IndicatorCode, 'teachers' | 'growthMeta' | 'growthSubject' | 'deficits' | 'young'> = {
	PD_QUALITY: 'teachers',
	PD_ANY: 'teachers',
	CATEGORY: 'teachers',
	COMMUNITY: 'teachers',
	COMPETITION: 'teachers',
	IOM: 'teachers',
	GROWTH_META: 'growthMeta',
	GROWTH_SUBJECT: 'growthSubject',
	DEFICITS_CLOSED: 'deficits',
	YOUNG_SUPPORTED: 'young',
	OBSERVED: 'teachers'
};

/** The stages growth has a column at (at the entry stage nobody has a pair). */
export const GROWTH_STAGES = ['intermediate', 'final'] as const satisfies readonly Stage[];

/** A teacher of the universe with her school. */
export type ScopedIndicatorTeacher = IndicatorTeacher & { schoolId: Id };

export interface IndicatorsBlock {
	teachers: number;
	/** The whole block is withheld (the group is below N, or secondary). */
	suppressed: boolean;
	secondary: boolean;
	indicators: IndicatorResult[];
}

export interface IndicatorsReport {
	scope: IndicatorsBlock;
	/** Per school of an aggregate scope, in the order of scope.schools; [] for a school scope. */
	schools: (IndicatorsBlock & { schoolId: Id })[];
}

export interface IndicatorsReportOptions {
	year: number;
	stage?: Stage | null;
	access: 'school' | 'municipal' | 'admin';
	settings: DisclosureSettings;
	/** disclosureYears of the years offered: every year a figure may be shown for. */
	years: readonly number[];
	/** Planned values for an organisation (the scope or a school). */
	targets?: (organizationId: Id) => Partial<Record<IndicatorCode, number>>;
}

/**
 * Per teacher, her column ids in the families whose group changes with the stage or year:
 * growth per year × stage (GROWTH_STAGES), an open deficit per year, a young specialist per year.
 */
export function indicatorSignatures(
	data: IndicatorData,
	years: readonly number[],
	threshold: number
): Map<Id, { growthMeta: number[]; growthSubject: number[]; deficits: number[]; young: number[] }> {
	const frameworks = new Map(data.frameworks.map((f) => [f.id, f]));
	const ids = new Set(data.teachers.map((t) => t.id));
	const mine = <T extends { teacherId: Id; deletedAt: IsoDateTime | null }>(rows: readonly T[]) =>
		byTeacher(live(rows).filter((r) => ids.has(r.teacherId)));
	const assessments = mine(data.assessments);
	const deficits = mine(data.deficits);
	const out = new Map<Id, { growthMeta: number[]; growthSubject: number[]; deficits: number[]; young: number[] }>();
	for (const teacher of data.teachers) {
		const own = assessments.get(teacher.id) ?? [];
		const growth = (group: CompetencyGroup) =>
			years.flatMap((y) =>
				GROWTH_STAGES.map((stage) => (growthOfTeacher(own, frameworks, y, group, threshold, stage) === null ? 0 : 1))
			);
		out.set(teacher.id, {
			growthMeta: growth('meta'),
			growthSubject: growth('subject'),
			deficits: years.map((y) => {
				const { start, end } = academicYearBounds(y);
				return (deficits.get(teacher.id) ?? []).some((d) => deficitInYear(d.history, start, end, teacher.timeZone).open)
					? 1
					: 0;
			}),
			young: years.map((y) => (isYoungSpecialistIn(teacher, y) ? 1 : 0))
		});
	}
	return out;
}

function withheldIndicator(code: IndicatorCode, target: number | null, secondary: boolean): IndicatorResult {
	return {
		code,
		numerator: null,
		denominator: null,
		value: null,
		noData: 0,
		target,
		previous: null,
		suppressed: true,
		secondary
	};
}

/**
 * The indicators of a scope — the scope's figures and, for an aggregate scope, each school's —
 * as public.report_indicators gives them: in full to the school's own methodist, and under
 * disclosure control (disclosure.ts) to an aggregate-only reader. `data.teachers` are the
 * teachers of every school of `scope.universe` (for a school reader, of the school).
 */
export function indicatorsReport(
	data: Omit<IndicatorData, 'teachers'> & { teachers: readonly ScopedIndicatorTeacher[] },
	scope: ReportScope,
	options: IndicatorsReportOptions
): IndicatorsReport {
	const { year } = options;
	const stage = options.stage ?? null;
	const threshold = options.settings.growthThreshold;
	const targetsOf = (org: Id) => options.targets?.(org) ?? {};
	const inScope = new Set(scope.schools);
	const bySchool = indexRows(data.teachers, (t) => t.schoolId);
	const teachersOf = (schools: ReadonlySet<Id>) => bySchool.of(schools);
	const rowsOf = rowsByTeacher(data);
	const raw = (schools: ReadonlySet<Id>, org: Id) =>
		computeIndicators(rowsOf(teachersOf(schools)), year, { stage, threshold, targets: targetsOf(org) });
	const listed = scope.kind === 'school' ? [] : scope.schools;

	if (options.access === 'school') {
		const plain = (schools: ReadonlySet<Id>, org: Id): IndicatorsBlock => ({
			teachers: teachersOf(schools).length,
			suppressed: false,
			secondary: false,
			indicators: raw(schools, org)
		});
		return {
			scope: plain(inScope, scope.id),
			schools: listed.map((id) => ({ schoolId: id, ...plain(new Set([id]), id) }))
		};
	}

	const min = options.settings.minGroupSize;
	const universe = new Set(scope.universe.map((s) => s.id));
	const all = data.teachers.filter((t) => universe.has(t.schoolId));
	const allBySchool = indexRows(all, (t) => t.schoolId);
	const heads = new Map(scope.universe.map((s) => [s.id, allBySchool.get(s.id).length]));
	const whole = protectFamily(
		scope.universe,
		new Map([...heads].map(([id, n]) => [id, [n]])),
		new Set(),
		{ units: [0] },
		min
	);
	const forced = new Set(
		scope.universe.filter((s) => heads.get(s.id)! < min || whole.hidden.has(s.id)).map((s) => s.id)
	);

	const years = [...new Set([...options.years, year - 1, year])].sort((a, b) => a - b);
	const signatures = indicatorSignatures({ ...data, teachers: all }, years, threshold);
	const growthUnits = years.flatMap((_, y) => GROWTH_STAGES.map((_, s) => y * GROWTH_STAGES.length + s));
	const yearUnits = years.map((_, y) => y);
	const kinds = ['growthMeta', 'growthSubject', 'deficits', 'young'] as const;
	const families = Object.fromEntries(
		kinds.map((kind) => {
			const units = kind.startsWith('growth') ? growthUnits : yearUnits;
			const measures = new Map(
				scope.universe.map((s) => [
					s.id,
					measuresOf(
						allBySchool.get(s.id).map((t) => signatures.get(t.id)![kind]),
						units.length
					)
				])
			);
			return [kind, { units, measures, result: protectFamily(scope.universe, measures, forced, { units }, min) }];
		})
	) as Record<
		(typeof kinds)[number],
		{ units: number[]; measures: Map<Id, number[]>; result: ReturnType<typeof protectFamily> }
	>;

	/** The column of a year in a family (null: none, growth at the entry stage). */
	const column = (kind: (typeof kinds)[number], y: number): number | null => {
		const at = years.indexOf(y);
		if (!kind.startsWith('growth')) return at;
		const s = GROWTH_STAGES.indexOf(comparedStage(stage) as (typeof GROWTH_STAGES)[number]);
		return s < 0 ? null : at * GROWTH_STAGES.length + s;
	};

	const block = (schools: ReadonlySet<Id>, org: Id, asSchool: boolean): IndicatorsBlock => {
		const teachers = teachersOf(schools).length;
		const figures = raw(schools, org);
		const totalOff = asSchool ? null : whole.off.get(org)?.[0] || teachers < min;
		const withheldWhole = asSchool ? forced.has(org) : totalOff;
		if (withheldWhole) {
			const secondary = teachers >= min;
			return {
				teachers,
				suppressed: true,
				secondary,
				indicators: figures.map((r) => withheldIndicator(r.code, r.target, secondary))
			};
		}
		const sum = (kind: (typeof kinds)[number], c: number) =>
			[...schools].reduce((n, id) => n + families[kind].measures.get(id)![c]!, 0);
		const indicators = figures.map((r) => {
			const kind = FAMILY[r.code];
			if (kind === 'teachers') return r;
			const now = column(kind, year);
			if (now === null) return r;
			const before = column(kind, year - 1)!;
			const family = families[kind];
			const hidden = asSchool ? family.result.hidden.has(org) : !!family.result.off.get(org)?.[family.units[now]!];
			if (hidden) return withheldIndicator(r.code, r.target, !few(sum(kind, now), min));
			const previousHidden = asSchool ? false : !!family.result.off.get(org)?.[family.units[before]!];
			return previousHidden ? { ...r, previous: null } : r;
		});
		return { teachers, suppressed: false, secondary: false, indicators };
	};

	return {
		scope: block(inScope, scope.id, scope.kind === 'school'),
		schools: listed.map((id) => ({ schoolId: id, ...block(new Set([id]), id, true) }))
	};
}

export interface TargetRow {
	organizationId: Id;
	academicYear: number;
	code: IndicatorCode;
	value: number;
	deletedAt: IsoDateTime | null;
}

/**
 * The planned values that apply to a scope: its own, else the nearest ancestor's (a municipality's
 * target holds for its schools until a school sets its own). `chain` is the scope first, then its
 * ancestors nearest first.
 */
export function targetsFor(
	rows: readonly TargetRow[],
	chain: readonly Id[],
	year: number
): Partial<Record<IndicatorCode, number>> {
	const result: Partial<Record<IndicatorCode, number>> = {};
	for (const code of INDICATOR_CODES) {
		for (const org of chain) {
			const row = rows.find(
				(r) => r.deletedAt === null && r.academicYear === year && r.code === code && r.organizationId === org
			);
			if (row) {
				result[code] = row.value;
				break;
			}
		}
	}
	return result;
}

/** The target is set and the value reaches it (met), falls short (missed), or either is unknown. */
export function targetStatus(result: Pick<IndicatorResult, 'value' | 'target'>): 'met' | 'missed' | null {
	if (result.value === null || result.target === null) return null;
	return result.value >= result.target - 1e-9 ? 'met' : 'missed';
}
