import { i18n } from '$lib/i18n/i18n.svelte';

// This section's words are a chunk of their own; load them before the section renders.
export const load = () => i18n.ensure('mentor');
