import { afterEach, describe, expect, it } from 'vitest';
import { freshDatabase } from '$lib/db/testing/fresh';
import type { AppDatabase } from '$lib/db/database';
import * as meta from '$lib/db/meta';
import { DEFAULT_FRAMEWORK } from '$lib/domain/frameworks/default';
import type { StaffProfileBlock } from '$lib/domain/staff-profile';
import type { CompetenceBlock } from '$lib/domain/competence-report';
import * as cache from './cache';
import type { Report } from './report';

const MUNICIPALITY = 'm-1';
const FETCHED = '2026-11-22T09:30:00.000Z';
const LATER = '2026-11-23T14:05:00.000Z';
const dbs: AppDatabase[] = [];
afterEach(() => {
	for (const db of dbs.splice(0)) db.close();
});

function db(): AppDatabase {
	const fresh = freshDatabase('reports-cache');
	dbs.push(fresh);
	return fresh;
}

function buildReport(overrides: Partial<Report> = {}): Report {
	const staff = {
		teachers: 28,
		suppressed: false,
		age: null,
		experience: null,
		education: null,
		category: null
	} as StaffProfileBlock;
	const competence = { teachers: 28, suppressed: false } as unknown as CompetenceBlock;
	return {
		scope: {
			id: MUNICIPALITY,
			kind: 'municipality',
			name: 'Сокольский муниципальный округ',
			shortName: 'Сокольский МО',
			lowResults: false,
			adverseConditions: false,
			program500: false
		},
		academicYear: 2026,
		stage: null,
		access: 'municipal',
		teachers: 28,
		indicators: [
			{
				code: 'PD_ANY',
				numerator: 9,
				denominator: 28,
				value: 9 / 28,
				noData: 0,
				target: 0.3,
				previous: null,
				suppressed: false
			}
		],
		staff,
		competence,
		framework: DEFAULT_FRAMEWORK,
		schools: [],
		...overrides
	};
}

describe('the kept copy of the last remote report', () => {
	it('is kept per scope and year under reports.cache.<org>.<year> with the time it was fetched', async () => {
		const d = db();
		await cache.save(d, buildReport(), FETCHED);
		expect(cache.keyOf(MUNICIPALITY, 2026, null)).toBe('reports.cache.m-1.2026');
		const kept = await cache.read(d, MUNICIPALITY, 2026, null);
		expect(kept?.fetchedAt).toBe(FETCHED);
		expect(kept?.payload).toEqual(buildReport());
		expect(await cache.read(d, MUNICIPALITY, 2025, null)).toBeNull();
		expect(await cache.read(d, 'm-2', 2026, null)).toBeNull();
	});

	it('keeps each stage apart, the whole-year report under the key it had before stages', async () => {
		const d = db();
		await cache.save(d, buildReport({ teachers: 28 }), FETCHED);
		await cache.save(d, buildReport({ stage: 'intermediate', teachers: 27 }), LATER);
		expect(cache.keyOf(MUNICIPALITY, 2026, 'intermediate')).toBe('reports.cache.m-1.2026.intermediate');
		expect((await cache.read(d, MUNICIPALITY, 2026, null))?.payload.teachers).toBe(28);
		expect((await cache.read(d, MUNICIPALITY, 2026, 'intermediate'))?.payload.teachers).toBe(27);
		expect(await cache.read(d, MUNICIPALITY, 2026, 'entry')).toBeNull();
		// A copy kept before stages existed has no stage: it is the whole-year report.
		const older: Partial<Report> = buildReport({ teachers: 26, academicYear: 2025 });
		delete older.stage;
		await meta.set(d, cache.keyOf(MUNICIPALITY, 2025, null), { fetchedAt: FETCHED, payload: older });
		expect((await cache.read(d, MUNICIPALITY, 2025, null))?.payload.teachers).toBe(26);
	});

	it('ignores a kept value of another shape', async () => {
		const d = db();
		await meta.set(d, cache.keyOf(MUNICIPALITY, 2026, null), { figures: [1, 2, 3] });
		expect(await cache.read(d, MUNICIPALITY, 2026, null)).toBeNull();
	});

	it('returns a fresh fetch and keeps it for later', async () => {
		const d = db();
		const report = buildReport();
		const loaded = await cache.latest(
			d,
			MUNICIPALITY,
			2026,
			null,
			async () => report,
			() => FETCHED
		);
		expect(loaded).toEqual({ report, fetchedAt: null });
		expect((await cache.read(d, MUNICIPALITY, 2026, null))?.fetchedAt).toBe(FETCHED);
	});

	it('shows the last kept figures with their time when offline', async () => {
		const d = db();
		await cache.save(d, buildReport(), FETCHED);
		const loaded = await cache.latest(d, MUNICIPALITY, 2026, null, null, () => LATER);
		expect(loaded?.fetchedAt).toBe(FETCHED);
		expect(loaded?.report.indicators[0]?.numerator).toBe(9);
	});

	it('shows the last kept figures when the RPC fails, and keeps them unchanged', async () => {
		const d = db();
		await cache.save(d, buildReport(), FETCHED);
		const loaded = await cache.latest(
			d,
			MUNICIPALITY,
			2026,
			null,
			() => Promise.reject(new Error('fetch failed')),
			() => LATER
		);
		expect(loaded?.fetchedAt).toBe(FETCHED);
		expect((await cache.read(d, MUNICIPALITY, 2026, null))?.fetchedAt).toBe(FETCHED);
	});

	it('replaces the kept copy with a newer answer', async () => {
		const d = db();
		await cache.save(d, buildReport(), FETCHED);
		await cache.latest(
			d,
			MUNICIPALITY,
			2026,
			null,
			async () => buildReport({ teachers: 30 }),
			() => LATER
		);
		const kept = await cache.read(d, MUNICIPALITY, 2026, null);
		expect(kept).toMatchObject({ fetchedAt: LATER, payload: { teachers: 30 } });
	});

	it('gives nothing when offline with nothing kept, or when the RPC fails the first time', async () => {
		const d = db();
		expect(await cache.latest(d, MUNICIPALITY, 2026, null, null, () => LATER)).toBeNull();
		expect(
			await cache.latest(
				d,
				MUNICIPALITY,
				2026,
				null,
				() => Promise.reject(new Error('42501')),
				() => LATER
			)
		).toBeNull();
	});
});
