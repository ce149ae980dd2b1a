import { afterEach, describe, expect, it } from 'vitest';
import { formatDate, formatShortDate, i18n } from './i18n.svelte';

afterEach(() => {
	i18n.locale = 'ru';
});

/** Count the Intl.DateTimeFormat constructions while `body` runs. */
function made(body: () => void): number {
	const original = Intl.DateTimeFormat;
	let count = 0;
	Intl.DateTimeFormat = function (...args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
		count++;
		return new original(...args);
	} as typeof Intl.DateTimeFormat;
	try {
		body();
	} finally {
		Intl.DateTimeFormat = original;
	}
	return count;
}

const TAG = { ru: 'ru-RU', en: 'en-GB' } as const;

describe('dates on the first screen', () => {
	it('are written without Intl: a page’s first DateTimeFormat costs ~40–100 ms on a cheap phone', () => {
		expect(made(() => [formatDate('2026-11-23'), formatShortDate('2026-11-23')])).toBe(0);
	});

	for (const locale of ['ru', 'en'] as const) {
		it(`read exactly as Intl writes them (${TAG[locale]}), every month, day and a timestamp`, () => {
			i18n.locale = locale;
			const long = new Intl.DateTimeFormat(TAG[locale], { day: 'numeric', month: 'long', year: 'numeric' });
			const short = new Intl.DateTimeFormat(TAG[locale], { day: 'numeric', month: 'short' });
			for (let month = 1; month <= 12; month++) {
				for (const day of [1, 9, 10, 28]) {
					const iso = `2027-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
					const date = new Date(`${iso}T00:00:00`);
					expect(formatDate(iso)).toBe(long.format(date));
					expect(formatShortDate(iso)).toBe(short.format(date));
				}
			}
			const stamp = '2026-12-31T22:30:00.000Z';
			expect(formatDate(stamp)).toBe(long.format(new Date(stamp)));
			expect(formatDate(null)).toBe('—');
		});
	}
});
