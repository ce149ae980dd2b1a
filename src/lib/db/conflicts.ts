import type { Id } from '$lib/domain/common';
import type { AppDatabase, SyncConflict } from './database';
import { LocalWriteError, toLocalWriteError } from './errors';
import { nowIso } from './ids';
import * as rows from './rows';

/**
 * Values the server overwrote (two people changed one field from the same starting value; the
 * later arrival won). Both values are shown; the user keeps either. Keeping the current value only
 * marks the conflict reviewed; keeping the overwritten one writes it back as an ordinary change,
 * so it syncs (and may itself be refused, e.g. when the field is no longer this user's to change).
 */

/**
 * 'current' / 'overwritten' name the values; 'mine' / 'theirs' are relative to the person
 * reviewing: "mine" is the value they wrote (the overwritten one when it was theirs and the
 * change that overwrote it was someone else's; otherwise the current one).
 */
export type ConflictChoice = 'current' | 'overwritten' | 'mine' | 'theirs';

/** Fields the data layer owns; their conflicts can only be acknowledged. */
const META_FIELDS = new Set(['id', 'version', 'updatedAt', 'updatedBy', 'deletedAt']);

function fieldName(column: string): string {
	return column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Instants inside jsonb come as Postgres prints them; the device keeps toISOString(). */
function restored(field: string, value: unknown): unknown {
	if (!field.endsWith('At') || typeof value !== 'string') return value;
	const at = new Date(value);
	return Number.isNaN(at.getTime()) ? value : at.toISOString();
}

/** Waiting for review, newest first. */
export async function unresolved(db: AppDatabase): Promise<SyncConflict[]> {
	const all = await db.sync_conflicts.orderBy('createdAt').reverse().toArray();
	return all.filter((c) => !c.resolvedAt);
}

export async function forRow(db: AppDatabase, table: string, rowId: Id): Promise<SyncConflict[]> {
	return db.sync_conflicts.where('[tableName+rowId]').equals([table, rowId]).toArray();
}

function keepsOverwritten(c: SyncConflict, keep: ConflictChoice, actor: rows.Actor): boolean {
	if (keep === 'overwritten') return true;
	if (keep === 'current') return false;
	const mineWasOverwritten =
		actor.profileId !== null && c.overwrittenBy === actor.profileId && c.profileId !== actor.profileId;
	return keep === 'mine' ? mineWasOverwritten : !mineWasOverwritten;
}

export async function resolve(db: AppDatabase, id: Id, keep: ConflictChoice, actor: rows.Actor): Promise<void> {
	const conflict = await db.sync_conflicts.get(id);
	if (!conflict) throw new LocalWriteError('not-found', `sync_conflicts/${id}`);
	if (conflict.resolvedAt) return;
	const field = fieldName(conflict.field);
	const restore = keepsOverwritten(conflict, keep, actor) && !META_FIELDS.has(field);
	try {
		await db.transaction('rw', [db.table(conflict.tableName), db.outbox, db.meta, db.sync_conflicts], async () => {
			if (restore) {
				await rows.update(
					db,
					conflict.tableName,
					conflict.rowId,
					{ [field]: restored(field, conflict.overwritten) } as never,
					actor
				);
			}
			await db.sync_conflicts.update(id, { resolvedAt: nowIso() });
		});
	} catch (error) {
		throw toLocalWriteError(error);
	}
}
