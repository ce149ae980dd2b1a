import type { Id } from '$lib/domain/common';
import type { Organization } from '$lib/domain/organization';
import { DEFAULT_REGION_SETTINGS, type RegionSettings } from '$lib/domain/region-settings';
import type { AppDatabase } from './database';
import * as meta from './meta';

/**
 * The device's copy of the regions' settings (public.region_settings), for the reports it computes
 * itself — the school methodist's dashboard, a teacher's growth, offline and guest views — so
 * that they count growth with the region's threshold and protect groups of its minimum size, as
 * the server's reports do. Not synced rows: the whole table is read when syncing starts (a few
 * rows per deployment) and kept in meta; without a copy (a guest, a first start offline) the
 * defaults apply, as on the server for a region without a row.
 */
const KEY = 'region.settings';

export async function store(db: AppDatabase, byRegion: Record<Id, RegionSettings>): Promise<void> {
	await meta.set(db, KEY, byRegion);
}

/** One region's settings, just saved on the server by the administrator on this device. */
export async function put(db: AppDatabase, regionId: Id, settings: RegionSettings): Promise<void> {
	const byRegion = (await meta.get<Record<Id, RegionSettings>>(db, KEY)) ?? {};
	await store(db, { ...byRegion, [regionId]: settings });
}

/** The settings of the region `organizationId` lies in (itself if a region), or the defaults. */
export async function forOrganization(
	db: AppDatabase,
	organizations: readonly Pick<Organization, 'id' | 'parentId'>[],
	organizationId: Id | null
): Promise<RegionSettings> {
	const byRegion = (await meta.get<Record<Id, RegionSettings>>(db, KEY)) ?? {};
	const byId = new Map(organizations.map((o) => [o.id, o]));
	const seen = new Set<Id>();
	let org = organizationId === null ? undefined : byId.get(organizationId);
	while (org?.parentId && !seen.has(org.id)) {
		seen.add(org.id);
		org = byId.get(org.parentId);
	}
	return (org && byRegion[org.id]) ?? { ...DEFAULT_REGION_SETTINGS };
}
