import { describe, expect, it } from 'vitest';
import { decimal, number, percent, pluralCategory } from './format';
import { plural, pluralRu } from './plural';
import { messages as ruShell } from './ru/shell';
import { messages as enShell } from './en/shell';
import { messages as ruGrowth } from './ru/growth';
import { messages as enGrowth } from './en/growth';

describe('Russian number formatting', () => {
	it('writes a decimal comma with a fixed number of decimals: 1,8 — never 1.8', () => {
		expect(decimal(1.75, 1)).toBe('1,8');
		expect(decimal(2, 1)).toBe('2,0');
		expect(decimal(2.3456, 2)).toBe('2,35');
		expect(decimal(1.75, 1, 'en')).toBe('1.8');
	});

	it('writes a number with at most the decimals it needs, thousands set apart', () => {
		expect(number(1.5)).toBe('1,5');
		expect(number(56)).toBe('56');
		expect(number(0.25, 2)).toBe('0,25');
		expect(number(30000).replace(/\s/g, ' ')).toBe('30 000');
		expect(number(1.5, 1, 'en')).toBe('1.5');
	});

	it('writes a share as a percentage with a space before the sign in Russian', () => {
		expect(percent(0.32)).toBe('32,0\u00a0%');
		expect(percent(0.0664)).toBe('6,6\u00a0%');
		expect(percent(1)).toBe('100,0\u00a0%');
		expect(percent(0.32, 0)).toBe('32\u00a0%');
		expect(percent(0.32, 1, 'en')).toBe('32.0%');
	});

	it('rounds a percentage half up to the tenth, as the exports do (19 of 286 is 6,6 %)', () => {
		expect(percent(19 / 286)).toBe('6,6\u00a0%');
		expect(percent(0.00049)).toBe('0,0\u00a0%');
		expect(percent(0.0005)).toBe('0,1\u00a0%');
	});

	it('reuses one formatter per locale and shape', () => {
		const before = Intl.NumberFormat;
		let made = 0;
		// Counting constructions: a formatter per call would be made again for every figure.
		(Intl as { NumberFormat: unknown }).NumberFormat = function (
			...args: ConstructorParameters<typeof Intl.NumberFormat>
		) {
			made++;
			return new before(...args);
		};
		try {
			for (let i = 0; i < 100; i++) decimal(i / 7, 3);
			for (let i = 0; i < 100; i++) decimal(i / 7, 3);
		} finally {
			(Intl as { NumberFormat: unknown }).NumberFormat = before;
		}
		expect(made).toBeLessThanOrEqual(1);
	});
});

describe('Russian plural forms', () => {
	it('follows CLDR for whole numbers', () => {
		expect([1, 21, 101].map((n) => pluralRu(n, 'час', 'часа', 'часов'))).toEqual(['час', 'час', 'час']);
		expect([2, 3, 4, 22, 104].map((n) => pluralRu(n, 'час', 'часа', 'часов'))).toEqual([
			'часа',
			'часа',
			'часа',
			'часа',
			'часа'
		]);
		expect([0, 5, 11, 12, 14, 20, 111].map((n) => pluralRu(n, 'час', 'часа', 'часов'))).toEqual(Array(7).fill('часов'));
	});

	it('takes the genitive singular after a fraction: 1,5 часа, 0,5 часа, 2,5 часа', () => {
		expect(pluralCategory(1.5)).toBe('other');
		expect([1.5, 0.5, 2.5, 11.5].map((n) => pluralRu(n, 'час', 'часа', 'часов'))).toEqual([
			'часа',
			'часа',
			'часа',
			'часа'
		]);
		expect(plural(1.5, 'hour', 'hours')).toBe('hours');
	});

	it('writes hours as «1,5 часа» and «56 часов», in English «1.5 hours»', () => {
		expect(ruShell['common.hours'](1.5)).toBe('1,5 часа');
		expect(ruShell['common.hours'](56)).toBe('56 часов');
		expect(ruShell['common.hours'](1)).toBe('1 час');
		expect(enShell['common.hours'](1.5)).toBe('1.5 hours');
		expect(enShell['common.hours'](1)).toBe('1 hour');
	});

	it('writes «Мой рост»’s course hours the same way', () => {
		expect(ruGrowth['growth.activitiesLine'](2, 1.5)).toBe('2 мероприятия; курсы повышения квалификации — 1,5 часа');
		expect(enGrowth['growth.activitiesLine'](2, 1.5)).toBe(
			'2 activities; professional development courses — 1.5 hours'
		);
	});
});
