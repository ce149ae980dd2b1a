import type { Id, IsoDate } from '$lib/domain/common';
import type { Organization } from '$lib/domain/organization';
import type { Profile } from '$lib/domain/profile';
import { academicYearOf, isInAcademicYear } from '$lib/domain/academic-year';
import { isOpenDeficit } from '$lib/domain/deficit';
import { countsAsPlan, planCompletion, type PlanStatus } from '$lib/domain/development-plan';
import { isYoungSpecialistIn, schoolTeachers } from '$lib/domain/profile';
import { indexRows } from '$lib/domain/row-index';
import { read, type OverviewDb } from '$lib/db/school-overview';

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
	/** The school's teachers by the one counting rule (profile.ts schoolTeachers), by name. */
	staff: StaffRow[];
	tiles: SchoolTiles;
}

/**
 * The school methodist's view: every teacher of the school individually (DOMAIN.md, Roles), for
 * the academic year of `today` unless another is given. The staff list, the tiles and the
 * indicators (features/reports/local.ts) count the same teachers. `db` is the app's database or,
 * on a cold start before Dexie has loaded, the early reader's (db/school-overview.ts).
 */
export async function load(
	db: OverviewDb,
	schoolId: Id,
	today: IsoDate,
	academicYear: number = academicYearOf(today)
): Promise<SchoolOverview | null> {
	const rows = await read(db, schoolId);
	if (!rows) return null;
	const year = academicYear;
	const teachers = schoolTeachers(rows.profiles, rows.memberships, new Set([schoolId])).sort((a, b) =>
		a.fullName.localeCompare(b.fullName, 'ru')
	);
	const ids = new Set(teachers.map((p) => p.id));
	// Indexed once: filtering every row for each teacher made the list quadratic in the staff.
	const plansOf = indexRows(
		rows.plans.filter((p) => p.academicYear === year),
		(p) => p.teacherId
	);
	const actionsOf = indexRows(rows.actions, (a) => a.planId);
	const deficitsOf = indexRows(rows.deficits, (d) => d.teacherId);
	const entered = new Set(
		rows.submitted.filter((a) => a.stage === 'entry' && a.academicYear === year).map((a) => a.teacherId)
	);
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
	const observations = rows.observations.filter(
		(o) => ids.has(o.teacherId) && o.status === 'submitted' && isInAcademicYear(o.date, year)
	).length;
	return {
		school: rows.school,
		academicYear: year,
		staff,
		tiles: {
			teachers: staff.length,
			young: staff.filter((s) => s.young).length,
			entryDone: staff.filter((s) => s.entryDone).length,
			withPlan: staff.filter((s) => s.plan !== null && s.plan.status !== 'draft').length,
			draftPlans: staff.filter((s) => s.plan?.status === 'draft').length,
			observations
		}
	};
}

/** The overview of the school of `me` (a school methodist); null when her profile names none. */
export async function loadFor(
	db: OverviewDb,
	me: Id,
	today: IsoDate,
	academicYear: number = academicYearOf(today)
): Promise<SchoolOverview | null> {
	const profile = await db.profiles.get(me);
	return profile && !profile.deletedAt && profile.schoolId ? load(db, profile.schoolId, today, academicYear) : null;
}
