import { toLocalWriteError } from '$lib/db/errors';
import type { SyncErrorCode } from './status';
import { SyncTransportError } from './transport';

/** A sync cycle that could not finish, with the reason the status shows. */
export class SyncFailure extends Error {
	readonly code: SyncErrorCode;
	constructor(code: SyncErrorCode, message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'SyncFailure';
		this.code = code;
	}
}

export function toFailure(error: unknown): SyncFailure {
	if (error instanceof SyncFailure) return error;
	if (error instanceof SyncTransportError) return new SyncFailure(error.kind, error.message, { cause: error });
	const local = toLocalWriteError(error);
	return new SyncFailure(local.reason === 'quota' ? 'quota' : 'unknown', local.message, { cause: error });
}

/**
 * Call the server; when the session has expired, refresh it and repeat the very same call once.
 * Data never waits on a valid token: without a refresh the cycle fails with 'auth' and the queue
 * stays as it was.
 */
export async function withFreshAuth<T>(call: () => Promise<T>, refreshAuth?: () => Promise<boolean>): Promise<T> {
	try {
		return await call();
	} catch (error) {
		if (!(error instanceof SyncTransportError) || error.kind !== 'auth') throw error;
		if (!refreshAuth || !(await refreshAuth())) throw new SyncFailure('auth', error.message, { cause: error });
		try {
			return await call();
		} catch (again) {
			if (again instanceof SyncTransportError && again.kind === 'auth')
				throw new SyncFailure('auth', again.message, { cause: again });
			throw again;
		}
	}
}
