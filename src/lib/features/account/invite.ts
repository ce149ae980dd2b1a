import type { AppDatabase } from '$lib/db/database';
import * as profiles from '$lib/db/profiles';
import * as rows from '$lib/db/rows';
import type { Id } from '$lib/domain/common';
import type { Role } from '$lib/domain/membership';
import type { EducationLevel, Profile } from '$lib/domain/profile';
import { profileSchema } from '$lib/domain/schemas/profile';
import { issue, type Issue } from '$lib/domain/validation';

/**
 * Roles a school methodist gives inside the school. The server lets a school methodist add only
 * teachers and mentors (another methodist is appointed by an administrator): offering more would
 * save a profile whose membership the server then refuses.
 */
export const INVITABLE_ROLES = ['teacher', 'mentor'] as const satisfies readonly Role[];
export type InvitableRole = (typeof INVITABLE_ROLES)[number];

export interface Invitation {
	fullName: string;
	email: string;
	role: InvitableRole;
	position: string;
	birthYear: number | null;
	experienceYears: number | null;
	education: EducationLevel;
}

export function blank(): Invitation {
	return {
		fullName: '',
		email: '',
		role: 'teacher',
		position: '',
		birthYear: null,
		experienceYears: null,
		education: 'higher'
	};
}

function profileDraft(
	invitation: Invitation,
	schoolId: Id
): Omit<Profile, 'id' | 'version' | 'updatedAt' | 'updatedBy' | 'deletedAt'> {
	return {
		// The account comes later: the person signs in with this e-mail and the server links them.
		userId: null,
		fullName: invitation.fullName.trim(),
		email: invitation.email.trim().toLowerCase(),
		schoolId,
		associationId: null,
		position: invitation.position.trim() || null,
		subjects: [],
		experienceYears: invitation.experienceYears as number,
		// profiles.create dates the стаж today: the day the methodist typed it.
		experienceAsOf: null,
		category: 'none',
		categoryExpiresOn: null,
		education: invitation.education,
		birthYear: invitation.birthYear as number,
		birthDate: null
	};
}

/** What is wrong with the form, by field (the profile's own rules, and one person per e-mail). */
export async function check(db: AppDatabase, invitation: Invitation, schoolId: Id): Promise<Issue[]> {
	if (!(INVITABLE_ROLES as readonly string[]).includes(invitation.role)) return [issue('role', 'invalid_option')];
	const empty = (['fullName', 'email', 'birthYear', 'experienceYears'] as const).filter(
		(k) => invitation[k] === null || invitation[k] === ''
	);
	const issues = empty.map((k) => issue(k, 'required'));
	for (const i of profileSchema.validate(profileDraft(invitation, schoolId))) {
		if (i.path in invitation && !empty.includes(i.path as never)) issues.push(i);
	}
	const email = invitation.email.trim().toLowerCase();
	if (email && (await profiles.listAll(db)).some((p) => p.email?.toLowerCase() === email))
		issues.push(issue('email', 'duplicate'));
	return issues;
}

/**
 * Add a person to the school: a profile (no account yet) and a membership with the role, in one
 * local transaction, both queued for the server, where row-level security decides if this user may.
 */
export async function invite(
	db: AppDatabase,
	invitation: Invitation,
	schoolId: Id,
	actor: rows.Actor
): Promise<Profile> {
	return rows.transact(db, ['profiles', 'memberships'], async () => {
		const profile = await profiles.create(db, profileDraft(invitation, schoolId), actor);
		// The role is checked against INVITABLE_ROLES by `check`; membershipSchema is not imported
		// here because it would split domain/membership out of the first screen's chunk.
		await rows.insert(
			db,
			'memberships',
			{ profileId: profile.id, organizationId: schoolId, role: invitation.role },
			actor
		);
		return profile;
	});
}
