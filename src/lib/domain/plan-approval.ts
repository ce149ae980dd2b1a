import type { Id, IsoDateTime, Result } from './common';
import type { DevelopmentPlan, PlanAction } from './development-plan';

/**
 * Согласование ИОМ (docs/workflows.md). SQL twin: private.development_plans_rules and
 * private.plan_actions_reopen_approval (supabase/migrations/20261207000900_plan_approval.sql);
 * the device and the server make the same moves, so an offline device and the server agree.
 */
export const APPROVAL_STATUSES = ['not_submitted', 'submitted', 'approved', 'returned'] as const;
/** не отправлен, на согласовании, согласован, возвращён на доработку. */
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/**
 * not_submitted → submitted (the teacher sends); submitted → approved | returned (the approver);
 * returned → submitted (the teacher sends again); approved → submitted (a substantive change of
 * the plan's actions, or the teacher sending it again of her own accord).
 */
export const APPROVAL_TRANSITIONS: Record<ApprovalStatus, readonly ApprovalStatus[]> = {
	not_submitted: ['submitted'],
	submitted: ['approved', 'returned'],
	returned: ['submitted'],
	approved: ['submitted']
};

export type ApprovalError = 'forbidden_transition' | 'comment_required' | 'own_plan';

type ApprovalFields = Pick<
	DevelopmentPlan,
	'approvalStatus' | 'approvalComment' | 'submittedAt' | 'approvedBy' | 'approvedAt' | 'approverName'
>;

/** The approval fields of a plan sent (again) for approval at `at`: any earlier decision is cleared. */
function submittedFields(at: IsoDateTime): ApprovalFields {
	return {
		approvalStatus: 'submitted',
		approvalComment: '',
		submittedAt: at,
		approvedBy: null,
		approvedAt: null,
		approverName: ''
	};
}

/** «Отправить на согласование»: from not sent, returned, or approved (sent again). */
export function submit<P extends DevelopmentPlan>(plan: P, at: IsoDateTime): Result<P, ApprovalError> {
	if (!APPROVAL_TRANSITIONS[plan.approvalStatus].includes('submitted'))
		return { ok: false, error: 'forbidden_transition' };
	return { ok: true, value: { ...plan, ...submittedFields(at) } };
}

/**
 * «Согласовать» or «Вернуть на доработку» by `approver` at `at`. Only a plan waiting for approval;
 * a return says why (a comment that is not blank); nobody decides on their own plan. Whether
 * `approver` may decide at all (the school methodist, or the active mentor where the school
 * allows it) is `mayApprove`; the server checks the same.
 */
export function decide<P extends DevelopmentPlan>(
	plan: P,
	decision: 'approved' | 'returned',
	approver: { id: Id; name: string },
	at: IsoDateTime,
	comment = ''
): Result<P, ApprovalError> {
	if (plan.approvalStatus !== 'submitted') return { ok: false, error: 'forbidden_transition' };
	if (approver.id === plan.teacherId) return { ok: false, error: 'own_plan' };
	const text = comment.trim();
	if (decision === 'returned' && text === '') return { ok: false, error: 'comment_required' };
	return {
		ok: true,
		value: {
			...plan,
			approvalStatus: decision,
			approvalComment: text,
			approvedBy: approver.id,
			approvedAt: at,
			approverName: approver.name.trim()
		}
	};
}

/** Fields of an action whose change alters what was approved; progress (status, evidence, reflection) does not. */
export const SUBSTANTIVE_ACTION_FIELDS = ['title', 'type', 'deadline', 'hours', 'deficitId'] as const;

type ActionShape = Pick<PlanAction, (typeof SUBSTANTIVE_ACTION_FIELDS)[number] | 'deletedAt'>;

/**
 * Whether a change of an action (`before` null: added; `after` null or tombstoned: removed)
 * changes the plan as approved: an action added or removed, or its title, type, deadline, hours or
 * deficit changed.
 */
export function isSubstantiveChange(before: ActionShape | null, after: ActionShape | null): boolean {
	const was = before !== null && before.deletedAt === null;
	const is = after !== null && after.deletedAt === null;
	if (was !== is) return true;
	if (!was || !is) return false;
	return SUBSTANTIVE_ACTION_FIELDS.some((f) => before[f] !== after[f]);
}

/**
 * The plan after a change of one of its actions at `at`: an approved plan goes back to «на
 * согласовании» when the change is substantive; any other plan is left as it is (a plan waiting
 * is reviewed as it stands; a returned one is the teacher's to send again).
 */
export function afterActionChange<P extends DevelopmentPlan>(
	plan: P,
	before: ActionShape | null,
	after: ActionShape | null,
	at: IsoDateTime
): P {
	if (plan.approvalStatus !== 'approved' || !isSubstantiveChange(before, after)) return plan;
	return { ...plan, ...submittedFields(at) };
}

/** Waiting for approval: sent and not deleted (the methodist's queue, the reminders). */
export function isWaiting(plan: Pick<DevelopmentPlan, 'approvalStatus' | 'deletedAt'>): boolean {
	return plan.approvalStatus === 'submitted' && plan.deletedAt === null;
}

/** The queue: plans waiting, sent longest ago first. */
export function approvalQueue<P extends DevelopmentPlan>(plans: readonly P[]): P[] {
	return plans
		.filter(isWaiting)
		.sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? '') || a.id.localeCompare(b.id));
}

/**
 * Whether `approver` may approve or return a teacher's plan: never her own; the methodist of her
 * school; her active mentor where the school allows mentors to (organizations.mentors_approve_plans).
 */
export function mayApprove(options: {
	approver: Id;
	teacherId: Id;
	isSchoolMethodist: boolean;
	isActiveMentor: boolean;
	schoolAllowsMentors: boolean;
}): boolean {
	if (options.approver === options.teacherId) return false;
	return options.isSchoolMethodist || (options.isActiveMentor && options.schoolAllowsMentors);
}
