import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { chromiumPath, MISSING_CHROMIUM } from './chromium';
import { ensureBuild } from '../../scripts/lib/build.mjs';

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
	// BUILD_DIR lets two people on one machine test their own builds side by side.
	const outDir = process.env.BUILD_DIR ?? 'build';
	const buildDir = resolve(outDir);
	ensureBuild(process.env.E2E_SKIP_BUILD === '1', { outDir });
	process.env.E2E_TMP ??= resolve('.tmp/e2e');
	mkdirSync(process.env.E2E_TMP, { recursive: true });
	project.provide('buildDir', buildDir);
}
