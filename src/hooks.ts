import type { Reroute } from '@sveltejs/kit';
import { savedHome } from '$lib/session/home';

/**
 * The start URL `/` renders the home of the role last acted in directly, with no redirect: a
 * redirect is a second round of module requests, after the first screen's, on a cheap phone's
 * cold start. The address stays `/`.
 */
export const reroute: Reroute = ({ url }) => {
	if (url.pathname === '/' && typeof localStorage !== 'undefined') return savedHome();
};
