import type { SupabaseClient } from '@supabase/supabase-js';
import {
	SyncTransportError,
	toEnvelope,
	type PullResponse,
	type PushResponse,
	type SyncTransport
} from '$lib/sync/transport';

type Kind = SyncTransportError['kind'];

/** What supabase-js hands back from `rpc`: the HTTP status and PostgREST's error, if any. */
export interface RpcOutcome {
	data: unknown;
	error: { message?: string; code?: string; details?: string | null } | null;
	status: number;
}

/**
 * The reason a failed call is reported with. supabase-js turns a fetch that never reached the
 * server into status 0; PostgREST answers an expired or invalid token with 401 (PGRST301/303).
 */
export function failureKind(outcome: RpcOutcome): Kind {
	const code = outcome.error?.code ?? '';
	const message = outcome.error?.message ?? '';
	if (!outcome.status) return 'offline';
	if (outcome.status === 401 || /^PGRST30\d$/.test(code) || /jwt expired/i.test(message)) return 'auth';
	if (outcome.status >= 500) return 'server';
	return 'protocol';
}

function isObject(value: unknown): value is Record<string, unknown> {
	return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** A push answer is either the batch's results or a whole-call refusal (`{"error": …}`). */
function looksLikePush(data: unknown): boolean {
	return (
		isObject(data) &&
		(typeof data.error === 'string' || (Array.isArray(data.results) && typeof data.last_seq === 'number'))
	);
}

function looksLikePull(data: unknown): boolean {
	return (
		isObject(data) &&
		Array.isArray(data.changes) &&
		typeof data.has_more === 'boolean' &&
		(data.cursor === null || typeof data.cursor === 'string')
	);
}

/** Turn one rpc outcome into the answer, or throw the reason the sync engine acts on. */
export function answerOf<T>(outcome: RpcOutcome, looksRight: (data: unknown) => boolean): T {
	if (outcome.error || outcome.status === 0 || outcome.status >= 400) {
		const kind = failureKind(outcome);
		throw new SyncTransportError(kind, outcome.error?.message || `HTTP ${outcome.status}`);
	}
	if (!looksRight(outcome.data)) throw new SyncTransportError('protocol', 'unexpected answer from the server');
	return outcome.data as T;
}

async function call(work: () => PromiseLike<RpcOutcome>): Promise<RpcOutcome> {
	try {
		return await work();
	} catch (error) {
		// supabase-js reports network failures in the result; a throw here is one it did not catch
		// (an aborted request, a body that is not JSON).
		const message = error instanceof Error ? error.message : String(error);
		if (error instanceof SyntaxError) throw new SyncTransportError('protocol', message);
		throw new SyncTransportError('offline', message);
	}
}

interface AuthErrorLike {
	name?: string;
	status?: number;
	message?: string;
}

/**
 * Make sure the session supabase-js will send belongs to `userId`. The session lives in storage
 * shared by every tab: when another tab signs in as someone else, this tab's requests would carry
 * that person's token — their rows pulled into this user's database, this user's queue pushed
 * under their name. Checked before every call; a mismatch (or no session) is an 'auth' failure
 * and the call is not made.
 */
export async function assertSessionOf(client: SupabaseClient, userId: string): Promise<void> {
	let result: Awaited<ReturnType<SupabaseClient['auth']['getSession']>>;
	try {
		result = await client.auth.getSession();
	} catch (error) {
		throw new SyncTransportError('offline', error instanceof Error ? error.message : String(error));
	}
	const { data, error } = result as { data: { session: { user: { id: string } } | null }; error: AuthErrorLike | null };
	// An expired session is refreshed inside getSession; without a network that refresh fails.
	if (error && (error.name === 'AuthRetryableFetchError' || error.status === 0))
		throw new SyncTransportError('offline', error.message ?? 'offline');
	const current = data.session?.user.id ?? null;
	if (current === null) throw new SyncTransportError('auth', error?.message || 'not signed in');
	if (current !== userId) throw new SyncTransportError('auth', 'session belongs to another user');
}

/**
 * The app's sync transport: the server's `sync_push` / `sync_pull` functions through PostgREST,
 * only ever under `userId`'s session (the owner of the database the engine serves).
 */
export function createTransport(client: SupabaseClient, userId: string): SyncTransport {
	return {
		supabase: { client, userId },
		async push(clientId, mutations) {
			await assertSessionOf(client, userId);
			const outcome = await call(() =>
				client.rpc('sync_push', { p_client_id: clientId, p_mutations: mutations.map(toEnvelope) })
			);
			return answerOf<PushResponse>(outcome, looksLikePush);
		},
		async pull(cursor, limit) {
			await assertSessionOf(client, userId);
			const outcome = await call(() => client.rpc('sync_pull', { p_cursor: cursor, p_limit: limit }));
			return answerOf<PullResponse>(outcome, looksLikePull);
		}
	};
}
