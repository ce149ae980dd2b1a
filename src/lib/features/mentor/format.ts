import type { MentoringPair } from '$lib/domain/mentoring';
import { formatDate, i18n, t, type Locale } from '$lib/i18n/i18n.svelte';
import { dateTimeFormat, numberFormatOf } from '$lib/i18n/format';

function tag(locale: Locale): string {
	return locale === 'ru' ? 'ru-RU' : 'en-GB';
}

function parse(iso: string): Date {
	// A date is read on the local calendar; an instant is shown in the device's zone.
	return new Date(iso.length === 10 ? `${iso}T00:00:00` : iso);
}

/** 23.11.2026: long dates do not fit the narrow columns of a printed journal. */
export function numericDate(iso: string, locale: Locale = i18n.locale): string {
	return dateTimeFormat(tag(locale)).format(parse(iso));
}

const DATE_TIME: Intl.DateTimeFormatOptions = {
	day: 'numeric',
	month: 'short',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit'
};

/** «23 нояб. 2026 г., 14:05»: when a comment was written. */
export function formatDateTime(iso: string, locale: Locale = i18n.locale): string {
	return dateTimeFormat(tag(locale), DATE_TIME).format(parse(iso));
}

/** Minutes as hours with at most one decimal: 135 → «2,3». */
export function formatHours(minutes: number, locale: Locale = i18n.locale): string {
	return numberFormatOf(tag(locale), { maximumFractionDigits: 1 }).format(minutes / 60);
}

/** A share as a whole percentage; callers handle «no share» (an empty plan) themselves. */
export function percent(share: number): number {
	return Math.round(share * 100);
}

/** The programme's term: «1 сентября 2026 г. — 31 мая 2027 г.», or open-ended. */
export function pairTerm(pair: Pick<MentoringPair, 'startDate' | 'endDate'>): string {
	return pair.endDate
		? t('mentor.pair.term', formatDate(pair.startDate), formatDate(pair.endDate))
		: t('mentor.pair.openEnded', formatDate(pair.startDate));
}
