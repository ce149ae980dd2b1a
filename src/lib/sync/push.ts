import type { AppDatabase, OutboxEntry } from '$lib/db/database';
import * as outbox from '$lib/db/outbox';
import { toServer } from './columns';
import { SyncFailure, withFreshAuth } from './failure';
import { isRefused, type Mutation, type PushResponse, type SyncTransport } from './transport';

export const PUSH_BATCH = 200;

export interface PushOptions {
	clientId: string;
	refreshAuth?: () => Promise<boolean>;
	batchSize?: number;
}

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
		return new SyncFailure('seq_gap', `The server expected seq ${String(r.expected)} (its last is ${String(r.last_seq)})`);
	}
	if (response.error === 'client_owned_by_other_user') {
		return new SyncFailure('client_owned_by_other_user', 'This device’s queue belongs to another account');
	}
	return new SyncFailure('server', `sync_push refused the batch: ${response.error}`);
}

/**
 * Send the outbox, oldest first, in batches, until it is empty. Each batch is claimed ('sending')
 * before it leaves and settled in one transaction when the answer comes; a batch whose answer is
 * lost stays 'sending' and goes again with the same seqs.
 */
export async function push(db: AppDatabase, transport: SyncTransport, options: PushOptions): Promise<PushSummary> {
	const summary: PushSummary = { applied: 0, rejected: 0, conflicts: 0 };
	const size = options.batchSize ?? PUSH_BATCH;
	for (;;) {
		const batch = await outbox.claim(db, size);
		if (!batch.length) return summary;
		const mutations = batch.map(toMutation);
		const response = await withFreshAuth(() => transport.push(options.clientId, mutations), options.refreshAuth);
		if (!response || typeof response !== 'object') throw new SyncFailure('protocol', 'sync_push answered with no object');
		if (isRefused(response)) throw refusal(response);
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
		const counts = await outbox.settle(db, settlements);
		summary.applied += counts.applied;
		summary.rejected += counts.rejected;
		if (settlements.length < batch.length) {
			throw new SyncFailure('protocol', `sync_push answered ${settlements.length} of ${batch.length} changes`);
		}
	}
}
