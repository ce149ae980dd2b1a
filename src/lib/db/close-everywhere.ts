// Rarely run (signing in over guest data, signing out with erase): kept out of database.ts,
// which every page loads first.
import Dexie from 'dexie';

/**
 * Close every connection to `name` on this device (the other tabs of this browser profile) and
 * keep them closed: the database is opened one native version up, which IndexedDB grants only once
 * every other connection has closed — so whatever they were writing has committed — and each
 * AppDatabase closes for good on that request (see its constructor). The caller's own AppDatabase
 * on `name` must be closed first (IndexedDB waits for it too).
 *
 * `inspect` runs inside that exclusive upgrade transaction, so nothing can be written between what
 * it reads and what the caller then does (deleting the database); when it answers false the
 * transaction is aborted and the database keeps its version. Resolves 'absent' (creating nothing)
 * when there is no such database, 'refused' when `inspect` said no, else 'closed'.
 *
 * Dexie declares version n as native version 10·n, so the step up is never mistaken for a schema
 * upgrade, and the database still opens at its (now higher) native version. A step that would reach
 * the next multiple of 10 is not taken (the connections are then left to Dexie's handler and the
 * caller's deletion, and `inspect` reads without that exclusivity), so a later release's real
 * upgrade still runs.
 */
export function closeEverywhere(
	name: string,
	inspect?: (tx: IDBTransaction) => Promise<boolean>
): Promise<'absent' | 'closed' | 'refused'> {
	return new Promise((resolve, reject) => {
		const probe = indexedDB.open(name);
		probe.onupgradeneeded = () => probe.transaction!.abort();
		probe.onerror = (event) => {
			event.preventDefault();
			// The abort above: it did not exist, and is left so.
			if (probe.error?.name === 'AbortError') resolve('absent');
			else reject(probe.error);
		};
		probe.onsuccess = () => {
			const current = probe.result;
			const version = current.version;
			if ((version + 1) % 10 === 0) {
				// Not exclusive (see above): `inspect` reads what is committed now.
				if (!inspect || !current.objectStoreNames.length) {
					current.close();
					return resolve('closed');
				}
				const finish = (outcome: 'closed' | 'refused') => {
					current.close();
					resolve(outcome);
				};
				inspect(current.transaction([...current.objectStoreNames], 'readonly')).then(
					(go) => finish(go ? 'closed' : 'refused'),
					reject
				);
				return;
			}
			current.close();
			let refused = false;
			const take = indexedDB.open(name, version + 1);
			take.onupgradeneeded = () => {
				const tx = take.transaction!;
				inspect?.(tx).then(
					(go) => {
						if (go) return;
						refused = true;
						tx.abort();
					},
					() => tx.abort()
				);
			};
			take.onerror = (event) => {
				event.preventDefault();
				if (refused) resolve('refused');
				else reject(take.error);
			};
			take.onsuccess = () => {
				take.result.close();
				resolve('closed');
			};
		};
	});
}

/**
 * Delete `name` from this device for good: closeEverywhere (with `inspect`, which may refuse),
 * then the deletion, which nothing can then block or undo. Resolves as closeEverywhere did.
 */
export async function deleteEverywhere(
	name: string,
	inspect?: (tx: IDBTransaction) => Promise<boolean>
): Promise<'absent' | 'closed' | 'refused'> {
	const outcome = await closeEverywhere(name, inspect);
	if (outcome === 'closed') await Dexie.delete(name);
	return outcome;
}
