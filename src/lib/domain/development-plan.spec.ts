import { describe, expect, it } from 'vitest';
import {
	ACTION_STATUSES,
	ACTION_TRANSITIONS,
	actionTransition,
	addMonths,
	isOverdue,
	planCompletion,
	planTransition,
	planYearFor,
	proposeDeadline,
	type ActionStatus
} from './development-plan';
import { planActionSchema } from './schemas/development-plan';
import { buildAction, buildPlan, uuid } from './testing/builders';

const AT = '2026-11-01T10:00:00.000Z';

describe('planTransition', () => {
	it('activates a draft', () => {
		expect(planTransition(buildPlan({ status: 'draft' }), 'active', [])).toEqual({
			ok: true,
			value: buildPlan({ status: 'active' })
		});
	});
	it('completes an active plan whose actions are all done or cancelled', () => {
		const actions = [
			buildAction({ status: 'done', completedAt: AT }),
			buildAction({ id: uuid(2), status: 'cancelled' })
		];
		const result = planTransition(buildPlan(), 'completed', actions);
		expect(result.ok && result.value.status).toBe('completed');
	});
	it('cannot complete while an action is planned or in progress', () => {
		for (const status of ['planned', 'in_progress'] as const) {
			expect(planTransition(buildPlan(), 'completed', [buildAction({ status })])).toEqual({
				ok: false,
				error: 'open_actions'
			});
		}
	});
	it('ignores open actions of other plans and deleted ones', () => {
		const actions = [buildAction({ planId: uuid(9) }), buildAction({ deletedAt: AT })];
		expect(planTransition(buildPlan(), 'completed', actions).ok).toBe(true);
	});
	it('reopens a completed plan', () => {
		expect(planTransition(buildPlan({ status: 'completed' }), 'active', []).ok).toBe(true);
	});
	it('refuses moves outside the table', () => {
		for (const [from, to] of [
			['draft', 'completed'],
			['active', 'draft'],
			['completed', 'draft'],
			['active', 'active']
		] as const) {
			expect(planTransition(buildPlan({ status: from }), to, [])).toEqual({ ok: false, error: 'forbidden_transition' });
		}
	});
});

describe('actionTransition', () => {
	it('stamps completedAt when an action is done', () => {
		const result = actionTransition(buildAction({ status: 'in_progress' }), 'done', AT);
		expect(result.ok && result.value).toMatchObject({ status: 'done', completedAt: AT });
	});
	it('clears completedAt when a done action is reopened', () => {
		const result = actionTransition(buildAction({ status: 'done', completedAt: AT }), 'in_progress', AT);
		expect(result.ok && result.value).toMatchObject({ status: 'in_progress', completedAt: null });
	});
	it('restores a cancelled action to planned', () => {
		expect(actionTransition(buildAction({ status: 'cancelled' }), 'planned', AT).ok).toBe(true);
	});
	it('refuses done ↔ cancelled in one step and any move to the same status', () => {
		expect(actionTransition(buildAction({ status: 'done', completedAt: AT }), 'cancelled', AT)).toEqual({
			ok: false,
			error: 'forbidden_transition'
		});
		expect(actionTransition(buildAction({ status: 'cancelled' }), 'done', AT)).toEqual({
			ok: false,
			error: 'forbidden_transition'
		});
		expect(actionTransition(buildAction(), 'planned', AT)).toEqual({ ok: false, error: 'forbidden_transition' });
	});
	it('allows exactly the table, and every result passes the schema', () => {
		for (const from of ACTION_STATUSES)
			for (const to of ACTION_STATUSES) {
				const action = buildAction({ status: from, completedAt: from === 'done' ? AT : null });
				const result = actionTransition(action, to, AT);
				expect(result.ok).toBe(ACTION_TRANSITIONS[from].includes(to));
				if (result.ok) expect(planActionSchema.validate(result.value)).toEqual([]);
			}
	});
});

describe('planCompletion', () => {
	const withStatus = (status: ActionStatus) => buildAction({ status, completedAt: status === 'done' ? AT : null });

	it('counts done over all actions except cancelled ones', () => {
		const actions = ['done', 'done', 'planned', 'in_progress', 'cancelled'].map((s) => withStatus(s as ActionStatus));
		expect(planCompletion(actions)).toEqual({ done: 2, total: 4, share: 0.5 });
	});
	it('leaves deleted actions out', () => {
		expect(planCompletion([withStatus('done'), { ...withStatus('planned'), deletedAt: AT }])).toEqual({
			done: 1,
			total: 1,
			share: 1
		});
	});
	it('has no share for an empty plan or one with only cancelled actions: 0/0 is not 0 %', () => {
		expect(planCompletion([])).toEqual({ done: 0, total: 0, share: null });
		expect(planCompletion([withStatus('cancelled')])).toEqual({ done: 0, total: 0, share: null });
	});
	it('is 0 when nothing is done yet', () => {
		expect(planCompletion([withStatus('planned')]).share).toBe(0);
	});
});

describe('isOverdue', () => {
	it('is overdue the day after the deadline while open', () => {
		expect(isOverdue(buildAction({ deadline: '2026-12-20' }), '2026-12-21')).toBe(true);
		expect(isOverdue(buildAction({ deadline: '2026-12-20', status: 'in_progress' }), '2027-01-10')).toBe(true);
	});
	it('is not overdue on the deadline day itself', () => {
		expect(isOverdue(buildAction({ deadline: '2026-12-20' }), '2026-12-20')).toBe(false);
	});
	it('is never overdue when done, cancelled or without a deadline', () => {
		expect(isOverdue(buildAction({ status: 'done', completedAt: AT }), '2027-06-01')).toBe(false);
		expect(isOverdue(buildAction({ status: 'cancelled' }), '2027-06-01')).toBe(false);
		expect(isOverdue(buildAction({ deadline: null }), '2027-06-01')).toBe(false);
	});
});

describe('proposeDeadline', () => {
	it('proposes about two months ahead during the year', () => {
		expect(proposeDeadline('2026-10-14', 2026)).toBe('2026-12-14');
		expect(proposeDeadline('2026-12-31', 2026)).toBe('2027-02-28');
	});

	it('never proposes 31 August for a visit in the autumn, nor a date in the past', () => {
		for (const today of ['2026-09-01', '2026-11-20', '2027-02-10', '2027-04-30']) {
			const deadline = proposeDeadline(today, 2026);
			expect(deadline, today).not.toBe('2027-08-31');
			expect(deadline > today, today).toBe(true);
		}
	});

	it('keeps to the end of lessons (31 May) rather than the summer while lessons run', () => {
		expect(proposeDeadline('2027-04-10', 2026)).toBe('2027-05-31');
		expect(proposeDeadline('2027-05-10', 2026)).toBe('2027-05-31');
	});

	it('takes the summer when 31 May is less than two weeks away, and never goes past the academic year', () => {
		expect(proposeDeadline('2027-05-25', 2026)).toBe('2027-07-25');
		expect(proposeDeadline('2027-07-10', 2026)).toBe('2027-08-31');
	});

	it('counts from the start of a year that has not begun', () => {
		expect(proposeDeadline('2026-08-20', 2026)).toBe('2026-11-01');
	});
});

describe('addMonths', () => {
	it('keeps the day or takes the month’s last one', () => {
		expect(addMonths('2026-10-31', 4)).toBe('2027-02-28');
		expect(addMonths('2027-12-15', 2)).toBe('2028-02-15');
		expect(addMonths('2027-12-31', 2)).toBe('2028-02-29');
	});
});

describe('planYearFor', () => {
	it('puts work from a visit of a year that is over into the current year', () => {
		expect(planYearFor(2025, 2026)).toBe(2026);
		expect(planYearFor(2026, 2026)).toBe(2026);
	});
});
