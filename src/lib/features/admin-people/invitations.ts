import type { Id } from '$lib/domain/common';
import type { PendingInvitation } from '$lib/supabase/admin';

/** One invited person and the roles waiting for them. */
export interface Invited {
	profileId: Id;
	fullName: string;
	email: string;
	invitedAt: string;
	roles: { role: NonNullable<PendingInvitation['role']>; organizationName: string | null }[];
}

/** One entry per person (the server gives a row per membership), in the server's order. */
export function byPerson(rows: readonly PendingInvitation[]): Invited[] {
	const out = new Map<Id, Invited>();
	for (const r of rows) {
		const entry = out.get(r.profileId) ?? {
			profileId: r.profileId,
			fullName: r.fullName,
			email: r.email,
			invitedAt: r.invitedAt,
			roles: []
		};
		if (r.role) entry.roles.push({ role: r.role, organizationName: r.organizationName });
		out.set(r.profileId, entry);
	}
	return [...out.values()];
}
