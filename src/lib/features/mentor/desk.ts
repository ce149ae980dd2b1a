import type { Id, IsoDate } from '$lib/domain/common';
import type { MentoringPair } from '$lib/domain/mentoring';
import type { Profile } from '$lib/domain/profile';
import { academicYearOf } from '$lib/domain/academic-year';
import { isOpenDeficit } from '$lib/domain/deficit';
import { isOverdue, planCompletion } from '$lib/domain/development-plan';
import type { AppDatabase } from '$lib/db/database';
import * as deficits from '$lib/db/deficits';
import * as mentoring from '$lib/db/mentoring';
import * as plans from '$lib/db/development-plans';
import * as profiles from '$lib/db/profiles';

export interface MenteeCard {
	pair: MentoringPair;
	mentee: Profile;
	sessions: number;
	lastSession: IsoDate | null;
	nextMeeting: IsoDate | null;
	openDeficits: number;
	plan: { done: number; total: number; overdue: number } | null;
}

/** The mentor's desk: each active mentee with what needs attention. */
export async function load(db: AppDatabase, mentorId: Id, today: IsoDate): Promise<MenteeCard[]> {
	const pairs = (await mentoring.pairsOfMentor(db, mentorId)).filter((p) => p.status === 'active');
	const year = academicYearOf(today);
	const cards: MenteeCard[] = [];
	for (const pair of pairs) {
		const mentee = await profiles.get(db, pair.menteeId);
		if (!mentee) continue;
		const [sessions, menteeDeficits, plan] = await Promise.all([
			mentoring.sessionsOfPair(db, pair.id),
			deficits.listForTeacher(db, mentee.id),
			plans.forYear(db, mentee.id, year)
		]);
		const next = pair.plannedMeetings.map((m) => m.date).filter((d) => d >= today).sort()[0] ?? null;
		cards.push({
			pair,
			mentee,
			sessions: sessions.length,
			lastSession: sessions[0]?.date ?? null,
			nextMeeting: next,
			openDeficits: menteeDeficits.filter(isOpenDeficit).length,
			plan: plan ? { ...planCompletion(plan.actions), overdue: plan.actions.filter((a) => isOverdue(a, today)).length } : null
		});
	}
	return cards.sort((a, b) => a.mentee.fullName.localeCompare(b.mentee.fullName, 'ru'));
}
