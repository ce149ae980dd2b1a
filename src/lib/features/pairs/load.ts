import type { Id, IsoDate } from '$lib/domain/common';
import { academicYearOf } from '$lib/domain/academic-year';
import { isOpenDeficit, type Deficit } from '$lib/domain/deficit';
import { findCompetency, type Framework } from '$lib/domain/framework';
import { plannedMeetingOutcomes } from '$lib/domain/mentoring-session';
import { today as todayOnDevice } from '$lib/session/clock';
import {
	isPairCurrent,
	pairPhase,
	type MentoringPair,
	type PairPhase,
	type PlannedMeeting
} from '$lib/domain/mentoring';
import type { Organization } from '$lib/domain/organization';
import { isYoungSpecialist, type Profile } from '$lib/domain/profile';
import type { AppDatabase } from '$lib/db/database';
import * as deficits from '$lib/db/deficits';
import * as frameworks from '$lib/db/frameworks';
import * as mentoring from '$lib/db/mentoring';
import * as organizations from '$lib/db/organizations';
import * as profiles from '$lib/db/profiles';

/** A pair with the people's names and where it stands today. */
export interface PairRow {
	pair: MentoringPair;
	mentor: Profile | undefined;
	mentee: Profile | undefined;
	menteeYoung: boolean;
	phase: PairPhase;
}

/** A person the form offers, with the pair that already claims them as a mentee (if any). */
export interface StaffOption {
	profile: Profile;
	young: boolean;
	currentPair: MentoringPair | null;
}

export interface SchoolPairs {
	school: Organization;
	academicYear: number;
	/** Active today or starting later: active first, then by mentee. */
	current: PairRow[];
	/** Closed, or past their end date without being closed (those first: they need closing). */
	ended: PairRow[];
	/** Young specialists with no current pair: every one of them must get methodical help. */
	unassigned: Profile[];
	/** The school's staff by name, for the mentor select. */
	staff: StaffOption[];
	/** Young specialists first, then the others, by name within each group. */
	mentees: StaffOption[];
}

const PHASE_ORDER: Record<PairPhase, number> = { active: 0, upcoming: 1, expired: 2, completed: 3, terminated: 3 };

function byName(a: Profile | undefined, b: Profile | undefined): number {
	return (a?.fullName ?? '').localeCompare(b?.fullName ?? '', 'ru');
}

/** People named by pairs but not among the school's staff (a mentor from another school). */
async function missingPeople(db: AppDatabase, pairs: readonly MentoringPair[], known: Map<Id, Profile>): Promise<void> {
	const ids = [...new Set(pairs.flatMap((p) => [p.mentorId, p.menteeId]))].filter((id) => !known.has(id));
	const found = await Promise.all(ids.map((id) => profiles.get(db, id)));
	for (const p of found) if (p) known.set(p.id, p);
}

/** The school methodist's list of pairs (DOMAIN.md, Mentoring): who mentors whom, and who is left without. */
export async function loadSchoolPairs(db: AppDatabase, schoolId: Id, today: IsoDate): Promise<SchoolPairs | null> {
	const school = await organizations.get(db, schoolId);
	if (!school) return null;
	const [staff, pairs] = await Promise.all([
		profiles.listForSchool(db, schoolId),
		mentoring.listForSchool(db, schoolId)
	]);
	const people = new Map(staff.map((p) => [p.id, p]));
	await missingPeople(db, pairs, people);
	const rows: PairRow[] = pairs.map((pair) => {
		const mentee = people.get(pair.menteeId);
		return {
			pair,
			mentor: people.get(pair.mentorId),
			mentee,
			menteeYoung: mentee ? isYoungSpecialist(mentee) : false,
			phase: pairPhase(pair, today)
		};
	});
	const current = rows
		.filter((r) => r.phase === 'active' || r.phase === 'upcoming')
		.sort((a, b) => PHASE_ORDER[a.phase] - PHASE_ORDER[b.phase] || byName(a.mentee, b.mentee));
	const ended = rows
		.filter((r) => r.phase !== 'active' && r.phase !== 'upcoming')
		.sort(
			(a, b) =>
				PHASE_ORDER[a.phase] - PHASE_ORDER[b.phase] || (b.pair.endDate ?? '').localeCompare(a.pair.endDate ?? '')
		);
	const currentOf = (id: Id) => pairs.find((p) => p.menteeId === id && isPairCurrent(p, today)) ?? null;
	const options = staff.map((profile) => ({
		profile,
		young: isYoungSpecialist(profile),
		currentPair: currentOf(profile.id)
	}));
	return {
		school,
		academicYear: academicYearOf(today),
		current,
		ended,
		unassigned: options.filter((o) => o.young && !o.currentPair).map((o) => o.profile),
		staff: options,
		mentees: [...options.filter((o) => o.young), ...options.filter((o) => !o.young)]
	};
}

/** A deficit as the programme shows it: the competency's title and what the deficit is about. */
export interface DeficitOption {
	deficit: Deficit;
	title: string;
	/** The description, or else the texts of its indicators. */
	about: string;
}

function deficitOption(framework: Framework, deficit: Deficit): DeficitOption {
	const competency = findCompetency(framework, deficit.competencyId);
	const indicators = competency?.indicators.filter((i) => deficit.indicatorIds.includes(i.id)).map((i) => i.text) ?? [];
	return {
		deficit,
		title: competency?.title ?? deficit.competencyId,
		about: deficit.description || indicators.join('; ')
	};
}

export interface PairData {
	pair: MentoringPair;
	phase: PairPhase;
	mentor: Profile | undefined;
	mentee: Profile | undefined;
	menteeYoung: boolean;
	/** What the programme may address: the mentee's open deficits and those it already lists. */
	deficits: DeficitOption[];
	/** How many sessions the pair has recorded. */
	sessions: number;
}

async function pairOfSchool(db: AppDatabase, id: Id, schoolId: Id): Promise<MentoringPair | undefined> {
	const pair = await mentoring.get(db, id);
	// The methodist works with the pairs of their own school only (DOMAIN.md, Privacy).
	return pair && pair.schoolId === schoolId ? pair : undefined;
}

/** One pair and its programme for the methodist of `schoolId`; null when it is not theirs or not here. */
export async function loadPair(db: AppDatabase, id: Id, schoolId: Id, today: IsoDate): Promise<PairData | null> {
	const pair = await pairOfSchool(db, id, schoolId);
	if (!pair) return null;
	const [mentor, mentee, framework, all, sessions] = await Promise.all([
		profiles.get(db, pair.mentorId),
		profiles.get(db, pair.menteeId),
		frameworks.current(db),
		deficits.listForTeacher(db, pair.menteeId),
		mentoring.sessionsOfPair(db, pair.id)
	]);
	const order = new Map(framework.competencies.map((c, i) => [c.id, i]));
	const offered = all
		.filter((d) => isOpenDeficit(d) || pair.deficitIds.includes(d.id))
		.sort((a, b) => (order.get(a.competencyId) ?? 999) - (order.get(b.competencyId) ?? 999))
		.map((d) => deficitOption(framework, d));
	return {
		pair,
		phase: pairPhase(pair, today),
		mentor,
		mentee,
		menteeYoung: mentee ? isYoungSpecialist(mentee) : false,
		deficits: offered,
		sessions: sessions.length
	};
}

export interface PrintMeeting {
	meeting: PlannedMeeting;
	/** A session of the pair took place on that day. */
	held: boolean;
}

export interface ProgrammePrint {
	pair: MentoringPair;
	school: Organization | undefined;
	academicYear: number;
	mentor: Profile | undefined;
	mentee: Profile | undefined;
	menteeYoung: boolean;
	/** The deficits the programme addresses, in its order. */
	deficits: DeficitOption[];
	meetings: PrintMeeting[];
}

/** The printed персонализированная программа наставничества. */
export async function loadProgrammePrint(db: AppDatabase, id: Id, schoolId: Id): Promise<ProgrammePrint | null> {
	const pair = await pairOfSchool(db, id, schoolId);
	if (!pair) return null;
	const [school, mentor, mentee, framework, listed, sessions] = await Promise.all([
		organizations.get(db, pair.schoolId),
		profiles.get(db, pair.mentorId),
		profiles.get(db, pair.menteeId),
		frameworks.current(db),
		Promise.all(pair.deficitIds.map((d) => deficits.get(db, d))),
		mentoring.sessionsOfPair(db, pair.id)
	]);
	return {
		pair,
		school,
		academicYear: academicYearOf(pair.startDate),
		mentor,
		mentee,
		menteeYoung: mentee ? isYoungSpecialist(mentee) : false,
		deficits: listed.flatMap((d) => (d ? [deficitOption(framework, d)] : [])),
		// The same rule as the mentor's screens: a session within a few days holds a meeting.
		meetings: plannedMeetingOutcomes(pair.plannedMeetings, sessions, todayOnDevice()).map((o) => ({
			meeting: o.meeting,
			held: o.state === 'held'
		}))
	};
}
