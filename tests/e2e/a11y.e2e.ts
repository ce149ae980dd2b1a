import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { seriousViolations } from './axe';
import { launch } from './chromium';
import { serve, type Server } from './server';

let server: Server;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
	server = await serve(inject('buildDir'));
	context = await launch();
	page = context.pages()[0] ?? (await context.newPage());
	await page.goto(`${server.url}/teacher`);
	await page.getByRole('button', { name: 'Загрузить демонстрационные данные' }).first().click();
	await page.getByRole('heading', { level: 1, name: /^Здравствуйте/ }).waitFor();
});

afterAll(async () => {
	await context?.close();
	await server?.stop();
});

describe('accessibility of the shell screens at 360×640 with the demo school', () => {
	for (const [path, ready] of [
		['/teacher', 'h1'],
		['/teacher/activities', '[data-testid="activity-list"]'],
		['/teacher/profile', '[data-testid="profile-form"]'],
		['/teacher/assessment', '[data-testid="assessment-list"]'],
		['/teacher/deficits', '[data-testid="deficit"]'],
		['/teacher/plan', '[data-testid="plan-action"]'],
		['/teacher/plan/print', 'table'],
		['/teacher/growth', '[data-testid="growth-chart"] figure'],
		['/mentor', 'h2'],
		['/mentor/observations', '[data-testid="new-observation"]'],
		['/methodist/mentoring', '[data-testid="current-pairs"]'],
		['/teacher/mentoring', '[data-testid="who-sees"]'],
		['/teacher/observations', 'h1'],
		['/methodist', '[data-testid="staff-list"]'],
		['/municipal', 'table'],
		['/admin', 'h2'],
		['/admin/organizations', '[aria-expanded]'],
		['/admin/people', 'form'],
		['/admin/audit', 'h1'],
		['/admin/frameworks', 'table'],
		['/admin/settings', 'table'],
		['/municipal/people', 'form'],
		['/more', 'h1'],
		['/settings', 'h1'],
		['/sync', 'h1'],
		['/signin', 'h1'],
		['/methodist/people', 'form']
	] as const) {
		it(`${path} has no serious or critical axe violation`, async () => {
			await page.goto(server.url + path);
			await page.locator(ready).first().waitFor();
			expect(await seriousViolations(page)).toEqual([]);
		});
	}
});

describe('accessibility of the self-assessment screens', () => {
	it('the competency screen of a draft has no serious or critical axe violation', async () => {
		await page.goto(`${server.url}/teacher/assessment`);
		await page.getByTestId('continue-draft').click();
		await page.getByTestId('competency-screen').waitFor();
		expect(await seriousViolations(page)).toEqual([]);
	});

	it('the summary of a submitted one has none either', async () => {
		await page.goto(`${server.url}/teacher/assessment`);
		await page.getByRole('link', { name: 'Результаты' }).first().click();
		await page.getByRole('heading', { name: 'Результаты самооценки' }).waitFor();
		await page.locator('figure svg').first().waitFor({ state: 'attached' });
		expect(await seriousViolations(page)).toEqual([]);
	});
});

describe('accessibility of the mentoring screens reached by links', () => {
	it('the mentor’s pair page, journal and report have no serious or critical axe violation', async () => {
		await page.goto(`${server.url}/mentor`);
		await page.getByRole('link', { name: 'Программа и встречи' }).first().click();
		await page.getByTestId('pair-page').waitFor();
		expect(await seriousViolations(page)).toEqual([]);
		const pairUrl = page.url();
		for (const [path, title] of [
			['journal', 'Журнал наставника'],
			['report', 'Отчёт о реализации программы наставничества']
		] as const) {
			await page.goto(`${pairUrl}/${path}`);
			await page.getByRole('heading', { name: title }).first().waitFor();
			expect(await seriousViolations(page), path).toEqual([]);
		}
	});

	it('the methodist’s pair page and the printed programme have none either', async () => {
		await page.goto(`${server.url}/methodist/mentoring`);
		await page.getByTestId('current-pairs').getByRole('link').first().click();
		await page.getByTestId('programme-editor').waitFor();
		expect(await seriousViolations(page)).toEqual([]);
		await page.goto(`${page.url()}/print`);
		await page.getByTestId('meetings-table').waitFor();
		expect(await seriousViolations(page)).toEqual([]);
	});

	it('a submitted observation protocol has none either', async () => {
		await page.goto(`${server.url}/teacher/observations`);
		await page
			.getByRole('main')
			.getByRole('link')
			.filter({ hasText: /Лебедева|Смирнова|Корнилов|Белова/ })
			.first()
			.click();
		await page.getByRole('heading', { name: /Протокол посещения/ }).waitFor();
		expect(await seriousViolations(page)).toEqual([]);
	});
});

describe('the ИОМ print view', () => {
	it('prints to an A4 landscape PDF with the school table and without the app around it', async () => {
		await page.goto(`${server.url}/teacher/plan/print`);
		await page.locator('table').waitFor();
		await page.emulateMedia({ media: 'print' });
		expect(await page.locator('header.top').isVisible()).toBe(false);
		expect(await page.getByRole('navigation', { name: 'Основная навигация' }).isVisible()).toBe(false);
		for (const column of [
			'Дефицит',
			'Задача',
			'Мероприятие',
			'Сроки',
			'Форма представления результата',
			'Отметка о выполнении'
		]) {
			expect(await page.getByRole('columnheader', { name: column, exact: true }).isVisible(), column).toBe(true);
		}
		const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
		await page.emulateMedia({ media: 'screen' });
		const text = pdf.toString('latin1');
		expect(text.startsWith('%PDF')).toBe(true);
		const pages = [...text.matchAll(/\/Type\s*\/Page[^s]/g)].length;
		expect(pages).toBeGreaterThanOrEqual(1);
		// A4 landscape is 842 × 595 points.
		const box = /\/MediaBox\s*\[\s*([\d.\s-]+)\]/.exec(text)?.[1]?.trim().split(/\s+/).map(Number) ?? [];
		expect(box.length, 'a MediaBox in the PDF').toBe(4);
		const [x0, y0, x1, y1] = box as [number, number, number, number];
		expect(Math.round(x1 - x0)).toBeGreaterThanOrEqual(841);
		expect(Math.round(x1 - x0)).toBeLessThanOrEqual(843);
		expect(Math.round(y1 - y0)).toBeGreaterThanOrEqual(594);
		expect(Math.round(y1 - y0)).toBeLessThanOrEqual(596);
	});
});

describe('the second language', () => {
	it('switches the whole interface to English, keeps the choice across a reload, and back', async () => {
		await page.goto(`${server.url}/settings`);
		await page.getByText('English', { exact: true }).click();
		await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
		await page.reload();
		await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
		await page.goto(`${server.url}/teacher`);
		await page.getByRole('heading', { level: 1, name: /^Hello, / }).waitFor();
		expect(
			await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Home' }).count()
		).toBe(1);
		expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

		await page.goto(`${server.url}/settings`);
		await page.getByText('Русский', { exact: true }).click();
		await page.getByRole('heading', { level: 1, name: 'Настройки' }).waitFor();
	});
});
