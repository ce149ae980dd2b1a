import { academicYearBounds, referenceDateOf } from './academic-year';
import type { Id, IsoDate, IsoDateTime, SyncedRow } from './common';
import { fullYearsBetween } from './dates';
import type { Membership } from './membership';

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
	/** The main school: the one school that counts her in every figure (schoolTeachers). */
	schoolId: Id | null;
	/** ШМО inside the school. */
	associationId: Id | null;
	position: string | null;
	subjects: string[];
	/** Педагогический стаж in whole years, as it was on `experienceAsOf` (experienceOn ages it). */
	experienceYears: number;
	/**
	 * The date `experienceYears` was true on: the day it was typed, imported or last changed. Null
	 * only for a row written before the date was kept (the stored стаж then never ages).
	 */
	experienceAsOf: IsoDate | null;
	category: Category;
	/** Null: the expiry is not known (often so in real staff lists); the category counts as valid. */
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

/** The dates a стаж may be recorded on (the database checks the same range). */
export const EXPERIENCE_AS_OF_DATES = { min: '1950-01-01', max: '2100-12-31' } as const;

type Experience = Pick<Profile, 'experienceYears'> & { experienceAsOf?: IsoDate | null };

/**
 * Стаж in full years on `date` (DOMAIN.md, "Teacher profile"): the recorded years plus the full
 * years from the date they were recorded on to `date`. Before that date it counts back the same
 * way and goes below zero for a date before the teacher began (стаж 0 recorded on 1 October 2026
 * is -1 on 1 January 2026). Without a recorded date the стаж is taken as it stands. SQL twin:
 * private.experience_on.
 */
export function experienceOn(profile: Experience, date: IsoDate): number {
	const asOf = profile.experienceAsOf ?? null;
	return asOf === null ? profile.experienceYears : profile.experienceYears + fullYearsBetween(asOf, date);
}

/**
 * A young specialist on `date`: стаж under three full years then (and begun: not negative). With
 * no date, the стаж as recorded — what a form shows for a value just typed.
 */
export function isYoungSpecialist(profile: Experience, date: IsoDate | null = null): boolean {
	const years = date === null ? profile.experienceYears : experienceOn(profile, date);
	return years >= 0 && years < YOUNG_SPECIALIST_EXPERIENCE_YEARS;
}

/**
 * A young specialist of academic year `startYear` — what the YOUNG_SUPPORTED denominator, the
 * mentoring coverage and the dashboard count: стаж under three years on the year's reference date
 * (1 January, the date the staff profile counts on by default, so its «до 3 лет» band holds the
 * same people), and teaching by the year's last day (a teacher hired in the spring is a young
 * specialist of that year; one hired the year after is not one of this year).
 */
export function isYoungSpecialistIn(profile: Experience, startYear: number): boolean {
	return (
		experienceOn(profile, referenceDateOf(startYear)) < YOUNG_SPECIALIST_EXPERIENCE_YEARS &&
		experienceOn(profile, academicYearBounds(startYear).end) >= 0
	);
}

/**
 * Age in full years on `date`. From the birth date when known; with only the birth year, from
 * 1 July of it — the middle of the year, so the age is at most a year off either way, and on the
 * default reference date (1 January) it is the true age of everyone not born on 1 January. SQL
 * twin: private.age_on.
 */
export function ageOn(person: Pick<Profile, 'birthYear' | 'birthDate'>, date: IsoDate): number {
	const born = person.birthDate ?? `${String(person.birthYear).padStart(4, '0')}-07-01`;
	return fullYearsBetween(born, date);
}

/**
 * The category is held on `onDate`: a category (not 'none') whose expiry, when recorded, is on or
 * after that day. An unknown expiry counts as valid (DOMAIN.md: often missing from real staff
 * lists; an expiry says otherwise only when it is there).
 */
export function isCategoryValid(profile: Pick<Profile, 'category' | 'categoryExpiresOn'>, onDate: IsoDate): boolean {
	return profile.category !== 'none' && (profile.categoryExpiresOn === null || onDate <= profile.categoryExpiresOn);
}

/** A category is held but its expiry is unknown («срок действия не указан»). */
export function hasUnknownExpiry(profile: Pick<Profile, 'category' | 'categoryExpiresOn'>): boolean {
	return profile.category !== 'none' && profile.categoryExpiresOn === null;
}

type CountedMembership = Pick<Membership, 'profileId' | 'organizationId' | 'role'> & { deletedAt: IsoDateTime | null };

/**
 * Who counts as a school's teacher — one rule for head counts, tiles, the staff list, indicators
 * and reports, on the device and on the server (private.report_teachers): a live profile whose
 * school is that school (her main school), holding a live teacher or mentor membership there. A
 * membership in a second school (совместитель) never counts her there, and a methodist who does
 * not teach is not counted. The rule reads only rows the school's methodist may see (profiles of
 * the school, memberships in it), so the device and the server see the same thing.
 * Returns the counted profiles of `schoolIds`, in the order given.
 */
export function schoolTeachers<P extends Pick<Profile, 'id' | 'schoolId'> & { deletedAt: IsoDateTime | null }>(
	profiles: readonly P[],
	memberships: readonly CountedMembership[],
	schoolIds: ReadonlySet<Id>
): (P & { schoolId: Id })[] {
	const teaching = new Set(
		memberships
			.filter((m) => !m.deletedAt && (m.role === 'teacher' || m.role === 'mentor') && schoolIds.has(m.organizationId))
			.map((m) => `${m.profileId}/${m.organizationId}`)
	);
	return profiles.filter(
		(p): p is P & { schoolId: Id } =>
			!p.deletedAt && p.schoolId !== null && schoolIds.has(p.schoolId) && teaching.has(`${p.id}/${p.schoolId}`)
	);
}
