import { describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { DEFAULT_REGION_SETTINGS } from '$lib/domain/region-settings';
import * as regionSettings from './region-settings';

const REGION = '00000000-0000-4000-8000-000000000203';

/** supabase-js's query builder, as far as these calls go: records what was asked, answers `answer`. */
function client(answer: { data: unknown; error: unknown } | Error) {
	const calls: unknown[][] = [];
	const builder: Record<string, (...args: unknown[]) => unknown> = {};
	for (const name of ['select', 'eq', 'upsert'])
		builder[name] = (...args) => {
			calls.push([name, ...args]);
			return builder;
		};
	const end = async () => {
		if (answer instanceof Error) throw answer;
		return answer;
	};
	builder.maybeSingle = end;
	builder.single = end;
	const fake = {
		from: (table: string) => {
			calls.push(['from', table]);
			return builder;
		}
	};
	return { client: fake as unknown as SupabaseClient, calls };
}

describe('the region settings on the server', () => {
	it('read a region’s row, numeric strings as numbers, and the defaults when it has none', async () => {
		const row = {
			region_id: REGION,
			growth_threshold: '0.30',
			min_group_size: 7,
			report_years_from: 2024,
			staff_reference: '09-15'
		};
		const { client: withRow, calls } = client({ data: row, error: null });
		expect(await regionSettings.load(withRow, REGION)).toEqual({
			growthThreshold: 0.3,
			minGroupSize: 7,
			reportYearsFrom: 2024,
			staffReference: '09-15'
		});
		expect(calls).toContainEqual(['from', 'region_settings']);
		expect(calls).toContainEqual(['eq', 'region_id', REGION]);
		const { client: empty } = client({ data: null, error: null });
		expect(await regionSettings.load(empty, REGION)).toEqual(DEFAULT_REGION_SETTINGS);
	});

	it('upsert on region_id in the table’s columns', async () => {
		const settings = { growthThreshold: 0.3, minGroupSize: 6, reportYearsFrom: null, staffReference: '01-01' };
		const { client: fake, calls } = client({
			data: {
				region_id: REGION,
				growth_threshold: 0.3,
				min_group_size: 6,
				report_years_from: null,
				staff_reference: '01-01'
			},
			error: null
		});
		expect(await regionSettings.save(fake, REGION, settings)).toEqual(settings);
		expect(calls).toContainEqual([
			'upsert',
			{
				region_id: REGION,
				growth_threshold: 0.3,
				min_group_size: 6,
				report_years_from: null,
				staff_reference: '01-01'
			},
			{ onConflict: 'region_id' }
		]);
	});

	it('tell a refusal by RLS, a failed check and a lost connection apart', async () => {
		const settings = DEFAULT_REGION_SETTINGS;
		const reason = (answer: Parameters<typeof client>[0]) =>
			regionSettings.save(client(answer).client, REGION, settings).then(
				() => null,
				(e: regionSettings.RegionSettingsError) => e.reason
			);
		expect(
			await reason({ data: null, error: { code: '42501', message: 'new row violates row-level security policy' } })
		).toBe('forbidden');
		expect(
			await reason({ data: null, error: { code: '23514', message: 'region_settings_min_group_size_floor' } })
		).toBe('rejected');
		expect(await reason({ data: null, error: { message: 'TypeError: Failed to fetch' } })).toBe('offline');
		expect(await reason(new TypeError('Failed to fetch'))).toBe('offline');
	});
});
