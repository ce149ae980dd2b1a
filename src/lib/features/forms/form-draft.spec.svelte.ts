// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import fc from 'fast-check';
import { buildActivity, IDS } from '$lib/domain/testing/builders';
import * as activities from '$lib/db/activities';
import * as formDrafts from '$lib/db/form-drafts';
import type { AppDatabase } from '$lib/db/database';
import { LocalWriteError } from '$lib/db/errors';
import { freshDatabase } from '$lib/db/testing/fresh';
import { FormDraft, SAVE_INTERVAL_MS, TYPING_PAUSE_MS, type DraftTimers } from './form-draft.svelte';
import { unsavedDrafts } from './tab';

const dbs: AppDatabase[] = [];
const roots: (() => void)[] = [];
afterEach(() => {
	for (const stop of roots.splice(0)) stop();
	for (const db of dbs.splice(0)) db.close();
	unsavedDrafts.clear();
});

function open(name = 'drafts'): AppDatabase {
	const db = freshDatabase(name);
	dbs.push(db);
	return db;
}

async function until(check: () => boolean | Promise<boolean>, ms = 3000): Promise<void> {
	const start = Date.now();
	while (!(await check())) {
		if (Date.now() - start > ms) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 5));
		flushSync();
	}
}

/** A form of one text field, mounted (attached) as a component would. */
function mount(db: AppDatabase, options: { tab?: string; timers?: DraftTimers } = {}) {
	let draft!: FormDraft<{ title: string }>;
	roots.push(
		$effect.root(() => {
			draft = new FormDraft(db, 'activity-new:t1', { title: '' }, options);
			draft.attach();
		})
	);
	return draft;
}

const stored = async (db: AppDatabase) =>
	(await formDrafts.load<{ title: string }>(db, 'activity-new:t1'))?.values.title ?? null;

/** Timers the test moves by hand, on a virtual clock; one set per page, dropped when it is killed. */
class VirtualTimers implements DraftTimers {
	#next = 1;
	#waiting = new Map<number, { at: number; fn: () => void }>();
	readonly clock: { now: number };
	constructor(clock: { now: number }) {
		this.clock = clock;
	}
	setTimeout(fn: () => void, ms: number): unknown {
		const id = this.#next++;
		this.#waiting.set(id, { at: this.clock.now + ms, fn });
		return id;
	}
	clearTimeout(handle: unknown): void {
		this.#waiting.delete(handle as number);
	}
	now(): number {
		return this.clock.now;
	}
	/** Move the clock to `to`, firing what falls due on the way, in order. */
	advance(to: number): void {
		for (;;) {
			const next = [...this.#waiting.entries()].filter(([, t]) => t.at <= to).sort((a, b) => a[1].at - b[1].at)[0];
			if (!next) break;
			this.#waiting.delete(next[0]);
			this.clock.now = next[1].at;
			next[1].fn();
		}
		this.clock.now = to;
	}
}

describe('a form draft', () => {
	it('is written while a steady typist keeps typing (a throttle, not a pause)', async () => {
		const db = open();
		const draft = mount(db);
		await until(() => draft.restored);
		// A keystroke every 50 ms for 1.2 s: a pause-based autosave would write nothing.
		let text = '';
		const seen: string[] = [];
		for (let i = 0; i < 24; i++) {
			text += 'абвгдеёжзи'[i % 10];
			draft.values.title = text;
			flushSync();
			await new Promise((r) => setTimeout(r, 50));
			seen.push((await stored(db)) ?? '');
		}
		// By the end, what is on the device lags what was typed by at most about SAVE_INTERVAL_MS of keystrokes.
		const last = seen.at(-1)!;
		expect(text.startsWith(last)).toBe(true);
		expect(text.length - last.length).toBeLessThanOrEqual(Math.ceil(SAVE_INTERVAL_MS / 50) + 2);
		expect(new Set(seen.filter(Boolean)).size).toBeGreaterThan(2);
	});

	it('is written at once when the page is hidden or closed', async () => {
		const db = open();
		const draft = mount(db);
		await until(() => draft.restored);
		draft.values.title = 'Курсы по функциональной грамотности';
		flushSync();
		window.dispatchEvent(new Event('pagehide'));
		await until(async () => (await stored(db)) === 'Курсы по функциональной грамотности', 200);
	});

	it('saves the record and drops the draft in one transaction: a failed save keeps both the text and the draft', async () => {
		const db = open();
		const draft = mount(db);
		await until(() => draft.restored);
		draft.values.title = 'Стажировка';
		await draft.flush();
		const {
			id: _i,
			version: _v,
			updatedAt: _u,
			updatedBy: _b,
			deletedAt: _d,
			...row
		} = buildActivity({ title: 'Стажировка' });
		// The row is written, then something fails before the transaction commits.
		const failed = await draft
			.commit(async () => {
				await activities.create(db, row, { profileId: IDS.teacher });
				throw new Error('crash after the row');
			})
			.catch((e: unknown) => e);
		expect(failed).toBeInstanceOf(LocalWriteError);
		expect(await db.activities.count()).toBe(0);
		expect(await stored(db)).toBe('Стажировка');
		expect(draft.values.title).toBe('Стажировка');

		await draft.commit(() => activities.create(db, row, { profileId: IDS.teacher }));
		expect(await db.activities.count()).toBe(1);
		expect(await stored(db)).toBeNull();
		expect(draft.values.title).toBe('');
	});

	it('shows what another tab types while nothing is typed here', async () => {
		const db = open();
		const here = mount(db, { tab: 'tab-1' });
		const there = mount(db, { tab: 'tab-2' });
		await until(() => here.restored && there.restored);
		there.values.title = 'Вебинар ИРО';
		await there.flush();
		await until(() => here.values.title === 'Вебинар ИРО');
		expect(here.conflict).toBeNull();
	});

	it('keeps each tab’s typing in its field while both type at once, the other text offered beside it', async () => {
		const db = open();
		const here = mount(db, { tab: 'tab-1' });
		const there = mount(db, { tab: 'tab-2' });
		await until(() => here.restored && there.restored);
		// Both type before either has written, and go on typing.
		here.values.title = 'Мой вариант';
		there.values.title = 'Текст из второй вкладки';
		flushSync();
		await there.flush();
		await here.flush();
		expect(await stored(db)).toBe('Мой вариант');
		await until(() => here.conflict?.title === 'Текст из второй вкладки' && there.conflict?.title === 'Мой вариант');
		// Neither field was swapped under the caret: the next keystroke lands in its own text.
		expect(here.values.title).toBe('Мой вариант');
		expect(there.values.title).toBe('Текст из второй вкладки');
		expect(here.conflictFrom).toBe('other-tab');
		expect(there.conflictFrom).toBe('other-tab');

		await here.takeConflict();
		expect(here.values.title).toBe('Текст из второй вкладки');
		expect(await formDrafts.loadConflict(db, 'activity-new:t1')).toBeNull();
	});

	it('lets the later write win the field of a tab whose typing paused, and offers that tab its own text back', async () => {
		const db = open();
		const clock = { now: 0 };
		const timers = {
			setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
			clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>),
			now: () => clock.now
		};
		const here = mount(db, { tab: 'tab-1', timers });
		const there = mount(db, { tab: 'tab-2', timers });
		await until(() => here.restored && there.restored);
		there.values.title = 'Текст из второй вкладки';
		flushSync();
		await there.flush();
		clock.now += TYPING_PAUSE_MS;
		here.values.title = 'Мой вариант';
		flushSync();
		await here.flush();
		await until(() => there.values.title === 'Мой вариант');
		expect(there.conflict?.title).toBe('Текст из второй вкладки');
		// The tab whose text was replaced is told it was its own, not "another tab's".
		expect(there.conflictFrom).toBe('this-tab');
	});

	it('does not lose a closed tab’s text when this tab saves its own (the other kept as a conflict)', async () => {
		const db = open();
		const here = mount(db, { tab: 'tab-1' });
		await until(() => here.restored);
		here.values.title = 'Из первой вкладки';
		flushSync();
		// Tab 2 wrote its draft and was closed before this tab wrote anything.
		await formDrafts.save(db, 'activity-new:t1', { title: 'Из второй вкладки' }, 'tab-2', null);
		const {
			id: _i,
			version: _v,
			updatedAt: _u,
			updatedBy: _b,
			deletedAt: _d,
			...row
		} = buildActivity({ title: 'Из первой вкладки' });
		await here.commit(() => activities.create(db, row, { profileId: IDS.teacher }));
		expect((await formDrafts.loadConflict<{ title: string }>(db, 'activity-new:t1'))?.values.title).toBe(
			'Из второй вкладки'
		);
	});

	it('keeps what is typed before the stored draft has been read; a field typed both ways waits as a conflict', async () => {
		const db = open();
		await formDrafts.save(db, 'two-fields', { title: 'Черновик: название', place: 'Черновик: место' }, 'tab-2', null);
		let draft!: FormDraft<{ title: string; place: string }>;
		roots.push(
			$effect.root(() => {
				draft = new FormDraft(db, 'two-fields', { title: '', place: '' });
				draft.attach();
			})
		);
		// She types at once, while the draft is still being read.
		draft.values.place = 'Школа № 5';
		await until(() => draft.restored);
		expect(draft.values).toEqual({ title: 'Черновик: название', place: 'Школа № 5' });
		await until(() => draft.conflict !== null);
		expect(draft.conflict).toEqual({ title: 'Черновик: название', place: 'Черновик: место' });
		expect((await formDrafts.loadConflict(db, 'two-fields'))?.values).toEqual(draft.conflict);
	});

	it('keeps the text in the page when the device is full, says why, and a remount still finds it', async () => {
		const db = open();
		db.meta.hook('creating', () => {
			throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		});
		const draft = mount(db);
		await until(() => draft.restored);
		draft.values.title = 'Текст, которому не хватило места';
		await draft.flush();
		expect(draft.failure).toBe('quota');
		expect(await stored(db)).toBeNull();

		const again = mount(db);
		await until(() => again.restored);
		expect(again.values.title).toBe('Текст, которому не хватило места');
	});
});

describe('typing, autosave and kills in any order', () => {
	/**
	 * A teacher types (a character every 0–250 ms); the page is killed at random moments and
	 * opened again, and she goes on from what it shows. At every kill, what is on the device holds
	 * every character typed more than SAVE_INTERVAL_MS before it (a write is taken to take no
	 * time: the property is about the autosave's schedule, not the disk's speed).
	 */
	it('never loses a keystroke older than the save interval', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.record({ gap: fc.integer({ min: 0, max: 250 }), kill: fc.boolean() }), {
					minLength: 5,
					maxLength: 60
				}),
				async (steps) => {
					const db = open(`kills-${Math.random().toString(36).slice(2)}`);
					const clock = { now: 0 };
					let timers = new VirtualTimers(clock);
					let draft = mount(db, { timers });
					await until(() => draft.restored);
					/** When each character of the current text was typed. */
					let typedAt: number[] = [];
					let alphabet = 0;
					for (const step of steps) {
						const at = clock.now + step.gap;
						timers.advance(at);
						// Only what the autosave started by itself; a write takes no virtual time.
						await draft.written();
						if (step.kill) {
							const kept = (await stored(db)) ?? '';
							const mustKeep = typedAt.filter((t) => t <= at - SAVE_INTERVAL_MS).length;
							expect(kept.length).toBeGreaterThanOrEqual(mustKeep);
							expect(draft.values.title.startsWith(kept)).toBe(true);
							// Killed: the page's timers and memory are gone (no unmount runs); only the
							// database remains. The page is opened again on a new clock of its own.
							unsavedDrafts.clear();
							timers = new VirtualTimers(clock);
							draft = mount(db, { timers });
							await until(() => draft.restored);
							expect(draft.values.title).toBe(kept);
							typedAt = typedAt.slice(0, kept.length);
							continue;
						}
						draft.values.title += String.fromCharCode(0x430 + (alphabet++ % 32));
						typedAt.push(at);
						flushSync();
					}
				}
			),
			{ numRuns: 30 }
		);
	});
});
