import type { Draft, Id } from '$lib/domain/common';
import type { Profile } from '$lib/domain/profile';
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

export function create(db: AppDatabase, draft: Draft<Profile>, actor: rows.Actor): Promise<Profile> {
	return rows.insert(db, 'profiles', draft, actor, (d) => profileSchema.validate(d));
}

export function update(db: AppDatabase, id: Id, patch: Partial<Draft<Profile>>, actor: rows.Actor): Promise<Profile> {
	return rows.update(db, 'profiles', id, patch, actor, (d) => profileSchema.validate(d));
}
