import type { Issue } from '$lib/domain/validation';

/**
 * Why a local write failed, in terms the UI can act on: the form keeps what was typed and the
 * shell says in Russian what happened and what to do.
 */
export type LocalWriteReason = 'quota' | 'closed' | 'invalid' | 'not-found' | 'forbidden' | 'unknown';

export class LocalWriteError extends Error {
	readonly reason: LocalWriteReason;
	readonly issues: Issue[];
	constructor(reason: LocalWriteReason, message: string, issues: Issue[] = [], options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'LocalWriteError';
		this.reason = reason;
		this.issues = issues;
	}
}

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);
const CLOSED_NAMES = new Set(['DatabaseClosedError', 'InvalidStateError', 'MissingAPIError', 'OpenFailedError']);

/**
 * The error one level down: Dexie wraps the browser's DOMException in `inner`, ours in `cause`,
 * and a bulk write (bulkAdd, bulkPut) reports its requests' errors in a BulkError's `failures`.
 */
function next(e: object): unknown {
	const { inner, cause, failures } = e as { inner?: unknown; cause?: unknown; failures?: unknown };
	return inner ?? cause ?? (Array.isArray(failures) ? failures[0] : undefined);
}

/** The reason may sit one or two levels down (see `next`). */
function names(error: unknown): string[] {
	const out: string[] = [];
	let e: unknown = error;
	for (let depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
		const name = (e as { name?: unknown }).name;
		if (typeof name === 'string') out.push(name);
		e = next(e);
	}
	return out;
}

/** Messages of the same chain (name → message), for errors whose name says little. */
function messages(error: unknown): string[] {
	const out: string[] = [];
	let e: unknown = error;
	for (let depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
		const message = (e as { message?: unknown }).message;
		if (typeof message === 'string') out.push(message);
		e = next(e);
	}
	return out;
}

/**
 * A disk that is really full is not always a QuotaExceededError: Chromium fails the write with
 * "UnknownError: … IO error: … FILE_ERROR_NO_SPACE" (the database's log) or "DataError: Failed
 * to write blobs (IOError)" (a photo), seen here with a small disk under the profile.
 */
const DISK_FULL = /NO_SPACE|No space left|Failed to write blobs \(IOError\)|disk (is )?full/i;

/** Turn whatever IndexedDB threw into a LocalWriteError with a reason. */
export function toLocalWriteError(error: unknown): LocalWriteError {
	if (error instanceof LocalWriteError) return error;
	const all = names(error);
	const message = error instanceof Error ? error.message : String(error);
	if (all.some((n) => QUOTA_NAMES.has(n)) || messages(error).some((m) => DISK_FULL.test(m))) {
		return new LocalWriteError('quota', message, [], { cause: error });
	}
	if (all.some((n) => CLOSED_NAMES.has(n))) return new LocalWriteError('closed', message, [], { cause: error });
	return new LocalWriteError('unknown', message, [], { cause: error });
}
