import { afterEach, describe, expect, it } from 'vitest';
import { freshDatabase } from '$lib/db/testing/fresh';
import type { AppDatabase } from '$lib/db/database';
import {
	buildAction,
	buildActivity,
	buildMembership,
	buildObservation,
	buildPlan,
	buildProfile,
	IDS,
	uuid
} from '$lib/domain/testing/builders';
import type { DevelopmentPlan } from '$lib/domain/development-plan';
import { approvalOf, load } from './work';

const YEAR = 2026;
const TODAY = '2026-11-20';
const PEER = uuid(120);

const dbs: AppDatabase[] = [];
afterEach(() => {
	for (const db of dbs.splice(0)) db.close();
});

async function seed(): Promise<AppDatabase> {
	const db = freshDatabase('methodist-teacher-work');
	dbs.push(db);
	await db.profiles.bulkPut([
		buildProfile(),
		buildProfile({ id: IDS.methodist, userId: uuid(1103), fullName: 'Петрова Анна Сергеевна' }),
		buildProfile({ id: IDS.mentor, userId: uuid(1102), fullName: 'Смирнова Ольга Николаевна' }),
		buildProfile({ id: PEER, userId: uuid(1120), fullName: 'Андреев Павел Сергеевич' })
	]);
	await db.memberships.put(buildMembership());
	await db.development_plans.put(buildPlan({ academicYear: YEAR, goals: 'Освоить формирующее оценивание' }));
	await db.plan_actions.bulkPut([
		buildAction({ id: uuid(11), title: 'Курсы', deadline: '2026-11-01', status: 'planned' }),
		buildAction({ id: uuid(12), title: 'Открытый урок', deadline: '2027-03-01', status: 'done' })
	]);
	await db.activities.put(buildActivity({ title: 'Функциональная грамотность' }));
	await db.observations.bulkPut([
		buildObservation({ id: uuid(21), status: 'submitted', date: '2026-10-01' }),
		buildObservation({ id: uuid(22), observerId: PEER, observerRole: 'peer', status: 'submitted', date: '2026-10-10' }),
		// Another observer's draft is nobody's business; the methodist's own draft is hers to open.
		buildObservation({ id: uuid(23), observerId: PEER, observerRole: 'peer', status: 'draft' }),
		buildObservation({ id: uuid(24), observerId: IDS.methodist, observerRole: 'methodist', status: 'draft' })
	]);
	return db;
}

describe('the teacher’s work on the methodist’s drill-down', () => {
	it('gives the plan with its actions by deadline, the overdue one marked, activities and every observer’s protocols', async () => {
		const work = await load(await seed(), IDS.methodist, IDS.teacher, YEAR, TODAY);
		expect(work?.plan?.plan.goals).toBe('Освоить формирующее оценивание');
		expect(work?.plan?.actions.map((a) => [a.action.title, a.overdue])).toEqual([
			['Курсы', true],
			['Открытый урок', false]
		]);
		expect(work?.plan?.completion).toMatchObject({ done: 1, total: 2 });
		expect(work?.activities.map((a) => a.title)).toEqual(['Функциональная грамотность']);
		expect(work?.protocols.map((p) => [p.observation.id, p.person?.fullName])).toEqual([
			[uuid(24), 'Петрова Анна Сергеевна'],
			[uuid(22), 'Андреев Павел Сергеевич'],
			[uuid(21), 'Смирнова Ольга Николаевна']
		]);
	});

	it('has no plan for a year the teacher has none', async () => {
		const work = await load(await seed(), IDS.methodist, IDS.teacher, YEAR + 1, TODAY);
		expect(work?.plan).toBeNull();
	});

	it('reads nothing for a teacher of another school, as the drill-down itself', async () => {
		const db = await seed();
		await db.profiles.put(buildProfile({ id: IDS.methodist, userId: uuid(1103), schoolId: uuid(299) }));
		expect(await load(db, IDS.methodist, IDS.teacher, YEAR, TODAY)).toBeNull();
	});

	it('reads the plan’s approval state, and «unknown» from a plan without one', () => {
		const plan = buildPlan();
		expect(approvalOf({ ...plan, approvalStatus: 'submitted' } as DevelopmentPlan)).toBe('submitted');
		const { approvalStatus: _gone, ...older } = { ...plan, approvalStatus: 'x' };
		expect(approvalOf(older as unknown as DevelopmentPlan)).toBe('unknown');
	});
});
