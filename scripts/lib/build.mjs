// Build the production app unless asked to reuse build/ (`--no-build`).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * @param {boolean} [reuse] keep an existing build
 * @param {{ outDir?: string, env?: Record<string, string> }} [options] another output directory
 *   and build-time settings (the sync browser test wires a copy to its own backend)
 */
export function ensureBuild(reuse = process.argv.includes('--no-build'), options = {}) {
	const outDir = options.outDir ?? 'build';
	if (reuse && existsSync(`${outDir}/index.html`)) return;
	// Always a production build: called from inside Vitest, NODE_ENV would be 'test', and Vite would
	// compile the components in dev mode (bigger, slower) — not what users get.
	execFileSync(
		process.execPath,
		['node_modules/vite/bin/vite.js', 'build', '--mode', 'production', '--logLevel', 'warn'],
		{
			stdio: 'inherit',
			env: { ...process.env, ...options.env, NODE_ENV: 'production', BUILD_DIR: outDir }
		}
	);
}
