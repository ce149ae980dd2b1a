import { i18n } from '$lib/i18n/i18n.svelte';
import type { LayoutLoad } from './$types';

// This section's words are a chunk of their own; load them (in the chosen language, hence after
// the root layout) before the section renders.
export const load: LayoutLoad = async ({ parent, route }) => {
	await parent();
	// 'plan': the link to the approval queue (plan-approval) on every page of the section — on the
	// dashboard fetched with the link once its heading is up (+layout.svelte), not before it.
	if (route.id === '/(app)/methodist') await i18n.ensure('school', 'teacher');
	else await i18n.ensure('school', 'teacher', 'plan');
};
