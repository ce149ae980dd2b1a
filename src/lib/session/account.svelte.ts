import { liveQuery } from 'dexie';
import { AppDatabase, GUEST_DATABASE, databaseNameFor } from '$lib/db/database';
import { deleteEverywhere } from '$lib/db/close-everywhere';
import * as guestMove from '$lib/db/guest-move';
import * as meta from '$lib/db/meta';
import * as outbox from '$lib/db/outbox';
import type { Id } from '$lib/domain/common';
import type { SyncEngine, SyncStatus } from '$lib/sync/engine';
import { PROFILE_ID } from '$lib/sync/scope';
import { createTransport } from '$lib/supabase/transport';
import { ALL_ROLES, identify, type Identity } from './identity';
import { ACCOUNT_KEY, AUTH_STORAGE_KEY } from '$lib/supabase/config';
import { forgetUnsaved } from '$lib/features/forms/tab';
import type { DeviceMessage, Session } from './session.svelte';

const NEXT_SEQ = 'outbox.nextSeq';

function foreignStatus(status: SyncStatus): SyncStatus {
	return {
		...status,
		state: 'error',
		progress: null,
		error: { code: 'auth', message: 'session belongs to another user' }
	};
}

/**
 * A signed-in user on this device: their own database, the sync engine that serves it, and who
 * they are in the data (profile and roles, derived from what the pull brought). Loaded only in
 * account mode; supabase-js and the engine are loaded by `startSync`, after the first paint.
 *
 * An outbox is only ever pushed under the user who wrote it: the engine is given this user's
 * database and nothing else, and is stopped before the session switches to another database.
 */
export class Account {
	readonly userId: Id;
	readonly db: AppDatabase;
	status = $state.raw<SyncStatus | null>(null);
	/**
	 * The shell's sync chip and first-download screen (features/sync/ui), loaded with the account
	 * so that the guest's first screen carries none of it.
	 */
	ui = $state.raw<typeof import('$lib/features/sync/ui') | null>(null);
	/** The sync engine could not be started (a chunk failed to load offline, …). */
	startError = $state<string | null>(null);
	#session: Session;
	#engine: SyncEngine | null = null;
	#starting: Promise<void> | null = null;
	#stops: (() => void)[] = [];
	/** The shared session belongs to another user: the engine is stopped until it is this user's again. */
	#foreign = false;

	constructor(session: Session, userId: Id, db: AppDatabase) {
		this.#session = session;
		this.userId = userId;
		this.db = db;
	}

	#apply(identity: Identity): void {
		const session = this.#session;
		if (session.db !== this.db) return;
		session.profileId = identity.profileId;
		// The engine keeps rows this user authored when a teacher leaves their scope.
		if (identity.profileId) void meta.set(this.db, PROFILE_ID, identity.profileId);
		session.roles = identity.roles;
		if (identity.roles.length && !identity.roles.includes(session.role)) session.setRole(identity.roles[0]!);
	}

	/** Read the identity now (so a reload shows the right screens at once) and follow its changes. */
	async identify(): Promise<void> {
		import('$lib/features/sync/ui').then(async (ui) => {
			await ui.ready();
			this.ui = ui;
		});
		this.#apply(await identify(this.db, this.userId));
		const subscription = liveQuery(() => identify(this.db, this.userId)).subscribe({ next: (i) => this.#apply(i) });
		this.#stops.push(() => subscription.unsubscribe());
	}

	/** Start pushing and pulling. Safe to call more than once. */
	startSync(): Promise<void> {
		this.#starting ??= this.#start().catch((error: unknown) => {
			this.startError = error instanceof Error ? error.message : String(error);
			this.#starting = null;
		});
		return this.#starting;
	}

	async #start(): Promise<void> {
		const [{ createSyncEngine }, auth] = await Promise.all([import('$lib/sync/engine'), import('$lib/supabase/auth')]);
		const client = await auth.loadClient();
		if (this.#session.account !== this) return;
		const engine = createSyncEngine({
			db: this.db,
			// Every call checks that the shared session is still this user's (another tab may have
			// signed in as someone else), and a refresh never renews another user's session.
			transport: createTransport(client, this.userId),
			refreshAuth: async () => (await auth.currentUserId()) === this.userId && (await auth.refreshSession())
		});
		this.#engine = engine;
		this.status = engine.status;
		this.#stops.push(engine.subscribe((status) => (this.status = this.#foreign ? foreignStatus(status) : status)));
		// Every local write appends to the outbox and bumps its counter: push shortly after. Watching
		// the counter (not the queue) ignores the engine's own bookkeeping of sent entries.
		let last: unknown;
		const writes = liveQuery(() => meta.get<number>(this.db, NEXT_SEQ)).subscribe({
			next: (seq) => {
				if (last !== undefined && seq !== last) engine.notifyWrite();
				last = seq;
			}
		});
		this.#stops.push(() => writes.unsubscribe());
		engine.start();
		// The regions' settings, for the reports this device computes (db/region-settings.ts); offline
		// the copy from the last start (or the defaults) stays.
		void import('$lib/supabase/region-settings')
			.then(({ refreshDeviceCopy }) => refreshDeviceCopy(client, this.db, () => this.#session.account === this))
			.catch(() => undefined);
		const unwatch = await auth.onAuthStateChange((_event, userId) => this.#sessionChanged(engine, userId));
		if (this.#engine === engine) this.#stops.push(unwatch);
		else unwatch();
	}

	/**
	 * The session is shared by every tab. When it turns into another user's (signed in elsewhere),
	 * this user's engine stops at once and the status says to sign in again; when it is this
	 * user's again, syncing resumes.
	 */
	#sessionChanged(engine: SyncEngine, userId: Id | null): void {
		if (this.#engine !== engine) return;
		if (userId !== null && userId !== this.userId) {
			if (this.#foreign) return;
			this.#foreign = true;
			this.status = foreignStatus(engine.status);
			void engine.stop().then(() => {
				if (this.#foreign && this.#engine === engine) this.status = foreignStatus(engine.status);
			});
		} else if (userId === this.userId && this.#foreign) {
			this.#foreign = false;
			this.status = engine.status;
			engine.start();
		}
	}

	async syncNow(): Promise<void> {
		await this.startSync();
		await this.#engine?.syncNow();
	}

	async stop(): Promise<void> {
		for (const stop of this.#stops.splice(0)) stop();
		const engine = this.#engine;
		this.#engine = null;
		await engine?.stop();
	}
}

/**
 * Switch the session to `userId`'s account: their own database (a shared school PC keeps each
 * person's data apart), profile and roles from it.
 *
 * `signIn`: the person signs in on this device now (the sign-in form or link) — not the app
 * starting with the account it had, nor a tab following another. Then the other tabs are told
 * (their guest screens follow into the account), and the guest work made on this device since the
 * last sign-in is handed to this person, the guest database deleted (guest-move.ts): the first
 * sign-in after guest work is the only one ever offered it.
 */
export async function enter(session: Session, userId: Id, options: { signIn?: boolean } = {}): Promise<Account> {
	if (session.account?.userId === userId && session.db && !session.db.hasBeenClosed()) return session.account;
	await session.account?.stop();
	const previous = session.db;
	localStorage.setItem(ACCOUNT_KEY, userId);
	if (options.signIn) session.announce({ kind: 'signed-in', userId });
	session.mode = 'account';
	session.profileId = null;
	session.roles = [];
	session.account = null;
	// Before the hand-over, which waits for every connection to the guest database, this one too.
	previous?.close();
	await session.open(databaseNameFor(userId));
	if (session.fatal) throw session.fatal;
	// A full disk leaves the guest work where it is (offered at the next sign-in); signing in goes on.
	if (options.signIn) await guestMove.handOver(session.db!).catch(() => undefined);
	const account = new Account(session, userId, session.db!);
	session.account = account;
	await account.identify();
	return account;
}

/**
 * «Удалить с устройства» was refused: changes of this user's are still unconfirmed by the server
 * (waiting, in flight or refused). `signedOut` tells whether the sign-out itself went ahead (the
 * data then stays on the device for the next sign-in).
 */
export class EraseRefused extends Error {
	readonly unsent: number;
	readonly signedOut: boolean;
	constructor(unsent: number, signedOut: boolean) {
		super(`${unsent} unsent change(s): the database was not erased`);
		this.name = 'EraseRefused';
		this.unsent = unsent;
		this.signedOut = signedOut;
	}
}

/** session.svelte.ts's role key, repeated rather than exported from the first screen's chunk. */
const ROLE_KEY = 'trajectory.role';

/**
 * Sign out on this device, in every tab, and return to guest mode.
 *
 * The other tabs are told (session.svelte.ts's channel): they close this person's database, which
 * stops their autosaves, and go to guest mode saying why. The auth session, the device's record of
 * who is signed in and the role chosen go from storage, whatever supabase-js manages offline.
 *
 * With `erase`, the person's traces go from the device as well: their database (with the guest
 * work handed to them at sign-in, moved or not), the guest database (whatever a guest tab made
 * since their sign-in), and any storage key or Cache Storage entry naming them. Only when nothing
 * is waiting to be sent, in flight or refused: checked here, before anything happens
 * (EraseRefused, still signed in), and again inside the deletion's exclusive step, after every tab
 * closed the database (one may have written meanwhile: EraseRefused, signed out, data kept).
 */
export async function leave(session: Session, options: { erase: boolean }): Promise<void> {
	const account = session.account;
	const db = session.db;
	// Erasing is for a signed-in person's database; a guest has nothing of theirs to remove.
	const mine = options.erase && account && db ? db : null;
	const erase = !!mine;
	if (mine) {
		const unsent = await outbox.unsettledCount(mine);
		if (unsent > 0) throw new EraseRefused(unsent, false);
	}
	const traces = mine && account ? await tracesOf(mine, account.userId) : [];
	await account?.stop();
	localStorage.removeItem(ACCOUNT_KEY);
	if (account) session.announce({ kind: 'signed-out', userId: account.userId, erase });
	try {
		const auth = await import('$lib/supabase/auth');
		await auth.signOut();
	} catch {
		// Offline or the chunk is unavailable: the session's keys are removed below all the same.
	}
	forgetSignIn();
	session.account = null;
	session.mode = 'guest';
	session.roles = [...ALL_ROLES];
	session.role = 'teacher';
	// Typing that could not be stored lives in this page's memory: it must not greet the next person.
	if (db && account) forgetUnsaved(db.name);
	db?.close();
	if (erase) {
		forgetUnsaved(GUEST_DATABASE);
		await deleteEverywhere(GUEST_DATABASE);
	}
	await session.open(GUEST_DATABASE);
	if (!mine || mine === session.db) return;
	let unsent = 0;
	const outcome = await deleteEverywhere(mine.name, async (tx) => (unsent = await outbox.unsettledIn(tx)) === 0);
	if (outcome === 'refused') throw new EraseRefused(unsent, true);
	await scrub(traces);
}

/** Storage keys of a sign-in: supabase-js's session (its key and the ones it derives), the device's account and role. */
function forgetSignIn(): void {
	const ours = (key: string) =>
		key === ACCOUNT_KEY ||
		key === ROLE_KEY ||
		key === AUTH_STORAGE_KEY ||
		key.startsWith(`${AUTH_STORAGE_KEY}-`) ||
		key.startsWith('sb-');
	for (const storage of [localStorage, sessionStorage])
		for (const key of keysOf(storage)) if (ours(key)) storage.removeItem(key);
}

function keysOf(storage: Storage): string[] {
	return Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter((k): k is string => k !== null);
}

/** What names this person on the device: their auth id, and their profile's id, e-mail and name. */
async function tracesOf(db: AppDatabase, userId: Id): Promise<string[]> {
	const profiles = await db.profiles.where('userId').equals(userId).toArray();
	const all = [userId, ...profiles.flatMap((p) => [p.id, p.email, p.fullName])];
	// Short strings would match unrelated keys and values.
	return [
		...new Set(all.filter((s): s is string => typeof s === 'string' && s.trim().length >= 5).map((s) => s.trim()))
	];
}

/**
 * Remove every storage key, and every Cache Storage entry, whose name or value names the person.
 * The service worker only precaches the app shell today; this holds if a runtime cache is added.
 */
async function scrub(traces: string[]): Promise<void> {
	if (!traces.length) return;
	const names = (text: string) => traces.some((t) => text.includes(t));
	for (const storage of [localStorage, sessionStorage]) {
		for (const key of keysOf(storage)) if (names(key) || names(storage.getItem(key) ?? '')) storage.removeItem(key);
	}
	if (typeof caches === 'undefined') return;
	for (const name of await caches.keys()) {
		if (names(name)) {
			await caches.delete(name);
			continue;
		}
		const cache = await caches.open(name);
		for (const request of await cache.keys())
			if (names(request.url) || names(safeDecode(request.url))) await cache.delete(request);
	}
}

function safeDecode(url: string): string {
	try {
		return decodeURIComponent(url);
	} catch {
		return url;
	}
}

/**
 * Bring this tab to the device's current person after another tab signed in or out (a message on
 * the device channel, or this tab's database closed under it). The current person is ACCOUNT_KEY:
 * the other tab wrote it before telling anyone. A sign-out closes this tab's copy of the person's
 * database for good — no autosave here can write to it again, nor re-create it once deleted — and
 * opens the guest database; a sign-in elsewhere takes a guest tab into that account.
 */
export async function follow(session: Session, message: DeviceMessage | null): Promise<void> {
	const want = localStorage.getItem(ACCOUNT_KEY);
	const have = session.account?.userId ?? null;
	const db = session.db;
	if (want === have && db && !db.hasBeenClosed()) return;
	const n = (session.elsewhere?.n ?? 0) + 1;
	if (want) {
		const account = await enter(session, want);
		if (want !== have) session.elsewhere = { what: 'signed-in', n };
		void account.startSync();
	} else {
		await session.account?.stop();
		session.account = null;
		session.mode = 'guest';
		session.roles = [...ALL_ROLES];
		session.role = 'teacher';
		if (db && have) forgetUnsaved(db.name);
		if (message?.kind === 'signed-out' && message.erase) forgetUnsaved(GUEST_DATABASE);
		db?.close();
		await session.open(GUEST_DATABASE);
		if (have)
			session.elsewhere = { what: message?.kind === 'signed-out' && message.erase ? 'erased' : 'signed-out', n };
	}
	session.generation++;
}
