import { getContext, setContext } from 'svelte';
import type { Session } from './session.svelte';

/** Exported for component tests, which pass the context in directly. */
export const SESSION_KEY = Symbol('session');

export function provideSession(session: Session): Session {
	return setContext(SESSION_KEY, session);
}

export function useSession(): Session {
	const session = getContext<Session | undefined>(SESSION_KEY);
	if (!session) throw new Error('useSession() outside the app layout');
	return session;
}
