import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatBytes, formatDate, formatShortDate, i18n } from './i18n.svelte';
import { collator } from './format';
import { formatDateTime, formatHours, numericDate } from '$lib/features/mentor/format';

/**
 * STYLE 16 and issue 18: an Intl formatter costs ~0.5 ms to build on a cheap phone (the first one
 * over 100 ms) and microseconds to reuse, so the app's formatting helpers make each one once per
 * locale and shape. `toLocaleDateString` / `toLocaleString` build a new formatter on every call,
 * so the helpers never use them.
 */

type Ctor = 'DateTimeFormat' | 'NumberFormat' | 'Collator';

/** Count the constructions of an Intl formatter while `body` runs. */
function countMade(name: Ctor, body: () => void): number {
	const original = Intl[name];
	let made = 0;
	(Intl as Record<Ctor, unknown>)[name] = function (...args: unknown[]) {
		made++;
		return new (original as unknown as new (...a: unknown[]) => object)(...args);
	};
	try {
		body();
	} finally {
		(Intl as Record<Ctor, unknown>)[name] = original;
	}
	return made;
}

afterEach(() => {
	vi.restoreAllMocks();
	i18n.locale = 'ru';
});

describe('the formatting helpers reuse their Intl formatters', () => {
	it('formats dates through a formatter made once per locale and shape, never toLocaleDateString per call', () => {
		const perCall = vi.spyOn(Date.prototype, 'toLocaleDateString');
		const perCallAny = vi.spyOn(Date.prototype, 'toLocaleString');
		const dates = Array.from({ length: 60 }, (_, i) => `2026-${String((i % 12) + 1).padStart(2, '0')}-15`);
		const made = countMade('DateTimeFormat', () => {
			for (const d of dates) formatDate(d);
			for (const d of dates) formatShortDate(d);
			for (const d of dates) numericDate(d);
			for (const d of dates) formatDateTime(`${d}T10:05:00Z`);
		});
		expect(perCall).not.toHaveBeenCalled();
		expect(perCallAny).not.toHaveBeenCalled();
		// At most one per shape (four shapes), however many dates.
		expect(made).toBeLessThanOrEqual(4);
	});

	it('formats numbers through a formatter made once per locale and shape, never toLocaleString per call', () => {
		const perCall = vi.spyOn(Number.prototype, 'toLocaleString');
		const made = countMade('NumberFormat', () => {
			for (let i = 0; i < 100; i++) formatBytes(i * 1000);
			for (let i = 0; i < 100; i++) formatHours(i * 7);
		});
		expect(perCall).not.toHaveBeenCalled();
		expect(made).toBeLessThanOrEqual(3);
	});

	it('keeps one collator per locale', () => {
		const made = countMade('Collator', () => {
			for (let i = 0; i < 100; i++) collator('ru').compare('ёж', 'ель');
		});
		expect(made).toBeLessThanOrEqual(1);
		expect(['Яна', 'ёж', 'Анна', 'ель'].sort(collator('ru').compare)).toEqual(['Анна', 'ёж', 'ель', 'Яна']);
	});

	it('writes the same text as before, and follows a language switch at once', () => {
		expect(formatDate('2026-11-23')).toBe('23 ноября 2026 г.');
		expect(formatShortDate('2026-11-23')).toBe('23 нояб.');
		expect(numericDate('2026-11-23')).toBe('23.11.2026');
		expect(formatHours(135)).toBe('2,3');
		expect(formatBytes(1536)).toBe('1,5 КБ');
		i18n.locale = 'en';
		expect(formatDate('2026-11-23')).toBe('23 November 2026');
		expect(formatShortDate('2026-11-23')).toBe('23 Nov');
		expect(numericDate('2026-11-23')).toBe('23/11/2026');
		expect(formatHours(135)).toBe('2.3');
		expect(formatBytes(1536)).toBe('1.5 KB');
		i18n.locale = 'ru';
		expect(formatDate('2026-11-23')).toBe('23 ноября 2026 г.');
	});
});
