import { academicYearBounds } from './academic-year';
import { STAGE_ORDER, type Assessment, type AssessmentKind, type Stage } from './assessment';
import type { Id, IsoDate } from './common';
import type { Deficit } from './deficit';
import type { DevelopmentPlan, PlanAction } from './development-plan';
import { COMPETENCY_GROUPS, type CompetencyGroup, type Framework } from './framework';
import { DEFAULT_GROWTH_THRESHOLD, showsGrowth } from './growth';
import type { MentoringPair } from './mentoring';
import type { Observation } from './observation';
import { isFew, measuresOf, protectFamily, type DisclosureSettings, type ReportScope } from './disclosure';
import { isYoungSpecialistIn } from './profile';
import { comparedStage, isAtOrBefore } from './report-stage';
import { indexRows } from './row-index';
import { competencyMean, groupMean } from './scoring';

/**
 * Competence growth of a scope in an academic year (DOMAIN.md, "Indicators the methodist sees"):
 * entry vs final per competency and group, the share showing growth, the heat map, the most
 * frequent deficits, plan completion, mentoring coverage and observations per teacher. SQL twin:
 * public.report_competence (supabase/migrations/20261122000800_competence_reports.sql, reshaped
 * with stages in 20261122001100_report_stages.sql); a db test
 * compares every figure, so a change here is a change there.
 *
 * Definitions both sides share:
 * - Assessments counted: live, submitted, of the report's kind (self by default), framework and
 *   academic year. Of several of one stage, a teacher's latest submitted one counts (a correction
 *   is a new assessment); equal instants fall to the greater id.
 * - Means are means over teachers of each teacher's indicator mean (scoring.ts), so a teacher
 *   weighs the same however many indicators they answered.
 * - Entry vs final and growth count only teachers with both an entry and a final assessment; the
 *   others are `noData` («нет данных»), never a zero. A report at another stage (report-stage.ts)
 *   compares the entry with that stage; at the entry stage nobody has a pair.
 * - Heat map: each teacher's assessment of the latest stage they have in the year, up to the
 *   report's stage; a deficit is open while выявлен or в работе (its current status: deficits
 *   carry no year).
 * - Plan completion: actions done over actions not cancelled, of live plans for the year.
 * - Mentoring coverage: young specialists of the year (profile.ts isYoungSpecialistIn: стаж < 3 on
 *   its reference date) who are the mentee of a live pair of any status
 *   whose term overlaps the year — the pairs YOUNG_SUPPORTED (indicators.ts) counts sessions in,
 *   so coverage is never below that indicator.
 * - Observations: submitted, live, dated within the year, per teacher of the group.
 * - For municipal and admin readers every figure resting on fewer than MIN_GROUP_SIZE teachers is
 *   null with `suppressed: true`: a whole school below it, and inside a shown group any mean or
 *   share over one to four teachers (one teacher's entry vs final would be that teacher's
 *   answers). A figure over no teacher reveals nobody and stays «нет данных».
 */

export type ReportAccess = 'school' | 'municipal' | 'admin';

export type ReportAssessment = Pick<
	Assessment,
	| 'id'
	| 'teacherId'
	| 'frameworkId'
	| 'kind'
	| 'stage'
	| 'academicYear'
	| 'status'
	| 'scores'
	| 'submittedAt'
	| 'deletedAt'
>;
export type ReportDeficit = Pick<Deficit, 'teacherId' | 'competencyId' | 'status' | 'deletedAt'>;
export type ReportPlan = Pick<DevelopmentPlan, 'id' | 'teacherId' | 'academicYear' | 'deletedAt'>;
export type ReportAction = Pick<PlanAction, 'planId' | 'status' | 'deletedAt'>;
export type ReportPair = Pick<MentoringPair, 'menteeId' | 'startDate' | 'endDate' | 'deletedAt'>;
export type ReportObservation = Pick<Observation, 'teacherId' | 'status' | 'date' | 'deletedAt'>;

/** A teacher active in the scope (private.report_teachers) with the profile fields needed (стаж on a date). */
export interface ReportTeacher {
	id: Id;
	schoolId: Id;
	experienceYears: number;
	experienceAsOf: IsoDate | null;
}

export interface CompetenceInput {
	academicYear: number;
	framework: Framework;
	teachers: readonly ReportTeacher[];
	assessments: readonly ReportAssessment[];
	deficits: readonly ReportDeficit[];
	plans: readonly ReportPlan[];
	actions: readonly ReportAction[];
	pairs: readonly ReportPair[];
	observations: readonly ReportObservation[];
	kind?: AssessmentKind;
	threshold?: number;
	/** The monitoring stage looked at (report-stage.ts); итоговая when left out. */
	stage?: Stage | null;
}

export interface CompetencyRow {
	competencyId: string;
	group: CompetencyGroup;
	/** Teachers with both an entry and a final assessment. */
	teachers: number;
	entry: number | null;
	final: number | null;
	suppressed: boolean;
	/** Withheld to protect another group (disclosure.ts), not for its own size. */
	secondary?: boolean;
}

export interface GroupRow {
	group: CompetencyGroup;
	teachers: number;
	entry: number | null;
	final: number | null;
	/** Teachers showing growth over those with both assessments; noData: the group's teachers left out. */
	growth: { numerator: number | null; denominator: number | null; value: number | null; noData: number | null };
	suppressed: boolean;
	secondary?: boolean;
}

export interface HeatCell {
	competencyId: string;
	/** Teachers with an assessment in the year (the mean's base). */
	assessed: number;
	mean: number | null;
	/** Teachers with an open deficit of the competency, and their share of the group's teachers. */
	deficitTeachers: number;
	deficitShare: number | null;
	/** The mean is withheld from an aggregate-only reader (disclosure.ts). */
	suppressed: boolean;
	secondary?: boolean;
}

export interface DeficitCount {
	competencyId: string;
	teachers: number;
}

export interface Ratio {
	numerator: number | null;
	denominator: number | null;
	value: number | null;
	suppressed: boolean;
	secondary?: boolean;
}

export interface CompetenceBlock {
	teachers: number;
	/** Withheld whole from an aggregate-only reader: every figure below is null. */
	suppressed: boolean;
	/** Withheld whole although the group holds N teachers: to protect a smaller school (disclosure.ts). */
	secondary?: boolean;
	competencies: CompetencyRow[] | null;
	groups: GroupRow[] | null;
	heatmap: HeatCell[] | null;
	/** Most frequent open deficits first; ties by competency id. */
	topDeficits: DeficitCount[] | null;
	planCompletion: Ratio | null;
	mentoring: Ratio | null;
	observations: { count: number; teachers: number; perTeacher: number | null } | null;
}

export interface CompetenceReport {
	scope: CompetenceBlock;
	schools: (CompetenceBlock & { schoolId: Id })[];
}

const OPEN_DEFICIT = new Set(['identified', 'in_progress']);

const mean = (values: readonly number[]): number | null =>
	values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;

const share = (numerator: number, denominator: number): number | null =>
	denominator === 0 ? null : numerator / denominator;

/** Greater wins: later submission, then greater id. */
function isLater(a: ReportAssessment, b: ReportAssessment): boolean {
	const ta = Date.parse(a.submittedAt ?? '');
	const tb = Date.parse(b.submittedAt ?? '');
	return ta !== tb ? ta > tb : a.id > b.id;
}

interface TeacherAssessments {
	entry?: ReportAssessment;
	final?: ReportAssessment;
	latest?: ReportAssessment;
}

function assessmentsByTeacher(input: CompetenceInput, teacherIds: ReadonlySet<Id>): Map<Id, TeacherAssessments> {
	const kind = input.kind ?? 'self';
	const compared = comparedStage(input.stage);
	const byTeacher = new Map<Id, TeacherAssessments>();
	for (const a of input.assessments) {
		if (a.deletedAt !== null || a.status !== 'submitted' || a.kind !== kind) continue;
		if (a.frameworkId !== input.framework.id || a.academicYear !== input.academicYear || !teacherIds.has(a.teacherId))
			continue;
		// Not yet taken at the stage the report looks at.
		if (!isAtOrBefore(a.stage, compared)) continue;
		const slot = byTeacher.get(a.teacherId) ?? {};
		if (a.stage === 'entry' && (!slot.entry || isLater(a, slot.entry))) slot.entry = a;
		// The assessment compared with the entry: none at the entry stage itself.
		if (compared !== 'entry' && a.stage === compared && (!slot.final || isLater(a, slot.final))) slot.final = a;
		const latest = slot.latest;
		if (!latest || STAGE_ORDER[a.stage] > STAGE_ORDER[latest.stage] || (a.stage === latest.stage && isLater(a, latest)))
			slot.latest = a;
		byTeacher.set(a.teacherId, slot);
	}
	return byTeacher;
}

function overlapsYear(pair: ReportPair, academicYear: number): boolean {
	const { start, end } = academicYearBounds(academicYear);
	return pair.startDate <= end && (pair.endDate === null || pair.endDate >= start);
}

/** Every figure over one group of teachers, before suppression. */
export function competenceBlock(input: CompetenceInput, teachers: readonly ReportTeacher[]): CompetenceBlock {
	const { framework, academicYear } = input;
	const threshold = input.threshold ?? DEFAULT_GROWTH_THRESHOLD;
	const ids = new Set(teachers.map((t) => t.id));
	const byTeacher = [...assessmentsByTeacher(input, ids).values()];
	const paired = byTeacher.filter((s) => s.entry && s.final) as Required<Pick<TeacherAssessments, 'entry' | 'final'>>[];

	const competencies: CompetencyRow[] = framework.competencies.map((c) => {
		const both = paired
			.map(
				(s) =>
					[competencyMean(framework, s.entry.scores, c.id), competencyMean(framework, s.final.scores, c.id)] as const
			)
			.filter((m): m is readonly [number, number] => m[0] !== null && m[1] !== null);
		return {
			competencyId: c.id,
			group: c.group,
			teachers: both.length,
			entry: mean(both.map((m) => m[0])),
			final: mean(both.map((m) => m[1])),
			suppressed: false,
			secondary: false
		};
	});

	const groups: GroupRow[] = COMPETENCY_GROUPS.map((group) => {
		const both = paired
			.map((s) => [groupMean(framework, s.entry.scores, group), groupMean(framework, s.final.scores, group)] as const)
			.filter((m): m is readonly [number, number] => m[0] !== null && m[1] !== null);
		const grown = both.filter(([entry, final]) => showsGrowth(entry, final, threshold)).length;
		return {
			group,
			teachers: both.length,
			entry: mean(both.map((m) => m[0])),
			final: mean(both.map((m) => m[1])),
			growth: {
				numerator: grown,
				denominator: both.length,
				value: share(grown, both.length),
				noData: ids.size - both.length
			},
			suppressed: false,
			secondary: false
		};
	});

	const openDeficits = input.deficits.filter(
		(d) => d.deletedAt === null && OPEN_DEFICIT.has(d.status) && ids.has(d.teacherId)
	);
	const teachersWithDeficit = (competencyId: string) =>
		new Set(openDeficits.filter((d) => d.competencyId === competencyId).map((d) => d.teacherId)).size;

	const heatmap: HeatCell[] = framework.competencies.map((c) => {
		const means = byTeacher
			.map((s) => (s.latest ? competencyMean(framework, s.latest.scores, c.id) : null))
			.filter((m): m is number => m !== null);
		const deficitTeachers = teachersWithDeficit(c.id);
		return {
			competencyId: c.id,
			assessed: means.length,
			mean: mean(means),
			deficitTeachers,
			deficitShare: share(deficitTeachers, ids.size),
			suppressed: false,
			secondary: false
		};
	});

	const topDeficits = [...new Set(openDeficits.map((d) => d.competencyId))]
		.map((competencyId) => ({ competencyId, teachers: teachersWithDeficit(competencyId) }))
		.sort(
			(a, b) =>
				b.teachers - a.teachers || (a.competencyId < b.competencyId ? -1 : a.competencyId > b.competencyId ? 1 : 0)
		);

	const planIds = new Set(
		input.plans
			.filter((p) => p.deletedAt === null && p.academicYear === academicYear && ids.has(p.teacherId))
			.map((p) => p.id)
	);
	const counted = input.actions.filter(
		(a) => a.deletedAt === null && a.status !== 'cancelled' && planIds.has(a.planId)
	);
	const done = counted.filter((a) => a.status === 'done').length;

	const young = teachers.filter((t) => isYoungSpecialistIn(t, academicYear));
	const mentored = new Set(
		input.pairs.filter((p) => p.deletedAt === null && overlapsYear(p, academicYear)).map((p) => p.menteeId)
	);
	const covered = young.filter((t) => mentored.has(t.id)).length;

	const { start, end } = academicYearBounds(academicYear);
	const observed = input.observations.filter(
		(o) => o.deletedAt === null && o.status === 'submitted' && o.date >= start && o.date <= end && ids.has(o.teacherId)
	).length;

	return {
		teachers: ids.size,
		suppressed: false,
		secondary: false,
		competencies,
		groups,
		heatmap,
		topDeficits,
		planCompletion: {
			numerator: done,
			denominator: counted.length,
			value: share(done, counted.length),
			suppressed: false,
			secondary: false
		},
		mentoring: {
			numerator: covered,
			denominator: young.length,
			value: share(covered, young.length),
			suppressed: false,
			secondary: false
		},
		observations: { count: observed, teachers: ids.size, perTeacher: share(observed, ids.size) }
	};
}

/**
 * The input's rows of a group of teachers, gathered from indexes built once (row-index.ts), in
 * their original order: each school's block costs its own rows, not every row of the
 * municipality. Actions follow their plans; pairs are gathered by mentee (coverage asks only
 * whether the group's young specialists are mentees).
 */
function rowsByTeacher(input: CompetenceInput): (teachers: readonly ReportTeacher[]) => CompetenceInput {
	const assessments = indexRows(input.assessments, (r) => r.teacherId);
	const deficits = indexRows(input.deficits, (r) => r.teacherId);
	const plans = indexRows(input.plans, (r) => r.teacherId);
	const actions = indexRows(input.actions, (r) => r.planId);
	const pairs = indexRows(input.pairs, (r) => r.menteeId);
	const observations = indexRows(input.observations, (r) => r.teacherId);
	return (teachers) => {
		const ids = teachers.map((t) => t.id);
		const own = plans.of(ids);
		return {
			...input,
			teachers,
			assessments: assessments.of(ids),
			deficits: deficits.of(ids),
			plans: own,
			actions: actions.of(own.map((p) => p.id)),
			pairs: pairs.of(ids),
			observations: observations.of(ids)
		};
	};
}

/** A group withheld whole from an aggregate-only reader: its size and nothing else. */
export function withheldBlock(teachers: number, secondary = false): CompetenceBlock {
	return {
		teachers,
		suppressed: true,
		secondary,
		competencies: null,
		groups: null,
		heatmap: null,
		topDeficits: null,
		planCompletion: null,
		mentoring: null,
		observations: null
	};
}

// ——— Disclosure control (disclosure.ts) ———————————————————————————————————————————————

/**
 * The columns of a competency's family: the heat map's mean at each stage and the competency
 * row's entry and compared means at the stages that compare (the entry mean of a row is the same
 * assessment at both stages, so the rows and the heat map are one family). A teacher's id in a
 * column is the stage of the assessment counted (1 entry, 2 intermediate, 3 final), 0 for none.
 */
export const COMPETENCY_COLUMNS = [
	'heat:entry',
	'heat:intermediate',
	'heat:final',
	'entry:intermediate',
	'compared:intermediate',
	'entry:final',
	'compared:final'
] as const;
/** Publication units of those columns: the heat map at each stage, the row at each comparing stage. */
const COMPETENCY_UNITS = [0, 1, 2, 3, 3, 4, 4];
/** The group rows' columns (group means instead of competency means) and units. */
const GROUP_UNITS = [0, 0, 1, 1];
const SLOT: Record<Stage, number> = { entry: 1, intermediate: 2, final: 3 };

/** Each teacher's latest counted assessment of each stage (kind, framework, year of the input). */
function stageSlots(
	input: CompetenceInput,
	teacherIds: ReadonlySet<Id>
): Map<Id, Partial<Record<Stage, ReportAssessment>>> {
	const kind = input.kind ?? 'self';
	const out = new Map<Id, Partial<Record<Stage, ReportAssessment>>>();
	for (const a of input.assessments) {
		if (a.deletedAt !== null || a.status !== 'submitted' || a.kind !== kind) continue;
		if (a.frameworkId !== input.framework.id || a.academicYear !== input.academicYear || !teacherIds.has(a.teacherId))
			continue;
		const slots = out.get(a.teacherId) ?? {};
		const held = slots[a.stage];
		if (!held || isLater(a, held)) slots[a.stage] = a;
		out.set(a.teacherId, slots);
	}
	return out;
}

/**
 * Per teacher, her ids in every family of the competence report whose group changes with the
 * stage or the year: per competency (COMPETENCY_COLUMNS), per group (the rows' columns with group
 * means), the plan (a counted action in a plan of the year, per year) and the young specialists
 * (per year, as indicators.ts).
 */
export function competenceSignatures(
	input: CompetenceInput,
	teachers: readonly ReportTeacher[],
	years: readonly number[]
): Map<Id, { competencies: number[][]; groups: number[][]; plan: number[]; young: number[] }> {
	const { framework } = input;
	const ids = new Set(teachers.map((t) => t.id));
	const slots = stageSlots(input, ids);
	const plans = new Map(input.plans.filter((p) => p.deletedAt === null && ids.has(p.teacherId)).map((p) => [p.id, p]));
	const acting = new Set(
		input.actions
			.filter((a) => a.deletedAt === null && a.status !== 'cancelled' && plans.has(a.planId))
			.map((a) => `${plans.get(a.planId)!.teacherId}/${plans.get(a.planId)!.academicYear}`)
	);
	const out = new Map<Id, { competencies: number[][]; groups: number[][]; plan: number[]; young: number[] }>();
	for (const t of teachers) {
		const own = slots.get(t.id) ?? {};
		const latest = (stage: Stage) =>
			(['final', 'intermediate', 'entry'] as const).find((s) => SLOT[s] <= SLOT[stage] && own[s]);
		const columns = (meanOf: (a: ReportAssessment) => number | null) => {
			const heat = (['entry', 'intermediate', 'final'] as const).map((stage) => {
				const s = latest(stage);
				return s && meanOf(own[s]!) !== null ? SLOT[s] : 0;
			});
			const pair = (stage: 'intermediate' | 'final') => {
				const ok = own.entry && own[stage] && meanOf(own.entry) !== null && meanOf(own[stage]!) !== null;
				return ok ? [SLOT.entry, SLOT[stage]] : [0, 0];
			};
			return { heat, rows: [...pair('intermediate'), ...pair('final')] };
		};
		out.set(t.id, {
			competencies: framework.competencies.map((c) => {
				const { heat, rows } = columns((a) => competencyMean(framework, a.scores, c.id));
				return [...heat, ...rows];
			}),
			groups: COMPETENCY_GROUPS.map((g) => columns((a) => groupMean(framework, a.scores, g)).rows),
			plan: years.map((y) => (acting.has(`${t.id}/${y}`) ? 1 : 0)),
			young: years.map((y) => (isYoungSpecialistIn(t, y) ? 1 : 0))
		});
	}
	return out;
}

export interface CompetenceReportOptions {
	access: ReportAccess;
	settings: DisclosureSettings;
	/** disclosureYears of the years offered. */
	years: readonly number[];
}

/**
 * The competence report of a scope as public.report_competence gives it: the scope's block and,
 * for an aggregate scope, each school's (in the order of scope.schools). The school's own
 * methodist sees every figure; an aggregate-only reader gets them under disclosure control
 * (disclosure.ts): a school withheld whole when it has fewer than N teachers or must be withheld
 * to protect one; within a shown school, a competency's heat-map mean and row, a group row, the
 * plan completion and the mentoring coverage by their own families; growth per group is left to
 * the indicators (GROWTH_META, GROWTH_SUBJECT), which show it under their own protection — the two
 * figures are often the same, and two protections of one figure could be played off each other.
 * `input.teachers` are the teachers of every school of the universe (for a school reader, of the school).
 */
export function competenceReport(
	input: CompetenceInput,
	scope: ReportScope,
	options: CompetenceReportOptions
): CompetenceReport {
	const inScope = new Set(scope.schools);
	const listed = scope.kind === 'school' ? [] : scope.schools;
	const teachersBySchool = indexRows(input.teachers, (t) => t.schoolId);
	const teachersOf = (schools: ReadonlySet<Id>) => teachersBySchool.of(schools);
	const rowsOf = rowsByTeacher(input);
	const raw = (schools: ReadonlySet<Id>) => {
		const teachers = teachersOf(schools);
		return competenceBlock(rowsOf(teachers), teachers);
	};
	if (options.access === 'school') {
		return { scope: raw(inScope), schools: listed.map((id) => ({ schoolId: id, ...raw(new Set([id])) })) };
	}

	const min = options.settings.minGroupSize;
	const universe = new Set(scope.universe.map((s) => s.id));
	const all = input.teachers.filter((t) => universe.has(t.schoolId));
	const allBySchool = indexRows(all, (t) => t.schoolId);
	const bySchool = new Map(scope.universe.map((s) => [s.id, allBySchool.get(s.id)]));
	const heads = new Map([...bySchool].map(([id, list]) => [id, [list.length]]));
	const whole = protectFamily(scope.universe, heads, new Set(), { units: [0] }, min);
	const forced = new Set(
		scope.universe.filter((s) => heads.get(s.id)![0]! < min || whole.hidden.has(s.id)).map((s) => s.id)
	);

	const years = [...new Set([...options.years, input.academicYear - 1, input.academicYear])].sort((a, b) => a - b);
	const signatures = competenceSignatures(input, all, years);
	const measures = (pick: (sig: ReturnType<typeof signatures.get> & object) => number[], columns: number) =>
		new Map(
			scope.universe.map((s) => [
				s.id,
				measuresOf(
					bySchool.get(s.id)!.map((t) => pick(signatures.get(t.id)!)),
					columns
				)
			])
		);
	const family = (units: number[], pick: Parameters<typeof measures>[0], forcedSet: ReadonlySet<Id>) => {
		const m = measures(pick, units.length);
		return { units, measures: m, result: protectFamily(scope.universe, m, forcedSet, { units }, min) };
	};
	const competencies = input.framework.competencies.map((_, k) =>
		family(COMPETENCY_UNITS, (sig) => sig.competencies[k]!, forced)
	);
	const groups = COMPETENCY_GROUPS.map((g, gi) => {
		const members = input.framework.competencies.flatMap((c, k) => (c.group === g ? [competencies[k]!] : []));
		const forcedGroup = new Set([...forced, ...members.flatMap((m) => [...m.result.hidden])]);
		const result = family(GROUP_UNITS, (sig) => sig.groups[gi]!, forcedGroup);
		// A group's sums are, near enough, weighted sums of its competencies': its total goes when one of theirs does.
		for (const [org, flags] of result.result.off) {
			flags.forEach((_, unit) => {
				if (members.some((m) => m.result.off.get(org)?.[COMPETENCY_UNITS[3 + unit * 2]!])) flags[unit] = true;
			});
		}
		return result;
	});
	const yearUnits = years.map((_, y) => y);
	const plan = family(yearUnits, (sig) => sig.plan, forced);
	const young = family(yearUnits, (sig) => sig.young, forced);

	const compared = comparedStage(input.stage);
	const heatUnit = SLOT[compared] - 1;
	/** The row's unit, and its entry column (the row's group): none at the entry stage. */
	const rowUnit = compared === 'entry' ? null : compared === 'intermediate' ? 0 : 1;
	const yearUnit = years.indexOf(input.academicYear);

	const block = (schools: ReadonlySet<Id>, org: Id, asSchool: boolean): CompetenceBlock => {
		const b = raw(schools);
		const totalOff = asSchool ? forced.has(org) : !!whole.off.get(org)?.[0] || b.teachers < min;
		if (totalOff) return withheldBlock(b.teachers, b.teachers >= min);
		type Fam = ReturnType<typeof family>;
		const sum = (f: Fam, column: number) => [...schools].reduce((n, id) => n + f.measures.get(id)![column]!, 0);
		/** Withheld, and whether for another group's sake; null when shown. */
		const hide = (f: Fam, unit: number, column: number): { secondary: boolean } | null => {
			const hidden = asSchool ? f.result.hidden.has(org) : !!f.result.off.get(org)?.[unit];
			return hidden ? { secondary: !isFew(sum(f, column), min) } : null;
		};
		return {
			...b,
			competencies:
				b.competencies?.map((r, k) => {
					if (rowUnit === null) return r;
					const h = hide(competencies[k]!, 3 + rowUnit, 3 + rowUnit * 2);
					return h ? { ...r, entry: null, final: null, suppressed: true, secondary: h.secondary } : r;
				}) ?? null,
			groups:
				b.groups?.map((r, gi) => {
					const growth = { numerator: null, denominator: null, value: null, noData: null };
					if (rowUnit === null) return { ...r, growth };
					const h = hide(groups[gi]!, rowUnit, rowUnit * 2);
					return h
						? { ...r, entry: null, final: null, growth, suppressed: true, secondary: h.secondary }
						: { ...r, growth };
				}) ?? null,
			heatmap:
				b.heatmap?.map((c, k) => {
					const h = hide(competencies[k]!, heatUnit, heatUnit);
					return h ? { ...c, mean: null, suppressed: true, secondary: h.secondary } : c;
				}) ?? null,
			planCompletion: ratio(b.planCompletion, hide(plan, yearUnit, yearUnit)),
			mentoring: ratio(b.mentoring, hide(young, yearUnit, yearUnit))
		};
	};

	return {
		scope: block(inScope, scope.id, scope.kind === 'school'),
		schools: listed.map((id) => ({ schoolId: id, ...block(new Set([id]), id, true) }))
	};
}

function ratio(shown: Ratio | null, hidden: { secondary: boolean } | null): Ratio | null {
	return hidden
		? { numerator: null, denominator: null, value: null, suppressed: true, secondary: hidden.secondary }
		: shown;
}
