import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		/** A superuser URL of the server the database tests use (any database name). */
		databaseUrl: string;
		/** A database with the shim and every migration applied; tests clone it. */
		templateDatabase: string;
	}
}

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** The migrations in the order the Supabase CLI applies them: by file name. */
export function migrationFiles(): string[] {
	const dir = resolve('supabase/migrations');
	return readdirSync(dir)
		.filter((f) => f.endsWith('.sql'))
		.sort()
		.map((f) => join(dir, f));
}

export function withDatabase(url: string, database: string): string {
	const u = new URL(url);
	u.pathname = `/${database}`;
	return u.toString();
}

/** Runs `sql` files in order on a database, each as one simple-query batch (like psql -f). */
export async function applyFiles(url: string, files: string[]): Promise<void> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		for (const file of files) {
			try {
				await client.query(readFileSync(file, 'utf8'));
			} catch (error) {
				throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
			}
		}
	} finally {
		await client.end();
	}
}

async function freePort(): Promise<number> {
	return new Promise((ok, fail) => {
		const server = createServer();
		server.once('error', fail);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
		});
	});
}

/** initdb and postgres refuse to run as root: as root, run them as the `postgres` OS user. */
function osUser(): { uid?: number; gid?: number } {
	if (process.getuid?.() !== 0) return {};
	const id = (flag: string, fallback: number) => {
		const out = spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
		const n = Number(out.stdout.trim());
		return out.status === 0 && Number.isInteger(n) ? n : fallback;
	};
	return { uid: id('-u', 101), gid: id('-g', 104) };
}

async function waitReady(url: string, server: ChildProcess, log: () => string): Promise<void> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (server.exitCode !== null) throw new Error(`postgres exited (${server.exitCode}):\n${log()}`);
		const client = new pg.Client({ connectionString: url });
		try {
			await client.connect();
			await client.end();
			return;
		} catch {
			await client.end().catch(() => {});
			if (Date.now() > deadline) throw new Error(`postgres did not start in 30 s:\n${log()}`);
			await new Promise((r) => setTimeout(r, 100));
		}
	}
}

/** A throwaway cluster from the system binaries, tuned for tests (no fsync). */
export async function startCluster(): Promise<{ url: string; stop: () => Promise<void> }> {
	const dir = mkdtempSync(join(tmpdir().startsWith('/root') ? '/tmp' : tmpdir(), 'trajectory-pg-'));
	const user = osUser();
	if (user.uid !== undefined) chownSync(dir, user.uid, user.gid!);
	const data = join(dir, 'data');
	const init = spawnSync(
		join(PG_BIN, 'initdb'),
		['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
		{
			cwd: dir,
			encoding: 'utf8',
			...user
		}
	);
	if (init.status !== 0) {
		rmSync(dir, { recursive: true, force: true });
		throw new Error(
			`initdb failed (is PostgreSQL 15 installed in ${PG_BIN}? or set DATABASE_URL):\n${init.stderr || init.error}`
		);
	}
	const port = await freePort();
	const settings = [
		'fsync=off',
		'synchronous_commit=off',
		'full_page_writes=off',
		'listen_addresses=127.0.0.1',
		'max_connections=120'
	];
	const server = spawn(
		join(PG_BIN, 'postgres'),
		['-D', data, '-p', String(port), '-k', dir, ...settings.flatMap((s) => ['-c', s])],
		{
			cwd: dir,
			stdio: ['ignore', 'pipe', 'pipe'],
			...user
		}
	);
	let output = '';
	server.stdout?.on('data', (d) => (output = (output + d).slice(-4000)));
	server.stderr?.on('data', (d) => (output = (output + d).slice(-4000)));
	const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
	const stop = async () => {
		if (server.exitCode === null) {
			const exited = new Promise((r) => server.once('exit', r));
			server.kill('SIGINT'); // fast shutdown
			let timer: NodeJS.Timeout | undefined;
			await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 10_000)))]);
			clearTimeout(timer);
			if (server.exitCode === null) server.kill('SIGKILL');
		}
		rmSync(dir, { recursive: true, force: true });
	};
	try {
		await waitReady(url, server, () => output);
	} catch (error) {
		await stop();
		throw error;
	}
	return { url, stop };
}

/**
 * Starts PostgreSQL (or uses DATABASE_URL), applies the Supabase shim and every migration to a
 * template database once; each test file clones the template (tests/db/cluster.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const cluster = process.env.DATABASE_URL ? null : await startCluster();
	const url = process.env.DATABASE_URL ?? cluster!.url;
	const template = `trajectory_template_${process.pid}`;
	const admin = new pg.Client({ connectionString: url });
	await admin.connect();
	try {
		await admin.query(`drop database if exists ${template}`);
		await admin.query(`create database ${template}`);
		await applyFiles(withDatabase(url, template), [resolve('tests/db/supabase-shim.sql'), ...migrationFiles()]);
	} catch (error) {
		await admin.end();
		await cluster?.stop();
		throw error;
	}
	await admin.end();
	project.provide('databaseUrl', url);
	project.provide('templateDatabase', template);
	return async () => {
		if (cluster) return cluster.stop();
		const client = new pg.Client({ connectionString: url });
		await client.connect();
		await client.query(`drop database if exists ${template} with (force)`);
		await client.end();
	};
}
