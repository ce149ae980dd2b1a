/**
 * The README's backend recipe, run with the Supabase CLI pinned in package.json: `supabase db push
 * --db-url … --include-seed` on a fresh database that has only what Supabase provides (the shim),
 * a second push that finds nothing to do, and `supabase db lint` (plpgsql_check) without errors.
 * The CLI runs on a copy of supabase/ so that it writes nothing into the working tree or $HOME.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { applyFiles, migrationFiles, withDatabase } from './global-setup';

const CLI = resolve('node_modules/.bin/supabase');
const server = inject('databaseUrl');
const name = `cli_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
const work = mkdtempSync(join(tmpdir(), 'trajectory-cli-'));
let pool: pg.Pool;

/** The URL the README tells people to pass: a server without TLS needs sslmode=disable. */
function cliUrl(): string {
	const u = new URL(withDatabase(server, name));
	if (!u.searchParams.has('sslmode')) u.searchParams.set('sslmode', 'disable');
	return u.toString();
}

interface Run {
	code: number;
	output: string;
}

function supabase(...args: string[]): Promise<Run> {
	return new Promise((ok) => {
		execFile(
			CLI,
			[...args, '--workdir', work, '--yes'],
			{
				cwd: work,
				timeout: 120_000,
				maxBuffer: 16 * 1024 * 1024,
				env: { ...process.env, HOME: work, SUPABASE_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' }
			},
			(error, stdout, stderr) => {
				const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
				ok({ code, output: `${stdout}\n${stderr}` });
			}
		);
	});
}

async function admin(sql: string): Promise<void> {
	const client = new pg.Client({ connectionString: server });
	await client.connect();
	try {
		await client.query(sql);
	} finally {
		await client.end();
	}
}

beforeAll(async () => {
	cpSync(resolve('supabase'), join(work, 'supabase'), {
		recursive: true,
		filter: (source) => basename(source) !== '.temp'
	});
	await admin(`create database ${name}`);
	await applyFiles(withDatabase(server, name), [resolve('tests/db/supabase-shim.sql')]);
	pool = new pg.Pool({ connectionString: withDatabase(server, name), max: 2 });
});
afterAll(async () => {
	await pool?.end();
	await admin(`drop database if exists ${name} with (force)`);
	rmSync(work, { recursive: true, force: true });
});

const versions = () => migrationFiles().map((f) => basename(f).split('_')[0]);

async function recorded(): Promise<{ version: string; name: string }[]> {
	const { rows } = await pool.query('select version, name from supabase_migrations.schema_migrations order by version');
	return rows;
}

describe('the pinned Supabase CLI', () => {
	it('is the version package.json pins', async () => {
		const pinned = JSON.parse(readFileSync('package.json', 'utf8')).devDependencies.supabase;
		expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
		const run = await supabase('--version');
		expect(run.output.trim().split('\n')[0]).toBe(pinned);
	});

	it('pushes every migration and the seed to a database that has only what Supabase provides', async () => {
		const run = await supabase('db', 'push', '--db-url', cliUrl(), '--include-seed');
		expect(run.code, run.output).toBe(0);
		expect(run.output).toContain('Finished supabase db push.');
		expect(run.output).not.toMatch(/WARN/);
		expect(await recorded()).toEqual(
			migrationFiles().map((f) => {
				const [version, ...rest] = basename(f, '.sql').split('_');
				return { version, name: rest.join('_') };
			})
		);
		const seed = await pool.query(
			`select (select count(*)::int from public.profiles where email like '%@demo.test') as profiles,
			        (select count(*)::int from auth.users where email like '%@demo.test') as users,
			        (select count(*)::int from public.profiles p join auth.users u on u.id = p.user_id
			          where p.email like '%@demo.test') as linked,
			        (select count(*)::int from public.mentoring_pairs) as pairs,
			        (select array_agg(path) from supabase_migrations.seed_files) as seeds`
		);
		expect(seed.rows[0]).toEqual({ profiles: 6, users: 6, linked: 6, pairs: 1, seeds: ['supabase/seed.sql'] });
	});

	it('finds the database up to date on a second push and applies nothing again', async () => {
		const before = await recorded();
		const run = await supabase('db', 'push', '--db-url', cliUrl(), '--include-seed');
		expect(run.code, run.output).toBe(0);
		expect(run.output).toContain('Remote database is up to date.');
		expect(run.output).not.toContain('Applying migration');
		expect(run.output).not.toContain('Seeding data');
		expect(await recorded()).toEqual(before);
		expect(before.map((r) => r.version)).toEqual(versions());
		const { rows } = await pool.query(`select count(*)::int as n from public.profiles where email like '%@demo.test'`);
		expect(rows[0].n).toBe(6);
	});

	it('lints the schema with plpgsql_check and finds no errors', async () => {
		const { rows } = await pool.query(
			`select count(*)::int as n from pg_available_extensions where name = 'plpgsql_check'`
		);
		expect(
			rows[0].n,
			'supabase db lint needs the plpgsql_check extension on the PostgreSQL server the tests use. Install it with:\n' +
				'  sudo apt-get install -y postgresql-15-plpgsql-check'
		).toBe(1);
		// The linter is live: a function reading a table that does not exist is an error.
		await pool.query(`create schema lint_probe;
			create function lint_probe.broken() returns bigint language plpgsql as $$
			begin return (select count(*) from lint_probe.no_such_table); end $$`);
		const probe = await supabase(
			'db',
			'lint',
			'--db-url',
			cliUrl(),
			'--schema',
			'lint_probe',
			'--level',
			'error',
			'--fail-on',
			'error'
		);
		await pool.query('drop schema lint_probe cascade');
		expect(probe.code, probe.output).not.toBe(0);
		expect(probe.output).toContain('relation \\"lint_probe.no_such_table\\" does not exist');

		const run = await supabase('db', 'lint', '--db-url', cliUrl(), '--level', 'error', '--fail-on', 'error');
		expect(run.output).not.toContain('"level": "error"');
		expect(run.code, run.output).toBe(0);
	});
});
