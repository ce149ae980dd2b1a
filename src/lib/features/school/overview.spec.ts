import { describe, expect, it } from 'vitest';
import { freshDatabase } from '$lib/db/testing/fresh';
import {
	buildAssessment,
	buildMembership,
	buildOrganization,
	buildProfile,
	IDS,
	uuid
} from '$lib/domain/testing/builders';
import { load } from './overview';

describe('the school overview of a year', () => {
	it('counts only that year’s entry assessments, and only the school’s counted teachers', async () => {
		const db = freshDatabase('overview-years');
		await db.organizations.put(buildOrganization({ id: IDS.school }));
		const anna = buildProfile({ id: uuid(1), fullName: 'Белова Анна', schoolId: IDS.school });
		const boris = buildProfile({ id: uuid(2), fullName: 'Алексеев Борис', schoolId: IDS.school });
		// Of the school, but no teaching membership in it (a methodist who does not teach).
		const head = buildProfile({ id: uuid(3), fullName: 'Завуч без уроков', schoolId: IDS.school });
		await db.profiles.bulkPut([anna, boris, head]);
		await db.memberships.bulkPut([
			buildMembership({ id: uuid(11), profileId: anna.id, organizationId: IDS.school, role: 'teacher' }),
			buildMembership({ id: uuid(12), profileId: boris.id, organizationId: IDS.school, role: 'mentor' }),
			buildMembership({ id: uuid(13), profileId: head.id, organizationId: IDS.school, role: 'school_methodist' })
		]);
		await db.assessments.bulkPut([
			buildAssessment({ id: uuid(21), teacherId: anna.id, academicYear: 2025, stage: 'entry', status: 'submitted' }),
			buildAssessment({ id: uuid(22), teacherId: boris.id, academicYear: 2026, stage: 'entry', status: 'submitted' })
		]);
		const now = (await load(db, IDS.school, '2026-12-07'))!;
		expect(now.staff.map((s) => s.profile.fullName)).toEqual(['Алексеев Борис', 'Белова Анна']);
		expect(now.staff.map((s) => s.entryDone)).toEqual([true, false]);
		const before = (await load(db, IDS.school, '2026-12-07', 2025))!;
		expect(before.academicYear).toBe(2025);
		expect(before.staff.map((s) => s.entryDone)).toEqual([false, true]);
		expect(await load(db, uuid(99), '2026-12-07')).toBeNull();
		db.close();
	});
});
