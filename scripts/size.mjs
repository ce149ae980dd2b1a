// Size budget: the gzip size of the JavaScript the teacher home route loads before its content
// first paints, measured in the real browser (every script request until the home is visible),
// with sizes taken from the build. Fails when over budget. `--no-build` reuses build/.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const BUDGET_KB = 90;
const ROUTE = '/teacher';
const READY = '[data-testid="teacher-home"]';

const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
if (!chromiumPath) {
	console.error('Chromium is not installed: sudo apt-get update && sudo apt-get install -y chromium');
	process.exit(1);
}
if (!process.argv.includes('--no-build') || !existsSync('build/index.html')) {
	execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}

const server = spawn(process.execPath, ['scripts/serve.mjs'], { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((ok, fail) => {
	let out = '';
	server.stdout.on('data', (c) => {
		out += c;
		const m = /http:\/\/localhost:(\d+)\//.exec(out);
		if (m) ok(`http://localhost:${m[1]}`);
	});
	server.on('exit', (code) => fail(new Error(`server exited ${code}`)));
});

let scripts = [];
const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'trajectory-size-')), {
	executablePath: chromiumPath,
	headless: true,
	// Without a service worker: its precache would fetch every chunk, not just what the route needs.
	serviceWorkers: 'block',
	viewport: { width: 360, height: 640 },
	args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
});
try {
	const page = context.pages()[0] ?? (await context.newPage());
	// The moment the home's content enters the DOM is taken inside the page, so the cut between
	// "before first paint" and "after" does not depend on how fast the test process hears of it.
	await page.addInitScript((selector) => {
		const mark = () => {
			if (!window.__homeAt && document.querySelector(selector)) window.__homeAt = performance.now();
		};
		new MutationObserver(mark).observe(document, { childList: true, subtree: true });
	}, READY);
	await page.goto(url + ROUTE);
	await page.waitForFunction(() => typeof window.__homeAt === 'number');
	scripts = await page.evaluate(() =>
		performance
			.getEntriesByType('resource')
			.filter((e) => e.name.endsWith('.js') && e.startTime <= window.__homeAt)
			.map((e) => new URL(e.name).pathname)
	);
} finally {
	await context.close();
	server.kill('SIGTERM');
}

const rows = [...new Set(scripts)].map((path) => {
	const bytes = readFileSync(resolve('build', `.${path}`));
	return { path, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});
rows.sort((a, b) => b.gzip - a.gzip);
const total = rows.reduce((s, r) => s + r.gzip, 0);
const kb = (n) => (n / 1024).toFixed(1);
console.log(`JavaScript loaded by ${ROUTE} before first paint (${rows.length} files):`);
for (const r of rows) console.log(`  ${kb(r.gzip).padStart(6)} kB gzip  ${kb(r.raw).padStart(7)} kB raw  ${r.path}`);
console.log(`Total: ${kb(total)} kB gzip (budget ${BUDGET_KB} kB)`);
if (total > BUDGET_KB * 1024) {
	console.error(`Over budget by ${kb(total - BUDGET_KB * 1024)} kB: move rarely used code behind a dynamic import.`);
	process.exit(1);
}
console.log('Within budget.');
