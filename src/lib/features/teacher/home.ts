import type { Id, IsoDate } from '$lib/domain/common';
import type { Assessment, Stage } from '$lib/domain/assessment';
import type { Competency, Framework } from '$lib/domain/framework';
import type { Deficit } from '$lib/domain/deficit';
import type { DevelopmentPlan, PlanAction } from '$lib/domain/development-plan';
import type { Profile } from '$lib/domain/profile';
import type { Organization } from '$lib/domain/organization';
import { academicYearOf } from '$lib/domain/academic-year';
import { assessmentProgress, competencyMean, levelOf, type Level } from '$lib/domain/scoring';
import { isOpenDeficit } from '$lib/domain/deficit';
import { isOverdue, planCompletion } from '$lib/domain/development-plan';
import type { AppDatabase } from '$lib/db/database';
import * as activities from '$lib/db/activities';
import * as assessments from '$lib/db/assessments';
import * as deficits from '$lib/db/deficits';
import * as frameworks from '$lib/db/frameworks';
import * as mentoring from '$lib/db/mentoring';
import * as organizations from '$lib/db/organizations';
import * as plans from '$lib/db/development-plans';
import * as profiles from '$lib/db/profiles';

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
	plan: { plan: DevelopmentPlan; actions: PlanAction[]; done: number; total: number; overdue: PlanAction[]; upcoming: PlanAction[] } | null;
	activityCount: number;
	courseHours: number;
	mentor: { name: string; since: IsoDate } | null;
}

const STAGE_ORDER: Record<Stage, number> = { entry: 0, intermediate: 1, final: 2 };

/** Everything the teacher's home screen shows, read in one pass so the screen renders at once. */
export async function load(db: AppDatabase, teacherId: Id, today: IsoDate): Promise<TeacherHome | null> {
	const profile = await profiles.get(db, teacherId);
	if (!profile) return null;
	const academicYear = academicYearOf(today);
	const [school, framework, yearAssessments, allDeficits, planBundle, allActivities, pairs] = await Promise.all([
		profile.schoolId ? organizations.get(db, profile.schoolId) : Promise.resolve(undefined),
		frameworks.current(db),
		assessments.listForYear(db, teacherId, academicYear),
		deficits.listForTeacher(db, teacherId),
		plans.forYear(db, teacherId, academicYear),
		activities.listForTeacher(db, teacherId),
		mentoring.pairsOfMentee(db, teacherId)
	]);

	const submitted = yearAssessments
		.filter((a) => a.status === 'submitted')
		.sort((a, b) => STAGE_ORDER[a.stage] - STAGE_ORDER[b.stage]);
	const draftRow = yearAssessments.find((a) => a.status === 'draft') ?? null;
	const draftFramework = draftRow ? await frameworks.get(db, draftRow.frameworkId) : framework;
	const latest = submitted[submitted.length - 1] ?? null;
	const latestFramework = latest ? await frameworks.get(db, latest.frameworkId) : framework;
	const levels = latestFramework.competencies.map((competency) => {
		const mean = latest ? competencyMean(latestFramework, latest.scores, competency.id) : null;
		return { competency, mean, level: levelOf(mean) };
	});

	let plan: TeacherHome['plan'] = null;
	if (planBundle) {
		const { done, total } = planCompletion(planBundle.actions);
		const open = planBundle.actions.filter((a) => a.status === 'planned' || a.status === 'in_progress');
		plan = {
			...planBundle,
			done,
			total,
			overdue: open.filter((a) => isOverdue(a, today)),
			upcoming: open.filter((a) => !isOverdue(a, today)).slice(0, 3)
		};
	}

	const yearActivities = allActivities.filter((a) => academicYearOf(a.startDate) === academicYear);
	const courseHours = yearActivities.filter((a) => a.kind === 'course' && a.completed).reduce((sum, a) => sum + (a.hours ?? 0), 0);

	const activePair = pairs.find((p) => p.status === 'active');
	const mentorProfile = activePair ? await profiles.get(db, activePair.mentorId) : undefined;

	return {
		profile,
		school,
		academicYear,
		framework,
		draft: draftRow ? { assessment: draftRow, ...assessmentProgress(draftFramework, draftRow.scores) } : null,
		submitted,
		latest,
		levels,
		openDeficits: allDeficits.filter(isOpenDeficit),
		proposedDeficits: allDeficits.filter((d) => d.status === 'proposed'),
		plan,
		activityCount: yearActivities.length,
		courseHours,
		mentor: activePair && mentorProfile ? { name: mentorProfile.fullName, since: activePair.startDate } : null
	};
}
