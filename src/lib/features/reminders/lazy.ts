/**
 * The home screens' door to the reminders panel. It imports nothing statically, so the home's
 * own chunk names only this module in its preload list, not the panel's two dozen dependencies:
 * each name there is first-load bytes (npm run size).
 */
export const panel = () => import('./Reminders.svelte');
