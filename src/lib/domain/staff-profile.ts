import { academicYearBounds } from './academic-year';
import { AGE_BANDS, EXPERIENCE_BANDS, ageBandOf, experienceBandOf, type AgeBandId, type ExperienceBandId } from './bands';
import type { Id, IsoDate } from './common';
import type { ReportAccess } from './competence-report';
import { suppressed as tooSmall } from './privacy';
import { CATEGORIES, EDUCATION_LEVELS, ageOn, isCategoryValid, type Category, type EducationLevel, type Profile } from './profile';

/**
 * Кадровый состав of a scope (DOMAIN.md, "Indicators the methodist sees"). Counts are the truth;
 * a share is its count over the scope's teachers, kept unrounded — rounding is for display only
 * (`displayPercents`), so totals always agree with the counts. SQL twin: public.report_staff_profile.
 */

export type StaffMember = Pick<Profile, 'birthYear' | 'experienceYears' | 'education' | 'category' | 'categoryExpiresOn'>;

export interface StaffCount<Key extends string> {
	key: Key;
	count: number;
	/** count / teachers, unrounded; null for a scope without teachers. */
	share: number | null;
}

export interface StaffProfile {
	teachers: number;
	age: StaffCount<AgeBandId>[];
	experience: StaffCount<ExperienceBandId>[];
	education: StaffCount<EducationLevel>[];
	/**
	 * The category held at the period end: one that has expired by then counts as «без категории»,
	 * so высшая + первая here equals the CATEGORY indicator's numerator.
	 */
	category: StaffCount<Category>[];
}

/** The date the profile describes: the last day of the academic year (31 August). */
export function periodEndOf(academicYear: number): IsoDate {
	return academicYearBounds(academicYear).end;
}

function tally<Key extends string>(keys: readonly Key[], values: readonly (Key | null)[], total: number): StaffCount<Key>[] {
	return keys.map((key) => {
		const count = values.filter((v) => v === key).length;
		return { key, count, share: total === 0 ? null : count / total };
	});
}

/**
 * Counts by age band (age at the period end from the birth year: `ageOn`), experience band
 * (lower bound included), education and category. Every teacher falls in exactly one row of
 * each breakdown: birth years and стаж are bounded by the schema, so no band is missing.
 */
export function staffProfile(staff: readonly StaffMember[], academicYear: number): StaffProfile {
	const end = periodEndOf(academicYear);
	const total = staff.length;
	return {
		teachers: total,
		age: tally(
			AGE_BANDS.map((b) => b.id),
			staff.map((t) => ageBandOf(ageOn(t.birthYear, end))),
			total
		),
		experience: tally(
			EXPERIENCE_BANDS.map((b) => b.id),
			staff.map((t) => experienceBandOf(t.experienceYears)),
			total
		),
		education: tally(
			EDUCATION_LEVELS,
			staff.map((t) => t.education),
			total
		),
		category: tally(
			CATEGORIES,
			staff.map((t) => (isCategoryValid(t, end) ? t.category : 'none')),
			total
		)
	};
}

export interface StaffProfileBlock {
	teachers: number;
	/** Below MIN_GROUP_SIZE for a municipal or admin reader: the breakdowns are null. */
	suppressed: boolean;
	age: StaffCount<AgeBandId>[] | null;
	experience: StaffCount<ExperienceBandId>[] | null;
	education: StaffCount<EducationLevel>[] | null;
	category: StaffCount<Category>[] | null;
}

export interface StaffProfileReport {
	scope: StaffProfileBlock;
	schools: (StaffProfileBlock & { schoolId: Id })[];
}

/** A group withheld whole from an aggregate-only reader: its size and nothing else. */
export function withheldStaffBlock(teachers: number): StaffProfileBlock {
	return { teachers, suppressed: true, age: null, experience: null, education: null, category: null };
}

function blockOf(profile: StaffProfile, access: ReportAccess): StaffProfileBlock {
	if (access !== 'school' && tooSmall(profile.teachers)) return withheldStaffBlock(profile.teachers);
	return { ...profile, suppressed: false };
}

/**
 * The figures of public.report_staff_profile: the scope and, for a municipal scope, each of its
 * schools (`schoolIds`: every live school under it, [] for a school scope) in id order. Municipal
 * and admin readers get no breakdown of a group under MIN_GROUP_SIZE teachers.
 */
export function staffProfileReport(
	staff: readonly (StaffMember & { schoolId: Id })[],
	schoolIds: readonly Id[],
	academicYear: number,
	access: ReportAccess
): StaffProfileReport {
	const sorted = [...schoolIds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	return {
		scope: blockOf(staffProfile(staff, academicYear), access),
		schools: sorted.map((schoolId) => ({
			schoolId,
			...blockOf(
				staffProfile(
					staff.filter((t) => t.schoolId === schoolId),
					academicYear
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
