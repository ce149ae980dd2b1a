// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { Notices, NOTICES_KEY } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import type { AppDatabase } from '$lib/db/database';
import { DEFAULT_FRAMEWORK } from '$lib/domain/frameworks/default';
import type { Framework } from '$lib/domain/framework';
import { uuid } from '$lib/domain/testing/builders';
import { i18n } from '$lib/i18n/i18n.svelte';
import FrameworkList from './FrameworkList.svelte';

beforeAll(() => i18n.ensure('forms', 'admin'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

const actor = { profileId: uuid(104) };

/** A school's lesson-analysis rubric: a second framework code beside the default one. */
const RUBRIC: Framework = {
	...structuredClone(DEFAULT_FRAMEWORK),
	id: uuid(950),
	code: 'lesson-rubric',
	title: 'Рубрика анализа урока',
	competencies: DEFAULT_FRAMEWORK.competencies.slice(0, 2)
};

async function mount(rows: Framework[]) {
	const db = freshDatabase('framework-list');
	dbs.push(db);
	await db.frameworks.bulkPut(structuredClone(rows));
	const opened: string[] = [];
	render(FrameworkList, {
		props: { db, actor, currentYear: 2026, onopen: (id: string) => opened.push(id) },
		context: new Map([[NOTICES_KEY, new Notices()]])
	});
	return { db, opened };
}

function rowsOf(table: HTMLElement): string[][] {
	return within(table)
		.getAllByRole('row')
		.slice(1)
		.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent!.replace(/\s+/g, ' ').trim()));
}

describe('the list of frameworks', () => {
	it('shows every code with its versions, their status, size and the one in use this year', async () => {
		const v2 = { ...structuredClone(DEFAULT_FRAMEWORK), id: uuid(902), revision: 2, academicYear: 2027 };
		const draft = { ...structuredClone(DEFAULT_FRAMEWORK), id: uuid(903), revision: 3, status: 'draft' as const };
		await mount([DEFAULT_FRAMEWORK, v2, draft, RUBRIC]);
		const meta = await screen.findByRole('table', { name: `Версии рамки «${DEFAULT_FRAMEWORK.title}»` });
		expect(rowsOf(meta)).toEqual([
			['Версия 3', 'черновик', '10 компетенций, 38 индикаторов', '—'],
			['Версия 2', 'опубликована с 2027/2028', '10 компетенций, 38 индикаторов', '—'],
			['Версия 1', 'опубликована, действует с начала', '10 компетенций, 38 индикаторов', 'используется в 2026/2027']
		]);
		expect(within(meta).getByRole('link', { name: 'Версия 3' })).toHaveAttribute(
			'href',
			`/admin/frameworks/${uuid(903)}`
		);
		const rubric = screen.getByRole('table', { name: 'Версии рамки «Рубрика анализа урока»' });
		expect(rowsOf(rubric)).toEqual([
			['Версия 1', 'опубликована, действует с начала', '2 компетенции, 8 индикаторов', 'используется в 2026/2027']
		]);
		// The default code has a draft: it is offered to open, not a second one.
		const metaCard = screen.getByRole('region', { name: DEFAULT_FRAMEWORK.title });
		expect(within(metaCard).getByText(/уже есть черновик — версия 3/)).toBeInTheDocument();
		expect(within(metaCard).getByRole('link', { name: 'Открыть черновик' })).toHaveAttribute(
			'href',
			`/admin/frameworks/${uuid(903)}`
		);
		expect(within(metaCard).queryByRole('button', { name: 'Создать черновик' })).toBeNull();
	});

	it('creates a draft of the newest published version, from the next academic year, and opens it', async () => {
		const { db, opened } = await mount([RUBRIC]);
		const card = await screen.findByRole('region', { name: 'Рубрика анализа урока' });
		await fireEvent.click(within(card).getByRole('button', { name: 'Создать черновик' }));
		await waitFor(() => expect(opened).toHaveLength(1));
		const draft = (await db.frameworks.get(opened[0]!))!;
		expect(draft).toMatchObject({ code: 'lesson-rubric', revision: 2, status: 'draft', academicYear: 2027 });
		expect(draft.competencies).toEqual(RUBRIC.competencies);
	});
});
