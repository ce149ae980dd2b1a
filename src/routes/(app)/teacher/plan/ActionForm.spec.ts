// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import ActionForm from './ActionForm.svelte';
import { Session } from '$lib/session/session.svelte';
import { SESSION_KEY } from '$lib/session/context';
import { NOTICES_KEY, Notices } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import * as formDrafts from '$lib/db/form-drafts';
import { buildDeficit, buildPlan, IDS } from '$lib/domain/testing/builders';
import { DEFAULT_FRAMEWORK } from '$lib/domain/frameworks/default';
import { deficitView } from '$lib/features/plan/load';
import type { AppDatabase } from '$lib/db/database';
import { i18n } from '$lib/i18n/i18n.svelte';

// The plan section loads its words in +layout.ts; a component test does the same.
beforeAll(() => i18n.ensure('teacher', 'plan'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

const plan = buildPlan({ deficitIds: [] });
const deficit = buildDeficit();

async function mount(db = freshDatabase('action-form')) {
	dbs.push(db);
	// As pulled from the server: rows without outbox entries.
	await db.development_plans.put(plan);
	await db.deficits.put(deficit);
	const session = new Session();
	session.db = db;
	session.profileId = IDS.teacher;
	const notices = new Notices();
	render(ActionForm, {
		props: { db, plan, deficits: [deficitView(DEFAULT_FRAMEWORK, deficit, [])] },
		context: new Map<unknown, unknown>([
			[SESSION_KEY, session],
			[NOTICES_KEY, notices]
		])
	});
	await fireEvent.click(await screen.findByRole('button', { name: 'Добавить мероприятие' }));
	return { db, notices };
}

describe('the plan action form', () => {
	it('shows a Russian message next to each bad field and writes nothing', async () => {
		const { db } = await mount();
		await fireEvent.input(screen.getByLabelText(/Часов/), { target: { value: '0' } });
		await fireEvent.input(screen.getByLabelText(/^Срок/), { target: { value: '2026-08-15' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));

		const title = screen.getByLabelText(/Название/);
		expect(title).toHaveAttribute('aria-invalid', 'true');
		expect(title).toHaveAccessibleDescription('Заполните поле');
		expect(screen.getByLabelText(/Часов/)).toHaveAccessibleDescription('Больше 0 и не больше 2000');
		expect(screen.getByLabelText(/^Срок/)).toHaveAccessibleDescription(/Дата не раньше 1 сентября 2026/);
		expect(await db.plan_actions.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
	});

	it('says «введите число» for hours that are not a number', async () => {
		await mount();
		await fireEvent.input(screen.getByLabelText(/Название/), { target: { value: 'Курсы ПК' } });
		await fireEvent.input(screen.getByLabelText(/Часов/), { target: { value: 'много' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
		expect(screen.getByLabelText(/Часов/)).toHaveAccessibleDescription('Введите число');
	});

	it('saves a valid action aimed at a deficit, puts the deficit to work and clears the draft', async () => {
		const { db, notices } = await mount();
		await fireEvent.input(screen.getByLabelText(/Название/), {
			target: { value: 'Курсы ПК «Формирующее оценивание»' }
		});
		await fireEvent.change(screen.getByLabelText(/На какой дефицит/), { target: { value: IDS.deficit } });
		await fireEvent.input(screen.getByLabelText(/^Срок/), { target: { value: '2026-12-20' } });
		await fireEvent.input(screen.getByLabelText(/Часов/), { target: { value: '36' } });
		await fireEvent.input(screen.getByLabelText(/Форма представления/), { target: { value: 'удостоверение' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));

		await waitFor(async () => expect(await db.plan_actions.count()).toBe(1));
		const [row] = await db.plan_actions.toArray();
		expect(row).toMatchObject({
			planId: IDS.plan,
			deficitId: IDS.deficit,
			hours: 36,
			deadline: '2026-12-20',
			status: 'planned',
			resultForm: 'удостоверение'
		});
		expect((await db.deficits.get(IDS.deficit))!.status).toBe('in_progress');
		await waitFor(() => expect(notices.items.map((n) => n.text)).toContain('Мероприятие добавлено в ИОМ'));
		expect(await formDrafts.load(db, `plan-action-new:${IDS.plan}`)).toBeNull();
	});

	it('autosaves typing and restores it after a reload', async () => {
		const first = await mount();
		await fireEvent.input(screen.getByLabelText(/Название/), {
			target: { value: 'Взаимопосещение уроков математики' }
		});
		await waitFor(
			async () =>
				expect((await formDrafts.load(first.db, `plan-action-new:${IDS.plan}`))?.values).toMatchObject({
					title: 'Взаимопосещение уроков математики'
				}),
			{ timeout: 2000 }
		);
		cleanup();

		const session = new Session();
		session.db = first.db;
		session.profileId = IDS.teacher;
		render(ActionForm, {
			props: { db: first.db, plan, deficits: [] },
			context: new Map<unknown, unknown>([
				[SESSION_KEY, session],
				[NOTICES_KEY, new Notices()]
			])
		});
		await waitFor(() => expect(screen.getByLabelText(/Название/)).toHaveValue('Взаимопосещение уроков математики'));
	});
});
