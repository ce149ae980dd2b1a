// Screenshots of the main screens at 360×640 with the demo school, for docs/screenshots/.
// Run `npm run screenshots` after changing a screen, look at them, commit them.
import { mkdirSync } from 'node:fs';
import { launch } from './lib/browser.mjs';
import { ensureBuild } from './lib/build.mjs';
import { serve } from './lib/server.mjs';

const OUT = process.env.SHOT_DIR ?? 'docs/screenshots';
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

ensureBuild();
mkdirSync(OUT, { recursive: true });
const server = await serve('build', { copy: false });
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
} finally {
	await context.close();
	await server.stop();
}
