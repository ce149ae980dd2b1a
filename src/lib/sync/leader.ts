/** The part of the Web Locks API the engine uses (navigator.locks). */
export interface LockManagerLike {
	request(
		name: string,
		options: { signal?: AbortSignal },
		callback: (lock: unknown) => Promise<unknown>
	): Promise<unknown>;
}

export interface Leadership {
	/** Give the lock up (or stop waiting for it). */
	release(): void;
}

/**
 * Become the one tab that syncs this database: `onLead` runs once this tab holds the lock, which
 * it keeps until released or the tab closes (the browser then hands it to the next tab waiting).
 * Without Web Locks (old browsers, Node) every tab leads; the server's seq ledger still keeps two
 * leaders from applying a change twice.
 */
export function lead(name: string, locks: LockManagerLike | undefined, onLead: () => void): Leadership {
	if (!locks) {
		onLead();
		return { release: () => {} };
	}
	let done = false;
	let free: () => void = () => {};
	const held = new Promise<void>((resolve) => (free = resolve));
	const abort = typeof AbortController === 'function' ? new AbortController() : null;
	locks
		.request(name, abort ? { signal: abort.signal } : {}, async () => {
			if (done) return;
			onLead();
			await held;
		})
		.catch(() => {
			// Aborted while waiting: this tab stopped before it ever led.
		});
	return {
		release: () => {
			done = true;
			free();
			abort?.abort();
		}
	};
}
