import type { IsoDate } from '$lib/domain/common';
import { isOpenOn, type Organization, type OrganizationKind } from '$lib/domain/organization';

/**
 * The open organisations of some kinds in the tree's order (a region, then its municipalities,
 * each followed by its schools), for a select: the administrator finds a municipality under its
 * region, not in one long alphabet.
 */
export function treeOrder(
	organizations: readonly Organization[],
	kinds: readonly OrganizationKind[],
	today: IsoDate
): Organization[] {
	const open = organizations.filter((o) => !o.deletedAt && isOpenOn(o, today));
	const byName = (a: Organization, b: Organization) => a.name.localeCompare(b.name, 'ru') || (a.id < b.id ? -1 : 1);
	const ids = new Set(open.map((o) => o.id));
	const out: Organization[] = [];
	const seen = new Set<string>();
	const visit = (org: Organization) => {
		if (seen.has(org.id)) return;
		seen.add(org.id);
		if (kinds.includes(org.kind)) out.push(org);
		for (const child of open.filter((o) => o.parentId === org.id).sort(byName)) visit(child);
	};
	// Roots: regions, and anything whose parent is not among the open ones (a stray fixture).
	for (const root of open.filter((o) => o.parentId === null || !ids.has(o.parentId)).sort(byName)) visit(root);
	return out;
}

/** The ids above an organisation, nearest first (its parent, then the parent's…). */
export function ancestorsOf(organizations: readonly Pick<Organization, 'id' | 'parentId'>[], id: string): string[] {
	const byId = new Map(organizations.map((o) => [o.id, o]));
	const out: string[] = [];
	for (let at = byId.get(id)?.parentId ?? null; at !== null && !out.includes(at); at = byId.get(at)?.parentId ?? null)
		out.push(at);
	return out;
}
