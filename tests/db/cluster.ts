/**
 * Databases for tests and the PostgREST way of running a request: one transaction on ONE
 * connection, `set local role authenticated` and the JWT claims set transaction-locally.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export interface TestDatabase {
	/** Superuser URL of this database. */
	url: string;
	name: string;
	/** Superuser pool (bypasses RLS): fixtures and checks of what was really written. */
	pool: pg.Pool;
	/** Ends the pool and drops the database. */
	drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
	const u = new URL(url);
	u.pathname = `/${database}`;
	return u.toString();
}

/** A new database cloned from the migrated template (≈ 50 ms). */
export async function freshDatabase(options: { max?: number } = {}): Promise<TestDatabase> {
	const server = inject('databaseUrl');
	const template = inject('templateDatabase');
	const name = `t_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
	const admin = new pg.Client({ connectionString: server });
	await admin.connect();
	try {
		await admin.query(`create database ${name} template ${template}`);
	} finally {
		await admin.end();
	}
	const url = withDatabase(server, name);
	const pool = new pg.Pool({ connectionString: url, max: options.max ?? 12 });
	// A dropped connection (a test killing a backend) must not crash the run.
	pool.on('error', () => {});
	return {
		url,
		name,
		pool,
		async drop() {
			await pool.end();
			const client = new pg.Client({ connectionString: server });
			await client.connect();
			try {
				await client.query(`drop database if exists ${name} with (force)`);
			} finally {
				await client.end();
			}
		}
	};
}

export type Queryable = pg.Pool | pg.PoolClient | pg.Client;

/** The claims PostgREST sets for a signed-in user (null: anon). */
export function claimsOf(userId: string | null): Record<string, unknown> {
	return userId ? { sub: userId, role: 'authenticated', aud: 'authenticated' } : { role: 'anon' };
}

/**
 * Runs `fn` as the user (null: anon) inside one transaction on one connection, the way PostgREST
 * runs a request: begin; set local role; set_config('request.jwt.claims', …, true); …; commit.
 * Rolls back and rethrows if `fn` throws.
 */
export async function asUser<T>(
	db: Queryable,
	userId: string | null,
	fn: (client: pg.ClientBase) => Promise<T>,
	options: { rollback?: boolean } = {}
): Promise<T> {
	const client = db instanceof pg.Pool ? await db.connect() : db;
	try {
		await client.query('begin');
		try {
			await client.query(`set local role ${userId ? 'authenticated' : 'anon'}`);
			await client.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claimsOf(userId))]);
			const result = await fn(client);
			await client.query(options.rollback ? 'rollback' : 'commit');
			return result;
		} catch (error) {
			await client.query('rollback').catch(() => {});
			throw error;
		}
	} finally {
		if (db instanceof pg.Pool) (client as pg.PoolClient).release();
	}
}

export interface Attempt {
	ok: boolean;
	/** Rows returned (select … / returning) or affected. */
	rowCount: number;
	rows: Record<string, unknown>[];
	/** SQLSTATE when it failed (42501: permission or RLS; P0001…). */
	code?: string;
	message?: string;
}

/**
 * One statement as the user, never throwing: what happened, for tables of expectations.
 * `rollback: true` leaves the database as it was (each cell of a matrix sees the same rows).
 */
export async function attempt(
	db: Queryable,
	userId: string | null,
	sql: string,
	params: unknown[] = [],
	options: { rollback?: boolean } = {}
): Promise<Attempt> {
	try {
		return await asUser(
			db,
			userId,
			async (c) => {
				const r = await c.query(sql, params);
				return { ok: true, rowCount: r.rowCount ?? 0, rows: r.rows };
			},
			options
		);
	} catch (error) {
		const e = error as { code?: string; message?: string };
		return { ok: false, rowCount: 0, rows: [], code: e.code, message: e.message };
	}
}

/**
 * Insert a row given as snake_case columns (jsonb typed through the table's record type), as the
 * superuser unless run inside asUser.
 */
export async function insertRow(
	db: Queryable | pg.ClientBase,
	table: string,
	row: Record<string, unknown>
): Promise<void> {
	const cols = Object.keys(row).map((c) => `"${c}"`);
	await db.query(
		`insert into public.${table} (${cols.join(', ')}) select ${cols.map((c) => `r.${c}`).join(', ')} from jsonb_populate_record(null::public.${table}, $1) r`,
		[JSON.stringify(row)]
	);
}
