// What every bench part runs against: the production build served as a static host serves it, and
// the trivial SvelteKit app (scripts/bench/trivial-app) built and served the same way, for the
// baseline. `npm run bench` makes one and passes it to every part; a part run alone
// (`node scripts/bench/<part>.mjs`) makes its own through runAlone().
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../lib/browser.mjs';
import { ensureBuild } from '../lib/build.mjs';
import { serve } from '../lib/server.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TRIVIAL_SOURCE = resolve(ROOT, 'scripts/bench/trivial-app');
const TRIVIAL_DIR = resolve(ROOT, '.tmp/trivial-app');
const LOCK = '/tmp/build.lock';

/**
 * One printed row. `ok` is null for a row printed for reference only, with no goal of its own (the
 * writes at 4× CPU: the issue sets their goal unthrottled).
 * @typedef {{ what: string, goal: string, measured: string, baseline: string | null, ok: boolean | null }} Row
 */
/**
 * @typedef {{ buildDir: string, url: string, trivialUrl: string | null, trivialDir: string | null,
 *   launch: typeof launch, cpuThrottle: number }} BenchContext
 */

function flockAvailable() {
	try {
		execFileSync('flock', ['--version'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

/**
 * The production build in `outDir`, unless `--no-build` finds one there. Builds share .svelte-kit/,
 * so on a machine where several people build at once (flock present) the build waits its turn.
 * @param {string} outDir
 */
export function buildApp(outDir) {
	const reuse = process.argv.includes('--no-build');
	if (reuse && existsSync(`${outDir}/index.html`)) return;
	if (!flockAvailable()) return ensureBuild(false, { outDir });
	execFileSync(
		'flock',
		[LOCK, process.execPath, 'node_modules/vite/bin/vite.js', 'build', '--mode', 'production', '--logLevel', 'warn'],
		{ cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production', BUILD_DIR: outDir } }
	);
}

/**
 * The trivial app, copied out of the source tree (its .svelte-kit/ and build/ stay in .tmp/) and
 * built with the project's own Svelte, SvelteKit and Vite: .tmp/ is inside the project, so Node
 * finds the project's node_modules from there.
 * @returns {string} the build folder
 */
export function buildTrivialApp() {
	rmSync(TRIVIAL_DIR, { recursive: true, force: true });
	mkdirSync(TRIVIAL_DIR, { recursive: true });
	// Without the tsconfig.json that is there only for the project's ESLint: SvelteKit would ask
	// for it to extend its generated one.
	cpSync(TRIVIAL_SOURCE, TRIVIAL_DIR, { recursive: true, filter: (src) => !src.endsWith('tsconfig.json') });
	execFileSync(
		process.execPath,
		[resolve(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--mode', 'production', '--logLevel', 'error'],
		{ cwd: TRIVIAL_DIR, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } }
	);
	return resolve(TRIVIAL_DIR, 'build');
}

/**
 * Build and serve the app and the trivial app.
 * @returns {Promise<BenchContext & { stop: () => Promise<void> }>}
 */
export async function benchContext() {
	process.chdir(ROOT);
	const buildDir = process.env.BUILD_DIR || 'build-bench';
	console.log(`Building the app into ${buildDir}…`);
	buildApp(buildDir);
	console.log('Building the trivial SvelteKit app into .tmp/trivial-app/build…');
	const trivialDir = buildTrivialApp();
	const app = await serve(buildDir, { copy: false });
	const trivial = await serve(trivialDir, { copy: false });
	return {
		buildDir,
		url: app.url,
		trivialDir,
		trivialUrl: trivial.url,
		launch,
		cpuThrottle: 4,
		stop: async () => {
			await app.stop();
			await trivial.stop();
		}
	};
}

/** @param {string} text */
const cell = (text) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/**
 * The rows as one Markdown table.
 * @param {Row[]} rows
 */
export function table(rows) {
	const lines = [
		'| what | goal | measured | trivial app | ok |',
		'|---|---|---|---|---|',
		...rows.map(
			(r) =>
				`| ${cell(r.what)} | ${cell(r.goal)} | ${cell(r.measured)} | ${cell(r.baseline ?? '—')} | ${r.ok === null ? '—' : r.ok ? 'yes' : '**no**'} |`
		)
	];
	return lines.join('\n');
}

/**
 * Run a part when its file is the script node was started with: build, serve, print its rows.
 * @param {string} moduleUrl the part's import.meta.url
 * @param {(ctx: BenchContext) => Promise<Row[]>} run
 */
export async function runAlone(moduleUrl, run) {
	if (!process.argv[1] || resolve(process.argv[1]) !== fileURLToPath(moduleUrl)) return;
	const ctx = await benchContext();
	try {
		console.log(`\n${table(await run(ctx))}`);
	} finally {
		await ctx.stop();
	}
}

/**
 * Figures of several runs.
 * @param {number[]} values
 */
export function stats(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const at = (/** @type {number} */ q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
	const mid = sorted.length / 2;
	const median =
		sorted.length % 2 ? (sorted[Math.floor(mid)] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
	return { min: sorted[0] ?? NaN, max: sorted.at(-1) ?? NaN, median, p95: at(0.95) };
}
