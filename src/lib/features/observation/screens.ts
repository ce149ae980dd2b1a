import type { Framework } from '$lib/domain/framework';
import { protocolGroups, type LookForGroup, type ObservationMode } from '$lib/domain/observation';

/**
 * The screens of an observation being filled in:
 * - quick mode: one screen per look-for competency and nothing else — the last one also holds
 *   the wrap-up (suggested recommendations and «Завершить»), so a visit never takes more screens
 *   than the framework has competencies;
 * - full protocol: the lesson's details, every competency, then the wrap-up (strengths, typed
 *   recommendations).
 */
export type FlowScreen =
	{ kind: 'lesson' } | { kind: 'competency'; group: LookForGroup; wrapUp: boolean } | { kind: 'wrap-up' };

export function flowScreens(framework: Framework, mode: ObservationMode): FlowScreen[] {
	const groups = protocolGroups(framework, mode);
	if (mode === 'quick') {
		if (groups.length === 0) return [{ kind: 'wrap-up' }];
		return groups.map((group, i) => ({ kind: 'competency', group, wrapUp: i === groups.length - 1 }));
	}
	return [
		{ kind: 'lesson' },
		...groups.map((group): FlowScreen => ({ kind: 'competency', group, wrapUp: false })),
		{ kind: 'wrap-up' }
	];
}

const LESSON_FIELDS = new Set(['date', 'className', 'subject', 'topic', 'purpose']);

/** The screen that shows the field an issue is about, so a refused submit can take the observer there. */
export function screenOfIssue(screens: readonly FlowScreen[], path: string): number {
	const field = path.split(/[.[]/)[0] ?? path;
	const find = (test: (s: FlowScreen) => boolean) => screens.findIndex(test);
	if (LESSON_FIELDS.has(field)) {
		const at = find((s) => s.kind === 'lesson');
		if (at >= 0) return at;
	}
	if (field === 'scores') {
		const at = find((s) => s.kind === 'competency');
		if (at >= 0) return at;
	}
	const wrapUp = find((s) => s.kind === 'wrap-up' || (s.kind === 'competency' && s.wrapUp));
	return wrapUp >= 0 ? wrapUp : 0;
}
