import { afterEach, describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { freshDatabase } from './testing/fresh';
import { AppDatabase, GUEST_DATABASE } from './database';
import { LocalWriteError } from './errors';
import * as rows from './rows';
import * as meta from './meta';
import * as guestMove from './guest-move';
import {
	buildAction,
	buildActivity,
	buildAssessment,
	buildDeficit,
	buildPlan,
	buildProfile,
	uuid
} from '$lib/domain/testing/builders';

const dbs: AppDatabase[] = [];
afterEach(async () => {
	for (const db of dbs.splice(0)) db.close();
	await Dexie.delete(GUEST_DATABASE);
});

const GUEST = uuid(5001);
const OTHER = uuid(5002);
const ME = uuid(6001);

const strip = <T extends object>(row: T) => {
	const {
		id: _id,
		version: _v,
		updatedAt: _u,
		updatedBy: _b,
		deletedAt: _d,
		...draft
	} = row as T & Record<string, unknown>;
	return draft;
};

/** This device's guest database: a guest who filled their profile and made rows here, next to a demo school written without an outbox. */
async function seedGuest(
	name = 'Гостева Галина Павловна',
	course = 'Курсы ПК «Формирующее оценивание»'
): Promise<AppDatabase> {
	const guest = new AppDatabase(GUEST_DATABASE);
	dbs.push(guest);
	const actor = { profileId: GUEST };
	await rows.insert(
		guest,
		'profiles',
		{
			...strip(
				buildProfile({
					userId: null,
					fullName: name,
					experienceYears: 7,
					experienceAsOf: '2026-10-05',
					birthYear: 1985
				})
			),
			id: GUEST
		} as never,
		actor
	);
	await meta.set(guest, meta.GUEST_PROFILE, GUEST);
	await rows.insert(
		guest,
		'assessments',
		{ ...strip(buildAssessment({ teacherId: GUEST, assessorId: GUEST })), id: uuid(7001) } as never,
		actor
	);
	await rows.insert(
		guest,
		'deficits',
		{ ...strip(buildDeficit({ teacherId: GUEST, sourceAssessmentId: uuid(7001) })), id: uuid(7002) } as never,
		actor
	);
	await rows.insert(
		guest,
		'development_plans',
		{
			...strip(
				buildPlan({
					teacherId: GUEST,
					deficitIds: [uuid(7002)],
					approvalStatus: 'approved',
					submittedAt: '2026-10-01T09:00:00.000Z',
					approvedBy: OTHER,
					approvedAt: '2026-10-02T09:00:00.000Z'
				})
			),
			id: uuid(7003)
		} as never,
		actor
	);
	await guest.attachments.add({
		id: uuid(7009),
		ownerTable: 'plan_actions',
		ownerId: uuid(7004),
		name: 'photo.jpg',
		mime: 'image/jpeg',
		size: 3,
		blob: new Blob(['abc']),
		createdAt: '2026-10-01T10:00:00.000Z'
	});
	await rows.insert(
		guest,
		'plan_actions',
		{
			...strip(
				buildAction({
					teacherId: GUEST,
					planId: uuid(7003),
					deficitId: uuid(7002),
					title: 'Взаимопосещение уроков',
					evidence: [{ id: uuid(7010), kind: 'photo', value: uuid(7009), note: '' }]
				})
			),
			id: uuid(7004)
		} as never,
		actor
	);
	await rows.insert(
		guest,
		'activities',
		{ ...strip(buildActivity({ teacherId: GUEST, title: course })), id: uuid(7005) } as never,
		actor
	);
	// Demo rows: another person's, and a demo row of the guest's own persona — no outbox entries.
	await guest.profiles.put(buildProfile({ id: OTHER, fullName: 'Демо Коллега' }));
	await guest.assessments.put(buildAssessment({ id: uuid(7101), teacherId: OTHER }));
	await guest.activities.put(buildActivity({ id: uuid(7102), teacherId: GUEST, title: 'Демо-мероприятие' }));
	// A row the guest deleted stays behind.
	await rows.insert(
		guest,
		'activities',
		{ ...strip(buildActivity({ teacherId: GUEST, title: 'Удалённое' })), id: uuid(7006) } as never,
		actor
	);
	await rows.remove(guest, 'activities', uuid(7006), actor);
	return guest;
}

/** A person's own database right after signing in, with their invited profile as the first pull brought it. */
async function signedIn(userId = uuid(9001)): Promise<AppDatabase> {
	const target = freshDatabase('user');
	dbs.push(target);
	await target.profiles.put(
		buildProfile({ id: ME, userId, fullName: 'Иванова Анна Сергеевна', experienceYears: 0, birthYear: 2000 })
	);
	return target;
}

describe('the guest work at a sign-in', () => {
	it('goes to the person signing in: only the guest’s own rows made here, and the guest database is gone', async () => {
		await seedGuest();
		const target = await signedIn();
		// profile, assessment, deficit, plan, action, activity
		expect(await guestMove.handOver(target)).toBe(6);
		expect(await Dexie.exists(GUEST_DATABASE)).toBe(false);
		expect(await target.attachments.count()).toBe(1);
		// Nothing is in the account yet: it waits for the person's decision.
		expect(await target.activities.count()).toBe(0);
		expect(await target.outbox.count()).toBe(0);
	});

	it('says whose it is and what would move', async () => {
		await seedGuest('Гостева Галина Павловна', 'Курсы ПК «Функциональная грамотность»');
		const target = await signedIn();
		await guestMove.handOver(target);
		expect(await guestMove.pending(target)).toEqual({
			names: ['Гостева Галина Павловна'],
			profile: true,
			assessments: 1,
			deficits: 1,
			plans: 1,
			actions: 1,
			activities: 1,
			titles: ['Взаимопосещение уроков', 'Курсы ПК «Функциональная грамотность»'],
			total: 6
		});
	});

	it('is never offered to a later person: the next sign-in on the device finds nothing', async () => {
		await seedGuest();
		const first = await signedIn(uuid(9001));
		await guestMove.handOver(first);
		const later = await signedIn(uuid(9002));
		expect(await guestMove.handOver(later)).toBe(0);
		expect(await guestMove.pending(later)).toBeNull();
		expect(await later.meta.count()).toBe(0);
	});

	it('from two guest sessions before one person’s sign-ins is all kept for them', async () => {
		await seedGuest('Гостева Галина Павловна', 'Первый курс');
		const target = await signedIn();
		await guestMove.handOver(target);
		await seedGuest('Гостева Галина Павловна', 'Второй курс');
		await guestMove.handOver(target);
		expect(await guestMove.pending(target)).toMatchObject({
			names: ['Гостева Галина Павловна'],
			activities: 2,
			total: 12
		});
	});

	it('stays in the guest database when it cannot be stored for the person', async () => {
		await seedGuest();
		const target = await signedIn();
		target.close();
		const error = await guestMove.handOver(target).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(LocalWriteError);
		expect((error as LocalWriteError).reason).toBe('closed');
		const guest = new AppDatabase(GUEST_DATABASE);
		dbs.push(guest);
		expect(await guest.activities.where('teacherId').equals(GUEST).count()).toBe(3);
	});

	it('closes the guest database in other tabs for good: their later write fails as closed and does not bring it back', async () => {
		const otherTab = await seedGuest();
		const target = await signedIn();
		await guestMove.handOver(target);
		const write = await meta.set(otherTab, 'form:activity-new', { title: 'Полови' }).catch((e: unknown) => e);
		expect(write).toBeInstanceOf(Dexie.DatabaseClosedError);
		expect(await Dexie.exists(GUEST_DATABASE)).toBe(false);
	});
});

describe('moving the handed-over work into the account', () => {
	async function handed(): Promise<AppDatabase> {
		await seedGuest();
		const target = await signedIn();
		await guestMove.handOver(target);
		return target;
	}

	it('copies it as new rows of the signed-in profile, each with an outbox entry, links remapped', async () => {
		const target = await handed();
		const { moved } = await guestMove.move(target, ME);
		expect(moved).toBe(6);

		const [assessment] = await target.assessments.toArray();
		expect(assessment).toMatchObject({ teacherId: ME, assessorId: ME, updatedBy: ME, version: 0 });
		expect(assessment!.id).not.toBe(uuid(7001));
		const [deficit] = await target.deficits.toArray();
		expect(deficit).toMatchObject({ teacherId: ME, sourceAssessmentId: assessment!.id });
		const [plan] = await target.development_plans.toArray();
		expect(plan).toMatchObject({
			teacherId: ME,
			deficitIds: [deficit!.id],
			approvalStatus: 'not_submitted',
			submittedAt: null,
			approvedBy: null,
			approvedAt: null
		});
		const [action] = await target.plan_actions.toArray();
		expect(action).toMatchObject({ teacherId: ME, planId: plan!.id, deficitId: deficit!.id });
		const [photo] = await target.attachments.toArray();
		expect(photo).toMatchObject({ ownerId: action!.id, name: 'photo.jpg' });
		expect(action!.evidence[0]!.value).toBe(photo!.id);
		const activities = await target.activities.toArray();
		expect(activities.map((a) => [a.teacherId, a.title])).toEqual([[ME, 'Курсы ПК «Формирующее оценивание»']]);

		// The profile keeps the invitation's name; the guest's own answers are filled in.
		expect(await target.profiles.get(ME)).toMatchObject({
			fullName: 'Иванова Анна Сергеевна',
			experienceYears: 7,
			experienceAsOf: '2026-10-05',
			birthYear: 1985
		});

		const queued = await target.outbox.toArray();
		expect(queued.map((e) => e.table).sort()).toEqual([
			'activities',
			'assessments',
			'deficits',
			'development_plans',
			'plan_actions',
			'profiles'
		]);
		expect(queued.every((e) => !Object.values(e.fields).includes(GUEST))).toBe(true);
		expect(await guestMove.pending(target)).toBeNull();
	});

	it('never moves demo rows of other people, nor rows the guest deleted', async () => {
		const target = await handed();
		await guestMove.move(target, ME);
		expect(await target.profiles.get(OTHER)).toBeUndefined();
		expect(await target.assessments.where('teacherId').equals(OTHER).count()).toBe(0);
		expect((await target.activities.toArray()).map((a) => a.title)).toEqual(['Курсы ПК «Формирующее оценивание»']);
	});

	it('happens once: a second move, or one after declining, writes nothing', async () => {
		const target = await handed();
		await guestMove.move(target, ME);
		const queued = await target.outbox.count();
		await guestMove.move(target, ME);
		expect(await target.outbox.count()).toBe(queued);
	});

	it('declining drops the work and its photos from the device', async () => {
		const target = await handed();
		await guestMove.decline(target);
		expect(await guestMove.pending(target)).toBeNull();
		expect(await target.attachments.count()).toBe(0);
		expect(await target.meta.count()).toBe(0);
		expect(await guestMove.move(target, ME)).toEqual({ moved: 0 });
		expect(await target.outbox.count()).toBe(0);
	});

	it('adds the guest’s actions to the account’s plan of the same year instead of a second plan', async () => {
		const target = await handed();
		const plan = buildPlan({ id: uuid(8001), teacherId: ME });
		await target.development_plans.put(plan);
		await guestMove.move(target, ME);
		expect(await target.development_plans.count()).toBe(1);
		expect((await target.plan_actions.toArray())[0]!.planId).toBe(uuid(8001));
	});
});
