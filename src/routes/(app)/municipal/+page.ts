import { Session } from '$lib/session/session.svelte';
import { earlyPersonaDb, guestPersona } from '$lib/session/persona';
import * as overview from '$lib/features/municipality/overview';
import type { PageLoad } from './$types';

/**
 * A cold start in the municipal methodist's role: the municipality the dashboard is headed with is
 * read natively (db/early.ts) while the rest of the route loads, so the first render already shows
 * the heading — as on the teacher's home and the school's dashboard. The figures follow with Dexie.
 */
export const load: PageLoad = async () => {
	const early = await Session.earlyGuest();
	if (!early) return { first: null, firstFor: null };
	const me =
		early.role === 'municipal_methodist'
			? early.persona
			: await guestPersona(earlyPersonaDb(early.reader), early.profileId, 'municipal_methodist').catch(() => null);
	const first = await overview.municipalityOf(overview.earlyMunicipalityDb(early.reader), me).catch(() => null);
	return { first, firstFor: me };
};
