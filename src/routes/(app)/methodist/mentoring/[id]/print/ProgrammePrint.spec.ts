// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/svelte';
import ProgrammePrint from './ProgrammePrint.svelte';
import { Session } from '$lib/session/session.svelte';
import { SESSION_KEY } from '$lib/session/context';
import { NOTICES_KEY, Notices } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import {
	buildDeficit,
	buildOrganization,
	buildPair,
	buildProfile,
	buildSession,
	IDS,
	uuid
} from '$lib/domain/testing/builders';
import type { AppDatabase } from '$lib/db/database';
import { i18n } from '$lib/i18n/i18n.svelte';

beforeAll(() => i18n.ensure('school', 'teacher', 'pairs', 'mentor'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

describe('the printed mentoring programme', () => {
	it('renders the document: header, people, deficits, the meetings with held ones marked, results and signatures', async () => {
		const db = freshDatabase('programme-print');
		dbs.push(db);
		await db.organizations.put(buildOrganization());
		await db.profiles.bulkPut([
			buildProfile({ id: IDS.methodist, fullName: 'Андреева Елена Викторовна' }),
			buildProfile({
				id: IDS.mentor,
				fullName: 'Смирнова Ольга Ивановна',
				position: 'учитель математики',
				experienceYears: 25
			}),
			buildProfile({
				id: IDS.teacher,
				fullName: 'Корнилов Денис Андреевич',
				position: 'учитель математики',
				experienceYears: 1
			})
		]);
		await db.deficits.put(buildDeficit({ description: 'Не использую критериальное оценивание' }));
		await db.mentoring_pairs.put(
			buildPair({
				deficitIds: [IDS.deficit],
				goals: 'Адаптация молодого специалиста',
				expectedResults: 'Проводит открытый урок на ШМО',
				plannedMeetings: [
					{ date: '2026-09-20', topic: 'Знакомство, составление программы' },
					{ date: '2026-10-18', topic: 'Технологическая карта урока' }
				]
			})
		);
		await db.mentoring_sessions.bulkPut([
			buildSession({ date: '2026-09-20' }),
			buildSession({ id: uuid(703), date: '2026-10-01' })
		]);
		const session = new Session();
		session.db = db;
		session.profileId = IDS.methodist;
		render(ProgrammePrint, {
			props: { db, profileId: IDS.methodist, id: IDS.pair },
			context: new Map<unknown, unknown>([
				[SESSION_KEY, session],
				[NOTICES_KEY, new Notices()]
			])
		});

		expect(
			await screen.findByRole('heading', { level: 1, name: 'Персонализированная программа наставничества' })
		).toBeInTheDocument();
		expect(screen.getByText('на 2026/2027 учебный год')).toBeInTheDocument();
		expect(screen.getByText('МБОУ «Средняя общеобразовательная школа № 1»')).toBeInTheDocument();
		expect(screen.getByText('с 01.09.2026 по 31.05.2027')).toBeInTheDocument();
		expect(screen.getByText('Опытный педагог – молодой специалист')).toBeInTheDocument();

		const people = within(screen.getByRole('region', { name: 'Участники' })).getByRole('table');
		const rows = within(people).getAllByRole('row');
		expect(rows[1]).toHaveTextContent('ФИОСмирнова Ольга ИвановнаКорнилов Денис Андреевич');
		expect(rows[3]).toHaveTextContent('Педагогический стаж25 лет1 год');
		expect(rows[4]).toHaveTextContent('Молодой специалист—да');

		const deficits = within(screen.getByRole('region', { name: 'Дефициты наставляемого' })).getByRole('table');
		expect(within(deficits).getAllByRole('row')[1]).toHaveTextContent(
			'1Оценочная компетенцияНе использую критериальное оценивание'
		);

		const meetings = screen.getByTestId('meetings-table');
		expect(
			within(meetings)
				.getAllByRole('columnheader')
				.map((th) => th.textContent)
		).toEqual(['№', 'Дата', 'Тема', 'Отметка о проведении']);
		const meetingRows = within(meetings).getAllByRole('row').slice(1);
		expect(meetingRows.map((r) => Array.from(r.querySelectorAll('td'), (td) => td.textContent))).toEqual([
			['1', '20.09.2026', 'Знакомство, составление программы', 'проведена'],
			['2', '18.10.2026', 'Технологическая карта урока', '']
		]);
		expect(screen.getByRole('region', { name: 'План встреч' })).toHaveAttribute('tabindex', '0');

		expect(screen.getByText('Проводит открытый урок на ШМО')).toBeInTheDocument();
		expect(screen.getByText('УТВЕРЖДАЮ')).toBeInTheDocument();
		expect(screen.getByText(/Наставник\s+\/ Смирнова О\. И\. \//)).toBeInTheDocument();
		expect(screen.getByText(/Наставляемый\s+\/ Корнилов Д\. А\. \//)).toBeInTheDocument();
		expect(screen.getByRole('button', { name: 'Печать' })).toBeInTheDocument();
	});
});
