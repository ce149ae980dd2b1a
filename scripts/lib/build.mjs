// Build the production app unless asked to reuse build/ (`--no-build`).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function ensureBuild(reuse = process.argv.includes('--no-build')) {
	if (reuse && existsSync('build/index.html')) return;
	execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}
