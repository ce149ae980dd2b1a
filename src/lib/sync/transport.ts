import type { SupabaseClient } from '@supabase/supabase-js';

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

/**
 * One item of `sync_push`'s array as this app sends it: the mutation as JSON *text*. Whatever a
 * field holds, the call's JSON stays flat and valid (JSON.stringify escapes a lone surrogate and
 * U+0000), so PostgreSQL can always read the call and refuses such an item on its own instead of
 * failing the whole batch. `seq` and `mutation_id` are repeated outside so the server checks the
 * numbering without parsing the text.
 */
export interface MutationEnvelope {
	seq: number;
	mutation_id: string;
	mutation: string;
}

export function toEnvelope(mutation: Mutation): MutationEnvelope {
	return { seq: mutation.seq, mutation_id: mutation.mutation_id, mutation: JSON.stringify(mutation) };
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
	/** One per mutation sent, in order — or, with `retry`, the ones before `retry.seq`. */
	results: PushResult[];
	/**
	 * The server stopped at this seq on a transient error (a deadlock, a lock timeout) after
	 * committing the results before it; that mutation and the rest are to be sent again later,
	 * with the same seqs. Never a refusal.
	 */
	retry?: { seq: number; code: string };
}

/** The whole call was refused and nothing was applied. */
export type PushRefused =
	| { error: 'seq_gap'; expected: number; last_seq: number }
	| { error: 'client_owned_by_other_user' }
	/** A seq the server has already processed came with another mutation: this device's numbering was copied. */
	| { error: 'seq_reused'; seq: number; last_seq: number }
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
	/**
	 * The Supabase client behind the app's transport, and whose session it must be: the engine
	 * reaches Storage through it for evidence files (supabase/storage.ts, loaded with the queue).
	 */
	supabase?: { client: SupabaseClient; userId: string };
	/** Sends each mutation as its envelope (`toEnvelope`). */
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
