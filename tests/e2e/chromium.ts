import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** The system Chromium (Debian's package); Playwright cannot download browsers on these machines. */
export const CHROMIUM_PATHS = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(
	(p): p is string => !!p
);

export function chromiumPath(): string | null {
	return CHROMIUM_PATHS.find((p) => existsSync(p)) ?? null;
}

export const MISSING_CHROMIUM =
	'Chromium is not installed, so the browser tests cannot run.\n' +
	'Install it with:  sudo apt-get update && sudo apt-get install -y chromium\n' +
	'(or set CHROMIUM_PATH to a Chromium/Chrome binary). The browser layer is never skipped.';

// Without the background-networking flags Chromium keeps dialling Google on a closed network.
const FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage'
];

/** A phone: 360×640, touch, mobile user agent. */
export const PHONE = {
	viewport: { width: 360, height: 640 },
	deviceScaleFactor: 2,
	isMobile: true,
	hasTouch: true,
	userAgent:
		'Mozilla/5.0 (Linux; Android 12; Redmi 9A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36',
	locale: 'ru-RU',
	timezoneId: 'Europe/Moscow'
} as const;

/**
 * A fresh browser profile (its own IndexedDB and service worker registrations), so tests never
 * see each other's data. A persistent context is needed for service workers to behave as on a phone.
 */
export async function launch(options: { phone?: boolean; serviceWorkers?: 'allow' | 'block' } = {}): Promise<BrowserContext> {
	const executablePath = chromiumPath();
	if (!executablePath) throw new Error(MISSING_CHROMIUM);
	const dir = mkdtempSync(join(process.env.E2E_TMP ?? tmpdir(), 'trajectory-profile-'));
	return chromium.launchPersistentContext(dir, {
		executablePath,
		headless: true,
		args: FLAGS,
		serviceWorkers: options.serviceWorkers ?? 'allow',
		...(options.phone === false ? { viewport: { width: 1280, height: 800 }, locale: 'ru-RU' } : PHONE)
	});
}
