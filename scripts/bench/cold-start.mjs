// Bench part: the offline cold start. A phone that has the app installed (service worker active,
// precache filled, the demo school loaded) and no network opens the start URL; measured from
// navigation start to the teacher home's heading in the page, at 4× CPU throttle, median of 5.
// Each run is a new tab, with the service worker stopped first, so it starts as it would after
// the phone killed it. Also listed: long tasks over 50 ms before the content, and when the first
// IndexedDB open was called and answered. The trivial app, to its h1, is the baseline.
import { loadDemo, actAs } from '../lib/demo.mjs';
import { TEACHER_HOME } from '../lib/first-load.mjs';
import { runAlone, stats } from './context.mjs';

const RUNS = 5;

/**
 * An init script: what happens before the content appears, timed inside the page.
 * @param {string} selector
 */
function probe(selector) {
	const w = /** @type {any} */ (window);
	w.__longtasks = [];
	try {
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) w.__longtasks.push([Math.round(e.startTime), Math.round(e.duration)]);
		}).observe({ type: 'longtask', buffered: true });
	} catch {
		// No Long Tasks API: none are listed.
	}
	// The first IndexedDB open: when it was asked for and when the database was there.
	const open = IDBFactory.prototype.open;
	IDBFactory.prototype.open = function (...args) {
		const request = open.apply(this, /** @type {[string, number?]} */ (args));
		if (w.__idbOpenAt === undefined) {
			w.__idbOpenAt = performance.now();
			request.addEventListener('success', () => (w.__idbOpenedAt ??= performance.now()));
		}
		return request;
	};
	const mark = () => {
		if (!w.__contentAt && document.querySelector(selector)) w.__contentAt = performance.now();
	};
	new MutationObserver(mark).observe(document, { childList: true, subtree: true });
}

/**
 * @typedef {{ contentAt: number, longtasks: [number, number][], idbOpenAt: number | null,
 *   idbOpenedAt: number | null, workerStart: number, responseEnd: number }} Run
 */

/**
 * @param {import('./context.mjs').BenchContext} ctx
 * @param {{ url: string, marker: string, demo: boolean }} options
 * @returns {Promise<Run[]>}
 */
async function coldStarts(ctx, { url, marker, demo }) {
	const context = await ctx.launch({ serviceWorkers: 'allow' });
	try {
		if (demo) await actAs(context, 'teacher');
		const first = context.pages()[0] ?? (await context.newPage());
		if (demo) await loadDemo(first, url);
		await first.goto(`${url}/`);
		// The app registers its worker once the first screen is idle; ready is the worker active,
		// which is after its install filled the precache.
		await first.evaluate(async () => {
			await navigator.serviceWorker.ready;
			if (!(await caches.keys()).length) throw new Error('the service worker cached nothing');
		});
		await first.close();
		await context.setOffline(true);
		/** @type {Run[]} */
		const runs = [];
		for (let i = 0; i < RUNS; i++) {
			const page = await context.newPage();
			const cdp = await context.newCDPSession(page);
			await cdp.send('Emulation.setCPUThrottlingRate', { rate: ctx.cpuThrottle });
			await cdp.send('ServiceWorker.enable');
			await cdp.send('ServiceWorker.stopAllWorkers');
			await page.addInitScript(probe, marker);
			await page.goto(`${url}/`, { waitUntil: 'commit' });
			await page.waitForFunction(() => typeof (/** @type {any} */ (window).__contentAt) === 'number', null, {
				timeout: 60_000
			});
			runs.push(
				await page.evaluate(() => {
					const w = /** @type {any} */ (window);
					const nav = /** @type {PerformanceNavigationTiming} */ (performance.getEntriesByType('navigation')[0]);
					return {
						contentAt: w.__contentAt,
						longtasks: w.__longtasks.filter((/** @type {[number, number]} */ [start]) => start < w.__contentAt),
						idbOpenAt: w.__idbOpenAt ?? null,
						idbOpenedAt: w.__idbOpenedAt ?? null,
						workerStart: nav.workerStart,
						responseEnd: nav.responseEnd
					};
				})
			);
			await page.close();
		}
		return runs;
	} finally {
		await context.close();
	}
}

/** @param {number} ms */
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
/** @param {number | null} ms */
const at = (ms) => (ms === null ? '—' : `${Math.round(ms)} ms`);

/** @param {Run} r */
function timeline(r) {
	const tasks = r.longtasks.map(([start, duration]) => `${duration} ms at ${start}`).join(', ') || 'none';
	return (
		`worker started ${at(r.workerStart)}, page answered ${at(r.responseEnd)}, ` +
		`IndexedDB open called ${at(r.idbOpenAt)} (open ${at(r.idbOpenedAt)}), content ${at(r.contentAt)}; ` +
		`long tasks before content: ${tasks}`
	);
}

/** @param {Run[]} runs the median run, by content time */
const medianRun = (runs) => /** @type {Run} */ ([...runs].sort((a, b) => a.contentAt - b.contentAt)[runs.length >> 1]);

/** @param {import('./context.mjs').BenchContext} ctx */
export async function run(ctx) {
	let trivial = null;
	if (ctx.trivialUrl) {
		trivial = await coldStarts(ctx, { url: ctx.trivialUrl, marker: 'h1', demo: false });
		for (const r of trivial) console.log(`cold start, trivial app: ${timeline(r)}`);
	}
	const app = await coldStarts(ctx, { url: ctx.url, marker: TEACHER_HOME, demo: true });
	for (const r of app) console.log(`cold start, /: ${timeline(r)}`);

	const times = stats(app.map((r) => r.contentAt));
	const median = medianRun(app);
	const tasks = median.longtasks.map(([, d]) => d);
	const trivialTimes = trivial && stats(trivial.map((r) => r.contentAt));
	const trivialTasks = trivial && medianRun(trivial).longtasks.map(([, d]) => d);
	const list = (/** @type {number[]} */ d) =>
		d.length ? `${d.length}: ${d.map((x) => `${x} ms`).join(', ')}` : 'none';
	return [
		{
			what: `offline cold start to the teacher home's heading, ${ctx.cpuThrottle}× CPU (median of ${RUNS})`,
			goal: '≤ 1 s',
			measured: `${s(times.median)} (runs ${s(times.min)}–${s(times.max)}; IndexedDB open called at ${at(median.idbOpenAt)})`,
			baseline: trivialTimes && `${s(trivialTimes.median)} (runs ${s(trivialTimes.min)}–${s(trivialTimes.max)})`,
			ok: times.median <= 1000
		},
		{
			what: `long tasks over 50 ms before the home's content, ${ctx.cpuThrottle}× CPU (median run)`,
			goal: 'none',
			measured: list(tasks),
			baseline: trivialTasks && list(trivialTasks),
			ok: tasks.length === 0
		}
	];
}

await runAlone(import.meta.url, run);
