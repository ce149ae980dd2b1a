import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launch } from './chromium';
import { serve, type Server } from './server';

/**
 * Issue 15: an address the app does not have (an old bookmark, a typo) opens a Russian page in
 * the app shell with a way back, not SvelteKit's bare English «404 Not Found».
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

describe('an address the app does not have', () => {
	it('says so in Russian inside the app, and leads back to the start', async () => {
		await page.goto(`${server.url}/teacher/no-such-screen`);
		await page.getByRole('heading', { level: 1, name: 'Страница не найдена' }).waitFor();
		expect(await page.getByTestId('error-page').textContent()).not.toMatch(/Not Found/i);
		expect(await page.title()).toBe('Страница не найдена — Траектория');
		// The shell is there: the person can still reach the app's sections.
		expect(await page.getByRole('navigation').count()).toBeGreaterThan(0);
		await page.getByRole('link', { name: 'На главную' }).click();
		await page.waitForURL((url) => url.pathname !== '/teacher/no-such-screen');
		expect(await page.getByTestId('error-page').count()).toBe(0);
	});
});
