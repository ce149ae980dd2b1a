import { liveQuery, type Subscription } from 'dexie';
import type { AppDatabase } from '$lib/db/database';
import type { Id } from '$lib/domain/common';
import * as meta from '$lib/db/meta';
import { backoffDelay } from './backoff';
import { clientId } from './client-id';
import { toFailure } from './failure';
import { lead, type Leadership, type LockManagerLike } from './leader';
import { pull, type PullSummary } from './pull';
import { push, type PushSummary } from './push';
import { INITIAL_STATUS, LAST_SYNCED_AT, readCounts, type SyncStatus } from './status';
import type { SyncTransport } from './transport';
import type { FileTransport } from './uploads';

export type { SyncStatus, SyncErrorCode } from './status';

export interface SyncOnceOptions {
	refreshAuth?: () => Promise<boolean>;
	/** The signed-in user's profile (default: meta 'sync.profileId'). */
	profileId?: Id | null;
	batchSize?: number;
	pageSize?: number;
	onProgress?: (done: number) => void;
}

export interface SyncOnceSummary {
	push: PushSummary;
	pull: PullSummary;
}

/**
 * One cycle: push, then pull. Push first, so that the pull brings back this device's changes
 * with the server's versions and the rows it rebases have as little queued on them as possible.
 * Throws a SyncFailure; the queue and the cursor are consistent wherever it stops.
 */
export async function syncOnce(
	db: AppDatabase,
	transport: SyncTransport,
	options: SyncOnceOptions = {}
): Promise<SyncOnceSummary> {
	const id = await clientId(db);
	const pushed = await push(db, transport, {
		clientId: id,
		refreshAuth: options.refreshAuth,
		batchSize: options.batchSize
	});
	const pulled = await pull(db, transport, {
		refreshAuth: options.refreshAuth,
		pageSize: options.pageSize,
		profileId: options.profileId,
		onProgress: options.onProgress
	});
	return { push: pushed, pull: pulled };
}

export interface SyncTimers {
	setTimeout(fn: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

type Listening = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

/** The browser around the engine; tests pass their own. */
export interface SyncEnvironment {
	/** Announces 'online' and 'offline' (window). */
	window?: Listening;
	/** Announces 'visibilitychange' (document). */
	document?: Listening & { visibilityState: string };
	locks?: LockManagerLike;
	/** False when the browser knows there is no network (navigator.onLine). */
	onLine?: () => boolean;
}

export interface SyncEngineOptions {
	db: AppDatabase;
	transport: SyncTransport;
	/** Refresh an expired session; true when the same request may be tried again. */
	refreshAuth?: () => Promise<boolean>;
	now?: () => number;
	timers?: SyncTimers;
	random?: () => number;
	env?: SyncEnvironment;
	profileId?: Id | null;
	/** Between successful cycles (default 60 s). */
	intervalMs?: number;
	/** After a local write (default 2 s): a burst of taps makes one push. */
	debounceMs?: number;
	batchSize?: number;
	pageSize?: number;
	/** Storage for evidence files: after each push and pull, the upload queue runs (sync/uploads.ts). */
	files?: FileTransport;
}

export interface SyncEngine {
	start(): void;
	stop(): Promise<void>;
	/** Run a cycle now (the leading tab only) and resolve when it is over. */
	syncNow(): Promise<void>;
	/** A local write happened: push shortly. */
	notifyWrite(): void;
	readonly status: SyncStatus;
	subscribe(fn: (s: SyncStatus) => void): () => void;
}

function browserEnvironment(): SyncEnvironment {
	const g = globalThis as { window?: Listening; document?: SyncEnvironment['document']; navigator?: Navigator };
	return {
		window: g.window,
		document: g.document,
		locks: g.navigator?.locks as unknown as LockManagerLike | undefined,
		onLine: g.navigator && 'onLine' in g.navigator ? () => g.navigator!.onLine : undefined
	};
}

const DEFAULT_TIMERS: SyncTimers = {
	setTimeout: (fn, ms) => setTimeout(fn, ms),
	clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
};

class Engine implements SyncEngine {
	#o: SyncEngineOptions;
	#env: SyncEnvironment;
	#timers: SyncTimers;
	#status: SyncStatus = INITIAL_STATUS;
	#listeners = new Set<(s: SyncStatus) => void>();
	#started = false;
	#leader = false;
	#leadership: Leadership | null = null;
	#counts: Subscription | null = null;
	#timer: unknown = null;
	/** When the timer fires (the engine's clock). */
	#due = 0;
	#failures = 0;
	#running: Promise<void> | null = null;
	#again = false;
	#unlisten: (() => void)[] = [];

	constructor(options: SyncEngineOptions) {
		this.#o = options;
		this.#env = options.env ?? browserEnvironment();
		this.#timers = options.timers ?? DEFAULT_TIMERS;
	}

	get status(): SyncStatus {
		return this.#status;
	}

	subscribe(fn: (s: SyncStatus) => void): () => void {
		this.#listeners.add(fn);
		fn(this.#status);
		return () => this.#listeners.delete(fn);
	}

	start(): void {
		if (this.#started) return;
		this.#started = true;
		// Counts come from the database, so a tab that does not lead still shows them.
		this.#counts = liveQuery(() => readCounts(this.#o.db)).subscribe({
			next: (counts) => this.#set(counts),
			error: () => {}
		});
		this.#listen(this.#env.window, 'online', () => {
			this.#failures = 0;
			this.#trigger();
		});
		this.#listen(this.#env.window, 'offline', () => {
			if (!this.#running) this.#set({ state: 'offline', error: { code: 'offline', message: null } });
		});
		const doc = this.#env.document;
		this.#listen(doc, 'visibilitychange', () => {
			if (doc?.visibilityState === 'visible') this.#trigger();
		});
		this.#leadership = lead(`trajectory-sync-${this.#o.db.name}`, this.#env.locks, () => {
			if (!this.#started) return;
			this.#leader = true;
			this.#trigger();
		});
	}

	async stop(): Promise<void> {
		this.#started = false;
		this.#leader = false;
		this.#clearTimer();
		for (const off of this.#unlisten.splice(0)) off();
		this.#counts?.unsubscribe();
		this.#counts = null;
		this.#leadership?.release();
		this.#leadership = null;
		await this.#running?.catch(() => {});
	}

	async syncNow(): Promise<void> {
		if (!this.#leader) {
			this.#set(await readCounts(this.#o.db));
			return;
		}
		this.#failures = 0;
		await this.#cycle();
	}

	notifyWrite(): void {
		// During a backoff the write waits for the retry already planned.
		if (!this.#leader || this.#failures > 0) return;
		this.#schedule(this.#o.debounceMs ?? 2_000);
	}

	#listen(target: Listening | undefined, type: string, fn: () => void): void {
		if (!target) return;
		target.addEventListener(type, fn);
		this.#unlisten.push(() => target.removeEventListener(type, fn));
	}

	#set(patch: Partial<SyncStatus>): void {
		this.#status = { ...this.#status, ...patch };
		for (const fn of this.#listeners) fn(this.#status);
	}

	#clearTimer(): void {
		if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
		this.#timer = null;
	}

	/**
	 * Plan the next cycle in `ms`. With `keepSooner`, a cycle already planned sooner stays: a write
	 * made during a sync asked for a push 2 s later, and the end of that sync must not put it off
	 * to the next interval.
	 */
	#schedule(ms: number, options: { keepSooner?: boolean } = {}): void {
		const due = (this.#o.now ?? Date.now)() + ms;
		if (options.keepSooner && this.#timer !== null && this.#due <= due) return;
		this.#clearTimer();
		if (!this.#started) return;
		this.#due = due;
		this.#timer = this.#timers.setTimeout(() => {
			this.#timer = null;
			this.#trigger();
		}, ms);
	}

	#trigger(): void {
		if (!this.#leader || !this.#started) return;
		void this.#cycle();
	}

	/** One cycle at a time; a trigger during a cycle asks for one more right after it. */
	#cycle(): Promise<void> {
		if (this.#running) {
			this.#again = true;
			return this.#running;
		}
		this.#running = (async () => {
			do {
				this.#again = false;
				await this.#once();
			} while (this.#again && this.#leader && this.#started);
		})().finally(() => {
			this.#running = null;
		});
		return this.#running;
	}

	/** The evidence files' queue, loaded with Storage's client on the first cycle that has one. */
	async #uploadFiles(): Promise<void> {
		const supabase = this.#o.transport.supabase;
		if (!this.#o.files && !supabase) return;
		const [{ runUploads }, files] = await Promise.all([
			import('./uploads'),
			this.#o.files ??
				import('$lib/supabase/storage').then(({ createFileTransport }) =>
					createFileTransport(supabase!.client, supabase!.userId)
				)
		]);
		this.#o.files = files;
		await runUploads(this.#o.db, files);
	}

	async #once(): Promise<void> {
		this.#clearTimer();
		if (this.#env.onLine?.() === false) {
			// No network: wait for the 'online' event rather than polling.
			this.#set({ state: 'offline', error: { code: 'offline', message: null }, progress: null });
			return;
		}
		this.#set({ state: 'syncing' });
		const { db, transport } = this.#o;
		try {
			await syncOnce(db, transport, {
				refreshAuth: this.#o.refreshAuth,
				profileId: this.#o.profileId,
				batchSize: this.#o.batchSize,
				pageSize: this.#o.pageSize,
				onProgress: (done) => this.#set({ progress: { done, total: null } })
			});
			// Files after rows: the queue sends only those whose rows the server has just accepted.
			// Its failures stay on the files (they wait, or say why the server refused them).
			await this.#uploadFiles().catch(() => undefined);
			this.#failures = 0;
			const at = new Date((this.#o.now ?? Date.now)()).toISOString();
			await meta.set(db, LAST_SYNCED_AT, at);
			this.#set({ ...(await readCounts(db)), state: 'idle', error: null, progress: null, lastSyncedAt: at });
			this.#schedule(this.#o.intervalMs ?? 60_000, { keepSooner: true });
		} catch (error) {
			const failure = toFailure(error);
			this.#failures++;
			this.#set({
				state: failure.code === 'offline' ? 'offline' : 'error',
				error: { code: failure.code, message: failure.message || null },
				progress: null,
				...(await readCounts(db).catch(() => ({})))
			});
			this.#schedule(backoffDelay(this.#failures, this.#o.random));
		}
	}
}

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
	return new Engine(options);
}
