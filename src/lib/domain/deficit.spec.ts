import { describe, expect, it } from 'vitest';
import {
	DEFICIT_STATUSES,
	DEFICIT_TRANSITIONS,
	deficitTransition,
	isOpenDeficit,
	proposeDeficits,
	type DeficitStatus
} from './deficit';
import type { Score } from './framework';
import { DEFAULT_FRAMEWORK as F } from './frameworks/default';
import { deficitSchema } from './schemas/deficit';
import { IDS, buildAssessment, buildDeficit, buildSubmittedAssessment, scoresFor } from './testing/builders';

const AT = '2026-10-01T08:00:00.000Z';

/** All 2s except the given indicators. */
function scoresWith(low: Record<string, Score>) {
	return scoresFor(F, (id) => low[id] ?? 2);
}

describe('proposeDeficits', () => {
	it('proposes one deficit per competency, listing its indicators scored 0 or 1', () => {
		const a = buildSubmittedAssessment({
			scores: scoresWith({ 'evaluation.1': 0, 'evaluation.3': 1, 'motivation.2': 1 })
		});
		const drafts = proposeDeficits(F, a);
		expect(drafts.map((d) => [d.competencyId, d.indicatorIds])).toEqual([
			['motivation', ['motivation.2']],
			['evaluation', ['evaluation.1', 'evaluation.3']]
		]);
	});
	it('ignores indicators scored 2 or 3', () => {
		expect(proposeDeficits(F, buildSubmittedAssessment({}, 2))).toEqual([]);
		expect(proposeDeficits(F, buildSubmittedAssessment({}, 3))).toEqual([]);
	});
	it('proposes nothing for a draft, however low the scores', () => {
		expect(proposeDeficits(F, buildAssessment({ scores: scoresFor(F, 0) }))).toEqual([]);
	});
	it('fills a proposed, schema-valid draft pointing at the assessment', () => {
		const a = buildSubmittedAssessment({ scores: scoresWith({ 'goal-setting.2': 0 }) });
		const [draft] = proposeDeficits(F, a);
		expect(draft).toEqual({
			teacherId: IDS.teacher,
			competencyId: 'goal-setting',
			indicatorIds: ['goal-setting.2'],
			source: 'self_assessment',
			description: '',
			status: 'proposed',
			confirmedAt: null,
			sourceAssessmentId: a.id,
			sourceObservationId: null,
			history: [{ status: 'proposed', at: a.submittedAt, by: null }]
		});
		expect(deficitSchema.validate(draft)).toEqual([]);
	});
	it('takes the source from the assessment kind', () => {
		const low = scoresWith({ 'goal-setting.1': 0 });
		const sourceOf = (kind: 'self' | 'expert' | 'test' | 'observation') =>
			proposeDeficits(F, buildSubmittedAssessment({ kind, assessorId: IDS.methodist, scores: low }))[0]?.source;
		expect(sourceOf('expert')).toBe('expert_review');
		expect(sourceOf('test')).toBe('testing');
		expect(sourceOf('observation')).toBe('lesson_observation');
	});
	it('proposes one deficit for every competency when everything is scored 0', () => {
		expect(proposeDeficits(F, buildSubmittedAssessment({}, 0))).toHaveLength(F.competencies.length);
	});
});

describe('deficitTransition', () => {
	it('confirms a proposal and appends the change to the history', () => {
		const proposed = buildDeficit({ status: 'proposed', history: [{ status: 'proposed', at: AT, by: null }] });
		const result = deficitTransition(proposed, 'identified', '2026-10-02T08:00:00.000Z', IDS.teacher);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value.status).toBe('identified');
		expect(result.value.history).toEqual([
			{ status: 'proposed', at: AT, by: null },
			{ status: 'identified', at: '2026-10-02T08:00:00.000Z', by: IDS.teacher }
		]);
		expect(proposed.history).toHaveLength(1);
		expect(deficitSchema.validate(result.value)).toEqual([]);
	});
	it('follows identified → in progress → overcome, and reopens an overcome one', () => {
		let d = buildDeficit();
		for (const to of ['in_progress', 'overcome', 'in_progress', 'overcome'] as const) {
			const r = deficitTransition(d, to, AT, IDS.teacher);
			expect(r.ok).toBe(true);
			if (r.ok) d = r.value;
		}
		expect(d.history.map((h) => h.status)).toEqual([
			'proposed',
			'identified',
			'in_progress',
			'overcome',
			'in_progress',
			'overcome'
		]);
	});
	it('refuses forbidden moves with an error code', () => {
		const forbidden: [DeficitStatus, DeficitStatus][] = [
			['proposed', 'in_progress'],
			['proposed', 'overcome'],
			['in_progress', 'proposed'],
			['in_progress', 'dismissed'],
			['overcome', 'dismissed'],
			['dismissed', 'overcome'],
			['identified', 'identified']
		];
		for (const [from, to] of forbidden) {
			expect(deficitTransition(buildDeficit({ status: from }), to, AT, null)).toEqual({
				ok: false,
				error: 'forbidden_transition'
			});
		}
	});
	it('allows exactly the moves in the table', () => {
		for (const from of DEFICIT_STATUSES)
			for (const to of DEFICIT_STATUSES) {
				const allowed = DEFICIT_TRANSITIONS[from].includes(to);
				expect(deficitTransition(buildDeficit({ status: from }), to, AT, null).ok).toBe(allowed);
			}
	});
});

describe('isOpenDeficit', () => {
	it('is open while identified or in progress and not deleted', () => {
		expect(isOpenDeficit(buildDeficit({ status: 'identified' }))).toBe(true);
		expect(isOpenDeficit(buildDeficit({ status: 'in_progress' }))).toBe(true);
		expect(isOpenDeficit(buildDeficit({ status: 'in_progress', deletedAt: AT }))).toBe(false);
	});
	it('is not open when proposed, overcome or dismissed', () => {
		for (const status of ['proposed', 'overcome', 'dismissed'] as const)
			expect(isOpenDeficit(buildDeficit({ status }))).toBe(false);
	});
});
