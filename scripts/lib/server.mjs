// Start scripts/serve.mjs on a copy of a build, on a free port. Started as `node …` directly and
// killed by PID: killing an npx wrapper would leave the server running.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { precompress } from './precompress.mjs';

/**
 * @param {string} buildDir
 * @param {{ copy?: boolean }} [options] copy the build first, so a test may change files in it
 * @returns {Promise<{ url: string, dir: string, stop: () => Promise<void> }>}
 */
export async function serve(buildDir, options = {}) {
	const dir =
		options.copy === false ? buildDir : mkdtempSync(join(process.env.E2E_TMP ?? tmpdir(), 'trajectory-build-'));
	// Compressed once in the build itself, before the server's start-up clock below runs, and
	// copied with their times (a copy is current when not older than its file): each copy's server
	// then starts without compressing anything.
	await precompress(buildDir);
	if (dir !== buildDir) cpSync(buildDir, dir, { recursive: true, preserveTimestamps: true });
	const child = spawn(process.execPath, ['scripts/serve.mjs'], {
		env: { ...process.env, BUILD_DIR: dir, PORT: '0', HOST: '127.0.0.1' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const url = await new Promise((resolve, reject) => {
		let out = '';
		const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 15_000);
		child.stdout.on('data', (chunk) => {
			out += chunk.toString();
			const match = /http:\/\/localhost:(\d+)\//.exec(out);
			if (match) {
				clearTimeout(timer);
				resolve(`http://localhost:${match[1]}`);
			}
		});
		child.stderr.on('data', (chunk) => (out += chunk.toString()));
		child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
	});
	return {
		url: /** @type {string} */ (url),
		dir,
		stop: () =>
			new Promise((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			})
	};
}
