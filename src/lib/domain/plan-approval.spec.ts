import { describe, expect, it } from 'vitest';
import { buildAction, buildPlan, IDS } from './testing/builders';
import {
	afterActionChange,
	APPROVAL_STATUSES,
	APPROVAL_TRANSITIONS,
	approvalQueue,
	decide,
	isSubstantiveChange,
	mayApprove,
	submit
} from './plan-approval';
import { developmentPlanSchema } from './schemas/development-plan';

const AT = '2026-11-01T09:00:00.000Z';
const LATER = '2026-11-02T09:00:00.000Z';
const METHODIST = '00000000-0000-4000-8000-00000000a001';
const BY = { id: METHODIST, name: 'Иванова Мария Петровна' };

const waiting = () => buildPlan({ approvalStatus: 'submitted', submittedAt: AT });
const approved = () =>
	buildPlan({ approvalStatus: 'approved', submittedAt: AT, approvedBy: METHODIST, approvedAt: LATER });

describe('plan approval', () => {
	it('every state has its moves, and every move leads to a state', () => {
		for (const from of APPROVAL_STATUSES)
			for (const to of APPROVAL_TRANSITIONS[from]) expect(APPROVAL_STATUSES).toContain(to);
	});

	it('the teacher sends a plan not yet sent; the plan is dated and valid', () => {
		const sent = submit(buildPlan(), AT);
		expect(sent).toMatchObject({ ok: true, value: { approvalStatus: 'submitted', submittedAt: AT } });
		if (sent.ok) expect(developmentPlanSchema.validate(sent.value)).toEqual([]);
	});

	it('a plan that waits cannot be sent again; a returned one can, and loses the comment and the signature', () => {
		expect(submit(waiting(), LATER)).toEqual({ ok: false, error: 'forbidden_transition' });
		const returned = decide(waiting(), 'returned', BY, LATER, 'Уточните сроки');
		if (!returned.ok) throw new Error(returned.error);
		expect(submit(returned.value, '2026-11-03T09:00:00.000Z')).toMatchObject({
			ok: true,
			value: { approvalStatus: 'submitted', approvalComment: '', approvedBy: null, approvedAt: null }
		});
	});

	it('the approver approves a plan that waits, signed and dated', () => {
		const r = decide(waiting(), 'approved', BY, LATER);
		expect(r).toMatchObject({
			ok: true,
			value: { approvalStatus: 'approved', approvedBy: METHODIST, approvedAt: LATER }
		});
		if (r.ok) expect(developmentPlanSchema.validate(r.value)).toEqual([]);
	});

	it('a return needs a comment that is not blank', () => {
		for (const comment of ['', '   ', '\u00a0\u3000'])
			expect(decide(waiting(), 'returned', BY, LATER, comment)).toEqual({
				ok: false,
				error: 'comment_required'
			});
		expect(decide(waiting(), 'returned', BY, LATER, ' Добавьте часы ')).toMatchObject({
			ok: true,
			value: { approvalStatus: 'returned', approvalComment: 'Добавьте часы' }
		});
	});

	it('nobody decides on a plan that does not wait, nor on their own plan', () => {
		expect(decide(buildPlan(), 'approved', BY, LATER)).toEqual({ ok: false, error: 'forbidden_transition' });
		expect(decide(approved(), 'returned', BY, LATER, 'x')).toEqual({ ok: false, error: 'forbidden_transition' });
		expect(decide(waiting(), 'approved', { id: IDS.teacher, name: '' }, LATER)).toEqual({
			ok: false,
			error: 'own_plan'
		});
	});

	it('the schema refuses a state its fields contradict', () => {
		expect(developmentPlanSchema.validate(buildPlan({ approvalStatus: 'approved', submittedAt: AT }))).toContainEqual(
			expect.objectContaining({ path: 'approvedBy', code: 'required' })
		);
		expect(
			developmentPlanSchema.validate(
				buildPlan({ approvalStatus: 'returned', submittedAt: AT, approvedBy: METHODIST, approvedAt: LATER })
			)
		).toContainEqual(expect.objectContaining({ path: 'approvalComment', code: 'required' }));
		expect(developmentPlanSchema.validate(buildPlan({ approvalStatus: 'submitted' }))).toContainEqual(
			expect.objectContaining({ path: 'submittedAt', code: 'required' })
		);
	});
});

describe('a change of an approved plan’s actions', () => {
	const action = buildAction();

	it.each([
		['an action added', null, action],
		['an action removed', action, { ...action, deletedAt: LATER }],
		['its title', action, { ...action, title: 'Другое' }],
		['its type', action, { ...action, type: 'self_study' as const }],
		['its deadline', action, { ...action, deadline: '2027-04-30' }],
		['its hours', action, { ...action, hours: 72 }],
		['its deficit', action, { ...action, deficitId: null }]
	])('sends it back for approval: %s', (_what, before, after) => {
		expect(isSubstantiveChange(before, after)).toBe(true);
		expect(afterActionChange(approved(), before, after, '2026-11-05T09:00:00.000Z')).toMatchObject({
			approvalStatus: 'submitted',
			submittedAt: '2026-11-05T09:00:00.000Z',
			approvedBy: null,
			approvedAt: null
		});
	});

	it('leaves it approved for progress: status, evidence, reflection, result form', () => {
		const progressed = {
			...action,
			status: 'done' as const,
			completedAt: LATER,
			reflection: 'Применяю',
			resultForm: 'Удостоверение',
			evidence: [{ id: IDS.action, kind: 'certificate' as const, value: '№ 1', note: '' }]
		};
		expect(isSubstantiveChange(action, progressed)).toBe(false);
		const plan = approved();
		expect(afterActionChange(plan, action, progressed, LATER)).toBe(plan);
	});

	it('leaves a plan that waits or was returned as it is; a deleted action edited is no change', () => {
		const plan = waiting();
		expect(afterActionChange(plan, null, action, LATER)).toBe(plan);
		const gone = { ...action, deletedAt: AT };
		expect(isSubstantiveChange(gone, { ...gone, title: 'x' })).toBe(false);
	});
});

describe('the queue and who approves', () => {
	it('lists plans waiting, sent longest ago first, without deleted ones', () => {
		const a = buildPlan({ id: 'a', approvalStatus: 'submitted', submittedAt: LATER });
		const b = buildPlan({ id: 'b', approvalStatus: 'submitted', submittedAt: AT });
		const c = buildPlan({ id: 'c', approvalStatus: 'submitted', submittedAt: AT, deletedAt: LATER });
		expect(approvalQueue([a, b, c, approved(), buildPlan({ id: 'd' })]).map((p) => p.id)).toEqual(['b', 'a']);
	});

	it('the methodist of the school; the active mentor only where the school allows it; never oneself', () => {
		const base = {
			approver: METHODIST,
			teacherId: IDS.teacher,
			isSchoolMethodist: false,
			isActiveMentor: false,
			schoolAllowsMentors: false
		};
		expect(mayApprove({ ...base, isSchoolMethodist: true })).toBe(true);
		expect(mayApprove({ ...base, isActiveMentor: true })).toBe(false);
		expect(mayApprove({ ...base, isActiveMentor: true, schoolAllowsMentors: true })).toBe(true);
		expect(mayApprove({ ...base, approver: IDS.teacher, isSchoolMethodist: true })).toBe(false);
	});
});
