import type { Draft, Id, IsoDate } from '$lib/domain/common';
import { schoolTeachers, type Profile } from '$lib/domain/profile';
import { profileSchema } from '$lib/domain/schemas/profile';
import type { AppDatabase } from './database';
import * as rows from './rows';

export async function get(db: AppDatabase, id: Id): Promise<Profile | undefined> {
	const row = await db.profiles.get(id);
	return row && !row.deletedAt ? row : undefined;
}

export async function listAll(db: AppDatabase): Promise<Profile[]> {
	return rows.alive(await db.profiles.toArray()).sort((a, b) => a.fullName.localeCompare(b.fullName, 'ru'));
}

export async function listForSchool(db: AppDatabase, schoolId: Id): Promise<Profile[]> {
	const all = await db.profiles.where('schoolId').equals(schoolId).toArray();
	return rows.alive(all).sort((a, b) => a.fullName.localeCompare(b.fullName, 'ru'));
}

/**
 * The school's teachers by the one counting rule (profile.ts schoolTeachers): profiles of the
 * school with a live teacher or mentor membership in it — the staff list, the dashboard's tiles
 * and the indicators count exactly these.
 */
export async function listTeachersOfSchool(db: AppDatabase, schoolId: Id): Promise<Profile[]> {
	const [all, memberships] = await Promise.all([
		db.profiles.where('schoolId').equals(schoolId).toArray(),
		db.memberships.where('organizationId').equals(schoolId).toArray()
	]);
	return schoolTeachers(all, memberships, new Set([schoolId])).sort((a, b) =>
		a.fullName.localeCompare(b.fullName, 'ru')
	);
}

/** Today on the device's calendar: the date a стаж typed now is true on. */
function deviceToday(): IsoDate {
	const now = new Date();
	return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * A new profile's стаж is true today unless the writer gives the date it was true on (the staff
 * import, the guest move and a backup carry their own).
 */
export function create(
	db: AppDatabase,
	draft: Draft<Profile>,
	actor: rows.Actor,
	today: IsoDate = deviceToday()
): Promise<Profile> {
	const stamped = draft.experienceAsOf ? draft : { ...draft, experienceAsOf: today };
	return rows.insert(db, 'profiles', stamped, actor, (d) => profileSchema.validate(d));
}

/**
 * The date a patch leaves the стаж on. A стаж that changes is true today unless the patch gives
 * another date than the stored one (a form that sends the whole profile back sends the stored
 * date, or none, and means "today"); an unchanged стаж keeps its date, and a row that had none
 * gets today's once the стаж is saved again. The server applies the same rule to writes that
 * arrive without the date (private.stamp_experience_as_of), so every path that sets a стаж dates it.
 */
export function experienceAsOfAfter(
	current: Pick<Profile, 'experienceYears' | 'experienceAsOf'>,
	patch: Partial<Draft<Profile>>,
	today: IsoDate
): IsoDate | null | undefined {
	if (patch.experienceYears === undefined) return patch.experienceAsOf;
	const given = patch.experienceAsOf ?? null;
	if (given !== null && given !== current.experienceAsOf) return given;
	if (patch.experienceYears !== current.experienceYears || current.experienceAsOf === null) return today;
	return current.experienceAsOf;
}

export function update(
	db: AppDatabase,
	id: Id,
	patch: Partial<Draft<Profile>>,
	actor: rows.Actor,
	today: IsoDate = deviceToday()
): Promise<Profile> {
	return rows.transact(db, ['profiles'], async () => {
		const current = await db.profiles.get(id);
		const asOf = current ? experienceAsOfAfter(current, patch, today) : patch.experienceAsOf;
		const stamped = asOf === undefined ? patch : { ...patch, experienceAsOf: asOf };
		return rows.update(db, 'profiles', id, stamped, actor, (d) => profileSchema.validate(d));
	});
}
