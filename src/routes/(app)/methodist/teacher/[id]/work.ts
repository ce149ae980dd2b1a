import type { Activity } from '$lib/domain/activity';
import type { Id, IsoDate } from '$lib/domain/common';
import { isOverdue, planCompletion, type DevelopmentPlan, type PlanAction } from '$lib/domain/development-plan';
import type { AppDatabase } from '$lib/db/database';
import * as activities from '$lib/db/activities';
import * as observations from '$lib/db/observations';
import * as plans from '$lib/db/development-plans';
import * as profiles from '$lib/db/profiles';
import { canView } from '$lib/features/growth/drill-down';
import { loadObservedLessons, type ObservationItem } from '$lib/features/observation/load';

/** Where a plan stands on its way to approval; 'unknown' on a device whose plans carry no such field. */
export type PlanApproval = 'not_submitted' | 'submitted' | 'approved' | 'returned' | 'unknown';

/** The teacher's work as the school methodist reads it on the drill-down. */
export interface TeacherWork {
	/** This academic year's ИОМ, actions by deadline; null when the teacher has none. */
	plan: {
		plan: DevelopmentPlan;
		approval: PlanApproval;
		actions: { action: PlanAction; overdue: boolean }[];
		completion: { done: number; total: number; share: number | null };
	} | null;
	/** Courses, events and results the teacher recorded, newest first. */
	activities: Activity[];
	/**
	 * Protocols of her lessons: every observer's handed-over ones, and the viewer's own drafts
	 * (the viewer's unfinished notes are hers to open; other observers' drafts are nobody's business).
	 */
	protocols: ObservationItem[];
}

export function approvalOf(plan: DevelopmentPlan): PlanApproval {
	// The approval fields arrive with the plan approval work (issue 17); a plan without them reads 'unknown'.
	const status = (plan as Partial<Record<'approvalStatus', string>>).approvalStatus;
	return status === 'not_submitted' || status === 'submitted' || status === 'approved' || status === 'returned'
		? status
		: 'unknown';
}

/** Null when the viewer may not open this teacher (the same check, and the same silence, as the drill-down). */
export async function load(
	db: AppDatabase,
	viewerId: Id,
	teacherId: Id,
	academicYear: number,
	today: IsoDate
): Promise<TeacherWork | null> {
	const [viewer, teacher, memberships] = await Promise.all([
		profiles.get(db, viewerId),
		profiles.get(db, teacherId),
		db.memberships.where('profileId').equals(teacherId).toArray()
	]);
	if (!teacher || !canView(viewer?.schoolId ?? null, teacher, memberships)) return null;
	const [bundle, recorded, handedOver, mine] = await Promise.all([
		plans.forYear(db, teacherId, academicYear),
		activities.listForTeacher(db, teacherId),
		loadObservedLessons(db, teacherId),
		observations.listByObserver(db, viewerId)
	]);
	const drafts = mine
		.filter((o) => o.teacherId === teacherId && o.status === 'draft')
		.map((observation) => ({ observation, person: viewer }));
	return {
		plan: bundle
			? {
					plan: bundle.plan,
					approval: approvalOf(bundle.plan),
					actions: bundle.actions.map((action) => ({ action, overdue: isOverdue(action, today) })),
					completion: planCompletion(bundle.actions)
				}
			: null,
		activities: recorded,
		protocols: [...drafts, ...handedOver]
	};
}
