// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { Notices, NOTICES_KEY } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import type { AppDatabase } from '$lib/db/database';
import * as formDrafts from '$lib/db/form-drafts';
import * as frameworks from '$lib/db/frameworks';
import * as outbox from '$lib/db/outbox';
import { DEFAULT_FRAMEWORK } from '$lib/domain/frameworks/default';
import type { Framework } from '$lib/domain/framework';
import { uuid } from '$lib/domain/testing/builders';
import { i18n } from '$lib/i18n/i18n.svelte';
import FrameworkVersion from './FrameworkVersion.svelte';

// The admin section loads its words in +layout.ts (and the root layout the forms' ones).
beforeAll(() => i18n.ensure('forms', 'admin'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

const actor = { profileId: uuid(104) };
/**
 * The default framework cut to its first two competencies: the editor renders every field, and
 * testing-library's queries by role and label slow down with each one.
 */
const V1: Framework = {
	...structuredClone(DEFAULT_FRAMEWORK),
	competencies: DEFAULT_FRAMEWORK.competencies.slice(0, 2)
};
// An autosave waits SAVE_DELAY_MS after the typing.
const SLOW = { timeout: 4000 };
const FIRST = 'Целеполагание — индикатор 1';

async function seed(year = 2027) {
	const db = freshDatabase('framework-editor');
	dbs.push(db);
	await db.frameworks.put(structuredClone(V1));
	const { draft } = await frameworks.createDraft(db, V1, year, actor);
	return { db, draft };
}

function mount(db: AppDatabase, id: string) {
	const notices = new Notices();
	const opened: string[] = [];
	const view = render(FrameworkVersion, {
		props: {
			db,
			id,
			actor,
			currentYear: 2026,
			onopen: (to: string) => opened.push(to),
			onleave: () => opened.push('list')
		},
		context: new Map([[NOTICES_KEY, notices]])
	});
	return { notices, opened, view };
}

async function type(label: string, text: string) {
	await fireEvent.input(await screen.findByLabelText(label), { target: { value: text } });
}

describe('the framework draft editor', () => {
	it('autosaves an indicator’s new wording to the draft row, keeping its id', async () => {
		const { db, draft } = await seed();
		mount(db, draft.id);
		expect(await screen.findByRole('heading', { level: 1, name: `${V1.title}, версия 2` })).toBeVisible();
		await type(FIRST, 'Ставит проверяемые цели урока');
		// Debounced: not one write per keystroke.
		expect((await db.frameworks.get(draft.id))!.competencies[0]!.indicators[0]!.text).toBe(
			V1.competencies[0]!.indicators[0]!.text
		);
		await waitFor(
			() => expect(screen.getByTestId('draft-save-state')).toHaveTextContent('Все изменения сохранены в черновике'),
			SLOW
		);
		const row = (await db.frameworks.get(draft.id))!;
		expect(row.competencies[0]!.indicators[0]).toEqual({ id: 'goal-setting.1', text: 'Ставит проверяемые цели урока' });
		expect((await outbox.list(db)).at(-1)).toMatchObject({ table: 'frameworks', rowId: draft.id });
		// The published version is untouched.
		expect((await db.frameworks.get(V1.id))!.competencies[0]!.indicators[0]!.text).toBe(
			V1.competencies[0]!.indicators[0]!.text
		);
	});

	it('says beside the field what is wrong, keeps the invalid text on the device and brings it back after a reload', async () => {
		const { db, draft } = await seed();
		const { view } = mount(db, draft.id);
		await type(FIRST, '   ');
		const field = screen.getByLabelText(FIRST);
		expect(field).toHaveAttribute('aria-invalid', 'true');
		expect(field).toHaveAccessibleDescription(/Заполните поле/);
		await waitFor(() => expect(screen.getByTestId('draft-save-state')).toHaveTextContent(/Черновик не сохранён/), SLOW);
		await waitFor(async () => expect(await formDrafts.load(db, `framework-draft:${draft.id}`)).not.toBeNull(), SLOW);
		// The row keeps its last valid content.
		expect((await db.frameworks.get(draft.id))!.competencies[0]!.indicators[0]!.text).toBe(
			V1.competencies[0]!.indicators[0]!.text
		);
		view.unmount();
		mount(db, draft.id);
		await waitFor(() => expect(screen.getByLabelText(FIRST)).toHaveValue('   '), SLOW);
		expect(screen.getByLabelText(FIRST)).toHaveAccessibleDescription(/Заполните поле/);
	});

	it('adds an indicator under a fresh id and keeps a competency between 3 and 6 indicators', async () => {
		const { db, draft } = await seed();
		mount(db, draft.id);
		const add = await screen.findByRole('button', { name: 'Добавить индикатор: Целеполагание' });
		await fireEvent.click(add);
		expect(screen.getByText('код goal-setting.n1')).toBeInTheDocument();
		expect(screen.getByLabelText('Целеполагание — индикатор 5')).toHaveAccessibleDescription(/Заполните поле/);
		await fireEvent.click(add);
		expect(add).toBeDisabled();
		for (let k = 6; k > 3; k--)
			await fireEvent.click(screen.getByRole('button', { name: `Удалить индикатор ${k}: Целеполагание` }));
		expect(screen.getByRole('button', { name: 'Удалить индикатор 3: Целеполагание' })).toBeDisabled();
	});

	it('says beside the year when the version it follows starts later', async () => {
		const db = freshDatabase('framework-editor');
		dbs.push(db);
		const v2 = { ...structuredClone(V1), id: uuid(902), revision: 2, academicYear: 2028 };
		await db.frameworks.bulkPut([structuredClone(V1), v2]);
		const { draft } = await frameworks.createDraft(db, v2, 2027, actor);
		mount(db, draft.id);
		const year = await screen.findByLabelText('Действует с учебного года');
		expect(year).toHaveAccessibleDescription(/Предыдущая версия применяется с 2028\/2029 учебного года/);
		await fireEvent.change(year, { target: { value: '2028' } });
		await waitFor(() => expect(year).not.toHaveAccessibleDescription(/Предыдущая версия/));
		await waitFor(async () => expect((await db.frameworks.get(draft.id))!.academicYear).toBe(2028), SLOW);
	});

	it('warns before publishing a version for the year under way that growth pairs only one version', async () => {
		const { db, draft } = await seed(2026);
		mount(db, draft.id);
		await type(FIRST, 'Ставит проверяемые цели урока');
		await fireEvent.click(await screen.findByRole('button', { name: 'Опубликовать' }));
		const dialog = await screen.findByRole('dialog', { name: 'Опубликовать версию 2?' });
		expect(within(dialog).getByTestId('publish-midyear')).toHaveTextContent(
			'2026/2027 учебный год уже идёт. Кто прошёл входную диагностику по версии 1, а следующую пройдёт по новой, не получит прироста за этот год'
		);
	});

	it('refuses to publish a copy that changes nothing, and publishes a changed one after the confirmation', async () => {
		const { db, draft } = await seed();
		const { notices } = mount(db, draft.id);
		await fireEvent.click(await screen.findByRole('button', { name: 'Опубликовать' }));
		expect(screen.getByRole('alert')).toHaveTextContent('ничем не отличается от предыдущей версии');
		expect(screen.queryByRole('dialog')).toBeNull();

		await type(FIRST, 'Ставит проверяемые цели урока');
		await fireEvent.click(screen.getByRole('button', { name: 'Опубликовать' }));
		const dialog = await screen.findByRole('dialog', { name: 'Опубликовать версию 2?' });
		expect(dialog).toHaveTextContent('нельзя будет изменить никогда');
		expect(dialog).toHaveTextContent('применяется с 2027/2028 учебного года');
		// A version for next year splits no year's growth pairs: nothing to warn about.
		expect(within(dialog).queryByTestId('publish-midyear')).toBeNull();
		expect(within(dialog).getByTestId('framework-diff')).toHaveTextContent('Изменена формулировка индикаторов');
		expect(within(dialog).getByTestId('framework-diff')).toHaveTextContent('«Ставит проверяемые цели урока»');
		await fireEvent.click(within(dialog).getByRole('button', { name: 'Да, опубликовать' }));

		await waitFor(async () => expect((await db.frameworks.get(draft.id))!.status).toBe('published'), SLOW);
		const row = (await db.frameworks.get(draft.id))!;
		expect(row.competencies[0]!.indicators[0]!.text).toBe('Ставит проверяемые цели урока');
		expect(notices.items.map((n) => n.text)).toContain('Версия 2 опубликована и применяется с 2027/2028 учебного года');
		// Now read-only, with the offer of a next draft.
		expect(await screen.findByRole('button', { name: 'Создать черновик на основе этой версии' })).toBeVisible();
		expect(screen.queryByRole('textbox')).toBeNull();
	});

	it('throws a draft away after a confirmation, edits and all, and leaves for the list', async () => {
		const { db, draft } = await seed();
		const { opened, notices } = mount(db, draft.id);
		await type(FIRST, '   ');
		await waitFor(async () => expect(await formDrafts.load(db, `framework-draft:${draft.id}`)).not.toBeNull(), SLOW);
		await fireEvent.click(screen.getByRole('button', { name: 'Удалить черновик' }));
		const dialog = await screen.findByRole('dialog', { name: 'Удалить черновик версии 2?' });
		await fireEvent.click(within(dialog).getByRole('button', { name: 'Да, удалить' }));
		await waitFor(() => expect(opened).toEqual(['list']));
		expect((await db.frameworks.get(draft.id))!.deletedAt).not.toBeNull();
		expect(await formDrafts.load(db, `framework-draft:${draft.id}`)).toBeNull();
		expect(notices.items.map((n) => n.text)).toContain('Черновик версии 2 удалён');
	});
});
