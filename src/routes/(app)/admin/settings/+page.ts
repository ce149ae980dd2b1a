import { i18n } from '$lib/i18n/i18n.svelte';

// The indicators' names and the target fields' words are the school reports' (part 'school'),
// loaded after the admin section's own.
export const load = async ({ parent }: { parent: () => Promise<unknown> }) => {
	await parent();
	await i18n.ensure('school');
};
