import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launch } from './chromium';
import { serve, type Server } from './server';

/**
 * Issue 13, items 1 and 14, on a phone in guest mode (no backend): the profile form keeps what the
 * teacher saved — after «Сохранить», on a later visit, after a reload, and through a save of
 * another field (before: the fields went blank after the first save, and an unrelated save wrote
 * the old стаж back, 4 → 7 → 4); guest mode does not talk of a server it does not have; the
 * «ready offline» toast goes by itself; and what the guest writes as the school's methodist is
 * signed by the demo school's methodist, not by the teacher she plays.
 */
let server: Server;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
	server = await serve(inject('buildDir'));
	context = await launch();
	page = context.pages()[0] ?? (await context.newPage());
});

afterAll(async () => {
	await context?.close();
	await server?.stop();
});

/** Rows of a store of the guest database, as stored. */
function stored<T>(store: string): Promise<T[]> {
	return page.evaluate(
		(store) =>
			new Promise<T[]>((resolve, reject) => {
				const open = indexedDB.open('trajectory-guest');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const all = db.transaction(store).objectStore(store).getAll();
					all.onsuccess = () => {
						resolve(all.result as T[]);
						db.close();
					};
				};
			}),
		store
	);
}

async function saveProfile(): Promise<void> {
	await page.getByRole('button', { name: 'Сохранить' }).click();
	await page.getByText('Профиль сохранён на устройстве').last().waitFor();
}

describe('a guest on a phone', () => {
	it('lets the «ready offline» toast go by itself instead of covering the screen', async () => {
		await page.goto(`${server.url}/teacher/profile`);
		const toast = page.getByText('Приложение готово к работе без интернета');
		await toast.waitFor({ timeout: 30_000 });
		await toast.waitFor({ state: 'hidden', timeout: 10_000 });
	});

	it('keeps the profile she saved: shown after «Сохранить», on the next visit, after a reload and through a save of another field', async () => {
		await page.goto(`${server.url}/teacher/profile`);
		await page.getByLabel(/ФИО/).fill('Белова Дарья Сергеевна');
		await page.getByLabel(/Педагогический стаж/).fill('7');
		await page.getByLabel(/Год рождения/).fill('1990');
		await saveProfile();
		expect(await page.getByLabel(/ФИО/).inputValue()).toBe('Белова Дарья Сергеевна');
		expect(await page.getByLabel(/Педагогический стаж/).inputValue()).toBe('7');

		await page.getByLabel(/Педагогический стаж/).fill('4');
		await saveProfile();
		await page.locator('a[href="/teacher"]:visible').first().click();
		await page.getByRole('heading', { level: 1 }).first().waitFor();
		await page.goto(`${server.url}/teacher/profile`);
		await expect.poll(() => page.getByLabel(/Педагогический стаж/).inputValue()).toBe('4');

		await page.getByLabel(/Должность/).fill('учитель физики');
		await saveProfile();
		await page.reload();
		await expect.poll(() => page.getByLabel(/Должность/).inputValue()).toBe('учитель физики');
		expect(await page.getByLabel(/Педагогический стаж/).inputValue()).toBe('4');
		const [profile] = await stored<{ experienceYears: number; position: string }>('profiles');
		expect(profile).toMatchObject({ experienceYears: 4, position: 'учитель физики' });
	});

	it('is not told of changes «not sent to the server» where there is no server', async () => {
		await page.goto(`${server.url}/settings`);
		await page.getByTestId('guest-local').waitFor();
		expect(await page.getByText(/Не отправлено на сервер/).count()).toBe(0);
	});

	it('writes as the demo school’s methodist in that role, not in the teacher’s name', async () => {
		// She has a profile of her own by now: the demo school is loaded from the settings.
		await page.goto(`${server.url}/settings`);
		await page.getByRole('button', { name: 'Загрузить демонстрационные данные' }).click();
		await page.getByText('Демонстрационная школа загружена').first().waitFor({ timeout: 30_000 });
		await page.goto(`${server.url}/teacher`);
		await page.getByRole('heading', { level: 1, name: /^Здравствуйте/ }).waitFor();
		const guest = await page.evaluate(
			() =>
				new Promise<string>((resolve) => {
					const open = indexedDB.open('trajectory-guest');
					open.onsuccess = () => {
						const get = open.result.transaction('meta').objectStore('meta').get('guest.profileId');
						get.onsuccess = () => {
							resolve((get.result as { value: string }).value);
							open.result.close();
						};
					};
				})
		);
		await page.getByLabel('Роль', { exact: true }).selectOption('school_methodist');
		await page.waitForURL('**/methodist');
		await page.getByRole('button', { name: 'Задать плановые значения' }).click();
		const input = page.getByRole('textbox', { name: /^Плановое значение, %: / }).first();
		await input.fill('47');
		await input.press('Enter');
		await input.blur();

		const methodists = new Set(
			(await stored<{ profileId: string; role: string; deletedAt: string | null }>('memberships'))
				.filter((m) => m.role === 'school_methodist' && !m.deletedAt)
				.map((m) => m.profileId)
		);
		await expect
			.poll(
				async () =>
					(await stored<{ updatedBy: string | null }>('indicator_targets')).filter((r) => r.updatedBy !== null).length
			)
			.toBeGreaterThan(0);
		const signed = (await stored<{ updatedBy: string | null; value: number }>('indicator_targets')).filter(
			(r) => r.updatedBy !== null
		);
		for (const row of signed) {
			expect(row.updatedBy).not.toBe(guest);
			expect(methodists.has(row.updatedBy!)).toBe(true);
		}
	});
});
