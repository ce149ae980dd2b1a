import { academicYearOf } from './academic-year';
import type { Assessment, Stage } from './assessment';
import type { Id, IsoDate, IsoDateTime } from './common';
import { parseIsoDate } from './dates';
import { isOpenAction, isOverdue, type PlanAction } from './development-plan';
import { isPairActive, type MentoringPair, type MentoringSession } from './mentoring';
import { plannedMeetingOutcomes } from './mentoring-session';
import { stageOn, windowFor } from './monitoring';
import type { Organization } from './organization';

/**
 * «Напоминания» on the home screens (issue 17): what needs doing soon, computed on the device
 * from its own rows, so it works offline. Pure: `today` is the reader's calendar date, taken in
 * the zone of her school (dates.ts dateInZone) by the caller.
 */

/** An open ИОМ action is recalled this many days before its deadline (the deadline day counts). */
export const ACTION_NOTICE_DAYS = 7;

export type ReminderKind = 'action' | 'meeting' | 'approval' | 'assessment';

/** Where a reminder leads; the screens turn it into a route (features/reminders/links.ts). */
export type ReminderLink =
	| { to: 'plan' }
	| { to: 'pair'; pairId: Id }
	| { to: 'mentoring' }
	| { to: 'approval'; planId: Id; teacherId: Id }
	| { to: 'assessment'; assessmentId: Id | null }
	| { to: 'school' };

export interface Reminder {
	/** Stable across runs (kind, row, date): the device remembers which ones it has announced. */
	id: string;
	kind: ReminderKind;
	/** The row's own words: an action's title, a meeting's topic, a teacher's name. */
	title: string;
	/** The other person it concerns (the mentee, the mentor), or null. */
	person: string | null;
	/** The day it is about: a deadline, a meeting, a plan's submission, a window's last day. */
	date: IsoDate;
	/** Its day has passed and it is still not done. */
	overdue: boolean;
	link: ReminderLink;
	/** assessment: the monitoring stage whose window is open. */
	stage?: Stage;
	/** assessment for a school: how many teachers have not taken it yet. */
	count?: number;
}

function dayNumber(date: IsoDate): number {
	const d = parseIsoDate(date);
	if (!d) throw new RangeError(`Not an ISO date: ${date}`);
	return Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;
}

function fromDayNumber(day: number): IsoDate {
	return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** `date` moved by `days` calendar days (negative: back). */
export function addDays(date: IsoDate, days: number): IsoDate {
	return fromDayNumber(dayNumber(date) + days);
}

/** The week holding `date`, Monday to Sunday, both days included (the Russian calendar week). */
export function weekOf(date: IsoDate): { monday: IsoDate; sunday: IsoDate } {
	const day = dayNumber(date);
	// 1970-01-01 was a Thursday: day 0 is weekday 3 counting Monday as 0.
	const monday = day - ((((day + 3) % 7) + 7) % 7);
	return { monday: fromDayNumber(monday), sunday: fromDayNumber(monday + 6) };
}

/**
 * The teacher's open ИОМ actions due within ACTION_NOTICE_DAYS (today included) or overdue. An
 * action without a deadline, done, cancelled or deleted is not recalled; a deadline today is due,
 * not overdue (isOverdue).
 */
export function actionReminders(
	actions: readonly Pick<PlanAction, 'id' | 'title' | 'deadline' | 'status' | 'deletedAt'>[],
	today: IsoDate
): Reminder[] {
	const horizon = addDays(today, ACTION_NOTICE_DAYS);
	return actions
		.filter((a) => a.deletedAt === null && isOpenAction(a) && a.deadline !== null && parseIsoDate(a.deadline))
		.filter((a) => a.deadline! <= horizon)
		.map((a) => ({
			id: `action:${a.id}:${a.deadline}`,
			kind: 'action' as const,
			title: a.title,
			person: null,
			date: a.deadline!,
			overdue: isOverdue(a, today),
			link: { to: 'plan' as const }
		}));
}

/** A pair as the reader sees it: the pair, its sessions and the other person's name. */
export interface PairView {
	pair: Pick<MentoringPair, 'id' | 'status' | 'startDate' | 'endDate' | 'plannedMeetings' | 'deletedAt'>;
	sessions: readonly Pick<MentoringSession, 'id' | 'date' | 'deletedAt' | 'plannedMeeting'>[];
	/** The mentee (the mentor reading) or the mentor (the mentee reading). */
	person: string | null;
}

/**
 * The programme's meetings planned this week (Monday–Sunday around `today`) that no session holds
 * yet (plannedMeetingOutcomes), in pairs active today. One planned earlier this week and not held
 * is overdue. The mentor's reminder leads to the pair, the mentee's to her mentoring page.
 */
export function meetingReminders(pairs: readonly PairView[], today: IsoDate, side: 'mentor' | 'mentee'): Reminder[] {
	const { monday, sunday } = weekOf(today);
	const out: Reminder[] = [];
	for (const { pair, sessions, person } of pairs) {
		if (pair.deletedAt !== null || !isPairActive(pair, today)) continue;
		const outcomes = plannedMeetingOutcomes(pair.plannedMeetings, sessions, today);
		outcomes.forEach((o, index) => {
			const date = o.meeting.date;
			if (o.state === 'held' || !parseIsoDate(date) || date < monday || date > sunday) return;
			out.push({
				id: `meeting:${pair.id}:${date}:${index}`,
				kind: 'meeting',
				title: o.meeting.topic,
				person,
				date,
				overdue: date < today,
				link: side === 'mentor' ? { to: 'pair', pairId: pair.id } : { to: 'mentoring' }
			});
		});
	}
	return out;
}

/**
 * A plan as the methodist's device holds it. The approval fields come with issue 17's plan
 * approval; a row written before them has none and waits for nobody.
 */
export interface ApprovalRow {
	id: Id;
	teacherId: Id;
	deletedAt: IsoDateTime | null;
	approvalStatus?: string;
	submittedAt?: IsoDateTime | null;
}

/**
 * Plans waiting for the methodist's approval: sent (approvalStatus 'submitted') and not deleted,
 * of the teachers named in `teachers` (her school's; her own plan is approved by someone else).
 * Dated by the day it was sent, in the school's zone (`dateOf`); never overdue.
 */
export function approvalReminders(
	plans: readonly ApprovalRow[],
	teachers: ReadonlyMap<Id, string>,
	dateOf: (instant: IsoDateTime) => IsoDate,
	today: IsoDate
): Reminder[] {
	return plans
		.filter((p) => p.approvalStatus === 'submitted' && p.deletedAt === null && teachers.has(p.teacherId))
		.map((p) => {
			const date = p.submittedAt ? dateOf(p.submittedAt) : today;
			return {
				id: `approval:${p.id}:${p.submittedAt ?? ''}`,
				kind: 'approval' as const,
				title: teachers.get(p.teacherId)!,
				person: null,
				date,
				overdue: false,
				link: { to: 'approval' as const, planId: p.id, teacherId: p.teacherId }
			};
		});
}

type Orgs = readonly Pick<Organization, 'id' | 'parentId' | 'monitoring'>[];
type Taken = Pick<Assessment, 'id' | 'teacherId' | 'stage' | 'academicYear' | 'status' | 'deletedAt'>;

/** The stage whose monitoring window (the school's, narrowed by its municipality) holds today, with that window's last day. */
export function openWindow(
	organizations: Orgs,
	schoolId: Id | null,
	today: IsoDate
): { stage: Stage; year: number; to: IsoDate } | null {
	const year = academicYearOf(today);
	const stage = stageOn(organizations, schoolId, year, today);
	const window = stage ? windowFor(organizations, schoolId, year, stage) : null;
	return stage && window ? { stage, year, to: window.to } : null;
}

function hasTaken(assessments: readonly Taken[], teacherId: Id, stage: Stage, year: number): boolean {
	return assessments.some(
		(a) =>
			a.teacherId === teacherId &&
			a.deletedAt === null &&
			a.status === 'submitted' &&
			a.stage === stage &&
			a.academicYear === year
	);
}

/**
 * The teacher's diagnostics of the monitoring window open today, while she has not submitted an
 * assessment of that stage this academic year. Dated by the window's last day; leads to her
 * draft of that stage when there is one.
 */
export function assessmentReminder(
	organizations: Orgs,
	schoolId: Id | null,
	teacherId: Id,
	assessments: readonly Taken[],
	today: IsoDate
): Reminder | null {
	const open = openWindow(organizations, schoolId, today);
	if (!open || hasTaken(assessments, teacherId, open.stage, open.year)) return null;
	const draft = assessments.find(
		(a) =>
			a.teacherId === teacherId &&
			a.deletedAt === null &&
			a.status === 'draft' &&
			a.stage === open.stage &&
			a.academicYear === open.year
	);
	return {
		id: `assessment:${teacherId}:${open.year}:${open.stage}`,
		kind: 'assessment',
		title: '',
		person: null,
		date: open.to,
		overdue: false,
		link: { to: 'assessment', assessmentId: draft?.id ?? null },
		stage: open.stage
	};
}

/** For the school methodist: how many of the school's teachers have not taken the open window's diagnostics. */
export function schoolAssessmentReminder(
	organizations: Orgs,
	schoolId: Id | null,
	teacherIds: readonly Id[],
	assessments: readonly Taken[],
	today: IsoDate
): Reminder | null {
	const open = openWindow(organizations, schoolId, today);
	if (!open) return null;
	const missing = teacherIds.filter((id) => !hasTaken(assessments, id, open.stage, open.year)).length;
	if (!missing) return null;
	return {
		id: `assessment:school:${schoolId}:${open.year}:${open.stage}`,
		kind: 'assessment',
		title: '',
		person: null,
		date: open.to,
		overdue: false,
		link: { to: 'school' },
		stage: open.stage,
		count: missing
	};
}

/** Overdue first, then by date (earliest first), then by kind and id so the order never flickers. */
export function byUrgency(a: Reminder, b: Reminder): number {
	return (
		Number(b.overdue) - Number(a.overdue) ||
		a.date.localeCompare(b.date) ||
		a.kind.localeCompare(b.kind) ||
		a.id.localeCompare(b.id)
	);
}
