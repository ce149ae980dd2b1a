import { describe, expect, it } from 'vitest';
import { answerOf, failureKind } from './transport';
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
		expect(failureKind({ data: null, status: 404, error: { message: 'function not found', code: 'PGRST202' } })).toBe('protocol');
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

describe('sign-in errors', () => {
	it('tells a wrong password, an uninvited address and no network apart', () => {
		expect(problemOf({ name: 'AuthApiError', status: 400, code: 'invalid_credentials', message: 'Invalid login credentials' })).toBe('invalid_credentials');
		expect(problemOf({ name: 'AuthApiError', status: 422, code: 'signup_disabled', message: 'Signups not allowed for this instance' })).toBe('not_invited');
		expect(problemOf({ name: 'AuthApiError', status: 422, message: 'Signups not allowed for otp' })).toBe('not_invited');
		expect(problemOf({ name: 'AuthRetryableFetchError', status: 0, message: 'Failed to fetch' })).toBe('offline');
		expect(problemOf({ name: 'AuthApiError', status: 500, message: 'boom' })).toBe('unknown');
	});
});
