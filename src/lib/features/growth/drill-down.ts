import type { Id, IsoDate } from '$lib/domain/common';
import type { Deficit } from '$lib/domain/deficit';
import type { Membership } from '$lib/domain/membership';
import type { Observation } from '$lib/domain/observation';
import type { PlanAction } from '$lib/domain/development-plan';
import type { Profile } from '$lib/domain/profile';
import { isInAcademicYear } from '$lib/domain/academic-year';
import { isOpenDeficit } from '$lib/domain/deficit';
import { isOverdue } from '$lib/domain/development-plan';
import { findCompetency } from '$lib/domain/framework';
import { isYoungSpecialist } from '$lib/domain/profile';
import type { AppDatabase } from '$lib/db/database';
import * as deficits from '$lib/db/deficits';
import * as observations from '$lib/db/observations';
import * as plans from '$lib/db/development-plans';
import * as profiles from '$lib/db/profiles';
import * as growth from './growth';

/**
 * The school methodist may open one teacher of their own school (DOMAIN.md, Roles and Privacy):
 * the profile is alive and holds a live membership in that school. A viewer with no school (the
 * municipal methodist's profile has none) sees nobody individually.
 */
export function canView(
	viewerSchoolId: Id | null,
	teacher: Pick<Profile, 'id' | 'deletedAt'> | undefined,
	memberships: readonly Pick<Membership, 'profileId' | 'organizationId' | 'deletedAt'>[]
): boolean {
	if (!viewerSchoolId || !teacher || teacher.deletedAt) return false;
	return memberships.some((m) => m.profileId === teacher.id && m.organizationId === viewerSchoolId && !m.deletedAt);
}

export interface OpenDeficit {
	id: Id;
	competency: string;
	status: Deficit['status'];
}

export interface TeacherDrillDown {
	profile: Profile;
	young: boolean;
	growth: growth.GrowthView;
	/** Confirmed and not yet overcome, as counted on the staff list. */
	openDeficits: OpenDeficit[];
	/** Open actions of this year's plan past their deadline, earliest first. */
	overdue: Pick<PlanAction, 'id' | 'title' | 'deadline' | 'status'>[];
	/** Submitted observations of the teacher's lessons within the academic year. */
	observations: number;
}

/** Observations dated within the academic year; drafts are the observer's notes and do not count. */
export function observationsInYear(
	list: readonly Pick<Observation, 'status' | 'date' | 'deletedAt'>[],
	academicYear: number
): number {
	return list.filter((o) => !o.deletedAt && o.status === 'submitted' && isInAcademicYear(o.date, academicYear)).length;
}

/**
 * One teacher as the school methodist sees them, or null when the methodist may not — «not found»
 * and «not yours» look the same, so the page tells nobody whether a person exists elsewhere.
 * Nothing about the teacher is read before the check passes.
 */
export async function load(
	db: AppDatabase,
	viewerId: Id,
	teacherId: Id,
	today: IsoDate
): Promise<TeacherDrillDown | null> {
	const [viewer, teacher, memberships] = await Promise.all([
		profiles.get(db, viewerId),
		profiles.get(db, teacherId),
		db.memberships.where('profileId').equals(teacherId).toArray()
	]);
	if (!teacher || !canView(viewer?.schoolId ?? null, teacher, memberships)) return null;
	const view = await growth.load(db, teacherId, today);
	const [teacherDeficits, plan, teacherObservations] = await Promise.all([
		deficits.listForTeacher(db, teacherId),
		plans.forYear(db, teacherId, view.academicYear),
		observations.listForTeacher(db, teacherId)
	]);
	return {
		profile: teacher,
		young: isYoungSpecialist(teacher),
		growth: view,
		openDeficits: teacherDeficits
			.filter(isOpenDeficit)
			.map((d) => ({
				id: d.id,
				competency: findCompetency(view.framework, d.competencyId)?.title ?? d.competencyId,
				status: d.status
			}))
			.sort((a, b) => a.competency.localeCompare(b.competency, 'ru')),
		overdue: (plan?.actions ?? [])
			.filter((a) => isOverdue(a, today))
			.map((a) => ({ id: a.id, title: a.title, deadline: a.deadline, status: a.status })),
		observations: observationsInYear(teacherObservations, view.academicYear)
	};
}
