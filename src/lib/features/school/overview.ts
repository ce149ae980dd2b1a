import type { Id, IsoDate } from '$lib/domain/common';
import type { Organization } from '$lib/domain/organization';
import type { Profile } from '$lib/domain/profile';
import type { Framework } from '$lib/domain/framework';
import { academicYearOf, isInAcademicYear } from '$lib/domain/academic-year';
import { findCompetency } from '$lib/domain/framework';
import { isOpenDeficit } from '$lib/domain/deficit';
import { countsAsPlan, planCompletion, type PlanStatus } from '$lib/domain/development-plan';
import { isYoungSpecialistIn } from '$lib/domain/profile';
import { indexRows } from '$lib/domain/row-index';
import type { AppDatabase } from '$lib/db/database';
import * as assessments from '$lib/db/assessments';
import * as deficits from '$lib/db/deficits';
import * as frameworks from '$lib/db/frameworks';
import * as observations from '$lib/db/observations';
import * as organizations from '$lib/db/organizations';
import * as plans from '$lib/db/development-plans';
import * as profiles from '$lib/db/profiles';

export interface StaffRow {
	profile: Profile;
	/** A young specialist of the year (стаж < 3 on its reference date), as YOUNG_SUPPORTED counts. */
	young: boolean;
	entryDone: boolean;
	/** The plan for the year, a draft too (the list marks it «черновик»). */
	plan: { done: number; total: number; status: PlanStatus } | null;
	openDeficits: number;
}

/** The dashboard's tiles, counted by the rules the indicators use. */
export interface SchoolTiles {
	teachers: number;
	young: number;
	entryDone: number;
	/** Active or completed plans for the year — the IOM indicator's numerator; drafts are not counted. */
	withPlan: number;
	/** Drafts, shown beside the tile, never added to it. */
	draftPlans: number;
	observations: number;
}

export interface SchoolOverview {
	school: Organization;
	academicYear: number;
	framework: Framework;
	/** The school's teachers by the one counting rule (profile.ts schoolTeachers), by name. */
	staff: StaffRow[];
	tiles: SchoolTiles;
	observationsThisYear: number;
	topDeficits: { title: string; count: number }[];
}

/**
 * The school methodist's view: every teacher of the school individually (DOMAIN.md, Roles), for
 * the academic year of `today` unless another is given. The staff list, the tiles and the
 * indicators (features/reports/local.ts) count the same teachers.
 */
export async function load(
	db: AppDatabase,
	schoolId: Id,
	today: IsoDate,
	academicYear: number = academicYearOf(today)
): Promise<SchoolOverview | null> {
	const school = await organizations.get(db, schoolId);
	if (!school) return null;
	const year = academicYear;
	const [teachers, submitted, allDeficits, yearPlans, actions, allObservations, framework] = await Promise.all([
		profiles.listTeachersOfSchool(db, schoolId),
		assessments.listSubmittedForYear(db, year),
		deficits.listAll(db),
		plans.listForYear(db, year),
		plans.listActions(db),
		observations.listAll(db),
		// The version in use that year, whose indicators that year's assessments answered.
		frameworks.current(db, year)
	]);
	const ids = new Set(teachers.map((p) => p.id));
	// Indexed once: filtering every row for each teacher made the list quadratic in the staff.
	const plansOf = indexRows(yearPlans, (p) => p.teacherId);
	const actionsOf = indexRows(actions, (a) => a.planId);
	const deficitsOf = indexRows(allDeficits, (d) => d.teacherId);
	const entered = new Set(submitted.filter((a) => a.stage === 'entry').map((a) => a.teacherId));
	const staff = teachers.map((profile) => {
		// One plan per teacher and year; should two exist, the one that counts is shown.
		const own = plansOf.get(profile.id);
		const plan = own.find((p) => countsAsPlan(p)) ?? own[0];
		return {
			profile,
			young: isYoungSpecialistIn(profile, year),
			entryDone: entered.has(profile.id),
			plan: plan ? { ...planCompletion(actionsOf.get(plan.id)), status: plan.status } : null,
			openDeficits: deficitsOf.get(profile.id).filter((d) => isOpenDeficit(d)).length
		};
	});
	const observationsThisYear = allObservations.filter(
		(o) => ids.has(o.teacherId) && o.status === 'submitted' && isInAcademicYear(o.date, year)
	).length;
	const counts = new Map<string, number>();
	for (const d of allDeficits) {
		if (!ids.has(d.teacherId) || !isOpenDeficit(d)) continue;
		counts.set(d.competencyId, (counts.get(d.competencyId) ?? 0) + 1);
	}
	const topDeficits = [...counts.entries()]
		.sort((a, b) => b[1] - a[1])
		.slice(0, 5)
		.map(([id, count]) => ({ title: findCompetency(framework, id)?.title ?? id, count }));
	return {
		school,
		academicYear: year,
		framework,
		staff,
		tiles: {
			teachers: staff.length,
			young: staff.filter((s) => s.young).length,
			entryDone: staff.filter((s) => s.entryDone).length,
			withPlan: staff.filter((s) => s.plan !== null && s.plan.status !== 'draft').length,
			draftPlans: staff.filter((s) => s.plan?.status === 'draft').length,
			observations: observationsThisYear
		},
		observationsThisYear,
		topDeficits
	};
}
