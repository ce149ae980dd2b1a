// Bench part: the JavaScript each route requests before its content appears (gzip -9 sizes from
// the build), five runs per route to show the figure is stable; the trivial SvelteKit app's `/`
// to its h1 is the baseline. `npm run size` enforces the same measurement's budgets in CI.
import { rmSync } from 'node:fs';
import { demoProfile } from '../lib/demo.mjs';
import { DASHBOARD, TEACHER_HOME, WELCOME, firstLoad, kb } from '../lib/first-load.mjs';
import { runAlone } from './context.mjs';

const RUNS = 5;

const CASES = [
	{ route: '/', marker: WELCOME, demo: false, role: 'teacher', budget: 70 },
	{ route: '/', marker: TEACHER_HOME, demo: true, role: 'teacher', budget: 70 },
	{ route: '/teacher', marker: WELCOME, demo: false, role: 'teacher', budget: 70 },
	{ route: '/teacher', marker: TEACHER_HOME, demo: true, role: 'teacher', budget: 70 },
	{ route: '/methodist', marker: DASHBOARD, demo: true, role: 'school_methodist', budget: 100 },
	{ route: '/municipal', marker: DASHBOARD, demo: true, role: 'municipal_methodist', budget: 100 }
];

/**
 * `runs` first loads; the totals' range, and the files that were not loaded every time (what makes
 * a figure unstable).
 * @param {number} runs
 * @param {() => ReturnType<typeof firstLoad>} once
 */
async function repeat(runs, once) {
	/** @type {Awaited<ReturnType<typeof firstLoad>>[]} */
	const results = [];
	for (let i = 0; i < runs; i++) results.push(await once());
	const totals = results.map((r) => r.total);
	const counts = new Map();
	for (const r of results) for (const f of r.files) counts.set(f.path, (counts.get(f.path) ?? 0) + 1);
	const sometimes = [...counts].filter(([, n]) => n < runs).map(([path, n]) => `${path} (${n} of ${runs})`);
	return { totals, min: Math.min(...totals), max: Math.max(...totals), sometimes, results };
}

/** @param {{ min: number, max: number }} r */
const range = (r) => (r.min === r.max ? `${kb(r.max)} kB` : `${kb(r.min)}–${kb(r.max)} kB`);

/** @param {import('./context.mjs').BenchContext} ctx */
export async function run(ctx) {
	let baseline = null;
	if (ctx.trivialUrl && ctx.trivialDir) {
		const trivialDir = ctx.trivialDir;
		const trivialUrl = ctx.trivialUrl;
		const trivial = await repeat(RUNS, () =>
			firstLoad({ buildDir: trivialDir, url: trivialUrl, route: '/', marker: 'h1' })
		);
		baseline = range(trivial);
		console.log(`first load, trivial app /: ${trivial.totals.map(kb).join(', ')} kB`);
	}
	const demoDir = await demoProfile(ctx.url);
	try {
		/** @type {import('./context.mjs').Row[]} */
		const rows = [];
		for (const c of CASES) {
			const state = c.demo ? 'demo loaded' : 'empty guest device';
			const r = await repeat(RUNS, () =>
				firstLoad({
					buildDir: ctx.buildDir,
					url: ctx.url,
					route: c.route,
					marker: c.marker,
					role: c.role,
					dir: c.demo ? demoDir : undefined
				})
			);
			console.log(`first load, ${c.route} (${state}): ${r.totals.map(kb).join(', ')} kB`);
			if (r.sometimes.length) console.log(`  not in every run: ${r.sometimes.join(', ')}`);
			rows.push({
				what: `JS before content, \`${c.route}\`, ${state} (gzip)`,
				goal: `≤ ${c.budget} kB`,
				measured: `${range(r)} (${RUNS} runs, ${r.results[0]?.files.length ?? 0} files)`,
				baseline,
				ok: r.max <= c.budget * 1024
			});
		}
		return rows;
	} finally {
		rmSync(demoDir, { recursive: true, force: true });
	}
}

await runAlone(import.meta.url, run);
