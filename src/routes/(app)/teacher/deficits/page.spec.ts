// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import Page from './+page.svelte';
import { Session } from '$lib/session/session.svelte';
import { SESSION_KEY } from '$lib/session/context';
import { NOTICES_KEY, Notices } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import * as outbox from '$lib/db/outbox';
import { buildDeficit, IDS, uuid } from '$lib/domain/testing/builders';
import type { AppDatabase } from '$lib/db/database';
import { i18n } from '$lib/i18n/i18n.svelte';

beforeAll(() => i18n.ensure('teacher', 'plan'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

const proposed = buildDeficit({
	status: 'proposed',
	history: [{ status: 'proposed', at: '2026-09-16T10:00:00.000Z', by: null }]
});
const identified = buildDeficit({ id: uuid(402), competencyId: 'motivation', indicatorIds: ['motivation.1'] });

async function mount() {
	const db = freshDatabase('deficits-page');
	dbs.push(db);
	await db.deficits.bulkPut([proposed, identified]);
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

describe('the deficits screen', () => {
	it('shows the proposal first, with its competency and indicators', async () => {
		await mount();
		const proposals = await screen.findByTestId('proposed-deficits');
		expect(within(proposals).getByRole('heading', { name: 'Оценочная компетенция' })).toBeInTheDocument();
		expect(within(proposals).getByText(/Источник: Самооценка/)).toBeInTheDocument();
		expect(
			within(await screen.findByTestId('open-deficits')).getByRole('heading', { name: 'Мотивационная компетенция' })
		).toBeInTheDocument();
	});

	it('confirms a proposed deficit with one tap, writing the row and its outbox entry', async () => {
		const { db, notices } = await mount();
		const proposals = await screen.findByTestId('proposed-deficits');
		await fireEvent.click(within(proposals).getByRole('button', { name: 'Подтвердить' }));

		await waitFor(async () => expect((await db.deficits.get(IDS.deficit))!.status).toBe('identified'));
		const [entry] = await outbox.list(db);
		expect(entry).toMatchObject({ table: 'deficits', rowId: IDS.deficit, fields: { status: 'identified' } });
		await waitFor(() => expect(notices.items.map((n) => n.text)).toContain('Дефицит подтверждён'));
		// The list follows the database: no proposal is left to review.
		await waitFor(() => expect(screen.queryByTestId('proposed-deficits')).toBeNull());
	});

	it('adds a plan action from a deficit in one step and links to the plan', async () => {
		const { db } = await mount();
		const open = await screen.findByTestId('open-deficits');
		await fireEvent.click(within(open).getByRole('button', { name: 'Добавить мероприятие в ИОМ' }));

		await waitFor(async () => expect(await db.plan_actions.count()).toBe(1));
		const [action] = await db.plan_actions.toArray();
		expect(action).toMatchObject({
			deficitId: identified.id,
			type: 'self_study',
			title: 'Устранение дефицита: Мотивационная компетенция'
		});
		expect((await db.deficits.get(identified.id))!.status).toBe('in_progress');
		expect(await screen.findByRole('link', { name: 'Открыть ИОМ' })).toHaveAttribute('href', '/teacher/plan');
	});
});
