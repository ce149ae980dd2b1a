import type { Id, IsoDate } from '$lib/domain/common';
import { lookup, mayGive, type Grantor } from '$lib/domain/grants';
import type { Membership, Role } from '$lib/domain/membership';
import { isOpenOn, type Organization } from '$lib/domain/organization';
import type { EducationLevel, Profile } from '$lib/domain/profile';
import { profileSchema } from '$lib/domain/schemas/profile';
import { membershipSchema } from '$lib/domain/schemas/membership';
import { issue, type Issue } from '$lib/domain/validation';
import type { AppDatabase } from './database';
import { LocalWriteError } from './errors';
import * as profiles from './profiles';
import * as rows from './rows';

/**
 * Memberships given and ended from the people screens (the administrator's console and the
 * municipal methodist's invitations). Every write checks domain/grants.ts first: the server's
 * row-level security refuses the same things, but a refusal there only shows up later as a
 * change «не принято сервером».
 */

export async function listForProfile(db: AppDatabase, profileId: Id): Promise<Membership[]> {
	return rows.alive(await db.memberships.where('profileId').equals(profileId).toArray());
}

/** An invitation to any organisation: the person (no account yet) and their first role. */
export interface Invitation {
	fullName: string;
	email: string;
	organizationId: Id | null;
	role: Role | null;
	position: string;
	birthYear: number | null;
	experienceYears: number | null;
	education: EducationLevel;
}

export function blankInvitation(): Invitation {
	return {
		fullName: '',
		email: '',
		organizationId: null,
		role: null,
		position: '',
		birthYear: null,
		experienceYears: null,
		education: 'higher'
	};
}

const normalEmail = (email: string) => email.trim().toLowerCase();

/** Live organisations by id, for the grant rules' walk up the tree. */
async function organizationLookup(db: AppDatabase): Promise<(id: Id) => Organization | undefined> {
	return lookup(rows.alive(await db.organizations.toArray()));
}

function profileDraft(invitation: Invitation, org: Organization | undefined) {
	return {
		// The account comes later: the person signs in with this e-mail and the server links them.
		userId: null,
		fullName: invitation.fullName.trim(),
		email: normalEmail(invitation.email),
		// A school's people count in it (profile.ts schoolTeachers); the server also lets a
		// municipal methodist add only profiles of its schools. Municipal and regional roles have none.
		schoolId: org?.kind === 'school' ? org.id : null,
		associationId: null,
		position: invitation.position.trim() || null,
		subjects: [],
		experienceYears: invitation.experienceYears as number,
		// profiles.create dates the стаж today: the day it was typed.
		experienceAsOf: null,
		category: 'none' as const,
		categoryExpiresOn: null,
		education: invitation.education,
		birthYear: invitation.birthYear as number,
		birthDate: null
	};
}

/** Whether some live profile on the device already has this e-mail (one person per e-mail). */
export async function emailTaken(db: AppDatabase, email: string): Promise<boolean> {
	const wanted = normalEmail(email);
	if (!wanted) return false;
	// The index holds e-mails as written; an old row may differ in case, hence the scan's fallback.
	const exact = await db.profiles.where('email').equals(wanted).toArray();
	if (rows.alive(exact).length) return true;
	return (await db.profiles.filter((p) => !p.deletedAt && p.email?.toLowerCase() === wanted).count()) > 0;
}

/**
 * What is wrong with the invitation, by field: the organisation and role the grantor may give
 * there (grants.ts), the profile's own rules, and one person per e-mail.
 */
export async function checkInvitation(
	db: AppDatabase,
	invitation: Invitation,
	grantor: Grantor,
	today: IsoDate
): Promise<Issue[]> {
	const issues: Issue[] = [];
	const byId = await organizationLookup(db);
	const org = invitation.organizationId ? byId(invitation.organizationId) : undefined;
	if (!invitation.organizationId) issues.push(issue('organizationId', 'required'));
	else if (!org || !isOpenOn(org, today)) issues.push(issue('organizationId', 'invalid_option'));
	if (!invitation.role) issues.push(issue('role', 'required'));
	else if (org && !mayGive(grantor, invitation.role, org, byId)) issues.push(issue('role', 'invalid_option'));
	const empty = (['fullName', 'email', 'birthYear', 'experienceYears'] as const).filter(
		(k) => invitation[k] === null || String(invitation[k]).trim() === ''
	);
	issues.push(...empty.map((k) => issue(k, 'required')));
	for (const i of profileSchema.validate(profileDraft(invitation, org))) {
		if (i.path in invitation && !empty.includes(i.path as never)) issues.push(i);
	}
	if (!empty.includes('email') && (await emailTaken(db, invitation.email))) issues.push(issue('email', 'duplicate'));
	return issues;
}

function refused(issues: Issue[]): LocalWriteError {
	const forbidden = issues.some((i) => i.path === 'role' && i.code === 'invalid_option');
	return new LocalWriteError(
		forbidden ? 'forbidden' : 'invalid',
		issues.map((i) => `${i.path}: ${i.code}`).join('; '),
		issues
	);
}

/**
 * Invite a person: a profile with the e-mail (no account yet) and a membership with the role, in
 * one local transaction, both queued for the server. Refuses (LocalWriteError, nothing written)
 * what checkInvitation finds wrong.
 */
export async function invite(
	db: AppDatabase,
	invitation: Invitation,
	grantor: Grantor,
	actor: rows.Actor,
	today: IsoDate
): Promise<{ profile: Profile; membership: Membership }> {
	return rows.transact(db, ['organizations', 'profiles', 'memberships'], async () => {
		const issues = await checkInvitation(db, invitation, grantor, today);
		if (issues.length) throw refused(issues);
		const org = (await db.organizations.get(invitation.organizationId!))!;
		const profile = await profiles.create(db, profileDraft(invitation, org), actor, today);
		const membership = await rows.insert(
			db,
			'memberships',
			{ profileId: profile.id, organizationId: org.id, role: invitation.role! },
			actor,
			(d) => membershipSchema.validate(d)
		);
		return { profile, membership };
	});
}

/**
 * Give a person who is already on the device another role. A role they hold there already is
 * refused (`role: duplicate`). The server lets only an administrator give a role on a school
 * that is not the person's own (a совместитель's second school), so the device asks the same.
 */
export async function grant(
	db: AppDatabase,
	draft: { profileId: Id; organizationId: Id; role: Role },
	grantor: Grantor,
	actor: rows.Actor,
	today: IsoDate
): Promise<Membership> {
	return rows.transact(db, ['organizations', 'profiles', 'memberships'], async () => {
		const person = await profiles.get(db, draft.profileId);
		if (!person) throw new LocalWriteError('not-found', `profiles/${draft.profileId}`);
		const byId = await organizationLookup(db);
		const org = byId(draft.organizationId);
		if (!org || !isOpenOn(org, today)) throw refused([issue('organizationId', 'invalid_option')]);
		if (!mayGive(grantor, draft.role, org, byId) || (!grantor.admin && person.schoolId !== org.id))
			throw refused([issue('role', 'invalid_option')]);
		const held = await listForProfile(db, draft.profileId);
		if (held.some((m) => m.organizationId === org.id && m.role === draft.role))
			throw new LocalWriteError('invalid', 'role: duplicate', [issue('role', 'duplicate')]);
		return rows.insert(db, 'memberships', draft, actor, (d) => membershipSchema.validate(d));
	});
}

/**
 * End a membership: a tombstone (deletedAt), so the end reaches the server and, from there, the
 * person's devices, which lose what it granted on their next pull. Only what the grantor may give
 * they may end.
 */
export async function end(db: AppDatabase, membershipId: Id, grantor: Grantor, actor: rows.Actor): Promise<void> {
	await rows.transact(db, ['organizations', 'memberships'], async () => {
		const membership = await db.memberships.get(membershipId);
		if (!membership || membership.deletedAt) throw new LocalWriteError('not-found', `memberships/${membershipId}`);
		const byId = await organizationLookup(db);
		const org = byId(membership.organizationId);
		// The administrator ends anything, also a role on an organisation no longer there.
		if (!grantor.admin && !(org && mayGive(grantor, membership.role, org, byId)))
			throw refused([issue('role', 'invalid_option')]);
		await rows.remove(db, 'memberships', membershipId, actor);
	});
}
