import { i18n } from '$lib/i18n/i18n.svelte';

// The profile and activities forms' words are a part of their own: the home never shows them.
export const load = async ({ parent }: { parent: () => Promise<unknown> }) => {
	await parent();
	await i18n.ensure('portfolio');
};
