import { liveQuery } from 'dexie';
import { AppDatabase, GUEST_DATABASE, databaseNameFor } from '$lib/db/database';
import * as meta from '$lib/db/meta';
import * as outbox from '$lib/db/outbox';
import type { Id } from '$lib/domain/common';
import type { SyncEngine, SyncStatus } from '$lib/sync/engine';
import { PROFILE_ID } from '$lib/sync/scope';
import { createTransport } from '$lib/supabase/transport';
import { ALL_ROLES, identify, type Identity } from './identity';
import { ACCOUNT_KEY } from '$lib/supabase/config';
import type { Session } from './session.svelte';

const NEXT_SEQ = 'outbox.nextSeq';

function foreignStatus(status: SyncStatus): SyncStatus {
	return { ...status, state: 'error', progress: null, error: { code: 'auth', message: 'session belongs to another user' } };
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
 * person's data apart), profile and roles from it. The guest database stays as it is.
 */
export async function enter(session: Session, userId: Id): Promise<Account> {
	if (session.account?.userId === userId) return session.account;
	await session.account?.stop();
	const previous = session.db;
	localStorage.setItem(ACCOUNT_KEY, userId);
	session.mode = 'account';
	session.profileId = null;
	session.roles = [];
	session.account = null;
	await session.open(databaseNameFor(userId));
	if (previous && previous !== session.db) previous.close();
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

/**
 * Sign out on this device and return to guest mode. With `erase`, the user's database is deleted,
 * but only when nothing in it is waiting to be sent, in flight or refused: checked here, before
 * anything happens (EraseRefused, still signed in) and again right before the deletion, after the
 * engine stopped (another tab may have written meanwhile: EraseRefused, signed out, data kept).
 */
export async function leave(session: Session, options: { erase: boolean }): Promise<void> {
	const account = session.account;
	const db = session.db;
	if (options.erase && account && db) {
		const unsent = await outbox.unsettledCount(db);
		if (unsent > 0) throw new EraseRefused(unsent, false);
	}
	await account?.stop();
	try {
		const auth = await import('$lib/supabase/auth');
		await auth.signOut();
	} catch {
		// Offline or the chunk is unavailable: the local session key is removed below all the same.
	}
	localStorage.removeItem(ACCOUNT_KEY);
	session.account = null;
	session.mode = 'guest';
	session.roles = [...ALL_ROLES];
	await session.open(GUEST_DATABASE);
	if (db && db !== session.db) {
		let unsent = 0;
		if (options.erase) unsent = await outbox.unsettledCount(db);
		db.close();
		if (!options.erase) return;
		if (unsent > 0) throw new EraseRefused(unsent, true);
		await db.delete();
	}
}
