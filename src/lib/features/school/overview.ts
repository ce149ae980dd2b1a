import type { Id, IsoDate } from '$lib/domain/common';
import type { Organization } from '$lib/domain/organization';
import type { Profile } from '$lib/domain/profile';
import type { Framework } from '$lib/domain/framework';
import { academicYearOf, isInAcademicYear } from '$lib/domain/academic-year';
import { findCompetency } from '$lib/domain/framework';
import { isOpenDeficit } from '$lib/domain/deficit';
import { planCompletion } from '$lib/domain/development-plan';
import { isYoungSpecialist } from '$lib/domain/profile';
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
	young: boolean;
	entryDone: boolean;
	plan: { done: number; total: number } | null;
	openDeficits: number;
}

export interface SchoolOverview {
	school: Organization;
	academicYear: number;
	framework: Framework;
	staff: StaffRow[];
	observationsThisYear: number;
	topDeficits: { title: string; count: number }[];
}

/** The school methodist's view: every teacher of the school individually (DOMAIN.md, Roles). */
export async function load(db: AppDatabase, schoolId: Id, today: IsoDate): Promise<SchoolOverview | null> {
	const school = await organizations.get(db, schoolId);
	if (!school) return null;
	const year = academicYearOf(today);
	const [teachers, submitted, allDeficits, yearPlans, actions, allObservations, framework] = await Promise.all([
		profiles.listForSchool(db, schoolId),
		assessments.listSubmittedForYear(db, year),
		deficits.listAll(db),
		plans.listForYear(db, year),
		plans.listActions(db),
		observations.listAll(db),
		frameworks.current(db)
	]);
	const ids = new Set(teachers.map((p) => p.id));
	const staff = teachers.map((profile) => {
		const plan = yearPlans.find((p) => p.teacherId === profile.id);
		return {
			profile,
			young: isYoungSpecialist(profile),
			entryDone: submitted.some((a) => a.teacherId === profile.id && a.stage === 'entry'),
			plan: plan ? planCompletion(actions.filter((a) => a.planId === plan.id)) : null,
			openDeficits: allDeficits.filter((d) => d.teacherId === profile.id && isOpenDeficit(d)).length
		};
	});
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
		observationsThisYear: allObservations.filter((o) => ids.has(o.teacherId) && o.status === 'submitted' && isInAcademicYear(o.date, year)).length,
		topDeficits
	};
}
