import type { Id } from '$lib/domain/common';
import type { Organization } from '$lib/domain/organization';
import type { AppDatabase } from './database';
import * as rows from './rows';

export async function get(db: AppDatabase, id: Id): Promise<Organization | undefined> {
	const row = await db.organizations.get(id);
	return row && !row.deletedAt ? row : undefined;
}

export async function listAll(db: AppDatabase): Promise<Organization[]> {
	return rows.alive(await db.organizations.toArray()).sort((a, b) => a.name.localeCompare(b.name, 'ru'));
}

export async function children(db: AppDatabase, parentId: Id): Promise<Organization[]> {
	return rows.alive(await db.organizations.where('parentId').equals(parentId).toArray());
}
