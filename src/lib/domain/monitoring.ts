import { academicYearBounds } from './academic-year';
import type { Id, IsoDate } from './common';
import { STAGES, type Stage } from './assessment';
import { isIsoDate } from './dates';
import type { Organization } from './organization';

/**
 * The monitoring windows of a region or a municipality (DOMAIN.md, "Administrator's settings"):
 * per academic year (its start year, as a string key) and stage, the first and last day on which
 * that stage's diagnostics are taken. A municipality may narrow its region's windows, never widen
 * them. SQL twin: private.is_valid_monitoring and the organizations trigger
 * (migration 20261207000800).
 */
export interface MonitoringWindow {
	from: IsoDate;
	to: IsoDate;
}
export type YearWindows = Partial<Record<Stage, MonitoringWindow>>;
export type Monitoring = Record<string, YearWindows>;

export type WindowProblem = 'order' | 'outside_year' | 'outside_region' | 'format';

/** What is wrong with one window of `year`, inside the parent's window when there is one. */
export function windowProblem(
	window: MonitoringWindow,
	year: number,
	parent?: MonitoringWindow | null
): WindowProblem | null {
	// A real calendar date: '2026-09-31' is no date (the server's column would refuse it).
	if (!isIsoDate(window.from) || !isIsoDate(window.to)) return 'format';
	if (window.from > window.to) return 'order';
	const { start, end } = academicYearBounds(year);
	if (window.from < start || window.to > end) return 'outside_year';
	if (parent && (window.from < parent.from || window.to > parent.to)) return 'outside_region';
	return null;
}

/**
 * The window that applies to an organisation: the nearest of it and its ancestors that sets one
 * for that year and stage (a municipality's narrowed window, else the region's); null if none.
 */
export function windowFor(
	organizations: readonly Pick<Organization, 'id' | 'parentId' | 'monitoring'>[],
	id: Id | null,
	year: number,
	stage: Stage
): MonitoringWindow | null {
	const byId = new Map(organizations.map((o) => [o.id, o]));
	const seen = new Set<Id>();
	for (
		let org = id === null ? undefined : byId.get(id);
		org && !seen.has(org.id);
		org = org.parentId === null ? undefined : byId.get(org.parentId)
	) {
		seen.add(org.id);
		const window = org.monitoring?.[String(year)]?.[stage];
		if (window) return window;
	}
	return null;
}

/** The stage whose window contains `date` for that organisation, if any. */
export function stageOn(
	organizations: readonly Pick<Organization, 'id' | 'parentId' | 'monitoring'>[],
	id: Id | null,
	year: number,
	date: IsoDate
): Stage | null {
	for (const stage of STAGES) {
		const window = windowFor(organizations, id, year, stage);
		if (window && window.from <= date && date <= window.to) return stage;
	}
	return null;
}
