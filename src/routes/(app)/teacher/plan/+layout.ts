import { i18n } from '$lib/i18n/i18n.svelte';

// This section's words are a chunk of their own, loaded after the teacher section's; a completed
// course becomes an activity from its card, in the portfolio's words.
export const load = async ({ parent }: { parent: () => Promise<unknown> }) => {
	await parent();
	await i18n.ensure('plan', 'portfolio');
};
