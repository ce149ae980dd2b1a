import type { Stage } from '$lib/domain/assessment';
import type { Id, IsoDateTime } from '$lib/domain/common';
import type { AppDatabase } from '$lib/db/database';
import * as meta from '$lib/db/meta';
import type { Report } from './report';

/**
 * The last report the server returned, per scope and academic year, kept on the device so a
 * methodist who loses the connection (or meets a failing RPC) still reads the figures, marked with
 * the time they were fetched. Only the report RPCs' answers are kept: aggregates with the k ≥ 5
 * rule already applied by the server, never a teacher's row.
 */

export interface Cached {
	fetchedAt: IsoDateTime;
	payload: Report;
}

/** A report on screen: fresh from the server (fetchedAt null) or the kept copy of that time. */
export interface Loaded {
	report: Report;
	fetchedAt: IsoDateTime | null;
}

export function keyOf(organizationId: Id, academicYear: number, stage: Stage | null): string {
	// The whole-year report keeps its key from before stages existed.
	return `reports.cache.${organizationId}.${academicYear}${stage ? `.${stage}` : ''}`;
}

export async function save(db: AppDatabase, report: Report, fetchedAt: IsoDateTime): Promise<void> {
	// A Svelte proxy or a class instance would not survive the structured clone; the report is data.
	const payload = JSON.parse(JSON.stringify(report)) as Report;
	await meta.set(db, keyOf(report.scope.id, report.academicYear, report.stage ?? null), {
		fetchedAt,
		payload
	} satisfies Cached);
}

export async function read(
	db: AppDatabase,
	organizationId: Id,
	academicYear: number,
	stage: Stage | null
): Promise<Cached | null> {
	const entry = await meta.get<Cached>(db, keyOf(organizationId, academicYear, stage));
	// A kept value of another shape (an older version of the app) is as good as none; one kept
	// before stages existed is the whole-year (итоговая) report.
	if (
		!entry ||
		typeof entry.fetchedAt !== 'string' ||
		entry.payload?.scope?.id !== organizationId ||
		entry.payload.academicYear !== academicYear
	)
		return null;
	if ((entry.payload.stage ?? null) !== stage) return null;
	return entry;
}

/**
 * The scope's report: fetched (and kept) when `fetch` is given — null means offline — else, or
 * when the fetch fails, the last kept copy. Null when there is neither; the fetch's error is
 * swallowed then too, as the caller falls back to what the device computes.
 */
export async function latest(
	db: AppDatabase,
	organizationId: Id,
	academicYear: number,
	stage: Stage | null,
	fetch: (() => Promise<Report>) | null,
	now: () => IsoDateTime
): Promise<Loaded | null> {
	if (fetch) {
		try {
			const report = await fetch();
			await save(db, report, now());
			return { report, fetchedAt: null };
		} catch {
			// Fall through to the kept copy.
		}
	}
	const kept = await read(db, organizationId, academicYear, stage);
	return kept ? { report: kept.payload, fetchedAt: kept.fetchedAt } : null;
}
