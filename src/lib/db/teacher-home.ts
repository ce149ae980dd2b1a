import type { Id } from '$lib/domain/common';
import type { Activity } from '$lib/domain/activity';
import type { Assessment } from '$lib/domain/assessment';
import type { Deficit } from '$lib/domain/deficit';
import type { DevelopmentPlan, PlanAction } from '$lib/domain/development-plan';
import type { Framework } from '$lib/domain/framework';
import type { MentoringPair } from '$lib/domain/mentoring';
import type { Organization } from '$lib/domain/organization';
import type { Profile } from '$lib/domain/profile';
import type { SyncedRow } from '$lib/domain/common';
import { DEFAULT_FRAMEWORK_CODE } from '$lib/domain/frameworks/default-id';
import type { EarlyReader, ReadTable } from './early';

/**
 * The rows the teacher's home screen shows, read in one pass. A read model of its own, on purpose:
 * the home is the first screen on a cheap phone, and borrowing the noun modules' reads would pull
 * their write verbs and the validation schemas into its first load (a module cannot be split
 * between chunks). Queries only; the rules are applied by features/teacher/home.ts.
 */
export interface TeacherHomeRows {
	profile: Profile;
	school: Organization | undefined;
	/** Submitted and draft assessments of the year. */
	assessments: Assessment[];
	/** Frameworks those assessments were taken against, and the newest default one. */
	frameworks: Framework[];
	deficits: Deficit[];
	plan: DevelopmentPlan | undefined;
	actions: PlanAction[];
	activities: Activity[];
	activePair: MentoringPair | undefined;
	mentor: Profile | undefined;
}

/**
 * The tables the home reads: an AppDatabase, or the early reader's (early.ts) while Dexie is on its
 * way — the same queries either way, so the first paint and the live screen cannot disagree.
 */
export interface HomeDb {
	transaction<T>(mode: 'r', tables: readonly unknown[], scope: () => Promise<T>): PromiseLike<T>;
	profiles: ReadTable<Profile>;
	organizations: ReadTable<Organization>;
	assessments: ReadTable<Assessment>;
	frameworks: ReadTable<Framework>;
	deficits: ReadTable<Deficit>;
	development_plans: ReadTable<DevelopmentPlan>;
	plan_actions: ReadTable<PlanAction>;
	activities: ReadTable<Activity>;
	mentoring_pairs: ReadTable<MentoringPair>;
}

/** The home's tables through the early reader. */
export function earlyHomeDb(reader: EarlyReader): HomeDb {
	return {
		transaction: (mode, tables, scope) => reader.transaction(mode, tables, scope),
		profiles: reader.table('profiles'),
		organizations: reader.table('organizations'),
		assessments: reader.table('assessments'),
		frameworks: reader.table('frameworks'),
		deficits: reader.table('deficits'),
		development_plans: reader.table('development_plans'),
		plan_actions: reader.table('plan_actions'),
		activities: reader.table('activities'),
		mentoring_pairs: reader.table('mentoring_pairs')
	};
}

function alive<T extends SyncedRow>(rows: T[]): T[] {
	return rows.filter((r) => !r.deletedAt);
}

export async function read(db: HomeDb, teacherId: Id, academicYear: number): Promise<TeacherHomeRows | null> {
	return db.transaction(
		'r',
		[
			db.profiles,
			db.organizations,
			db.assessments,
			db.frameworks,
			db.deficits,
			db.development_plans,
			db.plan_actions,
			db.activities,
			db.mentoring_pairs
		],
		async () => {
			// Two rounds of requests, not four: everything keyed by the teacher at once, then what
			// those rows point to. Each round is a wait for the IndexedDB backend on a cold start.
			const [profile, assessments, defaults, deficits, plans, activities, pairs] = await Promise.all([
				db.profiles.get(teacherId),
				db.assessments.where('[teacherId+academicYear]').equals([teacherId, academicYear]).toArray(),
				db.frameworks.where('code').equals(DEFAULT_FRAMEWORK_CODE).toArray(),
				db.deficits.where('teacherId').equals(teacherId).toArray(),
				db.development_plans.where('[teacherId+academicYear]').equals([teacherId, academicYear]).toArray(),
				db.activities.where('teacherId').equals(teacherId).toArray(),
				db.mentoring_pairs.where('menteeId').equals(teacherId).toArray()
			]);
			if (!profile || profile.deletedAt) return null;
			const plan = alive(plans)[0];
			const activePair = alive(pairs).find((p) => p.status === 'active');
			const usedIds = [...new Set(alive(assessments).map((a) => a.frameworkId))];
			const [school, planActions, usedRows, mentor] = await Promise.all([
				profile.schoolId ? db.organizations.get(profile.schoolId) : undefined,
				plan ? db.plan_actions.where('planId').equals(plan.id).toArray() : [],
				db.frameworks.bulkGet(usedIds),
				activePair ? db.profiles.get(activePair.mentorId) : undefined
			]);
			const actions = alive(planActions);
			const used = usedRows.filter((f): f is Framework => !!f);
			return {
				profile,
				school: school && !school.deletedAt ? school : undefined,
				assessments: alive(assessments),
				frameworks: alive([...defaults, ...used.filter((f) => !defaults.some((d) => d.id === f.id))]),
				deficits: alive(deficits),
				plan,
				actions,
				activities: alive(activities),
				activePair,
				mentor: mentor && !mentor.deletedAt ? mentor : undefined
			};
		}
	);
}
