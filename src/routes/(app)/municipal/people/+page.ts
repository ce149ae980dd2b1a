import { i18n } from '$lib/i18n/i18n.svelte';

// The invitation screen's words, loaded after the municipal section's own.
export const load = async ({ parent }: { parent: () => Promise<unknown> }) => {
	await parent();
	await i18n.ensure('admin');
};
