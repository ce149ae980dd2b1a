import { i18n } from '$lib/i18n/i18n.svelte';
import { Session } from '$lib/session/session.svelte';
import type { LayoutLoad } from './$types';

// A single-page app: everything renders in the browser, from IndexedDB, online or not.
export const ssr = false;
export const prerender = false;
export const trailingSlash = 'never';

/** The chosen language is in place before the first screen renders: no flash of Russian. */
export const load: LayoutLoad = async ({ route, untrack }) => {
	// The guest's database opens natively now, while the route's modules are still arriving
	// (db/early.ts), so the first render is the screen itself (Session.start adopts it), read as
	// the person of the role whose home is opened.
	const prepared = Session.prepare(untrack(() => route.id));
	const locale = i18n.saved();
	if (locale !== i18n.locale) await i18n.use(locale);
	// The teacher section's words, which the start URL's screen needs, are fetched alongside the
	// route's modules rather than after them (its layout's load waits for them). Read untracked: this
	// load must not run again on every navigation.
	if (untrack(() => route.id)?.startsWith('/(app)/teacher')) void i18n.ensure('teacher');
	await prepared;
};
