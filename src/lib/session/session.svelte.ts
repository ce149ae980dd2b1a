import type { AppDatabase } from '$lib/db/database';
import { databaseNameFor } from '$lib/db/names';
import { openEarly, readMeta, type EarlyReader } from '$lib/db/early';
import * as meta from '$lib/db/meta';
import { toLocalWriteError, type LocalWriteError } from '$lib/db/errors';
import type { Id } from '$lib/domain/common';
import { ROLES, type Role } from '$lib/domain/membership';
import { ROLE_HOME, ROLE_KEY } from './home';
import { earlyPersonaDb, guestPersona } from './persona';
import { afterPaint } from '$lib/ui/after-paint';
import type { Account } from './account.svelte';

/**
 * What one tab tells the others of this browser profile: someone signed in (the guest tabs follow
 * into the account; the guest work is handed to that person) or signed out (the person's tabs
 * close their database and go to guest mode). The device's current person is ACCOUNT_KEY in
 * localStorage, written before a message is sent; a message only says why to look at it again.
 */
export type DeviceMessage = { kind: 'signed-in'; userId: Id } | { kind: 'signed-out'; userId: Id; erase: boolean };
export const DEVICE_CHANNEL = 'trajectory.device';

/** What another tab did that this tab followed, for the shell to say. */
export type Elsewhere = 'signed-in' | 'signed-out' | 'erased';

// $lib/supabase/config's ACCOUNT_KEY and BACKEND, repeated rather than imported so that a guest's
// first screen loads none of it; a build without the settings folds the account branch away.
const ACCOUNT_KEY = 'trajectory.account';
const BACKEND = !!(import.meta.env.PUBLIC_SUPABASE_URL && import.meta.env.PUBLIC_SUPABASE_ANON_KEY);

export { ROLE_HOME };

/**
 * The guest's database read before the first render: no database yet (reader null), or one read
 * natively — whose it is, and whom she acts as in the role she last used (persona.ts).
 */
interface Prepared {
	reader: EarlyReader | null;
	guestProfileId: Id | null;
	role: Role;
	persona: Id | null;
}

/** The role last acted in (localStorage); the teacher's when none was saved or storage is shut. */
function savedRole(): Role {
	let saved: string | null = null;
	try {
		saved = localStorage.getItem(ROLE_KEY);
	} catch {
		// Storage blocked (a privacy setting): the default role; opening the database reports it.
	}
	return saved && (ROLES as readonly string[]).includes(saved) ? (saved as Role) : 'teacher';
}

/**
 * The role whose home `routeId` is: opening a role's home acts in that role (its RoleGate switches
 * to it), so the first screen is read as that role's person from the start.
 */
function homeRole(routeId: string | null): Role | null {
	return (ROLES.find((role) => `/(app)${ROLE_HOME[role]}` === routeId) as Role | undefined) ?? null;
}

/** Null when Dexie must open the database first (a schema upgrade due, storage unusable). */
async function prepareGuest(role: Role): Promise<Prepared | null> {
	const early = await openEarly(databaseNameFor(null));
	if (early.kind === 'absent') return { reader: null, guestProfileId: null, role, persona: null };
	if (early.kind !== 'open') return null;
	try {
		const guestProfileId = await readMeta<Id>(early.reader, meta.GUEST_PROFILE);
		// A methodist's dashboard paints from the reader too: it needs to know whose it is.
		const persona = await guestPersona(earlyPersonaDb(early.reader), guestProfileId, role);
		return { reader: early.reader, guestProfileId, role, persona };
	} catch {
		early.reader.close();
		return null;
	}
}

/**
 * The current user, their database and the role they are acting in. Started explicitly from the
 * root layout (never on import). In guest mode there is no account: one local database, and every
 * role can be tried, so a newcomer can look at every screen with the demo school. Signed in
 * (account.svelte.ts, loaded only then), the user's own database, profile and roles.
 */
export class Session {
	db = $state.raw<AppDatabase | null>(null);
	/**
	 * Guest mode, the moments before Dexie has loaded: the database read natively (db/early.ts), so
	 * the teacher's home paints without waiting for Dexie. Null when the database had to be opened by
	 * Dexie first (a schema upgrade due) or is opened already.
	 */
	reader = $state.raw<EarlyReader | null>(null);
	/**
	 * The shell painted before Dexie opened the database (guest mode, a current schema or no
	 * database yet): only screens that read through `reader` render until `db` is set.
	 */
	early = $state(false);
	/**
	 * The first screen's content is up (a home says so once its heading is in the page): what only
	 * follows it — a section's side links and their words — is fetched then, not before.
	 */
	shown = $state(false);
	mode = $state<'guest' | 'account'>('guest');
	/** Signed in: the user's account (their id, sync); null in guest mode. */
	account = $state.raw<Account | null>(null);
	profileId = $state<Id | null>(null);
	roles = $state<Role[]>([...ROLES]);
	role = $state<Role>('teacher');
	online = $state(true);
	/** A storage failure that makes the app unusable (private mode, blocked IndexedDB). */
	fatal = $state<LocalWriteError | null>(null);
	ready = $state(false);
	/** Another tab signed in or out and this one followed; `n` tells one such event from the next. */
	elsewhere = $state<{ what: Elsewhere; n: number } | null>(null);
	/**
	 * Bumped when this tab's database was switched by another tab's sign-in or sign-out: the shell
	 * remakes the screen, so no form goes on holding (and autosaving to) the previous database.
	 */
	generation = $state(0);
	#channel: BroadcastChannel | null = null;
	#following: Promise<void> = Promise.resolve();
	/** Guest mode: the profile the guest plays as a teacher; in other roles she acts as their holder (persona.ts). */
	#guestProfileId: Id | null = null;
	/** The database Dexie opens once the first screen is up (attach()). */
	#pending: string | null = null;
	#opened: Promise<void> | null = null;
	#waiting: ((db: AppDatabase | null) => void)[] = [];

	actor = $derived({ profileId: this.profileId });

	/**
	 * The guest's database as the root layout's load found it (Session.prepare): read natively,
	 * before the first render, in parallel with the route's modules.
	 */
	static #prepared: Promise<Prepared | null> | null = null;

	/**
	 * Called by the root layout's load: open the guest database natively and read whose it is, so
	 * the first render is already the home (start() adopts it synchronously). Once per page load;
	 * signed in, the account's database is Dexie's from the start.
	 */
	static prepare(routeId: string | null = null): Promise<Prepared | null> {
		if (Session.#prepared) return Session.#prepared;
		const signedIn = BACKEND && localStorage.getItem(ACCOUNT_KEY);
		// A guest may act in every role; signed in, her roles decide (RoleGate, once they are known).
		Session.#homeRole = signedIn ? null : homeRole(routeId);
		Session.#prepared = (signedIn ? Promise.resolve(null) : prepareGuest(Session.#homeRole ?? savedRole())).then(
			(found) => {
				Session.#settled = found;
				return found;
			}
		);
		return Session.#prepared;
	}

	/** What prepare() found, once it has answered: start() reads it without waiting a microtask. */
	static #settled: Prepared | null = null;

	/** The role whose home the page load opened (prepare()), if it opened one. */
	static #homeRole: Role | null = null;

	/**
	 * The early reader and the guest's profile while Dexie has not opened the database yet: for a
	 * page's load to read its first screen before the first render (the teacher's home). Null once
	 * the reader has been let go.
	 */
	static async earlyGuest(): Promise<{
		reader: EarlyReader;
		profileId: Id | null;
		/** Whom she acts as in `role`, the role she last used. */
		role: Role;
		persona: Id | null;
	} | null> {
		const prepared = await (Session.#prepared ?? Promise.resolve(null));
		if (!prepared?.reader || prepared.reader.closed) return null;
		return {
			reader: prepared.reader,
			profileId: prepared.guestProfileId,
			role: prepared.role,
			persona: prepared.persona
		};
	}

	/**
	 * Start the session. Called from the root layout's script, before its first render: with the
	 * guest's database prepared (above), the session is ready at once — the first render is the
	 * screen, not a splash.
	 */
	async start(): Promise<void> {
		this.online = navigator.onLine;
		addEventListener('online', () => (this.online = true));
		addEventListener('offline', () => (this.online = false));
		this.role = Session.#homeRole ?? savedRole();
		// Opened on another role's home, the guest acts in that role from the first render — as its
		// RoleGate would have her a moment later — and `/` opens that home next time.
		if (Session.#homeRole && Session.#homeRole !== savedRole()) {
			try {
				localStorage.setItem(ROLE_KEY, Session.#homeRole);
			} catch {
				// Storage blocked: opening the database reports it.
			}
		}
		const userId = BACKEND ? localStorage.getItem(ACCOUNT_KEY) : null;
		// Without a backend nobody signs in or out, and no other tab can change this one's database.
		if (BACKEND) this.listen();
		const prepared = userId ? null : Session.#settled;
		Session.#settled = null;
		if (prepared) {
			this.#adopt(prepared);
			this.ready = true;
			return;
		}
		try {
			if (userId) await (await import('./account.svelte')).enter(this, userId);
			else await this.#startGuest();
		} finally {
			this.ready = true;
		}
	}

	/**
	 * Take what prepare() read: paint now, Dexie after the first screen (attach()). Whom she acts
	 * as was read for the role start() chose (the home opened, else the one saved).
	 */
	#adopt(prepared: Prepared): void {
		this.#guestProfileId = prepared.guestProfileId;
		this.reader = prepared.reader;
		this.profileId = prepared.role === this.role ? prepared.persona : null;
		this.early = true;
		this.#pending = databaseNameFor(null);
	}

	/**
	 * A guest's device without prepare() (tests; a load that did not run it): when the database
	 * can be read natively (or there is none yet), the shell paints now and Dexie opens after it;
	 * when a schema upgrade is due, Dexie first.
	 */
	async #startGuest(): Promise<void> {
		const prepared = await prepareGuest(this.role);
		if (!prepared) return this.open(databaseNameFor(null));
		this.#adopt(prepared);
	}

	/**
	 * Open the database with Dexie if the first screen was painted without it. Called by the root
	 * layout once that screen is up, and by anything that needs the database sooner (database()).
	 */
	attach(): Promise<void> {
		const name = this.#pending;
		if (!name) return this.#opened ?? Promise.resolve();
		this.#pending = null;
		this.#opened = this.open(name).finally(() => this.reader?.close());
		return this.#opened;
	}

	/** attach() once the screen just rendered has been painted (the next frame, or soon in a hidden tab). */
	attachAfterPaint(): void {
		if (!this.#pending) {
			this.shown = true;
			return;
		}
		afterPaint(() => {
			this.shown = true;
			void this.attach();
		});
	}

	/** The open database, waiting for Dexie if the first screen was painted without it. */
	async database(): Promise<AppDatabase | null> {
		if (this.db) return this.db;
		if (this.#pending || this.#opened) await this.attach();
		if (this.db || this.fatal) return this.db;
		return new Promise((resolve) => this.#waiting.push(resolve));
	}

	async open(name: string): Promise<void> {
		const { AppDatabase } = await import('$lib/db/database');
		const db = new AppDatabase(name);
		let opening = true;
		// Another tab is deleting or taking over this database (a sign-out or sign-in there): the
		// database closes for good (AppDatabase), and this tab looks again at who is signed in. That
		// may happen while this tab is still opening it (it heard of a sign-out with erase and opens
		// the guest database as the other tab deletes it): the follow then opens it again.
		let superseded = false;
		db.on('versionchange', () => {
			if (!this.#channel || (this.db !== db && !opening)) return;
			superseded = true;
			void this.follow(null);
		});
		try {
			await db.open();
			const guestId = await meta.get<Id>(db, meta.GUEST_PROFILE);
			// Who acts is settled before the screens see the database: in a methodist's or an
			// administrator's role never the teacher's id, not even for a moment (a screen shown then
			// would write in her name).
			const role = this.role;
			const actor = this.mode === 'guest' ? await this.#personaFor(db, guestId, role) : guestId;
			this.#guestProfileId = guestId;
			this.db = db;
			this.profileId = actor;
			this.fatal = null;
			// The role changed while the persona was looked up.
			if (this.role !== role) await this.#actAsRole();
		} catch (error) {
			// Not a storage failure: the follow queued above opens the database again.
			if (!superseded) this.fatal = toLocalWriteError(error);
		} finally {
			opening = false;
			if (this.db || this.fatal) for (const resolve of this.#waiting.splice(0)) resolve(this.db);
		}
	}

	/** The profile the guest acts as (set when they fill the profile or load the demo school). */
	async setProfile(id: Id): Promise<void> {
		if (!this.db) return;
		await meta.set(this.db, meta.GUEST_PROFILE, id);
		this.#guestProfileId = id;
		// In a methodist's role she acts as its holder: looked up before anything changes, so the
		// role's screens never run, not even for a moment, with the teacher's id she just took.
		await this.#actAsRole();
	}

	/** Bumped by each setRole: a lookup answered after a later switch must not apply. */
	#roleRequest = 0;

	/**
	 * Act in `role`. A guest's person in it (persona.ts) is found first and the two change together:
	 * a screen of the new role never runs, not even for a moment, as the person of the old one
	 * (RoleGate shows a section once the role is its own).
	 */
	async setRole(role: Role): Promise<void> {
		if (!this.roles.includes(role)) return;
		localStorage.setItem(ROLE_KEY, role);
		const request = ++this.#roleRequest;
		const acting = await this.#actingIn(role);
		if (request !== this.#roleRequest) return;
		this.role = role;
		if (acting !== undefined) this.profileId = acting;
	}

	/**
	 * A guest writes in a role as the person who holds it: as the school's methodist she signs
	 * with the methodist's name, never the teacher's she plays elsewhere. Signed in, the person is
	 * always the account's own profile.
	 */
	async #actAsRole(): Promise<void> {
		const role = this.role;
		const db = this.db;
		const acting = await this.#actingIn(role);
		if (acting !== undefined && this.role === role && this.db === db) this.profileId = acting;
	}

	/**
	 * Whom the guest acts as in `role`, from the database as it is now: through Dexie once it is
	 * open, before that through the early reader (an early first screen), else nobody yet — open()
	 * looks again. Undefined when signed in: the account's own profile, unchanged.
	 */
	async #actingIn(role: Role): Promise<Id | null | undefined> {
		if (this.mode !== 'guest') return undefined;
		if (role === 'teacher' || role === 'mentor') return this.#guestProfileId;
		const db = this.db;
		if (db) return this.#personaFor(db, this.#guestProfileId, role);
		const reader = this.reader;
		if (!reader || reader.closed) return null;
		return guestPersona(earlyPersonaDb(reader), this.#guestProfileId, role).catch(() => null);
	}

	/** Whom a guest acts as in `role` on `db` (persona.ts): herself as a teacher or a mentor. */
	async #personaFor(db: AppDatabase, guestId: Id | null, role: Role): Promise<Id | null> {
		if (role === 'teacher' || role === 'mentor') return guestId;
		// Called from inside a write's transaction too (a profile saved with the guest's id): the
		// lookup must not hold that transaction open on a module import.
		return db.outsideTransaction(() => guestPersona(db, guestId, role).catch(() => null));
	}

	get home(): (typeof ROLE_HOME)[Role] {
		return ROLE_HOME[this.role];
	}

	/** Follow sign-ins and sign-outs made in the other tabs of this browser profile. */
	listen(): void {
		if (this.#channel || typeof BroadcastChannel === 'undefined') return;
		this.#channel = new BroadcastChannel(DEVICE_CHANNEL);
		this.#channel.onmessage = (event: MessageEvent<DeviceMessage>) => void this.follow(event.data);
		// A page kept in the back/forward cache heard nothing while it was away.
		addEventListener('pageshow', (event) => {
			if (event.persisted && this.#channel) void this.follow(null);
		});
	}

	/** Tell the other tabs (a BroadcastChannel never delivers to its sender). */
	announce(message: DeviceMessage): void {
		this.#channel?.postMessage(message);
	}

	/** Bring this tab to the device's current person (account.svelte.ts); one change at a time. */
	follow(message: DeviceMessage | null): Promise<void> {
		this.#following = this.#following
			.then(async () => (await import('./account.svelte')).follow(this, message))
			.catch(() => undefined);
		return this.#following;
	}

	/** Stop following the other tabs (tests, and a session that is thrown away). */
	unlisten(): void {
		this.#channel?.close();
		this.#channel = null;
	}
}
