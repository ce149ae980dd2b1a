import type { Id } from '$lib/domain/common';
import type { DevelopmentPlan, PlanAction } from '$lib/domain/development-plan';
import type { AppDatabase } from './database';
import * as rows from './rows';

/** The teacher's plan for an academic year (one per year), with its actions. */
export async function forYear(
	db: AppDatabase,
	teacherId: Id,
	academicYear: number
): Promise<{ plan: DevelopmentPlan; actions: PlanAction[] } | null> {
	const plans = rows.alive(await db.development_plans.where('[teacherId+academicYear]').equals([teacherId, academicYear]).toArray());
	const plan = plans[0];
	if (!plan) return null;
	const actions = rows.alive(await db.plan_actions.where('planId').equals(plan.id).toArray());
	actions.sort((a, b) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999'));
	return { plan, actions };
}

export async function listForYear(db: AppDatabase, academicYear: number): Promise<DevelopmentPlan[]> {
	return rows.alive(await db.development_plans.toArray()).filter((p) => p.academicYear === academicYear);
}

export async function listActions(db: AppDatabase): Promise<PlanAction[]> {
	return rows.alive(await db.plan_actions.toArray());
}
