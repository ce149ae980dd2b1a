import type { Id } from '$lib/domain/common';
import { academicYearOf } from '$lib/domain/academic-year';
import { versionFor, type Framework } from '$lib/domain/framework';
import { today } from '$lib/session/clock';
import { DEFAULT_FRAMEWORK_CODE, DEFAULT_FRAMEWORK_ID } from '$lib/domain/frameworks/default-id';
import type { AppDatabase } from './database';

/** The framework that ships with the app, loaded on demand: its text is not needed to paint a screen. */
async function builtIn(): Promise<Framework> {
	return (await import('$lib/domain/frameworks/default')).DEFAULT_FRAMEWORK;
}

/**
 * The framework an assessment was taken against, or the default one. Reference data arrives from
 * the server (or ships with the app), so it is written without an outbox entry.
 */
export async function get(db: AppDatabase, id: Id = DEFAULT_FRAMEWORK_ID): Promise<Framework> {
	const row = await db.frameworks.get(id);
	if (row) return row;
	// A framework not on this device yet (its rows arrive with the next pull) falls back to the
	// built-in one so screens still render; scoring ignores indicator ids it does not know.
	return builtIn();
}

/**
 * The version of the default framework a new assessment of academic year `year` (by default the
 * current one on the device's calendar) is taken against: the highest published revision that
 * applies from that year or earlier (framework.ts versionFor). A draft never is.
 */
export async function current(db: AppDatabase, year: number = academicYearOf(today())): Promise<Framework> {
	const all = await db.frameworks.where('code').equals(DEFAULT_FRAMEWORK_CODE).toArray();
	return versionFor(all, DEFAULT_FRAMEWORK_CODE, year) ?? builtIn();
}

/** Every version of every framework on this device, drafts included (the administrator's list). */
export async function listAll(db: AppDatabase): Promise<Framework[]> {
	const all = (await db.frameworks.toArray()).filter((f) => !f.deletedAt);
	return all.sort((a, b) => a.code.localeCompare(b.code) || b.revision - a.revision);
}
