// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import Page from './+page.svelte';
import { Session } from '$lib/session/session.svelte';
import { SESSION_KEY } from '$lib/session/context';
import { NOTICES_KEY, Notices } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import * as formDrafts from '$lib/db/form-drafts';
import * as outbox from '$lib/db/outbox';
import { buildActivity, buildProfile, IDS } from '$lib/domain/testing/builders';
import type { AppDatabase } from '$lib/db/database';
import { today } from '$lib/session/clock';
import { i18n } from '$lib/i18n/i18n.svelte';

beforeAll(() => i18n.ensure('teacher', 'portfolio'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

const TITLE = 'Школа современного учителя: развитие читательской грамотности';

/** A course under way since last week, as pulled from the server (no outbox entry). */
async function seeded(): Promise<AppDatabase> {
	const db = freshDatabase('activities-page');
	dbs.push(db);
	const started = new Date();
	started.setDate(started.getDate() - 7);
	await db.profiles.put(buildProfile());
	await db.activities.put(
		buildActivity({
			title: TITLE,
			hours: 56,
			startDate: today(started),
			endDate: null,
			completed: false,
			certificate: '',
			provider: 'Академия Минпросвещения'
		})
	);
	return db;
}

function mount(db: AppDatabase) {
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
	return notices;
}

async function row(): Promise<HTMLElement> {
	return (await screen.findAllByTestId('activity'))[0]!;
}

describe('an activity in the list', () => {
	it('says a course under way is not counted in the hours yet', async () => {
		mount(await seeded());
		const item = await row();
		expect(item).toHaveTextContent('Идёт');
		expect(item).toHaveTextContent(/56 часов · не входит в итог часов, пока курс не отмечен завершённым/);
	});

	it('is corrected later: the course marked finished, its end date and hours put right, only the changes queued', async () => {
		const db = await seeded();
		const notices = mount(db);
		await fireEvent.click(within(await row()).getByRole('button', { name: `Изменить «${TITLE}»` }));
		const form = await screen.findByTestId('activity-form');
		expect(within(form).getByLabelText(/Название/)).toHaveValue(TITLE);
		expect(within(form).getByLabelText('Часов')).toHaveValue('56');
		await fireEvent.click(within(form).getByLabelText('Завершено'));
		await fireEvent.input(within(form).getByLabelText(/Дата окончания/), { target: { value: today() } });
		await fireEvent.input(within(form).getByLabelText('Часов'), { target: { value: '72' } });
		await fireEvent.input(within(form).getByLabelText(/Номер удостоверения/), { target: { value: '772400012345' } });
		await fireEvent.click(within(form).getByRole('button', { name: 'Сохранить' }));

		await waitFor(async () =>
			expect((await db.activities.get(IDS.activity))!).toMatchObject({
				completed: true,
				endDate: today(),
				hours: 72,
				certificate: '772400012345',
				title: TITLE
			})
		);
		expect((await outbox.list(db)).map((e) => [e.op, e.fields, e.base])).toEqual([
			[
				'upsert',
				{ endDate: today(), hours: 72, certificate: '772400012345', completed: true },
				{ endDate: null, hours: 56, certificate: '', completed: false }
			]
		]);
		await waitFor(() => expect(notices.items.map((n) => n.text)).toContain('Изменения сохранены на устройстве'));
		// The form closes; the row shows the course completed.
		await waitFor(() => expect(screen.queryByTestId('activity-form')).toBeNull());
		await waitFor(async () => expect(await row()).toHaveTextContent(/72 часа/));
		expect(await row()).not.toHaveTextContent('Идёт');
		expect(await formDrafts.load(db, `activity-edit:${IDS.activity}`)).toBeNull();
	});

	it('shows the schema’s Russian messages beside the fields and writes nothing', async () => {
		const db = await seeded();
		mount(db);
		await fireEvent.click(within(await row()).getByRole('button', { name: `Изменить «${TITLE}»` }));
		const form = await screen.findByTestId('activity-form');
		await fireEvent.input(within(form).getByLabelText(/Название/), { target: { value: ' ' } });
		await fireEvent.click(within(form).getByLabelText('Завершено'));
		await fireEvent.input(within(form).getByLabelText('Часов'), { target: { value: 'много' } });
		await fireEvent.click(within(form).getByRole('button', { name: 'Сохранить' }));

		await waitFor(() => expect(within(form).getByLabelText(/Название/)).toHaveAccessibleDescription('Заполните поле'));
		// A completed course needs its end: the indicators count it in the year it ended.
		expect(within(form).getByLabelText(/Дата окончания/)).toHaveAccessibleDescription('Заполните поле');
		expect(within(form).getByLabelText('Часов')).toHaveAccessibleDescription(/число/i);
		expect(await db.outbox.count()).toBe(0);
		expect((await db.activities.get(IDS.activity))!.completed).toBe(false);
	});

	it('keeps a correction typed before a reload, and shows a change synced meanwhile in the fields not typed', async () => {
		const db = await seeded();
		mount(db);
		await fireEvent.click(within(await row()).getByRole('button', { name: `Изменить «${TITLE}»` }));
		const form = await screen.findByTestId('activity-form');
		await fireEvent.input(within(form).getByLabelText('Организатор'), {
			target: { value: 'ФГАОУ ДПО «Академия Минпросвещения России»' }
		});
		await waitFor(
			async () =>
				expect((await formDrafts.load(db, `activity-edit:${IDS.activity}`))?.values).toMatchObject({
					provider: 'ФГАОУ ДПО «Академия Минпросвещения России»'
				}),
			{ timeout: 2000 }
		);
		cleanup();

		// Meanwhile a pull brings the hours corrected on another device.
		await db.activities.update(IDS.activity, { hours: 60, version: 2 });
		mount(db);
		const again = await screen.findByTestId('activity-form');
		await waitFor(() =>
			expect(within(again).getByLabelText('Организатор')).toHaveValue('ФГАОУ ДПО «Академия Минпросвещения России»')
		);
		expect(within(again).getByLabelText('Часов')).toHaveValue('60');
	});
});
