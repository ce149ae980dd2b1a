import type { Id, SyncedRow } from '$lib/domain/common';
import type { Assessment } from '$lib/domain/assessment';
import type { Deficit } from '$lib/domain/deficit';
import type { DevelopmentPlan, PlanAction } from '$lib/domain/development-plan';
import type { Membership } from '$lib/domain/membership';
import type { Observation } from '$lib/domain/observation';
import type { Organization } from '$lib/domain/organization';
import type { Profile } from '$lib/domain/profile';
import type { EarlyReader, ReadTable } from './early';

/**
 * The rows the school methodist's dashboard counts, read in one round. A read model of its own,
 * as teacher-home.ts is for the teacher: the dashboard is a methodist's first screen, and the noun
 * modules' reads would bring their write verbs, the validation schemas and Dexie into its first
 * load. Queries only; features/school/overview.ts applies the rules.
 */
export interface SchoolOverviewRows {
	school: Organization;
	/** Profiles whose school is this one, and the memberships in it (profile.ts schoolTeachers counts from both). */
	profiles: Profile[];
	memberships: Membership[];
	/** Every submitted assessment on the device (the year is picked by the caller). */
	submitted: Assessment[];
	deficits: Deficit[];
	plans: DevelopmentPlan[];
	actions: PlanAction[];
	observations: Observation[];
}

/** The tables the dashboard reads: an AppDatabase, or the early reader's before Dexie is loaded. */
export interface OverviewDb {
	transaction<T>(mode: 'r', tables: readonly unknown[], scope: () => Promise<T>): PromiseLike<T>;
	organizations: ReadTable<Organization>;
	profiles: ReadTable<Profile>;
	memberships: ReadTable<Membership>;
	assessments: ReadTable<Assessment>;
	deficits: ReadTable<Deficit>;
	development_plans: ReadTable<DevelopmentPlan>;
	plan_actions: ReadTable<PlanAction>;
	observations: ReadTable<Observation>;
}

/** The dashboard's tables through the early reader (db/early.ts). */
export function earlyOverviewDb(reader: EarlyReader): OverviewDb {
	return {
		transaction: (mode, tables, scope) => reader.transaction(mode, tables, scope),
		organizations: reader.table('organizations'),
		profiles: reader.table('profiles'),
		memberships: reader.table('memberships'),
		assessments: reader.table('assessments'),
		deficits: reader.table('deficits'),
		development_plans: reader.table('development_plans'),
		plan_actions: reader.table('plan_actions'),
		observations: reader.table('observations')
	};
}

function alive<T extends SyncedRow>(rows: T[]): T[] {
	return rows.filter((r) => !r.deletedAt);
}

/** Null when the school is not on this device (or deleted). */
export async function read(db: OverviewDb, schoolId: Id): Promise<SchoolOverviewRows | null> {
	return db.transaction(
		'r',
		[
			db.organizations,
			db.profiles,
			db.memberships,
			db.assessments,
			db.deficits,
			db.development_plans,
			db.plan_actions,
			db.observations
		],
		async () => {
			// One round: each is a wait for the IndexedDB backend on a cold start.
			const [school, profiles, memberships, submitted, deficits, plans, actions, observations] = await Promise.all([
				db.organizations.get(schoolId),
				db.profiles.where('schoolId').equals(schoolId).toArray(),
				db.memberships.where('organizationId').equals(schoolId).toArray(),
				db.assessments.where('status').equals('submitted').toArray(),
				db.deficits.toArray(),
				db.development_plans.toArray(),
				db.plan_actions.toArray(),
				db.observations.toArray()
			]);
			if (!school || school.deletedAt) return null;
			return {
				school,
				profiles: alive(profiles),
				memberships: alive(memberships),
				submitted: alive(submitted),
				deficits: alive(deficits),
				plans: alive(plans),
				actions: alive(actions),
				observations: alive(observations)
			};
		}
	);
}
