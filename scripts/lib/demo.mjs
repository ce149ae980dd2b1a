// Load the demo school into a guest device, as a person would: «Настройки» → «Загрузить
// демонстрационные данные». Shared by the bench parts, `npm run size` and Lighthouse's profile.
import { launch, newProfileDir } from './browser.mjs';

/** The role a guest last acted in decides which home the start URL opens (session.svelte.ts). */
export const ROLE_KEY = 'trajectory.role';

/**
 * @param {import('playwright-core').Page} page
 * @param {string} url the served app, e.g. http://localhost:4173
 */
export async function loadDemo(page, url) {
	await page.goto(`${url}/settings`);
	await page.getByRole('button', { name: 'Загрузить демонстрационные данные' }).click();
	await page.getByText('Демонстрационная школа загружена').first().waitFor({ timeout: 60_000 });
}

/**
 * A browser profile folder holding the demo school (and nothing else: no service worker, so a
 * later page load goes to the network as a first visit's would).
 * @param {string} url
 * @returns {Promise<string>}
 */
export async function demoProfile(url) {
	const dir = newProfileDir();
	const context = await launch({ dir, serviceWorkers: 'block' });
	try {
		await loadDemo(context.pages()[0] ?? (await context.newPage()), url);
	} finally {
		await context.close();
	}
	return dir;
}

/**
 * An init script: the guest's last role is `role` before the app reads it, so `/` opens that
 * role's home whatever was visited before.
 * @param {import('playwright-core').BrowserContext | import('playwright-core').Page} target
 * @param {string} role
 */
export async function actAs(target, role) {
	await target.addInitScript(([key, value]) => localStorage.setItem(key, value), [ROLE_KEY, role]);
}
