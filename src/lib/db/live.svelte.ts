import { liveQuery } from 'dexie';
import { createSubscriber } from 'svelte/reactivity';

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
			const subscription = liveQuery(query).subscribe({
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
			return () => subscription.unsubscribe();
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
