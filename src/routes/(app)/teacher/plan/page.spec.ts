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
import { buildAction, buildActivity, buildPlan, IDS, uuid } from '$lib/domain/testing/builders';
import * as outbox from '$lib/db/outbox';
import type { AppDatabase } from '$lib/db/database';
import { i18n } from '$lib/i18n/i18n.svelte';

beforeAll(() => i18n.ensure('teacher', 'plan', 'portfolio'));

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
				buildAction({
					id: uuid(1),
					planId: plan.id,
					deadline: inYear,
					status: 'done',
					completedAt: '2026-10-01T10:00:00.000Z',
					title: 'Выполненное'
				}),
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
		await waitFor(() =>
			expect(
				within(screen.getByTestId('plan-action')).getByRole('button', { name: 'Отметить «Выполняется»' })
			).toBeInTheDocument()
		);
	});

	it('adds a certificate number and refuses a link that is not http(s) next to the field', async () => {
		const { db } = await mount(async (db) => {
			await db.development_plans.put(plan);
			await db.plan_actions.put(buildAction({ planId: plan.id, deadline: inYear }));
		});
		const card = await screen.findByTestId('plan-action');
		await fireEvent.click(within(card).getByRole('button', { name: 'Добавить подтверждение' }));
		await fireEvent.input(within(card).getByLabelText(/Номер удостоверения или сертификата/), {
			target: { value: '772412345678' }
		});
		await fireEvent.click(within(card).getByRole('button', { name: 'Добавить' }));
		await waitFor(async () =>
			expect((await db.plan_actions.get(IDS.action))!.evidence.map((e) => e.value)).toEqual(['772412345678'])
		);
		expect(await within(card).findByText('Удостоверение (сертификат) № 772412345678')).toBeInTheDocument();

		await fireEvent.click(await within(card).findByRole('button', { name: 'Добавить подтверждение' }));
		await fireEvent.click(within(card).getByLabelText('Ссылка'));
		await fireEvent.input(within(card).getByLabelText(/Ссылка \(https/), {
			target: { value: 'ftp://example.org/c.pdf' }
		});
		await fireEvent.click(within(card).getByRole('button', { name: 'Добавить' }));
		await waitFor(() =>
			expect(within(card).getByLabelText(/Ссылка \(https/)).toHaveAccessibleDescription(/http:\/\/ или https:\/\//)
		);
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
		await waitFor(
			async () =>
				expect((await formDrafts.load(db, `plan-reflection:${IDS.action}`))?.values).toEqual({
					text: 'Применила приём «светофор» в 7Б'
				}),
			{
				timeout: 2000
			}
		);
		await fireEvent.blur(reflection);
		await waitFor(async () =>
			expect((await db.plan_actions.get(IDS.action))!.reflection).toBe('Применила приём «светофор» в 7Б')
		);
		await waitFor(async () => expect(await formDrafts.load(db, `plan-reflection:${IDS.action}`)).toBeNull());
		expect(reflection).toHaveValue('Применила приём «светофор» в 7Б');
	});
});

describe('editing an action', () => {
	it('moves its deadline and corrects its title and hours, with only the changes queued', async () => {
		const { db, notices } = await mount(async (db) => {
			await db.development_plans.put(plan);
			await db.plan_actions.put(buildAction({ planId: plan.id, deadline: inYear, title: 'Курсы ПК', hours: 36 }));
		});
		const card = await screen.findByTestId('plan-action');
		await fireEvent.click(within(card).getByRole('button', { name: 'Изменить «Курсы ПК»' }));
		const form = await within(card).findByTestId('action-edit-form');
		expect(within(form).getByLabelText(/Название/)).toHaveValue('Курсы ПК');
		await fireEvent.input(within(form).getByLabelText(/Название/), {
			target: { value: 'Курсы ПК «Формирующее оценивание»' }
		});
		await fireEvent.input(within(form).getByLabelText(/Срок/), { target: { value: `${year + 1}-06-15` } });
		await fireEvent.input(within(form).getByLabelText(/Часов/), { target: { value: '72' } });
		await fireEvent.click(within(form).getByRole('button', { name: 'Сохранить' }));

		await waitFor(async () =>
			expect((await db.plan_actions.get(IDS.action))!).toMatchObject({
				title: 'Курсы ПК «Формирующее оценивание»',
				deadline: `${year + 1}-06-15`,
				hours: 72
			})
		);
		expect((await outbox.list(db)).map((e) => e.fields)).toEqual([
			{ title: 'Курсы ПК «Формирующее оценивание»', deadline: `${year + 1}-06-15`, hours: 72 }
		]);
		await waitFor(() => expect(notices.items.map((n) => n.text)).toContain('Изменения сохранены'));
		await waitFor(() => expect(within(screen.getByTestId('plan-action')).queryByTestId('action-edit-form')).toBeNull());
		expect(await formDrafts.load(db, `plan-action-edit:${IDS.action}`)).toBeNull();
	});

	it('refuses a deadline before the plan’s year and an empty title beside the fields, writing nothing', async () => {
		const { db } = await mount(async (db) => {
			await db.development_plans.put(plan);
			await db.plan_actions.put(buildAction({ planId: plan.id, deadline: inYear, title: 'Курсы ПК' }));
		});
		const card = await screen.findByTestId('plan-action');
		await fireEvent.click(within(card).getByRole('button', { name: 'Изменить «Курсы ПК»' }));
		const form = await within(card).findByTestId('action-edit-form');
		await fireEvent.input(within(form).getByLabelText(/Название/), { target: { value: '' } });
		await fireEvent.input(within(form).getByLabelText(/Срок/), { target: { value: `${year}-08-01` } });
		await fireEvent.click(within(form).getByRole('button', { name: 'Сохранить' }));
		await waitFor(() => expect(within(form).getByLabelText(/Название/)).toHaveAccessibleDescription('Заполните поле'));
		expect(within(form).getByLabelText(/Срок/)).toHaveAccessibleDescription(/Дата не раньше/);
		expect(await db.outbox.count()).toBe(0);
	});
});

describe('a completed course of the plan', () => {
	async function done(db: AppDatabase) {
		await db.development_plans.put(plan);
		await db.plan_actions.put(
			buildAction({
				planId: plan.id,
				type: 'course',
				title: 'Курсы «Формирующее оценивание»',
				hours: 36,
				deadline: inYear,
				status: 'done',
				completedAt: new Date().toISOString(),
				evidence: [{ id: uuid(77), kind: 'certificate', value: 'ПК-0042', note: '' }]
			})
		);
	}

	it('becomes an activity from the card, prefilled and linked, so it is never entered twice', async () => {
		const { db } = await mount(done);
		const card = await screen.findByTestId('plan-action');
		await fireEvent.click(within(card).getByRole('button', { name: 'Добавить в мероприятия' }));
		const form = await within(card).findByTestId('activity-form');
		expect(within(form).getByLabelText(/Название/)).toHaveValue('Курсы «Формирующее оценивание»');
		expect(within(form).getByLabelText('Часов')).toHaveValue('36');
		expect(within(form).getByLabelText(/Номер удостоверения/)).toHaveValue('ПК-0042');
		await fireEvent.input(within(form).getByLabelText('Организатор'), { target: { value: 'ВИРО' } });
		await fireEvent.click(within(form).getByRole('button', { name: 'Сохранить' }));

		await waitFor(async () => expect(await db.activities.count()).toBe(1));
		const [activity] = await db.activities.toArray();
		expect(activity).toMatchObject({
			kind: 'course',
			title: 'Курсы «Формирующее оценивание»',
			hours: 36,
			certificate: 'ПК-0042',
			provider: 'ВИРО',
			completed: true,
			planActionId: IDS.action
		});
		await waitFor(() =>
			expect(within(screen.getByTestId('plan-action')).getByText(/В мероприятиях/)).toBeInTheDocument()
		);
		expect(
			within(screen.getByTestId('plan-action')).queryByRole('button', { name: 'Добавить в мероприятия' })
		).toBeNull();
	});

	it('is linked to the course already entered among the activities instead', async () => {
		const { db } = await mount(async (db) => {
			await done(db);
			await db.activities.put(buildActivity({ title: 'КПК «Формирующее оценивание в школе»' }));
		});
		const card = await screen.findByTestId('plan-action');
		const existing = await within(card).findByLabelText(/Уже есть в мероприятиях/);
		await fireEvent.change(existing, { target: { value: IDS.activity } });
		await fireEvent.click(within(card).getByRole('button', { name: 'Связать' }));
		await waitFor(async () => expect((await db.activities.get(IDS.activity))!.planActionId).toBe(IDS.action));
		expect(await db.activities.count()).toBe(1);
		await waitFor(() =>
			expect(
				within(screen.getByTestId('plan-action')).getByText(/КПК «Формирующее оценивание в школе»/)
			).toBeInTheDocument()
		);
	});
});
