// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import Page from './+page.svelte';
import { Session } from '$lib/session/session.svelte';
import { SESSION_KEY } from '$lib/session/context';
import { NOTICES_KEY, Notices } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import * as formDrafts from '$lib/db/form-drafts';
import { today } from '$lib/session/clock';
import { academicYearOf } from '$lib/domain/academic-year';
import { buildAction, buildPlan, IDS, uuid } from '$lib/domain/testing/builders';
import type { AppDatabase } from '$lib/db/database';
import { i18n } from '$lib/i18n/i18n.svelte';

beforeAll(() => i18n.ensure('teacher', 'plan'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

const year = academicYearOf(today());
const plan = buildPlan({ academicYear: year, deficitIds: [] });
const inYear = `${year + 1}-05-20`;

async function mount(seed: (db: AppDatabase) => Promise<unknown> = async () => undefined) {
	const db = freshDatabase('plan-page');
	dbs.push(db);
	await seed(db);
	const session = new Session();
	session.db = db;
	session.profileId = IDS.teacher;
	const notices = new Notices();
	render(Page, {
		context: new Map<unknown, unknown>([
			[SESSION_KEY, session],
			[NOTICES_KEY, notices]
		])
	});
	return { db, notices };
}

describe('the plan screen', () => {
	it('offers to draw up the plan when there is none, and makes one', async () => {
		const { db } = await mount();
		await fireEvent.click(await screen.findByRole('button', { name: 'Составить ИОМ' }));
		await waitFor(async () => expect(await db.development_plans.count()).toBe(1));
		expect(await screen.findByText('Мероприятий пока нет')).toBeInTheDocument();
		expect(screen.queryByText(/0 %/)).toBeNull();
	});

	it('counts completion without cancelled actions and marks overdue ones in words', async () => {
		await mount(async (db) => {
			await db.development_plans.put(plan);
			await db.plan_actions.bulkPut([
				buildAction({ id: uuid(1), planId: plan.id, deadline: inYear, status: 'done', completedAt: '2026-10-01T10:00:00.000Z', title: 'Выполненное' }),
				buildAction({ id: uuid(2), planId: plan.id, deadline: '2000-01-01', title: 'Просроченное' }),
				buildAction({ id: uuid(3), planId: plan.id, deadline: inYear, status: 'cancelled', title: 'Отменённое' })
			]);
		});
		expect(await screen.findByTestId('plan-completion')).toHaveTextContent('Выполнено 1 из 2, 50 %');
		const cards = await screen.findAllByTestId('plan-action');
		// Sorted by deadline: the overdue one first.
		expect(within(cards[0]!).getByRole('heading', { name: 'Просроченное' })).toBeInTheDocument();
		expect(within(cards[0]!).getByText('Просрочено')).toBeInTheDocument();
		expect(within(cards[1]!).queryByText('Просрочено')).toBeNull();
	});

	it('moves an action only to the statuses allowed next', async () => {
		const { db } = await mount(async (db) => {
			await db.development_plans.put(plan);
			await db.plan_actions.put(buildAction({ planId: plan.id, deadline: inYear }));
		});
		const card = await screen.findByTestId('plan-action');
		expect(within(card).queryByRole('button', { name: 'Отметить «Запланировано»' })).toBeNull();
		await fireEvent.click(within(card).getByRole('button', { name: 'Отметить «Выполнено»' }));
		await waitFor(async () => expect((await db.plan_actions.get(IDS.action))!.status).toBe('done'));
		await waitFor(() => expect(within(screen.getByTestId('plan-action')).getByRole('button', { name: 'Отметить «Выполняется»' })).toBeInTheDocument());
	});

	it('adds a certificate number and refuses a link that is not http(s) next to the field', async () => {
		const { db } = await mount(async (db) => {
			await db.development_plans.put(plan);
			await db.plan_actions.put(buildAction({ planId: plan.id, deadline: inYear }));
		});
		const card = await screen.findByTestId('plan-action');
		await fireEvent.click(within(card).getByRole('button', { name: 'Добавить подтверждение' }));
		await fireEvent.input(within(card).getByLabelText(/Номер удостоверения или сертификата/), { target: { value: '772412345678' } });
		await fireEvent.click(within(card).getByRole('button', { name: 'Добавить' }));
		await waitFor(async () => expect((await db.plan_actions.get(IDS.action))!.evidence.map((e) => e.value)).toEqual(['772412345678']));
		expect(await within(card).findByText('Удостоверение (сертификат) № 772412345678')).toBeInTheDocument();

		await fireEvent.click(await within(card).findByRole('button', { name: 'Добавить подтверждение' }));
		await fireEvent.click(within(card).getByLabelText('Ссылка'));
		await fireEvent.input(within(card).getByLabelText(/Ссылка \(https/), { target: { value: 'ftp://example.org/c.pdf' } });
		await fireEvent.click(within(card).getByRole('button', { name: 'Добавить' }));
		await waitFor(() => expect(within(card).getByLabelText(/Ссылка \(https/)).toHaveAccessibleDescription(/http:\/\/ или https:\/\//));
		expect((await db.plan_actions.get(IDS.action))!.evidence).toHaveLength(1);
	});

	it('keeps a typed reflection as a draft and saves it to the action on leaving the field', async () => {
		const { db } = await mount(async (db) => {
			await db.development_plans.put(plan);
			await db.plan_actions.put(buildAction({ planId: plan.id, deadline: inYear }));
		});
		const card = await screen.findByTestId('plan-action');
		const reflection = within(card).getByLabelText(/Рефлексия/);
		await fireEvent.input(reflection, { target: { value: 'Применила приём «светофор» в 7Б' } });
		await waitFor(async () => expect((await formDrafts.load(db, `plan-reflection:${IDS.action}`))?.values).toEqual({ text: 'Применила приём «светофор» в 7Б' }), {
			timeout: 2000
		});
		await fireEvent.blur(reflection);
		await waitFor(async () => expect((await db.plan_actions.get(IDS.action))!.reflection).toBe('Применила приём «светофор» в 7Б'));
		await waitFor(async () => expect(await formDrafts.load(db, `plan-reflection:${IDS.action}`)).toBeNull());
		expect(reflection).toHaveValue('Применила приём «светофор» в 7Б');
	});
});
