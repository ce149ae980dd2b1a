import type { Id } from '$lib/domain/common';
import { ORGANIZATION_KINDS, type Organization, type OrganizationKind } from '$lib/domain/organization';

export interface OrgGroup {
	kind: OrganizationKind;
	options: { id: Id; label: string }[];
}

const collator = new Intl.Collator('ru');

/**
 * Organisations for a select, grouped by kind (region, municipalities, schools) and by name, each
 * with its parent's name: many schools of a region share a name («СОШ № 1»).
 */
export function orgGroups(
	choices: readonly Organization[],
	byId: (id: Id) => Pick<Organization, 'name' | 'shortName'> | undefined
): OrgGroup[] {
	return ORGANIZATION_KINDS.map((kind) => ({
		kind,
		options: choices
			.filter((o) => o.kind === kind)
			.map((o) => {
				const parent = o.parentId ? byId(o.parentId) : undefined;
				return { id: o.id, label: parent ? `${o.name} (${parent.shortName ?? parent.name})` : o.name };
			})
			.sort((a, b) => collator.compare(a.label, b.label))
	})).filter((g) => g.options.length > 0);
}
