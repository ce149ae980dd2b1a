import type { Id, IsoDate, IsoDateTime, SyncedRow } from './common';

/** The longest recommendation a methodist may write (the server's recommendations_body_length). */
export const RECOMMENDATION_MAX_LENGTH = 2000;

/**
 * An addressed recommendation (адресная рекомендация): a methodist writes it to a school
 * (`teacherId` null: the whole school) or to one teacher of that school; the recipient marks it
 * done. A municipal methodist writes only to whole schools: municipal users see no individuals.
 * The author owns the text and the due date; the recipient owns `doneAt`/`doneBy`.
 */
export interface Recommendation extends SyncedRow {
	authorId: Id;
	/** The school it is addressed to. */
	organizationId: Id;
	/** One teacher of that school, or null for the whole school. */
	teacherId: Id | null;
	body: string;
	dueOn: IsoDate | null;
	doneAt: IsoDateTime | null;
	doneBy: Id | null;
}

/** Who marks a recommendation done: the addressed teacher, or for a school-wide one the school methodist. */
export function isRecipient(rec: Pick<Recommendation, 'teacherId'>, me: Id, schoolMethodist: boolean): boolean {
	return rec.teacherId === null ? schoolMethodist : rec.teacherId === me;
}

/** Open first (earliest due date first, undated last), then done, newest first within each. */
export function byUrgency(a: Recommendation, b: Recommendation): number {
	const doneA = a.doneAt !== null;
	const doneB = b.doneAt !== null;
	if (doneA !== doneB) return doneA ? 1 : -1;
	if (!doneA) {
		const dueA = a.dueOn ?? '9999-12-31';
		const dueB = b.dueOn ?? '9999-12-31';
		if (dueA !== dueB) return dueA < dueB ? -1 : 1;
	}
	return b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id);
}

/** Past its due date and not done, on `today` ('YYYY-MM-DD'). */
export function isOverdue(rec: Pick<Recommendation, 'dueOn' | 'doneAt'>, today: IsoDate): boolean {
	return rec.doneAt === null && rec.dueOn !== null && rec.dueOn < today;
}
