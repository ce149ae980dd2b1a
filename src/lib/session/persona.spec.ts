import { afterEach, describe, expect, it } from 'vitest';
import { freshDatabase } from '$lib/db/testing/fresh';
import type { AppDatabase } from '$lib/db/database';
import { buildMembership, buildOrganization, buildProfile, uuid } from '$lib/domain/testing/builders';
import { guestPersona } from './persona';

const dbs: AppDatabase[] = [];
afterEach(() => {
	for (const db of dbs.splice(0)) db.close();
});

const municipality = buildOrganization({ id: uuid(9001), kind: 'municipality', name: 'Демо-округ', parentId: null });
const school = buildOrganization({ id: uuid(9002), kind: 'school', name: 'МБОУ СОШ № 7', parentId: municipality.id });
const teacher = buildProfile({ id: uuid(9101), userId: null, fullName: 'Смирнова Анна Игоревна', schoolId: school.id });
const methodist = buildProfile({
	id: uuid(9102),
	userId: null,
	fullName: 'Лебедева Ирина Сергеевна',
	schoolId: school.id
});
const municipal = buildProfile({ id: uuid(9103), userId: null, fullName: 'Орлова Наталья Викторовна', schoolId: null });

async function demoSchool(): Promise<AppDatabase> {
	const db = freshDatabase('persona');
	dbs.push(db);
	await db.organizations.bulkPut([municipality, school]);
	await db.profiles.bulkPut([teacher, methodist, municipal]);
	await db.memberships.bulkPut([
		buildMembership({ id: uuid(9201), profileId: teacher.id, organizationId: school.id, role: 'teacher' }),
		buildMembership({ id: uuid(9202), profileId: teacher.id, organizationId: school.id, role: 'mentor' }),
		buildMembership({ id: uuid(9203), profileId: methodist.id, organizationId: school.id, role: 'school_methodist' }),
		buildMembership({
			id: uuid(9204),
			profileId: municipal.id,
			organizationId: municipality.id,
			role: 'municipal_methodist'
		})
	]);
	return db;
}

describe('who a guest is in each role', () => {
	it('is the teacher she plays as a teacher and a mentor, and the school’s methodist as the methodist', async () => {
		const db = await demoSchool();
		expect(await guestPersona(db, teacher.id, 'teacher')).toBe(teacher.id);
		expect(await guestPersona(db, teacher.id, 'mentor')).toBe(teacher.id);
		expect(await guestPersona(db, teacher.id, 'school_methodist')).toBe(methodist.id);
		expect(await guestPersona(db, teacher.id, 'municipal_methodist')).toBe(municipal.id);
	});

	it('is nobody in a role nobody holds for her school: nothing is written in the teacher’s name', async () => {
		const db = await demoSchool();
		await db.memberships.update(uuid(9203), { deletedAt: '2026-10-01T00:00:00.000Z' });
		expect(await guestPersona(db, teacher.id, 'school_methodist')).toBeNull();
		expect(await guestPersona(db, teacher.id, 'admin')).toBeNull();
		expect(await guestPersona(db, null, 'school_methodist')).toBeNull();
	});
});
