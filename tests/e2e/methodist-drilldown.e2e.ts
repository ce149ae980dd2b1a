import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { seriousViolations } from './axe';
import { launch } from './chromium';
import { overflowing } from './layout';
import { serve, type Server } from './server';

/**
 * Issue 6's drill-down for the school methodist, in guest mode with the demo school: from the
 * staff list on the school dashboard to one teacher's growth — the same figures the teacher sees
 * on «Мой рост», their open deficits, the plan's completion and overdue actions, lessons observed
 * — read-only, fitting a 360 px phone, and a clear message for an id that is not one of the school's.
 */
// Pictures for docs/ go to SHOT_DIR (npm run screenshots sets it); a plain test run never
// writes tracked files.
const SHOTS = process.env.SHOT_DIR ?? `${process.env.E2E_TMP ?? '.tmp'}/e2e-shots`;
const TEACHER = 'Корнилов Артём Денисович';

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

/** A figure of the teacher's summary by its label. */
function stat(label: string) {
	return page
		.getByTestId('teacher-summary')
		.locator('li')
		.filter({ has: page.getByText(label, { exact: true }) })
		.locator('strong');
}

let teacherUrl = '';

describe('the school methodist’s drill-down to a teacher', () => {
	it('leads from a name in the staff list to that teacher’s growth, deficits and plan, agreeing with the list', async () => {
		await page.getByLabel('Роль', { exact: true }).selectOption('school_methodist');
		await page.waitForURL('**/methodist');
		const row = page
			.getByTestId('staff-list')
			.locator('li')
			.filter({ has: page.getByRole('link', { name: TEACHER, exact: true }) });
		await row.waitFor();
		const cell = (term: string) =>
			row
				.locator('dl div')
				.filter({ has: page.getByText(term, { exact: true }) })
				.locator('dd')
				.textContent();
		const listedDeficits = (await cell('Открытые дефициты'))?.trim();
		const listedPlan = (await cell('ИОМ'))?.trim();

		await row.getByRole('link', { name: TEACHER, exact: true }).click();
		await page.waitForURL('**/methodist/teacher/*');
		teacherUrl = page.url();
		await page.getByRole('heading', { level: 1, name: TEACHER }).waitFor();
		await expect.poll(() => page.getByText('Молодой специалист', { exact: true }).count()).toBe(1);
		expect(await page.getByText(/^Предметы: /).textContent()).toMatch(/математика/i);

		// The summary and the staff list count the same things.
		expect(await stat('Открытых дефицитов').textContent()).toBe(listedDeficits);
		expect(await stat('ИОМ выполнен').textContent()).toBe(listedPlan);
		expect(Number(await stat('Просрочено действий ИОМ').textContent())).toBeGreaterThanOrEqual(0);
		expect(Number(await stat('Посещено уроков в этом году').textContent())).toBeGreaterThanOrEqual(0);

		// The teacher's growth as on «Мой рост»: the chart by stage, growth per group for the year, the year's deficits.
		await page.getByTestId('growth-chart').locator('svg').filter({ visible: true }).first().waitFor();
		const year = page.getByRole('region', { name: /^Прирост за \d{4}\/\d{4} учебный год$/ }).first();
		await year.waitFor();
		expect(await year.textContent()).toContain('Метапредметные компетенции');
		expect(await year.textContent()).toMatch(/Есть прирост|Прироста нет|нет данных/);
		expect(await page.getByRole('region', { name: 'Дефициты за год' }).textContent()).toMatch(
			/Выявлено: \d+ · преодолено: \d+ · в работе сейчас: \d+/
		);

		// Open deficits: competency and status, as many as the list counts.
		const deficits = page.getByTestId('open-deficits').locator('li');
		expect(await deficits.count()).toBe(Number(listedDeficits));
		for (const text of await deficits.allTextContents()) expect(text).toMatch(/^\S.* (Выявлен|В работе)$/);

		// Nothing here changes the teacher's records: the one button opens the methodist's own
		// recommendation form (issue 17); no link into the methodist's own teacher screens.
		expect(await page.locator('#content .page').getByRole('button').allTextContents()).toEqual([
			'Написать рекомендацию'
		]);
		expect(await page.locator('#content .page a[href^="/teacher"]').count()).toBe(0);

		// The «demo school loaded» notice is not part of the screen being documented.
		for (const close of await page.getByRole('button', { name: 'Скрыть' }).all()) await close.click();
		await page.screenshot({ path: `${SHOTS}/methodist-teacher.png`, fullPage: true });
		expect(await seriousViolations(page)).toEqual([]);
	});

	it('fits a 360 px phone with no serious or critical axe violation', async () => {
		await page.setViewportSize({ width: 360, height: 640 });
		await page.reload();
		await page.getByRole('heading', { level: 1, name: TEACHER }).waitFor();
		await page.getByTestId('growth-chart').locator('svg').filter({ visible: true }).first().waitFor();
		expect(await overflowing(page)).toEqual([]);
		expect(await seriousViolations(page)).toEqual([]);
		await page.setViewportSize({ width: 1280, height: 800 });
	});

	it('goes back to the school', async () => {
		await page.goto(teacherUrl);
		await page.getByRole('link', { name: 'К школе' }).click();
		await page.waitForURL('**/methodist');
		await page.getByTestId('staff-list').waitFor();
	});

	it('shows «not found or no access» and no data for an id that is not a teacher of the school', async () => {
		await page.goto(`${server.url}/methodist/teacher/00000000-0000-4000-8000-000000000000`);
		const alert = page.getByTestId('teacher-not-found');
		await alert.waitFor();
		expect(await alert.textContent()).toBe(
			'Педагог не найден или нет доступа: здесь можно открыть только педагога своей школы.'
		);
		expect(await page.getByTestId('teacher-summary').count()).toBe(0);
		expect(await page.getByTestId('growth-chart').count()).toBe(0);
		expect(await overflowing(page)).toEqual([]);
	});
});
