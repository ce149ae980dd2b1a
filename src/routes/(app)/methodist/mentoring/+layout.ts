import { i18n } from '$lib/i18n/i18n.svelte';

// This section's words are a chunk of their own, loaded after its parent section's.
export const load = async ({ parent }: { parent: () => Promise<unknown> }) => {
	await parent();
	await i18n.ensure('pairs', 'mentor');
};
