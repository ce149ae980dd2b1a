import type { AppDatabase } from '../database';

export interface Requests {
	/** Each Dexie table call, as `table.operation`: one IndexedDB request, or one bulk call. */
	calls: string[];
	/** A call issued after another one finished is a round later; calls issued together share one. */
	rounds: number;
}

/**
 * Count the table calls a database makes while `during` runs, and in how many rounds. Each round is
 * a trip to the browser's database process and back: on a cheap phone that, more than the count,
 * is the time a write takes. Install before the database opens (a Dexie middleware).
 */
export function countRequests(db: AppDatabase): { during: (work: () => Promise<unknown>) => Promise<Requests> } {
	const log = { on: false, calls: [] as string[], settled: 0, rounds: new Set<number>() };
	const ops = ['get', 'getMany', 'query', 'openCursor', 'count', 'mutate'] as const;
	db.use({
		stack: 'dbcore',
		name: 'count-requests',
		create: (down) => ({
			...down,
			table(name) {
				const table = down.table(name);
				const counted = { ...table };
				for (const op of ops) {
					const call = table[op].bind(table) as (req: unknown) => Promise<unknown>;
					(counted as Record<string, unknown>)[op] = (req: unknown) => {
						if (!log.on) return call(req);
						log.calls.push(`${name}.${op}`);
						log.rounds.add(log.settled);
						return call(req).finally(() => log.settled++);
					};
				}
				return counted;
			}
		})
	});
	return {
		async during(work) {
			Object.assign(log, { on: true, calls: [], settled: 0, rounds: new Set<number>() });
			try {
				await work();
			} finally {
				log.on = false;
			}
			return { calls: log.calls, rounds: log.rounds.size };
		}
	};
}
