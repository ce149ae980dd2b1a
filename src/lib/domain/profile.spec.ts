import { describe, expect, it } from 'vitest';
import { ageBandOf } from './bands';
import { ageOn, isCategoryValid, isYoungSpecialist, profileSchema } from './profile';
import { buildProfile, codesOf } from './testing/builders';

describe('isYoungSpecialist', () => {
	it('is a young specialist with 0 to 2 whole years of experience', () => {
		expect(isYoungSpecialist(buildProfile({ experienceYears: 0 }))).toBe(true);
		expect(isYoungSpecialist(buildProfile({ experienceYears: 2 }))).toBe(true);
	});
	it('is no longer one at 3 years', () => {
		expect(isYoungSpecialist(buildProfile({ experienceYears: 3 }))).toBe(false);
	});
});

describe('ageOn', () => {
	it('is the calendar year of the date minus the birth year', () => {
		expect(ageOn(2001, '2026-09-01')).toBe(25);
	});
	it('ignores the birthday: 1 January and 31 December give the same age', () => {
		expect(ageOn(2001, '2026-01-01')).toBe(ageOn(2001, '2026-12-31'));
	});
	it('feeds the age bands: born 2001 is 25–29 in 2026', () => {
		expect(ageBandOf(ageOn(2001, '2026-12-31'))).toBe('25-29');
		expect(ageBandOf(ageOn(2002, '2026-12-31'))).toBe('under-25');
	});
});

describe('isCategoryValid', () => {
	it('is valid up to and including the expiry day', () => {
		const p = buildProfile({ category: 'highest', categoryExpiresOn: '2027-05-31' });
		expect(isCategoryValid(p, '2027-05-31')).toBe(true);
		expect(isCategoryValid(p, '2027-06-01')).toBe(false);
	});
	it('is never valid without a category or without a recorded expiry', () => {
		expect(isCategoryValid(buildProfile({ category: 'none', categoryExpiresOn: null }), '2026-09-01')).toBe(false);
		expect(isCategoryValid(buildProfile({ category: 'first', categoryExpiresOn: null }), '2026-09-01')).toBe(false);
	});
});

describe('profileSchema', () => {
	it('accepts a complete profile, and one without category or e-mail', () => {
		expect(profileSchema.validate(buildProfile())).toEqual([]);
		expect(profileSchema.validate(buildProfile({ category: 'none', categoryExpiresOn: null, email: null, position: null }))).toEqual([]);
	});
	it('refuses an expiry date without a category and a category without one', () => {
		expect(codesOf(profileSchema.validate(buildProfile({ category: 'none' })))).toEqual(['categoryExpiresOn:not_allowed']);
		expect(codesOf(profileSchema.validate(buildProfile({ categoryExpiresOn: null })))).toEqual(['categoryExpiresOn:required']);
	});
	it('keeps experience within 0–60 whole years', () => {
		expect(profileSchema.validate(buildProfile({ experienceYears: 0 }))).toEqual([]);
		expect(profileSchema.validate(buildProfile({ experienceYears: 60 }))).toEqual([]);
		expect(codesOf(profileSchema.validate(buildProfile({ experienceYears: 61 })))).toEqual(['experienceYears:out_of_range']);
		expect(codesOf(profileSchema.validate(buildProfile({ experienceYears: -1 })))).toEqual(['experienceYears:out_of_range']);
		expect(codesOf(profileSchema.validate(buildProfile({ experienceYears: 2.5 })))).toEqual(['experienceYears:not_integer']);
	});
	it('keeps the birth year within 1940–2010', () => {
		expect(profileSchema.validate(buildProfile({ birthYear: 1940 }))).toEqual([]);
		expect(profileSchema.validate(buildProfile({ birthYear: 2010 }))).toEqual([]);
		expect(codesOf(profileSchema.validate(buildProfile({ birthYear: 1939 })))).toEqual(['birthYear:out_of_range']);
		expect(codesOf(profileSchema.validate(buildProfile({ birthYear: 2011 })))).toEqual(['birthYear:out_of_range']);
	});
	it('needs a name of at most 200 characters, a valid e-mail and known options', () => {
		const bad = buildProfile({ fullName: 'Я'.repeat(201), email: 'ivanova@', education: 'phd' as never, subjects: [''] });
		expect(codesOf(profileSchema.validate(bad))).toEqual([
			'education:invalid_option',
			'email:invalid_email',
			'fullName:too_long',
			'subjects.0:required'
		]);
		expect(codesOf(profileSchema.validate(buildProfile({ fullName: '' })))).toEqual(['fullName:required']);
	});
	it('refuses a categoryExpiresOn that is not a real date', () => {
		expect(codesOf(profileSchema.validate(buildProfile({ categoryExpiresOn: '2029-02-29' })))).toEqual(['categoryExpiresOn:invalid_date']);
	});
});
