// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/svelte';
import Page from './+page.svelte';
import { Session } from '$lib/session/session.svelte';
import { SESSION_KEY } from '$lib/session/context';
import { NOTICES_KEY, Notices } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import { today } from '$lib/session/clock';
import { academicYearLabel, academicYearOf } from '$lib/domain/academic-year';
import {
	buildAction,
	buildDeficit,
	buildOrganization,
	buildPlan,
	buildProfile,
	IDS,
	uuid
} from '$lib/domain/testing/builders';
import type { AppDatabase } from '$lib/db/database';
import { i18n } from '$lib/i18n/i18n.svelte';

beforeAll(() => i18n.ensure('teacher', 'plan'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

const year = academicYearOf(today());

describe('the printed plan', () => {
	it('shows the header, the six columns schools use, a row per action and the signature lines', async () => {
		const db = freshDatabase('plan-print');
		dbs.push(db);
		await db.profiles.put(buildProfile());
		await db.organizations.put(buildOrganization());
		await db.deficits.put(buildDeficit({ description: 'Не использую критериальное оценивание' }));
		await db.development_plans.put(buildPlan({ academicYear: year }));
		await db.plan_actions.bulkPut([
			buildAction({
				deadline: `${year}-12-20`,
				evidence: [{ id: uuid(7001), kind: 'certificate', value: '772412345678', note: '' }]
			}),
			buildAction({ id: uuid(2), deficitId: null, title: 'Отменённое', status: 'cancelled', deadline: null })
		]);
		const session = new Session();
		session.db = db;
		session.profileId = IDS.teacher;
		render(Page, {
			context: new Map<unknown, unknown>([
				[SESSION_KEY, session],
				[NOTICES_KEY, new Notices()]
			])
		});

		expect(
			await screen.findByRole('heading', { level: 1, name: 'Индивидуальный образовательный маршрут педагога' })
		).toBeInTheDocument();
		expect(screen.getByText(`на ${academicYearLabel(year)} учебный год`)).toBeInTheDocument();
		expect(screen.getAllByText('Иванова Мария Петровна').length).toBeGreaterThan(0);
		expect(screen.getByText('учитель математики')).toBeInTheDocument();
		const table = screen.getByRole('table');
		expect(
			within(table)
				.getAllByRole('columnheader')
				.map((th) => th.textContent)
		).toEqual(['Дефицит', 'Задача', 'Мероприятие', 'Сроки', 'Форма представления результата', 'Отметка о выполнении']);
		// Cancelled actions are not on the paper.
		const rows = within(table).getAllByRole('row');
		expect(rows).toHaveLength(2);
		expect(rows[1]).toHaveTextContent('Оценочная компетенция');
		expect(rows[1]).toHaveTextContent('Не использую критериальное оценивание');
		expect(rows[1]).toHaveTextContent('Удостоверение (сертификат) № 772412345678');
		expect(screen.getByRole('region', { name: 'Мероприятия ИОМ' })).toHaveAttribute('tabindex', '0');
		expect(screen.getByRole('button', { name: 'Печать' })).toBeInTheDocument();
		expect(screen.getByText(/Согласовано:/)).toBeInTheDocument();
	});
});
