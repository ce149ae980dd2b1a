// Size budgets: the gzip size of the JavaScript each route loads before its content first appears,
// measured in the real browser, with sizes taken from the build (scripts/lib/first-load.mjs): the
// start URL `/` and the teacher home on an empty guest device (a first visit) ≤ 70 kB, the school
// and municipal dashboards with the demo school loaded ≤ 100 kB. Fails when a route is over.
// `npm run size` builds first; `--no-build` reuses build/ (or $BUILD_DIR, so several people can
// measure their own builds side by side).
import { rmSync } from 'node:fs';
import { ensureBuild } from './lib/build.mjs';
import { demoProfile } from './lib/demo.mjs';
import { ROUTES, firstLoad, kb } from './lib/first-load.mjs';
import { serve } from './lib/server.mjs';

const BUILD_DIR = process.env.BUILD_DIR || 'build';
ensureBuild(undefined, { outDir: BUILD_DIR });
const server = await serve(BUILD_DIR, { copy: false });
/** @type {string[]} */
const over = [];
let demoDir = null;
try {
	for (const { route, marker, demo, role, budget } of ROUTES) {
		if (demo) demoDir ??= await demoProfile(server.url);
		const { files, total } = await firstLoad({
			buildDir: BUILD_DIR,
			url: server.url,
			route,
			marker,
			role,
			dir: demo ? (demoDir ?? undefined) : undefined
		});
		const state = demo ? 'the demo school loaded' : 'an empty guest device';
		console.log(`\nJavaScript loaded by ${route} before its content appears, ${state} (${files.length} files):`);
		for (const f of files)
			console.log(`  ${kb(f.gzip).padStart(6)} kB gzip  ${kb(f.raw).padStart(7)} kB raw  ${f.path}`);
		console.log(`Total: ${kb(total)} kB gzip (${total} bytes; budget ${kb(budget)} kB = ${budget} bytes)`);
		if (total > budget) {
			console.log(`Over budget by ${kb(total - budget)} kB.`);
			over.push(route);
		} else console.log('Within budget.');
	}
} finally {
	if (demoDir) rmSync(demoDir, { recursive: true, force: true });
	await server.stop();
}
if (over.length) {
	console.error(`\nOver budget: ${over.join(', ')}. Move rarely used code behind a dynamic import.`);
	process.exit(1);
}
console.log('\nEvery route is within budget.');
