import type { Draft, Id } from '$lib/domain/common';
import type { Profile } from '$lib/domain/profile';
import { profileSchema } from '$lib/domain/schemas/profile';
import * as staff from '$lib/domain/staff-import';
import type { AppDatabase } from './database';
import { LocalWriteError } from './errors';
import * as organizations from './organizations';
import * as rows from './rows';

async function existing(db: AppDatabase): Promise<staff.Existing> {
	const [all, memberships] = await Promise.all([db.profiles.toArray(), db.memberships.toArray()]);
	return { profiles: rows.alive(all), memberships: rows.alive(memberships) };
}

async function school(db: AppDatabase, schoolId: Id): Promise<staff.School> {
	const found = await organizations.get(db, schoolId);
	if (!found || found.kind !== 'school') throw new LocalWriteError('not-found', `organizations/${schoolId}`);
	return found;
}

/**
 * Write a plan's steps: new profiles with a 'teacher' membership in their school, changed fields
 * of matched profiles, a missing membership. Bulk writes (rows.insertMany/updateMany): 5,000 rows
 * one by one would take tens of thousands of IndexedDB requests. Runs inside the caller's
 * transaction.
 */
async function write(db: AppDatabase, result: staff.StaffPlan, actor: rows.Actor): Promise<void> {
	const drafts: Draft<Profile>[] = [];
	const changes: { id: Id; patch: Partial<Draft<Profile>> }[] = [];
	const joining: { profileId: Id; organizationId: Id }[] = [];
	for (const step of result.steps) {
		if (step.kind === 'create') drafts.push(step.draft);
		if (step.kind !== 'update') continue;
		if (Object.keys(step.patch).length > 0) changes.push({ id: step.profileId, patch: step.patch });
		if (step.addMembership) joining.push({ profileId: step.profileId, organizationId: step.schoolId });
	}
	const validate = (d: Draft<Profile>) => profileSchema.validate(d);
	const made = await rows.insertMany(db, 'profiles', drafts, actor, validate);
	await rows.updateMany(db, 'profiles', changes, actor, validate);
	// Memberships after their profiles, so the server receives them in that order.
	// membershipSchema is not imported: the role is fixed here and the server checks the rest.
	const members = [...made.map((p) => ({ profileId: p.id, organizationId: p.schoolId! })), ...joining].map((m) => ({
		...m,
		role: 'teacher' as const
	}));
	await rows.insertMany(db, 'memberships', members, actor);
}

/** What importing `sheet` into the school would do; writes nothing. */
export async function preview(
	db: AppDatabase,
	sheet: readonly staff.SheetRow[],
	schoolId: Id,
	options: staff.PlanOptions = {}
): Promise<staff.StaffPlan> {
	const [target, known] = await Promise.all([school(db, schoolId), existing(db)]);
	return staff.plan(sheet, target, known, options);
}

/**
 * Write the rows of `sheet` that have no problem into the school. **One transaction**: the import
 * lands whole or not at all, with every row's outbox entry, so it syncs as a whole too. The plan
 * is made again inside the transaction, so a profile pulled by sync since the preview is matched
 * rather than duplicated. Returns the plan that was applied.
 */
export async function apply(
	db: AppDatabase,
	sheet: readonly staff.SheetRow[],
	schoolId: Id,
	actor: rows.Actor,
	options: staff.PlanOptions = {}
): Promise<staff.StaffPlan> {
	return rows.transact(db, ['organizations', 'profiles', 'memberships'], async () => {
		const result = staff.plan(sheet, await school(db, schoolId), await existing(db), options);
		await write(db, result, actor);
		return result;
	});
}

/**
 * A municipal list on the device (guest mode, where the device holds every school's staff): the
 * rows of `reading` placed by `schoolOf` (the schools the person confirmed), matched against the
 * device's profiles. Writes nothing.
 */
export async function previewMany(
	db: AppDatabase,
	reading: staff.Reading,
	schoolOf: (name: string) => Id | null,
	options: staff.PlanOptions = {}
): Promise<staff.StaffPlan> {
	return staff.placeAndMatch(reading, schoolOf, 'unknown_school', await existing(db), options);
}

/** As previewMany, then written as apply writes: one transaction, every school's rows. */
export async function applyMany(
	db: AppDatabase,
	reading: staff.Reading,
	schoolOf: (name: string) => Id | null,
	actor: rows.Actor,
	options: staff.PlanOptions = {}
): Promise<staff.StaffPlan> {
	return rows.transact(db, ['organizations', 'profiles', 'memberships'], async () => {
		const result = staff.placeAndMatch(reading, schoolOf, 'unknown_school', await existing(db), options);
		await write(db, result, actor);
		return result;
	});
}
