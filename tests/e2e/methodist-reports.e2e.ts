import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launch } from './chromium';
import { serve, type Server } from './server';
import { readXlsx } from '../../src/lib/features/account/xlsx-read';

/**
 * Issue 6's reports in guest mode with the demo school, on a desktop-sized window (methodists
 * work on a PC): the staff import (a CSV with two bad rows: problems shown, nothing written,
 * fixed, applied, re-imported without change), the school methodist's indicators with
 * numerator/denominator and «нет данных», the XLSX export holding the figures on screen, the
 * analytical note printing to A4, the municipal dashboard with its withheld schools and ШНОР/ШНСУ
 * list, and the municipal analytical note. Screenshots go to SHOT_DIR.
 */
// Pictures for docs/ go to SHOT_DIR (npm run screenshots sets it); a plain test run never
// writes tracked files.
const SHOTS = process.env.SHOT_DIR ?? `${process.env.E2E_TMP ?? '.tmp'}/e2e-shots`;

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
	// The table is drawn before its rows: the report is computed (and its chunk fetched) after the
	// dashboard's heading is up.
	await page.locator('[data-testid="indicators"] tbody tr').first().waitFor();
	return page.locator('[data-testid="indicators"] tbody tr').evaluateAll((rows) =>
		rows.map((tr) => ({
			code: tr.getAttribute('data-code') ?? '',
			value: tr.querySelector('.value')?.textContent?.trim() ?? '',
			count: tr.querySelector('.count')?.textContent?.trim() ?? ''
		}))
	);
}

/** A PDF whose every page is A4 portrait (595 × 842 points). */
function expectA4(pdf: Buffer): void {
	expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
	const text = pdf.toString('latin1');
	const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [
		Number(m[1]),
		Number(m[2])
	]);
	expect(boxes.length).toBeGreaterThan(1);
	for (const [w, h] of boxes) {
		expect(Math.abs(w! - 595)).toBeLessThan(2);
		expect(Math.abs(h! - 842)).toBeLessThan(2);
	}
}

/** The staff file in the documented format (docs/staff-import.md) for the demo school. */
const SCHOOL = 'МБОУ «Кадниковская средняя школа»';
const HEADER =
	'ФИО;ОО;Дата рождения;Педагогический стаж;Образование;Квалификационная категория;Срок действия категории;Предмет;E-mail';
function staffCsv(fixed: boolean): string {
	const rows = [
		[
			'Орлова Светлана Петровна',
			SCHOOL,
			'14.02.1988',
			'9',
			'высшее',
			'первая',
			'31.05.2028',
			'биология',
			'orlova@kadnikov.example'
		],
		[
			'Жуков Денис Андреевич',
			SCHOOL,
			'1995-06-30',
			'3',
			'высшее',
			'без категории',
			'',
			'физика',
			'zhukov@kadnikov.example'
		],
		// Line 4: 31 February is no date.
		[
			'Мельникова Ольга Ивановна',
			SCHOOL,
			fixed ? '21.02.1979' : '31.02.1979',
			'22',
			'высшее',
			'высшая',
			'25.12.2029',
			'"история, обществознание"',
			''
		],
		[
			'Тихонов Артём Сергеевич',
			SCHOOL,
			'05.10.2000',
			'1',
			'среднее профессиональное',
			'',
			'',
			'физическая культура',
			'tikhonov@kadnikov.example'
		],
		// Line 6: a typo in the education.
		[
			'Зайцева Наталья Викторовна',
			SCHOOL,
			'17.08.1972',
			'28',
			fixed ? 'высшее' : 'вышее',
			'соответствие занимаемой должности',
			'15.04.2027',
			'начальные классы',
			''
		],
		['Павлов Кирилл Олегович', SCHOOL, '2001-03-09', '0', 'высшее', 'нет', '', 'информатика', 'pavlov@kadnikov.example']
	];
	return [HEADER, ...rows.map((r) => r.join(';'))].join('\r\n') + '\r\n';
}
const NEW_PEOPLE = [
	'Орлова Светлана Петровна',
	'Жуков Денис Андреевич',
	'Мельникова Ольга Ивановна',
	'Тихонов Артём Сергеевич',
	'Зайцева Наталья Викторовна',
	'Павлов Кирилл Олегович'
];

async function chooseStaffFile(csv: string): Promise<void> {
	await page
		.getByLabel('Файл со списком сотрудников (CSV или XLSX)')
		.setInputFiles({ name: 'кадры.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf-8') });
	await page.getByRole('heading', { level: 3, name: 'Проверка файла «кадры.csv»' }).waitFor();
}

async function staffNames(): Promise<string[]> {
	return page.getByTestId('people-list').locator('li .name').allTextContents();
}

async function teachersStat(): Promise<number> {
	return Number(
		await page
			.locator('.stats li')
			.filter({ has: page.getByText('Педагогов', { exact: true }) })
			.locator('strong')
			.textContent()
	);
}

let year = '';
let teachersBefore = 0;

describe('the methodists’ reports', () => {
	it('import a staff CSV: two bad rows listed by line, column and reason with nothing written, then fixed and applied once', async () => {
		await actAsRole('school_methodist', '/methodist');
		await page.locator('.stats').waitFor();
		teachersBefore = await teachersStat();
		expect(teachersBefore).toBeGreaterThan(0);

		await page.goto(`${server.url}/methodist/people`);
		// The whole list: the page draws it once the database is open and the methodist known, and
		// may draw it again as they arrive.
		await expect.poll(staffNames).toHaveLength(teachersBefore);
		const before = await staffNames();

		await chooseStaffFile(staffCsv(false));
		const problems = page.getByRole('table', { name: 'Ошибки в файле' });
		await problems.locator('tbody tr').nth(1).waitFor();
		const lines = await problems
			.locator('tbody tr')
			.evaluateAll((rows) =>
				rows.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? ''))
			);
		expect(lines).toEqual([
			['4', 'Дата рождения', '«31.02.1979» — не дата. Пишите ДД.ММ.ГГГГ, например 12.03.1985.'],
			['6', 'Образование', '«вышее» — укажите «высшее» или «среднее профессиональное».']
		]);
		await expect.poll(() => page.getByTestId('import-summary').textContent()).toContain('Новых сотрудников: 4');
		await expect
			.poll(() => page.getByTestId('import-summary').textContent())
			.toContain('2 строки с ошибками не будут загружены');
		// The preview wrote nothing, and neither does Отмена.
		await expect.poll(staffNames).toEqual(before);
		await page.getByRole('button', { name: 'Отмена' }).click();
		await expect.poll(() => problems.count()).toBe(0);
		await expect.poll(staffNames).toEqual(before);

		await chooseStaffFile(staffCsv(true));
		await expect.poll(() => page.getByTestId('import-summary').textContent()).toContain('Новых сотрудников: 6');
		expect(await problems.count()).toBe(0);
		await page.getByRole('button', { name: 'Загрузить', exact: true }).click();
		await page.getByText('Кадровый состав загружен: новых 6, изменено 0.').waitFor();
		await expect.poll(staffNames).toHaveLength(before.length + 6);
		const after = await staffNames();
		for (const name of NEW_PEOPLE) expect(after).toContain(name);

		// The same file again: every row «без изменений», nothing to write.
		await chooseStaffFile(staffCsv(true));
		await expect.poll(() => page.getByTestId('import-summary').textContent()).toContain('Без изменений: 6');
		expect(await page.getByTestId('import-summary').textContent()).toContain('Новых сотрудников: 0');
		expect(await page.getByTestId('import-summary').textContent()).toContain('Данные изменятся: 0');
		await expect.poll(() => page.getByRole('button', { name: 'Загрузить', exact: true }).isDisabled()).toBe(true);
		await page.getByRole('button', { name: 'Отмена' }).click();
		await expect.poll(staffNames).toEqual(after);
	});

	it('show the school’s indicators as value and numerator/denominator, «нет данных» where the denominator is empty', async () => {
		await page.goto(`${server.url}/methodist`);
		await page.locator('[data-testid="indicators"]').waitFor();
		// The imported teachers count on the dashboard and in every indicator's denominator.
		await expect.poll(teachersStat).toBe(teachersBefore + 6);
		year = await page.getByLabel('Учебный год').inputValue();
		// The report is computed after the heading and may be drawn twice (its live query answering
		// again): the eleven rows, once they are all there.
		await expect.poll(async () => (await indicatorRows()).length).toBe(11);
		const rows = await indicatorRows();
		expect(rows).toHaveLength(11);
		expect(rows.find((r) => r.code === 'PD_ANY')!.count).toMatch(new RegExp(` / ${teachersBefore + 6}$`));
		for (const row of rows) {
			expect(row.count, row.code).toMatch(/^\d+ \/ \d+$/);
			const [, denominator] = row.count.split(' / ').map(Number);
			if (denominator === 0) expect(row.value, row.code).toBe('нет данных');
			else expect(row.value, row.code).toMatch(/^\d+,\d\u00a0%$/);
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

	it('export the indicators table to an XLSX holding the figures on screen (a share as the share, shown in a percent format)', async () => {
		const rows = await indicatorRows();
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'Скачать XLSX: Показатели и плановые значения' }).click()
		]);
		expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
		const sheet = await readXlsx(readFileSync((await download.path())!));
		expect(sheet[0]!.cells.slice(0, 5)).toEqual(['Код', 'Показатель', 'Числитель', 'Знаменатель', 'Значение']);
		for (const row of rows) {
			const line = sheet.find((r) => r.cells[0] === row.code);
			expect(line, row.code).toBeDefined();
			const [numerator, denominator] = row.count.split(' / ');
			expect(line!.cells[2], row.code).toBe(numerator);
			expect(line!.cells[3], row.code).toBe(denominator);
			if (row.value === 'нет данных') expect(line!.cells[4], row.code).toBe('нет данных');
			else
				expect(Number(line!.cells[4]), row.code).toBeCloseTo(
					Number(row.value.replace(/\s%$/, '').replace(',', '.')) / 100,
					9
				);
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
		await expect.poll(() => note.locator('svg').count()).toBeGreaterThan(3);
		await page.screenshot({ path: `${SHOTS}/analytical-note.png` });
		expectA4(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
	});

	it('look at a monitoring stage: growth compared up to it, the yearly figures unchanged, and the note says which', async () => {
		await page.goto(`${server.url}/methodist`);
		await page.locator('[data-testid="indicators"]').waitFor();
		const whole = await indicatorRows();
		const stage = page.getByLabel('Этап мониторинга');
		expect(await stage.inputValue()).toBe('final');
		await stage.selectOption('entry');
		// At the entry stage nothing is compared: growth is «нет данных» for everyone, said in words.
		await expect.poll(async () => (await indicatorRows()).find((r) => r.code === 'GROWTH_META')?.count).toBe('0 / 0');
		const atEntry = await indicatorRows();
		for (const code of ['GROWTH_META', 'GROWTH_SUBJECT'])
			expect(atEntry.find((r) => r.code === code)!.value, code).toBe('нет данных');
		for (const row of atEntry.filter((r) => !r.code.startsWith('GROWTH_')))
			expect(row, row.code).toEqual(whole.find((w) => w.code === row.code));
		await page.getByText('На входном этапе сравнивать не с чем').first().waitFor();

		await stage.selectOption('intermediate');
		await page.getByRole('link', { name: 'Открыть аналитическую справку' }).click();
		await page.waitForURL('**/methodist/report?*stage=intermediate*');
		const note = page.getByTestId('analytical-note');
		await note.getByRole('heading', { level: 1, name: /^Аналитическая справка: / }).waitFor();
		expect(await note.locator('header.title').textContent()).toContain('этап: Промежуточный');
		await note.locator('[data-testid="indicators"]').waitFor();
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
		// The report is computed after the heading and may be drawn twice (its live query answering
		// again): the eleven rows, once they are all there.
		await expect.poll(async () => (await indicatorRows()).length).toBe(11);
		const rows = await indicatorRows();
		expect(rows).toHaveLength(11);
	});

	it('give the municipal methodist the analytical note for the municipality: a row per school, small ones withheld, no teacher named', async () => {
		await page.goto(`${server.url}/municipal`);
		await page.getByTestId('schools').waitFor();
		await page.getByRole('link', { name: 'Открыть аналитическую справку' }).click();
		await page.waitForURL('**/methodist/report?org=*');
		const note = page.getByTestId('analytical-note');
		await note
			.getByRole('heading', { level: 1, name: 'Аналитическая справка: Сокольский муниципальный округ' })
			.waitFor();
		// The note keeps the municipal role: the school methodist's gate does not take over.
		expect(await page.getByLabel('Роль', { exact: true }).inputValue()).toBe('municipal_methodist');
		const schools = note.getByTestId('note-schools');
		await schools.waitFor();
		expect(await schools.locator('tbody tr').count()).toBe(4);
		const withheld = await schools.locator('tr[data-suppressed="true"]').allTextContents();
		expect(withheld.length).toBeGreaterThan(0);
		for (const row of withheld) expect(row).toContain('недостаточно данных');
		const shown = schools.locator('tr[data-suppressed="false"]', { hasText: 'Кадниковская средняя школа' });
		expect(await shown.locator('td').first().textContent()).toBe(String(teachersBefore + 6));
		expect(await shown.textContent()).toMatch(/\d+,\d\s%/);
		await note.locator('[data-testid="heatmap"]').waitFor();
		const text = (await note.textContent()) ?? '';
		for (const name of NEW_PEOPLE) expect(text).not.toContain(name);
		await page.screenshot({ path: `${SHOTS}/analytical-note-municipal.png` });
		expectA4(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
	});
});
