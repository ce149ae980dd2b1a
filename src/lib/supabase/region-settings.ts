import type { SupabaseClient } from '@supabase/supabase-js';
import type { Id } from '$lib/domain/common';
import { DEFAULT_REGION_SETTINGS, type RegionSettings } from '$lib/domain/region-settings';
import type { AppDatabase } from '$lib/db/database';
import * as deviceCopy from '$lib/db/region-settings';
import { loadClient } from './auth';

/**
 * A region's settings on the server (public.region_settings, migrations 20261207000700 and 0800):
 * every signed-in user reads them, only the administrator inserts or updates them (RLS). The screen
 * that changes them works online only; the device keeps a copy for the reports it computes itself
 * (db/region-settings.ts), refreshed when syncing starts and after a save.
 */

/** Why reading or saving failed, for the screen to say what to do. */
export class RegionSettingsError extends Error {
	readonly reason: 'offline' | 'forbidden' | 'rejected';
	constructor(reason: RegionSettingsError['reason'], message: string) {
		super(message);
		this.reason = reason;
	}
}

interface Row {
	region_id: Id;
	growth_threshold: number | string;
	min_group_size: number;
	report_years_from: number | null;
	staff_reference: string;
}

/** What reads and writes the settings: the server's table, or a stand-in in component tests. */
export interface RegionSettingsSource {
	load(regionId: Id): Promise<RegionSettings>;
	save(regionId: Id, settings: RegionSettings): Promise<RegionSettings>;
}

function fromRow(row: Row | null): RegionSettings {
	if (!row) return { ...DEFAULT_REGION_SETTINGS };
	return {
		// numeric may arrive as a string; the form wants a number.
		growthThreshold: Number(row.growth_threshold),
		minGroupSize: Number(row.min_group_size),
		reportYearsFrom: row.report_years_from === null ? null : Number(row.report_years_from),
		staffReference: row.staff_reference
	};
}

function failure(error: { code?: string; message?: string } | unknown): RegionSettingsError {
	const e = (error ?? {}) as { code?: string; message?: string };
	// supabase-js reports a failed fetch as an error without a SQLSTATE.
	if (!e.code || /failed to fetch|networkerror|load failed/i.test(e.message ?? ''))
		return new RegionSettingsError('offline', e.message ?? String(error));
	// 42501: RLS refused (not an administrator); anything else: a check the values failed.
	return new RegionSettingsError(e.code === '42501' ? 'forbidden' : 'rejected', e.message ?? e.code);
}

const COLUMNS = 'region_id, growth_threshold, min_group_size, report_years_from, staff_reference';

/** The settings of a region, or the defaults when it has none yet. Throws RegionSettingsError. */
export async function load(client: SupabaseClient, regionId: Id): Promise<RegionSettings> {
	let answer;
	try {
		answer = await client.from('region_settings').select(COLUMNS).eq('region_id', regionId).maybeSingle();
	} catch (error) {
		throw failure(error);
	}
	if (answer.error) throw failure(answer.error);
	return fromRow(answer.data as Row | null);
}

/**
 * Every region's settings the caller may read (all of them: they are no secret), by region, for
 * the device's copy (db/region-settings.ts). Throws RegionSettingsError.
 */
export async function loadAll(client: SupabaseClient): Promise<Record<Id, RegionSettings>> {
	let answer;
	try {
		answer = await client.from('region_settings').select(COLUMNS);
	} catch (error) {
		throw failure(error);
	}
	if (answer.error) throw failure(answer.error);
	return Object.fromEntries(((answer.data ?? []) as Row[]).map((row) => [row.region_id, fromRow(row)]));
}

/**
 * Refresh the device's copy of every region's settings (db/region-settings.ts) from the server,
 * unless `current` says by then that the device has moved on (another person signed in).
 */
export async function refreshDeviceCopy(
	client: SupabaseClient,
	db: AppDatabase,
	current: () => boolean
): Promise<void> {
	const byRegion = await loadAll(client);
	if (current()) await deviceCopy.store(db, byRegion);
}

/**
 * Write a region's settings, making its row on the first save: upsert on region_id. The server
 * stamps who and when. Returns what the server kept. Throws RegionSettingsError.
 */
export async function save(client: SupabaseClient, regionId: Id, settings: RegionSettings): Promise<RegionSettings> {
	const row: Row = {
		region_id: regionId,
		growth_threshold: settings.growthThreshold,
		min_group_size: settings.minGroupSize,
		report_years_from: settings.reportYearsFrom,
		staff_reference: settings.staffReference
	};
	let answer;
	try {
		answer = await client.from('region_settings').upsert(row, { onConflict: 'region_id' }).select(COLUMNS).single();
	} catch (error) {
		throw failure(error);
	}
	if (answer.error) throw failure(answer.error);
	return fromRow(answer.data as Row);
}

/** The app's one supabase-js client; failing to fetch its chunk is being offline too. */
async function client(): Promise<SupabaseClient> {
	try {
		return await loadClient();
	} catch (error) {
		throw new RegionSettingsError('offline', String(error));
	}
}

/**
 * The server's settings through the app's one supabase-js client (loaded on first use). With `db`,
 * what a save kept also becomes the device's copy, so its own reports follow at once.
 */
export function onServer(db?: AppDatabase): RegionSettingsSource {
	return {
		load: async (regionId) => load(await client(), regionId),
		save: async (regionId, settings) => {
			const kept = await save(await client(), regionId, settings);
			if (db) await deviceCopy.put(db, regionId, kept);
			return kept;
		}
	};
}
