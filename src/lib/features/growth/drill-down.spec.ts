import { afterEach, describe, expect, it } from 'vitest';
import {
	buildAction,
	buildDeficit,
	buildMembership,
	buildObservation,
	buildOrganization,
	buildPlan,
	buildProfile,
	IDS,
	uuid
} from '$lib/domain/testing/builders';
import type { AppDatabase } from '$lib/db/database';
import { freshDatabase } from '$lib/db/testing/fresh';
import { canView, load, observationsInYear } from './drill-down';

const dbs: AppDatabase[] = [];
afterEach(() => {
	for (const db of dbs.splice(0)) db.close();
});

const OTHER_SCHOOL = uuid(211);
const STRANGER = uuid(111);
const TODAY = '2027-01-20';

/** The methodist's school with one teacher, and a second school with a teacher of its own. */
async function school(): Promise<AppDatabase> {
	const db = freshDatabase('drill-down');
	dbs.push(db);
	await db.organizations.bulkPut([
		buildOrganization(),
		buildOrganization({ id: OTHER_SCHOOL, name: 'МБОУ «СОШ № 2»', shortName: 'СОШ № 2' })
	]);
	await db.profiles.bulkPut([
		buildProfile({
			id: IDS.methodist,
			userId: uuid(1103),
			fullName: 'Смирнова Ольга Ивановна',
			email: 'smirnova@school.example'
		}),
		buildProfile({ experienceYears: 1 }),
		buildProfile({
			id: STRANGER,
			userId: uuid(1111),
			fullName: 'Петров Пётр Петрович',
			email: 'petrov@school2.example',
			schoolId: OTHER_SCHOOL
		})
	]);
	await db.memberships.bulkPut([
		buildMembership({ id: uuid(1011), profileId: IDS.methodist, role: 'school_methodist' }),
		buildMembership({ id: uuid(1012) }),
		buildMembership({ id: uuid(1013), profileId: STRANGER, organizationId: OTHER_SCHOOL })
	]);
	return db;
}

describe('who the school methodist may open', () => {
	const teacher = { id: IDS.teacher, deletedAt: null };
	const inSchool = buildMembership();

	it('opens a teacher with a live membership in the methodist’s school', () => {
		expect(canView(IDS.school, teacher, [inSchool])).toBe(true);
		expect(canView(IDS.school, teacher, [buildMembership({ role: 'mentor' })])).toBe(true);
	});

	it('refuses a teacher of another school', () => {
		expect(canView(IDS.school, teacher, [buildMembership({ organizationId: OTHER_SCHOOL })])).toBe(false);
	});

	it('refuses a teacher who left the school, a deleted profile, someone else’s membership and a viewer with no school', () => {
		expect(canView(IDS.school, teacher, [buildMembership({ deletedAt: '2026-10-01T00:00:00.000Z' })])).toBe(false);
		expect(canView(IDS.school, { ...teacher, deletedAt: '2026-10-01T00:00:00.000Z' }, [inSchool])).toBe(false);
		expect(canView(IDS.school, teacher, [buildMembership({ profileId: STRANGER })])).toBe(false);
		expect(canView(IDS.school, undefined, [inSchool])).toBe(false);
		// The municipal methodist's profile belongs to no school: no individual teacher, ever.
		expect(canView(null, teacher, [inSchool])).toBe(false);
	});
});

describe('one teacher as the school methodist sees them', () => {
	it('gives a teacher of the school with open deficits, overdue plan actions and this year’s observations', async () => {
		const db = await school();
		await db.deficits.bulkPut([
			buildDeficit(),
			buildDeficit({ id: uuid(402), competencyId: 'goal-setting', status: 'in_progress' }),
			buildDeficit({ id: uuid(403), competencyId: 'motivation', status: 'overcome' }),
			buildDeficit({ id: uuid(404), competencyId: 'motivation', status: 'proposed' })
		]);
		await db.development_plans.put(buildPlan());
		await db.plan_actions.bulkPut([
			buildAction({ deadline: '2026-12-20', status: 'in_progress' }),
			buildAction({ id: uuid(503), title: 'Взаимопосещение', deadline: '2026-11-01', status: 'done' }),
			buildAction({ id: uuid(504), title: 'Открытый урок', deadline: '2027-03-01' })
		]);
		await db.observations.bulkPut([
			buildObservation({ status: 'submitted', date: '2026-10-05' }),
			buildObservation({ id: uuid(802), status: 'submitted', date: '2026-05-05' }),
			buildObservation({ id: uuid(803), status: 'draft', date: '2026-11-05' })
		]);

		const view = await load(db, IDS.methodist, IDS.teacher, TODAY);
		expect(view?.profile.fullName).toBe('Иванова Мария Петровна');
		expect(view?.young).toBe(true);
		expect(view?.growth.academicYear).toBe(2026);
		expect(view?.openDeficits.map((d) => [d.competency, d.status])).toEqual([
			['Оценочная компетенция', 'identified'],
			['Целеполагание', 'in_progress']
		]);
		expect(view?.growth.plan).toEqual({ done: 1, total: 3, share: 1 / 3 });
		expect(view?.overdue.map((a) => a.deadline)).toEqual(['2026-12-20']);
		expect(view?.observations).toBe(1);
	});

	it('refuses a teacher of another school, an unknown id, and a viewer with no school', async () => {
		const db = await school();
		await db.deficits.put(buildDeficit({ id: uuid(405), teacherId: STRANGER }));
		expect(await load(db, IDS.methodist, STRANGER, TODAY)).toBeNull();
		expect(await load(db, IDS.methodist, uuid(999), TODAY)).toBeNull();
		await db.profiles.update(IDS.methodist, { schoolId: null });
		expect(await load(db, IDS.methodist, IDS.teacher, TODAY)).toBeNull();
	});
});

describe('observationsInYear', () => {
	it('counts submitted observations dated within the academic year', () => {
		const list = [
			buildObservation({ status: 'submitted', date: '2026-09-01' }),
			buildObservation({ status: 'submitted', date: '2027-08-31' }),
			buildObservation({ status: 'submitted', date: '2026-08-31' }),
			buildObservation({ status: 'draft', date: '2026-10-01' }),
			buildObservation({ status: 'submitted', date: '2026-10-01', deletedAt: '2026-10-02T00:00:00.000Z' })
		];
		expect(observationsInYear(list, 2026)).toBe(2);
	});
});
