import type { AppDatabase } from '$lib/db/database';
import type { Id } from '$lib/domain/common';
import type { Role } from '$lib/domain/membership';

/**
 * ROLES of $lib/domain/membership, in its order. Repeated rather than imported: importing it here
 * would split that module out of the first screen's chunk into a file of its own.
 */
export const ALL_ROLES = [
	'teacher',
	'mentor',
	'school_methodist',
	'municipal_methodist',
	'admin'
] as const satisfies readonly Role[];
// Every role is listed (a compile error otherwise).
const _complete: Exclude<Role, (typeof ALL_ROLES)[number]> extends never ? true : never = true;
void _complete;

export interface Identity {
	profileId: Id | null;
	roles: Role[];
}

/**
 * Who the signed-in auth user is in the data: the live profile whose `userId` is theirs, and the
 * roles of that profile's live memberships (in the order of ROLES). Both arrive with the first
 * pull; until then the profile is null.
 */
export async function identify(db: AppDatabase, userId: Id): Promise<Identity> {
	const profile = (await db.profiles.where('userId').equals(userId).toArray()).find((p) => !p.deletedAt);
	if (!profile) return { profileId: null, roles: [] };
	const held = new Set(
		(await db.memberships.where('profileId').equals(profile.id).toArray())
			.filter((m) => !m.deletedAt)
			.map((m) => m.role)
	);
	return { profileId: profile.id, roles: ALL_ROLES.filter((r) => held.has(r)) };
}
