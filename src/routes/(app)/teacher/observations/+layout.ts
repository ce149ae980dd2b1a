import { i18n } from '$lib/i18n/i18n.svelte';

// This section's words are a chunk of their own, loaded after its parent section's. The
// assessment part too: the 0–3 control shared with the self-assessment speaks its words.
export const load = async ({ parent }: { parent: () => Promise<unknown> }) => {
	await parent();
	await i18n.ensure('observation', 'assessment', 'mentor');
};
