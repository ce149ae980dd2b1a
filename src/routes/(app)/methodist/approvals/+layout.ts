import { i18n } from '$lib/i18n/i18n.svelte';

// The plan's words (approval, action types and statuses), after the methodist section's own.
export const load = async ({ parent }: { parent: () => Promise<unknown> }) => {
	await parent();
	await i18n.ensure('plan');
};
