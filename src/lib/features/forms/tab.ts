import { newId } from '$lib/db/ids';

/** This page among the tabs of one browser: which tab wrote a draft. New on every load. */
export const TAB = newId();

/**
 * Typed values a draft could not write to the device (full disk), by database and draft key:
 * the last resort that needs no disk. They live as long as the page, so leaving a form and
 * coming back still finds them; closing the app loses them, and the app says so.
 */
export const unsavedDrafts = new Map<string, unknown>();

/** Drop what a person typed into this page's memory, e.g. when they erase their data in another tab. */
export function forgetUnsaved(databaseName: string): void {
	for (const key of [...unsavedDrafts.keys()]) if (key.startsWith(`${databaseName}/`)) unsavedDrafts.delete(key);
}

/**
 * Call `fn` when the page is being hidden or unloaded (tab switched, app sent to the background,
 * tab closed): the last moment to write what was typed. Returns the unsubscribe.
 */
export function onPageHide(fn: () => void): () => void {
	if (typeof window === 'undefined') return () => {};
	const hidden = () => {
		if (document.visibilityState === 'hidden') fn();
	};
	window.addEventListener('pagehide', fn);
	document.addEventListener('visibilitychange', hidden);
	return () => {
		window.removeEventListener('pagehide', fn);
		document.removeEventListener('visibilitychange', hidden);
	};
}
