import { referenceDateOf } from './academic-year';
import {
	AGE_BANDS,
	EXPERIENCE_BANDS,
	ageBandOf,
	experienceBandOf,
	type AgeBandId,
	type ExperienceBandId
} from './bands';
import type { Id, IsoDate } from './common';
import type { ReportAccess } from './competence-report';
import { protectFamily, type DisclosureSettings, type ReportScope } from './disclosure';
import { indexRows } from './row-index';
import {
	CATEGORIES,
	EDUCATION_LEVELS,
	ageOn,
	experienceOn,
	hasUnknownExpiry,
	isCategoryValid,
	type Category,
	type EducationLevel,
	type Profile
} from './profile';

/**
 * Кадровый состав of a scope on a reference date (DOMAIN.md, "Indicators the methodist sees"):
 * 1 January inside the academic year unless the school methodist picks another date. Counts are
 * the truth; a share is its count over the scope's teachers, kept unrounded — rounding is for
 * display only (`displayPercents`), so totals always agree with the counts. SQL twin:
 * public.report_staff_profile.
 */

export type StaffMember = Pick<
	Profile,
	'birthYear' | 'birthDate' | 'experienceYears' | 'experienceAsOf' | 'education' | 'category' | 'categoryExpiresOn'
>;

export interface StaffCount<Key extends string> {
	key: Key;
	count: number;
	/** count / teachers, unrounded; null for a scope without teachers. */
	share: number | null;
}

export interface StaffProfile {
	/** The date every breakdown describes. */
	date: IsoDate;
	teachers: number;
	/** Age in full years on the date (profile.ts ageOn). */
	age: StaffCount<AgeBandId>[];
	/** Стаж on the date (profile.ts experienceOn); a teacher hired after it is in «до 3 лет». */
	experience: StaffCount<ExperienceBandId>[];
	education: StaffCount<EducationLevel>[];
	/**
	 * The category held on the date: one that has expired by then counts as «без категории»; one
	 * whose expiry is unknown counts as held.
	 */
	category: StaffCount<Category>[];
	/** Teachers counted with a category whose expiry is unknown («срок действия не указан»). */
	categoryExpiryUnknown: number;
}

function tally<Key extends string>(
	keys: readonly Key[],
	values: readonly (Key | null)[],
	total: number
): StaffCount<Key>[] {
	return keys.map((key) => {
		const count = values.filter((v) => v === key).length;
		return { key, count, share: total === 0 ? null : count / total };
	});
}

/**
 * Counts by age band, experience band (lower bound included), education and category on `date`.
 * Every teacher falls in exactly one row of each breakdown: birth years and стаж are bounded by
 * the schema, and a стаж below zero on the date (hired later) counts as 0.
 */
export function staffProfile(
	staff: readonly StaffMember[],
	academicYear: number,
	date: IsoDate = referenceDateOf(academicYear)
): StaffProfile {
	const total = staff.length;
	return {
		date,
		teachers: total,
		age: tally(
			AGE_BANDS.map((b) => b.id),
			staff.map((t) => ageBandOf(ageOn(t, date))),
			total
		),
		experience: tally(
			EXPERIENCE_BANDS.map((b) => b.id),
			staff.map((t) => experienceBandOf(Math.max(0, experienceOn(t, date)))),
			total
		),
		education: tally(
			EDUCATION_LEVELS,
			staff.map((t) => t.education),
			total
		),
		category: tally(
			CATEGORIES,
			staff.map((t) => (isCategoryValid(t, date) ? t.category : 'none')),
			total
		),
		categoryExpiryUnknown: staff.filter((t) => hasUnknownExpiry(t)).length
	};
}

export interface StaffProfileBlock {
	date: IsoDate;
	teachers: number;
	/** Withheld from an aggregate-only reader (disclosure.ts): the breakdowns are null. */
	suppressed: boolean;
	/** Withheld although the group holds N teachers: to protect a smaller school. */
	secondary?: boolean;
	age: StaffCount<AgeBandId>[] | null;
	experience: StaffCount<ExperienceBandId>[] | null;
	education: StaffCount<EducationLevel>[] | null;
	category: StaffCount<Category>[] | null;
	categoryExpiryUnknown: number | null;
}

export interface StaffProfileReport {
	scope: StaffProfileBlock;
	schools: (StaffProfileBlock & { schoolId: Id })[];
}

/** A group withheld whole from an aggregate-only reader: its size and nothing else. */
export function withheldStaffBlock(teachers: number, date: IsoDate, secondary = false): StaffProfileBlock {
	return {
		date,
		teachers,
		suppressed: true,
		secondary,
		age: null,
		experience: null,
		education: null,
		category: null,
		categoryExpiryUnknown: null
	};
}

function blockOf(profile: StaffProfile): StaffProfileBlock {
	const { date, teachers, age, experience, education, category, categoryExpiryUnknown } = profile;
	return {
		date,
		teachers,
		suppressed: false,
		secondary: false,
		age,
		experience,
		education,
		category,
		categoryExpiryUnknown
	};
}

/**
 * The date a reader may ask the staff profile for. The school methodist, who sees every teacher
 * anyway, may pick any date in the academic year. An aggregate-only reader gets the reference date
 * only: stepping a free date day by day would show one teacher moving to the next age band on her
 * birthday (DOMAIN.md, "Disclosure control": no free parameter a reader can scan). Null: refused.
 */
export function staffProfileDate(
	academicYear: number,
	access: ReportAccess,
	asked: IsoDate | null,
	reference: IsoDate = referenceDateOf(academicYear)
): IsoDate | null {
	if (asked === null || asked === reference) return reference;
	if (access !== 'school') return null;
	return asked >= `${String(academicYear).padStart(4, '0')}-09-01` &&
		asked <= `${String(academicYear + 1).padStart(4, '0')}-08-31`
		? asked
		: null;
}

/**
 * The figures of public.report_staff_profile: the scope and, for an aggregate scope, each of its
 * schools (in the order of scope.schools), on `date` (the reference date when left out). Every
 * figure rests on a school's whole staff, so for an aggregate-only reader a school is shown or
 * withheld whole: below N teachers, or to protect such a school (disclosure.ts). `staff` are the
 * teachers of every school of the universe (for a school reader, of the school).
 */
export function staffProfileReport(
	staff: readonly (StaffMember & { schoolId: Id })[],
	scope: ReportScope,
	academicYear: number,
	options: { access: ReportAccess; settings: DisclosureSettings },
	date: IsoDate = referenceDateOf(academicYear)
): StaffProfileReport {
	const listed = scope.kind === 'school' ? [] : scope.schools;
	// Each school's staff gathered from one index (row-index.ts), not by filtering everyone per school.
	const bySchool = indexRows(staff, (t) => t.schoolId);
	const of = (schools: ReadonlySet<Id>) => staffProfile(bySchool.of(schools), academicYear, date);
	if (options.access === 'school') {
		return {
			scope: blockOf(of(new Set(scope.schools))),
			schools: listed.map((id) => ({ schoolId: id, ...blockOf(of(new Set([id]))) }))
		};
	}
	const min = options.settings.minGroupSize;
	const heads = new Map(scope.universe.map((s) => [s.id, [bySchool.get(s.id).length]]));
	const whole = protectFamily(scope.universe, heads, new Set(), { units: [0] }, min);
	const shown = (profile: StaffProfile, withheld: boolean) =>
		withheld ? withheldStaffBlock(profile.teachers, date, profile.teachers >= min) : blockOf(profile);
	const school = (id: Id) => {
		const profile = of(new Set([id]));
		return shown(profile, profile.teachers < min || whole.hidden.has(id));
	};
	const total = of(new Set(scope.schools));
	return {
		scope:
			scope.kind === 'school' ? school(scope.id) : shown(total, total.teachers < min || !!whole.off.get(scope.id)?.[0]),
		schools: listed.map((id) => ({ schoolId: id, ...school(id) }))
	};
}

/**
 * Percentages to one decimal that add up to exactly 100.0 (largest remainder): each count gets
 * its share floored to tenths, and the tenths left over go to the largest remainders, earlier
 * rows first on a tie. Integer arithmetic in tenths, so no float rounding can break the sum.
 * All zeros (an empty scope) gives zeros; a scope without teachers shows «нет данных» anyway.
 */
export function displayPercents(counts: readonly number[]): number[] {
	const total = counts.reduce((sum, c) => sum + c, 0);
	if (total === 0) return counts.map(() => 0);
	const TENTHS = 1000;
	const rows = counts.map((c, i) => ({ i, tenths: Math.floor((c * TENTHS) / total), remainder: (c * TENTHS) % total }));
	let left = TENTHS - rows.reduce((sum, r) => sum + r.tenths, 0);
	for (const row of [...rows].sort((a, b) => b.remainder - a.remainder || a.i - b.i)) {
		if (left === 0) break;
		row.tenths += 1;
		left -= 1;
	}
	return rows.map((r) => r.tenths / 10);
}
