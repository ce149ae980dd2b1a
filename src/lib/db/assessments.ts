import type { Id } from '$lib/domain/common';
import type { Assessment } from '$lib/domain/assessment';
import type { AppDatabase } from './database';
import * as rows from './rows';

/** Every assessment of a teacher, newest first. */
export async function listForTeacher(db: AppDatabase, teacherId: Id): Promise<Assessment[]> {
	const all = await db.assessments.where('teacherId').equals(teacherId).toArray();
	return rows.alive(all).sort((a, b) => (b.submittedAt ?? b.startedAt).localeCompare(a.submittedAt ?? a.startedAt));
}

export async function listForYear(db: AppDatabase, teacherId: Id, academicYear: number): Promise<Assessment[]> {
	const all = await db.assessments.where('[teacherId+academicYear]').equals([teacherId, academicYear]).toArray();
	return rows.alive(all);
}

export async function listSubmittedForYear(db: AppDatabase, academicYear: number): Promise<Assessment[]> {
	const all = await db.assessments.where('status').equals('submitted').toArray();
	return rows.alive(all).filter((a) => a.academicYear === academicYear);
}
