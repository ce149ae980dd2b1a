import type { Id, SyncedRow } from './common';
import { DEFAULT_TIME_ZONE } from './dates';
import type { Monitoring } from './monitoring';

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
	/**
	 * IANA time zone ('Asia/Novokuznetsk'); null: the parent's (effectiveTimeZone). Instants become
	 * dates and academic years in the zone of the teacher's school, never in UTC.
	 */
	timeZone: string | null;
	/**
	 * Closed from this date ('YYYY-MM-DD'); null: open. A closed organisation keeps its history:
	 * a school closed on D is left out of the reports of academic years that start on or after D.
	 */
	closedOn: string | null;
	/** Monitoring windows by year and stage; regions and municipalities only (monitoring.ts). */
	monitoring: Monitoring;
	/**
	 * The school lets a teacher's active mentor approve her ИОМ besides the school methodist
	 * (plan-approval.ts mayApprove). Schools only; the school methodist sets it.
	 */
	mentorsApprovePlans: boolean;
}

/** Open on `date`: not closed, or closed after it. */
export function isOpenOn(org: Pick<Organization, 'closedOn'>, date: string): boolean {
	return org.closedOn === null || org.closedOn > date;
}

/** The parent's kind is the one directly above the child's (CHILD_KIND); a region has no parent. */
export function isValidParent(child: Pick<Organization, 'kind'>, parent: Pick<Organization, 'kind'> | null): boolean {
	return parent === null ? child.kind === 'region' : CHILD_KIND[parent.kind] === child.kind;
}

/**
 * The zone an organisation's instants are dated in: its own, else the nearest ancestor's, else
 * Moscow time (DEFAULT_TIME_ZONE) — also for no organisation at all (a profile without a school).
 * SQL twin: private.org_time_zone.
 */
export function effectiveTimeZone(
	organizations: readonly Pick<Organization, 'id' | 'parentId' | 'timeZone'>[],
	id: Id | null
): string {
	const byId = new Map(organizations.map((o) => [o.id, o]));
	const seen = new Set<Id>();
	for (
		let org = id === null ? undefined : byId.get(id);
		org && !seen.has(org.id);
		org = org.parentId === null ? undefined : byId.get(org.parentId)
	) {
		seen.add(org.id);
		if (org.timeZone) return org.timeZone;
	}
	return DEFAULT_TIME_ZONE;
}
