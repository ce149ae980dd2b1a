import { i18n } from '$lib/i18n/i18n.svelte';

// Sign-in's words are a chunk of their own; load them (in the chosen language, hence after the
// root layout) before the page renders.
export const load = async ({ parent }: { parent: () => Promise<unknown> }) => {
	await parent();
	await i18n.ensure('account');
};
