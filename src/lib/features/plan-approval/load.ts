import type { Id } from '$lib/domain/common';
import type { DevelopmentPlan, PlanAction } from '$lib/domain/development-plan';
import type { Organization } from '$lib/domain/organization';
import type { Profile } from '$lib/domain/profile';
import { mayApprove } from '$lib/domain/plan-approval';
import type { AppDatabase } from '$lib/db/database';
import * as deficits from '$lib/db/deficits';
import * as frameworks from '$lib/db/frameworks';
import * as mentoring from '$lib/db/mentoring';
import * as organizations from '$lib/db/organizations';
import * as plans from '$lib/db/development-plans';
import * as profiles from '$lib/db/profiles';
import * as rows from '$lib/db/rows';
import { isPairActive } from '$lib/domain/mentoring';
import * as memberships from '$lib/db/memberships';
import { deficitView, type DeficitView } from '$lib/features/plan/load';

/** Whether `me` may decide on `teacher`'s plan, from this device's copy (the server checks the same). */
async function mayDecide(db: AppDatabase, me: Id, teacher: Profile | undefined, today: string): Promise<boolean> {
	if (!teacher) return false;
	const [mine, school, pairs] = await Promise.all([
		profiles.get(db, me),
		teacher.schoolId ? organizations.get(db, teacher.schoolId) : undefined,
		mentoring.pairsOfMentee(db, teacher.id)
	]);
	const methodistOfSchool =
		!!teacher.schoolId &&
		mine?.schoolId === teacher.schoolId &&
		(await memberships.listForProfile(db, me)).some(
			(m) => m.role === 'school_methodist' && m.organizationId === teacher.schoolId
		);
	return mayApprove({
		approver: me,
		teacherId: teacher.id,
		isSchoolMethodist: methodistOfSchool,
		isActiveMentor: pairs.some((p) => p.mentorId === me && isPairActive(p, today)),
		schoolAllowsMentors: school?.mentorsApprovePlans ?? false
	});
}

/** Whether `me` may decide on the plan of `teacherId` (the mentor's pair page asks). */
export async function mayDecideOn(db: AppDatabase, me: Id, teacherId: Id, today: string): Promise<boolean> {
	return mayDecide(db, me, await profiles.get(db, teacherId), today);
}

export interface QueueItem {
	plan: DevelopmentPlan;
	teacher: Profile | undefined;
	actions: number;
}

/** Plans waiting for `me` to decide on, sent longest ago first. */
export async function loadQueue(db: AppDatabase, me: Id, today: string): Promise<QueueItem[]> {
	const [waiting, actions] = await Promise.all([plans.waitingForApproval(db), plans.listActions(db)]);
	const items: QueueItem[] = [];
	for (const plan of waiting) {
		const teacher = await profiles.get(db, plan.teacherId);
		if (!(await mayDecide(db, me, teacher, today))) continue;
		items.push({ plan, teacher, actions: actions.filter((a) => a.planId === plan.id).length });
	}
	return items;
}

/** How many plans wait for `me` (the navigation's badge). */
export async function waitingCount(db: AppDatabase, me: Id, today: string): Promise<number> {
	return (await loadQueue(db, me, today)).length;
}

export interface Review {
	plan: DevelopmentPlan;
	teacher: Profile | undefined;
	school: Organization | undefined;
	targets: DeficitView[];
	/** By deadline; no deadline last. */
	actions: PlanAction[];
	/** Competency titles of the actions' deficits, by deficit id. */
	deficitTitles: Map<Id, string>;
	mayDecide: boolean;
}

/** One plan for review: goals, deficits and actions, read-only, and whether `me` may decide. */
export async function loadReview(db: AppDatabase, planId: Id, me: Id, today: string): Promise<Review | null> {
	const plan = await plans.get(db, planId);
	if (!plan) return null;
	const [teacher, framework, all, actions] = await Promise.all([
		profiles.get(db, plan.teacherId),
		frameworks.current(db),
		deficits.listForTeacher(db, plan.teacherId),
		db.plan_actions.where('planId').equals(planId).toArray()
	]);
	const alive = rows.alive(actions).sort((a, b) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999'));
	const views = all.map((d) => deficitView(framework, d, alive));
	const school = teacher?.schoolId ? await organizations.get(db, teacher.schoolId) : undefined;
	return {
		plan,
		teacher,
		school,
		targets: views.filter((v) => plan.deficitIds.includes(v.deficit.id)),
		actions: alive,
		deficitTitles: new Map(views.map((v) => [v.deficit.id, v.competency?.title ?? v.deficit.competencyId])),
		mayDecide: await mayDecide(db, me, teacher, today)
	};
}

/** The school whose switch the methodist sets: her own, as this device knows it. */
export async function mySchool(db: AppDatabase, me: Id): Promise<Organization | undefined> {
	const mine = await profiles.get(db, me);
	return mine?.schoolId ? organizations.get(db, mine.schoolId) : undefined;
}
