import { i18n } from '$lib/i18n/i18n.svelte';

// This section's words are a chunk of their own; load them (in the chosen language, hence after
// the root layout) before the section renders.
export const load = async ({ parent }: { parent: () => Promise<unknown> }) => {
	await parent();
	// 'plan': the link to the approval queue (plan-approval) on every page of the section.
	await i18n.ensure('school', 'teacher', 'plan');
};
