import type { MentoringPair, PairPhase } from '$lib/domain/mentoring';
import { formatDate, t } from '$lib/i18n/i18n.svelte';

/** «Действует», «Начнётся 1 сентября 2026 г.», «Срок истёк — завершите пару», «Завершена», «Прекращена». */
export function phaseLabel(phase: PairPhase, pair: Pick<MentoringPair, 'startDate'>): string {
	if (phase === 'upcoming') return t('pairs.phase.upcoming', formatDate(pair.startDate));
	if (phase === 'expired') return t('pairs.phase.expired');
	return t(`pairStatus.${phase}`);
}

/** Expired is the one that needs the methodist: it still looks active but no longer counts. */
export function phaseTone(phase: PairPhase): 'brand' | 'growth' | 'warn' | 'neutral' {
	if (phase === 'active') return 'growth';
	if (phase === 'upcoming') return 'brand';
	if (phase === 'expired') return 'warn';
	return 'neutral';
}

/** «1 сентября 2026 г. — 31 мая 2027 г.», or «с 1 сентября 2026 г.» for an open end. */
export function termLabel(pair: Pick<MentoringPair, 'startDate' | 'endDate'>): string {
	return pair.endDate
		? t('pairs.term', formatDate(pair.startDate), formatDate(pair.endDate))
		: t('pairs.termOpen', formatDate(pair.startDate));
}
