import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, grantorOf } from '$lib/domain/grants';
import { buildMembership, buildOrganization, buildProfile, codesOf, uuid } from '$lib/domain/testing/builders';
import type { AppDatabase } from './database';
import { LocalWriteError } from './errors';
import * as memberships from './memberships';
import { freshDatabase } from './testing/fresh';

const TODAY = '2026-12-07';
const region = buildOrganization({ id: uuid(1), kind: 'region', name: 'Область', parentId: null });
const north = buildOrganization({ id: uuid(2), kind: 'municipality', name: 'Северный округ', parentId: region.id });
const south = buildOrganization({ id: uuid(3), kind: 'municipality', name: 'Южный округ', parentId: region.id });
const school = buildOrganization({ id: uuid(4), kind: 'school', name: 'СОШ № 1', parentId: north.id });
const southSchool = buildOrganization({ id: uuid(5), kind: 'school', name: 'СОШ № 9', parentId: south.id });
const municipal = grantorOf([buildMembership({ organizationId: north.id, role: 'municipal_methodist' })]);
const actor = { profileId: uuid(900) };

const dbs: AppDatabase[] = [];
afterEach(() => {
	for (const db of dbs.splice(0)) db.close();
});

async function setup() {
	const db = freshDatabase('memberships');
	dbs.push(db);
	await db.organizations.bulkPut([region, north, south, school, southSchool]);
	return db;
}

function filled(overrides: Partial<memberships.Invitation> = {}): memberships.Invitation {
	return {
		...memberships.blankInvitation(),
		fullName: 'Соколова Елена Викторовна',
		email: 'Sokolova@School.ru',
		organizationId: school.id,
		role: 'school_methodist',
		birthYear: 1980,
		experienceYears: 20,
		...overrides
	};
}

async function refusal(work: Promise<unknown>): Promise<LocalWriteError> {
	const error = await work.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(LocalWriteError);
	return error as LocalWriteError;
}

describe('inviting, granting and ending roles on the device', () => {
	it('invites a person: the profile of the school and the membership, both queued for the server', async () => {
		const db = await setup();
		const { profile, membership } = await memberships.invite(db, filled(), municipal, actor, TODAY);
		expect(profile).toMatchObject({ email: 'sokolova@school.ru', schoolId: school.id, userId: null });
		expect(profile.experienceAsOf).toBe(TODAY);
		expect(membership).toMatchObject({ profileId: profile.id, organizationId: school.id, role: 'school_methodist' });
		const queued = await db.outbox.toArray();
		expect(queued.map((e) => [e.table, e.rowId])).toEqual([
			['profiles', profile.id],
			['memberships', membership.id]
		]);
	});

	it('gives a municipal methodist invited by the administrator no school', async () => {
		const db = await setup();
		const { profile } = await memberships.invite(
			db,
			filled({ organizationId: north.id, role: 'municipal_methodist' }),
			ADMIN,
			actor,
			TODAY
		);
		expect(profile.schoolId).toBeNull();
	});

	it('refuses a role the inviter may not give, and writes nothing', async () => {
		const db = await setup();
		const made = filled({ organizationId: north.id, role: 'municipal_methodist' });
		expect(codesOf(await memberships.checkInvitation(db, made, municipal, TODAY))).toEqual(['role:invalid_option']);
		const error = await refusal(memberships.invite(db, made, municipal, actor, TODAY));
		expect(error.reason).toBe('forbidden');
		// Another municipality's school is not theirs either.
		await refusal(memberships.invite(db, filled({ organizationId: southSchool.id }), municipal, actor, TODAY));
		expect(await db.profiles.count()).toBe(0);
		expect(await db.memberships.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
	});

	it('refuses an e-mail someone already has, whatever its case, and the empty required fields', async () => {
		const db = await setup();
		await db.profiles.put(buildProfile({ id: uuid(50), email: 'sokolova@school.ru' }));
		const issues = await memberships.checkInvitation(
			db,
			filled({ fullName: ' ', birthYear: null, email: 'SOKOLOVA@school.ru' }),
			ADMIN,
			TODAY
		);
		expect(codesOf(issues)).toEqual(['birthYear:required', 'email:duplicate', 'fullName:required']);
		const error = await refusal(memberships.invite(db, filled(), ADMIN, actor, TODAY));
		expect(error.reason).toBe('invalid');
		expect(await db.profiles.count()).toBe(1);
		expect(await db.outbox.count()).toBe(0);
	});

	it('grants another role to a person on the device, once', async () => {
		const db = await setup();
		const person = buildProfile({ id: uuid(60), schoolId: school.id });
		await db.profiles.put(person);
		const made = await memberships.grant(
			db,
			{ profileId: person.id, organizationId: school.id, role: 'mentor' },
			municipal,
			actor,
			TODAY
		);
		expect((await memberships.listForProfile(db, person.id)).map((m) => m.role)).toEqual(['mentor']);
		expect((await db.outbox.toArray()).map((e) => e.rowId)).toEqual([made.id]);
		const again = await refusal(
			memberships.grant(
				db,
				{ profileId: person.id, organizationId: school.id, role: 'mentor' },
				municipal,
				actor,
				TODAY
			)
		);
		expect(again.issues).toEqual([expect.objectContaining({ path: 'role', code: 'duplicate' })]);
	});

	it('refuses a grant the grantor may not give', async () => {
		const db = await setup();
		const person = buildProfile({ id: uuid(61), schoolId: school.id });
		await db.profiles.put(person);
		const error = await refusal(
			memberships.grant(db, { profileId: person.id, organizationId: region.id, role: 'admin' }, municipal, actor, TODAY)
		);
		expect(error.reason).toBe('forbidden');
		// The server lets only an administrator give a role on a school that is not the person's own.
		const second = buildProfile({ id: uuid(62), schoolId: southSchool.id, email: 'other@school.ru' });
		await db.profiles.put(second);
		await refusal(
			memberships.grant(
				db,
				{ profileId: second.id, organizationId: school.id, role: 'teacher' },
				municipal,
				actor,
				TODAY
			)
		);
		expect(await db.memberships.count()).toBe(0);
		await memberships.grant(
			db,
			{ profileId: second.id, organizationId: school.id, role: 'teacher' },
			ADMIN,
			actor,
			TODAY
		);
		expect(await db.memberships.count()).toBe(1);
	});

	it('ends a membership by tombstone, queued as a delete, and only one the grantor may give', async () => {
		const db = await setup();
		const teacher = buildMembership({ id: uuid(70), organizationId: school.id, role: 'teacher' });
		const admin = buildMembership({ id: uuid(71), organizationId: region.id, role: 'admin', profileId: uuid(72) });
		await db.memberships.bulkPut([teacher, admin]);
		const error = await refusal(memberships.end(db, admin.id, municipal, actor));
		expect(error.reason).toBe('forbidden');
		await memberships.end(db, teacher.id, municipal, actor);
		expect((await db.memberships.get(teacher.id))?.deletedAt).toEqual(expect.any(String));
		expect(await memberships.listForProfile(db, teacher.profileId)).toEqual([]);
		const queued = await db.outbox.toArray();
		expect(queued.map((e) => [e.rowId, e.op])).toEqual([[teacher.id, 'delete']]);
		await memberships.end(db, admin.id, ADMIN, actor);
		expect((await db.memberships.get(admin.id))?.deletedAt).toEqual(expect.any(String));
	});
});
