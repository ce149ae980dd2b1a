import type { Mutation, PullResponse, PushResponse, SyncTransport } from '../transport';

type PushStep = PushResponse | Error | ((mutations: Mutation[]) => PushResponse | Promise<PushResponse>);
type PullStep = PullResponse | Error | ((cursor: string | null) => PullResponse | Promise<PullResponse>);

/**
 * A transport that answers from a script, for the engine's control flow only (retries, order,
 * backoff). What the server does with the data is tested against the real SQL functions
 * (tests/db/convergence.db.ts), never against this.
 */
export class ScriptedTransport implements SyncTransport {
	readonly pushes: { clientId: string; mutations: Mutation[] }[] = [];
	readonly pulls: { cursor: string | null; limit: number }[] = [];
	readonly pushScript: PushStep[] = [];
	readonly pullScript: PullStep[] = [];
	/** Answer when the script has run out: everything applied / nothing to pull. */
	scope: string[] = [];

	async push(clientId: string, mutations: Mutation[]): Promise<PushResponse> {
		this.pushes.push({ clientId, mutations: structuredClone(mutations) });
		const step = this.pushScript.shift();
		if (step === undefined)
			return {
				last_seq: mutations.at(-1)?.seq ?? 0,
				results: mutations.map((m) => ({ seq: m.seq, status: 'applied' as const }))
			};
		if (step instanceof Error) throw step;
		if (typeof step === 'function') return step(mutations);
		return step;
	}

	async pull(cursor: string | null, limit: number): Promise<PullResponse> {
		this.pulls.push({ cursor, limit });
		const step = this.pullScript.shift();
		if (step === undefined) return { changes: [], cursor, has_more: false, scope: { teacher_ids: this.scope } };
		if (step instanceof Error) throw step;
		if (typeof step === 'function') return step(cursor);
		return step;
	}
}

export function page(
	changes: PullResponse['changes'],
	cursor: string,
	options: { hasMore?: boolean; teacherIds?: string[] } = {}
): PullResponse {
	return { changes, cursor, has_more: options.hasMore ?? false, scope: { teacher_ids: options.teacherIds ?? [] } };
}
