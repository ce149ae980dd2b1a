import { mount as mountComponent, unmount } from 'svelte';
import type { Session } from '$lib/session/session.svelte';
import { SESSION_KEY } from '$lib/session/context';
import Reminders from './Reminders.svelte';
import type { ReminderRole } from './load';

/** The panel as a root of its own inside `node`, with the home's session as its context. */
export function mount(node: HTMLElement, role: ReminderRole, session: Session): () => void {
	const panel = mountComponent(Reminders, {
		target: node,
		props: { role },
		context: new Map([[SESSION_KEY, session]])
	});
	return () => void unmount(panel);
}
