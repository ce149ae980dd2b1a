/**
 * A day of the year without a year, as Russian writes it: «1 января» (the genitive the day takes),
 * and the months by name for a select. Formatters made once per locale (STYLE 16); a fixed
 * non-leap year in UTC so that no time zone moves the day.
 */
const dayMonthFormats = new Map<string, Intl.DateTimeFormat>();
const monthFormats = new Map<string, Intl.DateTimeFormat>();

function formatter(cache: Map<string, Intl.DateTimeFormat>, locale: 'ru' | 'en', options: Intl.DateTimeFormatOptions) {
	let f = cache.get(locale);
	if (!f) {
		f = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { ...options, timeZone: 'UTC' });
		cache.set(locale, f);
	}
	return f;
}

/** dayMonth(1, 1) → «1 января». */
export function dayMonth(month: number, day: number, locale: 'ru' | 'en' = 'ru'): string {
	return formatter(dayMonthFormats, locale, { day: 'numeric', month: 'long' }).format(Date.UTC(2001, month - 1, day));
}

/** monthName(9) → «сентябрь». */
export function monthName(month: number, locale: 'ru' | 'en' = 'ru'): string {
	return formatter(monthFormats, locale, { month: 'long' }).format(Date.UTC(2001, month - 1, 1));
}
