// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Dexie from 'dexie';
import { databaseNameFor, type OutboxEntry } from '$lib/db/database';
import type { SyncEngineOptions } from '$lib/sync/engine';
import { INITIAL_STATUS, type SyncStatus } from '$lib/sync/status';
import { SyncTransportError } from '$lib/sync/transport';
import { Session } from './session.svelte';
import { Account, EraseRefused, leave } from './account.svelte';

const USER_A = '00000000-0000-4000-8000-0000000000a1';
const USER_B = '00000000-0000-4000-8000-0000000000b2';

/** The shared supabase-js session, as every tab sees it. */
const shared = vi.hoisted(() => ({
	userId: null as string | null,
	listeners: [] as ((event: string, userId: string | null) => void)[],
	onSignOut: null as (() => Promise<void>) | null
}));
const rpc = vi.fn();
const client = {
	rpc: (...args: unknown[]) => rpc(...args),
	auth: { getSession: async () => ({ data: { session: shared.userId ? { user: { id: shared.userId } } : null }, error: null }) }
};

vi.mock('$lib/supabase/auth', () => ({
	loadClient: async () => client,
	signOut: async () => {
		await shared.onSignOut?.();
	},
	currentUserId: async () => shared.userId,
	refreshSession: vi.fn(async () => true),
	onAuthStateChange: async (listener: (event: string, userId: string | null) => void) => {
		shared.listeners.push(listener);
		listener('INITIAL_SESSION', shared.userId);
		return () => shared.listeners.splice(shared.listeners.indexOf(listener), 1);
	}
}));

/** A stand-in engine that records how the account drives it. */
const engines = vi.hoisted(() => [] as { options: SyncEngineOptions; start: ReturnType<typeof vi.fn>; stop: ReturnType<typeof vi.fn> }[]);
vi.mock('$lib/sync/engine', () => ({
	createSyncEngine: (options: SyncEngineOptions) => {
		let status: SyncStatus = { ...INITIAL_STATUS, state: 'idle' };
		const listeners = new Set<(s: SyncStatus) => void>();
		const engine = {
			options,
			start: vi.fn(),
			stop: vi.fn(async () => {}),
			syncNow: vi.fn(async () => {}),
			notifyWrite: vi.fn(),
			get status() {
				return status;
			},
			subscribe(fn: (s: SyncStatus) => void) {
				listeners.add(fn);
				fn(status);
				return () => listeners.delete(fn);
			},
			emit(patch: Partial<SyncStatus>) {
				status = { ...status, ...patch };
				for (const fn of listeners) fn(status);
			}
		};
		engines.push(engine);
		return engine;
	}
}));

vi.mock('$lib/features/sync/ui', () => ({ ready: async () => {} }));

function entry(seq: number, status: OutboxEntry['status']): OutboxEntry {
	return {
		seq,
		mutationId: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
		table: 'activities',
		rowId: '00000000-0000-4000-8000-00000000ac71',
		op: 'upsert',
		fields: { title: 'Курсы' },
		base: {},
		createdAt: '2026-11-01T10:00:00.000Z',
		status,
		reason: status === 'rejected' ? 'forbidden' : null
	};
}

const sessions: Session[] = [];
async function signedIn(userId = USER_A): Promise<{ session: Session; account: Account; name: string }> {
	const session = new Session();
	sessions.push(session);
	const name = `${databaseNameFor(userId)}-${Math.random().toString(36).slice(2)}`;
	session.mode = 'account';
	await session.open(name);
	const account = new Account(session, userId, session.db!);
	session.account = account;
	return { session, account, name };
}

beforeEach(() => {
	shared.userId = USER_A;
	shared.listeners.length = 0;
	shared.onSignOut = null;
	engines.length = 0;
	rpc.mockReset();
});

afterEach(async () => {
	for (const s of sessions.splice(0)) {
		await s.account?.stop();
		s.db?.close();
	}
});

describe('«Удалить с устройства»', () => {
	it('deletes the database when nothing is waiting, in flight or refused', async () => {
		const { session, name } = await signedIn();
		await leave(session, { erase: true });
		expect(session.mode).toBe('guest');
		expect(await Dexie.exists(name)).toBe(false);
	});

	it.each(['pending', 'sending', 'rejected'] as const)('refuses while a change is %s, before signing out', async (status) => {
		const { session, account, name } = await signedIn();
		await session.db!.outbox.add(entry(1, status));
		const error = await leave(session, { erase: true }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(EraseRefused);
		expect(error).toMatchObject({ unsent: 1, signedOut: false });
		expect(session.mode).toBe('account');
		expect(session.account).toBe(account);
		expect(await Dexie.exists(name)).toBe(true);
	});

	it('checks again right before deleting: a change written meanwhile (another tab) keeps the data', async () => {
		const { session, name } = await signedIn();
		const db = session.db!;
		shared.onSignOut = async () => {
			await db.outbox.add(entry(1, 'pending'));
		};
		const error = await leave(session, { erase: true }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(EraseRefused);
		expect(error).toMatchObject({ unsent: 1, signedOut: true });
		expect(session.mode).toBe('guest');
		expect(await Dexie.exists(name)).toBe(true);
		await Dexie.delete(name);
	});

	it('signs out keeping the data whatever is queued', async () => {
		const { session, name } = await signedIn();
		await session.db!.outbox.add(entry(1, 'rejected'));
		await leave(session, { erase: false });
		expect(session.mode).toBe('guest');
		expect(await Dexie.exists(name)).toBe(true);
		await Dexie.delete(name);
	});
});

describe('an account whose session another tab took over', () => {
	it('never calls the server under another user’s session', async () => {
		const { account } = await signedIn();
		await account.startSync();
		const { transport, refreshAuth } = engines[0]!.options;
		shared.userId = USER_B;
		const error = await transport.pull(null, 10).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SyncTransportError);
		expect((error as SyncTransportError).kind).toBe('auth');
		expect(rpc).not.toHaveBeenCalled();
		// Nor renews the other user's session to retry.
		expect(await refreshAuth!()).toBe(false);
	});

	it('stops its engine when the session turns into another user’s and says to sign in again', async () => {
		const { account } = await signedIn();
		await account.startSync();
		const engine = engines[0]!;
		expect(engine.start).toHaveBeenCalledTimes(1);

		shared.userId = USER_B;
		for (const l of [...shared.listeners]) l('SIGNED_IN', USER_B);
		expect(engine.stop).toHaveBeenCalledTimes(1);
		expect(account.status).toMatchObject({ state: 'error', error: { code: 'auth' } });
		// A late status from the stopping engine does not hide it.
		(engine as unknown as { emit(p: Partial<SyncStatus>): void }).emit({ state: 'idle', error: null });
		expect(account.status).toMatchObject({ state: 'error', error: { code: 'auth' } });

		shared.userId = USER_A;
		for (const l of [...shared.listeners]) l('SIGNED_IN', USER_A);
		expect(engine.start).toHaveBeenCalledTimes(2);
		expect(account.status?.error).toBeNull();
	});
});
