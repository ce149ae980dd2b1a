import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launch, newProfileDir } from './chromium';
import { serve, type Server } from './server';

/**
 * Issue 12 in a real Chromium, guest mode: the page is killed while a teacher types and while
 * she saves (the renderer crashed, the whole browser killed, the tab closed without unload
 * handlers); one teacher edits the same ИОМ action in two tabs; the disk is full
 * (an over-quota write injected at the IndexedDB API, see "a full disk"). Nothing typed may be lost silently, nothing saved twice,
 * and a full disk is never reported as saved.
 */
let server: Server;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A call into a page that is being killed may never answer: give it a moment, then go on. */
const atMost = (ms: number, p: Promise<unknown>) => Promise.race([p.catch(() => undefined), sleep(ms)]);

/** A seeded random: a failing run can be repeated (the seed is in the test's name). */
const SEED = Number(process.env.FAULT_SEED ?? Date.now() % 100000);
let state = SEED;
const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

beforeAll(async () => {
	server = await serve(inject('buildDir'));
});
afterAll(async () => {
	await server?.stop();
});

async function loadDemo(page: Page): Promise<void> {
	await page.goto(`${server.url}/teacher`);
	await page.getByRole('button', { name: 'Загрузить демонстрационные данные' }).first().click();
	await page.getByRole('heading', { level: 1, name: /^Здравствуйте, / }).waitFor();
}

/** Activities of the guest's teacher with this title, read from IndexedDB as stored. */
async function storedActivities(page: Page, title: string): Promise<number> {
	return page.evaluate(
		(title) =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open('trajectory-guest');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const all = db.transaction('activities').objectStore('activities').getAll();
					all.onsuccess = () => {
						resolve(
							(all.result as { title: string; deletedAt: string | null }[]).filter(
								(a) => a.title === title && !a.deletedAt
							).length
						);
						db.close();
					};
				};
			}),
		title
	);
}

async function activityForm(page: Page) {
	await page.goto(`${server.url}/teacher/activities`);
	const form = page.getByTestId('activity-form');
	const add = page.getByRole('button', { name: 'Добавить мероприятие' });
	await Promise.race([form.waitFor(), add.waitFor()]);
	if (!(await form.isVisible())) await add.click();
	await form.waitFor();
	return form;
}

/** A course still under way: the title is all the form needs to be saved. */
async function fillCourse(form: ReturnType<Page['getByTestId']>, title: string): Promise<void> {
	const done = form.getByLabel('Завершено');
	if (await done.isChecked()) await done.uncheck();
	await form.getByLabel(/Название/).fill(title);
}

describe('a page killed while the teacher types and saves', () => {
	let dir: string;
	let context: BrowserContext;
	let page: Page;

	beforeAll(async () => {
		dir = newProfileDir();
		context = await launch({ dir, serviceWorkers: 'block' });
		page = context.pages()[0] ?? (await context.newPage());
		await loadDemo(page);
	});
	afterAll(async () => {
		await context?.close().catch(() => {});
	});

	type Kill = 'renderer' | 'browser' | 'tab';

	/** Kill the page one of three ways, and come back to a working page of the same profile. */
	async function kill(how: Kill): Promise<void> {
		if (how === 'renderer') {
			const cdp = await context.newCDPSession(page);
			await atMost(2000, cdp.send('Page.crash'));
			await atMost(2000, page.close());
			page = await context.newPage();
		} else if (how === 'tab') {
			await page.close({ runBeforeUnload: false });
			page = await context.newPage();
		} else {
			// Every process of this profile, as the OS would end a browser that froze.
			try {
				execFileSync('pkill', ['-9', '-f', `user-data-dir=${dir}`]);
			} catch {
				// pkill exits 1 when nothing matched: nothing left to kill.
			}
			await context.close().catch(() => {});
			context = await launch({ dir, serviceWorkers: 'block' });
			page = context.pages()[0] ?? (await context.newPage());
		}
	}

	const TEXT = 'Курсы повышения квалификации «Функциональная грамотность школьников», 72 часа';

	it(
		`keeps everything typed more than a second before the kill and saves nothing twice (20 kills, seed ${SEED})`,
		{ timeout: 300_000 },
		async () => {
			const kinds: Kill[] = ['renderer', 'browser', 'tab'];
			const outcomes: number[] = [];
			for (let run = 0; run < 20; run++) {
				const how = kinds[run % 3]!;
				if (process.env.FAULT_DEBUG) console.error(`run ${run} ${how} ${run % 2 ? 'saving' : 'typing'}`);
				const title = `${TEXT} №${run}`;
				let form = await activityForm(page);
				const input = form.getByLabel(/Название/);
				if ((await input.inputValue()) !== '') {
					await form.getByRole('button', { name: 'Отмена' }).click();
					form = await activityForm(page);
				}
				if (run % 2 === 0) {
					// Killed while typing: a steady typist, a key every 40 ms, killed 0.4–3 s in.
					await form.getByLabel(/Название/).click();
					const typedAt: number[] = [];
					let typing = true;
					const typist = (async () => {
						for (const ch of title) {
							if (!typing) return;
							await page.keyboard.type(ch);
							typedAt.push(Date.now());
							await sleep(40);
						}
					})().catch(() => undefined);
					await sleep(400 + random() * 2600);
					const killedAt = Date.now();
					typing = false;
					await kill(how);
					await atMost(2000, typist);
					const kept = await (await activityForm(page)).getByLabel(/Название/).inputValue();
					const mustKeep = typedAt.filter((t) => t <= killedAt - 1000).length;
					expect(title.startsWith(kept), `run ${run} (${how}): «${kept}»`).toBe(true);
					expect(
						kept.length,
						`run ${run} (${how}): kept ${kept.length} of ${typedAt.length}, ${mustKeep} older than a second`
					).toBeGreaterThanOrEqual(mustKeep);
				} else {
					// Killed while saving: the activity is saved and the form empty, or neither.
					await fillCourse(form, title);
					await sleep(400);
					await form.getByRole('button', { name: 'Сохранить' }).click();
					await sleep(random() * 150);
					await kill(how);
					const shown = await (await activityForm(page)).getByLabel(/Название/).inputValue();
					const saved = await storedActivities(page, title);
					expect(saved, `run ${run} (${how})`).toBeGreaterThanOrEqual(0);
					expect(saved, `run ${run} (${how})`).toBeLessThanOrEqual(1);
					expect(shown, `run ${run} (${how}): saved ${saved}`).toBe(saved === 1 ? '' : title);
					outcomes.push(saved);
				}
			}
			// The kills landed before and after the commit: both outcomes were seen (10 saves).
			expect(outcomes, 'some saves must have gone through').toContain(1);
		}
	);
});

describe('one teacher, one ИОМ action, two tabs', () => {
	let context: BrowserContext;
	let first: Page;
	let second: Page;

	beforeAll(async () => {
		context = await launch({ serviceWorkers: 'block' });
		first = context.pages()[0] ?? (await context.newPage());
		await loadDemo(first);
		second = await context.newPage();
		for (const p of [first, second]) {
			await p.goto(`${server.url}/teacher/plan`);
			await p.getByTestId('plan-action').first().waitFor();
		}
	});
	afterAll(async () => {
		await context?.close();
	});

	const reflection = (p: Page) => p.getByTestId('plan-action').first().getByLabel('Рефлексия');

	it('shows in one tab what the other types, without a reload', async () => {
		await reflection(second).fill('Провела урок с приёмом «светофор»');
		await expect
			.poll(() => reflection(first).inputValue(), { timeout: 5000 })
			.toBe('Провела урок с приёмом «светофор»');
	});

	it('keeps both texts when both tabs type at once: one in the field, the other offered beside it', async () => {
		const a = 'Текст, набранный в первой вкладке';
		const b = 'Текст, набранный во второй вкладке';
		await reflection(first).fill('');
		await reflection(second).fill('');
		await reflection(first).click();
		await reflection(second).click();
		// Both type at the same moment, and the second tab is closed without leaving the field.
		await Promise.all([
			reflection(first).pressSequentially(a, { delay: 20 }),
			reflection(second).pressSequentially(b, { delay: 20 })
		]);
		await sleep(500);
		await second.close({ runBeforeUnload: false });
		// The first tab saves its text (leaving the field saves it).
		await first.getByTestId('plan-action').first().getByRole('heading', { level: 3 }).click();
		const card = first.getByTestId('plan-action').first();
		const field = await reflection(first).inputValue();
		// The tab still being typed into keeps its own text in the field (never swapped under the
		// caret) and is offered the other tab's beside it.
		const offered = card.getByRole('group', { name: /В другой вкладке/ });
		await offered.waitFor({ timeout: 5000 });
		const other = (await offered.locator('blockquote').textContent()) ?? '';
		expect({ field, other }).toEqual({ field: a, other: b });
		await offered.getByRole('button', { name: 'Взять тот текст' }).click();
		await expect.poll(() => reflection(first).inputValue()).toBe(other);
	});
});

describe('a full disk', () => {
	let context: BrowserContext;
	let page: Page;

	/**
	 * The disk fills up: from now on every IndexedDB write transaction of the page fails the way
	 * Chromium fails it over quota — aborted, its error a QuotaExceededError.
	 *
	 * Injected at the IndexedDB boundary because nothing real works on this machine's Chromium
	 * (Debian 156): CDP Storage.overrideQuotaForOrigin is accepted but not enforced (the estimate
	 * stays 10 GiB and writes succeed, set before or after the origin first stores anything), and
	 * a really full disk (a small tmpfs over the profile's IndexedDB folder) first fails writes
	 * with an IO error and then crashes the browser. The app maps those IO errors to the same
	 * message (src/lib/db/errors.ts, tested there).
	 */
	const DISK = () => {
		const w = window as unknown as { __diskFull?: boolean };
		w.__diskFull = false;
		for (const method of ['put', 'add'] as const) {
			const original = IDBObjectStore.prototype[method];
			IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
				const request = original.apply(this, args);
				const tx = this.transaction as IDBTransaction & { __full?: boolean };
				if (!w.__diskFull) return request;
				const full = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
				// What the request and the transaction report, as Chromium reports a write over quota.
				Object.defineProperty(request, 'error', { get: full });
				if (!tx.__full) {
					tx.__full = true;
					Object.defineProperty(tx, 'error', { get: full });
					queueMicrotask(() => {
						try {
							tx.abort();
						} catch {
							// Already finished.
						}
					});
				}
				return request;
			} as typeof original;
		}
	};

	beforeAll(async () => {
		context = await launch({ serviceWorkers: 'block' });
		await context.addInitScript(DISK);
		page = context.pages()[0] ?? (await context.newPage());
		await loadDemo(page);
	});
	afterAll(async () => {
		await context?.close();
	});

	async function fill(): Promise<void> {
		await page.evaluate(() => ((window as unknown as { __diskFull: boolean }).__diskFull = true));
	}

	it('is never reported as saved: a self-assessment tap says it was not saved', async () => {
		await page.goto(`${server.url}/teacher/assessment`);
		const form = page.getByTestId('start-form');
		await form.getByLabel('Этап диагностики').selectOption({ label: 'Итоговая' });
		await form.getByRole('button', { name: /Начать самооценку|Продолжить/ }).click();
		await page.getByTestId('competency-screen').waitFor();
		await fill();
		const radio = page.getByTestId('competency-screen').getByRole('radiogroup').first().getByRole('radio').nth(2);
		await radio.click();
		await page.getByText('Ответ не сохранён на устройстве').waitFor({ timeout: 5000 });
		expect(await page.getByText('Сохранено на устройстве').isVisible()).toBe(false);
	});

	it('keeps a form’s text, says honestly where it lives, and saves nothing', async () => {
		const form = await activityForm(page);
		await fill();
		const title = 'Семинар, которому не хватило места';
		await fillCourse(form, title);
		await page.getByText('Черновик не сохраняется: на устройстве закончилось место').waitFor({ timeout: 5000 });
		await form.getByRole('button', { name: 'Сохранить' }).click();
		await page.getByText(/закончилось место — это не сохранено/).waitFor({ timeout: 5000 });
		expect(await form.getByLabel(/Название/).inputValue()).toBe(title);
		expect(await storedActivities(page, title)).toBe(0);
		// Leaving the form and coming back in this page (no reload) still finds the text.
		await page.locator('a[href="/teacher"]:visible').first().click();
		await page.getByRole('heading', { level: 1, name: /^Здравствуйте, / }).waitFor();
		await page.locator('a[href="/more"]:visible').first().click();
		await page.locator('a[href="/teacher/activities"]:visible').first().click();
		// The form opens by itself: being open is part of what was kept.
		await page.getByTestId('activity-form').waitFor();
		await expect
			.poll(() =>
				page
					.getByTestId('activity-form')
					.getByLabel(/Название/)
					.inputValue()
			)
			.toBe(title);
	});

	it('does not say a photo was added when it was not, and keeps the note typed with it', async () => {
		await page.goto(`${server.url}/teacher/plan`);
		await page.getByTestId('plan-action').first().waitFor();
		await fill();
		const action = page.getByTestId('plan-action').first();
		await action.getByRole('button', { name: 'Добавить подтверждение' }).click();
		await action.getByText('Фото', { exact: true }).click();
		const note = action.getByLabel('Примечание');
		await note.fill('Удостоверение о повышении квалификации');
		await action.locator('input[type=file]').setInputFiles({
			name: 'udostoverenie.png',
			mimeType: 'image/png',
			buffer: readFileSync('static/icons/icon-512.png')
		});
		await page
			.getByText(/закончилось место/)
			.first()
			.waitFor({ timeout: 10000 });
		expect(await page.getByText('Подтверждение добавлено').isVisible()).toBe(false);
		expect(await note.inputValue()).toBe('Удостоверение о повышении квалификации');
	});
});
