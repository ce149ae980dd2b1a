import { createSubscriber } from 'svelte/reactivity';

// Dexie is fetched after the first screen (db/early.ts), and this module is on that screen: it
// takes liveQuery when the first query subscribes — by then the database, and so Dexie, is open.
let dexie: typeof import('dexie') | null = null;

/**
 * A Dexie query as reactive state. Components read `.current` and never subscribe themselves:
 * the subscription opens when the first effect reads the value and closes when the last one
 * is destroyed. Re-create the instance (inside `$derived`) when the query's parameters change.
 */
export class LiveQuery<T> {
	#value = $state<T | undefined>(undefined);
	#error = $state<unknown>(undefined);
	#loading = $state(true);
	#subscribe: () => void;

	constructor(query: () => Promise<T> | T) {
		this.#subscribe = createSubscriber(() => {
			let subscription: { unsubscribe(): void } | null = null;
			let stopped = false;
			const subscribe = ({ liveQuery }: typeof import('dexie')) => {
				if (stopped) return;
				subscription = liveQuery(query).subscribe({
					next: (value) => {
						this.#value = value;
						this.#error = undefined;
						this.#loading = false;
					},
					error: (error: unknown) => {
						this.#error = error;
						this.#loading = false;
					}
				});
			};
			if (dexie) subscribe(dexie);
			else
				void import('dexie').then((module) => {
					dexie = module;
					subscribe(module);
				});
			return () => {
				stopped = true;
				subscription?.unsubscribe();
			};
		});
	}

	/** The latest result; `undefined` until the first one arrives. */
	get current(): T | undefined {
		this.#subscribe();
		return this.#value;
	}

	get loading(): boolean {
		this.#subscribe();
		return this.#loading;
	}

	get error(): unknown {
		this.#subscribe();
		return this.#error;
	}
}

export function live<T>(query: () => Promise<T> | T): LiveQuery<T> {
	return new LiveQuery(query);
}

/**
 * A query read once, with LiveQuery's face: the first screen's read through the early reader,
 * before Dexie (and so liveQuery) has loaded. It does not follow later changes; the screen swaps it
 * for a live query once the database is open.
 */
export class OnceQuery<T> {
	#value = $state<T | undefined>(undefined);
	#error = $state<unknown>(undefined);
	#loading = $state(true);

	constructor(query: () => Promise<T>) {
		query().then(
			(value) => {
				this.#value = value;
				this.#loading = false;
			},
			(error: unknown) => {
				this.#error = error;
				this.#loading = false;
			}
		);
	}

	get current(): T | undefined {
		return this.#value;
	}

	get loading(): boolean {
		return this.#loading;
	}

	get error(): unknown {
		return this.#error;
	}
}

export function once<T>(query: () => Promise<T>): OnceQuery<T> {
	return new OnceQuery(query);
}
