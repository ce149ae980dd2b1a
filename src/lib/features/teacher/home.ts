import type { Id, IsoDate } from '$lib/domain/common';
import type { Assessment, Stage } from '$lib/domain/assessment';
import type { Competency, Framework } from '$lib/domain/framework';
import type { Deficit } from '$lib/domain/deficit';
import type { DevelopmentPlan, PlanAction } from '$lib/domain/development-plan';
import type { Profile } from '$lib/domain/profile';
import type { Organization } from '$lib/domain/organization';
import { academicYearOf } from '$lib/domain/academic-year';
import { activityYearOf, courseHours } from '$lib/domain/activity';
import { assessmentProgress, competencyMean, levelOf, type Level } from '$lib/domain/scoring';
import { isOpenDeficit } from '$lib/domain/deficit';
import { isOverdue, planCompletion } from '$lib/domain/development-plan';
import * as homeRows from '$lib/db/teacher-home';

export interface CompetencyLevel {
	competency: Competency;
	mean: number | null;
	level: Level | null;
}

export interface TeacherHome {
	profile: Profile;
	school: Organization | undefined;
	academicYear: number;
	framework: Framework;
	draft: { assessment: Assessment; answered: number; total: number } | null;
	submitted: Assessment[];
	latest: Assessment | null;
	levels: CompetencyLevel[];
	openDeficits: Deficit[];
	proposedDeficits: Deficit[];
	plan: {
		plan: DevelopmentPlan;
		actions: PlanAction[];
		done: number;
		total: number;
		overdue: PlanAction[];
		upcoming: PlanAction[];
	} | null;
	activityCount: number;
	/** Hours of the year's completed courses, as the indicators count them. */
	courseHours: number;
	/** Hours of the year's courses not marked completed yet: shown apart, never added. */
	courseHoursUnderway: number;
	mentor: { name: string; since: IsoDate } | null;
}

// Not domain/assessment's STAGE_ORDER: importing a value from that module puts it in the teacher
// home's first load (+270 B gzip, measured with npm run size); only the order matters here.
const STAGE_ORDER: Record<Stage, number> = { entry: 0, intermediate: 1, final: 2 };

/** The framework a row was scored against: the one on this device, else the built-in default. */
async function frameworkFor(rows: homeRows.TeacherHomeRows, id: string | undefined): Promise<Framework> {
	const found = id
		? rows.frameworks.find((f) => f.id === id)
		: [...rows.frameworks].sort((a, b) => b.revision - a.revision)[0];
	if (found) return found;
	// Not on the device yet (no demo, nothing pulled): the built-in one, fetched on demand.
	return (await import('$lib/domain/frameworks/default')).DEFAULT_FRAMEWORK;
}

/** Everything the teacher's home screen shows, read in one pass so the screen renders at once. */
export async function load(db: homeRows.HomeDb, teacherId: Id, today: IsoDate): Promise<TeacherHome | null> {
	const academicYear = academicYearOf(today);
	const rows = await homeRows.read(db, teacherId, academicYear);
	if (!rows) return null;
	const framework = await frameworkFor(rows, undefined);

	const submitted = rows.assessments
		.filter((a) => a.status === 'submitted')
		.sort(
			(a, b) => STAGE_ORDER[a.stage] - STAGE_ORDER[b.stage] || (a.submittedAt ?? '').localeCompare(b.submittedAt ?? '')
		);
	const draftRow = rows.assessments.find((a) => a.status === 'draft') ?? null;
	const draftFramework = draftRow ? await frameworkFor(rows, draftRow.frameworkId) : framework;
	const latest = submitted[submitted.length - 1] ?? null;
	const latestFramework = latest ? await frameworkFor(rows, latest.frameworkId) : framework;
	const levels = latestFramework.competencies.map((competency) => {
		const mean = latest ? competencyMean(latestFramework, latest.scores, competency.id) : null;
		return { competency, mean, level: levelOf(mean) };
	});

	let plan: TeacherHome['plan'] = null;
	if (rows.plan) {
		const { done, total } = planCompletion(rows.actions);
		const open = rows.actions
			.filter((a) => a.status === 'planned' || a.status === 'in_progress')
			.sort((a, b) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999'));
		plan = {
			plan: rows.plan,
			actions: rows.actions,
			done,
			total,
			overdue: open.filter((a) => isOverdue(a, today)),
			upcoming: open.filter((a) => !isOverdue(a, today)).slice(0, 3)
		};
	}

	// One rule for the year an activity counts in, with the list of activities and the indicators.
	const yearActivities = rows.activities.filter((a) => activityYearOf(a) === academicYear);
	const hours = courseHours(rows.activities, academicYear);

	return {
		profile: rows.profile,
		school: rows.school,
		academicYear,
		framework,
		draft: draftRow ? { assessment: draftRow, ...assessmentProgress(draftFramework, draftRow.scores) } : null,
		submitted,
		latest,
		levels,
		openDeficits: rows.deficits.filter(isOpenDeficit),
		proposedDeficits: rows.deficits.filter((d) => d.status === 'proposed'),
		plan,
		activityCount: yearActivities.length,
		courseHours: hours.completed,
		courseHoursUnderway: hours.underway,
		mentor: rows.activePair && rows.mentor ? { name: rows.mentor.fullName, since: rows.activePair.startDate } : null
	};
}
