import { academicYearBounds } from '../academic-year';
import type { Draft } from '../common';
import {
	ACTION_STATUSES,
	ACTION_TYPES,
	EVIDENCE_KINDS,
	PLAN_STATUSES,
	type DevelopmentPlan,
	type Evidence,
	type PlanAction
} from '../development-plan';
import { APPROVAL_STATUSES } from '../plan-approval';
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
} from '../validation';

/** Hours of one course or action: more than 0, at most 2000 (a year of full-time retraining is ~1000). */
export const HOURS_LIMITS = { gt: 0, max: 2000 } as const;

export const developmentPlanSchema = /* @__PURE__ */ objectSchema<Draft<DevelopmentPlan>>({
	teacherId: uuid(),
	academicYear: int({ min: 2000, max: 2100 }),
	goals: text({ max: 4000 }),
	deficitIds: arrayOf(uuid(), { max: 100 }),
	status: oneOf(PLAN_STATUSES),
	approvalStatus: oneOf(APPROVAL_STATUSES),
	approvalComment: text({ max: 2000 }),
	submittedAt: nullable(instant()),
	approvedBy: nullable(uuid()),
	approvedAt: nullable(instant()),
	approverName: text({ max: 300 })
})
	// Approval is one act: who and when are set together.
	.refine(['approvedBy', 'approvedAt'], (p) => {
		if (p.approvedBy !== null && p.approvedAt === null) return [issue('approvedAt', 'required')];
		if (p.approvedBy === null && p.approvedAt !== null) return [issue('approvedBy', 'required')];
		return [];
	})
	// The state and its fields agree (the database's development_plans_approval_* checks): a
	// decision is signed, a return says why, a plan sent has its date.
	.refine(['approvalStatus', 'approvalComment', 'submittedAt', 'approvedBy', 'approvedAt'], (p) => {
		const issues: Issue[] = [];
		const decided = p.approvalStatus === 'approved' || p.approvalStatus === 'returned';
		// A signature half given is the refinement above's to report.
		if (decided && p.approvedBy === null && p.approvedAt === null) issues.push(issue('approvedBy', 'required'));
		if (!decided && (p.approvedBy !== null || p.approvedAt !== null)) issues.push(issue('approvedBy', 'not_allowed'));
		if (p.approvalStatus === 'returned' && typeof p.approvalComment === 'string' && p.approvalComment.trim() === '')
			issues.push(issue('approvalComment', 'required'));
		if (p.approvalStatus === 'not_submitted' && p.submittedAt !== null)
			issues.push(issue('submittedAt', 'not_allowed'));
		if (p.approvalStatus !== 'not_submitted' && p.submittedAt === null) issues.push(issue('submittedAt', 'required'));
		return issues;
	})
	// Согласование is someone else's review; a teacher cannot approve their own plan.
	.refine(['approvedBy', 'teacherId'], (p) =>
		p.approvedBy !== null && p.approvedBy === p.teacherId
			? [issue('approvedBy', 'must_differ', { other: 'teacherId' })]
			: []
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
	if (action.deadline !== null && action.deadline < start)
		issues.push(issue('deadline', 'date_before', { min: start }));
	return issues;
}
