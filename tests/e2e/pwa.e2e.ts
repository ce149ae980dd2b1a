import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launch } from './chromium';
import { serve, type Server } from './server';

let server: Server;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
	server = await serve(inject('buildDir'));
	context = await launch({ phone: false });
	page = context.pages()[0] ?? (await context.newPage());
});

afterAll(async () => {
	await context?.close();
	await server?.stop();
});

interface Manifest {
	name: string;
	short_name: string;
	lang: string;
	start_url: string;
	display: string;
	theme_color: string;
	icons: { src: string; sizes: string; purpose?: string; type: string }[];
}

describe('the installable app', () => {
	it('serves a Russian manifest with 192, 512 and maskable icons and a theme colour', async () => {
		const response = await fetch(`${server.url}/manifest.webmanifest`);
		expect(response.headers.get('content-type')).toContain('application/manifest+json');
		const manifest = (await response.json()) as Manifest;
		expect(manifest).toMatchObject({
			lang: 'ru',
			short_name: 'Траектория',
			start_url: '/',
			display: 'standalone',
			theme_color: '#1f4e79'
		});
		const sizes = manifest.icons.map((i) => `${i.sizes}:${i.purpose ?? 'any'}`);
		expect(sizes).toEqual(expect.arrayContaining(['192x192:any', '512x512:any', '512x512:maskable']));
		for (const icon of manifest.icons) {
			const png = Buffer.from(await (await fetch(`${server.url}${icon.src}`)).arrayBuffer());
			// PNG signature, then the IHDR width and height match the declared size.
			expect(png.subarray(1, 4).toString()).toBe('PNG');
			expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`).toBe(icon.sizes);
		}
	});

	it('is installable in Chromium, with no installability errors', async () => {
		await page.goto(`${server.url}/teacher`);
		await page.evaluate(() => navigator.serviceWorker.ready);
		const cdp = await context.newCDPSession(page);
		const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
			installabilityErrors: { errorId: string }[];
		};
		expect(installabilityErrors.map((e) => e.errorId)).toEqual([]);
		const { url } = (await cdp.send('Page.getAppManifest')) as { url: string };
		expect(url).toBe(`${server.url}/manifest.webmanifest`);
	});

	it('offers a new version with «Доступна новая версия» and switches to it on «Обновить»', async () => {
		// The first visit installs the worker; it controls the page from the next load on.
		if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload();
		await page.waitForFunction(() => !!navigator.serviceWorker.controller);
		// A deploy: the service worker file changes on the server.
		const sw = join(server.dir, 'sw.js');
		appendFileSync(sw, `\n// deployed ${Date.now()}\n`);
		expect(readFileSync(sw, 'utf8')).toContain('deployed');
		// What the periodic check does, without waiting an hour.
		await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
		const prompt = page.getByRole('alertdialog', { name: 'Доступна новая версия' });
		await prompt.waitFor({ timeout: 20_000 });
		// The new version is installed and waits for the user: prompt mode never reloads by itself.
		expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting)).toBe(true);
		await Promise.all([page.waitForEvent('framenavigated'), prompt.getByRole('button', { name: 'Обновить' }).click()]);
		await page.waitForFunction(() => !!navigator.serviceWorker.controller);
		const after = await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.getRegistration();
			return { waiting: !!registration?.waiting, active: registration?.active?.state };
		});
		expect(after).toEqual({ waiting: false, active: 'activated' });
		await page.getByRole('button', { name: 'Загрузить демонстрационные данные' }).first().waitFor();
	});
});
