import type { Id } from '$lib/domain/common';
import { targetId, type IndicatorTarget } from '$lib/domain/indicator-target';
import type { IndicatorCode } from '$lib/domain/indicators';
import { indicatorTargetSchema } from '$lib/domain/schemas/indicator-target';
import type { AppDatabase } from './database';
import { LocalWriteError } from './errors';
import { nowIso } from './ids';
import * as outbox from './outbox';
import * as rows from './rows';

/**
 * The planned values of the indicators (плановые значения), per scope and academic year. Synced:
 * the server keeps one live row per (scope, year, indicator) and lets the school methodist set the
 * school's, a municipal methodist those of their municipality and its schools.
 */

/** Every live target on the device (targetsFor picks the ones that apply to a scope). */
export async function list(db: AppDatabase): Promise<IndicatorTarget[]> {
	return rows.alive(await db.indicator_targets.toArray());
}

/** The targets of one scope. */
export async function listFor(db: AppDatabase, organizationId: Id): Promise<IndicatorTarget[]> {
	return rows.alive(await db.indicator_targets.where('organizationId').equals(organizationId).toArray());
}

async function find(
	db: AppDatabase,
	organizationId: Id,
	academicYear: number,
	code: IndicatorCode
): Promise<IndicatorTarget[]> {
	return db.indicator_targets
		.where('[organizationId+academicYear+code]')
		.equals([organizationId, academicYear, code])
		.toArray();
}

/**
 * Set (a share 0..1, clamped) or clear (null: a tombstone) the planned value of an indicator for a
 * scope and year. An existing live row is updated; a cleared one under the key's stable id comes
 * back to life; otherwise the row is made under that id (indicator-target.ts targetId).
 */
export async function set(
	db: AppDatabase,
	organizationId: Id,
	academicYear: number,
	code: IndicatorCode,
	value: number | null,
	actor: rows.Actor
): Promise<IndicatorTarget | null> {
	const clamped = value === null ? null : Math.min(1, Math.max(0, value));
	if (clamped !== null) {
		const issues = indicatorTargetSchema.validate({ organizationId, academicYear, code, value: clamped });
		if (issues.length)
			throw new LocalWriteError('invalid', issues.map((i) => `${i.path}: ${i.code}`).join('; '), issues);
	}
	return rows.transact(db, ['indicator_targets'], async () => {
		const held = await find(db, organizationId, academicYear, code);
		const live = held.filter((r) => !r.deletedAt);
		if (clamped === null) {
			for (const row of live) await rows.remove(db, 'indicator_targets', row.id, actor);
			return null;
		}
		if (live.length) {
			// One live row per key on the server; a second here would be a leftover, so it goes.
			for (const extra of live.slice(1)) await rows.remove(db, 'indicator_targets', extra.id, actor);
			return rows.update(db, 'indicator_targets', live[0]!.id, { value: clamped }, actor);
		}
		const id = targetId(organizationId, academicYear, code);
		const cleared = held.find((r) => r.id === id);
		if (cleared) {
			// Revive the tombstone: the server's row has this id, so an insert would be refused.
			const row: IndicatorTarget = {
				...cleared,
				value: clamped,
				deletedAt: null,
				updatedAt: nowIso(),
				updatedBy: actor.profileId
			};
			await db.indicator_targets.put(row);
			await outbox.append(db, {
				table: 'indicator_targets',
				rowId: id,
				op: 'upsert',
				fields: { value: clamped, deletedAt: null },
				base: { value: cleared.value, deletedAt: cleared.deletedAt }
			});
			return row;
		}
		return rows.insert(db, 'indicator_targets', { id, organizationId, academicYear, code, value: clamped }, actor);
	});
}

/**
 * Set or clear several planned values of one scope and year at once (the administrator's
 * «Сохранить»): all of them or, when one is refused, none — they are written in one transaction.
 */
export async function setMany(
	db: AppDatabase,
	organizationId: Id,
	academicYear: number,
	values: Partial<Record<IndicatorCode, number | null>>,
	actor: rows.Actor
): Promise<void> {
	await rows.transact(db, ['indicator_targets'], async () => {
		for (const [code, value] of Object.entries(values) as [IndicatorCode, number | null][])
			await set(db, organizationId, academicYear, code, value, actor);
	});
}
