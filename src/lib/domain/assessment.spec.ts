import { describe, expect, it } from 'vitest';
import { canEditAssessment, setScore, submitAssessment, suggestedStage, type Scores } from './assessment';
import { DEFAULT_FRAMEWORK as F } from './frameworks/default';
import { assessmentSchema } from './schemas/assessment';
import { buildAssessment, buildSubmittedAssessment, scoresFor, uuid } from './testing/builders';

const AT = '2026-09-20T12:00:00.000Z';

describe('setScore', () => {
	it('records an answer on a draft without touching the original', () => {
		const draft = buildAssessment();
		const result = setScore(draft, 'goal-setting.1', 2);
		expect(result).toEqual({ ok: true, value: { ...draft, scores: { 'goal-setting.1': 2 } } });
		expect(draft.scores).toEqual({});
	});
	it('replaces an earlier answer', () => {
		const result = setScore(buildAssessment({ scores: { 'goal-setting.1': 0 } }), 'goal-setting.1', 3);
		expect(result.ok && result.value.scores['goal-setting.1']).toBe(3);
	});
	it('refuses to change a submitted assessment', () => {
		expect(setScore(buildSubmittedAssessment(), 'goal-setting.1', 0)).toEqual({ ok: false, error: 'submitted' });
	});
});

describe('submitAssessment', () => {
	it('submits a complete draft, dated and no longer editable', () => {
		const draft = buildAssessment({ scores: scoresFor(F, 1), currentCompetencyId: 'evaluation' });
		const result = submitAssessment(F, draft, AT);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value).toMatchObject({ status: 'submitted', submittedAt: AT, currentCompetencyId: null });
		expect(canEditAssessment(result.value)).toBe(false);
		expect(assessmentSchema.validate(result.value)).toEqual([]);
	});
	it('refuses an incomplete draft', () => {
		const { ['goal-setting.1']: _missing, ...scores } = scoresFor(F, 1);
		expect(submitAssessment(F, buildAssessment({ scores }), AT)).toEqual({ ok: false, error: 'incomplete' });
	});
	it('refuses to submit twice', () => {
		expect(submitAssessment(F, buildSubmittedAssessment(), AT)).toEqual({ ok: false, error: 'already_submitted' });
	});
	it('refuses a draft taken against another framework version or with foreign indicator ids', () => {
		expect(submitAssessment(F, buildAssessment({ scores: scoresFor(F, 1), frameworkVersion: 2 }), AT)).toEqual({
			ok: false,
			error: 'framework_mismatch'
		});
		const extra = { ...scoresFor(F, 1), 'ghost.1': 1 } as Scores;
		expect(submitAssessment(F, buildAssessment({ scores: extra }), AT)).toEqual({
			ok: false,
			error: 'framework_mismatch'
		});
	});
});

describe('canEditAssessment', () => {
	it('allows editing a draft only', () => {
		expect(canEditAssessment(buildAssessment())).toBe(true);
		expect(canEditAssessment(buildSubmittedAssessment())).toBe(false);
	});
});

describe('the stage suggested for a new self-assessment', () => {
	const entryDone = buildSubmittedAssessment({ id: uuid(1), stage: 'entry', academicYear: 2026 });
	const intermediateDraft = buildAssessment({ id: uuid(2), stage: 'intermediate', academicYear: 2026 });
	const lastYearFinal = buildSubmittedAssessment({ id: uuid(3), stage: 'final', academicYear: 2025 });

	it('is entry at the start of a year', () => {
		expect(suggestedStage([lastYearFinal], 2026)).toBe('entry');
	});

	it('skips stages already submitted or under way', () => {
		expect(suggestedStage([entryDone], 2026)).toBe('intermediate');
		expect(suggestedStage([entryDone, intermediateDraft], 2026)).toBe('final');
	});

	it('falls back to a stage not yet submitted, then to final', () => {
		const finalDraft = buildAssessment({ id: uuid(4), stage: 'final', academicYear: 2026 });
		expect(suggestedStage([entryDone, intermediateDraft, finalDraft], 2026)).toBe('intermediate');
		const all = (['entry', 'intermediate', 'final'] as const).map((stage, i) =>
			buildSubmittedAssessment({ id: uuid(10 + i), stage })
		);
		expect(suggestedStage(all, 2026)).toBe('final');
	});
});
