// Build the production app unless asked to reuse build/ (`--no-build`).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function ensureBuild(reuse = process.argv.includes('--no-build')) {
	if (reuse && existsSync('build/index.html')) return;
	// Always a production build: called from inside Vitest, NODE_ENV would be 'test', and Vite would
	// compile the components in dev mode (bigger, slower) — not what users get.
	execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--mode', 'production', '--logLevel', 'warn'], {
		stdio: 'inherit',
		env: { ...process.env, NODE_ENV: 'production' }
	});
}
