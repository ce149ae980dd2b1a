import type { Draft, Id, SyncedRow } from './common';
import { bool, issue, nullable, objectSchema, oneOf, text, uuid, type Issue } from './validation';

/** Регион → муниципалитет → образовательная организация → ШМО. */
export const ORGANIZATION_KINDS = ['region', 'municipality', 'school', 'methodical_association'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** The kind a child of each kind must have: the tree has exactly these four levels. */
export const CHILD_KIND: Record<OrganizationKind, OrganizationKind | null> = {
	region: 'municipality',
	municipality: 'school',
	school: 'methodical_association',
	methodical_association: null
};

export interface Organization extends SyncedRow {
	kind: OrganizationKind;
	name: string;
	shortName: string | null;
	parentId: Id | null;
	/** ШНОР: школа с низкими образовательными результатами. Schools only. */
	lowResults: boolean;
	/** ШНСУ: школа, функционирующая в неблагоприятных социальных условиях. Schools only. */
	adverseConditions: boolean;
	/** Участник федерального проекта «500+». Schools only. */
	program500: boolean;
}

export const organizationSchema = /* @__PURE__ */ objectSchema<Draft<Organization>>({
	kind: oneOf(ORGANIZATION_KINDS),
	name: text({ required: true, max: 200 }),
	shortName: nullable(text({ max: 200 })),
	parentId: nullable(uuid()),
	lowResults: bool(),
	adverseConditions: bool(),
	program500: bool()
})
	// The tree has a region at the top and nothing parentless below it.
	.refine(['kind', 'parentId'], (o) => {
		if (o.kind === 'region' && o.parentId !== null) return [issue('parentId', 'not_allowed')];
		if (o.kind !== 'region' && o.parentId === null) return [issue('parentId', 'required')];
		return [];
	})
	.refine(['kind', 'lowResults', 'adverseConditions', 'program500'], (o) => {
		if (o.kind === 'school') return [];
		const issues: Issue[] = [];
		if (o.lowResults) issues.push(issue('lowResults', 'not_allowed'));
		if (o.adverseConditions) issues.push(issue('adverseConditions', 'not_allowed'));
		if (o.program500) issues.push(issue('program500', 'not_allowed'));
		return issues;
	});

/** The parent's kind is the one directly above the child's (CHILD_KIND); a region has no parent. */
export function isValidParent(child: Pick<Organization, 'kind'>, parent: Pick<Organization, 'kind'> | null): boolean {
	return parent === null ? child.kind === 'region' : CHILD_KIND[parent.kind] === child.kind;
}
