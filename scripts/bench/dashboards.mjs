// Bench part (issue 18): the guest-mode dashboards with a large dataset — the municipal one with
// the demo municipality grown to 60 schools, the school methodist's with the demo school grown to
// about 100 teachers — timed from navigation to the dashboard's content in the page, median of 5,
// without and with a 4× CPU throttle. `node scripts/bench/dashboards.mjs` builds (unless
// `--no-build` finds one in $BUILD_DIR), serves and prints its rows; `npm run bench` calls run().
import { fileURLToPath } from 'node:url';
import { growMunicipality } from '../lib/grow-municipality.mjs';
import { growSchool } from '../lib/grow-school.mjs';

const RUNS = 5;
const SCHOOLS = 60;
const TEACHERS = 100;

/**
 * What "content" means on each dashboard: every selector present. The municipal report renders
 * at once (its heading waits for it); the school's heading comes with the staff overview and the
 * report's cards after it, so the indicators table and the heat map are waited for too.
 */
const DASHBOARDS = [
	{
		what: `guest-mode municipal dashboard, ${SCHOOLS} schools`,
		goalMs: 500,
		role: 'municipal_methodist',
		path: '/municipal',
		ready: ['main h1', '[data-testid="schools"] tbody tr', '[data-testid="indicators"]', '[data-testid="heatmap"]'],
		grow: (/** @type {import('playwright-core').Page} */ page) => growMunicipality(page, SCHOOLS).then(() => SCHOOLS),
		unit: 'schools'
	},
	{
		what: `guest-mode school dashboard, ${TEACHERS} teachers`,
		goalMs: 300,
		role: 'school_methodist',
		path: '/methodist',
		ready: ['main h1', '[data-testid="staff-list"] li', '[data-testid="indicators"]', '[data-testid="heatmap"]'],
		grow: (/** @type {import('playwright-core').Page} */ page) => growSchool(page, TEACHERS),
		unit: 'teachers'
	}
];

/** @param {number[]} values */
const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** @param {number} ms */
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

/**
 * Load the demo in guest mode on a fresh device.
 * @param {import('playwright-core').Page} page
 * @param {string} url
 */
async function loadDemo(page, url) {
	await page.goto(`${url}/teacher`);
	await page.getByRole('button', { name: 'Загрузить демонстрационные данные' }).first().click();
	await page.getByRole('heading', { level: 1, name: /^Здравствуйте/ }).waitFor({ timeout: 60_000 });
}

/**
 * Time from navigation start to the moment every `ready` selector is in the DOM, taken inside the
 * page (a MutationObserver installed before any script), so the figure does not depend on how
 * quickly this process hears of it.
 * @param {import('playwright-core').Page} page
 * @param {string} target
 */
async function timeTo(page, target) {
	await page.goto(target);
	const handle = await page.waitForFunction(() => window.__contentAt, null, { timeout: 120_000, polling: 50 });
	return /** @type {number} */ (await handle.jsonValue());
}

/**
 * @param {{ url: string, launch: (o?: object) => Promise<import('playwright-core').BrowserContext>, cpuThrottle?: number }} ctx
 * @returns {Promise<{ what: string, goal: string, measured: string, baseline: string | null, ok: boolean }[]>}
 */
export async function run(ctx) {
	const throttle = ctx.cpuThrottle ?? 4;
	const rows = [];
	for (const board of DASHBOARDS) {
		// Without a service worker: its precache would fetch every chunk alongside the route's own.
		const context = await ctx.launch({ serviceWorkers: 'block', deviceScaleFactor: 1 });
		try {
			const page = context.pages()[0] ?? (await context.newPage());
			await loadDemo(page, ctx.url);
			const size = await board.grow(page);
			await page.evaluate((role) => localStorage.setItem('trajectory.role', role), board.role);
			await page.addInitScript((selectors) => {
				const mark = () => {
					if (window.__contentAt) return;
					if (selectors.every((s) => document.querySelector(s))) window.__contentAt = performance.now();
				};
				new MutationObserver(mark).observe(document, { childList: true, subtree: true });
			}, board.ready);
			const cdp = await context.newCDPSession(page);
			/** @type {Record<number, number>} */
			const medians = {};
			for (const rate of [1, throttle]) {
				await cdp.send('Emulation.setCPUThrottlingRate', { rate });
				// One unmeasured visit first: the browser's code caches are warm on a phone used daily.
				await timeTo(page, ctx.url + board.path);
				const times = [];
				for (let i = 0; i < RUNS; i++) times.push(await timeTo(page, ctx.url + board.path));
				medians[rate] = median(times);
			}
			await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
			rows.push({
				what: board.what.replace(/\d+ (schools|teachers)$/, `${size} $1`),
				goal: `≤ ${board.goalMs} ms`,
				measured: `${fmt(medians[1])} (${fmt(medians[throttle])} at ${throttle}× CPU), median of ${RUNS}`,
				baseline: null,
				ok: medians[1] <= board.goalMs
			});
		} finally {
			await context.close();
		}
	}
	return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const { launch } = await import('../lib/browser.mjs');
	const { ensureBuild } = await import('../lib/build.mjs');
	const { serve } = await import('../lib/server.mjs');
	const buildDir = process.env.BUILD_DIR || 'build-bench';
	ensureBuild(undefined, { outDir: buildDir });
	const server = await serve(buildDir, { copy: false });
	try {
		const rows = await run({ buildDir, url: server.url, trivialUrl: null, launch, cpuThrottle: 4 });
		for (const r of rows) console.log(`${r.ok ? 'ok  ' : 'MISS'}  ${r.what}: ${r.measured} (goal ${r.goal})`);
	} finally {
		await server.stop();
	}
}
