/**
 * The sync engine's transport over the real SQL functions, the way PostgREST calls them: one
 * transaction per call, role authenticated, the user's claims set locally.
 */
import pg from 'pg';
import {
	SyncTransportError,
	toEnvelope,
	type Mutation,
	type PullResponse,
	type PushResponse,
	type SyncTransport
} from '../../src/lib/sync/transport';
import { asUser } from './cluster';

export type { Mutation, PullResponse, PushResponse, SyncTransport };

/** SQLSTATE classes and socket errors that mean "no answer from the server". */
function isConnectionError(error: unknown): boolean {
	const e = error as { code?: string; message?: string };
	if (typeof e?.code === 'string') {
		if (/^(ECONN|ENOTFOUND|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)/.test(e.code)) return true;
		if (e.code.startsWith('08') || e.code === '57P01' || e.code === '57P02' || e.code === '57P03') return true;
	}
	return /Connection terminated|connection.*(closed|ended)|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(
		e?.message ?? ''
	);
}

function classify(error: unknown): SyncTransportError {
	if (error instanceof SyncTransportError) return error;
	const e = error as { code?: string; message?: string };
	const message = e?.message ?? String(error);
	if (isConnectionError(error)) return new SyncTransportError('offline', message, { cause: error });
	// 42501 without a signed-in user, 28xxx invalid authorization: the session must be refreshed.
	if (e?.code === '42501' || e?.code?.startsWith('28'))
		return new SyncTransportError('auth', message, { cause: error });
	return new SyncTransportError('server', message, { cause: error });
}

export interface PgTransport extends SyncTransport {
	/** Ends the pool if the transport made it (from a URL). */
	end(): Promise<void>;
}

/**
 * `db` is a pool (shared, not ended by `end()`) or a URL (a small pool of its own).
 * `userId` is the auth user (JWT sub) every call runs as.
 */
export function pgTransport(db: pg.Pool | string, userId: string): PgTransport {
	const owned = typeof db === 'string';
	const pool = owned ? new pg.Pool({ connectionString: db, max: 2 }) : db;
	if (owned) pool.on('error', () => {});
	async function call<T>(sql: string, params: unknown[]): Promise<T> {
		try {
			return await asUser(pool, userId, async (c) => (await c.query(sql, params)).rows[0].result as T);
		} catch (error) {
			throw classify(error);
		}
	}
	return {
		push(clientId: string, mutations: Mutation[]): Promise<PushResponse> {
			return call<PushResponse>('select public.sync_push($1::uuid, $2::jsonb) as result', [
				clientId,
				JSON.stringify(mutations.map(toEnvelope))
			]);
		},
		pull(cursor: string | null, limit: number): Promise<PullResponse> {
			return call<PullResponse>('select public.sync_pull($1::text, $2::integer) as result', [cursor, limit]);
		},
		async end() {
			if (owned) await pool.end();
		}
	};
}
