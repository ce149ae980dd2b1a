import type { Id, IsoDate } from '$lib/domain/common';
import { academicYearOf } from '$lib/domain/academic-year';
import { isOpenDeficit, type Deficit } from '$lib/domain/deficit';
import { isOverdue, planCompletion, type DevelopmentPlan, type PlanAction } from '$lib/domain/development-plan';
import { findCompetency, type Framework } from '$lib/domain/framework';
import type { MentoringPair, MentoringSession } from '$lib/domain/mentoring';
import {
	pairAccess,
	plannedMeetingOutcomes,
	sessionTotals,
	type PairAccess,
	type PlannedMeetingOutcome
} from '$lib/domain/mentoring-session';
import type { Observation } from '$lib/domain/observation';
import type { Organization } from '$lib/domain/organization';
import type { Profile } from '$lib/domain/profile';
import type { AppDatabase } from '$lib/db/database';
import * as deficits from '$lib/db/deficits';
import * as frameworks from '$lib/db/frameworks';
import * as organizations from '$lib/db/organizations';
import * as plans from '$lib/db/development-plans';
import * as profiles from '$lib/db/profiles';
import * as sessions from '$lib/db/mentoring-sessions';
import { withThreads, type SessionView } from './threads';

/** The people and the school on every screen and paper of a pair. */
export interface PairHeader {
	pair: MentoringPair;
	mentor: Profile | undefined;
	mentee: Profile | undefined;
	school: Organization | undefined;
}

export interface DeficitLine {
	deficit: Deficit;
	title: string;
	/** Named in the mentoring programme (pair.deficitIds). */
	inProgramme: boolean;
}

export interface ActionLine {
	action: PlanAction;
	overdue: boolean;
}

/** Everything the mentor may see of an active pair. */
export interface OpenPair extends PairHeader {
	state: 'open';
	meetings: PlannedMeetingOutcome<MentoringSession>[];
	/** Newest first, with comment threads. */
	sessions: SessionView[];
	totals: { count: number; minutes: number };
	/** The mentee's open deficits, programme ones first. */
	openDeficits: DeficitLine[];
	/** The deficits the programme addresses, whatever their status now (for the report). */
	programmeDeficits: DeficitLine[];
	/** The mentee's ИОМ of the current academic year (of the year it ended, for an ended pair's report), or null. */
	plan: {
		plan: DevelopmentPlan;
		actions: ActionLine[];
		completion: { done: number; total: number; share: number | null };
	} | null;
	/** Lessons of the mentee this mentor observed (submitted protocols), oldest first. */
	observations: Observation[];
}

/**
 * What the pair screens get: the whole picture while the pair is active; once it is not, only the
 * header and why (the mentee's records are not read at all); 'missing' for a pair that does not
 * exist here or is another mentor's.
 */
export type PairData =
	| OpenPair
	| (PairHeader & { state: 'closed'; access: Exclude<PairAccess, { state: 'active' }> })
	| { state: 'missing' };

function deficitLine(framework: Framework, deficit: Deficit, programme: ReadonlySet<Id>): DeficitLine {
	return {
		deficit,
		title: findCompetency(framework, deficit.competencyId)?.title ?? deficit.competencyId,
		inProgramme: programme.has(deficit.id)
	};
}

async function header(db: AppDatabase, pair: MentoringPair): Promise<PairHeader> {
	const [mentor, mentee, school] = await Promise.all([
		profiles.get(db, pair.mentorId),
		profiles.get(db, pair.menteeId),
		organizations.get(db, pair.schoolId)
	]);
	return { pair, mentor, mentee, school };
}

export async function loadPair(db: AppDatabase, pairId: Id, mentorId: Id, today: IsoDate): Promise<PairData> {
	const pair = await sessions.getPair(db, pairId);
	if (!pair || pair.mentorId !== mentorId) return { state: 'missing' };
	const head = await header(db, pair);
	const access = pairAccess(pair, today);
	if (access.state !== 'active') return { ...head, state: 'closed', access };
	return openPair(db, head, today, academicYearOf(today));
}

/**
 * The final report of an ENDED pair for the school methodist (the mentor's access closes at the
 * end date, hers does not): the same picture as the mentor's report, with the mentee's ИОМ of
 * the academic year the pair ended in. 'missing' for a pair not on this device or not of the
 * methodist's school; 'active' for a pair still running (its report is the mentor's until then).
 */
export async function loadEndedPair(
	db: AppDatabase,
	pairId: Id,
	schoolId: Id | null,
	today: IsoDate
): Promise<OpenPair | { state: 'missing' } | { state: 'active' }> {
	const pair = await sessions.getPair(db, pairId);
	if (!pair || !schoolId || pair.schoolId !== schoolId || pair.deletedAt) return { state: 'missing' };
	if (pairAccess(pair, today).state !== 'ended') return { state: 'active' };
	const ended = pair.endDate && pair.endDate < today ? pair.endDate : today;
	return openPair(db, await header(db, pair), today, academicYearOf(ended));
}

async function openPair(db: AppDatabase, head: PairHeader, today: IsoDate, planYear: number): Promise<OpenPair> {
	const pair = head.pair;
	const [held, menteeDeficits, bundle, framework, observations] = await Promise.all([
		sessions.listForPair(db, pair.id),
		deficits.listForTeacher(db, pair.menteeId),
		plans.forYear(db, pair.menteeId, planYear),
		frameworks.current(db),
		sessions.observationsBy(db, pair.mentorId, pair.menteeId)
	]);
	const programme = new Set(pair.deficitIds);
	const byId = new Map(menteeDeficits.map((d) => [d.id, d]));
	const openDeficits = menteeDeficits
		.filter(isOpenDeficit)
		.map((d) => deficitLine(framework, d, programme))
		.sort((a, b) => Number(b.inProgramme) - Number(a.inProgramme) || a.title.localeCompare(b.title, 'ru'));
	const programmeDeficits = pair.deficitIds.flatMap((id) => {
		const d = byId.get(id);
		return d ? [deficitLine(framework, d, programme)] : [];
	});
	return {
		...head,
		state: 'open',
		meetings: plannedMeetingOutcomes(pair.plannedMeetings, held, today),
		sessions: await withThreads(db, held),
		totals: sessionTotals(held),
		openDeficits,
		programmeDeficits,
		plan: bundle
			? {
					plan: bundle.plan,
					actions: bundle.actions.map((action) => ({ action, overdue: isOverdue(action, today) })),
					completion: planCompletion(bundle.actions)
				}
			: null,
		observations
	};
}
