import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { chromiumPath, MISSING_CHROMIUM } from './chromium';

declare module 'vitest' {
	export interface ProvidedContext {
		buildDir: string;
	}
}

/**
 * The browser layer runs against the production build, service worker included. It fails —
 * never skips — when Chromium is missing, with the command that installs it.
 */
export default function setup(project: TestProject): void {
	if (!chromiumPath()) throw new Error(MISSING_CHROMIUM);
	const buildDir = resolve('build');
	if (process.env.E2E_SKIP_BUILD !== '1' || !existsSync(resolve(buildDir, 'index.html'))) {
		execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
	}
	process.env.E2E_TMP ??= resolve('.tmp/e2e');
	mkdirSync(process.env.E2E_TMP, { recursive: true });
	project.provide('buildDir', buildDir);
}
