import type { Stage } from '$lib/domain/assessment';
import type { Id, IsoDate, IsoDateTime } from '$lib/domain/common';
import { effectiveTimeZone, type Organization } from '$lib/domain/organization';
import { schoolTeachers } from '$lib/domain/profile';
import { computeIndicators, targetsFor, type IndicatorCode, type TargetRow } from '$lib/domain/indicators';
import { staffProfileDate, staffProfileReport, type StaffProfileBlock } from '$lib/domain/staff-profile';
import { competenceReport, type ReportAccess } from '$lib/domain/competence-report';
import type { AppDatabase } from '$lib/db/database';
import * as frameworks from '$lib/db/frameworks';
import * as indicatorTargets from '$lib/db/indicator-targets';
import type { Actor } from '$lib/db/rows';
import { scopeInfo, type Report } from './report';

/**
 * Reports computed on the device from the local rows, through the same definitions the report
 * RPCs implement in SQL (src/lib/domain/indicators.ts, staff-profile.ts, competence-report.ts).
 * The school methodist holds the school's rows, and guest mode holds the whole demo municipality,
 * so these figures work offline; a municipal reader's k ≥ 5 rule is applied here just as the
 * server applies it.
 */

function isLive<T extends { deletedAt?: IsoDateTime | null }>(row: T): boolean {
	return !row.deletedAt;
}

/** The scope, then its ancestors nearest first (targetsFor's chain). */
export function ancestry(all: readonly Organization[], id: Id): Id[] {
	const byId = new Map(all.map((o) => [o.id, o]));
	const chain: Id[] = [];
	for (let org = byId.get(id); org && !chain.includes(org.id); org = org.parentId ? byId.get(org.parentId) : undefined) chain.push(org.id);
	return chain;
}

/** Live schools at or under the scope, by name. */
export function schoolsUnder(all: readonly Organization[], id: Id): Organization[] {
	return all
		.filter((o) => o.kind === 'school' && isLive(o) && ancestry(all, o.id).includes(id))
		.sort((a, b) => a.name.localeCompare(b.name, 'ru') || (a.id < b.id ? -1 : 1));
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
 * `access` is the reader's: 'school' sees the school in full, 'municipal' gets the k ≥ 5 rule.
 */
export async function load(db: AppDatabase, scopeId: Id, academicYear: number, access: ReportAccess, stage: Stage | null = null): Promise<Report | null> {
	const orgs = await db.organizations.toArray();
	const scope = orgs.find((o) => o.id === scopeId && isLive(o));
	if (!scope) return null;
	const schools = schoolsUnder(orgs, scope.id);
	const schoolIds = new Set(schools.map((s) => s.id));

	const [profiles, memberships, activities, plans, actions, assessments, deficits, pairs, sessions, observations, framework, targets] = await Promise.all([
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
		frameworks.current(db),
		listTargets(db)
	]);

	// Teachers active in the scope: the one rule of profile.ts schoolTeachers (private.report_teachers
	// on the server) — counted in the school of their profile, with a teacher or mentor membership there.
	const zones = new Map(schools.map((s) => [s.id, effectiveTimeZone(orgs, s.id)]));
	const teachers = schoolTeachers(profiles, memberships, schoolIds).map((p) => ({ ...p, timeZone: zones.get(p.schoolId)! }));

	const data = {
		activities,
		developmentPlans: plans,
		assessments,
		frameworks: [framework],
		deficits,
		mentoringPairs: pairs,
		mentoringSessions: sessions,
		observations
	};
	const suppress = access !== 'school';
	const indicatorsOf = (group: typeof teachers, orgId: Id) =>
		computeIndicators({ ...data, teachers: group }, academicYear, { targets: targetsFor(targets, ancestry(orgs, orgId), academicYear), suppress, stage });

	const perSchool = scope.kind === 'school' ? [] : schools.map((s) => s.id);
	const staff = staffProfileReport(teachers, perSchool, academicYear, access);
	const competence = competenceReport(
		{
			academicYear,
			framework,
			teachers: teachers.map((t) => ({ id: t.id, schoolId: t.schoolId, experienceYears: t.experienceYears, experienceAsOf: t.experienceAsOf })),
			assessments,
			deficits,
			plans,
			actions,
			pairs,
			observations,
			stage
		},
		perSchool,
		access
	);

	return {
		scope: scopeInfo(scope),
		academicYear,
		stage,
		access,
		teachers: teachers.length,
		indicators: indicatorsOf(teachers, scope.id),
		staff: staff.scope,
		competence: competence.scope,
		framework,
		schools:
			scope.kind === 'school'
				? []
				: schools.map((school) => {
						const own = teachers.filter((t) => t.schoolId === school.id);
						const staffBlock = staff.schools.find((s) => s.schoolId === school.id)!;
						const competenceBlock = competence.schools.find((s) => s.schoolId === school.id)!;
						return {
							school: scopeInfo(school),
							teachers: own.length,
							suppressed: suppress && staffBlock.suppressed,
							indicators: indicatorsOf(own, school.id),
							staff: staffBlock,
							competence: competenceBlock
						};
					})
	};
}

/**
 * The staff profile of a scope on another date than the reference date — what the school
 * methodist picks on the card (a municipal reader gets the reference date only: staffProfileDate).
 * Null when the scope is gone or the date is not one the reader may ask for.
 */
export async function staffOn(db: AppDatabase, scopeId: Id, academicYear: number, access: ReportAccess, date: IsoDate): Promise<StaffProfileBlock | null> {
	const on = staffProfileDate(academicYear, access, date);
	const [orgs, profiles, memberships] = await Promise.all([db.organizations.toArray(), db.profiles.toArray(), db.memberships.toArray()]);
	const scope = orgs.find((o) => o.id === scopeId && isLive(o));
	if (!scope || on === null) return null;
	const teachers = schoolTeachers(profiles, memberships, new Set(schoolsUnder(orgs, scope.id).map((s) => s.id)));
	return staffProfileReport(teachers, [], academicYear, access, on).scope;
}
