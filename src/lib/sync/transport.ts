/**
 * The wire between the sync engine and the server: the JSON of `public.sync_push` and
 * `public.sync_pull` exactly as the SQL functions speak it (snake_case, see docs/sync-protocol.md).
 * The app's transport calls them through supabase-js; tests call them through pg. Neither the
 * engine nor the tests know which.
 */

/** One queued change as `sync_push` takes it. Field names are server columns. */
export interface Mutation {
	seq: number;
	mutation_id: string;
	table: string;
	row_id: string;
	op: 'upsert' | 'delete';
	fields: Record<string, unknown>;
	/** What the device had before the change; empty when the device created the row. */
	base: Record<string, unknown>;
}

/** A field another change had already moved away from `base`: overwritten, and kept in sync_conflicts. */
export interface FieldConflict {
	field: string;
	base: unknown;
	overwritten: unknown;
	value: unknown;
}

/** The server's verdict on one mutation. */
export interface PushResult {
	seq: number;
	status: 'applied' | 'duplicate' | 'rejected';
	conflicts?: FieldConflict[];
	/** Why it was rejected: forbidden, invalid_type, invalid_value, unknown_table, … */
	code?: string;
	message?: string;
	/** For a duplicate: what happened the first time (with that time's code and message). */
	outcome?: 'applied' | 'rejected';
}

export interface PushAccepted {
	last_seq: number;
	results: PushResult[];
}

/** The whole call was refused and nothing was applied. */
export type PushRefused =
	| { error: 'seq_gap'; expected: number; last_seq: number }
	| { error: 'client_owned_by_other_user' }
	| { error: string; [detail: string]: unknown };

export type PushResponse = PushAccepted | PushRefused;

/** One row as `sync_pull` returns it: server columns, meta and tombstones included. */
export interface PullChange {
	table: string;
	row: Record<string, unknown>;
}

export interface PullResponse {
	changes: PullChange[];
	/** Opaque: handed back unchanged on the next call. */
	cursor: string | null;
	has_more: boolean;
	scope: {
		/** Profiles whose teacher-owned rows the caller may read, their own included. */
		teacher_ids: string[];
	};
}

export interface SyncTransport {
	push(clientId: string, mutations: Mutation[]): Promise<PushResponse>;
	pull(cursor: string | null, limit: number): Promise<PullResponse>;
}

/**
 * Why a call did not get an answer: no network (retry later), the session expired (refresh, then
 * retry the same batch), the server failed (retry with backoff), or the answer made no sense.
 */
export type SyncTransportErrorKind = 'offline' | 'auth' | 'server' | 'protocol';

export class SyncTransportError extends Error {
	readonly kind: SyncTransportErrorKind;
	constructor(kind: SyncTransportErrorKind, message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'SyncTransportError';
		this.kind = kind;
	}
}

export function isRefused(response: PushResponse): response is PushRefused {
	return typeof (response as PushRefused).error === 'string';
}
