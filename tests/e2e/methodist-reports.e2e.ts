import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launch } from './chromium';
import { serve, type Server } from './server';
import { readXlsx } from '../../src/lib/features/account/xlsx-read';

/**
 * Issue 6's reports in guest mode with the demo school, on a desktop-sized window (methodists
 * work on a PC): the school methodist's indicators with numerator/denominator and «нет данных»,
 * the XLSX export holding the figures on screen, the analytical note printing to A4, and the
 * municipal dashboard with its withheld schools and ШНОР/ШНСУ list. Screenshots go to
 * docs/screenshots/.
 */
const SHOTS = 'docs/screenshots';

let server: Server;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
	mkdirSync(SHOTS, { recursive: true });
	server = await serve(inject('buildDir'));
	context = await launch({ phone: false });
	page = context.pages()[0] ?? (await context.newPage());
	await page.goto(`${server.url}/teacher`);
	await page.getByRole('button', { name: 'Загрузить демонстрационные данные' }).first().click();
	await page.getByRole('heading', { level: 1, name: /^Здравствуйте/ }).waitFor();
});

afterAll(async () => {
	await context?.close();
	await server?.stop();
});

async function actAsRole(role: 'school_methodist' | 'municipal_methodist', path: string): Promise<void> {
	await page.getByLabel('Роль', { exact: true }).selectOption(role);
	await page.waitForURL(`**${path}`);
}

interface ScreenRow {
	code: string;
	value: string;
	count: string;
}

async function indicatorRows(): Promise<ScreenRow[]> {
	return page.locator('[data-testid="indicators"] tbody tr').evaluateAll((rows) =>
		rows.map((tr) => ({
			code: tr.getAttribute('data-code') ?? '',
			value: tr.querySelector('.value')?.textContent?.trim() ?? '',
			count: tr.querySelector('.count')?.textContent?.trim() ?? ''
		}))
	);
}

let year = '';

describe('the methodists’ reports', () => {
	it('show the school’s indicators as value and numerator/denominator, «нет данных» where the denominator is empty', async () => {
		await actAsRole('school_methodist', '/methodist');
		await page.locator('[data-testid="indicators"]').waitFor();
		year = await page.getByLabel('Учебный год').inputValue();
		const rows = await indicatorRows();
		expect(rows).toHaveLength(11);
		for (const row of rows) {
			expect(row.count, row.code).toMatch(/^\d+ \/ \d+$/);
			const [, denominator] = row.count.split(' / ').map(Number);
			if (denominator === 0) expect(row.value, row.code).toBe('нет данных');
			else expect(row.value, row.code).toMatch(/^\d+,\d %$/);
		}
		expect(rows.map((r) => r.value)).toContain('нет данных');
	});

	it('mark a target met or missed in words once the methodist sets it', async () => {
		await page.getByRole('button', { name: 'Задать плановые значения' }).click();
		await page.getByLabel('Плановое значение, %: Доля педагогов, повысивших квалификацию', { exact: true }).fill('30');
		await page.getByLabel('Плановое значение, %: Доля педагогов с индивидуальным планом (ИОМ)').fill('100');
		await page.getByRole('button', { name: 'Готово' }).click();
		await expect.poll(() => page.locator('tr[data-code="PD_ANY"] .mark').textContent()).toMatch(/План (не )?достигнут/);
		await expect.poll(() => page.locator('tr[data-code="IOM"] .mark').textContent()).toMatch(/План (не )?достигнут/);
	});

	it('export the indicators table to an XLSX holding the figures on screen', async () => {
		const rows = await indicatorRows();
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Скачать XLSX: Показатели и плановые значения' }).click()]);
		expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
		const sheet = await readXlsx(readFileSync((await download.path())!));
		expect(sheet[0]!.cells.slice(0, 5)).toEqual(['Код', 'Показатель', 'Числитель', 'Знаменатель', 'Значение, %']);
		for (const row of rows) {
			const line = sheet.find((r) => r.cells[0] === row.code);
			expect(line, row.code).toBeDefined();
			const [numerator, denominator] = row.count.split(' / ');
			expect(line!.cells[2], row.code).toBe(numerator);
			expect(line!.cells[3], row.code).toBe(denominator);
			expect(line!.cells[4], row.code).toBe(row.value === 'нет данных' ? 'нет данных' : String(Number(row.value.replace(' %', '').replace(',', '.'))));
		}
		const heat = page.locator('section', { has: page.locator('[data-testid="heatmap"]') });
		await heat.scrollIntoViewIfNeeded();
		// The sticky app bar would cover the top of the card.
		await heat.screenshot({ path: `${SHOTS}/heat-map.png`, style: 'header.top { visibility: hidden; }' });
	});

	it('open the analytical note, which prints to A4', async () => {
		await page.goto(`${server.url}/methodist/report?year=${year}`);
		const note = page.getByTestId('analytical-note');
		await note.getByRole('heading', { level: 1, name: /^Аналитическая справка: / }).waitFor();
		await note.locator('[data-testid="indicators"]').waitFor();
		await note.locator('[data-testid="heatmap"]').waitFor();
		expect(await note.locator('svg').count()).toBeGreaterThan(3);
		await page.screenshot({ path: `${SHOTS}/analytical-note.png` });
		const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		const text = pdf.toString('latin1');
		// A4 is 595 × 842 points.
		const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
		expect(boxes.length).toBeGreaterThan(1);
		for (const [w, h] of boxes) {
			expect(Math.abs(w! - 595)).toBeLessThan(2);
			expect(Math.abs(h! - 842)).toBeLessThan(2);
		}
	});

	it('give the municipal methodist a row per school, withholding small ones, the ШНОР/ШНСУ list and a drill-down', async () => {
		await page.goto(`${server.url}/municipal`);
		await actAsRole('municipal_methodist', '/municipal');
		const schools = page.getByTestId('schools');
		await schools.waitFor();
		await expect.poll(() => schools.getByText('недостаточно данных').count()).toBeGreaterThan(0);
		await expect.poll(() => page.getByTestId('flagged').textContent()).toContain('Чучковская');
		await page.screenshot({ path: `${SHOTS}/municipal-dashboard.png` });
		await schools.getByRole('link', { name: 'МБОУ «Кадниковская средняя школа»' }).click();
		await page.waitForURL('**/municipal?school=*');
		await page.getByRole('heading', { level: 2, name: /Кадниковская средняя школа/ }).waitFor();
		const rows = await indicatorRows();
		expect(rows).toHaveLength(11);
	});
});
