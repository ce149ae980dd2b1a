// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/svelte';
import Page from './+page.svelte';
import { Session } from '$lib/session/session.svelte';
import { SESSION_KEY } from '$lib/session/context';
import { NOTICES_KEY, Notices } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import { buildSession, IDS, uuid } from '$lib/domain/testing/builders';
import { MENTOR_NAME, seedPair, shift } from '$lib/features/mentor/testing';
import { numericDate } from '$lib/features/mentor/format';
import type { MentoringPair } from '$lib/domain/mentoring';
import type { AppDatabase } from '$lib/db/database';
import { i18n } from '$lib/i18n/i18n.svelte';

beforeAll(() => i18n.ensure('mentor'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

async function mount(pair: Partial<MentoringPair> = {}) {
	const db = freshDatabase('mentor-journal');
	dbs.push(db);
	await seedPair(db, pair);
	await db.mentoring_sessions.bulkPut([
		buildSession({
			id: uuid(2),
			date: shift(-3),
			format: 'lesson_review',
			topic: 'Разбор урока',
			notes: 'Урок построен логично',
			nextSteps: 'Добавить рефлексию',
			durationMinutes: 60
		}),
		buildSession({
			id: uuid(1),
			date: shift(-30),
			topic: 'Планирование уроков',
			durationMinutes: 45,
			acknowledgedAt: `${shift(-29)}T10:00:00.000Z`
		})
	]);
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

describe('the printed mentor’s journal', () => {
	it('has the header, the columns of a paper journal, a row per session in date order and signature lines', async () => {
		await mount();
		expect(await screen.findByRole('heading', { level: 1, name: 'Журнал наставника' })).toBeInTheDocument();
		expect(screen.getByText('МБОУ «Средняя общеобразовательная школа № 1»')).toBeInTheDocument();
		expect(screen.getByText('Опытный педагог – молодой специалист')).toBeInTheDocument();
		const table = await screen.findByRole('table');
		expect(
			within(table)
				.getAllByRole('columnheader')
				.map((th) => th.textContent)
		).toEqual(['№', 'Дата', 'Форма', 'Тема', 'Содержание', 'Договорённости', 'Длительность', 'Отметка наставляемого']);
		const rows = within(table).getAllByRole('row');
		expect(rows).toHaveLength(3);
		expect(rows[1]).toHaveTextContent('Планирование уроков');
		expect(rows[1]).toHaveTextContent(`подтверждено ${numericDate(shift(-29))}`);
		expect(
			within(rows[2]!)
				.getAllByRole('cell')
				.map((td) => td.textContent)
		).toEqual([
			'2',
			numericDate(shift(-3)),
			'Разбор урока',
			'Разбор урока',
			'Урок построен логично',
			'Добавить рефлексию',
			'60 мин',
			''
		]);
		expect(screen.getByRole('region', { name: 'Встречи наставника и наставляемого' })).toHaveAttribute('tabindex', '0');
		expect(screen.getByRole('button', { name: 'Печать' })).toBeInTheDocument();
		expect(screen.getByText(`/ ${MENTOR_NAME} /`, { exact: false })).toBeInTheDocument();
		expect(screen.getByText(/Всего 2 встречи, общая продолжительность — 1,8 ч/)).toBeInTheDocument();
	});

	it('prints no sessions once the pair has ended, saying why', async () => {
		await mount({ status: 'terminated', startDate: shift(-100), endDate: shift(-1), plannedMeetings: [] });
		expect(await screen.findByText(/Доступ к данным наставляемого закрыт/)).toBeInTheDocument();
		expect(screen.queryByRole('table')).toBeNull();
	});
});
