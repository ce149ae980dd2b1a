/**
 * docs/self-hosting.md's backup and restore, run as written: the settings file's names, the backup
 * script, the cron line and the restore script are read from the guide (the blocks marked
 * `<!-- tested: … -->`) and run with sh and PostgreSQL 15's client tools against the throwaway
 * cluster. A database with every migration, the demo seed, a generated municipality, the
 * privacy-rules cast and a pushed change is backed up, then
 *
 * - restored into a new database on the same server: every table holds the same rows, a report
 *   and a first pull answer as before, and a change pushed again is answered from the ledger;
 * - put back on a second, new server (`--replace`), where a device's cursor from the old server
 *   misses a row written there until the server's transaction epoch is moved as the guide says.
 */
import { execFile, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
	chownSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	utimesSync,
	writeFileSync
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, createActors, createOwnerRows, id, signUp, type Actors } from './actors';
import { freshDatabase, insertRow, type TestDatabase } from './cluster';
import { applyFiles, withDatabase } from './global-setup';
import { generateMunicipality, insertDataset, type Dataset } from './report-data';
import { pgTransport, type Mutation, type PullResponse } from './transport';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const GUIDE = readFileSync(resolve('docs/self-hosting.md'), 'utf8');
const work = mkdtempSync(join(tmpdir().startsWith('/root') ? '/tmp' : tmpdir(), 'trajectory-backup-'));

/** The code block right after `<!-- tested: name -->` in the guide. */
function guideBlock(name: string): string {
	const marker = `<!-- tested: ${name} -->`;
	const at = GUIDE.indexOf(marker);
	if (at < 0) throw new Error(`docs/self-hosting.md has no block marked ${marker}`);
	const block = /```[a-z]*\n([\s\S]*?)```/.exec(GUIDE.slice(at + marker.length));
	if (!block) throw new Error(`no code block after ${marker}`);
	return block[1]!;
}

/** The server part of a URL (no database), as SERVER_URL in the settings file. */
function serverOf(url: string): string {
	const u = new URL(url);
	const auth = u.username ? `${u.username}${u.password ? `:${u.password}` : ''}@` : '';
	return `${u.protocol}//${auth}${u.host}`;
}

interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

/** Runs one of the guide's scripts with sh, the given settings file and PostgreSQL 15's tools first on PATH. */
function script(name: string, args: string[], settings: string): Promise<Run> {
	const file = join(work, name);
	writeFileSync(file, guideBlock(name));
	return new Promise((ok) => {
		execFile(
			'sh',
			[file, ...args],
			{
				env: { ...process.env, PATH: `${PG_BIN}:${process.env.PATH ?? ''}`, TRAJECTORY_BACKUP_ENV: settings },
				timeout: 60_000,
				maxBuffer: 16 * 1024 * 1024
			},
			(error, stdout, stderr) =>
				ok({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })
		);
	});
}

/** A settings file like the guide's, pointing at a test server. */
function settingsFile(
	name: string,
	values: { SERVER_URL: string; DATABASE: string; BACKUP_DIR: string; KEEP_DAYS: string }
): string {
	const file = join(work, name);
	writeFileSync(
		file,
		Object.entries(values)
			.map(([k, v]) => `${k}=${v}\n`)
			.join('')
	);
	return file;
}

/** Rows of every ordinary table outside PostgreSQL's own schemas, by table. */
async function rowCounts(url: string): Promise<Record<string, number>> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		const { rows } = await client.query(
			`select format('%I.%I', n.nspname, c.relname) as t from pg_class c join pg_namespace n on n.oid = c.relnamespace
			 where c.relkind = 'r' and n.nspname not in ('pg_catalog', 'information_schema') order by 1`
		);
		const counts: Record<string, number> = {};
		for (const { t } of rows) counts[t] = (await client.query(`select count(*)::int as n from ${t}`)).rows[0].n;
		return counts;
	} finally {
		await client.end();
	}
}

async function run(url: string, sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return await client.query(sql, params);
	} finally {
		await client.end();
	}
}

/** Commits `n` transactions that each took an id. */
function burnTransactions(url: string, n: number): Promise<pg.QueryResult> {
	return run(url, `do $$ begin for i in 1..${n} loop perform pg_current_xact_id(); commit; end loop; end $$`);
}

async function pullAll(
	url: string,
	userId: string,
	cursor: string | null = null
): Promise<{ changes: PullResponse['changes']; cursor: string | null }> {
	const transport = pgTransport(url, userId);
	const changes: PullResponse['changes'] = [];
	try {
		for (;;) {
			const page = await transport.pull(cursor, 1000);
			changes.push(...page.changes);
			cursor = page.cursor;
			if (!page.has_more) return { changes, cursor };
		}
	} finally {
		await transport.end();
	}
}

const byTableAndId = (
	a: { table: string; row: Record<string, unknown> },
	b: { table: string; row: Record<string, unknown> }
) => `${a.table}/${String(a.row.id)}`.localeCompare(`${b.table}/${String(b.row.id)}`);

// ——— A second PostgreSQL server that can be stopped, given a new epoch and started again ———

const PG_USER = (() => {
	if (process.getuid?.() !== 0) return {};
	const num = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
	return { uid: num('-u'), gid: num('-g') };
})();

function pgTool(tool: string, args: string[]): void {
	const r = spawnSync(join(PG_BIN, tool), args, { encoding: 'utf8', ...PG_USER });
	if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed:\n${r.stdout}${r.stderr}${r.error ?? ''}`);
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

class SecondServer {
	// Its own directory: the postgres OS user (as root, PostgreSQL runs as that user) must own it.
	readonly dir = mkdtempSync(join(tmpdir().startsWith('/root') ? '/tmp' : tmpdir(), 'trajectory-new-server-'));
	readonly data = join(this.dir, 'data');
	port = 0;
	get url(): string {
		return `postgresql://postgres@127.0.0.1:${this.port}`;
	}
	async init(): Promise<void> {
		if (PG_USER.uid !== undefined) chownSync(this.dir, PG_USER.uid, PG_USER.gid!);
		pgTool('initdb', ['-D', this.data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
		this.port = await freePort();
		this.start();
	}
	start(): void {
		const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
		pgTool('pg_ctl', ['-D', this.data, '-o', options, '-l', join(this.dir, 'log'), '-w', 'start']);
	}
	stop(): void {
		if (existsSync(join(this.data, 'postmaster.pid'))) pgTool('pg_ctl', ['-D', this.data, '-m', 'fast', '-w', 'stop']);
	}
}

// ——— The database that is backed up ———

let db: TestDatabase;
let a: Actors;
let ds: Dataset;
let municipal: string;
let pushed: Mutation;
let adminEmail: string;
const clientId = id();
const backups = join(work, 'backups');
let settings: string;
let dump: string;
const restoredName = `r_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
let restoredUrl: string;
const second = new SecondServer();

beforeAll(async () => {
	db = await freshDatabase({ max: 4 });
	// A server that has run for a while: its transaction ids are far above a new server's.
	await burnTransactions(db.url, 20_000);
	await applyFiles(db.url, [resolve('supabase/seed.sql')]);
	ds = generateMunicipality({ year: 2026, schoolSizes: [8, 5], seed: 15 });
	await insertDataset(db.pool, ds);
	// Municipal readers are offered the last three years unless the region starts earlier: the
	// 2026 report stays askable after August 2029 too.
	await db.pool.query(`insert into public.region_settings (region_id, report_years_from) values ($1, 2026)`, [
		ds.region
	]);
	municipal = await signUp(db.pool, ds.municipalMethodistEmail);
	a = await createActors(db.pool);
	await createOwnerRows(db.pool, a);
	// The guide's first administrator, with its psql command.
	const bootstrap = /psql "[^"]*" \\\n\s*--command="(select private\.bootstrap_admin\('[^']+', '[^']+'\))"/.exec(GUIDE);
	expect(bootstrap, 'docs/self-hosting.md makes the first administrator with psql').not.toBeNull();
	const made = spawnSync(join(PG_BIN, 'psql'), [db.url, '--set=ON_ERROR_STOP=1', `--command=${bootstrap![1]}`], {
		encoding: 'utf8'
	});
	expect(made.status, made.stderr).toBe(0);
	adminEmail = /bootstrap_admin\('([^']+)'/.exec(bootstrap![1]!)![1]!;
	pushed = {
		seq: 1,
		mutation_id: id(),
		table: 'activities',
		row_id: id(),
		op: 'upsert',
		fields: build.activity({ id: undefined, teacher_id: a.people.owner.profileId, title: 'Перед резервной копией' }),
		base: {}
	};
	const answer = await pgTransport(db.pool, a.people.owner.userId).push(clientId, [pushed]);
	expect(answer).toMatchObject({ last_seq: 1, results: [{ seq: 1, status: 'applied' }] });
	settings = settingsFile('backup.env', {
		SERVER_URL: serverOf(db.url),
		DATABASE: db.name,
		BACKUP_DIR: backups,
		KEEP_DAYS: '30'
	});
	restoredUrl = withDatabase(db.url, restoredName);
});

afterAll(async () => {
	second.stop();
	rmSync(second.dir, { recursive: true, force: true });
	await run(withDatabase(db.url, 'postgres'), `drop database if exists ${restoredName} with (force)`).catch(() => {});
	await db?.drop();
	rmSync(work, { recursive: true, force: true });
});

describe('the guide', () => {
	it('names the same settings its scripts read, and runs the backup script from cron', () => {
		const names = [...guideBlock('backup.env').matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]);
		expect(names).toEqual(['SERVER_URL', 'DATABASE', 'BACKUP_DIR', 'KEEP_DAYS']);
		for (const script of ['trajectory-backup', 'trajectory-restore']) {
			const used = new Set([...guideBlock(script).matchAll(/\$\{?([A-Z_]+)/g)].map((m) => m[1]));
			expect([...used].filter((n) => n !== 'TRAJECTORY_BACKUP_ENV').sort(), script).toEqual(
				names.filter((n) => used.has(n)).sort()
			);
		}
		expect(guideBlock('cron').trim()).toMatch(/^\S+ \S+ \S+ \S+ \S+ root \/usr\/local\/bin\/trajectory-backup( |$)/);
	});
});

describe('a daily backup', () => {
	it('writes a custom-format dump of the whole database and deletes only backups older than KEEP_DAYS', async () => {
		mkdirSync(backups, { recursive: true });
		const day = 86_400;
		const now = Date.now() / 1000;
		const old = join(backups, `${db.name}-20200101-023000.dump`);
		const recent = join(backups, `${db.name}-20200102-023000.dump`);
		const other = join(backups, 'something-else.dump');
		for (const [file, age] of [
			[old, 31],
			[recent, 29],
			[other, 90]
		] as const) {
			writeFileSync(file, 'x');
			utimesSync(file, now - age * day - 3600, now - age * day - 3600);
		}

		const backup = await script('trajectory-backup', [], settings);
		expect(backup.code, backup.stderr).toBe(0);
		dump = backup.stdout.trim();
		expect(dump).toMatch(new RegExp(`^${backups}/${db.name}-\\d{8}-\\d{6}\\.dump$`));
		expect(readFileSync(dump).subarray(0, 5).toString()).toBe('PGDMP');
		expect(readdirSync(backups).sort()).toEqual([recent, other, dump].map((f) => f.slice(backups.length + 1)).sort());

		const list = spawnSync(join(PG_BIN, 'pg_restore'), ['--list', dump], { encoding: 'utf8' });
		expect(list.stdout).toContain('TABLE DATA auth users');
		expect(list.stdout).toContain('TABLE DATA public sync_ledger');
		expect(list.stdout).toContain('FUNCTION private bootstrap_admin(text, text)');
	});
});

describe('a backup restored into a new database on the same server', () => {
	let restore: Run;
	beforeAll(async () => {
		restore = await script('trajectory-restore', [dump, restoredName], settings);
	});

	it('holds every row of every table, and the restore prints the main counts without a warning', async () => {
		expect(restore.code, restore.stderr).toBe(0);
		expect(restore.stderr).not.toContain('WARNING');
		const source = await rowCounts(db.url);
		expect(source['public.profiles']).toBeGreaterThan(20);
		expect(source['public.sync_ledger']).toBe(1);
		const { rows: admins } = await run(
			restoredUrl,
			`select count(*)::int as n from public.profiles p join public.memberships m on m.profile_id = p.id and m.role = 'admin' where p.email = $1`,
			[adminEmail]
		);
		expect(admins[0].n).toBe(1);
		expect(await rowCounts(restoredUrl)).toEqual(source);
		const printed = Object.fromEntries(
			[...restore.stdout.matchAll(/^\s*([a-z_.]+)\s*\|\s*(\d+)\s*$/gm)].map((m) => [m[1], Number(m[2])])
		);
		expect(printed).toEqual({
			profiles: source['public.profiles'],
			memberships: source['public.memberships'],
			assessments: source['public.assessments'],
			development_plans: source['public.development_plans'],
			mentoring_sessions: source['public.mentoring_sessions'],
			sync_ledger: source['public.sync_ledger'],
			'auth.users': source['auth.users']
		});
	});

	it('answers a municipal methodist’s report exactly as the original does, through the same row-level security', async () => {
		const report = async (url: string) => {
			const client = new pg.Client({ connectionString: url });
			await client.connect();
			try {
				await client.query('begin');
				await client.query('set local role authenticated');
				await client.query(`select set_config('request.jwt.claims', $1, true)`, [
					JSON.stringify({ sub: municipal, role: 'authenticated' })
				]);
				const { rows } = await client.query('select public.report_indicators($1, $2) as r', [ds.municipality, 2026]);
				await client.query('rollback');
				return rows[0].r as Record<string, unknown>;
			} finally {
				await client.end();
			}
		};
		const before = await report(db.url);
		expect(JSON.stringify(before).length).toBeGreaterThan(200);
		expect(await report(restoredUrl)).toEqual(before);
	});

	it('gives a device the same first pull, and answers a change pushed again from the restored ledger', async () => {
		const owner = a.people.owner.userId;
		const before = await pullAll(db.url, owner);
		const after = await pullAll(restoredUrl, owner);
		expect(after.changes.length).toBeGreaterThan(10);
		expect(after.changes.slice().sort(byTableAndId)).toEqual(before.changes.slice().sort(byTableAndId));
		expect(after.changes.some((c) => c.row.id === pushed.row_id)).toBe(true);

		const again = pgTransport(restoredUrl, owner);
		try {
			expect(await again.push(clientId, [pushed])).toMatchObject({
				last_seq: 1,
				results: [{ seq: 1, status: 'duplicate', outcome: 'applied' }]
			});
		} finally {
			await again.end();
		}
		const { rows } = await run(restoredUrl, 'select count(*)::int as n from public.activities where id = $1', [
			pushed.row_id
		]);
		expect(rows[0].n).toBe(1);
	});
});

describe('a backup put back on a new server', () => {
	let oldCursor: string | null;
	let newSettings: string;
	const owner = () => a.people.owner;

	/** A new activity of the owner's, written on the new server the way the server writes rows. */
	async function writeOnNewServer(title: string): Promise<string> {
		const rowId = id();
		const client = new pg.Client({ connectionString: withDatabase(second.url, db.name) });
		await client.connect();
		try {
			await insertRow(client, 'activities', build.activity({ id: rowId, teacher_id: owner().profileId, title }));
		} finally {
			await client.end();
		}
		return rowId;
	}

	beforeAll(async () => {
		// The old server goes on after the backup, and the device pulls what it writes.
		await burnTransactions(db.url, 1_000);
		await insertRow(
			db.pool,
			'activities',
			build.activity({ teacher_id: owner().profileId, title: 'После резервной копии' })
		);
		oldCursor = (await pullAll(db.url, owner().userId)).cursor;

		// The new server: Supabase's roles (the stack makes them) and its own, still empty, database.
		await second.init();
		await applyFiles(withDatabase(second.url, 'postgres'), [resolve('tests/db/supabase-shim.sql')]);
		await run(withDatabase(second.url, 'postgres'), `create database ${db.name}`);
		newSettings = settingsFile('backup-new.env', {
			SERVER_URL: second.url,
			DATABASE: db.name,
			BACKUP_DIR: backups,
			KEEP_DAYS: '30'
		});
	});

	it('replaces the database with the backup, keeps the one it found aside, and warns that the transaction counter is behind', async () => {
		// A session left open on the database (as pg_net's worker is on Supabase's) does not stop it.
		const lingering = new pg.Client({ connectionString: withDatabase(second.url, db.name) });
		lingering.on('error', () => {});
		await lingering.connect();
		const restore = await script('trajectory-restore', ['--replace', dump], newSettings);
		await expect(lingering.query('select 1')).rejects.toThrow();
		await lingering.end().catch(() => {});
		expect(restore.code, restore.stderr).toBe(0);
		expect(restore.stdout).toMatch(new RegExp(`The database ${db.name} is kept as ${db.name}_before_\\d{8}_\\d{6}\\.`));
		expect(restore.stderr).toMatch(/WARNING:.*transaction counter \(\d+\) is behind the backup's \(\d+\)/);
		const { rows } = await run(
			withDatabase(second.url, 'postgres'),
			`select datname, datallowconn from pg_database where datname like $1 order by 1`,
			[`${db.name}%`]
		);
		expect(rows).toEqual([
			{ datname: db.name, datallowconn: true },
			{ datname: expect.stringMatching(new RegExp(`^${db.name}_before_`)), datallowconn: false }
		]);
		const restored = await rowCounts(withDatabase(second.url, db.name));
		expect(restored['public.profiles']).toBeGreaterThan(20);
		// Everything but the activity the old server wrote after the backup.
		const source = await rowCounts(db.url);
		expect(restored).toEqual({ ...source, 'public.activities': source['public.activities']! - 1 });
	});

	it('keeps every copy aside when two restores fall in the same second', async () => {
		// The copies the next seconds' restores would be named: taken, as by a restore just before.
		const stamp = (at: Date) =>
			`${at.getFullYear()}${String(at.getMonth() + 1).padStart(2, '0')}${String(at.getDate()).padStart(2, '0')}_` +
			`${String(at.getHours()).padStart(2, '0')}${String(at.getMinutes()).padStart(2, '0')}${String(at.getSeconds()).padStart(2, '0')}`;
		const now = Date.now();
		const taken = Array.from({ length: 6 }, (_, i) => `${db.name}_before_${stamp(new Date(now + i * 1000))}`);
		const server = withDatabase(second.url, 'postgres');
		const made: string[] = [];
		for (const name of taken) {
			// The first restore's own copy may hold one of these names already.
			if ((await run(server, `select 1 from pg_database where datname = $1`, [name])).rows.length) continue;
			await run(server, `create database "${name}"`);
			made.push(name);
		}
		try {
			const restore = await script('trajectory-restore', ['--replace', dump], newSettings);
			expect(restore.code, restore.stderr).toBe(0);
			expect(restore.stdout).toMatch(new RegExp(`is kept as ${db.name}_before_\\d{8}_\\d{6}_2\\.`));
		} finally {
			for (const name of made) await run(server, `drop database if exists "${name}"`);
		}
	});

	it('without a new epoch: a row written there never reaches a device whose cursor came from the old server', async () => {
		const missed = await writeOnNewServer('На новом сервере, без эпохи');
		const pulled = await pullAll(withDatabase(second.url, db.name), owner().userId, oldCursor);
		expect(pulled.changes.map((c) => c.row.id)).not.toContain(missed);
	});

	it('with the epoch the guide sets (pg_resetwal on the stopped server), the warning is gone and new rows reach that device', async () => {
		const command = /--entrypoint pg_resetwal db (--epoch=\d+) \/var\/lib\/postgresql\/data\n/.exec(GUIDE);
		expect(
			command,
			"docs/self-hosting.md runs pg_resetwal --epoch=N on the db service's data directory"
		).not.toBeNull();
		second.stop();
		pgTool('pg_resetwal', [command![1]!, second.data]);
		second.start();

		const restore = await script('trajectory-restore', ['--replace', dump], newSettings);
		expect(restore.code, restore.stderr).toBe(0);
		expect(restore.stderr).not.toContain('WARNING');
		const received = await writeOnNewServer('На новом сервере, после эпохи');
		const pulled = await pullAll(withDatabase(second.url, db.name), owner().userId, oldCursor);
		expect(pulled.changes.map((c) => c.row.id)).toContain(received);
	});
});
