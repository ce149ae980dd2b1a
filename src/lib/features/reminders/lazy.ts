import type { Session } from '$lib/session/session.svelte';
import type { ReminderRole } from './load';

/**
 * The home screens' door to the reminders panel. It imports nothing at run time, so a home's own
 * chunk names only this module in its preload list, not the panel's two dozen dependencies: each
 * name there, and each line of the home that handles the panel, is first-load bytes (npm run size).
 * A home attaches it to an empty element of its own (`{@attach}`) once its content is up.
 */
export function attach(node: HTMLElement, role: ReminderRole, session: Session): () => void {
	let stop: (() => void) | null = null;
	let gone = false;
	void import('./mount').then((m) => {
		if (!gone) stop = m.mount(node, role, session);
	});
	return () => {
		gone = true;
		stop?.();
	};
}
