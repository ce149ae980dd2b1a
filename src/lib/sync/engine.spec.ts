import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildActivity, IDS } from '$lib/domain/testing/builders';
import type { Activity } from '$lib/domain/activity';
import type { Draft } from '$lib/domain/common';
import type { AppDatabase } from '$lib/db/database';
import { freshDatabase } from '$lib/db/testing/fresh';
import * as activities from '$lib/db/activities';
import * as outbox from '$lib/db/outbox';
import * as attachments from '$lib/db/attachments';
import { readCounts } from './status';
import type { FileTransport } from './uploads';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions, type SyncTimers } from './engine';
import type { LockManagerLike } from './leader';
import { ScriptedTransport } from './testing/scripted';
import { SyncTransportError } from './transport';

const actor = { profileId: IDS.teacher };

/** Timers the test fires by hand: the engine's schedule is read, not waited for. */
class ManualTimers implements SyncTimers {
	#next = 1;
	readonly waiting = new Map<number, { fn: () => void; ms: number }>();
	setTimeout(fn: () => void, ms: number): unknown {
		const id = this.#next++;
		this.waiting.set(id, { fn, ms });
		return id;
	}
	clearTimeout(handle: unknown): void {
		this.waiting.delete(handle as number);
	}
	get delays(): number[] {
		return [...this.waiting.values()].map((t) => t.ms);
	}
	fire(): void {
		const all = [...this.waiting.values()];
		this.waiting.clear();
		for (const t of all) t.fn();
	}
}

/** Web Locks with one lock that another tab holds until `handOver()`. */
class HeldLocks implements LockManagerLike {
	#queued: (() => void)[] = [];
	requests: string[] = [];
	request(
		name: string,
		options: { signal?: AbortSignal },
		callback: (lock: unknown) => Promise<unknown>
	): Promise<unknown> {
		this.requests.push(name);
		return new Promise((resolve, reject) => {
			options.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
			this.#queued.push(() => void callback({ name }).then(resolve, reject));
		});
	}
	handOver(): void {
		this.#queued.shift()?.();
	}
}

class FakeDocument extends EventTarget {
	visibilityState = 'visible';
}

const dbs: AppDatabase[] = [];
const engines: SyncEngine[] = [];
afterEach(async () => {
	for (const e of engines.splice(0)) await e.stop();
	for (const db of dbs.splice(0)) db.close();
});

function draft(overrides: Partial<Draft<Activity>> = {}): Draft<Activity> {
	const { id: _id, version: _v, updatedAt: _u, updatedBy: _b, deletedAt: _d, ...fields } = buildActivity(overrides);
	return fields;
}

function setup(overrides: Partial<SyncEngineOptions> & { online?: boolean; locks?: LockManagerLike } = {}) {
	const db = freshDatabase('engine');
	dbs.push(db);
	const transport = new ScriptedTransport();
	const timers = new ManualTimers();
	const window = new EventTarget();
	const document = new FakeDocument();
	const state = { online: overrides.online ?? true };
	const engine = createSyncEngine({
		db,
		transport,
		timers,
		random: () => 1,
		now: () => Date.parse('2026-10-01T10:00:00.000Z'),
		profileId: IDS.teacher,
		env: { window, document, locks: overrides.locks, onLine: () => state.online },
		...overrides
	});
	engines.push(engine);
	return { db, transport, timers, window, document, engine, state };
}

/** Wait until the engine has finished what it was doing. */
async function idle(engine: SyncEngine): Promise<void> {
	await vi.waitFor(() => expect(engine.status.state).not.toBe('syncing'));
	await new Promise((r) => setTimeout(r, 10));
}

describe('the sync engine', () => {
	it('pushes and then pulls on start, and reports the sync', async () => {
		const { db, transport, timers, engine } = setup();
		await activities.create(db, draft(), actor);
		const order: string[] = [];
		transport.pushScript.push(
			(m) => (order.push('push'), { last_seq: 1, results: m.map((x) => ({ seq: x.seq, status: 'applied' as const })) })
		);
		transport.pullScript.push(
			() => (order.push('pull'), { changes: [], cursor: 'c1', has_more: false, scope: { teacher_ids: [] } })
		);

		engine.start();
		await vi.waitFor(() => expect(engine.status.lastSyncedAt).toBe('2026-10-01T10:00:00.000Z'));

		expect(order).toEqual(['push', 'pull']);
		expect(engine.status).toMatchObject({
			state: 'idle',
			pending: 0,
			error: null,
			progress: null,
			rejected: 0,
			conflicts: 0
		});
		// The next cycle waits for the timer.
		expect(timers.delays).toEqual([60_000]);
	});

	it('uploads evidence files after the push that put their row on the server', async () => {
		const order: string[] = [];
		const files: FileTransport = {
			upload: async (path) => (order.push(`upload ${path}`), 'uploaded'),
			remove: async () => undefined,
			download: async () => new Blob([])
		};
		const { db, transport, engine } = setup({ files });
		const activity = await activities.create(db, draft(), actor);
		const photo = await attachments.save(db, {
			ownerTable: 'activities',
			ownerId: activity.id,
			name: 'diploma.jpg',
			blob: new Blob(['jpeg'], { type: 'image/jpeg' })
		});
		transport.pushScript.push(
			(m) => (order.push('push'), { last_seq: 1, results: m.map((x) => ({ seq: x.seq, status: 'applied' as const })) })
		);
		transport.pullScript.push(
			() => (order.push('pull'), { changes: [], cursor: 'c1', has_more: false, scope: { teacher_ids: [] } })
		);
		expect((await readCounts(db)).files).toBe(1);

		engine.start();
		await vi.waitFor(() => expect(engine.status.lastSyncedAt).toBe('2026-10-01T10:00:00.000Z'));

		expect(order).toEqual(['push', 'pull', `upload ${IDS.teacher}/activities/${activity.id}/${photo.id}`]);
		expect(engine.status.files).toBe(0);
		expect(await db.attachments.get(photo.id)).toMatchObject({ uploadStatus: 'uploaded' });
	});

	it('pushes shortly after a burst of writes, once', async () => {
		const { db, transport, timers, engine } = setup();
		engine.start();
		await idle(engine);
		for (let i = 0; i < 3; i++) {
			await activities.create(db, draft(), actor);
			engine.notifyWrite();
		}
		await vi.waitFor(() => expect(engine.status.pending).toBe(3));
		expect(timers.delays).toEqual([2_000]);

		timers.fire();
		await vi.waitFor(() => expect(engine.status.pending).toBe(0));
		expect(transport.pushes).toHaveLength(1);
		expect(transport.pushes[0]!.mutations).toHaveLength(3);
	});

	it('pushes a write made during a sync about 2 s after that sync ends, not at the next interval', async () => {
		const { db, transport, timers, engine } = setup();
		let release!: () => void;
		const held = new Promise<void>((r) => (release = r));
		transport.pullScript.push(async () => {
			// The teacher taps while the pull is still running.
			await activities.create(db, draft(), actor);
			engine.notifyWrite();
			await held;
			return { changes: [], cursor: 'c1', has_more: false, scope: { teacher_ids: [] } };
		});
		engine.start();
		await vi.waitFor(() => expect(timers.delays).toEqual([2_000]));
		release();
		await idle(engine);

		expect(engine.status.pending).toBe(1);
		expect(timers.delays).toEqual([2_000]);
		timers.fire();
		await vi.waitFor(() => expect(engine.status.pending).toBe(0));
		expect(timers.delays).toEqual([60_000]);
	});

	it('backs off while the server is unreachable, and retries at once when the network returns', async () => {
		const { db, transport, timers, window, engine } = setup();
		await activities.create(db, draft(), actor);
		transport.pushScript.push(
			new SyncTransportError('offline', 'fetch failed'),
			new SyncTransportError('offline', 'fetch failed')
		);

		engine.start();
		await vi.waitFor(() => expect(engine.status.state).toBe('offline'));
		expect(engine.status.error).toEqual({ code: 'offline', message: 'fetch failed' });
		expect(timers.delays).toEqual([1_000]);
		// A write during the backoff does not cut it short.
		engine.notifyWrite();
		expect(timers.delays).toEqual([1_000]);

		timers.fire();
		await vi.waitFor(() => expect(timers.delays).toEqual([2_000]));

		window.dispatchEvent(new Event('online'));
		await vi.waitFor(() => expect(engine.status.state).toBe('idle'));
		expect(engine.status.pending).toBe(0);
		expect(timers.delays).toEqual([60_000]);
		expect(transport.pushes).toHaveLength(3);
	});

	it('does not try while the browser knows it is offline', async () => {
		const { transport, engine } = setup({ online: false });
		engine.start();
		await vi.waitFor(() => expect(engine.status.state).toBe('offline'));
		expect(transport.pushes.length + transport.pulls.length).toBe(0);
	});

	it('syncs when the tab becomes visible', async () => {
		const { transport, document, engine } = setup();
		engine.start();
		await idle(engine);
		document.visibilityState = 'hidden';
		document.dispatchEvent(new Event('visibilitychange'));
		document.visibilityState = 'visible';
		document.dispatchEvent(new Event('visibilitychange'));
		await vi.waitFor(() => expect(transport.pulls).toHaveLength(2));
	});

	it('refreshes an expired token and retries the same batch', async () => {
		const refreshAuth = vi.fn(async () => true);
		const { db, transport, engine } = setup({ refreshAuth });
		await activities.create(db, draft(), actor);
		transport.pushScript.push(new SyncTransportError('auth', 'JWT expired'));

		engine.start();
		await vi.waitFor(() => expect(engine.status.lastSyncedAt).not.toBeNull());

		expect(refreshAuth).toHaveBeenCalledTimes(1);
		expect(transport.pushes.map((p) => p.mutations)).toEqual([
			transport.pushes[0]!.mutations,
			transport.pushes[0]!.mutations
		]);
		expect(engine.status).toMatchObject({ state: 'idle', pending: 0 });
	});

	it('asks to sign in again when the token cannot be refreshed, keeping the queue', async () => {
		const { db, transport, engine } = setup({ refreshAuth: async () => false });
		await activities.create(db, draft(), actor);
		transport.pushScript.push(new SyncTransportError('auth', 'JWT expired'));

		engine.start();
		await vi.waitFor(() => expect(engine.status.state).toBe('error'));

		expect(engine.status.error!.code).toBe('auth');
		expect(engine.status.pending).toBe(1);
	});

	it('stops at a seq gap and reports it, leaving the queue as it was', async () => {
		const { db, transport, engine } = setup();
		await activities.create(db, draft(), actor);
		transport.pushScript.push({ error: 'seq_gap', expected: 7, last_seq: 6 });

		engine.start();
		await vi.waitFor(() => expect(engine.status.state).toBe('error'));

		expect(engine.status.error!.code).toBe('seq_gap');
		expect(transport.pulls).toHaveLength(0);
		expect(await outbox.list(db)).toMatchObject([{ seq: 1, status: 'sending' }]);
	});

	it('counts rejected changes in the status', async () => {
		const { db, transport, engine } = setup();
		await activities.create(db, draft(), actor);
		transport.pushScript.push({
			last_seq: 1,
			results: [{ seq: 1, status: 'rejected', code: 'forbidden', message: 'no' }]
		});

		engine.start();
		await vi.waitFor(() => expect(engine.status.rejected).toBe(1));
		expect(engine.status.pending).toBe(0);
	});

	it('reports progress during a long pull', async () => {
		const { transport, engine } = setup();
		const seen: (number | null)[] = [];
		engine.subscribe((s) => seen.push(s.progress?.done ?? null));
		const row = (n: number) => ({
			table: 'activities',
			row: { id: `00000000-0000-4000-8000-00000000000${n}`, version: 1, updated_at: '2026-10-01T10:00:00Z' }
		});
		transport.pullScript.push(
			{ changes: [row(1), row(2)], cursor: 'a', has_more: true, scope: { teacher_ids: [] } },
			{ changes: [row(3)], cursor: 'b', has_more: false, scope: { teacher_ids: [] } }
		);

		engine.start();
		await vi.waitFor(() => expect(engine.status.lastSyncedAt).not.toBeNull());

		// Other status changes (counts) may repeat a value while a page is applied: compare the steps.
		const steps = seen.filter((n, i) => n !== null && n !== seen[i - 1]);
		expect(steps).toEqual([2, 3]);
		expect(engine.status.progress).toBeNull();
	});

	it('lets only the leading tab sync; the others still show the queue', async () => {
		const locks = new HeldLocks();
		const { db, transport, engine } = setup({ locks });
		await activities.create(db, draft(), actor);

		engine.start();
		await vi.waitFor(() => expect(engine.status.pending).toBe(1));
		engine.notifyWrite();
		await engine.syncNow();
		expect(transport.pushes.length + transport.pulls.length).toBe(0);
		expect(locks.requests).toEqual([`trajectory-sync-${db.name}`]);

		// The leading tab closed: this one takes over.
		locks.handOver();
		await vi.waitFor(() => expect(engine.status.pending).toBe(0));
		expect(transport.pushes).toHaveLength(1);
	});

	it('stops: no timers, no listeners, no more cycles', async () => {
		const { transport, timers, window, engine } = setup();
		engine.start();
		await idle(engine);
		await engine.stop();

		expect(timers.delays).toEqual([]);
		window.dispatchEvent(new Event('online'));
		engine.notifyWrite();
		await new Promise((r) => setTimeout(r, 20));
		expect(transport.pulls).toHaveLength(1);
	});
});
