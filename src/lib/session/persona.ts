import type { AppDatabase } from '$lib/db/database';
import type { Id } from '$lib/domain/common';
import type { Role } from '$lib/domain/membership';

/**
 * Who a guest is while acting in a role. A guest tries every role on one device, but a record is
 * signed with a person: what she writes as the school's methodist must carry the methodist's name
 * (the demo school's заместитель директора), never the teacher's she plays elsewhere. A teacher
 * and a mentor are the guest's own profile; a methodist or an administrator is the person who
 * holds that role for the guest's school (or its municipality) — none, and the role's screens
 * ask for the demo school instead of writing in the teacher's name.
 */
export async function guestPersona(db: AppDatabase, guestProfileId: Id | null, role: Role): Promise<Id | null> {
	if (role === 'teacher' || role === 'mentor' || !guestProfileId) return guestProfileId;
	const guest = await db.profiles.get(guestProfileId);
	const schoolId = guest && !guest.deletedAt ? guest.schoolId : null;
	if (!schoolId) return null;
	const school = await db.organizations.get(schoolId);
	const scope = role === 'school_methodist' ? [schoolId] : role === 'municipal_methodist' ? [school?.parentId] : [];
	const holders = await db.memberships
		.filter((m) => !m.deletedAt && m.role === role && (role === 'admin' || scope.includes(m.organizationId)))
		.toArray();
	const people = (await db.profiles.bulkGet(holders.map((m) => m.profileId))).filter((p) => p && !p.deletedAt);
	people.sort((a, b) => a!.fullName.localeCompare(b!.fullName, 'ru'));
	return people[0]?.id ?? null;
}
