// `npm test`: every layer in turn — unit (domain, Dexie, components), database (SQL schema, RLS
// and sync on a throwaway PostgreSQL), then browser (built app in the system Chromium). Prints one
// closing line with the totals. Exits non-zero if any layer fails or runs no test; a layer that
// never started counts as one failure in the totals. A missing Chromium or PostgreSQL stops it
// before any layer, with the one command that installs them (scripts/lib/preflight.mjs).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { preflightMessage } from './lib/preflight.mjs';

const stop = preflightMessage();
if (stop) {
	console.error(stop);
	process.exit(1);
}

const layers = [
	{ name: 'unit', args: ['run'] },
	{ name: 'database', args: ['run', '--config', 'vitest.db.config.ts'] },
	{ name: 'browser', args: ['run', '--config', 'vitest.e2e.config.ts'] }
];
mkdirSync('.tmp', { recursive: true });

let passed = 0;
let failed = 0;
let ok = true;
for (const layer of layers) {
	const report = `.tmp/vitest-${layer.name}.json`;
	rmSync(report, { force: true });
	console.log(`\n=== ${layer.name} tests ===`);
	const run = spawnSync(
		process.execPath,
		[
			'node_modules/vitest/vitest.mjs',
			...layer.args,
			'--reporter=default',
			'--reporter=json',
			`--outputFile.json=${report}`
		],
		{
			stdio: 'inherit'
		}
	);
	let result = null;
	try {
		result = JSON.parse(readFileSync(report, 'utf8'));
	} catch {
		// No report: the layer failed before running (e.g. Chromium missing); its output says why.
	}
	const p = result?.numPassedTests ?? 0;
	// A layer that ran no test (it never started, or found none) is a failure, counted as one.
	const started = !!result && result.numTotalTests > 0;
	const f = (result?.numFailedTests ?? 0) + (result?.numFailedTestSuites ?? 0) + (started ? 0 : 1);
	passed += p;
	failed += f;
	if (run.status !== 0 || !started) ok = false;
	console.log(
		`${layer.name}: ${p} passed, ${f} failed${started ? '' : ' (ran no test)'}${run.status !== 0 ? ` (exit ${run.status})` : ''}`
	);
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
