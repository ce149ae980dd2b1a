import type { AppDatabase, OutboxEntry } from '$lib/db/database';
import * as outbox from '$lib/db/outbox';
import { backoffDelay } from './backoff';
import { renew } from './client-id';
import { toServer } from './columns';
import { SyncFailure, withFreshAuth } from './failure';
import { isRefused, type Mutation, type PushAccepted, type PushResponse, type SyncTransport } from './transport';

export const PUSH_BATCH = 200;

/**
 * How many `retry` answers in a row that apply nothing a push waits out before it gives up; the
 * engine's own backoff then takes over. Nothing is lost either way: the changes stay queued.
 */
export const RETRY_ANSWERS = 4;

export interface PushOptions {
	clientId: string;
	refreshAuth?: () => Promise<boolean>;
	batchSize?: number;
	/** Waits between a `retry` answer and the next attempt (tests pass a short one). */
	wait?: (ms: number) => Promise<void>;
	random?: () => number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface PushSummary {
	applied: number;
	rejected: number;
	/** Fields of ours that overwrote someone else's value (they come back in the pull as sync_conflicts). */
	conflicts: number;
}

export function toMutation(entry: OutboxEntry): Mutation {
	return {
		seq: entry.seq,
		mutation_id: entry.mutationId,
		table: entry.table,
		row_id: entry.rowId,
		op: entry.op,
		fields: toServer(entry.fields),
		base: toServer(entry.base)
	};
}

function refusal(response: Extract<PushResponse, { error: string }>): SyncFailure {
	if (response.error === 'seq_gap') {
		const r = response as { expected?: unknown; last_seq?: unknown };
		// Never renumber to close the gap: the missing seqs are changes the server never got.
		return new SyncFailure(
			'seq_gap',
			`The server expected seq ${String(r.expected)} (its last is ${String(r.last_seq)})`
		);
	}
	if (response.error === 'seq_reused') {
		// Only after a renumbering that did not help: the new numbering clashes too.
		const r = response as { seq?: unknown; last_seq?: unknown };
		return new SyncFailure(
			'seq_gap',
			`The server already has another change as seq ${String(r.seq)} (its last is ${String(r.last_seq)})`
		);
	}
	if (response.error === 'client_owned_by_other_user') {
		return new SyncFailure('client_owned_by_other_user', 'This device’s queue belongs to another account');
	}
	return new SyncFailure('server', `sync_push refused the batch: ${response.error}`);
}

/**
 * The seq a `retry` answer stops at, after checking that every change sent before it was answered.
 * Null for an answer without `retry`.
 */
function retryOf(response: PushAccepted, sent: number[], answered: Set<number>): { seq: number; code: string } | null {
	const retry = response.retry;
	if (retry === undefined || retry === null) return null;
	if (typeof retry !== 'object' || typeof retry.seq !== 'number' || !sent.includes(retry.seq)) {
		throw new SyncFailure('protocol', 'sync_push answered retry for a change it was not sent');
	}
	if (sent.some((seq) => seq < retry.seq && !answered.has(seq))) {
		throw new SyncFailure(
			'protocol',
			`sync_push asked to retry from seq ${retry.seq} without answering the changes before it`
		);
	}
	return { seq: retry.seq, code: String(retry.code) };
}

/**
 * Send the outbox, oldest first, in batches, until it is empty. Each batch is claimed ('sending')
 * before it leaves and settled in one transaction when the answer comes; a batch whose answer is
 * lost stays 'sending' and goes again with the same seqs.
 *
 * Two answers are not failures. `retry` (the server hit a deadlock or a lock timeout and
 * committed the changes before it): the answered ones are settled, the rest stay 'sending' and
 * go again after a pause — never shown as refused. `seq_reused` (another copy of this database
 * used the same seqs first): the device takes a new client id, renumbers its queue and sends it
 * again; what the server already has comes back as duplicates.
 */
export async function push(db: AppDatabase, transport: SyncTransport, options: PushOptions): Promise<PushSummary> {
	const summary: PushSummary = { applied: 0, rejected: 0, conflicts: 0 };
	const size = options.batchSize ?? PUSH_BATCH;
	const wait = options.wait ?? sleep;
	let clientId = options.clientId;
	let renewed = false;
	let stalled = 0;
	for (;;) {
		const batch = await outbox.claim(db, size);
		if (!batch.length) return summary;
		const mutations = batch.map(toMutation);
		const response = await withFreshAuth(() => transport.push(clientId, mutations), options.refreshAuth);
		if (!response || typeof response !== 'object')
			throw new SyncFailure('protocol', 'sync_push answered with no object');
		if (isRefused(response)) {
			if (response.error === 'seq_reused' && !renewed) {
				clientId = await renew(db);
				renewed = true;
				continue;
			}
			throw refusal(response);
		}
		if (!Array.isArray(response.results)) throw new SyncFailure('protocol', 'sync_push answered with no results');
		const sent = new Set(batch.map((e) => e.seq));
		const settlements: outbox.Settlement[] = [];
		for (const r of response.results) {
			if (!r || !sent.has(r.seq)) continue;
			const outcome = r.status === 'duplicate' ? (r.outcome ?? 'applied') : r.status;
			if (outcome === 'applied') {
				settlements.push({ seq: r.seq, outcome: 'applied' });
				summary.conflicts += r.conflicts?.length ?? 0;
			} else if (outcome === 'rejected') {
				settlements.push({ seq: r.seq, outcome: 'rejected', code: r.code ?? 'unknown', message: r.message ?? null });
			}
		}
		const retry = retryOf(response, [...sent], new Set(settlements.map((s) => s.seq)));
		const counts = await outbox.settle(db, settlements);
		summary.applied += counts.applied;
		summary.rejected += counts.rejected;
		if (retry) {
			stalled = settlements.length > 0 ? 1 : stalled + 1;
			if (stalled > RETRY_ANSWERS) {
				throw new SyncFailure(
					'server',
					`sync_push kept stopping at seq ${retry.seq} (${retry.code}); the changes stay queued`
				);
			}
			await wait(backoffDelay(stalled, options.random));
			continue;
		}
		stalled = 0;
		if (settlements.length < batch.length) {
			throw new SyncFailure('protocol', `sync_push answered ${settlements.length} of ${batch.length} changes`);
		}
	}
}
