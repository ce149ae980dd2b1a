import type { Session } from '$lib/session/session.svelte';

/**
 * «Загрузить демонстрационные данные»: the generator, the framework text and the loader are
 * separate chunks, fetched only when asked for, so they cost the everyday screens nothing.
 */
export async function loadDemoSchool(session: Session): Promise<void> {
	if (!session.db) return;
	const [{ generateDemoSchool }, { DEFAULT_FRAMEWORK }, demo] = await Promise.all([
		import('$lib/demo/generate'),
		import('$lib/domain/frameworks/default'),
		import('$lib/db/demo')
	]);
	const dataset = generateDemoSchool({ framework: DEFAULT_FRAMEWORK, now: new Date().toISOString() });
	await demo.load(session.db, dataset);
	await session.setProfile(dataset.guestProfileId);
}
