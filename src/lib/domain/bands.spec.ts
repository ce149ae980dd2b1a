import { describe, expect, it } from 'vitest';
import { AGE_BANDS, EXPERIENCE_BANDS, ageBandOf, experienceBandOf } from './bands';

describe('age bands', () => {
	it('puts 24 under 25 and 25 into 25–29: a band includes its lower bound', () => {
		expect(ageBandOf(24)).toBe('under-25');
		expect(ageBandOf(25)).toBe('25-29');
		expect(ageBandOf(29)).toBe('25-29');
		expect(ageBandOf(30)).toBe('30-34');
	});
	it('ends with 60–64 and an open 65 and over', () => {
		expect(ageBandOf(64)).toBe('60-64');
		expect(ageBandOf(65)).toBe('65-plus');
		expect(ageBandOf(90)).toBe('65-plus');
	});
	it('has no band for an impossible age', () => {
		expect(ageBandOf(-1)).toBeNull();
		expect(ageBandOf(Number.NaN)).toBeNull();
	});
	it('places every age from 0 to 100 in exactly one band', () => {
		for (let age = 0; age <= 100; age++) {
			const holding = AGE_BANDS.filter((b) => age >= b.min && (b.max === null || age < b.max));
			expect(holding).toHaveLength(1);
			expect(ageBandOf(age)).toBe(holding[0]?.id);
		}
	});
});

describe('experience bands', () => {
	it('puts 0 to 2 years in до 3 лет and 3 in 3–5', () => {
		expect(experienceBandOf(0)).toBe('under-3');
		expect(experienceBandOf(2)).toBe('under-3');
		expect(experienceBandOf(3)).toBe('3-5');
	});
	it('includes each lower bound: 5, 10, 15, 20', () => {
		expect(experienceBandOf(4)).toBe('3-5');
		expect(experienceBandOf(5)).toBe('5-10');
		expect(experienceBandOf(10)).toBe('10-15');
		expect(experienceBandOf(15)).toBe('15-20');
		expect(experienceBandOf(19)).toBe('15-20');
		expect(experienceBandOf(20)).toBe('20-plus');
		expect(experienceBandOf(60)).toBe('20-plus');
	});
	it('bands are contiguous: each starts where the previous ends', () => {
		for (const bands of [AGE_BANDS, EXPERIENCE_BANDS]) {
			for (let i = 1; i < bands.length; i++) expect(bands[i]?.min).toBe(bands[i - 1]?.max);
			expect(bands.at(-1)?.max).toBeNull();
		}
	});
});
