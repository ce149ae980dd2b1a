import * as demo from '$lib/db/demo';
import { DEFAULT_FRAMEWORK } from '$lib/domain/frameworks/default';
import type { Session } from '$lib/session/session.svelte';

/**
 * «Загрузить демонстрационные данные»: the generator is a separate chunk, loaded only when asked
 * for, so it costs the everyday teacher screens nothing.
 */
export async function loadDemoSchool(session: Session): Promise<void> {
	if (!session.db) return;
	const { generateDemoSchool } = await import('$lib/demo/generate');
	const dataset = generateDemoSchool({ framework: DEFAULT_FRAMEWORK, now: new Date().toISOString() });
	await demo.load(session.db, dataset);
	await session.setProfile(dataset.guestProfileId);
}
