import type { Id } from '$lib/domain/common';
import type { SyncedRow } from '$lib/domain/common';
import { academicYearOf } from '$lib/domain/academic-year';
import { dateInZone } from '$lib/domain/dates';
import { effectiveTimeZone } from '$lib/domain/organization';
import { schoolTeachers } from '$lib/domain/profile';
import * as rules from '$lib/domain/reminders';
import type { AppDatabase } from '$lib/db/database';

/** Which home asks: each shows the reminders of that role only. */
export type ReminderRole = 'teacher' | 'mentor' | 'methodist';

function alive<T extends SyncedRow>(rows: readonly T[]): T[] {
	return rows.filter((r) => !r.deletedAt);
}

/**
 * The reminders of `role` for the profile, from this device's rows, most urgent first. Meant to
 * run inside liveQuery: every read after the profile is started in one Promise.all of Dexie
 * reads only (awaiting any other promise in between would leave the tables after it unobserved).
 * "Today" is the date in the zone of the reader's school (dates.ts), as the server dates things.
 */
export async function load(
	db: AppDatabase,
	profileId: Id,
	role: ReminderRole,
	now: Date = new Date()
): Promise<rules.Reminder[]> {
	const profile = await db.profiles.get(profileId);
	if (!profile || profile.deletedAt) return [];
	const schoolId = profile.schoolId;
	const teacher = role === 'teacher';
	const mentor = role === 'mentor';
	const methodist = role === 'methodist';
	const [organizations, colleagues, memberships, plans, actions, pairs, sessions, assessments] = await Promise.all([
		db.organizations.toArray(),
		schoolId ? db.profiles.where('schoolId').equals(schoolId).toArray() : [],
		methodist && schoolId ? db.memberships.where('organizationId').equals(schoolId).toArray() : [],
		// The teacher's plans (the year's actions only); every plan on the methodist's device.
		teacher
			? db.development_plans.where('teacherId').equals(profileId).toArray()
			: methodist
				? db.development_plans.toArray()
				: [],
		teacher ? db.plan_actions.where('teacherId').equals(profileId).toArray() : [],
		teacher || mentor
			? db.mentoring_pairs
					.where(teacher ? 'menteeId' : 'mentorId')
					.equals(profileId)
					.toArray()
			: [],
		teacher || mentor
			? db.mentoring_sessions
					.where(teacher ? 'menteeId' : 'mentorId')
					.equals(profileId)
					.toArray()
			: [],
		teacher ? db.assessments.where('teacherId').equals(profileId).toArray() : methodist ? db.assessments.toArray() : []
	]);

	const orgs = alive(organizations);
	const zone = effectiveTimeZone(orgs, schoolId);
	const today = dateInZone(now.toISOString(), zone);
	const year = academicYearOf(today);
	const names = new Map(alive(colleagues).map((p) => [p.id, p.fullName]));
	const found: rules.Reminder[] = [];

	if (teacher) {
		const yearPlans = new Set(
			alive(plans)
				.filter((p) => p.academicYear === year)
				.map((p) => p.id)
		);
		found.push(
			...rules.actionReminders(
				alive(actions).filter((a) => yearPlans.has(a.planId)),
				today
			)
		);
		const assessment = rules.assessmentReminder(orgs, schoolId, profileId, alive(assessments), today);
		if (assessment) found.push(assessment);
	}
	if (teacher || mentor) {
		const views = alive(pairs).map((pair) => ({
			pair,
			sessions: sessions.filter((s) => s.pairId === pair.id),
			person: names.get(teacher ? pair.mentorId : pair.menteeId) ?? null
		}));
		found.push(...rules.meetingReminders(views, today, teacher ? 'mentee' : 'mentor'));
	}
	if (methodist && schoolId) {
		// Nobody approves their own plan: the methodist's waits for the director.
		const others = new Map([...names].filter(([id]) => id !== profileId));
		found.push(...rules.approvalReminders(plans, others, (at) => dateInZone(at, zone), today));
		const staff = schoolTeachers(colleagues, memberships, new Set([schoolId])).map((p) => p.id);
		const window = rules.schoolAssessmentReminder(orgs, schoolId, staff, alive(assessments), today);
		if (window) found.push(window);
	}
	return found.sort(rules.byUrgency);
}
