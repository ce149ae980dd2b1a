import type { Id, IsoDate } from '$lib/domain/common';
import { activityYearOf, courseHours, type Activity } from '$lib/domain/activity';
import { STAGE_ORDER, type Assessment } from '$lib/domain/assessment';
import { COMPETENCY_GROUPS, type CompetencyGroup, type Framework } from '$lib/domain/framework';
import type { Deficit } from '$lib/domain/deficit';
import { academicYearOf, isInAcademicYear } from '$lib/domain/academic-year';
import { competencyMean, groupMean } from '$lib/domain/scoring';
import { DEFAULT_GROWTH_THRESHOLD, teacherGrowth } from '$lib/domain/growth';
import { planCompletion } from '$lib/domain/development-plan';
import type { AppDatabase } from '$lib/db/database';
import * as activities from '$lib/db/activities';
import * as assessments from '$lib/db/assessments';
import * as deficits from '$lib/db/deficits';
import * as frameworks from '$lib/db/frameworks';
import * as plans from '$lib/db/development-plans';
import * as profiles from '$lib/db/profiles';
import * as regionSettings from '$lib/db/region-settings';

/** Submitted assessments in the order they describe the teacher's path: year, then stage. */
export function chronological(list: readonly Assessment[]): Assessment[] {
	return list
		.filter((a) => a.status === 'submitted' && !a.deletedAt)
		.sort(
			(a, b) =>
				a.academicYear - b.academicYear ||
				STAGE_ORDER[a.stage] - STAGE_ORDER[b.stage] ||
				(a.submittedAt ?? '').localeCompare(b.submittedAt ?? '')
		);
}

export interface GroupGrowth {
	group: CompetencyGroup;
	entry: number | null;
	final: number | null;
	/** final − entry; null when either is missing. */
	delta: number | null;
	/** The growth rule (DOMAIN.md): null is «нет данных» — no entry/final pair of the same kind. */
	grows: boolean | null;
}

/**
 * Growth per group in one academic year, by the same rule the methodist's indicators use: the
 * teacher's entry and final self-assessments of that year, threshold included at its value.
 */
export function yearGrowth(
	framework: Framework,
	list: readonly Assessment[],
	academicYear: number,
	threshold = DEFAULT_GROWTH_THRESHOLD
): GroupGrowth[] {
	const own = chronological(list).filter(
		(a) => a.academicYear === academicYear && a.kind === 'self' && a.frameworkId === framework.id
	);
	// The latest of each stage: a correction is a new assessment and replaces the earlier one.
	const entry = own.filter((a) => a.stage === 'entry').at(-1);
	const final = own.filter((a) => a.stage === 'final').at(-1);
	return COMPETENCY_GROUPS.map((group) => {
		const e = entry ? groupMean(framework, entry.scores, group) : null;
		const f = final ? groupMean(framework, final.scores, group) : null;
		return {
			group,
			entry: e,
			final: f,
			delta: e !== null && f !== null ? f - e : null,
			grows: teacherGrowth(framework, entry, final, group, threshold)
		};
	});
}

export interface DeficitYear {
	opened: number;
	closed: number;
	open: number;
}

/**
 * Deficits opened (identified, by the teacher or from an observation) and closed (overcome) within
 * the academic year, read from each deficit's status history; `open` is how many are open now.
 */
export function deficitYear(list: readonly Deficit[], academicYear: number): DeficitYear {
	let opened = 0;
	let closed = 0;
	let open = 0;
	for (const d of list) {
		if (d.deletedAt) continue;
		const inYear = (status: Deficit['status']) =>
			d.history.some((h) => h.status === status && isInAcademicYear(h.at.slice(0, 10), academicYear));
		if (inYear('identified')) opened++;
		if (inYear('overcome')) closed++;
		if (d.status === 'identified' || d.status === 'in_progress') open++;
	}
	return { opened, closed, open };
}

export interface ActivityYear {
	total: number;
	byKind: Partial<Record<Activity['kind'], number>>;
	courseHours: number;
	qualityCourses: number;
}

/** The year's activities by the rule the list, the home and the indicators share (`activityYearOf`). */
export function activityYear(list: readonly Activity[], academicYear: number): ActivityYear {
	const year = list.filter((a) => !a.deletedAt && activityYearOf(a) === academicYear);
	const byKind: ActivityYear['byKind'] = {};
	for (const a of year) byKind[a.kind] = (byKind[a.kind] ?? 0) + 1;
	const courses = year.filter((a) => a.kind === 'course' && a.completed);
	return {
		total: year.length,
		byKind,
		courseHours: courseHours(year, academicYear).completed,
		qualityCourses: courses.filter((a) => a.qualityRelated).length
	};
}

export interface GrowthView {
	framework: Framework;
	academicYear: number;
	/** The growth threshold of her school's region (db/region-settings.ts). */
	threshold: number;
	path: Assessment[];
	/** Competency title → mean per assessment of `path`, for the chart. */
	levels: { title: string; values: (number | null)[] }[];
	/** This year's growth, and the previous year's, newest first; a year with no data at all is left out unless it is this one. */
	growth: { academicYear: number; groups: GroupGrowth[] }[];
	deficits: DeficitYear;
	plan: { done: number; total: number; share: number | null } | null;
	activities: ActivityYear;
}

/** How many assessments the chart compares: beyond four, bars on a phone get too thin to read. */
const CHART_ASSESSMENTS = 4;

export async function load(db: AppDatabase, teacherId: Id, today: IsoDate): Promise<GrowthView> {
	const academicYear = academicYearOf(today);
	// Each year's growth is counted on the version in use that year (growth pairs one version);
	// the chart follows the version of her latest assessment, so a new version never empties it.
	const [framework, lastYears, all, teacherDeficits, plan, teacherActivities] = await Promise.all([
		frameworks.current(db, academicYear),
		frameworks.current(db, academicYear - 1),
		assessments.listForTeacher(db, teacherId),
		deficits.listForTeacher(db, teacherId),
		plans.forYear(db, teacherId, academicYear),
		activities.listForTeacher(db, teacherId)
	]);
	const school = (await profiles.get(db, teacherId))?.schoolId ?? null;
	const { growthThreshold: threshold } = await regionSettings.forOrganization(
		db,
		await db.organizations.toArray(),
		school
	);
	const latest = chronological(all).at(-1);
	const charted =
		latest && latest.frameworkId !== framework.id ? await frameworks.get(db, latest.frameworkId) : framework;
	const path = chronological(all)
		.filter((a) => a.frameworkId === charted.id)
		.slice(-CHART_ASSESSMENTS);
	return {
		framework: charted,
		academicYear,
		threshold,
		path,
		levels: charted.competencies.map((c) => ({
			title: c.title,
			values: path.map((a) => competencyMean(charted, a.scores, c.id))
		})),
		growth: (
			[
				[academicYear, framework],
				[academicYear - 1, lastYears]
			] as const
		)
			.map(([year, version]) => ({ academicYear: year, groups: yearGrowth(version, all, year, threshold) }))
			.filter((g, i) => i === 0 || g.groups.some((x) => x.entry !== null || x.final !== null)),
		deficits: deficitYear(teacherDeficits, academicYear),
		plan: plan ? planCompletion(plan.actions) : null,
		activities: activityYear(teacherActivities, academicYear)
	};
}
