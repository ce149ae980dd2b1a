import { describe, expect, it } from 'vitest';
import { ageBandOf } from './bands';
import { ageOn, isCategoryValid, isYoungSpecialist } from './profile';
import { buildProfile } from './testing/builders';

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
