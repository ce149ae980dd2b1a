import { afterEach, describe, expect, it } from 'vitest';
import { freshDatabase } from '$lib/db/testing/fresh';
import type { AppDatabase } from '$lib/db/database';
import { IDS } from '$lib/domain/testing/builders';
import { INVITABLE_ROLES, blank, check, type Invitation } from './invite';

const dbs: AppDatabase[] = [];
afterEach(() => {
	for (const db of dbs.splice(0)) db.close();
});

function filled(overrides: Partial<Invitation> = {}): Invitation {
	return {
		...blank(),
		fullName: 'Петрова Анна Сергеевна',
		email: 'petrova@school.ru',
		birthYear: 1990,
		experienceYears: 5,
		...overrides
	};
}

describe('inviting a member of staff', () => {
	it('offers only the roles the server lets a school methodist give', () => {
		// Another methodist is appointed by an administrator; the server refuses it from a methodist.
		expect([...INVITABLE_ROLES]).toEqual(['teacher', 'mentor']);
	});

	it('accepts a teacher or a mentor and refuses any other role', async () => {
		const db = freshDatabase('invite');
		dbs.push(db);
		expect(await check(db, filled({ role: 'mentor' }), IDS.school)).toEqual([]);
		const issues = await check(db, filled({ role: 'school_methodist' as never }), IDS.school);
		expect(issues).toEqual([expect.objectContaining({ path: 'role' })]);
	});
});
