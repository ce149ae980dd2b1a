import { academicYearBounds } from './academic-year';
import type { Id, IsoDate, IsoDateTime, Result, SyncedRow } from './common';
import { daysInMonth, parseIsoDate } from './dates';
import type { ApprovalStatus } from './plan-approval';

export const PLAN_STATUSES = ['draft', 'active', 'completed'] as const;
/** черновик → действует → завершён. */
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** ИОМ: one plan per teacher per academic year. */
export interface DevelopmentPlan extends SyncedRow {
	teacherId: Id;
	academicYear: number;
	goals: string;
	deficitIds: Id[];
	status: PlanStatus;
	/** Согласование (plan-approval.ts): not sent, waiting, approved or returned with a comment. */
	approvalStatus: ApprovalStatus;
	/** Why the plan was returned (required then); empty otherwise. */
	approvalComment: string;
	/** When it was last sent for approval; null while never sent. */
	submittedAt: IsoDateTime | null;
	/**
	 * Who decided and when (approved or returned): the school methodist or, where the school
	 * allows it, the active mentor. Null while not sent or waiting.
	 */
	approvedBy: Id | null;
	approvedAt: IsoDateTime | null;
	/**
	 * The name of whoever decided, as the server knows it ('' while nobody has): the teacher may not
	 * read a methodist's profile, yet her plan and its print say «Согласовано: ФИО, дата».
	 */
	approverName: string;
}

export const ACTION_TYPES = [
	'course',
	'self_study',
	'methodical_association',
	'peer_visit',
	'master_class',
	'internship',
	'competition',
	'mentoring',
	'open_lesson',
	'other'
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export const ACTION_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
/** запланировано, выполняется, выполнено, отменено. */
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const EVIDENCE_KINDS = ['certificate', 'link', 'photo', 'file'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export interface Evidence {
	id: Id;
	kind: EvidenceKind;
	/** Certificate number, URL, or the id of a locally stored attachment (photo, file). */
	value: string;
	note: string;
}

export interface PlanAction extends SyncedRow {
	planId: Id;
	teacherId: Id;
	deficitId: Id | null;
	type: ActionType;
	title: string;
	/** Форма представления результата (certificate, lesson plan, report…). */
	resultForm: string;
	deadline: IsoDate | null;
	hours: number | null;
	status: ActionStatus;
	evidence: Evidence[];
	reflection: string;
	completedAt: IsoDateTime | null;
	sourceObservationId: Id | null;
}

/**
 * Plan moves: draft → active; active → completed once no action is planned or in progress;
 * completed → active (reopened, e.g. a late certificate arrives). A plan never returns to draft:
 * once active, others may have relied on it.
 */
export const PLAN_TRANSITIONS: Record<PlanStatus, readonly PlanStatus[]> = {
	draft: ['active'],
	active: ['completed'],
	completed: ['active']
};

export type PlanTransitionError = 'forbidden_transition' | 'open_actions';

/** `actions` may hold other plans' or deleted actions: only this plan's live ones are considered. */
export function planTransition(
	plan: DevelopmentPlan,
	to: PlanStatus,
	actions: readonly PlanAction[]
): Result<DevelopmentPlan, PlanTransitionError> {
	if (!PLAN_TRANSITIONS[plan.status].includes(to)) return { ok: false, error: 'forbidden_transition' };
	if (to === 'completed') {
		const open = actions.some((a) => a.planId === plan.id && a.deletedAt === null && isOpenAction(a));
		if (open) return { ok: false, error: 'open_actions' };
	}
	return { ok: true, value: { ...plan, status: to } };
}

/** Planned or in progress: still owes work. */
export function isOpenAction(action: Pick<PlanAction, 'status'>): boolean {
	return action.status === 'planned' || action.status === 'in_progress';
}

/**
 * Action moves: planned → in_progress | done | cancelled; in_progress → done | cancelled |
 * planned (started by mistake); done → in_progress (reopened); cancelled → planned (restored).
 * done ↔ cancelled goes through another status so each step means one decision.
 */
export const ACTION_TRANSITIONS: Record<ActionStatus, readonly ActionStatus[]> = {
	planned: ['in_progress', 'done', 'cancelled'],
	in_progress: ['done', 'cancelled', 'planned'],
	done: ['in_progress'],
	cancelled: ['planned']
};

export type ActionTransitionError = 'forbidden_transition';

/** Moves an action; completedAt becomes `at` on done and is cleared on any other status. */
export function actionTransition(
	action: PlanAction,
	to: ActionStatus,
	at: IsoDateTime
): Result<PlanAction, ActionTransitionError> {
	if (!ACTION_TRANSITIONS[action.status].includes(to)) return { ok: false, error: 'forbidden_transition' };
	return { ok: true, value: { ...action, status: to, completedAt: to === 'done' ? at : null } };
}

/**
 * Done over all actions that still count: cancelled and deleted actions are left out of the
 * total. `share` is null for an empty total: "nothing to do" is not 0 % done.
 */
export function planCompletion(actions: readonly Pick<PlanAction, 'status' | 'deletedAt'>[]): {
	done: number;
	total: number;
	share: number | null;
} {
	const counted = actions.filter((a) => a.deletedAt === null && a.status !== 'cancelled');
	const done = counted.filter((a) => a.status === 'done').length;
	return { done, total: counted.length, share: counted.length === 0 ? null : done / counted.length };
}

/** Past its deadline and still open; the deadline day itself is not overdue. */
export function isOverdue(action: Pick<PlanAction, 'status' | 'deadline'>, today: IsoDate): boolean {
	return action.deadline !== null && action.deadline < today && isOpenAction(action);
}

// ——— Proposed deadlines ———

/** Work that follows a lesson visit is proposed for about this many months ahead. */
export const PROPOSED_DEADLINE_MONTHS = 2;
/** Closer to the end of lessons than this, 31 May is too soon to propose: the summer deadline stands. */
const MIN_TEACHING_DAYS = 14;

function pad(n: number, width = 2): string {
	return String(n).padStart(width, '0');
}

function dayNumber(date: IsoDate): number {
	const d = parseIsoDate(date);
	if (!d) throw new RangeError(`Not an ISO date: ${date}`);
	return Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;
}

/** The same day `months` later, or that month's last day (31 October + 4 months → 28 February). */
export function addMonths(date: IsoDate, months: number): IsoDate {
	const d = parseIsoDate(date);
	if (!d) throw new RangeError(`Not an ISO date: ${date}`);
	const index = d.year * 12 + (d.month - 1) + months;
	const year = Math.floor(index / 12);
	const month = (index % 12) + 1;
	return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d.day, daysInMonth(year, month)))}`;
}

/**
 * The deadline to propose for new work in the plan of `academicYear`, asked on `today`: about
 * two months ahead, so the teacher has time to try what was recommended and the mentor a date to
 * ask about it. Never after the academic year (31 August), and not in the summer holidays while
 * lessons still run: a date after 31 May becomes 31 May when that is at least two weeks away.
 * Never before today, as long as the year is not over: a plan of a year that has ended can only
 * take its last day, so the caller puts such work in the current year's plan (`planYearFor`).
 */
export function proposeDeadline(today: IsoDate, academicYear: number): IsoDate {
	const { start, end } = academicYearBounds(academicYear);
	const from = today > start ? today : start;
	let deadline = addMonths(from, PROPOSED_DEADLINE_MONTHS);
	const lessonsEnd = `${pad(academicYear + 1, 4)}-05-31`;
	if (deadline > lessonsEnd && dayNumber(lessonsEnd) - dayNumber(from) >= MIN_TEACHING_DAYS) deadline = lessonsEnd;
	return deadline > end ? end : deadline;
}

/**
 * The academic year whose plan takes work that follows an event of `eventYear` (a lesson
 * visited), done from `today` on: that year's, unless it is over — then the current one, since
 * nobody works to a plan of a year that has ended.
 */
export function planYearFor(eventYear: number, todayYear: number): number {
	return Math.max(eventYear, todayYear);
}

/** The IOM indicator's rule, and the dashboard's «С ИОМ»: a plan for the year that is active or completed (a draft is not one). */
export function countsAsPlan(plan: Pick<DevelopmentPlan, 'status' | 'deletedAt'>): boolean {
	return !plan.deletedAt && (plan.status === 'active' || plan.status === 'completed');
}
