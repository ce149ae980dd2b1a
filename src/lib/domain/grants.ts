import type { Id, IsoDate } from './common';
import { ROLES, type Membership, type Role } from './membership';
import { isOpenOn, type Organization, type OrganizationKind } from './organization';

/**
 * Who may give which role where (DOMAIN.md, Roles; the SQL twin is the memberships policies of
 * migration 20261207000800). The device checks first so that a form offers only what the server
 * will accept — a refused membership would otherwise sit in the outbox as «не принято».
 *
 * - an administrator gives any role anywhere, and is the only one who makes administrators and
 *   municipal methodists;
 * - a municipal methodist gives school methodist, teacher and mentor in the schools of their
 *   municipality;
 * - a school methodist gives teacher and mentor in their own school.
 */

/** The kind of organisation each role is held in: a teacher belongs to a school, a municipal methodist to a municipality. */
export const ROLE_KIND: Record<Role, OrganizationKind> = {
	teacher: 'school',
	mentor: 'school',
	school_methodist: 'school',
	municipal_methodist: 'municipality',
	admin: 'region'
};

const MUNICIPAL_GIVES: readonly Role[] = ['school_methodist', 'teacher', 'mentor'];
const SCHOOL_GIVES: readonly Role[] = ['teacher', 'mentor'];

/** What the person giving roles holds: read from their live memberships (grantorOf). */
export interface Grantor {
	admin: boolean;
	/** Organisations of their municipal methodist memberships: the schools under them are theirs. */
	municipal: readonly Id[];
	/** Schools of their school methodist memberships. */
	schools: readonly Id[];
}

export const ADMIN: Grantor = { admin: true, municipal: [], schools: [] };

export function grantorOf(memberships: readonly Pick<Membership, 'organizationId' | 'role' | 'deletedAt'>[]): Grantor {
	const live = memberships.filter((m) => !m.deletedAt);
	return {
		admin: live.some((m) => m.role === 'admin'),
		municipal: live.filter((m) => m.role === 'municipal_methodist').map((m) => m.organizationId),
		schools: live.filter((m) => m.role === 'school_methodist').map((m) => m.organizationId)
	};
}

type Org = Pick<Organization, 'id' | 'kind' | 'parentId'>;
type Lookup = (id: Id) => Org | undefined;

/** The organisation and those above it, nearest first (a cycle stops the walk). */
function lineage(org: Org, byId: Lookup): Id[] {
	const out: Id[] = [];
	for (let o: Org | undefined = org; o && !out.includes(o.id); o = o.parentId ? byId(o.parentId) : undefined)
		out.push(o.id);
	return out;
}

/** The roles `grantor` may give on `org`, whatever the person (the order of ROLES). */
export function rolesOn(grantor: Grantor, org: Org, byId: Lookup): Role[] {
	const fits = (role: Role) => ROLE_KIND[role] === org.kind;
	if (grantor.admin) return ROLES.filter(fits);
	const given = new Set<Role>();
	if (org.kind === 'school') {
		if (lineage(org, byId).some((id) => grantor.municipal.includes(id))) MUNICIPAL_GIVES.forEach((r) => given.add(r));
		if (grantor.schools.includes(org.id)) SCHOOL_GIVES.forEach((r) => given.add(r));
	}
	return ROLES.filter((r) => given.has(r) && fits(r));
}

/** Whether `grantor` may give (or end) `role` on `org`. */
export function mayGive(grantor: Grantor, role: Role, org: Org, byId: Lookup): boolean {
	return rolesOn(grantor, org, byId).includes(role);
}

/**
 * The organisations a new role can be given on today: those where `grantor` gives some role, and
 * open (a closed school keeps its history but takes no one new).
 */
export function grantable<T extends Org & Pick<Organization, 'closedOn'>>(
	grantor: Grantor,
	organizations: readonly T[],
	today: IsoDate
): T[] {
	const byId = lookup(organizations);
	return organizations.filter((o) => isOpenOn(o, today) && rolesOn(grantor, o, byId).length > 0);
}

/** A lookup by id over a list, for rolesOn and mayGive. */
export function lookup<T extends Org>(organizations: readonly T[]): (id: Id) => T | undefined {
	const byId = new Map(organizations.map((o) => [o.id, o]));
	return (id) => byId.get(id);
}
