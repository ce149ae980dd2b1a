import type { EarlyReader, ReadTable } from '$lib/db/early';
import type { Id } from '$lib/domain/common';
import type { Membership, Role } from '$lib/domain/membership';
import type { Organization } from '$lib/domain/organization';
import type { Profile } from '$lib/domain/profile';

/**
 * The tables the lookup reads: an AppDatabase, or the early reader's (db/early.ts) when a guest
 * opens the app in a methodist's role and the dashboard paints before Dexie has loaded.
 */
export interface PersonaDb {
	profiles: ReadTable<Profile>;
	organizations: ReadTable<Organization>;
	memberships: ReadTable<Membership>;
}

/** The tables the lookup reads, through the early reader. */
export function earlyPersonaDb(reader: EarlyReader): PersonaDb {
	return {
		profiles: reader.table('profiles'),
		organizations: reader.table('organizations'),
		memberships: reader.table('memberships')
	};
}

/**
 * Who a guest is while acting in a role. A guest tries every role on one device, but a record is
 * signed with a person: what she writes as the school's methodist must carry the methodist's name
 * (the demo school's заместитель директора), never the teacher's she plays elsewhere. A teacher
 * and a mentor are the guest's own profile; a methodist or an administrator is the person who
 * holds that role for the guest's school (or its municipality) — none, and the role's screens
 * ask for the demo school instead of writing in the teacher's name.
 */
export async function guestPersona(db: PersonaDb, guestProfileId: Id | null, role: Role): Promise<Id | null> {
	if (role === 'teacher' || role === 'mentor' || !guestProfileId) return guestProfileId;
	const guest = await db.profiles.get(guestProfileId);
	const schoolId = guest && !guest.deletedAt ? guest.schoolId : null;
	if (!schoolId) return null;
	const school = await db.organizations.get(schoolId);
	const scope = role === 'school_methodist' ? [schoolId] : role === 'municipal_methodist' ? [school?.parentId] : [];
	const holders = (await db.memberships.toArray()).filter(
		(m) => !m.deletedAt && m.role === role && (role === 'admin' || scope.includes(m.organizationId))
	);
	const people = (await db.profiles.bulkGet(holders.map((m) => m.profileId))).filter((p) => p && !p.deletedAt);
	people.sort((a, b) => a!.fullName.localeCompare(b!.fullName, 'ru'));
	return people[0]?.id ?? null;
}
