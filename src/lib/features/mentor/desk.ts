import type { Id, IsoDate } from '$lib/domain/common';
import type { MentoringPair } from '$lib/domain/mentoring';
import type { PlanAction } from '$lib/domain/development-plan';
import type { Profile } from '$lib/domain/profile';
import { academicYearOf } from '$lib/domain/academic-year';
import { isOpenDeficit } from '$lib/domain/deficit';
import { isOverdue, planCompletion } from '$lib/domain/development-plan';
import { isPairActiveOn, nextPlannedMeeting } from '$lib/domain/mentoring-session';
import type { AppDatabase } from '$lib/db/database';
import * as deficits from '$lib/db/deficits';
import * as mentoring from '$lib/db/mentoring';
import * as sessions from '$lib/db/mentoring-sessions';
import * as plans from '$lib/db/development-plans';
import * as profiles from '$lib/db/profiles';

/** How many of the mentee's plan actions the desk shows: enough to see what moved lately. */
export const RECENT_ACTIONS = 3;

export interface RecentAction {
	action: PlanAction;
	overdue: boolean;
}

export interface MenteeCard {
	pair: MentoringPair;
	mentee: Profile;
	sessions: number;
	lastSession: IsoDate | null;
	nextMeeting: IsoDate | null;
	openDeficits: number;
	plan: { done: number; total: number; overdue: number } | null;
	/** The plan's most recently changed actions, newest first. */
	recentActions: RecentAction[];
}

/**
 * The mentor's desk: each mentee of an active pair with what needs attention. Ended pairs are
 * left out entirely: the mentor sees a mentee's deficits and plan only while the pair is active.
 */
export async function load(db: AppDatabase, mentorId: Id, today: IsoDate): Promise<MenteeCard[]> {
	const pairs = (await mentoring.pairsOfMentor(db, mentorId)).filter((p) => isPairActiveOn(p, today));
	const year = academicYearOf(today);
	const cards: MenteeCard[] = [];
	for (const pair of pairs) {
		const mentee = await profiles.get(db, pair.menteeId);
		if (!mentee) continue;
		const [held, menteeDeficits, plan] = await Promise.all([
			sessions.listForPair(db, pair.id),
			deficits.listForTeacher(db, mentee.id),
			plans.forYear(db, mentee.id, year)
		]);
		const recent = [...(plan?.actions ?? [])]
			.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id))
			.slice(0, RECENT_ACTIONS)
			.map((action) => ({ action, overdue: isOverdue(action, today) }));
		cards.push({
			pair,
			mentee,
			sessions: held.length,
			lastSession: held[0]?.date ?? null,
			nextMeeting: nextPlannedMeeting(pair.plannedMeetings, today)?.date ?? null,
			openDeficits: menteeDeficits.filter(isOpenDeficit).length,
			plan: plan
				? { ...planCompletion(plan.actions), overdue: plan.actions.filter((a) => isOverdue(a, today)).length }
				: null,
			recentActions: recent
		});
	}
	return cards.sort((a, b) => a.mentee.fullName.localeCompare(b.mentee.fullName, 'ru'));
}
