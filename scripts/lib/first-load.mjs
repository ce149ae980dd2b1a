// First load: the JavaScript a route requests before its content appears, with each file's size
// taken from the build (gzip -9), measured in the real browser. Shared by `npm run size` (the
// budgets CI enforces) and the bench (five runs per route, to show the figure is stable).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch } from './browser.mjs';
import { actAs } from './demo.mjs';

/** The teacher home's heading: the greeting, once the demo (or her profile) is loaded. */
export const TEACHER_HOME = '[data-testid="teacher-home"] h1';
/** On an empty guest device the home is the welcome card, under the home's (visually hidden) h1. */
export const WELCOME = TEACHER_HOME;
/**
 * A dashboard's heading (the school's or the municipality's name): with the school's tiles and staff
 * list, or above the municipality's figures, which follow it (the dashboards bench times those).
 */
export const DASHBOARD = 'main h1';

/**
 * The routes the budgets cover: the start URL and the teacher home on an empty guest device (a
 * first visit), the dashboards with the demo school loaded (they have nothing to show without it).
 * @type {{ route: string, marker: string, demo: boolean, role: string, budget: number }[]}
 */
export const ROUTES = [
	{ route: '/', marker: WELCOME, demo: false, role: 'teacher', budget: 70 * 1024 },
	{ route: '/teacher', marker: WELCOME, demo: false, role: 'teacher', budget: 70 * 1024 },
	// The goal for the dashboards is 100 kB. /methodist paints from the early reader, as the
	// teacher's home does (67.5 kB on 2026-12-08): 80 kB holds that, and fails should Dexie (~28.6 kB)
	// come back before its heading — which 100 kB would let through.
	{ route: '/methodist', marker: DASHBOARD, demo: true, role: 'school_methodist', budget: 80 * 1024 },
	// /municipal paints its heading before Dexie too (58.7 kB on 2026-12-08), its figures after.
	{ route: '/municipal', marker: DASHBOARD, demo: true, role: 'municipal_methodist', budget: 80 * 1024 }
];

/**
 * An init script. The moment the marker enters the DOM is taken inside the page, so the cut
 * between "before content" and "after" does not depend on how fast this process hears of it.
 * @param {string} selector
 */
function markContent(selector) {
	// A route loads well over the default 250 resources' worth of entries on a slow day.
	performance.setResourceTimingBufferSize(2000);
	const mark = () => {
		// @ts-expect-error a property of our own on window
		if (!window.__contentAt && document.querySelector(selector)) window.__contentAt = performance.now();
	};
	new MutationObserver(mark).observe(document, { childList: true, subtree: true });
}

/**
 * The paths of the JavaScript files `page` requested from the start of its navigation to `route`
 * until `marker` appeared.
 * @param {import('playwright-core').Page} page
 * @param {string} url the served build
 * @param {string} route
 * @param {string} marker a CSS selector
 * @returns {Promise<{ scripts: string[], contentAt: number }>}
 */
export async function scriptsBeforeContent(page, url, route, marker) {
	await page.addInitScript(markContent, marker);
	await page.goto(url + route);
	await page.waitForFunction(() => typeof (/** @type {any} */ (window).__contentAt) === 'number', null, {
		timeout: 60_000
	});
	return page.evaluate(() => {
		const contentAt = /** @type {number} */ (/** @type {any} */ (window).__contentAt);
		const scripts = performance
			.getEntriesByType('resource')
			.filter((e) => new URL(e.name).pathname.endsWith('.js') && e.startTime <= contentAt)
			.map((e) => new URL(e.name).pathname);
		return { scripts: [...new Set(scripts)], contentAt };
	});
}

/**
 * @param {string} buildDir
 * @param {string[]} paths
 * @returns {{ files: { path: string, raw: number, gzip: number }[], total: number }}
 */
export function gzipSizes(buildDir, paths) {
	const files = paths.map((path) => {
		const bytes = readFileSync(resolve(buildDir, `.${path}`));
		return { path, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
	});
	files.sort((a, b) => b.gzip - a.gzip);
	return { files, total: files.reduce((s, f) => s + f.gzip, 0) };
}

/**
 * One first load in a browser of its own, without a service worker (its precache would fetch
 * every chunk, not just what the route needs).
 * @param {{ buildDir: string, url: string, route: string, marker: string, dir?: string, role?: string }} options
 *   dir: a profile folder to reuse (one holding the demo school); else a fresh, empty one.
 *   role: the guest's last role, set before the app starts.
 */
export async function firstLoad({ buildDir, url, route, marker, dir, role }) {
	const context = await launch({ serviceWorkers: 'block', deviceScaleFactor: 1, dir });
	try {
		if (role) await actAs(context, role);
		const page = context.pages()[0] ?? (await context.newPage());
		const { scripts, contentAt } = await scriptsBeforeContent(page, url, route, marker);
		if (scripts.length === 0)
			throw new Error(`no JavaScript was measured on ${route}: the page did not load as expected`);
		return { ...gzipSizes(buildDir, scripts), contentAt };
	} finally {
		await context.close();
	}
}

/** @param {number} bytes */
export const kb = (bytes) => (bytes / 1024).toFixed(1);
