import { afterEach, describe, expect, it } from 'vitest';
import { IDS } from '$lib/domain/testing/builders';
import * as plans from './development-plans';
import * as outbox from './outbox';
import { LocalWriteError } from './errors';
import { freshDatabase } from './testing/fresh';
import type { AppDatabase } from './database';

const teacher = { profileId: IDS.teacher };
const methodist = { profileId: IDS.methodist };
const dbs: AppDatabase[] = [];
function open() {
	const db = freshDatabase('approval');
	dbs.push(db);
	return db;
}
afterEach(() => {
	for (const db of dbs.splice(0)) db.close();
});

function fail(promise: Promise<unknown>): Promise<LocalWriteError> {
	return promise.then(
		() => {
			throw new Error('expected the write to fail');
		},
		(e: unknown) => e as LocalWriteError
	);
}

const course = {
	deficitId: null,
	type: 'course' as const,
	title: 'Курсы ПК «Функциональная грамотность»',
	resultForm: 'удостоверение',
	deadline: '2026-12-20',
	hours: 36
};

async function approvedPlan(db: AppDatabase) {
	const plan = await plans.ensurePlan(db, IDS.teacher, 2026, teacher);
	const action = await plans.addAction(db, plan.id, course, teacher);
	await plans.submit(db, plan.id, teacher);
	await plans.approve(db, plan.id, methodist);
	return { plan, action };
}

describe('sending a plan for approval and deciding on it (a synced write like any other)', () => {
	it('a new plan is not sent; sending it dates it and queues the change for the server', async () => {
		const db = open();
		const plan = await plans.ensurePlan(db, IDS.teacher, 2026, teacher);
		expect(plan).toMatchObject({ approvalStatus: 'not_submitted', submittedAt: null });
		const sent = await plans.submit(db, plan.id, teacher);
		expect(sent.approvalStatus).toBe('submitted');
		expect(sent.submittedAt).not.toBeNull();
		const entries = await outbox.forRow(db, 'development_plans', plan.id);
		expect(entries.at(-1)!.fields).toMatchObject({ approvalStatus: 'submitted' });
		expect((await plans.waitingForApproval(db)).map((p) => p.id)).toEqual([plan.id]);
	});

	it('the approver approves, signed with their profile; the queue empties', async () => {
		const db = open();
		const { plan } = await approvedPlan(db);
		expect(await plans.get(db, plan.id)).toMatchObject({ approvalStatus: 'approved', approvedBy: IDS.methodist });
		expect(await plans.waitingForApproval(db)).toEqual([]);
	});

	it('a return without a comment is refused on the comment, and nothing is written', async () => {
		const db = open();
		const plan = await plans.ensurePlan(db, IDS.teacher, 2026, teacher);
		await plans.submit(db, plan.id, teacher);
		const before = await db.outbox.count();
		const error = await fail(plans.returnPlan(db, plan.id, '  ', methodist));
		expect(error.reason).toBe('invalid');
		expect(error.issues).toContainEqual(expect.objectContaining({ path: 'approvalComment', code: 'required' }));
		expect(await db.outbox.count()).toBe(before);
		const back = await plans.returnPlan(db, plan.id, 'Добавьте часы к курсу', methodist);
		expect(back).toMatchObject({ approvalStatus: 'returned', approvalComment: 'Добавьте часы к курсу' });
	});

	it('a plan not sent cannot be approved, and nobody approves their own plan', async () => {
		const db = open();
		const plan = await plans.ensurePlan(db, IDS.teacher, 2026, teacher);
		expect((await fail(plans.approve(db, plan.id, methodist))).reason).toBe('invalid');
		await plans.submit(db, plan.id, teacher);
		expect((await fail(plans.approve(db, plan.id, teacher))).reason).toBe('invalid');
	});
});

describe('a change of an approved plan’s actions', () => {
	it('adding an action sends it back, and the plan’s change is queued before the action’s', async () => {
		const db = open();
		const { plan } = await approvedPlan(db);
		const action = await plans.addAction(db, plan.id, { ...course, title: 'Открытый урок' }, teacher);
		expect(await plans.get(db, plan.id)).toMatchObject({ approvalStatus: 'submitted', approvedBy: null });
		const queue = await outbox.list(db);
		const planSeq = queue.findLast((e) => e.rowId === plan.id)!.seq;
		const actionSeq = queue.find((e) => e.rowId === action.id)!.seq;
		expect(planSeq).toBeLessThan(actionSeq);
	});

	it('changing the deadline or removing an action sends it back', async () => {
		const db = open();
		const { plan, action } = await approvedPlan(db);
		await plans.updateAction(db, action.id, { deadline: '2027-02-01' }, teacher);
		expect((await plans.get(db, plan.id))!.approvalStatus).toBe('submitted');
		await plans.approve(db, plan.id, methodist);
		await plans.removeAction(db, action.id, teacher);
		expect((await plans.get(db, plan.id))!.approvalStatus).toBe('submitted');
	});

	it('progress (status, evidence, reflection) leaves it approved', async () => {
		const db = open();
		const { plan, action } = await approvedPlan(db);
		await plans.transitionAction(db, action.id, 'done', teacher);
		await plans.addEvidence(db, action.id, { kind: 'certificate', value: '№ 123', note: '' }, teacher);
		await plans.updateAction(db, action.id, { reflection: 'Применяю на уроках' }, teacher);
		expect(await plans.get(db, plan.id)).toMatchObject({ approvalStatus: 'approved', approvedBy: IDS.methodist });
	});
});
