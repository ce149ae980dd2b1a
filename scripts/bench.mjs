// `npm run bench`: the speed goals, measured and printed (a missed goal is reported, not failed;
// the exit code is non-zero only when a part crashed). docs/performance.md says what each row is.
//
// First the browser parts (scripts/bench/<part>.mjs), against one production build (build-bench,
// or $BUILD_DIR; `--no-build` reuses it) served as a static host serves it, side by side with the
// trivial SvelteKit app (scripts/bench/trivial-app) built and served the same way; their rows are
// printed as one Markdown table. Then the database benches, as before:
// - src/lib/db/staff-import.bench-run.ts: a staff import of 5,000 rows on fake-indexeddb (a school's,
//   and a municipality's of 60 schools in guest mode);
// - tests/db/bench-staff-import.run.ts: a municipal methodist's import of 5,000 rows into 60 schools
//   through public.staff_import (preview, write, the same file again);
// - tests/db/bench.run.ts: the dashboard queries on a generated region, on a throwaway
//   PostgreSQL like the database tests (or DATABASE_URL);
// - tests/db/bench-sync.run.ts: first and empty sync pulls on a region of a million synced rows
//   (BENCH_SYNC_PAGE overrides the page size);
// - tests/db/bench-push.run.ts: sync_push throughput of one device in batches of 200 against naive
//   per-row INSERTs (BENCH_PUSH_SCHOOLS sets how many other schools' rows the database holds).
// Not part of `npm test`: none of these files matches a test layer's pattern.
//
// `--parts first-load,lighthouse` runs only those browser parts; `--no-db` skips the database benches.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { startVitest } from 'vitest/node';
import { benchContext, table } from './bench/context.mjs';

/** In this order: the cheap, quiet measurements first, Lighthouse (the longest) last. */
const PARTS = ['first-load', 'cold-start', 'writes', 'dashboards', 'lighthouse'];

const benches = [
	{ file: 'src/lib/db/staff-import.bench-run.ts', config: 'vitest.config.ts' },
	{ file: 'tests/db/bench-staff-import.run.ts', config: 'vitest.db.config.ts' },
	{ file: 'tests/db/bench.run.ts', config: 'vitest.db.config.ts' },
	{ file: 'tests/db/bench-sync.run.ts', config: 'vitest.db.config.ts' },
	{ file: 'tests/db/bench-push.run.ts', config: 'vitest.db.config.ts' }
];

/** @param {string} name */
function option(name) {
	const i = process.argv.indexOf(name);
	const inline = process.argv.find((a) => a.startsWith(`${name}=`));
	return inline ? inline.slice(name.length + 1) : i >= 0 ? process.argv[i + 1] : undefined;
}

const only = option('--parts')?.split(',');
const parts = only ? PARTS.filter((p) => only.includes(p)) : PARTS;
let failed = 0;

if (parts.length) {
	const ctx = await benchContext();
	/** @type {import('./bench/context.mjs').Row[]} */
	const rows = [];
	/** @type {string[]} */
	const notes = [];
	try {
		for (const part of parts) {
			const file = `scripts/bench/${part}.mjs`;
			if (!existsSync(file)) {
				notes.push(`${part}: skipped, ${file} does not exist yet.`);
				console.log(`\n— ${part}: skipped (${file} does not exist yet)`);
				continue;
			}
			console.log(`\n— ${part}`);
			const started = Date.now();
			try {
				const { run } = await import(pathToFileURL(file).href);
				rows.push(...(await run(ctx)));
				console.log(`  (${((Date.now() - started) / 1000).toFixed(0)} s)`);
			} catch (error) {
				failed++;
				notes.push(`${part}: crashed: ${error instanceof Error ? error.message : String(error)}`);
				console.error(`${part} crashed:`, error);
			}
		}
	} finally {
		await ctx.stop();
	}
	console.log(`\n${table(rows)}\n`);
	for (const note of notes) console.log(note);
	const goals = rows.filter((r) => r.ok !== null);
	const missed = goals.filter((r) => !r.ok);
	if (missed.length)
		console.log(`Goals missed (${missed.length} of ${goals.length}):\n${missed.map((r) => `- ${r.what}`).join('\n')}`);
	else if (goals.length) console.log(`Every goal met (${goals.length} rows with a goal).`);
}

if (!process.argv.includes('--no-db')) {
	for (const { file, config } of benches) {
		const vitest = await startVitest('test', [file], { config, include: [file], run: true, watch: false });
		failed += vitest?.state.getCountOfFailedTests() ?? 1;
		await vitest?.close();
	}
}
process.exit(failed ? 1 : 0);
