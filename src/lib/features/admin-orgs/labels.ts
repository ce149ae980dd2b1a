import { LocalWriteError } from '$lib/db/errors';
import { ruleOf } from '$lib/domain/organization-tree';
import { hoursFromMoscow, RUSSIAN_TIME_ZONES } from '$lib/domain/time-zones';
import type { Issue } from '$lib/domain/validation';
import { messageFor } from '$lib/features/forms/issues';
import { formatDate, t } from '$lib/i18n/i18n.svelte';

/** A zone as the select shows it: «Новокузнецк, Кемерово (МСК+4) — Asia/Novokuznetsk»; a zone off the list by its name. */
export function zoneLabel(zone: string): string {
	const known = RUSSIAN_TIME_ZONES.some((z) => z.zone === zone);
	const city = known ? t(`adminOrgs.city.${zone}` as 'adminOrgs.city.Europe/Moscow') : zone;
	return t('adminOrgs.zone', zone, city, hoursFromMoscow(zone));
}

/** The sentence for one issue: the tree's refusals in this screen's words, the schema's in the forms'. */
export function issueMessage(issue: Issue): string {
	const rule = ruleOf(issue);
	const date = String(issue.params?.date ?? '');
	switch (rule) {
		case 'open_children':
			return t('adminOrgs.rule.open_children', Number(issue.params?.count ?? 0));
		case 'parent_closed':
			return t('adminOrgs.rule.parent_closed', formatDate(date));
		case 'after_parent':
			return t('adminOrgs.rule.after_parent', formatDate(date));
		case 'parent_missing':
		case 'wrong_parent':
		case 'no_children':
			return t(`adminOrgs.rule.${rule}`);
		default:
			return messageFor(issue);
	}
}

/**
 * A refused write as field → sentence (the first issue of each field), to show beside the
 * fields; null when the error is not a refusal (the shell's notice says what happened then).
 */
export function refusal(error: unknown): Record<string, string> | null {
	if (!(error instanceof LocalWriteError) || error.reason !== 'invalid' || error.issues.length === 0) return null;
	const out: Record<string, string> = {};
	for (const issue of error.issues) {
		const field = issue.path.split(/[.[]/)[0] ?? issue.path;
		out[field] ??= issueMessage(issue);
	}
	return out;
}
