import type { Activity } from '$lib/domain/activity';
import type { Draft, Id } from '$lib/domain/common';
import { activitySchema } from '$lib/domain/schemas/activity';
import type { AppDatabase } from './database';
import * as rows from './rows';

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
