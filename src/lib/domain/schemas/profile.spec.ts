import { describe, expect, it } from 'vitest';
import { buildProfile, codesOf } from '../testing/builders';
import { profileSchema } from './profile';

describe('profileSchema', () => {
	it('accepts a complete profile, and one without category or e-mail', () => {
		expect(profileSchema.validate(buildProfile())).toEqual([]);
		expect(
			profileSchema.validate(buildProfile({ category: 'none', categoryExpiresOn: null, email: null, position: null }))
		).toEqual([]);
	});
	it('refuses an expiry date without a category, and accepts a category whose expiry is unknown', () => {
		expect(codesOf(profileSchema.validate(buildProfile({ category: 'none' })))).toEqual([
			'categoryExpiresOn:not_allowed'
		]);
		expect(profileSchema.validate(buildProfile({ category: 'highest', categoryExpiresOn: null }))).toEqual([]);
	});
	it('keeps the date the стаж was true on, a real date in 1950–2100, or null for an old row', () => {
		expect(profileSchema.validate(buildProfile({ experienceAsOf: '2026-09-01' }))).toEqual([]);
		expect(profileSchema.validate(buildProfile({ experienceAsOf: null }))).toEqual([]);
		expect(codesOf(profileSchema.validate(buildProfile({ experienceAsOf: '2026-02-30' })))).toEqual([
			'experienceAsOf:invalid_date'
		]);
		expect(codesOf(profileSchema.validate(buildProfile({ experienceAsOf: '1949-12-31' })))).toEqual([
			'experienceAsOf:date_before'
		]);
		expect(codesOf(profileSchema.validate({ ...buildProfile(), experienceAsOf: undefined }))).toEqual([
			'experienceAsOf:invalid_date'
		]);
	});
	it('keeps experience within 0–60 whole years', () => {
		expect(profileSchema.validate(buildProfile({ experienceYears: 0 }))).toEqual([]);
		expect(profileSchema.validate(buildProfile({ experienceYears: 60 }))).toEqual([]);
		expect(codesOf(profileSchema.validate(buildProfile({ experienceYears: 61 })))).toEqual([
			'experienceYears:out_of_range'
		]);
		expect(codesOf(profileSchema.validate(buildProfile({ experienceYears: -1 })))).toEqual([
			'experienceYears:out_of_range'
		]);
		expect(codesOf(profileSchema.validate(buildProfile({ experienceYears: 2.5 })))).toEqual([
			'experienceYears:not_integer'
		]);
	});
	it('keeps the birth year within 1940–2010', () => {
		expect(profileSchema.validate(buildProfile({ birthYear: 1940 }))).toEqual([]);
		expect(profileSchema.validate(buildProfile({ birthYear: 2010 }))).toEqual([]);
		expect(codesOf(profileSchema.validate(buildProfile({ birthYear: 1939 })))).toEqual(['birthYear:out_of_range']);
		expect(codesOf(profileSchema.validate(buildProfile({ birthYear: 2011 })))).toEqual(['birthYear:out_of_range']);
	});
	it('keeps a date of birth within 1940–2010 and in the birth year', () => {
		expect(profileSchema.validate(buildProfile({ birthYear: 1990, birthDate: '1990-03-12' }))).toEqual([]);
		expect(codesOf(profileSchema.validate(buildProfile({ birthYear: 1990, birthDate: '1991-03-12' })))).toEqual([
			'birthDate:mismatch'
		]);
		expect(codesOf(profileSchema.validate(buildProfile({ birthYear: 1940, birthDate: '1939-12-31' })))).toEqual([
			'birthDate:date_before'
		]);
		expect(codesOf(profileSchema.validate(buildProfile({ birthDate: '12.03.1990' })))).toEqual([
			'birthDate:invalid_date'
		]);
	});
	it('needs a name of at most 200 characters, a valid e-mail and known options', () => {
		const bad = buildProfile({
			fullName: 'Я'.repeat(201),
			email: 'ivanova@',
			education: 'phd' as never,
			subjects: ['']
		});
		expect(codesOf(profileSchema.validate(bad))).toEqual([
			'education:invalid_option',
			'email:invalid_email',
			'fullName:too_long',
			'subjects.0:required'
		]);
		expect(codesOf(profileSchema.validate(buildProfile({ fullName: '' })))).toEqual(['fullName:required']);
	});
	it('refuses a categoryExpiresOn that is not a real date', () => {
		expect(codesOf(profileSchema.validate(buildProfile({ categoryExpiresOn: '2029-02-29' })))).toEqual([
			'categoryExpiresOn:invalid_date'
		]);
	});
});
