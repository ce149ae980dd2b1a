// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { AppDatabase, GUEST_DATABASE } from '$lib/db/database';
import * as meta from '$lib/db/meta';
import { buildMembership, buildOrganization, buildProfile, uuid } from '$lib/domain/testing/builders';
import { Session } from './session.svelte';

afterEach(async () => {
	await Dexie.delete(GUEST_DATABASE);
	localStorage.clear();
});

const school = buildOrganization({ id: uuid(9302), kind: 'school', name: 'МБОУ СОШ № 7', parentId: null });
const teacher = buildProfile({ id: uuid(9311), userId: null, fullName: 'Смирнова Анна Игоревна', schoolId: school.id });
const methodist = buildProfile({
	id: uuid(9312),
	userId: null,
	fullName: 'Лебедева Ирина Сергеевна',
	schoolId: school.id
});

describe('a guest switching roles', () => {
	it('writes as the school’s methodist in the methodist’s role, and as herself again as a teacher', async () => {
		const seed = new AppDatabase(GUEST_DATABASE);
		await seed.open();
		await seed.organizations.put(school);
		await seed.profiles.bulkPut([teacher, methodist]);
		await seed.memberships.put(
			buildMembership({ id: uuid(9321), profileId: methodist.id, organizationId: school.id, role: 'school_methodist' })
		);
		await meta.set(seed, meta.GUEST_PROFILE, teacher.id);
		seed.close();

		const session = new Session();
		await session.open(GUEST_DATABASE);
		expect(session.profileId).toBe(teacher.id);
		await session.setRole('school_methodist');
		expect(session.profileId).toBe(methodist.id);
		expect(session.actor).toEqual({ profileId: methodist.id });
		await session.setRole('teacher');
		expect(session.profileId).toBe(teacher.id);
		session.db?.close();
	});
});
