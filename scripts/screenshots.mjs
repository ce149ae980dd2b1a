// Screenshots of the main screens at 360×640 with the demo school, for docs/screenshots/.
// Run `npm run screenshots` after changing a screen, look at them, commit them.
import { mkdirSync } from 'node:fs';
import { launch } from './lib/browser.mjs';
import { ensureBuild } from './lib/build.mjs';
import { serve } from './lib/server.mjs';

const OUT = 'docs/screenshots';
const SHOTS = [
	{ path: '/teacher', file: 'teacher-home', ready: 'h1' },
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
} finally {
	await context.close();
	await server.stop();
}
