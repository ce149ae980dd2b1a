// Screenshots of the main screens at 360×640 with the demo school, the methodists' dashboards at
// a desktop width, and the printed papers, for docs/screenshots/. The analytical notes are printed
// to A4 PDF by Chromium and their pages rendered to PNG with poppler's pdftoppm, so the images are
// the paper as printed (page breaks included), not the screen.
// Run `npm run screenshots` after changing a screen, look at them, commit them. BUILD_DIR builds
// into and serves another directory (two people on one machine).
// The browser's clock starts at DEMO_DATE (scripts/lib/browser.mjs), so the demo school's dates
// and the pictures do not change from one day to the next. The pictures the browser tests take
// on their way (the reports, the drill-down, the sign-in and sync screens) come from those tests,
// run at the end with SHOT_DIR pointing here; a plain `npm test` writes them under .tmp/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from './lib/browser.mjs';
import { ensureBuild } from './lib/build.mjs';
import { growMunicipality } from './lib/grow-municipality.mjs';
import { serve } from './lib/server.mjs';

const OUT = process.env.SHOT_DIR ?? 'docs/screenshots';
const BUILD = process.env.BUILD_DIR ?? 'build';
// A Monday of the first half-year, after the intermediate monitoring window opened.
process.env.DEMO_DATE ??= '2026-12-07T10:00:00+03:00';
/** The browser tests whose screenshots are in docs/screenshots/ (the last two need PostgreSQL). */
const SHOOTING_TESTS = [
	'tests/e2e/methodist-drilldown.e2e.ts',
	'tests/e2e/methodist-reports.e2e.ts',
	'tests/e2e/recommendations-note.e2e.ts',
	'tests/e2e/sync-two-devices.e2e.ts',
	'tests/e2e/evidence-upload.e2e.ts',
	'tests/e2e/reminders.e2e.ts',
	'tests/e2e/methodist-visit.e2e.ts',
	'tests/e2e/admin-console.e2e.ts',
	'tests/e2e/data-rights.e2e.ts'
];
const SHOTS = [
	{ path: '/teacher', file: 'teacher-home', ready: 'h1' },
	{ path: '/teacher/assessment', file: 'teacher-assessments', ready: '[data-testid="assessment-list"]' },
	{ path: '/teacher/deficits', file: 'teacher-deficits', ready: '[data-testid="deficit"]' },
	{ path: '/teacher/plan', file: 'teacher-plan', ready: '[data-testid="plan-action"]' },
	{ path: '/teacher/growth', file: 'teacher-growth', ready: '[data-testid="growth-chart"] figure' },
	{ path: '/teacher/activities', file: 'teacher-activities', ready: '[data-testid="activity-list"]' },
	{ path: '/teacher/profile', file: 'teacher-profile', ready: '[data-testid="profile-form"]' },
	{ path: '/mentor', file: 'mentor-desk', ready: 'h2' },
	{ path: '/methodist', file: 'school-methodist', ready: '[data-testid="staff-list"]' },
	{ path: '/municipal', file: 'municipal', ready: 'table' },
	{ path: '/settings', file: 'settings', ready: 'h1' }
];

/**
 * Reduce a PNG to a 128-colour palette (a third of the size, the text as sharp) with ImageMagick
 * when it is installed; without it the file stays as it is.
 * @param {string} file
 */
function shrink(file) {
	try {
		execFileSync('convert', [
			file,
			'-dither',
			'None',
			'-colors',
			'128',
			'-define',
			'png:compression-level=9',
			`PNG8:${file}`
		]);
	} catch (error) {
		if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error;
	}
}

/**
 * Print the page to A4 as «Печать / PDF» does and write each page as `${name}-page-N.png`
 * (100 dpi), removing pages left from a longer earlier print.
 * @param {import('playwright-core').Page} page
 * @param {string} name
 */
async function printPages(page, name) {
	// The addressed recommendations arrive last; print once they are in.
	await page
		.getByTestId('note-recommendations')
		.getByText(/^Всего: |^Адресных рекомендаций за этот учебный год нет/)
		.waitFor();
	const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
	const file = join(OUT, `${name}.pdf`);
	writeFileSync(file, pdf);
	for (const old of readdirSync(OUT).filter((f) => f.startsWith(`${name}-page-`) && f.endsWith('.png')))
		rmSync(join(OUT, old));
	try {
		execFileSync('pdftoppm', ['-png', '-r', '100', file, join(OUT, `${name}-page`)]);
	} catch (error) {
		if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT')
			throw new Error('pdftoppm is missing: sudo apt-get install -y poppler-utils', { cause: error });
		throw error;
	} finally {
		rmSync(file);
	}
	// pdftoppm pads the page number to the page count's width (-01 … -12): keep plain numbers.
	for (const f of readdirSync(OUT).filter((f) => f.startsWith(`${name}-page-`) && f.endsWith('.png'))) {
		const plain = f.replace(/-page-0*(\d+)\.png$/, '-page-$1.png');
		if (plain !== f) renameSync(join(OUT, f), join(OUT, plain));
		shrink(join(OUT, plain));
	}
	console.log(`${OUT}/${name}-page-*.png`);
}

ensureBuild(undefined, { outDir: BUILD });
mkdirSync(OUT, { recursive: true });
const server = await serve(BUILD, { copy: false });
const context = await launch({ serviceWorkers: 'block', deviceScaleFactor: 1 });
try {
	const page = context.pages()[0] ?? (await context.newPage());
	await page.goto(`${server.url}/teacher`);
	await page.getByRole('button', { name: 'Загрузить демонстрационные данные' }).first().click();
	await page.getByRole('heading', { level: 1, name: /^Здравствуйте/ }).waitFor();
	for (const shot of SHOTS) {
		await page.goto(server.url + shot.path);
		await page.locator(shot.ready).first().waitFor();
		await page.waitForTimeout(300);
		await page.screenshot({ path: `${OUT}/${shot.file}.png` });
		await page.screenshot({ path: `${OUT}/${shot.file}-full.png`, fullPage: true });
		console.log(`${OUT}/${shot.file}.png`);
	}
	// The self-assessment in progress: the demo teacher's draft, and a submitted one's summary.
	await page.goto(`${server.url}/teacher/assessment`);
	await page.getByTestId('continue-draft').click();
	await page.getByTestId('competency-screen').waitFor();
	await page.waitForTimeout(300);
	await page.screenshot({ path: `${OUT}/teacher-self-assessment.png` });
	await page.screenshot({ path: `${OUT}/teacher-self-assessment-full.png`, fullPage: true });
	await page.goto(`${server.url}/teacher/assessment`);
	await page.getByRole('link', { name: 'Результаты' }).first().click();
	await page.getByRole('heading', { name: 'Результаты самооценки' }).waitFor();
	await page.waitForTimeout(500);
	await page.screenshot({ path: `${OUT}/teacher-assessment-summary-full.png`, fullPage: true });
	// The mentor's screens and the mentoring papers, reached by their links.
	await page.goto(`${server.url}/mentor`);
	await page.getByRole('link', { name: 'Программа и встречи' }).first().click();
	await page.getByTestId('pair-page').waitFor();
	await page.waitForTimeout(300);
	await page.screenshot({ path: `${OUT}/mentor-pair-full.png`, fullPage: true });
	const pairUrl = page.url();
	await page.goto(`${server.url}/methodist/mentoring`);
	await page.getByTestId('current-pairs').waitFor();
	await page.screenshot({ path: `${OUT}/methodist-mentoring-full.png`, fullPage: true });
	await page.goto(`${server.url}/mentor/observations`);
	await page.getByTestId('new-observation').waitFor();
	await page.screenshot({ path: `${OUT}/mentor-observations.png` });
	await page.goto(`${server.url}/methodist/mentoring`);
	await page.getByTestId('current-pairs').getByRole('link').first().click();
	await page.getByTestId('programme-editor').waitFor();
	const programmeUrl = page.url();
	await page.setViewportSize({ width: 794, height: 1123 });
	await page.emulateMedia({ media: 'print' });
	await page.goto(`${programmeUrl}/print`);
	await page.getByTestId('meetings-table').waitFor();
	await page.screenshot({ path: `${OUT}/mentoring-programme-print.png`, fullPage: true });
	await page.goto(`${pairUrl}/report`);
	await page.getByRole('heading', { name: 'Отчёт о реализации программы наставничества' }).first().waitFor();
	await page.screenshot({ path: `${OUT}/mentor-report-print.png`, fullPage: true });
	await page.setViewportSize({ width: 1123, height: 794 });
	await page.goto(`${pairUrl}/journal`);
	await page.getByRole('heading', { name: 'Журнал наставника' }).first().waitFor();
	await page.screenshot({ path: `${OUT}/mentor-journal-print.png`, fullPage: true });
	await page.emulateMedia({ media: 'screen' });
	await page.setViewportSize({ width: 360, height: 640 });
	console.log(`${OUT}/mentoring-programme-print.png, mentor-report-print.png, mentor-journal-print.png`);

	// The ИОМ as printed: A4 landscape, rendered to an image through the browser's print mode.
	await page.goto(`${server.url}/teacher/plan/print`);
	await page.locator('table').waitFor();
	await page.setViewportSize({ width: 1123, height: 794 });
	await page.emulateMedia({ media: 'print' });
	await page.screenshot({ path: `${OUT}/teacher-plan-print.png`, fullPage: true });
	console.log(`${OUT}/teacher-self-assessment.png, teacher-plan-print.png`);
	await page.emulateMedia({ media: null });

	// The methodists' dashboards as a methodist sees them on a PC, and their analytical notes.
	await page.setViewportSize({ width: 1280, height: 800 });
	await page.goto(`${server.url}/methodist`);
	await page.getByLabel('Роль', { exact: true }).selectOption('school_methodist');
	await page.waitForURL('**/methodist');
	await page.locator('[data-testid="staff-list"]').waitFor();
	await page.locator('[data-testid="heatmap"]').waitFor();
	await page.waitForTimeout(300);
	await page.screenshot({ path: `${OUT}/school-methodist-desktop-full.png`, fullPage: true });
	shrink(`${OUT}/school-methodist-desktop-full.png`);
	await page.goto(`${server.url}/methodist/report`);
	await page.getByTestId('analytical-note').locator('[data-testid="heatmap"]').waitFor();
	await printPages(page, 'analytical-note-school');
	await page.goto(`${server.url}/methodist/report?stage=intermediate`);
	await page.getByTestId('analytical-note').locator('[data-testid="heatmap"]').waitFor();
	await printPages(page, 'analytical-note-school-intermediate');

	await page.goto(`${server.url}/municipal`);
	await page.getByLabel('Роль', { exact: true }).selectOption('municipal_methodist');
	await page.waitForURL('**/municipal');
	await page.getByTestId('schools').waitFor();
	await page.waitForTimeout(300);
	await page.screenshot({ path: `${OUT}/municipal-desktop-full.png`, fullPage: true });
	shrink(`${OUT}/municipal-desktop-full.png`);
	await page.goto(`${server.url}/methodist/report`);
	await page.getByTestId('note-schools').waitFor();
	await page.getByTestId('analytical-note').locator('[data-testid="heatmap"]').waitFor();
	await printPages(page, 'analytical-note-municipal');
	console.log(`${OUT}/school-methodist-desktop-full.png, municipal-desktop-full.png`);

	// The same municipality grown to 60 schools: the dashboard and its note, as the print test checks it.
	await growMunicipality(page, 60);
	await page.goto(`${server.url}/municipal`);
	await page.getByTestId('schools').locator('tbody tr').nth(60).waitFor();
	await page.waitForTimeout(300);
	await page.screenshot({ path: `${OUT}/municipal-60-desktop.png` });
	shrink(`${OUT}/municipal-60-desktop.png`);
	await page.goto(`${server.url}/methodist/report`);
	await page.getByTestId('note-schools').locator('tbody tr').nth(60).waitFor();
	await page.getByTestId('analytical-note').locator('[data-testid="heatmap"]').waitFor();
	await printPages(page, 'analytical-note-municipal-60');
	console.log(`${OUT}/municipal-60-desktop.png`);
} finally {
	await context.close();
	await server.stop();
}

console.log(`The browser tests' screenshots (${SHOOTING_TESTS.length} files)…`);
execFileSync('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts', ...SHOOTING_TESTS], {
	stdio: 'inherit',
	env: { ...process.env, SHOT_DIR: OUT, BUILD_DIR: BUILD, E2E_SKIP_BUILD: '1' }
});
