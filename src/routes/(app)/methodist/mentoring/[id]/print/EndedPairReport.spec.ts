// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import EndedPairReport from './EndedPairReport.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import { academicYearOf } from '$lib/domain/academic-year';
import type { MentoringPair } from '$lib/domain/mentoring';
import {
	buildAction,
	buildObservation,
	buildPlan,
	buildProfile,
	buildSession,
	IDS,
	uuid
} from '$lib/domain/testing/builders';
import { seedPair, shift, METHODIST_NAME } from '$lib/features/mentor/testing';
import { loadPair } from '$lib/features/mentor/pair';
import { numericDate } from '$lib/features/mentor/format';
import type { AppDatabase } from '$lib/db/database';
import { i18n } from '$lib/i18n/i18n.svelte';

beforeAll(() => i18n.ensure('pairs', 'mentor'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

/** A pair of the methodist's school (ended 20 days ago unless `pair` says otherwise), seen by the methodist. */
async function mount(pair: Partial<MentoringPair> = {}, schoolId: string = IDS.school): Promise<AppDatabase> {
	const db = freshDatabase('methodist-pair-report');
	dbs.push(db);
	await seedPair(db, { startDate: shift(-200), endDate: shift(-20), status: 'completed', ...pair });
	await db.profiles.put(buildProfile({ id: IDS.methodist, userId: uuid(1103), fullName: METHODIST_NAME, schoolId }));
	await db.mentoring_sessions.bulkPut([
		buildSession({ id: uuid(1), date: shift(-150), durationMinutes: 45 }),
		buildSession({ id: uuid(2), date: shift(-40), durationMinutes: 90 })
	]);
	await db.observations.put(buildObservation({ id: uuid(1), status: 'submitted', date: shift(-60) }));
	// The ИОМ of the year the pair ended in.
	await db.development_plans.put(buildPlan({ academicYear: academicYearOf(shift(-20)) }));
	await db.plan_actions.bulkPut([buildAction({ status: 'done' }), buildAction({ id: uuid(3) })]);
	render(EndedPairReport, { props: { db, profileId: IDS.methodist, id: IDS.pair } });
	return db;
}

describe('the final report of an ended pair, for the school methodist', () => {
	it('opens with everything the mentor’s report had, and a print button, while the mentor’s own access is closed', async () => {
		const db = await mount();
		expect(
			await screen.findByRole('heading', { level: 1, name: 'Отчёт о реализации программы наставничества' })
		).toBeInTheDocument();
		expect(screen.getByTestId('sessions-summary')).toHaveTextContent('Всего 2 встречи');
		expect(screen.getByTestId('observations-summary')).toHaveTextContent(
			`Посещено 1 урок: ${numericDate(shift(-60))}.`
		);
		expect(screen.getByTestId('plan-summary')).toHaveTextContent('Выполнено мероприятий: 1 из 2 (50 %).');
		expect(screen.getByRole('button', { name: /Печать/ })).toBeInTheDocument();
		// The mentor's side stays as it was: past the end date the report is closed to her.
		expect((await loadPair(db, IDS.pair, IDS.mentor, shift(0))).state).toBe('closed');
	});

	it('waits for the end of a pair still running', async () => {
		await mount({ startDate: shift(-30), endDate: shift(60), status: 'active' });
		expect(await screen.findByTestId('report-not-yet')).toHaveTextContent('Пара ещё работает');
		expect(screen.queryByTestId('sessions-summary')).toBeNull();
		expect(screen.queryByRole('button', { name: /Печать/ })).toBeNull();
	});

	it('counts a pair past its end date as ended though nobody closed it', async () => {
		await mount({ startDate: shift(-200), endDate: shift(-5), status: 'active' });
		expect(await screen.findByTestId('sessions-summary')).toHaveTextContent('Всего 2 встречи');
	});

	it('shows nothing of a pair of another school', async () => {
		await mount({}, uuid(299));
		expect(await screen.findByRole('alert')).toHaveTextContent('Пара не найдена');
		expect(screen.queryByTestId('sessions-summary')).toBeNull();
	});
});
