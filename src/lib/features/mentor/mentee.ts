import type { Id, IsoDate } from '$lib/domain/common';
import type { MentoringPair, MentoringSession } from '$lib/domain/mentoring';
import { isPairActiveOn, plannedMeetingOutcomes, type PlannedMeetingOutcome } from '$lib/domain/mentoring-session';
import type { Profile } from '$lib/domain/profile';
import type { AppDatabase } from '$lib/db/database';
import * as mentoring from '$lib/db/mentoring';
import * as profiles from '$lib/db/profiles';
import * as sessions from '$lib/db/mentoring-sessions';
import { peopleById, withThreads, type SessionView } from './threads';

export interface MyPair {
	pair: MentoringPair;
	mentor: Profile | undefined;
	/** While active the mentor sees this teacher's deficits and plan. */
	active: boolean;
	meetings: PlannedMeetingOutcome<MentoringSession>[];
	/** Newest first, with comment threads. */
	sessions: SessionView[];
}

export interface MentoringData {
	profile: Profile | undefined;
	/** Everyone who can see this teacher's records individually right now, apart from the teacher. */
	whoSees: { mentors: { name: string | null; until: IsoDate | null }[]; methodists: Profile[] };
	/** Active pairs first, then past ones, newest start first. */
	pairs: MyPair[];
}

/** The teacher's own mentoring screen: who sees their data, their pairs and sessions. */
export async function loadMentoring(db: AppDatabase, teacherId: Id, today: IsoDate): Promise<MentoringData> {
	const [profile, pairs, mine] = await Promise.all([
		profiles.get(db, teacherId),
		mentoring.pairsOfMentee(db, teacherId),
		sessions.listForMentee(db, teacherId)
	]);
	const people = await peopleById(
		db,
		pairs.map((p) => p.mentorId)
	);
	// A teacher who is also the school's methodist is not listed as seeing their own data.
	const methodists = profile?.schoolId
		? (await sessions.methodistsOfSchool(db, profile.schoolId)).filter((p) => p.id !== teacherId)
		: [];
	const views = await withThreads(db, mine);
	const list: MyPair[] = pairs.map((pair) => ({
		pair,
		mentor: people.get(pair.mentorId),
		active: isPairActiveOn(pair, today),
		meetings: plannedMeetingOutcomes(
			pair.plannedMeetings,
			mine.filter((s) => s.pairId === pair.id),
			today
		),
		sessions: views.filter((v) => v.session.pairId === pair.id)
	}));
	list.sort((a, b) => Number(b.active) - Number(a.active) || b.pair.startDate.localeCompare(a.pair.startDate));
	return {
		profile,
		whoSees: {
			// A mentor whose profile has not reached this device still sees the data: listed without a name.
			mentors: list.filter((p) => p.active).map((p) => ({ name: p.mentor?.fullName ?? null, until: p.pair.endDate })),
			methodists
		},
		pairs: list
	};
}
