// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import * as formDrafts from '$lib/db/form-drafts';
import type { AppDatabase } from '$lib/db/database';
import { LocalWriteError } from '$lib/db/errors';
import { freshDatabase } from '$lib/db/testing/fresh';
import { unsavedDrafts } from '$lib/features/forms/tab';
import { TextDraft } from './text-draft.svelte';

const KEY = 'plan-reflection:a1';
const dbs: AppDatabase[] = [];
const roots: (() => void)[] = [];
afterEach(() => {
	for (const stop of roots.splice(0)) stop();
	for (const db of dbs.splice(0)) db.close();
	unsavedDrafts.clear();
});

async function until(check: () => boolean | Promise<boolean>, ms = 3000): Promise<void> {
	const start = Date.now();
	while (!(await check())) {
		if (Date.now() - start > ms) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 5));
		flushSync();
	}
}

/** The action's reflection as the record holds it, shared by the "tabs" of one test. */
function record(initial: string) {
	const state = $state({ reflection: initial });
	return state;
}

function mount(db: AppDatabase, row: { reflection: string }, tab: string): TextDraft {
	let draft!: TextDraft;
	roots.push(
		$effect.root(() => {
			draft = new TextDraft(db, KEY, () => row.reflection, { tab });
			draft.attach();
		})
	);
	return draft;
}

function open(): AppDatabase {
	const db = freshDatabase('text-drafts');
	dbs.push(db);
	return db;
}

describe('a text field of a record', () => {
	it('keeps what was saved elsewhere as a conflict when it holds other unsaved text, and saving its own is the later edit', async () => {
		const db = open();
		const row = record('');
		const here = mount(db, row, 'tab-1');
		here.input('Применила приём «светофор»');
		flushSync();
		// Another tab (or a sync) saves a different reflection to the record meanwhile.
		row.reflection = 'Провела открытый урок';
		flushSync();
		await until(() => here.conflict === 'Провела открытый урок');
		expect(here.value).toBe('Применила приём «светофор»');
		expect((await formDrafts.loadConflict<{ text: string }>(db, KEY))?.values.text).toBe('Провела открытый урок');

		await here.commit(async (text) => void (row.reflection = text));
		expect(row.reflection).toBe('Применила приём «светофор»');
		expect(here.conflict).toBe('Провела открытый урок');
		await here.takeConflict();
		expect(here.value).toBe('Провела открытый урок');
		expect(here.dirty).toBe(true);
	});

	it('follows the record when nothing is typed here', async () => {
		const db = open();
		const row = record('Старый текст');
		const here = mount(db, row, 'tab-1');
		row.reflection = 'Новый текст';
		flushSync();
		await until(() => here.value === 'Новый текст');
		expect(here.conflict).toBeNull();
	});

	it('does not drop what a closed tab typed when this tab saves its own text', async () => {
		const db = open();
		const row = record('');
		const here = mount(db, row, 'tab-1');
		here.input('Текст первой вкладки');
		flushSync();
		// Tab 2 typed, its draft was written, and the tab was closed before anything was saved.
		await formDrafts.save(db, KEY, { text: 'Текст второй вкладки' }, 'tab-2', null);
		await here.commit(async (text) => void (row.reflection = text));
		expect(row.reflection).toBe('Текст первой вкладки');
		await until(() => here.conflict === 'Текст второй вкладки');
	});

	it('takes what another tab types while nothing unsaved is typed here', async () => {
		const db = open();
		const row = record('');
		const here = mount(db, row, 'tab-1');
		const there = mount(db, row, 'tab-2');
		there.input('Набрано во второй вкладке');
		await there.flush();
		await until(() => here.value === 'Набрано во второй вкладке');
		expect(here.dirty).toBe(true);
		expect(here.conflict).toBeNull();
	});

	it('keeps the draft and the text when the save fails, and writes both as one transaction when it succeeds', async () => {
		const db = open();
		const row = record('');
		const here = mount(db, row, 'tab-1');
		here.input('Рефлексия');
		await here.flush();
		const failed = await here.commit(async () => {
			throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		}).catch((e: unknown) => e);
		expect(failed).toBeInstanceOf(LocalWriteError);
		expect((failed as LocalWriteError).reason).toBe('quota');
		expect(here.dirty).toBe(true);
		expect((await formDrafts.load<{ text: string }>(db, KEY))?.values.text).toBe('Рефлексия');

		await here.commit(async (text) => void (row.reflection = text));
		expect(here.dirty).toBe(false);
		expect(await formDrafts.load(db, KEY)).toBeNull();
	});
});
