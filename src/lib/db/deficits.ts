import type { Draft, Id } from '$lib/domain/common';
import { deficitTransition, type Deficit, type DeficitStatus } from '$lib/domain/deficit';
import { deficitSchema } from '$lib/domain/schemas/deficit';
import { issue } from '$lib/domain/validation';
import type { AppDatabase } from './database';
import { LocalWriteError } from './errors';
import { nowIso } from './ids';
import * as rows from './rows';

/**
 * What a teacher (or methodist) fills in to record a deficit by hand; a recommendation of a
 * lesson observation also names the observation it came from.
 */
export type NewDeficit = Pick<Deficit, 'teacherId' | 'competencyId' | 'indicatorIds' | 'source' | 'description'> & {
	sourceObservationId?: Id | null;
};

export async function listForTeacher(db: AppDatabase, teacherId: Id): Promise<Deficit[]> {
	return rows.alive(await db.deficits.where('teacherId').equals(teacherId).toArray());
}

export async function listAll(db: AppDatabase): Promise<Deficit[]> {
	return rows.alive(await db.deficits.toArray());
}

export async function get(db: AppDatabase, id: Id): Promise<Deficit | undefined> {
	const row = await db.deficits.get(id);
	return row && !row.deletedAt ? row : undefined;
}

/** The full row a manual entry becomes, before the data layer adds ids and sync fields. */
export function draftOf(input: NewDeficit, at: string, by: Id | null): Draft<Deficit> {
	return {
		teacherId: input.teacherId,
		competencyId: input.competencyId,
		indicatorIds: [...input.indicatorIds],
		source: input.source,
		description: input.description.trim(),
		// A person wrote it down, so nobody needs to confirm it: it starts as выявлен.
		status: 'identified',
		confirmedAt: null,
		sourceAssessmentId: null,
		sourceObservationId: input.sourceObservationId ?? null,
		history: [{ status: 'identified', at, by }]
	};
}

/** Record a deficit found outside the app's own assessments (ВПР/ГИА, ВСОКО, НОКО, a test…). */
export function create(db: AppDatabase, input: NewDeficit, actor: rows.Actor): Promise<Deficit> {
	return rows.insert(db, 'deficits', draftOf(input, nowIso(), actor.profileId), actor, (d) =>
		deficitSchema.validate(d)
	);
}

/**
 * Move a deficit along its life cycle (domain `DEFICIT_TRANSITIONS`), appending to its history.
 * A move the domain forbids writes nothing and fails as 'invalid' with an issue on `status`.
 * The read and the write share one transaction, so two quick taps cannot both apply to the same
 * starting status.
 */
export function transition(db: AppDatabase, id: Id, to: DeficitStatus, actor: rows.Actor): Promise<Deficit> {
	return rows.transact(db, ['deficits'], async () => {
		const current = await get(db, id);
		if (!current) throw new LocalWriteError('not-found', `deficits/${id}`);
		const moved = deficitTransition(current, to, nowIso(), actor.profileId);
		if (!moved.ok) {
			throw new LocalWriteError('invalid', `deficits/${id}: ${current.status} → ${to}`, [
				issue('status', 'not_allowed', { from: current.status, to })
			]);
		}
		return rows.update(db, 'deficits', id, { status: moved.value.status, history: moved.value.history }, actor, (d) =>
			deficitSchema.validate(d)
		);
	});
}

/** The teacher agrees with a proposal made from their self-assessment: предложен → выявлен. */
export function confirm(db: AppDatabase, id: Id, actor: rows.Actor): Promise<Deficit> {
	return rows.transact(db, ['deficits'], async () => {
		const current = await get(db, id);
		if (!current) throw new LocalWriteError('not-found', `deficits/${id}`);
		// Only a proposal is confirmed; bringing back a dismissed deficit is a transition the teacher chooses.
		if (current.status !== 'proposed') {
			throw new LocalWriteError('invalid', `deficits/${id} is ${current.status}`, [
				issue('status', 'not_allowed', { from: current.status, to: 'identified' })
			]);
		}
		return transition(db, id, 'identified', actor);
	});
}

/** Not a deficit after all (a proposal, or a deficit recorded by mistake): → отклонён. */
export function dismiss(db: AppDatabase, id: Id, actor: rows.Actor): Promise<Deficit> {
	return transition(db, id, 'dismissed', actor);
}
