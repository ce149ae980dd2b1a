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
	/**
	 * When the author wrote it, on their device (an edit or the mark «выполнено» moves only
	 * `updatedAt`). Never changes after the insert. Absent on a copy synced before the server had
	 * the column: the server gave those rows their `updated_at` as `created_at` and did not send
	 * them again, so `writtenAt` falls back to `updatedAt` and agrees with the server.
	 */
	createdAt?: IsoDateTime;
}

/** When a recommendation was written: `createdAt`, or for an older copy without it, its last change. */
export function writtenAt(rec: Pick<Recommendation, 'createdAt' | 'updatedAt'>): IsoDateTime {
	return rec.createdAt ?? rec.updatedAt;
}

/** Who marks a recommendation done: the addressed teacher, or for a school-wide one the school methodist. */
export function isRecipient(rec: Pick<Recommendation, 'teacherId'>, me: Id, schoolMethodist: boolean): boolean {
	return rec.teacherId === null ? schoolMethodist : rec.teacherId === me;
}

/**
 * Open first (earliest due date first, undated last), then done; within each, the most recently
 * written first (by `writtenAt`, so an edit does not move one up the list).
 */
export function byUrgency(a: Recommendation, b: Recommendation): number {
	const doneA = a.doneAt !== null;
	const doneB = b.doneAt !== null;
	if (doneA !== doneB) return doneA ? 1 : -1;
	if (!doneA) {
		const dueA = a.dueOn ?? '9999-12-31';
		const dueB = b.dueOn ?? '9999-12-31';
		if (dueA !== dueB) return dueA < dueB ? -1 : 1;
	}
	return writtenAt(b).localeCompare(writtenAt(a)) || a.id.localeCompare(b.id);
}

/** Past its due date and not done, on `today` ('YYYY-MM-DD'). */
export function isOverdue(rec: Pick<Recommendation, 'dueOn' | 'doneAt'>, today: IsoDate): boolean {
	return rec.doneAt === null && rec.dueOn !== null && rec.dueOn < today;
}
