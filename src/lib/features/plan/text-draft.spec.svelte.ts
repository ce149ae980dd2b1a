// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import * as formDrafts from '$lib/db/form-drafts';
import type { AppDatabase } from '$lib/db/database';
import { LocalWriteError } from '$lib/db/errors';
import { freshDatabase } from '$lib/db/testing/fresh';
import { unsavedDrafts } from '$lib/features/forms/tab';
import { TYPING_PAUSE_MS } from '$lib/features/forms/form-draft.svelte';
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

function mount(db: AppDatabase, row: { reflection: string }, tab: string, clock?: { now(): number }): TextDraft {
	let draft!: TextDraft;
	roots.push(
		$effect.root(() => {
			draft = new TextDraft(db, KEY, () => row.reflection, { tab, clock });
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

	it('never swaps the field under the caret while typing goes on here; the other tab’s text is offered beside it', async () => {
		const db = open();
		const row = record('');
		const here = mount(db, row, 'tab-1');
		const there = mount(db, row, 'tab-2');
		// Both type at once: each tab has written what it typed so far …
		here.input('Текст, набранный в ');
		await here.flush();
		there.input('Текст, набранный в');
		await there.flush();
		await until(() => here.conflict === 'Текст, набранный в');
		// … and the next keystroke here continues this tab's own text, not the other's.
		expect(here.value).toBe('Текст, набранный в ');
		expect(here.conflictFrom).toBe('other-tab');
		here.input(here.value + 'первой');
		await here.flush();
		await until(() => there.conflict === 'Текст, набранный в первой');
		expect(there.value).toBe('Текст, набранный в');
	});

	it('follows the other tab again once typing here has paused, offering its own text back', async () => {
		const db = open();
		const row = record('');
		const clock = { now: 0 };
		const here = mount(db, row, 'tab-1', { now: () => clock.now });
		const there = mount(db, row, 'tab-2', { now: () => clock.now });
		here.input('Моя рефлексия');
		await here.flush();
		clock.now += TYPING_PAUSE_MS;
		there.input('Рефлексия из второй вкладки');
		await there.flush();
		await until(() => here.value === 'Рефлексия из второй вкладки');
		expect(here.conflict).toBe('Моя рефлексия');
		expect(here.conflictFrom).toBe('this-tab');
	});

	it('keeps the draft and the text when the save fails, and writes both as one transaction when it succeeds', async () => {
		const db = open();
		const row = record('');
		const here = mount(db, row, 'tab-1');
		here.input('Рефлексия');
		await here.flush();
		const failed = await here
			.commit(async () => {
				throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
			})
			.catch((e: unknown) => e);
		expect(failed).toBeInstanceOf(LocalWriteError);
		expect((failed as LocalWriteError).reason).toBe('quota');
		expect(here.dirty).toBe(true);
		expect((await formDrafts.load<{ text: string }>(db, KEY))?.values.text).toBe('Рефлексия');

		await here.commit(async (text) => void (row.reflection = text));
		expect(here.dirty).toBe(false);
		expect(await formDrafts.load(db, KEY)).toBeNull();
	});
});
