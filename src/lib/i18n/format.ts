/**
 * Numbers and plural forms as the reader writes them, through Intl (STYLE 16): «1,8», «32,0 %»,
 * «30 000», and the plural category of a fraction («1,5 часа»). Each formatter is made once per
 * locale and shape, never per call. The shell's words use this module, so it is on the first load:
 * it stays small and imports nothing.
 */

export type NumberLocale = 'ru' | 'en';

const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRules = new Map<NumberLocale, Intl.PluralRules>();

function numberFormat(locale: NumberLocale, min: number, max: number): Intl.NumberFormat {
	const key = `${locale}:${min}:${max}`;
	let format = numberFormats.get(key);
	if (!format) {
		format = new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', {
			minimumFractionDigits: min,
			maximumFractionDigits: max
		});
		numberFormats.set(key, format);
	}
	return format;
}

/** Exactly `digits` decimals: decimal(1.75, 1) → «1,8», decimal(2, 1) → «2,0». */
export function decimal(value: number, digits: number, locale: NumberLocale = 'ru'): string {
	return numberFormat(locale, digits, digits).format(value);
}

/** At most `digits` decimals, none when whole: number(1.5) → «1,5», number(56) → «56». */
export function number(value: number, digits = 1, locale: NumberLocale = 'ru'): string {
	return numberFormat(locale, 0, digits).format(value);
}

/**
 * A share (0…1) as a percentage: percent(0.32) → «32,0 %», with a no-break space before the sign
 * as Russian sets it (as Intl's own percent style does), «32.0%» in English. Rounded half up to
 * `digits` first, the same rounding as the exported spreadsheets, so a figure reads alike on
 * screen, on paper and in the file.
 */
export function percent(share: number, digits = 1, locale: NumberLocale = 'ru'): string {
	// share × 1000 / 10, not share × 100 × 10: the exports round with this very expression.
	return percentage(Math.round(share * 10 ** (digits + 2)) / 10 ** digits, digits, locale);
}

/** A percentage already on the 0…100 scale: percentage(16, 1) → «16,0 %». */
export function percentage(value: number, digits = 1, locale: NumberLocale = 'ru'): string {
	return `${decimal(value, digits, locale)}${locale === 'ru' ? '\u00a0%' : '%'}`;
}

/** The CLDR plural category: in Russian a fraction is 'other' (1,5 часа), not 'many'. */
export function pluralCategory(value: number, locale: NumberLocale = 'ru'): Intl.LDMLPluralRule {
	let rules = pluralRules.get(locale);
	if (!rules) {
		rules = new Intl.PluralRules(locale);
		pluralRules.set(locale, rules);
	}
	return rules.select(value);
}

// Formatters of any other shape, by locale tag and options: made on first use, then reused (a
// reused formatter costs microseconds, a new one ~0.5 ms on a cheap phone and >100 ms the first
// time). Callers pass the locale each time, so a language switch takes effect at once.
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const otherNumberFormats = new Map<string, Intl.NumberFormat>();
const collators = new Map<NumberLocale, Intl.Collator>();

/** The DateTimeFormat for a locale tag ('ru-RU') and options, made once. */
export function dateTimeFormat(tag: string, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
	const key = tag + JSON.stringify(options);
	let format = dateTimeFormats.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat(tag, options);
		dateTimeFormats.set(key, format);
	}
	return format;
}

/** The NumberFormat for a locale tag (undefined: the runtime's) and options, made once. */
export function numberFormatOf(tag: string | undefined, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
	const key = (tag ?? '') + JSON.stringify(options);
	let format = otherNumberFormats.get(key);
	if (!format) {
		format = new Intl.NumberFormat(tag, options);
		otherNumberFormats.set(key, format);
	}
	return format;
}

/** The collator of a language, for sorting names (`a.localeCompare(b, 'ru')` builds one per call). */
export function collator(locale: NumberLocale = 'ru'): Intl.Collator {
	let found = collators.get(locale);
	if (!found) {
		found = new Intl.Collator(locale);
		collators.set(locale, found);
	}
	return found;
}
