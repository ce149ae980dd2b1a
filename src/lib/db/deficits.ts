import type { Id } from '$lib/domain/common';
import type { Deficit } from '$lib/domain/deficit';
import type { AppDatabase } from './database';
import * as rows from './rows';

export async function listForTeacher(db: AppDatabase, teacherId: Id): Promise<Deficit[]> {
	return rows.alive(await db.deficits.where('teacherId').equals(teacherId).toArray());
}

export async function listAll(db: AppDatabase): Promise<Deficit[]> {
	return rows.alive(await db.deficits.toArray());
}
