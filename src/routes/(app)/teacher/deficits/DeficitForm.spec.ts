// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import DeficitForm from './DeficitForm.svelte';
import { Session } from '$lib/session/session.svelte';
import { SESSION_KEY } from '$lib/session/context';
import { NOTICES_KEY, Notices } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import * as formDrafts from '$lib/db/form-drafts';
import { DEFAULT_FRAMEWORK } from '$lib/domain/frameworks/default';
import { IDS } from '$lib/domain/testing/builders';
import type { AppDatabase } from '$lib/db/database';
import { i18n } from '$lib/i18n/i18n.svelte';

beforeAll(() => i18n.ensure('teacher', 'plan'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

async function mount() {
	const db = freshDatabase('deficit-form');
	dbs.push(db);
	const session = new Session();
	session.db = db;
	session.profileId = IDS.teacher;
	const notices = new Notices();
	render(DeficitForm, {
		props: { db, teacherId: IDS.teacher, framework: DEFAULT_FRAMEWORK },
		context: new Map<unknown, unknown>([
			[SESSION_KEY, session],
			[NOTICES_KEY, notices]
		])
	});
	await fireEvent.click(await screen.findByRole('button', { name: 'Добавить дефицит' }));
	return { db, notices };
}

describe('the deficit form', () => {
	it('asks for the competency and the source in Russian next to the fields, and writes nothing', async () => {
		const { db } = await mount();
		await fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
		expect(screen.getByLabelText(/Компетенция/)).toHaveAccessibleDescription('Заполните поле');
		expect(screen.getByLabelText(/Источник/)).toHaveAccessibleDescription('Заполните поле');
		expect(await db.deficits.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
	});

	it('records a deficit from ВПР with the indicators ticked, and clears the draft', async () => {
		const { db, notices } = await mount();
		await fireEvent.change(screen.getByLabelText(/Компетенция/), { target: { value: 'evaluation' } });
		const [first] = DEFAULT_FRAMEWORK.competencies.find((c) => c.id === 'evaluation')!.indicators;
		await fireEvent.click(await screen.findByLabelText(first!.text));
		await fireEvent.change(screen.getByLabelText(/Источник/), { target: { value: 'gia_analysis' } });
		await fireEvent.input(screen.getByLabelText(/Описание/), { target: { value: 'ВПР-2026: 7 класс, геометрия' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));

		await waitFor(async () => expect(await db.deficits.count()).toBe(1));
		const [row] = await db.deficits.toArray();
		expect(row).toMatchObject({
			competencyId: 'evaluation',
			indicatorIds: [first!.id],
			source: 'gia_analysis',
			status: 'identified',
			description: 'ВПР-2026: 7 класс, геометрия'
		});
		await waitFor(() => expect(notices.items.map((n) => n.text)).toContain('Дефицит сохранён на устройстве'));
		expect(await formDrafts.load(db, `deficit-new:${IDS.teacher}`)).toBeNull();
	});
});
