import type { Issue } from '$lib/domain/validation';
import { messageFor } from '$lib/features/forms/issues';
import { t } from '$lib/i18n/i18n.svelte';

/**
 * The sentence for a pair's issue where the generic one would not tell the methodist what to do
 * («Значение должно отличаться» says less than «разные педагоги»); null means the generic one fits.
 */
function pairMessage(i: Issue): string | null {
	if (i.path === 'menteeId' && i.code === 'not_allowed' && i.params?.reason === 'active_pair')
		return t('pairs.error.activePair');
	if (i.path === 'menteeId' && i.code === 'must_differ') return t('pairs.error.samePerson');
	if (i.path === 'menteeId' && i.code === 'mismatch') return t('pairs.error.otherSchool');
	if ((i.path === 'menteeId' || i.path === 'mentorId') && i.code === 'invalid_id')
		return t('pairs.error.unknownPerson');
	if (i.path === 'status' && i.code === 'not_allowed') return t('pairs.error.ended');
	if (i.path.startsWith('deficitIds') && (i.code === 'mismatch' || i.code === 'invalid_id'))
		return t('pairs.error.deficit');
	return null;
}

/** The first issue per top-level field as a Russian sentence, pair-specific where that helps. */
export function pairErrors(issues: readonly Issue[]): Record<string, string> {
	const out: Record<string, string> = {};
	for (const i of issues) {
		const field = i.path.split(/[.[]/)[0] ?? i.path;
		if (out[field] !== undefined) continue;
		out[field] = pairMessage(i) ?? messageFor(i);
	}
	return out;
}

/** Issues of one planned meeting (`plannedMeetings.<index>.…`), by index, for the row it concerns. */
export function meetingErrors(issues: readonly Issue[]): Record<number, string> {
	const out: Record<number, string> = {};
	for (const i of issues) {
		const match = /^plannedMeetings\.(\d+)\./.exec(i.path);
		if (!match) continue;
		out[Number(match[1])] ??= messageFor(i);
	}
	return out;
}
