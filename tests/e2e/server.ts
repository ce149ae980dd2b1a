import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Server {
	url: string;
	dir: string;
	stop(): Promise<void>;
}

/**
 * Serve a copy of the production build with the project's own static server (scripts/serve.mjs),
 * on a free port. A copy, so a test may change files (a new sw.js for the update flow) in it.
 * Started as `node …` directly and killed by PID: killing an npx wrapper would leave it running.
 */
export async function serve(buildDir: string, port = 0): Promise<Server> {
	const dir = mkdtempSync(join(process.env.E2E_TMP ?? tmpdir(), 'trajectory-build-'));
	cpSync(buildDir, dir, { recursive: true });
	const child: ChildProcess = spawn(process.execPath, ['scripts/serve.mjs'], {
		env: { ...process.env, BUILD_DIR: dir, PORT: String(port), HOST: '127.0.0.1' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const url = await new Promise<string>((resolve, reject) => {
		let out = '';
		const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 15_000);
		child.stdout!.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			const match = /http:\/\/localhost:(\d+)\//.exec(out);
			if (match) {
				clearTimeout(timer);
				resolve(`http://localhost:${match[1]}`);
			}
		});
		child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
	});
	return {
		url,
		dir,
		stop: () =>
			new Promise((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			})
	};
}
