import { afterEach, describe, expect, it } from 'vitest';
import { buildAction, buildActivity, IDS, uuid } from '$lib/domain/testing/builders';
import * as activities from './activities';
import * as outbox from './outbox';
import { LocalWriteError } from './errors';
import { freshDatabase } from './testing/fresh';
import type { AppDatabase } from './database';

const teacher = { profileId: IDS.teacher };
const dbs: AppDatabase[] = [];
function open() {
	const db = freshDatabase('activities');
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

describe('correcting an activity', () => {
	it('marks a course finished later, validated as a whole row, queuing only what changed', async () => {
		const db = open();
		await db.activities.put(buildActivity({ completed: false, endDate: null, hours: 56 }));
		const refused = await fail(activities.update(db, IDS.activity, { completed: true }, teacher));
		expect(refused.issues).toEqual([{ path: 'endDate', code: 'required' }]);
		await activities.update(db, IDS.activity, { completed: true, endDate: '2026-12-01', hours: 60 }, teacher);
		expect((await outbox.list(db)).map((e) => e.fields)).toEqual([
			{ completed: true, endDate: '2026-12-01', hours: 60 }
		]);
	});
});

describe('an activity recording a completed ИОМ action', () => {
	it('is found by its action, and an activity entered before is linked to it instead of a second one', async () => {
		const db = open();
		await db.plan_actions.put(buildAction({ status: 'done', completedAt: '2026-11-20T10:00:00.000Z' }));
		await db.activities.put(buildActivity());
		expect(await activities.forAction(db, IDS.action)).toBeUndefined();
		const linked = await activities.linkToAction(db, IDS.activity, IDS.action, teacher);
		expect(linked.planActionId).toBe(IDS.action);
		expect((await activities.forAction(db, IDS.action))?.id).toBe(IDS.activity);
		expect((await outbox.list(db)).map((e) => e.fields)).toEqual([{ planActionId: IDS.action }]);
	});

	it('is never another teacher’s action, nor taken from the action it records', async () => {
		const db = open();
		await db.plan_actions.bulkPut([buildAction(), buildAction({ id: uuid(77), teacherId: uuid(78) })]);
		await db.activities.bulkPut([buildActivity(), buildActivity({ id: uuid(79), planActionId: IDS.action })]);
		expect((await fail(activities.linkToAction(db, IDS.activity, uuid(77), teacher))).issues).toEqual([
			{ path: 'planActionId', code: 'mismatch' }
		]);
		await db.plan_actions.put(buildAction({ id: uuid(80) }));
		expect((await fail(activities.linkToAction(db, uuid(79), uuid(80), teacher))).issues).toEqual([
			{ path: 'planActionId', code: 'not_allowed' }
		]);
		expect(await db.outbox.count()).toBe(0);
	});
});
