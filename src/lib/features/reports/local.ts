import type { Stage } from '$lib/domain/assessment';
import type { Id, IsoDate, IsoDateTime } from '$lib/domain/common';
import { effectiveTimeZone, isOpenOn, type Organization } from '$lib/domain/organization';
import { schoolTeachers } from '$lib/domain/profile';
import { indicatorsReport, targetsFor, type IndicatorCode, type TargetRow } from '$lib/domain/indicators';
import { staffProfileDate, staffProfileReport, type StaffProfileBlock } from '$lib/domain/staff-profile';
import { competenceReport, type ReportAccess } from '$lib/domain/competence-report';
import { disclosureYears, offeredYears, reportScope, type ScopeOrganization } from '$lib/domain/disclosure';
import { academicYearOf } from '$lib/domain/academic-year';
import { staffReferenceDate } from '$lib/domain/region-settings';
import * as clock from '$lib/session/clock';
import type { AppDatabase } from '$lib/db/database';
import * as frameworks from '$lib/db/frameworks';
import * as indicatorTargets from '$lib/db/indicator-targets';
import * as regionSettings from '$lib/db/region-settings';
import type { Actor } from '$lib/db/rows';
import { collator } from '$lib/i18n/format';
import { scopeInfo, type Report } from './report';

/**
 * Reports computed on the device from the local rows, through the same definitions the report
 * RPCs implement in SQL (src/lib/domain/indicators.ts, staff-profile.ts, competence-report.ts).
 * The school methodist holds the school's rows, and guest mode holds the whole demo municipality,
 * so these figures work offline; a municipal reader's disclosure control (domain/disclosure.ts) is
 * applied here just as the server applies it.
 */

function isLive<T extends { deletedAt?: IsoDateTime | null }>(row: T): boolean {
	return !row.deletedAt;
}

const yearStart = (year: number): IsoDate => `${year}-09-01`;

/**
 * The organisations a report of academic year `year` is made of: without the schools closed by
 * the year's start (1 September), which count nobody that year and are no unit of its report —
 * the twin of private.live_schools_under and private.report_teachers. The scope itself stays (a
 * closed school's own report of a later year counts nobody).
 */
function openInYear(all: readonly Organization[], year: number, scopeId: Id): Organization[] {
	return all.filter((o) => o.id === scopeId || o.kind !== 'school' || isOpenOn(o, yearStart(year)));
}

/** The scope, then its ancestors nearest first (targetsFor's chain). */
export function ancestry(all: readonly Organization[] | ReadonlyMap<Id, Organization>, id: Id): Id[] {
	const byId = all instanceof Map ? all : new Map((all as readonly Organization[]).map((o) => [o.id, o]));
	const chain: Id[] = [];
	for (let org = byId.get(id); org && !chain.includes(org.id); org = org.parentId ? byId.get(org.parentId) : undefined)
		chain.push(org.id);
	return chain;
}

/** Live schools at or under the scope, by name. */
export function schoolsUnder(all: readonly Organization[], id: Id): Organization[] {
	const byId = new Map(all.map((o) => [o.id, o]));
	const names = collator('ru');
	return all
		.filter((o) => o.kind === 'school' && isLive(o) && ancestry(byId, o.id).includes(id))
		.sort((a, b) => names.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
}

/**
 * The planned values on the device: the synced `indicator_targets` rows (the server's, pulled, and
 * this device's own, queued). Before schema v5 they lived in meta 'reports.targets'; the upgrade
 * moved them (database.ts).
 */
export async function listTargets(db: AppDatabase): Promise<TargetRow[]> {
	return indicatorTargets.list(db);
}

/** Set (a share 0..1) or clear (null) the planned value of an indicator for a scope and year. */
export async function setTarget(
	db: AppDatabase,
	organizationId: Id,
	academicYear: number,
	code: IndicatorCode,
	value: number | null,
	actor: Actor
): Promise<void> {
	await indicatorTargets.set(db, organizationId, academicYear, code, value, actor);
}

/**
 * The report for a scope (a school, or a municipality with each of its schools) and year.
 * `access` is the reader's: 'school' sees the school in full; 'municipal' gets the figures under
 * disclosure control (domain/disclosure.ts) as the server gives them — computed over the whole
 * municipality even for one school, so a school's figures are the same on every screen. The
 * region's settings are the device's copy (db/region-settings.ts; the defaults without one), and
 * the years the dashboards offer are counted from `today`.
 */
export async function load(
	db: AppDatabase,
	scopeId: Id,
	academicYear: number,
	access: ReportAccess,
	stage: Stage | null = null,
	today: IsoDate = clock.today()
): Promise<Report | null> {
	const orgs = await db.organizations.toArray();
	const orgById = new Map(orgs.map((o) => [o.id, o]));
	const names = collator('ru');
	const byName = (a: ScopeOrganization, b: ScopeOrganization) => {
		const x = orgById.get(a.id)!;
		const y = orgById.get(b.id)!;
		return names.compare(x.name, y.name) || (x.id < y.id ? -1 : 1);
	};
	const scope = orgs.find((o) => o.id === scopeId && isLive(o));
	const reportOf = scope ? reportScope(openInYear(orgs, academicYear, scope.id), scope.id, byName) : null;
	if (!scope || !reportOf) return null;
	const universe = new Set(reportOf.universe.map((s) => s.id));

	// Every read starts here, together: liveQuery (the screens' live()) observes only what is read
	// before the first await of a promise that is not Dexie's, so nothing may be awaited in between.
	const [
		region,
		profiles,
		memberships,
		activities,
		plans,
		actions,
		assessments,
		deficits,
		pairs,
		sessions,
		observations,
		framework,
		targets
	] = await Promise.all([
		// The region's threshold, group size and first offered year, as the server applies them.
		regionSettings.forOrganization(db, orgs, scope.id),
		db.profiles.toArray(),
		db.memberships.toArray(),
		db.activities.toArray(),
		db.development_plans.toArray(),
		db.plan_actions.toArray(),
		db.assessments.toArray(),
		db.deficits.toArray(),
		db.mentoring_pairs.toArray(),
		db.mentoring_sessions.toArray(),
		db.observations.toArray(),
		// The version in use in the report's year, whose indicators that year's assessments answered.
		frameworks.current(db, academicYear),
		listTargets(db)
	]);
	const settings = { minGroupSize: region.minGroupSize, growthThreshold: region.growthThreshold };
	const years = disclosureYears(offeredYears(academicYearOf(today), region.reportYearsFrom));

	// Teachers counted: the one rule of profile.ts schoolTeachers (private.report_teachers on the
	// server) — in the school of their profile, with a teacher or mentor membership there. A school
	// reader's universe is the school; an aggregate reader's is every school the protection covers.
	const counted =
		access === 'school' ? new Set(isOpenOn(scope, yearStart(academicYear)) ? reportOf.schools : []) : universe;
	const zones = new Map([...counted].map((id) => [id, effectiveTimeZone(orgs, id)]));
	const teachers = schoolTeachers(profiles, memberships, counted).map((p) => ({
		...p,
		timeZone: zones.get(p.schoolId)!
	}));

	const indicators = indicatorsReport(
		{
			teachers,
			activities,
			developmentPlans: plans,
			assessments,
			frameworks: [framework],
			deficits,
			mentoringPairs: pairs,
			mentoringSessions: sessions,
			observations
		},
		reportOf,
		{
			year: academicYear,
			stage,
			access,
			settings,
			years,
			targets: (org) => targetsFor(targets, ancestry(orgById, org), academicYear)
		}
	);
	// On the region's reference date (region_settings.staff_reference), as the server counts it.
	const staff = staffProfileReport(
		teachers,
		reportOf,
		academicYear,
		{ access, settings },
		staffReferenceDate(academicYear, region.staffReference)
	);
	const competence = competenceReport(
		{
			academicYear,
			framework,
			teachers: teachers.map((t) => ({
				id: t.id,
				schoolId: t.schoolId,
				experienceYears: t.experienceYears,
				experienceAsOf: t.experienceAsOf
			})),
			assessments,
			deficits,
			plans,
			actions,
			pairs,
			observations,
			stage,
			threshold: settings.growthThreshold
		},
		reportOf,
		{ access, settings, years }
	);

	return {
		scope: scopeInfo(scope),
		academicYear,
		stage,
		access,
		teachers: indicators.scope.teachers,
		indicators: indicators.scope.indicators,
		staff: staff.scope,
		competence: competence.scope,
		framework,
		schools:
			scope.kind === 'school'
				? []
				: indicators.schools.map((row, i) => ({
						school: scopeInfo(orgById.get(row.schoolId)!),
						teachers: row.teachers,
						suppressed: row.suppressed,
						secondary: row.secondary,
						indicators: row.indicators,
						staff: staff.schools[i]!,
						competence: competence.schools[i]!
					}))
	};
}

/**
 * The staff profile of a scope on another date than the reference date — what the school
 * methodist picks on the card (a municipal reader gets the reference date only: staffProfileDate).
 * Null when the scope is gone or the date is not one the reader may ask for.
 */
export async function staffOn(
	db: AppDatabase,
	scopeId: Id,
	academicYear: number,
	access: ReportAccess,
	date: IsoDate
): Promise<StaffProfileBlock | null> {
	const [orgs, profiles, memberships] = await Promise.all([
		db.organizations.toArray(),
		db.profiles.toArray(),
		db.memberships.toArray()
	]);
	const scope = orgs.find((o) => o.id === scopeId && isLive(o));
	if (!scope) return null;
	const region = await regionSettings.forOrganization(db, orgs, scope.id);
	const on = staffProfileDate(academicYear, access, date, staffReferenceDate(academicYear, region.staffReference));
	if (on === null) return null;
	const of = reportScope(openInYear(orgs, academicYear, scope.id), scope.id);
	if (!of) return null;
	const open = isOpenOn(scope, yearStart(academicYear));
	const counted = new Set(of.universe.map((s) => s.id).filter((id) => open || id !== scope.id));
	const teachers = schoolTeachers(profiles, memberships, counted);
	const settings = { minGroupSize: region.minGroupSize, growthThreshold: region.growthThreshold };
	return staffProfileReport(teachers, of, academicYear, { access, settings }, on).scope;
}
