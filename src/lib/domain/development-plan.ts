import { academicYearBounds } from './academic-year';
import type { Draft, Id, IsoDate, IsoDateTime, Result, SyncedRow } from './common';
import {
	arrayOf,
	date,
	instant,
	int,
	isUuid,
	issue,
	nullable,
	num,
	objectSchema,
	oneOf,
	text,
	url,
	uuid,
	type Issue
} from './validation';

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
	/** Согласован: by the school methodist or the mentor. */
	approvedBy: Id | null;
	approvedAt: IsoDateTime | null;
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

/** Hours of one course or action: more than 0, at most 2000 (a year of full-time retraining is ~1000). */
export const HOURS_LIMITS = { gt: 0, max: 2000 } as const;

export const developmentPlanSchema = /* @__PURE__ */ objectSchema<Draft<DevelopmentPlan>>({
	teacherId: uuid(),
	academicYear: int({ min: 2000, max: 2100 }),
	goals: text({ max: 4000 }),
	deficitIds: arrayOf(uuid(), { max: 100 }),
	status: oneOf(PLAN_STATUSES),
	approvedBy: nullable(uuid()),
	approvedAt: nullable(instant())
})
	// Approval is one act: who and when are set together.
	.refine(['approvedBy', 'approvedAt'], (p) => {
		if (p.approvedBy !== null && p.approvedAt === null) return [issue('approvedAt', 'required')];
		if (p.approvedBy === null && p.approvedAt !== null) return [issue('approvedBy', 'required')];
		return [];
	})
	// Согласование is someone else's review; a teacher cannot approve their own plan.
	.refine(['approvedBy', 'teacherId'], (p) =>
		p.approvedBy !== null && p.approvedBy === p.teacherId ? [issue('approvedBy', 'must_differ', { other: 'teacherId' })] : []
	);

const evidenceSchema = /* @__PURE__ */ objectSchema<Evidence>({
	id: uuid(),
	kind: oneOf(EVIDENCE_KINDS),
	value: text({ required: true, max: 2000 }),
	note: text({ max: 300 })
}).refine(['kind', 'value'], (e) => {
	if (e.kind === 'link') return url()(e.value, 'value');
	// Photos and files live in local attachment storage; the value is the attachment's id.
	if ((e.kind === 'photo' || e.kind === 'file') && !isUuid(e.value)) return [issue('value', 'invalid_id')];
	return [];
});

export const planActionSchema = /* @__PURE__ */ objectSchema<Draft<PlanAction>>({
	planId: uuid(),
	teacherId: uuid(),
	deficitId: nullable(uuid()),
	type: oneOf(ACTION_TYPES),
	title: text({ required: true, max: 300 }),
	resultForm: text({ max: 300 }),
	deadline: nullable(date()),
	hours: nullable(num(HOURS_LIMITS)),
	status: oneOf(ACTION_STATUSES),
	evidence: arrayOf(evidenceSchema.field, { max: 20 }),
	reflection: text({ max: 4000 }),
	completedAt: nullable(instant()),
	sourceObservationId: nullable(uuid())
})
	// completedAt dates the «выполнено»; it exists exactly while the action is done.
	.refine(['status', 'completedAt'], (a) => {
		if (a.status === 'done' && a.completedAt === null) return [issue('completedAt', 'required')];
		if (a.status !== 'done' && a.completedAt !== null) return [issue('completedAt', 'not_allowed')];
		return [];
	});

/**
 * Rules between an action and its plan: it belongs to the plan and its teacher, and its deadline
 * is not before the plan's academic year starts (a plan for 2026/27 has nothing due in August 2026).
 */
export function validateActionForPlan(
	action: Pick<PlanAction, 'planId' | 'teacherId' | 'deadline'>,
	plan: Pick<DevelopmentPlan, 'id' | 'teacherId' | 'academicYear'>
): Issue[] {
	const issues: Issue[] = [];
	if (action.planId !== plan.id) issues.push(issue('planId', 'mismatch'));
	if (action.teacherId !== plan.teacherId) issues.push(issue('teacherId', 'mismatch'));
	const { start } = academicYearBounds(plan.academicYear);
	if (action.deadline !== null && action.deadline < start) issues.push(issue('deadline', 'date_before', { min: start }));
	return issues;
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
