import { i18n } from '$lib/i18n/i18n.svelte';

// The visit screens are the mentor's (lib/features/observation): their words, the mentor part's
// names of modes and observer roles, and the assessment part for the 0–3 control shared with the
// self-assessment; loaded after the methodist section's. A load of the page, not a +layout.ts:
// every layout is one more node in the router's table, which the first screen downloads.
export const load = async ({ parent }: { parent: () => Promise<unknown> }) => {
	await parent();
	await i18n.ensure('observation', 'assessment', 'mentor');
};
