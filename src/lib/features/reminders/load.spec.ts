import { afterEach, describe, expect, it } from 'vitest';
import { liveQuery } from 'dexie';
import { freshDatabase } from '$lib/db/testing/fresh';
import type { AppDatabase } from '$lib/db/database';
import type { Reminder } from '$lib/domain/reminders';
import {
	IDS,
	buildAssessment,
	buildMembership,
	buildOrganization,
	buildPair,
	buildPlan,
	buildProfile,
	uuid
} from '$lib/domain/testing/builders';
import * as reminders from './load';

// Wednesday 9 December 2026, 12:00 in Moscow; its week runs 7–13 December.
const NOW = new Date('2026-12-09T09:00:00.000Z');
const dbs: AppDatabase[] = [];
afterEach(() => {
	for (const db of dbs.splice(0)) db.close();
});

async function school(): Promise<AppDatabase> {
	const db = freshDatabase('reminders-load');
	dbs.push(db);
	await db.organizations.bulkPut([
		buildOrganization({ id: IDS.municipality, kind: 'municipality', parentId: null }),
		buildOrganization()
	]);
	await db.profiles.bulkPut([
		buildProfile(),
		buildProfile({ id: IDS.mentor, fullName: 'Смирнова Елена Викторовна' }),
		buildProfile({ id: IDS.methodist, fullName: 'Лебедева Ольга Николаевна' })
	]);
	await db.memberships.bulkPut([
		buildMembership(),
		buildMembership({ id: uuid(1002), profileId: IDS.mentor, role: 'mentor' }),
		buildMembership({ id: uuid(1003), profileId: IDS.methodist, role: 'school_methodist' })
	]);
	return db;
}

/** The values liveQuery emits, as the panel's LiveQuery receives them. */
function watch(db: AppDatabase, role: reminders.ReminderRole, profileId: string) {
	const seen: Reminder[][] = [];
	const subscription = liveQuery(() => reminders.load(db, profileId, role, NOW)).subscribe((v) => seen.push(v));
	return {
		seen,
		next: async (count: number) => {
			for (let i = 0; i < 100 && seen.length < count; i += 1) await new Promise((r) => setTimeout(r, 10));
			return seen[count - 1];
		},
		stop: () => subscription.unsubscribe()
	};
}

describe('reading the reminders from the device', () => {
	it("gives the methodist a colleague's plan sent for approval, not her own, and updates when another is sent", async () => {
		const db = await school();
		await db.development_plans.bulkPut([
			buildPlan({ approvalStatus: 'submitted', submittedAt: '2026-12-08T21:30:00.000Z' }),
			buildPlan({
				id: uuid(503),
				teacherId: IDS.methodist,
				approvalStatus: 'submitted',
				submittedAt: NOW.toISOString()
			})
		]);
		const live = watch(db, 'methodist', IDS.methodist);
		const first = await live.next(1);
		// Sent at 00:30 on 9 December in Moscow: dated that day, not the UTC date.
		expect(first?.map((r) => [r.kind, r.title, r.date])).toEqual([
			['approval', 'Иванова Мария Петровна', '2026-12-09']
		]);

		await db.development_plans.put(
			buildPlan({
				id: uuid(504),
				teacherId: IDS.mentor,
				approvalStatus: 'submitted',
				submittedAt: '2026-12-07T08:00:00.000Z'
			})
		);
		const second = await live.next(2);
		live.stop();
		expect(second?.map((r) => r.title)).toEqual(['Смирнова Елена Викторовна', 'Иванова Мария Петровна']);
	});

	it("counts for the methodist the school's teachers who have not taken the open window's diagnostics", async () => {
		const db = await school();
		await db.organizations.put(
			buildOrganization({
				id: IDS.municipality,
				kind: 'municipality',
				parentId: null,
				monitoring: { '2026': { intermediate: { from: '2026-12-01', to: '2026-12-20' } } }
			})
		);
		const live = watch(db, 'methodist', IDS.methodist);
		expect((await live.next(1))?.map((r) => [r.kind, r.count])).toEqual([['assessment', 2]]);
		await db.assessments.put(buildAssessment({ stage: 'intermediate', status: 'submitted', academicYear: 2026 }));
		const second = await live.next(2);
		live.stop();
		expect(second?.map((r) => [r.kind, r.count])).toEqual([['assessment', 1]]);
	});

	it("gives the mentor this week's planned meeting with the mentee's name, and nothing of it to the methodist", async () => {
		const db = await school();
		await db.mentoring_pairs.put(buildPair({ plannedMeetings: [{ date: '2026-12-11', topic: 'Разбор урока в 5А' }] }));
		const mentor = await reminders.load(db, IDS.mentor, 'mentor', NOW);
		expect(mentor).toMatchObject([
			{ kind: 'meeting', title: 'Разбор урока в 5А', person: 'Иванова Мария Петровна', link: { to: 'pair' } }
		]);
		const mentee = await reminders.load(db, IDS.teacher, 'teacher', NOW);
		expect(mentee).toMatchObject([{ kind: 'meeting', person: 'Смирнова Елена Викторовна', link: { to: 'mentoring' } }]);
		expect(await reminders.load(db, IDS.methodist, 'methodist', NOW)).toEqual([]);
	});
});
