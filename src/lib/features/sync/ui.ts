import { i18n } from '$lib/i18n/i18n.svelte';

// The sync status parts of the shell: one chunk, loaded in account mode only.
export { default as SyncChip } from './SyncChip.svelte';
export { default as FirstSync } from './FirstSync.svelte';

/** Their words, loaded before they render. */
export function ready(): Promise<void> {
	return i18n.ensure('account');
}
