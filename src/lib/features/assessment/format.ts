import { i18n, type Locale } from '$lib/i18n/i18n.svelte';

const formats = new Map<Locale, Intl.NumberFormat>();

/** A mean score with one decimal in the reader's convention: «2,3» in Russian, «2.3» in English. */
export function formatMean(value: number, locale: Locale = i18n.locale): string {
	let format = formats.get(locale);
	if (!format) {
		format = new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', {
			minimumFractionDigits: 1,
			maximumFractionDigits: 1
		});
		formats.set(locale, format);
	}
	return format.format(value);
}
