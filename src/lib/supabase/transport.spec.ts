import { describe, expect, it, vi } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { answerOf, createTransport, failureKind } from './transport';
import { problemOf } from './auth';
import { SyncTransportError } from '$lib/sync/transport';

describe('the supabase transport', () => {
	it('reports a request that never reached the server as offline', () => {
		expect(failureKind({ data: null, status: 0, error: { message: 'TypeError: Failed to fetch' } })).toBe('offline');
	});

	it('reports an expired or refused token as auth', () => {
		expect(failureKind({ data: null, status: 401, error: { message: 'JWT expired', code: 'PGRST303' } })).toBe('auth');
		expect(failureKind({ data: null, status: 400, error: { message: 'JWT expired', code: 'PGRST301' } })).toBe('auth');
	});

	it('reports 5xx as server and anything else as protocol', () => {
		expect(failureKind({ data: null, status: 503, error: { message: 'unavailable' } })).toBe('server');
		expect(failureKind({ data: null, status: 404, error: { message: 'function not found', code: 'PGRST202' } })).toBe(
			'protocol'
		);
	});

	it('passes a well-formed answer through and refuses one that is not', () => {
		const pull = { changes: [], cursor: null, has_more: false, scope: { teacher_ids: [] } };
		const isPull = (d: unknown) => typeof d === 'object' && d !== null && 'changes' in d;
		expect(answerOf({ data: pull, status: 200, error: null }, isPull)).toBe(pull);
		expect(() => answerOf({ data: 'nonsense', status: 200, error: null }, isPull)).toThrowError(SyncTransportError);
		try {
			answerOf({ data: null, status: 0, error: { message: 'Failed to fetch' } }, isPull);
		} catch (error) {
			expect((error as SyncTransportError).kind).toBe('offline');
		}
	});
});

const USER_A = '00000000-0000-4000-8000-0000000000a1';
const USER_B = '00000000-0000-4000-8000-0000000000b2';

/** Just enough of supabase-js: the session in (shared) storage, and rpc. */
function fakeClient(
	sessionUser: string | null,
	error: { name: string; status: number; message: string } | null = null
) {
	const rpc = vi.fn(async (fn: string) => ({
		data:
			fn === 'sync_push'
				? { last_seq: 0, results: [] }
				: { changes: [], cursor: null, has_more: false, scope: { teacher_ids: [] } },
		error: null,
		status: 200
	}));
	const getSession = vi.fn(async () => ({
		data: { session: sessionUser ? { user: { id: sessionUser } } : null },
		error
	}));
	return { client: { rpc, auth: { getSession } } as unknown as SupabaseClient, rpc, getSession };
}

async function failure(work: Promise<unknown>): Promise<SyncTransportError> {
	const error = await work.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(SyncTransportError);
	return error as SyncTransportError;
}

describe('the transport under a shared session', () => {
	it('calls the server when the session is the database owner’s', async () => {
		const { client, rpc } = fakeClient(USER_A);
		const transport = createTransport(client, USER_A);
		await expect(transport.push('c', [])).resolves.toEqual({ last_seq: 0, results: [] });
		await expect(transport.pull(null, 10)).resolves.toMatchObject({ has_more: false });
		expect(rpc).toHaveBeenCalledTimes(2);
	});

	it('sends each mutation as an envelope: the mutation as JSON text, its seq and mutation id beside it', async () => {
		const { client, rpc } = fakeClient(USER_A);
		const mutation = {
			seq: 7,
			mutation_id: USER_B,
			table: 'activities',
			row_id: USER_A,
			op: 'upsert' as const,
			fields: { title: 'Курс\u0000' },
			base: {}
		};
		await createTransport(client, USER_A).push('c', [mutation]);
		expect(rpc).toHaveBeenCalledWith('sync_push', {
			p_client_id: 'c',
			p_mutations: [{ seq: 7, mutation_id: USER_B, mutation: JSON.stringify(mutation) }]
		});
	});

	it('refuses to push or pull when another tab signed in as someone else, without calling the server', async () => {
		const { client, rpc, getSession } = fakeClient(USER_B);
		const transport = createTransport(client, USER_A);
		const pushed = await failure(transport.push('c', []));
		expect(pushed.kind).toBe('auth');
		expect(pushed.message).toBe('session belongs to another user');
		expect((await failure(transport.pull(null, 10))).kind).toBe('auth');
		expect(getSession).toHaveBeenCalledTimes(2);
		expect(rpc).not.toHaveBeenCalled();
	});

	it('checks before every call, not once', async () => {
		const fake = fakeClient(USER_A);
		const transport = createTransport(fake.client, USER_A);
		await transport.push('c', []);
		fake.getSession.mockResolvedValue({ data: { session: { user: { id: USER_B } } }, error: null });
		expect((await failure(transport.push('c', []))).kind).toBe('auth');
		expect(fake.rpc).toHaveBeenCalledTimes(1);
	});

	it('reports no session as auth, and a refresh that could not reach the server as offline', async () => {
		const signedOut = fakeClient(null);
		expect((await failure(createTransport(signedOut.client, USER_A).pull(null, 10))).kind).toBe('auth');
		const offline = fakeClient(null, { name: 'AuthRetryableFetchError', status: 0, message: 'Failed to fetch' });
		expect((await failure(createTransport(offline.client, USER_A).pull(null, 10))).kind).toBe('offline');
		expect(signedOut.rpc).not.toHaveBeenCalled();
		expect(offline.rpc).not.toHaveBeenCalled();
	});
});

describe('sign-in errors', () => {
	it('tells a wrong password, an uninvited address and no network apart', () => {
		expect(
			problemOf({
				name: 'AuthApiError',
				status: 400,
				code: 'invalid_credentials',
				message: 'Invalid login credentials'
			})
		).toBe('invalid_credentials');
		expect(
			problemOf({
				name: 'AuthApiError',
				status: 422,
				code: 'signup_disabled',
				message: 'Signups not allowed for this instance'
			})
		).toBe('not_invited');
		expect(problemOf({ name: 'AuthApiError', status: 422, message: 'Signups not allowed for otp' })).toBe(
			'not_invited'
		);
		expect(problemOf({ name: 'AuthRetryableFetchError', status: 0, message: 'Failed to fetch' })).toBe('offline');
		expect(problemOf({ name: 'AuthApiError', status: 500, message: 'boom' })).toBe('unknown');
	});

	it('reads the invitation trigger refusing a new account as an uninvited address', () => {
		// signInWithOtp with shouldCreateUser: GoTrue reports the trigger's exception this way.
		expect(
			problemOf({
				name: 'AuthApiError',
				status: 500,
				code: 'unexpected_failure',
				message: 'Database error saving new user'
			})
		).toBe('not_invited');
		expect(problemOf({ name: 'AuthApiError', status: 500, message: 'Database error saving new user' })).toBe(
			'not_invited'
		);
	});
});
