import { Session } from '$lib/session/session.svelte';
import { earlyOverviewDb } from '$lib/db/school-overview';
import { earlyPersonaDb, guestPersona } from '$lib/session/persona';
import { today } from '$lib/session/clock';
import * as overview from '$lib/features/school/overview';
import type { PageLoad } from './$types';

/**
 * A cold start in the school methodist's role: the dashboard's overview is read natively (db/early.ts)
 * while the rest of the route loads, so the first render already shows it — as the teacher's home
 * does. Afterwards (Dexie open) the page reads it live itself.
 */
export const load: PageLoad = async () => {
	const early = await Session.earlyGuest();
	if (!early?.profileId) return { first: null, firstFor: null };
	const me =
		early.role === 'school_methodist'
			? early.persona
			: await guestPersona(earlyPersonaDb(early.reader), early.profileId, 'school_methodist').catch(() => null);
	const first = me ? await overview.loadFor(earlyOverviewDb(early.reader), me, today()).catch(() => null) : null;
	return { first, firstFor: me };
};
