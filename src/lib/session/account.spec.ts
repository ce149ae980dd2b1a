// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Dexie from 'dexie';
import { AppDatabase, databaseNameFor, GUEST_DATABASE, type OutboxEntry } from '$lib/db/database';
import { deleteEverywhere } from '$lib/db/close-everywhere';
import { toLocalWriteError } from '$lib/db/errors';
import * as guestMove from '$lib/db/guest-move';
import * as meta from '$lib/db/meta';
import * as regionCopy from '$lib/db/region-settings';
import * as rows from '$lib/db/rows';
import { buildActivity, buildProfile, uuid } from '$lib/domain/testing/builders';
import type { SyncEngineOptions } from '$lib/sync/engine';
import { INITIAL_STATUS, type SyncStatus } from '$lib/sync/status';
import { SyncTransportError } from '$lib/sync/transport';
import { Session } from './session.svelte';
import { Account, EraseRefused, enter, leave } from './account.svelte';
import { unsavedDrafts } from '$lib/features/forms/tab';

const USER_A = '00000000-0000-4000-8000-0000000000a1';
const USER_B = '00000000-0000-4000-8000-0000000000b2';

/** The shared supabase-js session, as every tab sees it. */
const shared = vi.hoisted(() => ({
	userId: null as string | null,
	listeners: [] as ((event: string, userId: string | null) => void)[],
	onSignOut: null as (() => Promise<void>) | null
}));
const rpc = vi.fn();
/** public.region_settings as the server answers from('region_settings').select(…). */
let regionRows: Record<string, unknown>[] = [];
const client = {
	rpc: (...args: unknown[]) => rpc(...args),
	from: (table: string) => ({
		select: async () =>
			table === 'region_settings' ? { data: regionRows, error: null } : { data: null, error: { code: '42P01' } }
	}),
	auth: {
		getSession: async () => ({ data: { session: shared.userId ? { user: { id: shared.userId } } : null }, error: null })
	}
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
const engines = vi.hoisted(
	() => [] as { options: SyncEngineOptions; start: ReturnType<typeof vi.fn>; stop: ReturnType<typeof vi.fn> }[]
);
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

// Svelte's dev build looks its own symbols up on whatever a $state field stores (Account.ui holds
// this module): a prototype that has every key keeps vitest's strict mock from throwing on them.
vi.mock('$lib/features/sync/ui', () =>
	Object.assign(Object.create(new Proxy({}, { has: () => true })), { ready: async () => {} })
);

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
		s.unlisten();
		await s.account?.stop();
		s.db?.close();
	}
	for (const name of [GUEST_DATABASE, databaseNameFor(USER_A), databaseNameFor(USER_B)]) await Dexie.delete(name);
	localStorage.clear();
	sessions.length = 0;
});

/** A tab of this browser profile: its own Session, listening to the others. */
function tab(): Session {
	const session = new Session();
	sessions.push(session);
	session.listen();
	return session;
}

/** Two tabs with `userId` signed in, as after a reload of each. */
async function twoTabs(userId = USER_A): Promise<[Session, Session]> {
	localStorage.setItem('trajectory.account', userId);
	const one = tab();
	const two = tab();
	await enter(one, userId);
	await enter(two, userId);
	return [one, two];
}

/** This device's guest database with a guest's own profile and a course they logged. */
async function guestWork(name: string, course: string): Promise<void> {
	const guest = new AppDatabase(GUEST_DATABASE);
	const me = uuid(5001);
	const strip = <T extends object>(row: T) => {
		const {
			id: _id,
			version: _v,
			updatedAt: _u,
			updatedBy: _b,
			deletedAt: _d,
			...draft
		} = row as T & Record<string, unknown>;
		return draft;
	};
	await rows.insert(
		guest,
		'profiles',
		{ ...strip(buildProfile({ userId: null, fullName: name, experienceYears: 12, birthYear: 1979 })), id: me } as never,
		{ profileId: me }
	);
	await meta.set(guest, meta.GUEST_PROFILE, me);
	await rows.insert(
		guest,
		'activities',
		{ ...strip(buildActivity({ teacherId: me, title: course })), id: uuid(5002) } as never,
		{ profileId: me }
	);
	guest.close();
}

describe('«Удалить с устройства»', () => {
	it('deletes the database when nothing is waiting, in flight or refused', async () => {
		const { session, name } = await signedIn();
		await leave(session, { erase: true });
		expect(session.mode).toBe('guest');
		expect(await Dexie.exists(name)).toBe(false);
	});

	it.each(['pending', 'sending', 'rejected'] as const)(
		'refuses while a change is %s, before signing out',
		async (status) => {
			const { session, account, name } = await signedIn();
			await session.db!.outbox.add(entry(1, status));
			const error = await leave(session, { erase: true }).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(EraseRefused);
			expect(error).toMatchObject({ unsent: 1, signedOut: false });
			expect(session.mode).toBe('account');
			expect(session.account).toBe(account);
			expect(await Dexie.exists(name)).toBe(true);
		}
	);

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

	it('forgets the typing this page could not store (disk full), so the next person is not shown it', async () => {
		const { session, name } = await signedIn();
		unsavedDrafts.set(`${name}/plan:x`, { text: 'Анна: мой дефицит' });
		unsavedDrafts.set(`${GUEST_DATABASE}/plan:y`, { text: 'гость' });
		await leave(session, { erase: false });
		expect(unsavedDrafts.has(`${name}/plan:x`)).toBe(false);
		expect(unsavedDrafts.has(`${GUEST_DATABASE}/plan:y`)).toBe(true);
		unsavedDrafts.clear();
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

describe('an account that starts syncing', () => {
	it('keeps a copy of the regions’ settings for the reports its device computes', async () => {
		const region = '00000000-0000-4000-8000-00000000e001';
		regionRows = [
			{
				region_id: region,
				growth_threshold: '0.30',
				min_group_size: 6,
				report_years_from: 2025,
				staff_reference: '09-15'
			}
		];
		const { session, account } = await signedIn();
		await account.startSync();
		const tree = [{ id: region, parentId: null }];
		await vi.waitFor(async () =>
			expect(await regionCopy.forOrganization(session.db!, tree, region)).toEqual({
				growthThreshold: 0.3,
				minGroupSize: 6,
				reportYearsFrom: 2025,
				staffReference: '09-15'
			})
		);
		regionRows = [];
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

describe('other tabs of the browser', () => {
	it('follow a sign-out: the person’s database closes there, the tab goes to guest mode and says so', async () => {
		const [one, two] = await twoTabs();
		const theirs = two.db!;
		await leave(one, { erase: false });
		await vi.waitFor(() => expect(two.elsewhere).toMatchObject({ what: 'signed-out' }));
		expect(two.mode).toBe('guest');
		expect(two.account).toBeNull();
		expect(two.db!.name).toBe(GUEST_DATABASE);
		expect(two.generation).toBe(1);
		// An autosave still holding the old database can no longer write to it.
		const write = await theirs.meta
			.put({ key: 'form:activity-new', value: { title: 'Курсы' } })
			.catch((e: unknown) => e);
		expect(toLocalWriteError(write).reason).toBe('closed');
		// «Оставить данные»: the database stays for the next sign-in.
		expect(await Dexie.exists(databaseNameFor(USER_A))).toBe(true);
	});

	it('do not bring back a database deleted in another tab: a late autosave fails as closed', async () => {
		const [one, two] = await twoTabs();
		const theirs = two.db!;
		await theirs.meta.put({ key: 'form:activity-new', value: { title: 'Курсы ПК «Функц' } });
		await leave(one, { erase: true });
		expect(await Dexie.exists(databaseNameFor(USER_A))).toBe(false);
		const write = await theirs.meta
			.put({ key: 'form:activity-new', value: { title: 'Курсы ПК «Функциональная' } })
			.catch((e: unknown) => e);
		expect(toLocalWriteError(write).reason).toBe('closed');
		await vi.waitFor(() => expect(two.elsewhere).toMatchObject({ what: 'erased' }));
		expect(two.mode).toBe('guest');
		expect(await Dexie.exists(databaseNameFor(USER_A))).toBe(false);
	});

	it('open the guest database again when another tab erases it while they open it, instead of a storage failure', async () => {
		// The erasing tab deletes the guest database too (leave's erase) while this tab, having heard
		// of the sign-out, opens it: the take-over lands between the open and its first read.
		const two = tab();
		const open = AppDatabase.prototype.open;
		vi.spyOn(AppDatabase.prototype, 'open').mockImplementationOnce(function (this: AppDatabase) {
			return open.call(this).then(async (opened) => {
				await deleteEverywhere(GUEST_DATABASE);
				return opened;
			});
		});
		await two.open(GUEST_DATABASE);
		await vi.waitFor(() => expect(two.db?.isOpen()).toBe(true));
		expect(two.db!.name).toBe(GUEST_DATABASE);
		expect(two.fatal).toBeNull();
		expect(await two.db!.meta.count()).toBeGreaterThanOrEqual(0);
	});

	it('follow a sign-in: a guest tab goes into the account and says so', async () => {
		const one = tab();
		const two = tab();
		await one.open(GUEST_DATABASE);
		await two.open(GUEST_DATABASE);
		await enter(one, USER_A, { signIn: true });
		await vi.waitFor(() => expect(two.account?.userId).toBe(USER_A));
		expect(two.mode).toBe('account');
		expect(two.db!.name).toBe(databaseNameFor(USER_A));
		expect(two.elsewhere).toMatchObject({ what: 'signed-in' });
	});
});

describe('the guest work on a shared device', () => {
	it('is offered to the person who signs in right after it, with the guest’s name, and to nobody later', async () => {
		await guestWork('Гостева Галина Павловна', 'Курсы ПК «Функциональная грамотность»');
		const session = tab();
		await session.open(GUEST_DATABASE);
		await enter(session, USER_A, { signIn: true });
		expect(await guestMove.pending(session.db!)).toMatchObject({
			names: ['Гостева Галина Павловна'],
			profile: true,
			activities: 1
		});
		// Nothing of it stays where the next guest would see it.
		expect(await Dexie.exists(GUEST_DATABASE)).toBe(false);

		await leave(session, { erase: false });
		await enter(session, USER_B, { signIn: true });
		expect(await guestMove.pending(session.db!)).toBeNull();
	});

	it('goes with the person’s database when they remove their data from the device', async () => {
		await guestWork('Гостева Галина Павловна', 'Курсы ПК «Функциональная грамотность»');
		const session = tab();
		await session.open(GUEST_DATABASE);
		await enter(session, USER_A, { signIn: true });
		await leave(session, { erase: true });
		expect(await Dexie.exists(databaseNameFor(USER_A))).toBe(false);
		const guest = new AppDatabase(GUEST_DATABASE);
		expect(await guest.activities.count()).toBe(0);
		expect(await guest.profiles.count()).toBe(0);
		guest.close();
	});
});

describe('storage after a sign-out', () => {
	function fill(): void {
		localStorage.setItem('trajectory.account', USER_A);
		localStorage.setItem('trajectory-auth', JSON.stringify({ access_token: 'x', user: { id: USER_A } }));
		localStorage.setItem('trajectory-auth-code-verifier', 'verifier');
		localStorage.setItem('sb-localhost-auth-token', 'token');
		localStorage.setItem('trajectory.role', 'mentor');
		localStorage.setItem('trajectory.locale', 'ru');
		localStorage.setItem('unrelated', 'nothing personal');
		localStorage.setItem('note', 'written by anna.ivanova@school.test');
		sessionStorage.setItem(`seen:${USER_A}`, '1');
		sessionStorage.setItem('tab', 'plain');
	}
	const keys = (storage: Storage) => Array.from({ length: storage.length }, (_, i) => storage.key(i)).sort();

	it('keeping the data forgets the sign-in: the session, the device’s account and the role', async () => {
		const { session } = await signedIn();
		fill();
		await leave(session, { erase: false });
		expect(keys(localStorage)).toEqual(['note', 'trajectory.locale', 'unrelated']);
		expect(keys(sessionStorage)).toEqual(['seen:' + USER_A, 'tab'].sort());
		expect(session.role).toBe('teacher');
	});

	it('removing the data removes every key that names the person too', async () => {
		const { session } = await signedIn();
		await session.db!.profiles.put(
			buildProfile({ userId: USER_A, fullName: 'Иванова Анна Сергеевна', email: 'anna.ivanova@school.test' })
		);
		fill();
		await leave(session, { erase: true });
		expect(keys(localStorage)).toEqual(['trajectory.locale', 'unrelated']);
		expect(keys(sessionStorage)).toEqual(['tab']);
	});
});
