// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import ActivityForm from './ActivityForm.svelte';
import { Session } from '$lib/session/session.svelte';
import { SESSION_KEY } from '$lib/session/context';
import { NOTICES_KEY, Notices } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import * as formDrafts from '$lib/db/form-drafts';
import { IDS } from '$lib/domain/testing/builders';
import type { AppDatabase } from '$lib/db/database';
import { i18n } from '$lib/i18n/i18n.svelte';

// The teacher section loads its words in +layout.ts; a component test does the same.
beforeAll(() => i18n.ensure('teacher', 'portfolio'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

function mount(db = freshDatabase('form')) {
	dbs.push(db);
	const session = new Session();
	session.db = db;
	session.profileId = IDS.teacher;
	const notices = new Notices();
	render(ActivityForm, {
		props: { db, teacherId: IDS.teacher },
		context: new Map<unknown, unknown>([
			[SESSION_KEY, session],
			[NOTICES_KEY, notices]
		])
	});
	return { db, notices };
}

async function open() {
	await fireEvent.click(await screen.findByRole('button', { name: 'Добавить мероприятие' }));
}

describe('the activity form', () => {
	it('shows a Russian message next to each bad field and writes nothing', async () => {
		const { db } = mount();
		await open();
		await fireEvent.input(screen.getByLabelText('Часов'), { target: { value: '0' } });
		await fireEvent.input(screen.getByLabelText(/Дата окончания/), { target: { value: '2020-01-01' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));

		const title = screen.getByLabelText(/Название/);
		expect(title).toHaveAttribute('aria-invalid', 'true');
		expect(title).toHaveAccessibleDescription('Заполните поле');
		expect(screen.getByLabelText('Часов')).toHaveAccessibleDescription('Больше 0 и не больше 2000');
		expect(screen.getByLabelText(/Дата окончания/)).toHaveAccessibleDescription(/Дата не раньше/);
		expect(await db.activities.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
	});

	it('saves a valid activity with its outbox entry and clears the draft', async () => {
		const { db, notices } = mount();
		await open();
		await fireEvent.input(screen.getByLabelText(/Название/), {
			target: { value: 'Курсы ПК «Читательская грамотность»' }
		});
		await fireEvent.input(screen.getByLabelText('Часов'), { target: { value: '36' } });
		await fireEvent.input(screen.getByLabelText(/Дата начала/), { target: { value: '2026-10-05' } });
		await fireEvent.input(screen.getByLabelText(/Дата окончания/), { target: { value: '2026-10-16' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));

		await waitFor(async () => expect(await db.activities.count()).toBe(1));
		const [row] = await db.activities.toArray();
		expect(row).toMatchObject({
			title: 'Курсы ПК «Читательская грамотность»',
			hours: 36,
			endDate: '2026-10-16',
			completed: true,
			teacherId: IDS.teacher,
			kind: 'course'
		});
		expect(await db.outbox.count()).toBe(1);
		await waitFor(() => expect(notices.items.map((n) => n.text)).toContain('Мероприятие сохранено на устройстве'));
		expect(await formDrafts.load(db, `activity-new:${IDS.teacher}`)).toBeNull();
	});

	it('autosaves typing and restores it in a new form (a reload)', async () => {
		const first = mount();
		await open();
		await fireEvent.input(screen.getByLabelText(/Название/), { target: { value: 'Стажировка в МБОУ СОШ № 1' } });
		await waitFor(
			async () =>
				expect((await formDrafts.load(first.db, `activity-new:${IDS.teacher}`))?.values).toMatchObject({
					title: 'Стажировка в МБОУ СОШ № 1',
					open: true
				}),
			{
				timeout: 2000
			}
		);
		cleanup();

		mount(first.db);
		await waitFor(() => expect(screen.getByLabelText(/Название/)).toHaveValue('Стажировка в МБОУ СОШ № 1'));
	});
});
