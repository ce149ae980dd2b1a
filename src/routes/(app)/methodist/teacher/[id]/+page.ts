import { i18n } from '$lib/i18n/i18n.svelte';

// The teacher's growth uses the «Мой рост» words; loaded after the methodist section's own.
export const load = async ({ parent }: { parent: () => Promise<unknown> }) => {
	await parent();
	await i18n.ensure('growth', 'assessment');
};
