import { afterEach, describe, expect, it } from 'vitest';
import { buildAction, buildDeficit, buildPlan, IDS, uuid } from '$lib/domain/testing/builders';
import { planActionSchema } from '$lib/domain/schemas/development-plan';
import * as plans from './development-plans';
import * as attachments from './attachments';
import * as outbox from './outbox';
import { LocalWriteError } from './errors';
import { freshDatabase } from './testing/fresh';
import type { AppDatabase } from './database';

const actor = { profileId: IDS.teacher };
const dbs: AppDatabase[] = [];
function open() {
	const db = freshDatabase('plans');
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

describe('the plan of a year', () => {
	it('is made once: ensurePlan returns the same active plan on every call', async () => {
		const db = open();
		const [a, b] = await Promise.all([
			plans.ensurePlan(db, IDS.teacher, 2026, actor),
			plans.ensurePlan(db, IDS.teacher, 2026, actor)
		]);
		const c = await plans.ensurePlan(db, IDS.teacher, 2026, actor);
		expect(b.id).toBe(a.id);
		expect(c.id).toBe(a.id);
		expect(a).toMatchObject({ status: 'active', goals: '', deficitIds: [], academicYear: 2026 });
		expect(await db.development_plans.count()).toBe(1);
		expect(await db.outbox.count()).toBe(1);
	});

	it('of another year is another plan', async () => {
		const db = open();
		const a = await plans.ensurePlan(db, IDS.teacher, 2026, actor);
		const b = await plans.ensurePlan(db, IDS.teacher, 2027, actor);
		expect(b.id).not.toBe(a.id);
		expect((await plans.forYear(db, IDS.teacher, 2027))!.plan.id).toBe(b.id);
	});

	it('keeps goals and a deficit list without repeats', async () => {
		const db = open();
		const plan = await plans.ensurePlan(db, IDS.teacher, 2026, actor);
		const row = await plans.updatePlan(
			db,
			plan.id,
			{ goals: 'Освоить формирующее оценивание', deficitIds: [IDS.deficit, IDS.deficit] },
			actor
		);
		expect(row).toMatchObject({ goals: 'Освоить формирующее оценивание', deficitIds: [IDS.deficit] });
	});

	it('cannot be completed while an action is still open', async () => {
		const db = open();
		await db.development_plans.put(buildPlan());
		await db.plan_actions.put(buildAction());
		const error = await fail(plans.transitionPlan(db, IDS.plan, 'completed', actor));
		expect(error.issues[0]).toMatchObject({ path: 'status', code: 'not_allowed', params: { reason: 'open_actions' } });
		await plans.transitionAction(db, IDS.action, 'done', actor);
		expect((await plans.transitionPlan(db, IDS.plan, 'completed', actor)).status).toBe('completed');
	});
});

describe('adding an action', () => {
	it('stores it as planned with its outbox entry', async () => {
		const db = open();
		const plan = await plans.ensurePlan(db, IDS.teacher, 2026, actor);
		const action = await plans.addAction(db, plan.id, course, actor);
		expect(action).toMatchObject({
			planId: plan.id,
			teacherId: IDS.teacher,
			status: 'planned',
			evidence: [],
			hours: 36
		});
		expect(planActionSchema.validate(action)).toEqual([]);
		expect((await outbox.list(db)).map((e) => e.table)).toEqual(['development_plans', 'plan_actions']);
	});

	it('with a deadline before the plan’s academic year is refused on deadline, and nothing is written', async () => {
		const db = open();
		const plan = await plans.ensurePlan(db, IDS.teacher, 2026, actor);
		const error = await fail(plans.addAction(db, plan.id, { ...course, deadline: '2026-08-31' }, actor));
		expect(error.reason).toBe('invalid');
		expect(error.issues).toEqual([{ path: 'deadline', code: 'date_before', params: { min: '2026-09-01' } }]);
		expect(await db.plan_actions.count()).toBe(0);
		expect(await db.outbox.count()).toBe(1);
	});

	it('without a title or with zero hours is refused field by field', async () => {
		const db = open();
		const plan = await plans.ensurePlan(db, IDS.teacher, 2026, actor);
		const error = await fail(plans.addAction(db, plan.id, { ...course, title: '  ', hours: 0 }, actor));
		expect(error.issues.map((i) => `${i.path}:${i.code}`).sort()).toEqual(['hours:out_of_range', 'title:required']);
		expect(await db.plan_actions.count()).toBe(0);
	});

	it('aimed at a deficit lists the deficit in the plan and puts it to work', async () => {
		const db = open();
		await db.deficits.put(buildDeficit());
		const plan = await plans.ensurePlan(db, IDS.teacher, 2026, actor);
		await plans.addAction(db, plan.id, { ...course, deficitId: IDS.deficit }, actor);
		expect((await plans.get(db, plan.id))!.deficitIds).toEqual([IDS.deficit]);
		expect((await db.deficits.get(IDS.deficit))!.status).toBe('in_progress');
	});

	it('aimed at another teacher’s deficit is refused', async () => {
		const db = open();
		await db.deficits.put(buildDeficit({ teacherId: IDS.mentor }));
		const plan = await plans.ensurePlan(db, IDS.teacher, 2026, actor);
		const error = await fail(plans.addAction(db, plan.id, { ...course, deficitId: IDS.deficit }, actor));
		expect(error.issues[0]).toMatchObject({ path: 'deficitId', code: 'mismatch' });
	});
});

describe('from a deficit to the plan in one step', () => {
	const options = { academicYear: 2026, title: 'Устранение дефицита: Оценочная компетенция' };

	it('makes the plan, an action aimed at the deficit, and puts the deficit to work', async () => {
		const db = open();
		await db.deficits.put(buildDeficit());
		const { plan, action, deficit } = await plans.addActionForDeficit(db, IDS.deficit, options, actor);
		expect(plan).toMatchObject({
			academicYear: 2026,
			teacherId: IDS.teacher,
			deficitIds: [IDS.deficit],
			status: 'active'
		});
		expect(action).toMatchObject({
			planId: plan.id,
			deficitId: IDS.deficit,
			type: 'self_study',
			title: 'Устранение дефицита: Оценочная компетенция',
			deadline: '2027-08-31',
			status: 'planned'
		});
		expect(deficit.status).toBe('in_progress');
		expect(deficit.history.at(-1)).toMatchObject({ status: 'in_progress', by: IDS.teacher });
		expect(await plans.actionsForDeficit(db, IDS.deficit)).toEqual([action]);
	});

	it('uses the year’s existing plan', async () => {
		const db = open();
		await db.deficits.put(buildDeficit());
		const existing = await plans.ensurePlan(db, IDS.teacher, 2026, actor);
		const { plan } = await plans.addActionForDeficit(db, IDS.deficit, options, actor);
		expect(plan.id).toBe(existing.id);
		expect(await db.development_plans.count()).toBe(1);
	});

	it('writes nothing at all when any part fails', async () => {
		const db = open();
		const before = buildDeficit();
		await db.deficits.put(before);
		db.plan_actions.hook('creating', () => {
			throw new Error('disk failure while writing the action');
		});
		const error = await fail(plans.addActionForDeficit(db, IDS.deficit, options, actor));
		expect(error).toBeInstanceOf(LocalWriteError);
		expect(await db.development_plans.count()).toBe(0);
		expect(await db.plan_actions.count()).toBe(0);
		expect(await db.deficits.get(IDS.deficit)).toEqual(before);
		expect(await db.outbox.count()).toBe(0);
	});

	it('refuses a dismissed deficit', async () => {
		const db = open();
		await db.deficits.put(
			buildDeficit({
				status: 'dismissed',
				history: [{ status: 'dismissed', at: '2026-09-17T10:00:00.000Z', by: IDS.teacher }]
			})
		);
		const error = await fail(plans.addActionForDeficit(db, IDS.deficit, options, actor));
		expect(error.reason).toBe('invalid');
		expect(await db.development_plans.count()).toBe(0);
	});
});

describe('an action’s life', () => {
	it('moves only along allowed statuses, dating «выполнено»', async () => {
		const db = open();
		await db.development_plans.put(buildPlan());
		await db.plan_actions.put(buildAction());
		const done = await plans.transitionAction(db, IDS.action, 'done', actor);
		expect(done.completedAt).not.toBeNull();
		const error = await fail(plans.transitionAction(db, IDS.action, 'cancelled', actor));
		expect(error.issues[0]).toMatchObject({ path: 'status', code: 'not_allowed' });
		expect((await plans.getAction(db, IDS.action))!.status).toBe('done');
		expect(await db.outbox.count()).toBe(1);
	});

	it('keeps edits valid against the plan', async () => {
		const db = open();
		await db.development_plans.put(buildPlan());
		await db.plan_actions.put(buildAction());
		const error = await fail(plans.updateAction(db, IDS.action, { deadline: '2025-05-01' }, actor));
		expect(error.issues[0]).toMatchObject({ path: 'deadline', code: 'date_before' });
		expect(
			(await plans.updateAction(db, IDS.action, { reflection: 'Попробовала «светофор» в 7Б' }, actor)).reflection
		).toBe('Попробовала «светофор» в 7Б');
	});

	it('ends in a tombstone that takes its photos with it', async () => {
		const db = open();
		await db.development_plans.put(buildPlan());
		await db.plan_actions.put(buildAction());
		await plans.addPhotoEvidence(
			db,
			IDS.action,
			{ blob: new Blob(['jpeg'], { type: 'image/jpeg' }), name: 'certificate.jpg', note: '' },
			actor
		);
		await plans.removeAction(db, IDS.action, actor);
		expect((await db.plan_actions.get(IDS.action))!.deletedAt).not.toBeNull();
		expect(await db.attachments.count()).toBe(0);
		expect((await outbox.list(db)).at(-1)).toMatchObject({ op: 'delete', rowId: IDS.action });
	});
});

describe('evidence', () => {
	async function withAction() {
		const db = open();
		await db.development_plans.put(buildPlan());
		await db.plan_actions.put(buildAction());
		return db;
	}

	it('adds a certificate number and a link, and removes one', async () => {
		const db = await withAction();
		await plans.addEvidence(db, IDS.action, { kind: 'certificate', value: ' 772412345678 ', note: 'ИРО' }, actor);
		const row = await plans.addEvidence(
			db,
			IDS.action,
			{ kind: 'link', value: 'https://iro.example/c/1', note: '' },
			actor
		);
		expect(row.evidence.map((e) => [e.kind, e.value])).toEqual([
			['certificate', '772412345678'],
			['link', 'https://iro.example/c/1']
		]);
		const after = await plans.removeEvidence(db, IDS.action, row.evidence[0]!.id, actor);
		expect(after.evidence.map((e) => e.kind)).toEqual(['link']);
		expect(await db.outbox.count()).toBe(1);
	});

	it('refuses a link that is not http(s), on the value field', async () => {
		const db = await withAction();
		const error = await fail(
			plans.addEvidence(db, IDS.action, { kind: 'link', value: 'javascript:alert(1)', note: '' }, actor)
		);
		expect(error.issues).toEqual([{ path: 'value', code: 'invalid_url' }]);
		expect((await plans.getAction(db, IDS.action))!.evidence).toEqual([]);
	});

	it('refuses a photo whose attachment is not on the device', async () => {
		const db = await withAction();
		const error = await fail(plans.addEvidence(db, IDS.action, { kind: 'photo', value: uuid(9999), note: '' }, actor));
		expect(error.issues[0]).toMatchObject({ path: 'value', code: 'invalid_id' });
	});

	it('stores a photo and its evidence together, and removes both together', async () => {
		const db = await withAction();
		const row = await plans.addPhotoEvidence(
			db,
			IDS.action,
			{ blob: new Blob(['jpeg-bytes'], { type: 'image/jpeg' }), name: 'photo.jpg', note: 'Сертификат' },
			actor
		);
		const photo = row.evidence[0]!;
		expect(photo).toMatchObject({ kind: 'photo', note: 'Сертификат' });
		const stored = await attachments.get(db, photo.value);
		expect(stored).toMatchObject({ ownerTable: 'plan_actions', ownerId: IDS.action, mime: 'image/jpeg', size: 10 });
		await plans.removeEvidence(db, IDS.action, photo.id, actor);
		expect(await attachments.get(db, photo.value)).toBeUndefined();
	});

	it('keeps no photo when its evidence cannot be written', async () => {
		const db = await withAction();
		db.outbox.hook('creating', () => {
			throw new Error('outbox write failed');
		});
		await fail(
			plans.addPhotoEvidence(
				db,
				IDS.action,
				{ blob: new Blob(['x'], { type: 'image/jpeg' }), name: 'p.jpg', note: '' },
				actor
			)
		);
		expect(await db.attachments.count()).toBe(0);
		expect((await plans.getAction(db, IDS.action))!.evidence).toEqual([]);
	});
});
