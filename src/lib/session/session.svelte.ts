import { AppDatabase, databaseNameFor } from '$lib/db/database';
import * as meta from '$lib/db/meta';
import { toLocalWriteError, type LocalWriteError } from '$lib/db/errors';
import type { Id } from '$lib/domain/common';
import { ROLES, type Role } from '$lib/domain/membership';
import type { Account } from './account.svelte';

const ROLE_KEY = 'trajectory.role';
// $lib/supabase/config's ACCOUNT_KEY and BACKEND, repeated rather than imported so that a guest's
// first screen loads none of it; a build without the settings folds the account branch away.
const ACCOUNT_KEY = 'trajectory.account';
const BACKEND = !!(import.meta.env.PUBLIC_SUPABASE_URL && import.meta.env.PUBLIC_SUPABASE_ANON_KEY);

/** Where each role starts; navigation is shaped by role, the data boundary is the server's RLS. */
export const ROLE_HOME: Record<Role, string> = {
	teacher: '/teacher',
	mentor: '/mentor',
	school_methodist: '/methodist',
	municipal_methodist: '/municipal',
	admin: '/admin'
};

/**
 * The current user, their database and the role they are acting in. Started explicitly from the
 * root layout (never on import). In guest mode there is no account: one local database, and every
 * role can be tried, so a newcomer can look at every screen with the demo school. Signed in
 * (account.svelte.ts, loaded only then), the user's own database, profile and roles.
 */
export class Session {
	db = $state.raw<AppDatabase | null>(null);
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

	actor = $derived({ profileId: this.profileId });

	async start(): Promise<void> {
		this.online = navigator.onLine;
		addEventListener('online', () => (this.online = true));
		addEventListener('offline', () => (this.online = false));
		const saved = localStorage.getItem(ROLE_KEY);
		if (saved && (ROLES as readonly string[]).includes(saved)) this.role = saved as Role;
		const userId = BACKEND ? localStorage.getItem(ACCOUNT_KEY) : null;
		try {
			if (userId) await (await import('./account.svelte')).enter(this, userId);
			else await this.open(databaseNameFor(null));
		} finally {
			this.ready = true;
		}
	}

	async open(name: string): Promise<void> {
		const db = new AppDatabase(name);
		try {
			await db.open();
			this.db = db;
			this.profileId = await meta.get<Id>(db, meta.GUEST_PROFILE);
			this.fatal = null;
		} catch (error) {
			this.fatal = toLocalWriteError(error);
		}
	}

	/** The profile the guest acts as (set when they fill the profile or load the demo school). */
	async setProfile(id: Id): Promise<void> {
		if (!this.db) return;
		await meta.set(this.db, meta.GUEST_PROFILE, id);
		this.profileId = id;
	}

	setRole(role: Role): void {
		if (!this.roles.includes(role)) return;
		this.role = role;
		localStorage.setItem(ROLE_KEY, role);
	}

	get home(): string {
		return ROLE_HOME[this.role];
	}
}
