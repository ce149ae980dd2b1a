import { i18n } from '$lib/i18n/i18n.svelte';

// The teacher's growth uses the «Мой рост» words, her lesson protocols the observation words (and
// the mentor part's names of modes and observer roles); loaded after the methodist section's own.
export const load = async ({ parent }: { parent: () => Promise<unknown> }) => {
	await parent();
	await i18n.ensure('growth', 'assessment', 'observation', 'mentor');
};
