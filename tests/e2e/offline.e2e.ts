import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launch } from './chromium';
import { serve, type Server } from './server';
import { overflowing } from './layout';

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

/** Wait until the service worker controls the page: only then can it answer offline. */
async function waitForServiceWorker(p: Page): Promise<void> {
	await p.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	if (!(await p.evaluate(() => !!navigator.serviceWorker.controller))) {
		await p.reload();
		await p.waitForFunction(() => !!navigator.serviceWorker.controller);
	}
}

async function noHorizontalScroll(p: Page): Promise<void> {
	expect(await overflowing(p)).toEqual([]);
}

describe('offline first, on a 360×640 phone', () => {
	it('installs the service worker and opens the teacher home from the start URL', async () => {
		await page.goto(`${server.url}/`);
		// The start URL renders the home itself (src/hooks.ts): no redirect, the address stays `/`.
		await page.getByTestId('teacher-home').waitFor();
		expect(new URL(page.url()).pathname).toBe('/');
		expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
		await expect
			.poll(() => page.getByRole('link', { name: 'Главная' }).first().getAttribute('aria-current'))
			.toBe('page');
		await expect
			.poll(() => page.getByRole('button', { name: 'Загрузить демонстрационные данные' }).isVisible())
			.toBe(true);
		await waitForServiceWorker(page);
	});

	it('loads the demo school and shows a populated home', async () => {
		await page.getByRole('button', { name: 'Загрузить демонстрационные данные' }).first().click();
		await page.getByRole('heading', { level: 1, name: /^Здравствуйте, / }).waitFor();
		await expect.poll(() => page.getByText(/ИОМ на \d{4}\/\d{4}/).isVisible()).toBe(true);
		await noHorizontalScroll(page);
	});

	it('reloads with no network and no server, and the data is there', async () => {
		await server.stop();
		await context.setOffline(true);
		await page.reload();
		await page.getByRole('heading', { level: 1, name: /^Здравствуйте, / }).waitFor();
		await expect.poll(() => page.getByText('Офлайн').first().isVisible()).toBe(true);
	});

	it('keeps what was typed across a reload before it was saved', async () => {
		await page.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name: 'Ещё' }).click();
		await page.getByRole('main').getByRole('link', { name: 'Мероприятия' }).click();
		await page.waitForURL(/\/teacher\/activities$/);
		await page.getByRole('button', { name: 'Добавить мероприятие' }).click();
		await page.getByLabel(/Название/).fill('Курсы ПК «Функциональная грамотность», 36 ч');
		await page.getByLabel('Часов').fill('36');
		// Autosave runs shortly after typing stops.
		await page.waitForTimeout(700);
		await page.reload();
		await expect
			.poll(() => page.getByLabel('Название').inputValue())
			.toBe('Курсы ПК «Функциональная грамотность», 36 ч');
		expect(await page.getByLabel('Часов').inputValue()).toBe('36');
	});

	it('shows a Russian message next to a bad field and writes nothing', async () => {
		await page.getByLabel('Часов').fill('-5');
		await page.getByRole('button', { name: 'Сохранить' }).click();
		await expect.poll(() => page.getByText('Больше 0 и не больше 2000').isVisible()).toBe(true);
		expect(await page.getByText('Курсы ПК «Функциональная грамотность», 36 ч', { exact: true }).count()).toBe(0);
	});

	it('creates a record offline and finds it after another offline reload', async () => {
		await page.getByLabel('Часов').fill('36');
		await page.getByLabel('Организатор').fill('АОУ ВО ДПО «ВИРО»');
		await page.getByLabel(/Дата окончания/).fill(await page.getByLabel(/Дата начала/).inputValue());
		await page.getByRole('button', { name: 'Сохранить' }).click();
		const item = page.getByTestId('activity-list').getByText('Курсы ПК «Функциональная грамотность», 36 ч');
		await item.waitFor();
		await page.reload();
		await page.getByTestId('activity-list').getByText('Курсы ПК «Функциональная грамотность», 36 ч').waitFor();
		await noHorizontalScroll(page);
	});

	it('opens deep links offline in a new tab', async () => {
		const tab = await context.newPage();
		await tab.goto(`${server.url}/teacher/activities`);
		await tab.getByTestId('activity-list').getByText('Курсы ПК «Функциональная грамотность», 36 ч').waitFor();
		for (const [path, heading] of [
			['/teacher', /^Здравствуйте/],
			['/mentor', 'Мои наставляемые'],
			['/methodist', /Кадниковская|школа/i],
			['/municipal', /округ|район/i],
			['/admin', 'Администрирование'],
			['/settings', 'Настройки'],
			['/teacher/profile', 'Профиль педагога']
		] as const) {
			await tab.goto(`${server.url}${path}`);
			await tab.getByRole('heading', { level: 1, name: heading }).waitFor();
			await noHorizontalScroll(tab);
		}
		await tab.close();
	});
});
