import type { Id } from '$lib/domain/common';
import type { MentoringPair, MentoringSession } from '$lib/domain/mentoring';
import type { AppDatabase } from './database';
import * as rows from './rows';

export async function pairsOfMentor(db: AppDatabase, mentorId: Id): Promise<MentoringPair[]> {
	return rows.alive(await db.mentoring_pairs.where('mentorId').equals(mentorId).toArray());
}

export async function pairsOfMentee(db: AppDatabase, menteeId: Id): Promise<MentoringPair[]> {
	return rows.alive(await db.mentoring_pairs.where('menteeId').equals(menteeId).toArray());
}

export async function sessionsOfPair(db: AppDatabase, pairId: Id): Promise<MentoringSession[]> {
	const all = rows.alive(await db.mentoring_sessions.where('pairId').equals(pairId).toArray());
	return all.sort((a, b) => b.date.localeCompare(a.date));
}
