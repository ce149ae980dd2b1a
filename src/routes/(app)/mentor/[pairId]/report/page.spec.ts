// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/svelte';
import Page from './+page.svelte';
import { Session } from '$lib/session/session.svelte';
import { SESSION_KEY } from '$lib/session/context';
import { NOTICES_KEY, Notices } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import { academicYearOf } from '$lib/domain/academic-year';
import {
	buildAction,
	buildDeficit,
	buildObservation,
	buildPlan,
	buildSession,
	IDS,
	uuid
} from '$lib/domain/testing/builders';
import { seedPair, shift } from '$lib/features/mentor/testing';
import { numericDate } from '$lib/features/mentor/format';
import type { AppDatabase } from '$lib/db/database';
import { i18n } from '$lib/i18n/i18n.svelte';

beforeAll(() => i18n.ensure('mentor'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

async function mount(seed: (db: AppDatabase) => Promise<unknown> = async () => undefined) {
	const db = freshDatabase('mentor-report');
	dbs.push(db);
	await seedPair(db, { deficitIds: [IDS.deficit] });
	await db.deficits.put(buildDeficit({ status: 'in_progress' }));
	await db.mentoring_sessions.bulkPut([
		buildSession({ id: uuid(1), date: shift(-28), durationMinutes: 45 }),
		buildSession({ id: uuid(2), date: shift(-3), durationMinutes: 90 })
	]);
	await db.observations.bulkPut([
		buildObservation({ id: uuid(1), status: 'submitted', date: shift(-10) }),
		buildObservation({ id: uuid(2), status: 'draft', date: shift(-2) })
	]);
	await seed(db);
	const session = new Session();
	session.db = db;
	session.profileId = IDS.mentor;
	render(Page, {
		props: { params: { pairId: IDS.pair } },
		context: new Map<unknown, unknown>([
			[SESSION_KEY, session],
			[NOTICES_KEY, new Notices()]
		])
	});
}

describe('the printed programme report', () => {
	it('sums up goals, meetings planned and held, hours, lessons observed, deficits and the plan', async () => {
		await mount(async (db) => {
			await db.development_plans.put(buildPlan({ academicYear: academicYearOf(shift(0)) }));
			await db.plan_actions.bulkPut([
				buildAction({ status: 'done' }),
				buildAction({ id: uuid(3) }),
				buildAction({ id: uuid(4), status: 'cancelled' })
			]);
		});
		expect(
			await screen.findByRole('heading', { level: 1, name: 'Отчёт о реализации программы наставничества' })
		).toBeInTheDocument();
		expect(screen.getByText('Освоить формирующее оценивание')).toBeInTheDocument();
		expect(screen.getByTestId('meetings-summary')).toHaveTextContent('Запланировано встреч: 2, проведено: 1.');
		const meetings = screen.getByRole('region', { name: 'Запланированные встречи и их проведение' });
		expect(within(meetings).getAllByRole('row')).toHaveLength(3);
		expect(screen.getByTestId('sessions-summary')).toHaveTextContent(
			'Всего 2 встречи, общая продолжительность — 2,3 ч.'
		);
		expect(screen.getByTestId('observations-summary')).toHaveTextContent(
			`Посещено 1 урок: ${numericDate(shift(-10))}.`
		);
		const deficits = screen.getByRole('region', { name: 'Дефициты программы и их текущий статус' });
		expect(within(deficits).getByText('Оценочная компетенция')).toBeInTheDocument();
		expect(within(deficits).getByText('В работе')).toBeInTheDocument();
		expect(screen.getByTestId('plan-summary')).toHaveTextContent('Выполнено мероприятий: 1 из 2 (50 %).');
		expect(screen.getByRole('heading', { name: 'Выводы и рекомендации' })).toBeInTheDocument();
		expect(screen.getByText(/Куратор наставничества/)).toBeInTheDocument();
	});

	it('says «ИОМ не составлен» for a mentee without a plan, never 0 %', async () => {
		await mount();
		expect(await screen.findByTestId('plan-summary')).toHaveTextContent('ИОМ не составлен');
		expect(screen.queryByText(/0 %/)).toBeNull();
	});

	it('counts a planned meeting held by the session that names it, though the pair met weeks later', async () => {
		// The planned meetings are 30 days ago and in 30 days; the session of 3 days ago names the first.
		await mount(async (db) => {
			await db.mentoring_sessions.bulkPut([
				buildSession({ id: uuid(1), date: shift(-28), durationMinutes: 45, plannedMeeting: 'none' }),
				buildSession({ id: uuid(2), date: shift(-3), durationMinutes: 90, plannedMeeting: shift(-30) })
			]);
		});
		expect(await screen.findByTestId('meetings-summary')).toHaveTextContent('Запланировано встреч: 2, проведено: 1.');
		const meetings = screen.getByRole('region', { name: 'Запланированные встречи и их проведение' });
		const first = within(meetings).getAllByRole('row')[1]!;
		expect(first).toHaveTextContent(numericDate(shift(-3)));
		expect(first).not.toHaveTextContent('не проведена');
	});
});
