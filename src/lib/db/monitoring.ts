import { STAGES, type Stage } from '$lib/domain/assessment';
import type { Id } from '$lib/domain/common';
import { windowProblem, type MonitoringWindow, type WindowProblem, type YearWindows } from '$lib/domain/monitoring';
import type { Organization } from '$lib/domain/organization';
import { organizationSchema } from '$lib/domain/schemas/organization';
import { issue, type Issue } from '$lib/domain/validation';
import type { AppDatabase } from './database';
import { LocalWriteError } from './errors';
import * as rows from './rows';

/**
 * The monitoring windows of a region or a municipality (Organization.monitoring, domain
 * monitoring.ts), written by the administrator one academic year at a time. The device refuses
 * what the server's organizations trigger would (migration 20261207000800): a window out of order
 * or outside its year, a municipality's window outside its region's, and a region's window that
 * would leave one of its municipalities' narrower windows outside it.
 */

/** One refused window: its stage, why, and for 'municipality_outside' whose window it would leave out. */
export interface YearProblem {
	stage: Stage;
	problem: WindowProblem | 'municipality_outside';
	/** outside_region: the region's window; municipality_outside: the municipality's. */
	bound?: MonitoringWindow;
	/** municipality_outside: the municipality's name. */
	municipality?: string;
}

/**
 * What is wrong with the windows of `year` an organisation of `kind` would have: each window
 * against its year and (a municipality) the region's window of the same stage; a region's against
 * the windows its municipalities already narrowed. Empty when they may be saved.
 */
export function yearProblems(
	kind: Organization['kind'],
	year: number,
	windows: YearWindows,
	region: YearWindows | null = null,
	municipalities: readonly Pick<Organization, 'name' | 'monitoring'>[] = []
): YearProblem[] {
	const problems: YearProblem[] = [];
	for (const stage of STAGES) {
		const window = windows[stage];
		if (!window) continue;
		const parent = kind === 'municipality' ? (region?.[stage] ?? null) : null;
		const problem = windowProblem(window, year, parent);
		if (problem) {
			problems.push(problem === 'outside_region' ? { stage, problem, bound: parent! } : { stage, problem });
			continue;
		}
		if (kind !== 'region') continue;
		for (const m of municipalities) {
			const narrowed = m.monitoring[String(year)]?.[stage];
			if (narrowed && (narrowed.from < window.from || narrowed.to > window.to)) {
				problems.push({ stage, problem: 'municipality_outside', bound: narrowed, municipality: m.name });
				break;
			}
		}
	}
	return problems;
}

/** The same problems as validation issues (paths as the row's: monitoring.<year>.<stage>). */
function issuesOf(year: number, windows: YearWindows, problems: YearProblem[]): Issue[] {
	return problems.map(({ stage, problem, bound, municipality }) => {
		const path = `monitoring.${year}.${stage}`;
		if (problem === 'format') return issue(path, 'invalid_date');
		if (problem === 'order') return issue(`${path}.to`, 'date_before', { min: windows[stage]!.from });
		if (problem === 'municipality_outside') return issue(path, 'mismatch', { other: municipality ?? '' });
		return bound ? issue(path, 'out_of_range', { min: bound.from, max: bound.to }) : issue(path, 'out_of_range');
	});
}

/** The region above a municipality, live, else null. */
async function regionOf(db: AppDatabase, org: Organization): Promise<Organization | null> {
	if (org.kind !== 'municipality' || org.parentId === null) return null;
	const parent = await db.organizations.get(org.parentId);
	return parent && !parent.deletedAt && parent.kind === 'region' ? parent : null;
}

/** The region's windows a municipality must stay within, for `year` (null: not a municipality, or none). */
export async function regionWindows(db: AppDatabase, organizationId: Id, year: number): Promise<YearWindows | null> {
	const org = await db.organizations.get(organizationId);
	if (!org || org.deletedAt) return null;
	return (await regionOf(db, org))?.monitoring[String(year)] ?? null;
}

/**
 * Set the windows of one academic year of a region or a municipality, replacing that year's
 * (stages left out have no window; no stage at all drops the year). One update of the row, queued
 * for the server like any edit; refused before anything is written when a window is wrong
 * (LocalWriteError 'invalid', issues at monitoring.<year>.<stage>).
 */
export async function setYear(
	db: AppDatabase,
	organizationId: Id,
	year: number,
	windows: YearWindows,
	actor: rows.Actor
): Promise<Organization> {
	// Only the stages given, as plain { from, to }: nothing else of the caller's object is stored.
	const kept: YearWindows = {};
	for (const stage of STAGES) {
		const w = windows[stage];
		if (w) kept[stage] = { from: w.from, to: w.to };
	}
	// The parent's and children's windows are read in the same transaction as the write, so the
	// check holds against what is written beside it.
	return rows.transact(db, ['organizations'], async () => {
		const org = await db.organizations.get(organizationId);
		if (!org || org.deletedAt) throw new LocalWriteError('not-found', `organizations/${organizationId}`);
		if (org.kind !== 'region' && org.kind !== 'municipality')
			throw new LocalWriteError('invalid', 'monitoring: not_allowed', [issue('monitoring', 'not_allowed')]);
		const region = await regionOf(db, org);
		const municipalities =
			org.kind === 'region'
				? rows
						.alive(await db.organizations.where('parentId').equals(org.id).toArray())
						.filter((o) => o.kind === 'municipality')
				: [];
		const problems = yearProblems(org.kind, year, kept, region?.monitoring[String(year)] ?? null, municipalities);
		if (problems.length) {
			const issues = issuesOf(year, kept, problems);
			throw new LocalWriteError('invalid', issues.map((i) => `${i.path}: ${i.code}`).join('; '), issues);
		}
		const monitoring = { ...org.monitoring };
		if (Object.keys(kept).length) monitoring[String(year)] = kept;
		else delete monitoring[String(year)];
		return rows.update(db, 'organizations', org.id, { monitoring }, actor, (row) => organizationSchema.validate(row));
	});
}
