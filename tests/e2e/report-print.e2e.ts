import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launch } from './chromium';
import { serve, type Server } from './server';
import { overflowing } from './layout';
import { isA4, overprinted, readPdf } from './pdf';
import { readXlsx } from '../../src/lib/features/account/xlsx-read';
import { growMunicipality } from '../../scripts/lib/grow-municipality.mjs';

/**
 * Issue 13, items 7, 8 and 11, in guest mode with the demo municipality on a desktop window:
 * the school dashboard follows the chosen academic year in every figure, file name and link; the
 * intermediate stage is called промежуточная on screen, in the XLSX and in the note; and every
 * print view, printed to A4 by Chromium, has no text printed over other text, nothing cut at the
 * page's edge — for a municipality of 60 schools too.
 */

let server: Server;
let context: BrowserContext;
let page: Page;
/** The printed PDFs are kept here, to be rendered and looked at (pdftoppm). */
const OUT = join(process.env.E2E_TMP ?? '.tmp/e2e', 'report-print');

beforeAll(async () => {
	mkdirSync(OUT, { recursive: true });
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

async function actAsRole(role: 'teacher' | 'school_methodist' | 'municipal_methodist', path: string): Promise<void> {
	await page.getByLabel('Роль', { exact: true }).selectOption(role);
	await page.waitForURL(`**${path}`);
}

/** The page's words, without the year and stage pickers' own option lists. */
function mainText(): Promise<string> {
	return page.locator('main').evaluate((main) => {
		const copy = main.cloneNode(true) as HTMLElement;
		for (const select of copy.querySelectorAll('select')) select.remove();
		return copy.innerText;
	});
}

function tile(label: string): Promise<string | null> {
	return page
		.locator('.stats li')
		.filter({ has: page.getByText(label, { exact: true }) })
		.locator('strong')
		.textContent();
}

async function download(button: string): Promise<{ name: string; rows: { cells: string[] }[] }> {
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: button }).first().click()
	]);
	return { name: file.suggestedFilename(), rows: await readXlsx(readFileSync((await file.path())!)) };
}

/** Print the page as Chromium does for «Печать / PDF», keep the file, and read it back. */
async function print(name: string) {
	const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
	writeFileSync(join(OUT, `${name}.pdf`), pdf);
	return readPdf(pdf);
}

/** Laid out as on paper (A4 portrait, 12 mm margins): nothing reaches past the page's width. */
async function cutAtPageEdge(width = 703): Promise<string[]> {
	await page.emulateMedia({ media: 'print' });
	await page.setViewportSize({ width, height: 1000 });
	try {
		return await overflowing(page);
	} finally {
		await page.emulateMedia({ media: null });
		await page.setViewportSize({ width: 1280, height: 800 });
	}
}

async function expectCleanPrint(name: string, landscape = false): Promise<void> {
	// The note's addressed recommendations arrive last; print once they are in.
	if (name.startsWith('note-'))
		await page
			.getByTestId('note-recommendations')
			.getByText(/^Всего: |^Адресных рекомендаций за этот учебный год нет/)
			.waitFor();
	const pages = await print(name);
	expect(pages.length, name).toBeGreaterThan(0);
	for (const p of pages) expect(isA4(p), `${name}: A4`).toBe(true);
	expect(
		pages.every((p) => p.width > p.height),
		`${name}: orientation`
	).toBe(landscape);
	expect(overprinted(pages), `${name}: text printed over text`).toEqual([]);
	expect(await cutAtPageEdge(landscape ? 1032 : 703), `${name}: cut at the page's edge`).toEqual([]);
}

describe('the school dashboard with another academic year chosen', () => {
	it('shows that year in the subtitle, the tiles, the indicators, the export’s file name and the note link — never the current one', async () => {
		await actAsRole('school_methodist', '/methodist');
		await page.locator('[data-testid="indicators"]').waitFor();
		const current = Number(await page.getByLabel('Учебный год').inputValue());
		const label = (y: number) => `${y}/${y + 1}`;
		expect(await mainText()).toContain(label(current));

		await page.getByLabel('Учебный год').selectOption(String(current - 1));
		await expect.poll(async () => page.locator('tr[data-code="IOM"] .count').textContent()).not.toBeNull();
		await expect.poll(mainText).toContain(`${label(current - 1)} учебный год`);
		expect(await mainText()).not.toContain(label(current));

		// The «С ИОМ» tile counts the same year as the ИОМ indicator beside it.
		const iom = (await page.locator('tr[data-code="IOM"] .count').textContent())!.split(' / ');
		await expect.poll(() => tile('С ИОМ на год')).toBe(`${iom[0]} из ${iom[1]}`);

		const file = await download('Скачать XLSX: Показатели и плановые значения');
		expect(file.name).toContain(`${current - 1}–${current}`);
		expect(file.name).not.toContain(String(current + 1));
		const href = await page.getByRole('link', { name: 'Открыть аналитическую справку' }).getAttribute('href');
		expect(href).toContain(`year=${current - 1}`);
		await page.getByLabel('Учебный год').selectOption(String(current));
	});
});

describe('the intermediate monitoring stage', () => {
	it('is called промежуточная on the dashboard, in the growth XLSX and in the analytical note — never итоговая', async () => {
		await page.goto(`${server.url}/methodist`);
		await page.locator('[data-testid="growth"]').waitFor();
		await page.getByLabel('Этап мониторинга').selectOption('intermediate');
		const growth = page.locator('section', { has: page.locator('[data-testid="growth"]') }).first();
		await expect.poll(() => growth.innerText()).toMatch(/промежуточн/i);
		expect(await growth.innerText()).not.toMatch(/итогов/i);
		expect(await page.locator('[data-testid="indicators"]').innerText()).not.toMatch(/итогов/i);

		const file = await download('Скачать XLSX: Рост компетенций');
		expect(file.rows[0]!.cells).toContain('Промежуточная');
		expect(file.rows.flatMap((r) => r.cells).join(' ')).not.toMatch(/итогов/i);

		await page.getByRole('link', { name: 'Открыть аналитическую справку' }).click();
		await page.waitForURL('**/methodist/report?*stage=intermediate*');
		const note = page.getByTestId('analytical-note');
		await note.locator('[data-testid="heatmap"]').waitFor();
		expect(await note.innerText()).toMatch(/промежуточн/i);
		expect(await note.innerText()).not.toMatch(/итогов/i);
	});
});

describe('every print view, printed to A4', () => {
	it('prints the school’s analytical note, for the year and at the intermediate stage, without overprinting', async () => {
		await page.goto(`${server.url}/methodist/report`);
		const note = page.getByTestId('analytical-note');
		await note.locator('[data-testid="heatmap"]').waitFor();
		// A bar without a planned value says so; «нет данных» is for a missing figure only.
		await page.emulateMedia({ media: 'print' });
		const chartRows = await note.locator('section').first().locator('.rows > .row').allInnerTexts();
		await page.emulateMedia({ media: null });
		const shown = await note.locator('[data-testid="indicators"] tbody tr').evaluateAll((rows) =>
			rows.map((tr) => ({
				value: tr.querySelector('.value')?.textContent?.trim() ?? '',
				target: tr.querySelector('.target')?.textContent?.trim() ?? ''
			}))
		);
		expect(chartRows).toHaveLength(shown.length);
		chartRows.forEach((text, i) => {
			if (shown[i]!.value !== 'нет данных') expect(text, `chart row ${i + 1}`).not.toContain('нет данных');
		});
		await expectCleanPrint('note-school');

		await page.goto(`${server.url}/methodist/report?stage=intermediate`);
		await note.locator('[data-testid="heatmap"]').waitFor();
		await expectCleanPrint('note-school-intermediate');
	});

	it('prints the teacher’s ИОМ and growth, and the mentoring papers, without overprinting', async () => {
		await actAsRole('teacher', '/teacher');
		await page.goto(`${server.url}/teacher/plan/print`);
		await page.locator('table').first().waitFor();
		await expectCleanPrint('teacher-plan', true);
		await page.goto(`${server.url}/teacher/growth`);
		await page.getByTestId('growth-chart').locator('figure').first().waitFor();
		await expectCleanPrint('teacher-growth');

		await page.goto(`${server.url}/mentor`);
		await page.getByRole('link', { name: 'Программа и встречи' }).first().click();
		await page.getByTestId('pair-page').waitFor();
		const pair = page.url();
		await page.goto(`${pair}/report`);
		await page.getByRole('heading', { name: 'Отчёт о реализации программы наставничества' }).first().waitFor();
		await expectCleanPrint('mentor-report');
		await page.goto(`${pair}/journal`);
		await page.getByRole('heading', { name: 'Журнал наставника' }).first().waitFor();
		await expectCleanPrint('mentor-journal', true);

		await actAsRole('school_methodist', '/methodist');
		await page.goto(`${server.url}/methodist/mentoring`);
		await page.getByTestId('current-pairs').getByRole('link').first().click();
		await page.getByTestId('programme-editor').waitFor();
		await page.goto(`${page.url()}/print`);
		await page.getByTestId('meetings-table').waitFor();
		await expectCleanPrint('mentoring-programme');
	});

	it('prints the municipal note without overprinting', async () => {
		await page.goto(`${server.url}/municipal`);
		await actAsRole('municipal_methodist', '/municipal');
		await page.getByTestId('schools').waitFor();
		await page.goto(`${server.url}/methodist/report`);
		await page.getByTestId('note-schools').waitFor();
		await page.getByTestId('analytical-note').locator('[data-testid="heatmap"]').waitFor();
		await expectCleanPrint('note-municipal');
	});

	it('prints the note of a municipality of 60 schools without overprinting or cutting', async () => {
		await page.goto(`${server.url}/municipal`);
		await actAsRole('municipal_methodist', '/municipal');
		await growMunicipality(page, 60);
		await page.goto(`${server.url}/methodist/report`);
		const schools = page.getByTestId('note-schools');
		await schools.waitFor();
		await expect.poll(() => schools.locator('tbody tr').count()).toBe(61);
		await page.getByTestId('analytical-note').locator('[data-testid="heatmap"]').waitFor();
		await expectCleanPrint('note-municipal-60');
	});
});
