import { academicYearBounds } from './academic-year';
import { STAGE_ORDER, type Assessment, type AssessmentKind, type Stage } from './assessment';
import type { Id, IsoDate } from './common';
import type { Deficit } from './deficit';
import type { DevelopmentPlan, PlanAction } from './development-plan';
import { COMPETENCY_GROUPS, type CompetencyGroup, type Framework } from './framework';
import { DEFAULT_GROWTH_THRESHOLD, showsGrowth } from './growth';
import type { MentoringPair } from './mentoring';
import type { Observation } from './observation';
import { suppressed as tooSmall } from './privacy';
import { isYoungSpecialistIn } from './profile';
import { comparedStage, isAtOrBefore } from './report-stage';
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
	'id' | 'teacherId' | 'frameworkId' | 'kind' | 'stage' | 'academicYear' | 'status' | 'scores' | 'submittedAt' | 'deletedAt'
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
}

export interface GroupRow {
	group: CompetencyGroup;
	teachers: number;
	entry: number | null;
	final: number | null;
	/** Teachers showing growth over those with both assessments; noData: the group's teachers left out. */
	growth: { numerator: number | null; denominator: number | null; value: number | null; noData: number | null };
	suppressed: boolean;
}

export interface HeatCell {
	competencyId: string;
	/** Teachers with an assessment in the year (the mean's base). */
	assessed: number;
	mean: number | null;
	/** Teachers with an open deficit of the competency, and their share of the group's teachers. */
	deficitTeachers: number;
	deficitShare: number | null;
	/** The mean is withheld: fewer than MIN_GROUP_SIZE teachers assessed (municipal readers). */
	suppressed: boolean;
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
}

export interface CompetenceBlock {
	teachers: number;
	/** The whole group is below MIN_GROUP_SIZE for a municipal reader: every figure below is null. */
	suppressed: boolean;
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

const share = (numerator: number, denominator: number): number | null => (denominator === 0 ? null : numerator / denominator);

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
		if (a.frameworkId !== input.framework.id || a.academicYear !== input.academicYear || !teacherIds.has(a.teacherId)) continue;
		// Not yet taken at the stage the report looks at.
		if (!isAtOrBefore(a.stage, compared)) continue;
		const slot = byTeacher.get(a.teacherId) ?? {};
		if (a.stage === 'entry' && (!slot.entry || isLater(a, slot.entry))) slot.entry = a;
		// The assessment compared with the entry: none at the entry stage itself.
		if (compared !== 'entry' && a.stage === compared && (!slot.final || isLater(a, slot.final))) slot.final = a;
		const latest = slot.latest;
		if (!latest || STAGE_ORDER[a.stage] > STAGE_ORDER[latest.stage] || (a.stage === latest.stage && isLater(a, latest))) slot.latest = a;
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
			.map((s) => [competencyMean(framework, s.entry.scores, c.id), competencyMean(framework, s.final.scores, c.id)] as const)
			.filter((m): m is readonly [number, number] => m[0] !== null && m[1] !== null);
		return {
			competencyId: c.id,
			group: c.group,
			teachers: both.length,
			entry: mean(both.map((m) => m[0])),
			final: mean(both.map((m) => m[1])),
			suppressed: false
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
			growth: { numerator: grown, denominator: both.length, value: share(grown, both.length), noData: ids.size - both.length },
			suppressed: false
		};
	});

	const openDeficits = input.deficits.filter((d) => d.deletedAt === null && OPEN_DEFICIT.has(d.status) && ids.has(d.teacherId));
	const teachersWithDeficit = (competencyId: string) => new Set(openDeficits.filter((d) => d.competencyId === competencyId).map((d) => d.teacherId)).size;

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
			suppressed: false
		};
	});

	const topDeficits = [...new Set(openDeficits.map((d) => d.competencyId))]
		.map((competencyId) => ({ competencyId, teachers: teachersWithDeficit(competencyId) }))
		.sort((a, b) => b.teachers - a.teachers || (a.competencyId < b.competencyId ? -1 : a.competencyId > b.competencyId ? 1 : 0));

	const planIds = new Set(input.plans.filter((p) => p.deletedAt === null && p.academicYear === academicYear && ids.has(p.teacherId)).map((p) => p.id));
	const counted = input.actions.filter((a) => a.deletedAt === null && a.status !== 'cancelled' && planIds.has(a.planId));
	const done = counted.filter((a) => a.status === 'done').length;

	const young = teachers.filter((t) => isYoungSpecialistIn(t, academicYear));
	const mentored = new Set(
		input.pairs
			.filter((p) => p.deletedAt === null && overlapsYear(p, academicYear))
			.map((p) => p.menteeId)
	);
	const covered = young.filter((t) => mentored.has(t.id)).length;

	const { start, end } = academicYearBounds(academicYear);
	const observed = input.observations.filter(
		(o) => o.deletedAt === null && o.status === 'submitted' && o.date >= start && o.date <= end && ids.has(o.teacherId)
	).length;

	return {
		teachers: ids.size,
		suppressed: false,
		competencies,
		groups,
		heatmap,
		topDeficits,
		planCompletion: { numerator: done, denominator: counted.length, value: share(done, counted.length), suppressed: false },
		mentoring: { numerator: covered, denominator: young.length, value: share(covered, young.length), suppressed: false },
		observations: { count: observed, teachers: ids.size, perTeacher: share(observed, ids.size) }
	};
}

/** A group withheld whole from an aggregate-only reader: its size and nothing else. */
export function withheldBlock(teachers: number): CompetenceBlock {
	return {
		teachers,
		suppressed: true,
		competencies: null,
		groups: null,
		heatmap: null,
		topDeficits: null,
		planCompletion: null,
		mentoring: null,
		observations: null
	};
}

/**
 * What a municipal or admin reader may see of a block: nothing of a group below MIN_GROUP_SIZE,
 * and inside a shown group no mean or share resting on one to four teachers. A figure resting on
 * no teacher reveals nobody and stays «нет данных» (as indicators.ts isSuppressed does for an
 * empty denominator). A school reader sees all.
 */
export function suppressBlock(block: CompetenceBlock, access: ReportAccess): CompetenceBlock {
	if (access === 'school') return block;
	const fewOf = (n: number) => n > 0 && tooSmall(n);
	if (tooSmall(block.teachers)) return withheldBlock(block.teachers);
	return {
		...block,
		competencies:
			block.competencies?.map((r) => (fewOf(r.teachers) ? { ...r, entry: null, final: null, suppressed: true } : r)) ?? null,
		groups:
			block.groups?.map((r) =>
				fewOf(r.teachers)
					? { ...r, entry: null, final: null, growth: { numerator: null, denominator: null, value: null, noData: null }, suppressed: true }
					: r
			) ?? null,
		heatmap: block.heatmap?.map((c) => (fewOf(c.assessed) ? { ...c, mean: null, suppressed: true } : c)) ?? null,
		mentoring:
			block.mentoring && fewOf(block.mentoring.denominator ?? 0)
				? { numerator: null, denominator: null, value: null, suppressed: true }
				: block.mentoring
	};
}

/**
 * The report for a scope: the whole scope and, for a municipal scope, each of its schools
 * (`schoolIds`, every live school under the scope; pass [] for a school scope). Schools are listed
 * in id order, as the SQL does.
 */
export function competenceReport(input: CompetenceInput, schoolIds: readonly Id[], access: ReportAccess): CompetenceReport {
	const sorted = [...schoolIds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	return {
		scope: suppressBlock(competenceBlock(input, input.teachers), access),
		schools: sorted.map((schoolId) => ({
			schoolId,
			...suppressBlock(
				competenceBlock(
					input,
					input.teachers.filter((t) => t.schoolId === schoolId)
				),
				access
			)
		}))
	};
}
