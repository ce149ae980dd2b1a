// The system Chromium, driven by playwright-core: shared by the browser tests, the size budget
// and the screenshot script. Playwright cannot download browsers on these machines.
import { accessSync, constants, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const MISSING_CHROMIUM =
	'Chromium is not installed, so the browser tests cannot run.\n' +
	'Install it with:  sudo apt-get update && sudo apt-get install -y chromium\n' +
	'(or set CHROMIUM_PATH to a Chromium/Chrome binary). The browser layer is never skipped.';

/** @param {string} path */
function executable(path) {
	try {
		accessSync(path, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

/** @returns {string | null} */
export function chromiumPath() {
	const candidates = [
		process.env.CHROMIUM_PATH,
		'/usr/bin/chromium',
		'/usr/bin/chromium-browser',
		'/usr/bin/google-chrome'
	];
	return candidates.find((p) => !!p && executable(p)) ?? null;
}

// Without the background-networking flags Chromium keeps dialling Google on a closed network.
export const FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage'
];

/** A cheap Android phone: 360×640, touch, mobile user agent. */
export const PHONE = {
	viewport: { width: 360, height: 640 },
	deviceScaleFactor: 2,
	isMobile: true,
	hasTouch: true,
	userAgent:
		'Mozilla/5.0 (Linux; Android 12; Redmi 9A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36',
	locale: 'ru-RU',
	timezoneId: 'Europe/Moscow'
};

/** A new, empty browser profile folder (under E2E_TMP when set). */
export function newProfileDir() {
	return mkdtempSync(join(process.env.E2E_TMP ?? tmpdir(), 'trajectory-profile-'));
}

/**
 * A fresh browser profile (own IndexedDB and service workers), so runs never see each other's
 * data. A persistent context, because service workers must behave as on a phone.
 * `dir` reopens an existing profile (a browser started again after a crash finds its data).
 * @param {{ phone?: boolean, serviceWorkers?: 'allow' | 'block', deviceScaleFactor?: number, dir?: string }} [options]
 * @returns {Promise<import('playwright-core').BrowserContext>}
 */
export async function launch(options = {}) {
	const executablePath = chromiumPath();
	if (!executablePath) throw new Error(MISSING_CHROMIUM);
	const dir = options.dir ?? newProfileDir();
	const device =
		options.phone === false
			? { viewport: { width: 1280, height: 800 }, locale: 'ru-RU', timezoneId: 'Europe/Moscow' }
			: { ...PHONE, deviceScaleFactor: options.deviceScaleFactor ?? PHONE.deviceScaleFactor };
	const context = await chromium.launchPersistentContext(dir, {
		executablePath,
		headless: true,
		args: FLAGS,
		serviceWorkers: options.serviceWorkers ?? 'allow',
		...device
	});
	// `npm run screenshots` sets DEMO_DATE so the demo school's dates — and so the pictures in
	// docs/screenshots/ — are the same on any day; time then runs on from there as usual.
	if (process.env.DEMO_DATE) await context.clock.install({ time: new Date(process.env.DEMO_DATE) });
	return context;
}
