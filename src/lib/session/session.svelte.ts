import { AppDatabase, databaseNameFor } from '$lib/db/database';
import * as meta from '$lib/db/meta';
import { toLocalWriteError, type LocalWriteError } from '$lib/db/errors';
import type { Id } from '$lib/domain/common';
import { ROLES, type Role } from '$lib/domain/membership';

const ROLE_KEY = 'trajectory.role';

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
 * role can be tried, so a newcomer can look at every screen with the demo school.
 */
export class Session {
	db = $state.raw<AppDatabase | null>(null);
	mode = $state<'guest' | 'account'>('guest');
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
		await this.open(databaseNameFor(null));
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
		} finally {
			this.ready = true;
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
