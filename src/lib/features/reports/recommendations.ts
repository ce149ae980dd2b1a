import type { Id, IsoDate, IsoDateTime } from '$lib/domain/common';
import type { ReportAccess } from '$lib/domain/competence-report';
import { academicYearOf } from '$lib/domain/academic-year';
import { isOverdue, writtenAt, type Recommendation } from '$lib/domain/recommendation';

/*
 * The «Адресные рекомендации» section of the analytical note: which recommendations a note for a
 * scope and academic year lists, in what order, and what it says about each. Pure: the page
 * passes the rows on the device, the names it knows, today and the instant → calendar date rule.
 */

export interface NoteRecommendation {
	id: Id;
	body: string;
	/** The school it is addressed to, and its name (the municipal note names it). */
	schoolId: Id;
	schoolName: string;
	/** Null: the whole school. */
	teacherId: Id | null;
	/** The teacher's name when addressed to one and the reader may see it; null otherwise. */
	teacherName: string | null;
	/** Null when the author's profile is not on the device. */
	authorName: string | null;
	writtenOn: IsoDate;
	dueOn: IsoDate | null;
	doneOn: IsoDate | null;
	overdue: boolean;
}

export interface NoteRecommendationsInput {
	recommendations: readonly Recommendation[];
	/** The schools of the note's scope: the school itself, or every school of a municipality. */
	schools: readonly { id: Id; name: string }[];
	/** A municipal reader sees only recommendations to whole schools: no individual is named. */
	access: ReportAccess;
	/** The academic year (start year) the note is about: recommendations written in it. */
	year: number;
	today: IsoDate;
	/** Profile names known on the device: teachers and authors. */
	names: ReadonlyMap<Id, string>;
	/** The calendar date of an instant (the device's, or UTC in tests). */
	dateOf: (at: IsoDateTime) => IsoDate;
}

/**
 * The recommendations a note lists: addressed to a school of the scope (and, for the school
 * methodist, to its teachers), written in the academic year, not withdrawn. Ordered by school
 * name, then by the date written, oldest first — the order they were given in.
 */
export function forNote(input: NoteRecommendationsInput): NoteRecommendation[] {
	const schools = new Map(input.schools.map((s) => [s.id, s.name]));
	const out: { at: IsoDateTime; item: NoteRecommendation }[] = [];
	for (const rec of input.recommendations) {
		if (rec.deletedAt !== null) continue;
		const schoolName = schools.get(rec.organizationId);
		if (schoolName === undefined) continue;
		if (input.access === 'municipal' && rec.teacherId !== null) continue;
		const at = writtenAt(rec);
		const writtenOn = input.dateOf(at);
		if (academicYearOf(writtenOn) !== input.year) continue;
		const item: NoteRecommendation = {
			id: rec.id,
			body: rec.body,
			schoolId: rec.organizationId,
			schoolName,
			teacherId: rec.teacherId,
			teacherName: rec.teacherId === null ? null : (input.names.get(rec.teacherId) ?? null),
			authorName: input.names.get(rec.authorId) ?? null,
			writtenOn,
			dueOn: rec.dueOn,
			doneOn: rec.doneAt === null ? null : input.dateOf(rec.doneAt),
			overdue: isOverdue(rec, input.today)
		};
		out.push({ at, item });
	}
	return out
		.sort(
			(a, b) =>
				a.item.schoolName.localeCompare(b.item.schoolName, 'ru') ||
				Date.parse(a.at) - Date.parse(b.at) ||
				a.item.id.localeCompare(b.item.id)
		)
		.map((x) => x.item);
}

/** How many a note lists, done, and open past their due date. */
export function tally(list: readonly NoteRecommendation[]): { total: number; done: number; overdue: number } {
	return {
		total: list.length,
		done: list.filter((r) => r.doneOn !== null).length,
		overdue: list.filter((r) => r.overdue).length
	};
}

/** 'dd.mm.yyyy', as a printed Russian document writes dates. */
export function numericDate(date: IsoDate): string {
	const [y, m, d] = date.split('-');
	return `${d}.${m}.${y}`;
}
