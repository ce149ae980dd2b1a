import { afterEach, describe, expect, it } from 'vitest';
import { freshDatabase } from './testing/fresh';
import type { AppDatabase } from './database';
import * as rows from './rows';
import * as meta from './meta';
import * as guestMove from './guest-move';
import { buildAction, buildActivity, buildAssessment, buildDeficit, buildPlan, buildProfile, uuid } from '$lib/domain/testing/builders';

const dbs: AppDatabase[] = [];
afterEach(() => {
	for (const db of dbs.splice(0)) db.close();
});

const GUEST = uuid(5001);
const OTHER = uuid(5002);
const ME = uuid(6001);

const strip = <T extends object>(row: T) => {
	const { id: _id, version: _v, updatedAt: _u, updatedBy: _b, deletedAt: _d, ...draft } = row as T & Record<string, unknown>;
	return draft;
};

/** A guest who filled their profile and made rows here, next to a demo school written without an outbox. */
async function seedGuest(): Promise<AppDatabase> {
	const guest = freshDatabase('guest');
	dbs.push(guest);
	const actor = { profileId: GUEST };
	await rows.insert(guest, 'profiles', { ...strip(buildProfile({ userId: null, fullName: 'Гость Гостевич', experienceYears: 7, birthYear: 1985 })), id: GUEST } as never, actor);
	await meta.set(guest, meta.GUEST_PROFILE, GUEST);
	await rows.insert(guest, 'assessments', { ...strip(buildAssessment({ teacherId: GUEST, assessorId: GUEST })), id: uuid(7001) } as never, actor);
	await rows.insert(guest, 'deficits', { ...strip(buildDeficit({ teacherId: GUEST, sourceAssessmentId: uuid(7001) })), id: uuid(7002) } as never, actor);
	await rows.insert(guest, 'development_plans', { ...strip(buildPlan({ teacherId: GUEST, deficitIds: [uuid(7002)], approvedBy: OTHER })), id: uuid(7003) } as never, actor);
	await guest.attachments.add({ id: uuid(7009), ownerTable: 'plan_actions', ownerId: uuid(7004), name: 'photo.jpg', mime: 'image/jpeg', size: 3, blob: new Blob(['abc']), createdAt: '2026-10-01T10:00:00.000Z' });
	await rows.insert(
		guest,
		'plan_actions',
		{ ...strip(buildAction({ teacherId: GUEST, planId: uuid(7003), deficitId: uuid(7002), evidence: [{ id: uuid(7010), kind: 'photo', value: uuid(7009), note: '' }] })), id: uuid(7004) } as never,
		actor
	);
	await rows.insert(guest, 'activities', { ...strip(buildActivity({ teacherId: GUEST })), id: uuid(7005) } as never, actor);
	// Demo rows: another person's, and a demo row of the guest's own persona — no outbox entries.
	await guest.profiles.put(buildProfile({ id: OTHER, fullName: 'Демо Коллега' }));
	await guest.assessments.put(buildAssessment({ id: uuid(7101), teacherId: OTHER }));
	await guest.activities.put(buildActivity({ id: uuid(7102), teacherId: GUEST }));
	// A row the guest deleted stays behind.
	await rows.insert(guest, 'activities', { ...strip(buildActivity({ teacherId: GUEST, title: 'Удалённое' })), id: uuid(7006) } as never, actor);
	await rows.remove(guest, 'activities', uuid(7006), actor);
	return guest;
}

async function signedIn(): Promise<AppDatabase> {
	const target = freshDatabase('user');
	dbs.push(target);
	// The invited profile as the first pull brought it (no outbox entry).
	await target.profiles.put(buildProfile({ id: ME, userId: uuid(9001), fullName: 'Иванова Анна Сергеевна', experienceYears: 0, birthYear: 2000 }));
	return target;
}

describe('moving guest data into the account', () => {
	it('counts only the guest’s own rows made on this device', async () => {
		const guest = await seedGuest();
		// profile, assessment, deficit, plan, action, activity
		expect(await guestMove.movableCount(guest)).toBe(6);
	});

	it('copies them as new rows of the signed-in profile, each with an outbox entry, links remapped', async () => {
		const guest = await seedGuest();
		const target = await signedIn();
		const { moved } = await guestMove.move(guest, target, ME);
		expect(moved).toBe(6);

		const [assessment] = await target.assessments.toArray();
		expect(assessment).toMatchObject({ teacherId: ME, assessorId: ME, updatedBy: ME, version: 0 });
		expect(assessment!.id).not.toBe(uuid(7001));
		const [deficit] = await target.deficits.toArray();
		expect(deficit).toMatchObject({ teacherId: ME, sourceAssessmentId: assessment!.id });
		const [plan] = await target.development_plans.toArray();
		expect(plan).toMatchObject({ teacherId: ME, deficitIds: [deficit!.id], approvedBy: null, approvedAt: null });
		const [action] = await target.plan_actions.toArray();
		expect(action).toMatchObject({ teacherId: ME, planId: plan!.id, deficitId: deficit!.id });
		const [photo] = await target.attachments.toArray();
		expect(photo).toMatchObject({ ownerId: action!.id, name: 'photo.jpg' });
		expect(action!.evidence[0]!.value).toBe(photo!.id);
		const activities = await target.activities.toArray();
		expect(activities.map((a) => a.teacherId)).toEqual([ME]);

		// The profile keeps the invitation's name; the guest's own answers are filled in.
		expect(await target.profiles.get(ME)).toMatchObject({ fullName: 'Иванова Анна Сергеевна', experienceYears: 7, birthYear: 1985 });

		const queued = await target.outbox.toArray();
		expect(queued.map((e) => e.table).sort()).toEqual(['activities', 'assessments', 'deficits', 'development_plans', 'plan_actions', 'profiles']);
		expect(queued.every((e) => !Object.values(e.fields).includes(GUEST))).toBe(true);
	});

	it('never moves demo rows of other people, and leaves the guest database as it was', async () => {
		const guest = await seedGuest();
		const before = await guest.assessments.count();
		const target = await signedIn();
		await guestMove.move(guest, target, ME);
		expect(await target.profiles.get(OTHER)).toBeUndefined();
		expect(await target.assessments.where('teacherId').equals(OTHER).count()).toBe(0);
		expect((await target.activities.toArray()).map((a) => a.title)).not.toContain('Удалённое');
		expect(await guest.assessments.count()).toBe(before);
		expect(await guest.profiles.get(GUEST)).toBeDefined();
	});

	it('happens once: a second move, or one after declining, writes nothing', async () => {
		const guest = await seedGuest();
		const target = await signedIn();
		await guestMove.move(guest, target, ME);
		const queued = await target.outbox.count();
		await guestMove.move(guest, target, ME);
		expect(await target.outbox.count()).toBe(queued);

		const other = await signedIn();
		await guestMove.decline(other);
		expect(await guestMove.wasOffered(other)).toBe(true);
		await guestMove.move(guest, other, ME);
		expect(await other.outbox.count()).toBe(0);
	});

	it('adds the guest’s actions to the account’s plan of the same year instead of a second plan', async () => {
		const guest = await seedGuest();
		const target = await signedIn();
		const plan = buildPlan({ id: uuid(8001), teacherId: ME });
		await target.development_plans.put(plan);
		await guestMove.move(guest, target, ME);
		expect(await target.development_plans.count()).toBe(1);
		expect((await target.plan_actions.toArray())[0]!.planId).toBe(uuid(8001));
	});
});
