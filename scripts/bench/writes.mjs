// Bench part (issue 18): the self-assessment's writes in Chromium's real IndexedDB — one tap's
// autosave and the submit of a full self-assessment (the built-in default framework, about a
// quarter of the answers scored 0 or 1, so most competencies get a proposed deficit). A small page
// (scripts/bench/writes/) is built by Vite from the app's own source and runs the code the
// assessment screen runs — AssessmentFlow.answer / .submit → $lib/db/assessments → Dexie — timed
// with performance.now() around each awaited call. Also prints how many Dexie table calls (one
// IndexedDB request or one bulk call) a tap and a submit make, and in how many rounds, and, in the
// baseline column, the floor: the same requests in the same rounds with plain IndexedDB.
// Measured without throttling — the goals (≤ 20 ms and ≤ 10 ms p95 in real Chromium
// IndexedDB) — and, for reference, at ctx.cpuThrottle (4×): a slow phone's figures, printed without
// a goal, since plain IndexedDB alone (the baseline column) takes about the goal there.
// `node scripts/bench/writes.mjs` builds the page, runs it and prints its rows; `npm run bench`
// calls run(ctx) (only ctx.launch and ctx.cpuThrottle are used: the page needs no app build).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch as defaultLaunch } from '../lib/browser.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PAGE = 'scripts/bench/writes/index.html';
const OUT = resolve(ROOT, '.tmp/bench-writes');
/**
 * WRITES_LIB=<folder> builds the page against another copy of src/lib (say, one with the files of
 * an older commit) to compare before and after under the same machine load.
 */
const LIB = resolve(ROOT, process.env.WRITES_LIB || 'src/lib');
/** Self-assessments filled in and submitted (one teacher each), after WARMUP not counted. */
const RUNS = 40;
const WARMUP = 5;
const LOW_SHARE = 0.25;
const GOALS = { tap: 10, submit: 20 };

/** The page, built from the app's source with the unit tests' aliases (no SvelteKit needed). */
async function buildPage() {
	const { build } = await import('vite');
	const { svelte } = await import('@sveltejs/vite-plugin-svelte');
	// An empty NODE_ENV would build Svelte in dev mode (see vite.config.ts): not what users run.
	if (!process.env.NODE_ENV) process.env.NODE_ENV = 'production';
	await build({
		configFile: false,
		root: ROOT,
		base: './',
		mode: 'production',
		logLevel: 'warn',
		plugins: [svelte()],
		define: { __APP_VERSION__: JSON.stringify('bench') },
		resolve: { alias: { $lib: LIB } },
		build: { outDir: OUT, emptyOutDir: true, rollupOptions: { input: resolve(ROOT, PAGE) } }
	});
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** @param {string} dir @returns {Promise<{ url: string, stop: () => Promise<void> }>} */
function serveDir(dir) {
	const server = createServer(async (req, res) => {
		const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
		const file = join(dir, path);
		if (!file.startsWith(dir)) return res.writeHead(403).end();
		try {
			const body = await readFile(file);
			res.writeHead(200, {
				'content-type': TYPES[/** @type {keyof TYPES} */ (extname(file))] ?? 'application/octet-stream'
			});
			res.end(body);
		} catch {
			res.writeHead(404).end();
		}
	});
	return new Promise((done) =>
		server.listen(0, '127.0.0.1', () => {
			const address = /** @type {import('node:net').AddressInfo} */ (server.address());
			done({ url: `http://127.0.0.1:${address.port}`, stop: () => new Promise((s) => server.close(() => s())) });
		})
	);
}

/** Nearest-rank percentile. @param {number[]} values @param {number} q */
function percentile(values, q) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

/**
 * @param {string} what @param {number[]} samples @param {number | null} goal null: for reference
 * @param {string} note
 * @param {number[]} floor the same requests with plain IndexedDB (the baseline column)
 * @param {string} floorRounds how the floor's requests go
 * @returns {import('./context.mjs').Row}
 */
function row(what, samples, goal, note, floor, floorRounds) {
	const p50 = percentile(samples, 0.5);
	const p95 = percentile(samples, 0.95);
	return {
		what,
		goal: goal === null ? 'for reference (the goal is unthrottled)' : `≤ ${goal} ms p95`,
		measured: `p50 ${fmt(p50)} ms, p95 ${fmt(p95)} ms (n=${samples.length}; ${note})`,
		baseline: `plain IndexedDB, ${floorRounds}: p50 ${fmt(percentile(floor, 0.5))} ms, p95 ${fmt(percentile(floor, 0.95))} ms`,
		ok: goal === null ? null : p95 <= goal
	};
}

/** @param {number} ms */
const fmt = (ms) => (ms < 10 ? ms.toFixed(1) : ms.toFixed(0));

/**
 * @param {{ launch?: typeof defaultLaunch }} [ctx]
 * @returns {Promise<import('./context.mjs').Row[]>}
 */
export async function run(ctx = {}) {
	await buildPage();
	const served = await serveDir(OUT);
	const context = await (ctx.launch ?? defaultLaunch)({ phone: false, serviceWorkers: 'block' });
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		await page.goto(`${served.url}/${PAGE}`);
		await page.waitForFunction(() => 'writesBench' in window);
		const options = { runs: RUNS, warmup: WARMUP, lowShare: LOW_SHARE, seed: 18 };
		const cdp = await context.newCDPSession(page);
		/** @type {import('./context.mjs').Row[]} */
		const rows = [];
		for (const throttle of [1, ctx.cpuThrottle ?? 4]) {
			await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
			/** @type {import('./writes/main.ts').Result} */
			const result = await page.evaluate((o) => /** @type {any} */ (window).writesBench(o), options);
			const cpu = throttle === 1 ? '' : `, ${throttle}× CPU`;
			const rounds = `${result.submitCalls.length} requests in ${result.submitRounds} rounds`;
			const deficits = result.deficits.reduce((a, b) => a + b, 0) / result.deficits.length;
			rows.push(
				row(
					`submit of a full self-assessment, IndexedDB${cpu} (p95)`,
					result.submits,
					throttle === 1 ? GOALS.submit : null,
					`${result.indicators} indicators, on average ${deficits.toFixed(1)} of ${result.competencies} competencies with a deficit; ${rounds}`,
					result.floorSubmits,
					'the same requests in 3 rounds'
				),
				row(
					`one tap's autosave${cpu} (p95)`,
					result.taps,
					throttle === 1 ? GOALS.tap : null,
					`${result.tapCalls.length} requests in ${result.tapRounds} rounds`,
					result.floorTaps,
					'the same requests in 2 rounds'
				)
			);
			if (process.env.WRITES_CALLS) console.log({ throttle, tap: result.tapCalls, submit: result.submitCalls });
		}
		return rows;
	} finally {
		await context.close();
		await served.stop();
	}
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const { table } = await import('./context.mjs');
	const rows = await run();
	console.log(`\n${table(rows)}`);
}
