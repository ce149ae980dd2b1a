import { afterEach, describe, expect, it } from 'vitest';
import { freshDatabase } from '$lib/db/testing/fresh';
import { buildActivity, buildProfile, IDS, uuid } from '$lib/domain/testing/builders';
import type { AppDatabase } from '$lib/db/database';
import { load } from './home';

const dbs: AppDatabase[] = [];
afterEach(() => {
	for (const db of dbs.splice(0)) db.close();
});

describe('the teacher’s home, activities', () => {
	it('counts course hours as the list and the indicators do: completed courses by the year they ended, the ones under way apart', async () => {
		const db = freshDatabase('home');
		dbs.push(db);
		await db.profiles.put(buildProfile());
		await db.activities.bulkPut([
			// Under way: «56 часов» in the list, so the home must not say «0 часов» without a word.
			buildActivity({
				id: uuid(1),
				title: 'Школа современного учителя',
				hours: 56,
				startDate: '2026-11-02',
				endDate: null,
				completed: false,
				certificate: ''
			}),
			// Started in August, finished in September: this year's course for the indicators.
			buildActivity({ id: uuid(2), hours: 36, startDate: '2026-08-24', endDate: '2026-09-04', completed: true })
		]);
		const home = (await load(db, IDS.teacher, '2026-12-07'))!;
		expect(home.activityCount).toBe(2);
		expect(home.courseHours).toBe(36);
		expect(home.courseHoursUnderway).toBe(56);
	});
});
