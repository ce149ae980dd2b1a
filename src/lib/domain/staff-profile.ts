import { referenceDateOf } from './academic-year';
import { AGE_BANDS, EXPERIENCE_BANDS, ageBandOf, experienceBandOf, type AgeBandId, type ExperienceBandId } from './bands';
import type { Id, IsoDate } from './common';
import type { ReportAccess } from './competence-report';
import { suppressed as tooSmall } from './privacy';
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

export type StaffMember = Pick<Profile, 'birthYear' | 'birthDate' | 'experienceYears' | 'experienceAsOf' | 'education' | 'category' | 'categoryExpiresOn'>;

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

function tally<Key extends string>(keys: readonly Key[], values: readonly (Key | null)[], total: number): StaffCount<Key>[] {
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
export function staffProfile(staff: readonly StaffMember[], academicYear: number, date: IsoDate = referenceDateOf(academicYear)): StaffProfile {
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
	/** Below MIN_GROUP_SIZE for a municipal or admin reader: the breakdowns are null. */
	suppressed: boolean;
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
export function withheldStaffBlock(teachers: number, date: IsoDate): StaffProfileBlock {
	return { date, teachers, suppressed: true, age: null, experience: null, education: null, category: null, categoryExpiryUnknown: null };
}

function blockOf(profile: StaffProfile, access: ReportAccess): StaffProfileBlock {
	if (access !== 'school' && tooSmall(profile.teachers)) return withheldStaffBlock(profile.teachers, profile.date);
	const { date, teachers, age, experience, education, category, categoryExpiryUnknown } = profile;
	return { date, teachers, suppressed: false, age, experience, education, category, categoryExpiryUnknown };
}

/**
 * The date a reader may ask the staff profile for. The school methodist, who sees every teacher
 * anyway, may pick any date in the academic year. An aggregate-only reader gets the reference date
 * only: stepping a free date day by day would show one teacher moving to the next age band on her
 * birthday (DOMAIN.md, "Disclosure control": no free parameter a reader can scan). Null: refused.
 */
export function staffProfileDate(academicYear: number, access: ReportAccess, asked: IsoDate | null): IsoDate | null {
	const reference = referenceDateOf(academicYear);
	if (asked === null || asked === reference) return reference;
	if (access !== 'school') return null;
	return asked >= `${String(academicYear).padStart(4, '0')}-09-01` && asked <= `${String(academicYear + 1).padStart(4, '0')}-08-31` ? asked : null;
}

/**
 * The figures of public.report_staff_profile: the scope and, for a municipal scope, each of its
 * schools (`schoolIds`: every live school under it, [] for a school scope) in id order, on `date`
 * (the reference date when left out). Municipal and admin readers get no breakdown of a group
 * under MIN_GROUP_SIZE teachers.
 */
export function staffProfileReport(
	staff: readonly (StaffMember & { schoolId: Id })[],
	schoolIds: readonly Id[],
	academicYear: number,
	access: ReportAccess,
	date: IsoDate = referenceDateOf(academicYear)
): StaffProfileReport {
	const sorted = [...schoolIds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	return {
		scope: blockOf(staffProfile(staff, academicYear, date), access),
		schools: sorted.map((schoolId) => ({
			schoolId,
			...blockOf(
				staffProfile(
					staff.filter((t) => t.schoolId === schoolId),
					academicYear,
					date
				),
				access
			)
		}))
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
