import type { Id, IsoDate, SyncedRow } from './common';
import { yearOf } from './dates';

export const CATEGORIES = ['highest', 'first', 'conformity', 'none'] as const;
/** Квалификационная категория: высшая, первая, соответствие занимаемой должности, без категории. */
export type Category = (typeof CATEGORIES)[number];

export const EDUCATION_LEVELS = ['higher', 'vocational'] as const;
/** Уровень образования: высшее, среднее профессиональное. */
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

/**
 * A teacher (педагог). `id` is the person, `userId` the account once they have one: staff are
 * imported before they are invited. Teacher-owned rows point at `Profile.id` as `teacherId`.
 */
export interface Profile extends SyncedRow {
	userId: Id | null;
	fullName: string;
	email: string | null;
	schoolId: Id | null;
	/** ШМО inside the school. */
	associationId: Id | null;
	position: string | null;
	subjects: string[];
	/** Педагогический стаж, whole years. */
	experienceYears: number;
	category: Category;
	categoryExpiresOn: IsoDate | null;
	education: EducationLevel;
	birthYear: number;
	/**
	 * The full date when the staff list (кадровый состав) gave it: the import tells two namesakes
	 * apart by ФИО + дата рождения. Null when only the year is known; when set, `birthYear` is its year.
	 */
	birthDate: IsoDate | null;
}

/** Молодой специалист: стаж under this many whole years. */
export const YOUNG_SPECIALIST_EXPERIENCE_YEARS = 3;

/** The earliest and latest birth dates a profile may carry (the years `birthYear` allows). */
export const BIRTH_DATES = { min: '1940-01-01', max: '2010-12-31' } as const;

export function isYoungSpecialist(profile: Pick<Profile, 'experienceYears'>): boolean {
	return profile.experienceYears < YOUNG_SPECIALIST_EXPERIENCE_YEARS;
}

/**
 * Age on `date` from the birth year alone: the calendar year of `date` minus `birthYear`, i.e.
 * the age reached during that year. Only the year is stored (less personal data), so before the
 * birthday this is one more than the true age; age bands accept that for every teacher alike.
 */
export function ageOn(birthYear: number, date: IsoDate): number {
	return yearOf(date) - birthYear;
}

/**
 * The category is held and not expired on `onDate` (the expiry day itself still counts).
 * 'none' is never valid, and a category without a recorded expiry is not counted as valid.
 */
export function isCategoryValid(profile: Pick<Profile, 'category' | 'categoryExpiresOn'>, onDate: IsoDate): boolean {
	return profile.category !== 'none' && profile.categoryExpiresOn !== null && onDate <= profile.categoryExpiresOn;
}
