import type { Id, SyncedRow } from './common';

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

/** The parent's kind is the one directly above the child's (CHILD_KIND); a region has no parent. */
export function isValidParent(child: Pick<Organization, 'kind'>, parent: Pick<Organization, 'kind'> | null): boolean {
	return parent === null ? child.kind === 'region' : CHILD_KIND[parent.kind] === child.kind;
}
