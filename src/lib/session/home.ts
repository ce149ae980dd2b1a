import type { Pathname } from '$app/types';
import type { Role } from '$lib/domain/membership';

// Imported by the router's reroute hook (src/hooks.ts), which is in every page's entry: values only,
// no imports at run time.

/** The role the user last acted in (localStorage), read before anything else loads. */
export const ROLE_KEY = 'trajectory.role';

/** Where each role starts; navigation is shaped by role, the data boundary is the server's RLS. */
export const ROLE_HOME = {
	teacher: '/teacher',
	mentor: '/mentor',
	school_methodist: '/methodist',
	municipal_methodist: '/municipal',
	admin: '/admin'
} as const satisfies Record<Role, Pathname>;

/** The home of the role last acted in; the teacher's when none was saved (or storage is shut). */
export function savedHome(): (typeof ROLE_HOME)[Role] {
	let saved: string | null = null;
	try {
		saved = localStorage.getItem(ROLE_KEY);
	} catch {
		// Storage blocked (a privacy setting): the default home; the session reports the failure.
	}
	return saved && Object.hasOwn(ROLE_HOME, saved) ? ROLE_HOME[saved as Role] : ROLE_HOME.teacher;
}
