import type { Session } from '$lib/session/session.svelte';

/**
 * «Загрузить демонстрационные данные»: the generator, the framework text and the loader are
 * separate chunks, fetched only when asked for, so they cost the everyday screens nothing.
 */
export async function loadDemoSchool(session: Session): Promise<void> {
	// A tap in the first moments after a cold start may come before Dexie has opened the database.
	const [db, { generateDemoSchool }, { DEFAULT_FRAMEWORK }, demo] = await Promise.all([
		session.database(),
		import('$lib/demo/generate'),
		import('$lib/domain/frameworks/default'),
		import('$lib/db/demo')
	]);
	if (!db) return;
	const dataset = generateDemoSchool({ framework: DEFAULT_FRAMEWORK, now: new Date().toISOString() });
	await demo.load(db, dataset);
	await session.setProfile(dataset.guestProfileId);
}
