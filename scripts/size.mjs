// Size budget: the gzip size of the JavaScript the teacher home route loads before its content
// first appears, measured in the real browser, with sizes taken from the build. Fails when over
// budget. `npm run size` builds first; `--no-build` reuses build/ (or $BUILD_DIR, so several people
// can measure their own builds side by side).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch } from './lib/browser.mjs';
import { ensureBuild } from './lib/build.mjs';
import { serve } from './lib/server.mjs';

const BUDGET_KB = 90;
const ROUTE = '/teacher';
const READY = '[data-testid="teacher-home"]';

const BUILD_DIR = process.env.BUILD_DIR || 'build';
ensureBuild(undefined, { outDir: BUILD_DIR });
const server = await serve(BUILD_DIR, { copy: false });
// Without a service worker: its precache would fetch every chunk, not just what the route needs.
const context = await launch({ serviceWorkers: 'block', deviceScaleFactor: 1 });
let scripts;
try {
	const page = context.pages()[0] ?? (await context.newPage());
	// The moment the home's content enters the DOM is taken inside the page, so the cut between
	// "before first paint" and "after" does not depend on how fast this process hears of it.
	await page.addInitScript((selector) => {
		const mark = () => {
			if (!window.__homeAt && document.querySelector(selector)) window.__homeAt = performance.now();
		};
		new MutationObserver(mark).observe(document, { childList: true, subtree: true });
	}, READY);
	await page.goto(server.url + ROUTE);
	await page.waitForFunction(() => typeof window.__homeAt === 'number');
	scripts = await page.evaluate(() =>
		performance
			.getEntriesByType('resource')
			.filter((e) => e.name.endsWith('.js') && e.startTime <= window.__homeAt)
			.map((e) => new URL(e.name).pathname)
	);
} finally {
	await context.close();
	await server.stop();
}

const rows = [...new Set(scripts)].map((path) => {
	const bytes = readFileSync(resolve(BUILD_DIR, `.${path}`));
	return { path, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});
rows.sort((a, b) => b.gzip - a.gzip);
const total = rows.reduce((s, r) => s + r.gzip, 0);
const kb = (n) => (n / 1024).toFixed(1);
console.log(`JavaScript loaded by ${ROUTE} before its content appears (${rows.length} files):`);
for (const r of rows) console.log(`  ${kb(r.gzip).padStart(6)} kB gzip  ${kb(r.raw).padStart(7)} kB raw  ${r.path}`);
console.log(`Total: ${kb(total)} kB gzip (${total} bytes; budget ${BUDGET_KB} kB = ${BUDGET_KB * 1024} bytes)`);
if (rows.length === 0) {
	console.error('No JavaScript was measured: the page did not load as expected.');
	process.exit(1);
}
if (total > BUDGET_KB * 1024) {
	console.error(`Over budget by ${kb(total - BUDGET_KB * 1024)} kB: move rarely used code behind a dynamic import.`);
	process.exit(1);
}
console.log('Within budget.');
