/** What the browser reports about this origin's storage, for the settings screen. */
export interface StorageReport {
	persisted: boolean | null;
	usage: number | null;
	quota: number | null;
}

/**
 * Ask the browser not to evict our data under storage pressure. Without it, IndexedDB is
 * "best effort" and a phone low on space may wipe a teacher's unsynced answers.
 */
export async function requestPersistence(): Promise<boolean | null> {
	if (typeof navigator === 'undefined' || !navigator.storage?.persist) return null;
	try {
		if (await navigator.storage.persisted()) return true;
		return await navigator.storage.persist();
	} catch {
		return null;
	}
}

export async function report(): Promise<StorageReport> {
	if (typeof navigator === 'undefined' || !navigator.storage) return { persisted: null, usage: null, quota: null };
	const [persisted, estimate] = await Promise.all([
		navigator.storage.persisted?.().catch(() => null) ?? null,
		navigator.storage.estimate?.().catch(() => null) ?? null
	]);
	return { persisted, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
}
