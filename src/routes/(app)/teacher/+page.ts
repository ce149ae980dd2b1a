import { Session } from '$lib/session/session.svelte';
import { earlyHomeDb } from '$lib/db/teacher-home';
import { today } from '$lib/session/clock';
import * as home from '$lib/features/teacher/home';
import type { PageLoad } from './$types';

/**
 * A cold start: the guest's home is read natively (db/early.ts) while the rest of the route loads,
 * so the first render already shows it. Afterwards (Dexie open) the page reads it live itself.
 */
export const load: PageLoad = async () => {
	const early = await Session.earlyGuest();
	const first = early?.profileId
		? await home.load(earlyHomeDb(early.reader), early.profileId, today()).catch(() => null)
		: null;
	return { first, firstFor: early?.profileId ?? null };
};
