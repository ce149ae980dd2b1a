import { t } from '$lib/i18n/i18n.svelte';

/**
 * Whether the online-only parts can reach the server: not in guest mode (no backend, or nobody
 * signed in), and not while the device is offline.
 */
export type ServerState = 'guest' | 'offline' | 'online';

export function serverState(session: { mode: 'guest' | 'account'; online: boolean }): ServerState {
	if (session.mode === 'guest') return 'guest';
	return session.online ? 'online' : 'offline';
}

/** The Russian sentence for a failed call (supabase/admin.ts AdminCallError), by its problem. */
export function problemText(error: unknown): string {
	const problem = (error as { problem?: unknown } | null)?.problem;
	switch (problem) {
		case 'forbidden':
			return t('adminPeople.problem.forbidden');
		case 'rejected':
			return t('adminPeople.problem.rejected');
		case 'rate_limited':
			return t('adminPeople.problem.rate_limited');
		default:
			return t('adminPeople.problem.offline');
	}
}
