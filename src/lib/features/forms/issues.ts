import type { Issue } from '$lib/domain/validation';
import { i18n, t } from '$lib/i18n/i18n.svelte';
import type { MessageKey } from '$lib/i18n/catalog';
import { formatDate } from '$lib/i18n/i18n.svelte';
import { isIsoDate } from '$lib/domain/dates';

/** The Russian sentence for a validation issue, shown next to its field. */
export function messageFor(issue: Issue): string {
	// Loaded once the first screen is up (root layout); a save in the very first moment asks for it
	// here, and the message, reactive, replaces its key when it arrives.
	void i18n.ensure('forms');
	const key = `validation.${issue.code}` as MessageKey;
	const params = Object.fromEntries(
		Object.entries(issue.params ?? {}).map(([k, v]) => [k, typeof v === 'string' && isIsoDate(v) ? formatDate(v) : v])
	);
	const m = t as unknown as (key: MessageKey, params: Record<string, unknown>) => string;
	return m(key, params);
}

/** The first issue per top-level field, as field → message. */
export function fieldErrors(issues: Issue[]): Record<string, string> {
	const out: Record<string, string> = {};
	for (const issue of issues) {
		const field = issue.path.split(/[.[]/)[0] ?? issue.path;
		out[field] ??= messageFor(issue);
	}
	return out;
}
