import type { Locale } from '$lib/i18n/i18n.svelte';

const formats = new Map<Locale, Intl.DateTimeFormat>();

/** «7 дек. 2026 г., 15:30» in the device's zone: made once per locale (STYLE 16). */
export function dateTime(iso: string, locale: Locale): string {
	let format = formats.get(locale);
	if (!format) {
		format = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
		formats.set(locale, format);
	}
	return format.format(new Date(iso));
}
