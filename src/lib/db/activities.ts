import type { Activity } from '$lib/domain/activity';
import type { Draft, Id } from '$lib/domain/common';
import { activitySchema } from '$lib/domain/schemas/activity';
import type { AppDatabase } from './database';
import { LocalWriteError } from './errors';
import * as rows from './rows';
import { issue, type IssueCode } from '$lib/domain/validation';

export async function listForTeacher(db: AppDatabase, teacherId: Id): Promise<Activity[]> {
	const all = await db.activities.where('teacherId').equals(teacherId).toArray();
	return rows.alive(all).sort((a, b) => b.startDate.localeCompare(a.startDate));
}

export function create(db: AppDatabase, draft: Draft<Activity>, actor: rows.Actor): Promise<Activity> {
	return rows.insert(db, 'activities', draft, actor, (d) => activitySchema.validate(d));
}

export function update(db: AppDatabase, id: Id, patch: Partial<Draft<Activity>>, actor: rows.Actor): Promise<Activity> {
	return rows.update(db, 'activities', id, patch, actor, (d) => activitySchema.validate(d));
}

export function remove(db: AppDatabase, id: Id, actor: rows.Actor): Promise<void> {
	return rows.remove(db, 'activities', id, actor);
}

/** The activity that records an ИОМ action, if the teacher has entered it (not a deleted one). */
export async function forAction(db: AppDatabase, actionId: Id): Promise<Activity | undefined> {
	return rows.alive(await db.activities.where('planActionId').equals(actionId).toArray())[0];
}

/**
 * Say that an activity already entered records a completed ИОМ action (the teacher entered the
 * course before the plan's action was done), instead of entering it again. Both are the same
 * teacher's; an activity recording another action is not taken over.
 */
export function linkToAction(db: AppDatabase, activityId: Id, actionId: Id, actor: rows.Actor): Promise<Activity> {
	return rows.transact(db, ['activities', 'plan_actions'], async () => {
		const activity = await db.activities.get(activityId);
		const action = await db.plan_actions.get(actionId);
		if (!activity || activity.deletedAt) throw new LocalWriteError('not-found', `activities/${activityId}`);
		if (!action || action.deletedAt) throw new LocalWriteError('not-found', `plan_actions/${actionId}`);
		const refuse = (code: IssueCode) =>
			new LocalWriteError('invalid', `activities/${activityId}: planActionId ${code}`, [issue('planActionId', code)]);
		if (action.teacherId !== activity.teacherId) throw refuse('mismatch');
		if (activity.planActionId !== null && activity.planActionId !== actionId) throw refuse('not_allowed');
		return update(db, activityId, { planActionId: actionId }, actor);
	});
}
