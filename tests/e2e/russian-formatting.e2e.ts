import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launch } from './chromium';
import { serve, type Server } from './server';

/**
 * Issue 13, item 13, on a 360 px phone with the demo school: every screen a role reaches writes
 * numbers the Russian way (a decimal comma), keeps the space before a «·» separator, and the
 * bottom bar's labels are whole words, never cut with «…».
 */

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

const SCREENS = {
	teacher: [
		'/teacher',
		'/teacher/assessment',
		'/teacher/deficits',
		'/teacher/plan',
		'/teacher/growth',
		'/teacher/activities',
		'/teacher/mentoring',
		'/teacher/observations'
	],
	mentor: ['/mentor', '/mentor/observations'],
	school_methodist: ['/methodist', '/methodist/mentoring', '/methodist/people'],
	municipal_methodist: ['/municipal']
} as const;

interface Findings {
	glued: string[];
	dotDecimals: string[];
	cutLabels: string[];
}

/** What the screen shows once its data is in: text around a glued «·» or a «2.3», cut bar labels. */
function inspect(): Promise<Findings> {
	return page.evaluate(() => {
		const text = document.querySelector('main')?.innerText ?? '';
		const around = (re: RegExp) => [...text.matchAll(re)].map((m) => m[0]);
		return {
			glued: around(/.{0,20}(\S·|·\S).{0,20}/g),
			// A decimal point between digits; dates (12.03.2027) and versions are not decimals.
			dotDecimals: around(/(?<![\d.])\d+\.\d+(?![\d.])/g),
			cutLabels: [...document.querySelectorAll('nav .bar a span')]
				.filter((s) => s.scrollWidth > s.clientWidth + 0.5)
				.map((s) => s.textContent ?? '')
		};
	});
}

describe('Russian text on every screen of a phone', () => {
	for (const [role, paths] of Object.entries(SCREENS)) {
		it(`as ${role}: a decimal comma, a space before «·», bottom-bar labels not cut`, async () => {
			await page.getByLabel('Роль', { exact: true }).selectOption(role);
			await page.waitForLoadState('networkidle');
			for (const path of paths) {
				await page.goto(server.url + path);
				await page.locator('main h1, main h2').first().waitFor();
				// Lists fill in from IndexedDB after the heading.
				await page.waitForTimeout(600);
				const found = await inspect();
				expect(found.glued, `${path}: «·» glued to a word`).toEqual([]);
				expect(found.dotDecimals, `${path}: a decimal point`).toEqual([]);
				expect(found.cutLabels, `${path}: a bottom-bar label cut`).toEqual([]);
			}
		});
	}
});
