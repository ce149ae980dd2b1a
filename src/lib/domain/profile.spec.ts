import { describe, expect, it } from 'vitest';
import { ageBandOf } from './bands';
import {
	ageOn,
	experienceOn,
	isCategoryValid,
	isYoungSpecialist,
	isYoungSpecialistIn,
	schoolTeachers
} from './profile';
import { buildProfile, uuid } from './testing/builders';

describe('experienceOn (стаж on a date)', () => {
	it('adds the full years since the date the стаж was recorded on', () => {
		const p = buildProfile({ experienceYears: 2, experienceAsOf: '2022-10-01' });
		expect(experienceOn(p, '2022-10-01')).toBe(2);
		expect(experienceOn(p, '2023-09-30')).toBe(2);
		expect(experienceOn(p, '2023-10-01')).toBe(3);
		expect(experienceOn(p, '2027-01-01')).toBe(6);
	});
	it('counts back before that date too, below zero before the teacher began', () => {
		const p = buildProfile({ experienceYears: 0, experienceAsOf: '2026-10-01' });
		expect(experienceOn(p, '2026-01-01')).toBe(-1);
		expect(experienceOn(buildProfile({ experienceYears: 3, experienceAsOf: '2026-10-01' }), '2026-01-01')).toBe(2);
	});
	it('stays as recorded when the date it was true on is unknown', () => {
		expect(experienceOn(buildProfile({ experienceYears: 7, experienceAsOf: null }), '2040-01-01')).toBe(7);
	});
});

describe('isYoungSpecialist', () => {
	it('is a young specialist with 0 to 2 whole years of experience on the date', () => {
		expect(isYoungSpecialist(buildProfile({ experienceYears: 0, experienceAsOf: '2026-09-01' }), '2026-09-01')).toBe(
			true
		);
		expect(isYoungSpecialist(buildProfile({ experienceYears: 2, experienceAsOf: '2026-09-01' }), '2026-09-01')).toBe(
			true
		);
		expect(isYoungSpecialist(buildProfile({ experienceYears: 3, experienceAsOf: '2026-09-01' }), '2026-09-01')).toBe(
			false
		);
	});
	it('grows out of it: стаж 2 typed in 2022 is not young in 2027', () => {
		const p = buildProfile({ experienceYears: 2, experienceAsOf: '2022-03-01' });
		expect(isYoungSpecialist(p, '2022-12-01')).toBe(true);
		expect(isYoungSpecialist(p, '2027-01-01')).toBe(false);
	});
	it('in an academic year: young on its reference date (1 January), once teaching by its end', () => {
		const hiredInSpring = buildProfile({ experienceYears: 0, experienceAsOf: '2027-02-01' });
		expect(isYoungSpecialistIn(hiredInSpring, 2026)).toBe(true);
		// Not yet teaching in 2025/2026: not a young specialist of that year.
		expect(isYoungSpecialistIn(hiredInSpring, 2025)).toBe(false);
		const threeInMarch = buildProfile({ experienceYears: 2, experienceAsOf: '2026-03-01' });
		expect(isYoungSpecialistIn(threeInMarch, 2026)).toBe(true);
		expect(isYoungSpecialistIn(threeInMarch, 2027)).toBe(false);
	});
});

describe('ageOn', () => {
	it('is the age in full years on the date when the birth date is known', () => {
		const p = { birthYear: 2001, birthDate: '2001-05-20' };
		expect(ageOn(p, '2026-05-19')).toBe(24);
		expect(ageOn(p, '2026-05-20')).toBe(25);
		expect(ageOn(p, '2027-01-01')).toBe(25);
	});
	it('takes 1 July of the birth year when only the year is known', () => {
		const p = { birthYear: 2001, birthDate: null };
		expect(ageOn(p, '2026-06-30')).toBe(24);
		expect(ageOn(p, '2026-07-01')).toBe(25);
		// On the default reference date, 1 January, that is the age of everyone not born on 1 January.
		expect(ageOn(p, '2027-01-01')).toBe(25);
	});
	it('feeds the age bands: born 31 December 2001 is still under 25 on 1 January 2026 and on 30 December 2026', () => {
		const p = { birthYear: 2001, birthDate: '2001-12-31' };
		expect(ageBandOf(ageOn(p, '2026-01-01'))).toBe('under-25');
		expect(ageBandOf(ageOn(p, '2026-12-30'))).toBe('under-25');
		expect(ageBandOf(ageOn(p, '2026-12-31'))).toBe('25-29');
	});
});

describe('isCategoryValid', () => {
	it('is valid up to and including the expiry day', () => {
		const p = buildProfile({ category: 'highest', categoryExpiresOn: '2027-05-31' });
		expect(isCategoryValid(p, '2027-05-31')).toBe(true);
		expect(isCategoryValid(p, '2027-06-01')).toBe(false);
	});
	it('counts a category without a recorded expiry as valid, and no category as never valid', () => {
		expect(isCategoryValid(buildProfile({ category: 'first', categoryExpiresOn: null }), '2026-09-01')).toBe(true);
		expect(isCategoryValid(buildProfile({ category: 'none', categoryExpiresOn: null }), '2026-09-01')).toBe(false);
	});
});

describe('schoolTeachers (who counts as a school’s teacher)', () => {
	const school = uuid(9001);
	const second = uuid(9002);
	const member = (
		profileId: string,
		organizationId: string,
		role: 'teacher' | 'mentor' | 'school_methodist',
		deletedAt: string | null = null
	) => ({
		profileId,
		organizationId,
		role,
		deletedAt
	});

	it('counts a teacher in the school of her profile only, never through a membership in a second school', () => {
		const anna = buildProfile({ id: uuid(1), schoolId: school });
		const boris = buildProfile({ id: uuid(2), schoolId: second });
		const memberships = [
			member(anna.id, school, 'teacher'),
			member(anna.id, second, 'teacher'),
			member(boris.id, second, 'mentor')
		];
		const counted = schoolTeachers([anna, boris], memberships, new Set([school, second]));
		expect(counted.map((t) => [t.id, t.schoolId])).toEqual([
			[anna.id, school],
			[boris.id, second]
		]);
		expect(schoolTeachers([anna, boris], memberships, new Set([second])).map((t) => t.id)).toEqual([boris.id]);
	});

	it('leaves out a methodist who does not teach, a deleted profile, and a profile whose school membership is gone', () => {
		const methodist = buildProfile({ id: uuid(3), schoolId: school });
		const gone = buildProfile({ id: uuid(4), schoolId: school, deletedAt: '2026-10-01T00:00:00.000Z' });
		const left = buildProfile({ id: uuid(5), schoolId: school });
		const memberships = [
			member(methodist.id, school, 'school_methodist'),
			member(gone.id, school, 'teacher'),
			member(left.id, school, 'teacher', '2026-10-01T00:00:00.000Z')
		];
		expect(schoolTeachers([methodist, gone, left], memberships, new Set([school]))).toEqual([]);
	});
});
