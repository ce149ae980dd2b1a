/**
 * The rules of the organisation tree the administrator edits (region → municipality → school →
 * ШМО): where a new organisation goes, where one may move, when one may close or open again, and
 * the search over a region's tree. Pure: the rows come in as arguments. The server holds the same
 * rules in its trigger private.organizations_rules (migration 20261207000800_admin_console.sql).
 */
import type { Id } from './common';
import { CHILD_KIND, ORGANIZATION_KINDS, type Organization, type OrganizationKind } from './organization';
import { issue, type Issue } from './validation';

/**
 * Why the tree refuses a change; an issue with code 'not_allowed' carries it as `params.rule`.
 * - `parent_missing`: the chosen parent is not on record (or deleted);
 * - `wrong_parent`: the parent is not of the kind directly above (a school goes under a municipality);
 * - `no_children`: nothing goes under a ШМО;
 * - `parent_closed`: the parent is closed, so an open organisation cannot be under it (new, moved
 *   there, or opened again);
 * - `open_children`: closing while an organisation under it is open, or closes later (`count` of them);
 * - `after_parent`: closing later than the parent closed (`date`: the parent's).
 */
export const TREE_RULES = [
	'parent_missing',
	'wrong_parent',
	'no_children',
	'parent_closed',
	'open_children',
	'after_parent'
] as const;
export type TreeRule = (typeof TREE_RULES)[number];

export type TreeNode = Pick<Organization, 'id' | 'kind' | 'parentId' | 'closedOn' | 'deletedAt'>;

function refused(path: string, rule: TreeRule, params: Record<string, string | number> = {}): Issue {
	return issue(path, 'not_allowed', { rule, ...params });
}

/** The rule an issue reports, when it is one of the tree's. */
export function ruleOf(i: Issue): TreeRule | null {
	const rule = i.params?.rule;
	return i.code === 'not_allowed' && (TREE_RULES as readonly unknown[]).includes(rule) ? (rule as TreeRule) : null;
}

/** The kind above `kind` (a school's parent is a municipality); null for a region. */
export function parentKind(kind: OrganizationKind): OrganizationKind | null {
	return ORGANIZATION_KINDS.find((k) => CHILD_KIND[k] === kind) ?? null;
}

/**
 * What the tree forbids of `next`, the row as it would be written, given its parent and its live
 * children; `before` is the row as it is now (null for a new one). Each rule is checked only when
 * what it is about changes, as the server's trigger does: a row placed by a migration against a
 * rule (a school straight under a region) can still be renamed.
 */
export function treeIssues(
	before: TreeNode | null,
	next: TreeNode,
	parent: TreeNode | null | undefined,
	children: readonly TreeNode[]
): Issue[] {
	const issues: Issue[] = [];
	const placed = before === null || before.parentId !== next.parentId || before.kind !== next.kind;
	const closing = before === null || before.closedOn !== next.closedOn;
	const liveParent = parent && !parent.deletedAt && parent.id === next.parentId ? parent : null;
	if (placed && next.parentId !== null) {
		if (!liveParent) issues.push(refused('parentId', 'parent_missing'));
		else if (CHILD_KIND[liveParent.kind] === null) issues.push(refused('parentId', 'no_children'));
		else if (CHILD_KIND[liveParent.kind] !== next.kind) issues.push(refused('parentId', 'wrong_parent'));
	}
	if (next.closedOn !== null && closing) {
		const open = children.filter(
			(c) => !c.deletedAt && c.parentId === next.id && (c.closedOn === null || c.closedOn > next.closedOn!)
		);
		if (open.length) issues.push(refused('closedOn', 'open_children', { count: open.length }));
	}
	const parentClosed = liveParent?.closedOn ?? null;
	if (parentClosed !== null && (next.closedOn === null || next.closedOn > parentClosed) && (placed || closing)) {
		if (placed) issues.push(refused('parentId', 'parent_closed', { date: parentClosed }));
		else if (next.closedOn === null) issues.push(refused('closedOn', 'parent_closed', { date: parentClosed }));
		else issues.push(refused('closedOn', 'after_parent', { date: parentClosed }));
	}
	return issues;
}

/**
 * Where `org` may move: live organisations of the kind above it, other than its parent now, that
 * the tree allows it under (an open school does not move into a closed municipality). Sorted as
 * the tree lists them.
 */
export function moveTargets<T extends TreeNode & { name: string }>(org: TreeNode, all: readonly T[]): T[] {
	const kind = parentKind(org.kind);
	if (kind === null) return [];
	return bySiblingOrder(
		all.filter(
			(p) =>
				p.kind === kind &&
				!p.deletedAt &&
				p.id !== org.parentId &&
				treeIssues(org, { ...org, parentId: p.id }, p, []).length === 0
		)
	);
}

/** Siblings as the tree lists them: open ones first, then closed ones, each by name. */
export function bySiblingOrder<T extends { name: string; closedOn: string | null }>(orgs: readonly T[]): T[] {
	return [...orgs].sort(
		(a, b) => Number(a.closedOn !== null) - Number(b.closedOn !== null) || a.name.localeCompare(b.name, 'ru')
	);
}

/** Live organisations by parent (null: the top), each list in sibling order. */
export function childrenByParent<T extends TreeNode & { name: string }>(orgs: readonly T[]): Map<Id | null, T[]> {
	const map = new Map<Id | null, T[]>();
	for (const o of orgs) {
		if (o.deletedAt) continue;
		const list = map.get(o.parentId);
		if (list) list.push(o);
		else map.set(o.parentId, [o]);
	}
	for (const [k, list] of map) map.set(k, bySiblingOrder(list));
	return map;
}

/**
 * A name for searching: case, ё/е, quotes and spacing (around № too) do not count, as the staff
 * import compares names (staff-import.ts comparable; not imported, so that the repositories every
 * screen loads do not carry the import's code).
 */
function searchable(value: string): string {
	return value
		.toLowerCase()
		.replace(/ё/g, 'е')
		.replace(/["'«»“”„]/g, '')
		.replace(/\s*№\s*/g, '№')
		.replace(/[\s\u00a0]+/g, ' ')
		.trim();
}

/**
 * A search over the tree by name or short name (case, ё/е, quotes and spacing do not count, as
 * in the staff import): the organisations that match, and every ancestor of one, which the tree
 * shows open so that each match is seen in its place. An empty query matches nothing.
 */
export function searchTree<T extends TreeNode & { name: string; shortName: string | null }>(
	orgs: readonly T[],
	query: string
): { matches: Set<Id>; shown: Set<Id> } {
	const q = searchable(query);
	const matches = new Set<Id>();
	const shown = new Set<Id>();
	if (q === '') return { matches, shown };
	const byId = new Map(orgs.map((o) => [o.id, o]));
	for (const o of orgs) {
		if (o.deletedAt) continue;
		if (!searchable(o.name).includes(q) && !(o.shortName && searchable(o.shortName).includes(q))) continue;
		matches.add(o.id);
		for (let at: T | undefined = o; at && !shown.has(at.id); at = at.parentId ? byId.get(at.parentId) : undefined)
			shown.add(at.id);
	}
	return { matches, shown };
}
