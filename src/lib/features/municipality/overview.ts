import type { Id } from '$lib/domain/common';
import type { Membership } from '$lib/domain/membership';
import type { Organization } from '$lib/domain/organization';
import type { EarlyReader, ReadTable } from '$lib/db/early';
import { collator } from '$lib/i18n/format';

export { MIN_GROUP_SIZE } from '$lib/domain/privacy';

/**
 * The tables the lookup reads: an AppDatabase, or the early reader's (db/early.ts) while the
 * municipal dashboard's heading paints before Dexie has loaded.
 */
export interface MunicipalityDb {
	organizations: ReadTable<Organization>;
	memberships: ReadTable<Membership>;
}

/** The lookup's tables through the early reader. */
export function earlyMunicipalityDb(reader: EarlyReader): MunicipalityDb {
	return { organizations: reader.table('organizations'), memberships: reader.table('memberships') };
}

/**
 * The municipality the municipal methodist works for: the one of their live municipal_methodist
 * membership, else (guest mode, trying the role with the demo data) the first one on the device.
 */
export async function municipalityOf(db: MunicipalityDb, profileId: Id | null): Promise<Organization | null> {
	const all = (await db.organizations.toArray()).filter((o) => !o.deletedAt && o.kind === 'municipality');
	if (profileId) {
		const mine = (await db.memberships.where('profileId').equals(profileId).toArray()).find(
			(m) => !m.deletedAt && m.role === 'municipal_methodist'
		);
		const found = mine && all.find((o) => o.id === mine.organizationId);
		if (found) return found;
	}
	return all.sort((a, b) => collator('ru').compare(a.name, b.name))[0] ?? null;
}
