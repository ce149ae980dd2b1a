import type { Draft, Id } from '$lib/domain/common';
import type { Profile } from '$lib/domain/profile';
import { profileSchema } from '$lib/domain/schemas/profile';
import * as staff from '$lib/domain/staff-import';
import type { AppDatabase } from './database';
import { LocalWriteError } from './errors';
import * as organizations from './organizations';
import * as rows from './rows';

async function context(db: AppDatabase, schoolId: Id): Promise<{ school: staff.School; existing: staff.Existing }> {
	const school = await organizations.get(db, schoolId);
	if (!school || school.kind !== 'school') throw new LocalWriteError('not-found', `organizations/${schoolId}`);
	const [all, memberships] = await Promise.all([db.profiles.toArray(), db.memberships.toArray()]);
	return { school, existing: { profiles: rows.alive(all), memberships: rows.alive(memberships) } };
}

/** What importing `sheet` into the school would do; writes nothing. */
export async function preview(db: AppDatabase, sheet: readonly staff.SheetRow[], schoolId: Id, options: staff.PlanOptions = {}): Promise<staff.StaffPlan> {
	const { school, existing } = await context(db, schoolId);
	return staff.plan(sheet, school, existing, options);
}

/**
 * Write the rows of `sheet` that have no problem: new profiles with a 'teacher' membership in the
 * school, changed fields of matched profiles, a missing membership. **One transaction**: the
 * import lands whole or not at all, with every row's outbox entry, so it syncs as a whole too.
 * The plan is made again inside the transaction, so a profile pulled by sync since the preview is
 * matched rather than duplicated. Bulk writes (rows.insertMany/updateMany): 5,000 rows one by one
 * would take tens of thousands of IndexedDB requests. Returns the plan that was applied.
 */
export async function apply(
	db: AppDatabase,
	sheet: readonly staff.SheetRow[],
	schoolId: Id,
	actor: rows.Actor,
	options: staff.PlanOptions = {}
): Promise<staff.StaffPlan> {
	return rows.transact(db, ['organizations', 'profiles', 'memberships'], async () => {
		const { school, existing } = await context(db, schoolId);
		const result = staff.plan(sheet, school, existing, options);
		const drafts: Draft<Profile>[] = [];
		const changes: { id: Id; patch: Partial<Draft<Profile>> }[] = [];
		const joining: Id[] = [];
		for (const step of result.steps) {
			if (step.kind === 'create') drafts.push(step.draft);
			if (step.kind !== 'update') continue;
			if (Object.keys(step.patch).length > 0) changes.push({ id: step.profileId, patch: step.patch });
			if (step.addMembership) joining.push(step.profileId);
		}
		const validate = (d: Draft<Profile>) => profileSchema.validate(d);
		const made = await rows.insertMany(db, 'profiles', drafts, actor, validate);
		await rows.updateMany(db, 'profiles', changes, actor, validate);
		// Memberships after their profiles, so the server receives them in that order.
		// membershipSchema is not imported: the role is fixed here and the server checks the rest.
		const members = [...made.map((p) => p.id), ...joining].map((profileId) => ({ profileId, organizationId: school.id, role: 'teacher' as const }));
		await rows.insertMany(db, 'memberships', members, actor);
		return result;
	});
}
