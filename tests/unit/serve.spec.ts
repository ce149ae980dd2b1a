// `npm start`'s server (scripts/serve.mjs) on a tiny build, over real sockets: what a production
// static host must answer (docs/hosting.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { serve } from '../../scripts/lib/server.mjs';

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

/** One request with the path sent exactly as written (no client-side normalisation). */
function get(base: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
	const { hostname, port } = new URL(base);
	return new Promise((resolve, reject) => {
		const req = request({ host: hostname, port, path, method, headers, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
			// An answer cut short (the server ended the connection) ends here, not never.
			res.on('close', () => res.complete || reject(new Error(`${path}: the answer was cut short`)));
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end();
	});
}

// Repetitive enough to compress well, big enough to be worth it.
const APP_JS = `export const greeting = "Здравствуйте";\n${'export function f(a) { return a * 2; }\n'.repeat(200)}`;
const INDEX = `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Траектория</title></head><body>${'<p>Траектория</p>'.repeat(100)}</body></html>`;
const SW = `self.addEventListener('install', () => self.skipWaiting());\n${'// precache\n'.repeat(100)}`;
const SECRET = 'the secret outside the build';

const FILES: Record<string, string | Buffer> = {
	'index.html': INDEX,
	'sw.js': SW,
	'manifest.webmanifest': JSON.stringify({ name: 'Траектория', icons: [], pad: 'x'.repeat(600) }),
	'_app/version.json': JSON.stringify({ version: '1' }),
	'_app/immutable/entry/app.Abc123.js': APP_JS,
	'icons/icon-192.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4])
};

let parent: string;
let dir: string;
let server: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
	parent = mkdtempSync(join(tmpdir(), 'trajectory-serve-'));
	writeFileSync(join(parent, 'secret.txt'), SECRET);
	dir = join(parent, 'build');
	for (const [name, content] of Object.entries(FILES)) {
		mkdirSync(dirname(join(dir, name)), { recursive: true });
		writeFileSync(join(dir, name), content);
	}
	server = await serve(dir, { copy: false });
}, 30_000);

afterAll(async () => {
	await server?.stop();
	rmSync(parent, { recursive: true, force: true });
});

describe('npm start serves the build like a production static host', () => {
	it('sends the brotli copy to a browser that accepts br, with the type of the file itself', async () => {
		const reply = await get(server.url, '/_app/immutable/entry/app.Abc123.js', {
			'accept-encoding': 'gzip, deflate, br'
		});
		expect(reply.status).toBe(200);
		expect(reply.headers['content-encoding']).toBe('br');
		expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
		expect(reply.headers['vary']).toBe('Accept-Encoding');
		expect(Number(reply.headers['content-length'])).toBe(reply.body.length);
		expect(reply.body.length).toBeLessThan(Buffer.byteLength(APP_JS) / 5);
		expect(brotliDecompressSync(reply.body).toString()).toBe(APP_JS);
	});

	it('sends the gzip copy when br is not accepted, and the file as it is when nothing is', async () => {
		const gzipped = await get(server.url, '/index.html', { 'accept-encoding': 'gzip' });
		expect(gzipped.headers['content-encoding']).toBe('gzip');
		expect(gzipped.headers['content-type']).toBe('text/html; charset=utf-8');
		expect(gunzipSync(gzipped.body).toString()).toBe(INDEX);

		const refused = await get(server.url, '/index.html', { 'accept-encoding': 'br;q=0, gzip' });
		expect(refused.headers['content-encoding']).toBe('gzip');

		const identity = await get(server.url, '/index.html');
		expect(identity.headers['content-encoding']).toBeUndefined();
		expect(identity.headers['vary']).toBe('Accept-Encoding');
		expect(identity.body.toString()).toBe(INDEX);
	});

	it('makes the .br and .gz copies at start, next to the files (as nginx brotli_static/gzip_static read them)', () => {
		for (const name of ['index.html', 'sw.js', '_app/immutable/entry/app.Abc123.js']) {
			expect(statSync(join(dir, `${name}.br`)).isFile()).toBe(true);
			expect(statSync(join(dir, `${name}.gz`)).isFile()).toBe(true);
		}
		// Images are compressed already.
		expect(() => statSync(join(dir, 'icons/icon-192.png.gz'))).toThrow();
	});

	it('keeps content-hashed files for a year and has everything else revalidated', async () => {
		const hashed = await get(server.url, '/_app/immutable/entry/app.Abc123.js');
		expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
		for (const path of [
			'/',
			'/index.html',
			'/sw.js',
			'/manifest.webmanifest',
			'/_app/version.json',
			'/icons/icon-192.png',
			'/teacher'
		]) {
			const reply = await get(server.url, path, { 'accept-encoding': 'br' });
			expect(reply.status, path).toBe(200);
			expect(reply.headers['cache-control'], path).toBe('no-cache');
			expect(reply.headers['x-content-type-options'], path).toBe('nosniff');
		}
		expect((await get(server.url, '/manifest.webmanifest')).headers['content-type']).toBe(
			'application/manifest+json; charset=utf-8'
		);
		expect((await get(server.url, '/icons/icon-192.png')).headers['content-type']).toBe('image/png');
	});

	it('answers a revalidation of an unchanged file with 304 and its caching headers', async () => {
		const first = await get(server.url, '/sw.js', { 'accept-encoding': 'br' });
		const etag = String(first.headers['etag']);
		const again = await get(server.url, '/sw.js', { 'accept-encoding': 'br', 'if-none-match': etag });
		expect(again.status).toBe(304);
		expect(again.headers['cache-control']).toBe('no-cache');
		expect(again.body.length).toBe(0);
	});

	it('answers every route of the app with index.html and 200 (deep links), compressed as well', async () => {
		for (const path of [
			'/teacher',
			'/teacher/assessment',
			'/methodist/report?stage=intermediate',
			'/%D1%83%D1%87%D0%B8%D1%82%D0%B5%D0%BB%D1%8C'
		]) {
			const reply = await get(server.url, path, { 'accept-encoding': 'br' });
			expect(reply.status, path).toBe(200);
			expect(reply.headers['content-type'], path).toBe('text/html; charset=utf-8');
			expect(reply.headers['cache-control'], path).toBe('no-cache');
			expect(brotliDecompressSync(reply.body).toString(), path).toBe(INDEX);
		}
	});

	it('answers a missing file with 404, never the page and never cached for a year', async () => {
		for (const path of [
			'/missing.js',
			'/_app/immutable/entry/app.Gone999.js',
			'/icons/missing.png',
			'/_app/version.txt'
		]) {
			const reply = await get(server.url, path, { 'accept-encoding': 'br, gzip' });
			expect(reply.status, path).toBe(404);
			expect(reply.headers['cache-control'], path).toBe('no-cache');
			expect(reply.body.toString(), path).not.toContain('<html');
		}
	});

	it('answers HEAD with the headers of GET and no body', async () => {
		const reply = await get(server.url, '/_app/immutable/entry/app.Abc123.js', { 'accept-encoding': 'br' }, 'HEAD');
		expect(reply.status).toBe(200);
		expect(reply.headers['content-encoding']).toBe('br');
		expect(reply.headers['cache-control']).toBe('public, max-age=31536000, immutable');
		expect(Number(reply.headers['content-length'])).toBeGreaterThan(0);
		expect(reply.body.length).toBe(0);
		expect((await get(server.url, '/teacher', {}, 'HEAD')).status).toBe(200);
		expect((await get(server.url, '/nope.js', {}, 'HEAD')).status).toBe(404);
	});

	it('refuses other methods with 405', async () => {
		const reply = await get(server.url, '/index.html', {}, 'POST');
		expect(reply.status).toBe(405);
		expect(reply.headers['allow']).toBe('GET, HEAD');
	});

	it('answers a malformed URL with 400 and keeps serving', async () => {
		for (const path of ['/%E0%A4%A', '/%', '/teacher/%ZZ', '/%00', '/%C0%AF']) {
			const reply = await get(server.url, path);
			expect(reply.status, path).toBe(400);
		}
		expect((await get(server.url, '/teacher')).status).toBe(200);
	});

	it('never serves a file outside the build, however the path is spelled', async () => {
		for (const path of [
			'/../secret.txt',
			'/../../secret.txt',
			'/%2e%2e/secret.txt',
			'/..%2fsecret.txt',
			'/..%2Fsecret.txt',
			'/%2e%2e%2fsecret.txt',
			'/icons/..%2f..%2fsecret.txt',
			'//../secret.txt',
			'/..\\secret.txt'
		]) {
			const reply = await get(server.url, path);
			expect(reply.body.toString(), path).not.toContain(SECRET);
			expect([400, 404], path).toContain(reply.status);
		}
		expect((await get(server.url, '/teacher')).status).toBe(200);
	});

	it('serves a file changed after start as it is now, not its older compressed copy', async () => {
		appendFileSync(join(dir, 'sw.js'), '\n// deployed\n');
		const reply = await get(server.url, '/sw.js', { 'accept-encoding': 'br, gzip' });
		expect(reply.status).toBe(200);
		expect(reply.headers['content-encoding']).toBeUndefined();
		expect(reply.body.toString()).toBe(readFileSync(join(dir, 'sw.js'), 'utf8'));
		expect(reply.body.toString()).toContain('// deployed');
	});

	it('keeps serving while files vanish under it (a rebuild into the served directory)', async () => {
		const path = join(dir, 'flicker.png');
		let flickering = true;
		const flicker = (async () => {
			while (flickering) {
				writeFileSync(path, 'x'.repeat(1000));
				rmSync(path, { force: true });
				await new Promise((resolve) => setImmediate(resolve));
			}
		})();
		try {
			for (let i = 0; i < 1500; i++) await get(server.url, '/flicker.png').catch(() => null);
		} finally {
			flickering = false;
			await flicker;
		}
		expect((await get(server.url, '/teacher')).status).toBe(200);
	}, 30_000);

	it('gives a copy of a build (the browser tests, the benches) current compressed copies from the start', async () => {
		const copy = await serve(dir, { copy: true });
		try {
			expect(copy.dir).not.toBe(dir);
			const reply = await get(copy.url, '/_app/immutable/entry/app.Abc123.js', { 'accept-encoding': 'br' });
			expect(reply.headers['content-encoding']).toBe('br');
			expect(brotliDecompressSync(reply.body).toString()).toBe(APP_JS);
		} finally {
			await copy.stop();
			rmSync(copy.dir, { recursive: true, force: true });
		}
	});

	it('says in one line which port is busy and how to choose another, and exits with 1', async () => {
		const port = new URL(server.url).port;
		const second = spawn(process.execPath, ['scripts/serve.mjs'], {
			env: { ...process.env, BUILD_DIR: dir, PORT: port, HOST: '127.0.0.1' },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stderr = '';
		second.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		let stdout = '';
		second.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		// If it started after all (the first server gone), stop it rather than leave it running.
		const timer = setTimeout(() => second.kill(), 10_000);
		const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
		clearTimeout(timer);
		expect(stdout).not.toContain('is running');
		expect(code).toBe(1);
		expect(stderr.trim().split('\n')).toHaveLength(1);
		expect(stderr).toContain(`Port ${port} is busy`);
		expect(stderr).toMatch(/PORT=\d+ npm start/);
		// The first server is unaffected.
		expect((await get(server.url, '/teacher')).status).toBe(200);
	}, 20_000);
});
