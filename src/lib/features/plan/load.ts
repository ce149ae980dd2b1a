import type { Id, IsoDate } from '$lib/domain/common';
import { DEFICIT_TRANSITIONS, type Deficit, type DeficitStatus } from '$lib/domain/deficit';
import {
	ACTION_TRANSITIONS,
	isOverdue,
	planCompletion,
	type ActionStatus,
	type DevelopmentPlan,
	type PlanAction
} from '$lib/domain/development-plan';
import { findCompetency, type Competency, type Framework, type Indicator } from '$lib/domain/framework';
import type { Organization } from '$lib/domain/organization';
import type { Profile } from '$lib/domain/profile';
import { activityKindOfAction, type ActionActivityKind, type Activity } from '$lib/domain/activity';
import type { AppDatabase } from '$lib/db/database';
import * as activities from '$lib/db/activities';
import * as deficits from '$lib/db/deficits';
import * as frameworks from '$lib/db/frameworks';
import * as organizations from '$lib/db/organizations';
import * as plans from '$lib/db/development-plans';
import * as profiles from '$lib/db/profiles';

/** A deficit with what the screens show beside it. */
export interface DeficitView {
	deficit: Deficit;
	competency: Competency | undefined;
	/** The deficit's indicators found in the framework, in framework order. */
	indicators: Indicator[];
	/** Plan actions aimed at it, by deadline. */
	actions: PlanAction[];
	/** Statuses it may move to next (domain transitions). */
	next: readonly DeficitStatus[];
}

export function deficitView(framework: Framework, deficit: Deficit, actions: readonly PlanAction[]): DeficitView {
	const competency = findCompetency(framework, deficit.competencyId);
	return {
		deficit,
		competency,
		indicators: competency?.indicators.filter((i) => deficit.indicatorIds.includes(i.id)) ?? [],
		actions: actions
			.filter((a) => a.deficitId === deficit.id && a.deletedAt === null)
			.sort((a, b) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999')),
		next: DEFICIT_TRANSITIONS[deficit.status]
	};
}

/** Competency title, falling back to the id for a competency the framework on this device lacks. */
export function competencyTitle(framework: Framework, competencyId: string): string {
	return findCompetency(framework, competencyId)?.title ?? competencyId;
}

export interface DeficitsData {
	framework: Framework;
	/** Awaiting the teacher: from a self-assessment, not yet confirmed or dismissed. */
	proposed: DeficitView[];
	/** выявлен, в работе. */
	open: DeficitView[];
	overcome: DeficitView[];
	dismissed: DeficitView[];
	plan: DevelopmentPlan | null;
}

/** Framework order first, so the list reads like the self-assessment; newest first within a competency. */
function byFramework(framework: Framework): (a: DeficitView, b: DeficitView) => number {
	const order = new Map(framework.competencies.map((c, i) => [c.id, i]));
	return (a, b) =>
		(order.get(a.deficit.competencyId) ?? 999) - (order.get(b.deficit.competencyId) ?? 999) ||
		(b.deficit.history.at(-1)?.at ?? '').localeCompare(a.deficit.history.at(-1)?.at ?? '');
}

export async function loadDeficits(db: AppDatabase, teacherId: Id, academicYear: number): Promise<DeficitsData> {
	const [framework, all, actions, bundle] = await Promise.all([
		frameworks.current(db),
		deficits.listForTeacher(db, teacherId),
		plans.actionsForTeacher(db, teacherId),
		plans.forYear(db, teacherId, academicYear)
	]);
	const views = all.map((d) => deficitView(framework, d, actions)).sort(byFramework(framework));
	const having = (...statuses: DeficitStatus[]) => views.filter((v) => statuses.includes(v.deficit.status));
	return {
		framework,
		proposed: having('proposed'),
		open: having('identified', 'in_progress'),
		overcome: having('overcome'),
		dismissed: having('dismissed'),
		plan: bundle?.plan ?? null
	};
}

/** An action with what the plan screen shows beside it. */
export interface ActionView {
	action: PlanAction;
	deficit: Deficit | undefined;
	competencyTitle: string | null;
	overdue: boolean;
	next: readonly ActionStatus[];
	/** The kind of activity this action is once done (a course…), or null for work that is not one. */
	activityKind: ActionActivityKind | null;
	/** The activity of the portfolio that records it, once entered. */
	activity: Activity | null;
}

export interface PlanData {
	plan: DevelopmentPlan;
	framework: Framework;
	/** By deadline; no deadline last. */
	actions: ActionView[];
	/** The deficits the plan targets (plan.deficitIds), as far as they are on this device. */
	targets: DeficitView[];
	/** Deficits an action may be aimed at: open or proposed ones of the teacher. */
	linkable: DeficitView[];
	completion: { done: number; total: number; share: number | null };
	/** The teacher's activities that record no action yet, newest first: a done action may be one of them. */
	unlinkedActivities: Activity[];
}

export interface PlanScreenData {
	/** null: no plan for this year yet. */
	plan: PlanData | null;
	framework: Framework;
}

export async function loadPlan(
	db: AppDatabase,
	teacherId: Id,
	academicYear: number,
	today: IsoDate
): Promise<PlanScreenData> {
	const [framework, bundle, all, portfolio] = await Promise.all([
		frameworks.current(db),
		plans.forYear(db, teacherId, academicYear),
		deficits.listForTeacher(db, teacherId),
		activities.listForTeacher(db, teacherId)
	]);
	if (!bundle) return { plan: null, framework };
	const byId = new Map(all.map((d) => [d.id, d]));
	const recorded = new Map(portfolio.flatMap((a) => (a.planActionId ? [[a.planActionId, a] as const] : [])));
	const actions = bundle.actions.map((action) => {
		const deficit = action.deficitId ? byId.get(action.deficitId) : undefined;
		return {
			action,
			deficit,
			competencyTitle: deficit ? competencyTitle(framework, deficit.competencyId) : null,
			overdue: isOverdue(action, today),
			next: ACTION_TRANSITIONS[action.status],
			activityKind: activityKindOfAction(action.type),
			activity: recorded.get(action.id) ?? null
		};
	});
	const targets = bundle.plan.deficitIds.flatMap((id) => {
		const d = byId.get(id);
		return d ? [deficitView(framework, d, bundle.actions)] : [];
	});
	const linkable = all
		.filter((d) => d.status === 'identified' || d.status === 'in_progress' || d.status === 'proposed')
		.map((d) => deficitView(framework, d, bundle.actions))
		.sort(byFramework(framework));
	return {
		plan: {
			plan: bundle.plan,
			framework,
			actions,
			targets,
			linkable,
			completion: planCompletion(bundle.actions),
			unlinkedActivities: portfolio.filter((a) => a.planActionId === null)
		},
		framework
	};
}

/** One row of the printed plan: Дефицит → Задача → Мероприятие → Сроки → Форма → Отметка. */
export interface PrintRow {
	action: PlanAction;
	deficit: DeficitView | null;
}

export interface PrintData {
	profile: Profile | undefined;
	school: Organization | undefined;
	plan: DevelopmentPlan | null;
	framework: Framework;
	rows: PrintRow[];
	targets: DeficitView[];
}

/**
 * The printed plan groups actions by the deficit they address, in the plan's order of deficits,
 * then actions aimed at no deficit; by deadline within a group. Cancelled actions are left out:
 * the paper is what the teacher commits to.
 */
export async function loadPrint(db: AppDatabase, teacherId: Id, academicYear: number): Promise<PrintData> {
	const [profile, framework, bundle, all] = await Promise.all([
		profiles.get(db, teacherId),
		frameworks.current(db),
		plans.forYear(db, teacherId, academicYear),
		deficits.listForTeacher(db, teacherId)
	]);
	const school = profile?.schoolId ? await organizations.get(db, profile.schoolId) : undefined;
	if (!bundle) return { profile, school, plan: null, framework, rows: [], targets: [] };
	const byId = new Map(all.map((d) => [d.id, d]));
	const order = new Map(bundle.plan.deficitIds.map((id, i) => [id, i]));
	const rank = (a: PlanAction) =>
		a.deficitId === null ? Number.MAX_SAFE_INTEGER : (order.get(a.deficitId) ?? Number.MAX_SAFE_INTEGER - 1);
	const actions = bundle.actions
		.filter((a) => a.status !== 'cancelled')
		.sort((a, b) => rank(a) - rank(b) || (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999'));
	const rows = actions.map((action) => {
		const d = action.deficitId ? byId.get(action.deficitId) : undefined;
		return { action, deficit: d ? deficitView(framework, d, bundle.actions) : null };
	});
	const targets = bundle.plan.deficitIds.flatMap((id) => {
		const d = byId.get(id);
		return d ? [deficitView(framework, d, bundle.actions)] : [];
	});
	return { profile, school, plan: bundle.plan, framework, rows, targets };
}
