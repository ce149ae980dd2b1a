/**
 * Fixtures for the mentoring screens' tests. Screens read the device's calendar, so the pair's
 * term and the sessions are placed relative to today, not on fixed dates.
 */
import type { AppDatabase } from '$lib/db/database';
import type { MentoringPair } from '$lib/domain/mentoring';
import { buildOrganization, buildPair, buildProfile, IDS, uuid } from '$lib/domain/testing/builders';
import { today } from '$lib/session/clock';

/** Today moved by `days` on the device's calendar. */
export function shift(days: number): string {
	const d = new Date();
	d.setDate(d.getDate() + days);
	return today(d);
}

export const MENTOR_NAME = 'Смирнова Ольга Николаевна';
export const METHODIST_NAME = 'Петрова Анна Сергеевна';

/** The mentee (IDS.teacher), the mentor, the school and a pair active today; `pair` overrides it. */
export async function seedPair(db: AppDatabase, pair: Partial<MentoringPair> = {}): Promise<MentoringPair> {
	const row = buildPair({
		startDate: shift(-60),
		endDate: shift(120),
		goals: 'Освоить формирующее оценивание',
		plannedMeetings: [
			{ date: shift(-30), topic: 'Планирование уроков' },
			{ date: shift(30), topic: 'Разбор урока' }
		],
		...pair
	});
	await db.organizations.put(buildOrganization());
	await db.profiles.bulkPut([
		buildProfile(),
		buildProfile({
			id: IDS.mentor,
			userId: uuid(1102),
			fullName: MENTOR_NAME,
			email: 'smirnova@school.example',
			position: 'учитель математики, наставник'
		})
	]);
	await db.mentoring_pairs.put(row);
	return row;
}
