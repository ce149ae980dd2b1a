import { describe, expect, it } from 'vitest';
import {
	assessmentSchema,
	canEditAssessment,
	setScore,
	submitAssessment,
	validateAssessmentForFramework,
	type Scores
} from './assessment';
import { DEFAULT_FRAMEWORK as F } from './frameworks/default';
import { IDS, buildAssessment, buildSubmittedAssessment, codesOf, scoresFor, uuid } from './testing/builders';

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
		expect(submitAssessment(F, buildAssessment({ scores: extra }), AT)).toEqual({ ok: false, error: 'framework_mismatch' });
	});
});

describe('canEditAssessment', () => {
	it('allows editing a draft only', () => {
		expect(canEditAssessment(buildAssessment())).toBe(true);
		expect(canEditAssessment(buildSubmittedAssessment())).toBe(false);
	});
});

describe('validateAssessmentForFramework', () => {
	it('accepts scores for the framework’s own indicators', () => {
		expect(validateAssessmentForFramework(buildSubmittedAssessment(), F)).toEqual([]);
	});
	it('reports foreign indicators and another framework', () => {
		const a = buildAssessment({ frameworkId: uuid(9), scores: { 'ghost.1': 2 } as Scores });
		expect(codesOf(validateAssessmentForFramework(a, F))).toEqual(['frameworkId:mismatch', 'scores[ghost.1]:invalid_option']);
	});
});

describe('assessmentSchema', () => {
	it('accepts a draft and a submitted assessment', () => {
		expect(assessmentSchema.validate(buildAssessment())).toEqual([]);
		expect(assessmentSchema.validate(buildSubmittedAssessment())).toEqual([]);
	});
	it('accepts only scores 0–3 keyed by indicator-shaped ids', () => {
		const scores = { 'goal-setting.1': 4, 'goal-setting.2': 1.5, 'Goal Setting': 1 } as unknown as Scores;
		expect(codesOf(assessmentSchema.validate(buildAssessment({ scores })))).toEqual([
			'scores[Goal Setting]:invalid_id',
			'scores[goal-setting.1]:invalid_option',
			'scores[goal-setting.2]:invalid_option'
		]);
	});
	it('ties submittedAt to the status', () => {
		expect(codesOf(assessmentSchema.validate(buildAssessment({ status: 'submitted' })))).toEqual(['submittedAt:required']);
		expect(codesOf(assessmentSchema.validate(buildAssessment({ submittedAt: AT })))).toEqual(['submittedAt:not_allowed']);
	});
	it('refuses a submission dated before the start', () => {
		const a = buildSubmittedAssessment({ startedAt: AT, submittedAt: '2026-09-19T12:00:00.000Z' });
		expect(codesOf(assessmentSchema.validate(a))).toEqual(['submittedAt:date_before']);
	});
	it('requires an expert other than the teacher for an expert assessment', () => {
		expect(codesOf(assessmentSchema.validate(buildAssessment({ kind: 'expert', assessorId: null })))).toEqual(['assessorId:required']);
		expect(codesOf(assessmentSchema.validate(buildAssessment({ kind: 'expert', assessorId: IDS.teacher })))).toEqual([
			'assessorId:must_differ'
		]);
		expect(assessmentSchema.validate(buildAssessment({ kind: 'expert', assessorId: IDS.methodist }))).toEqual([]);
	});
	it('refuses someone else as the assessor of a self-assessment', () => {
		expect(codesOf(assessmentSchema.validate(buildAssessment({ assessorId: IDS.mentor })))).toEqual(['assessorId:mismatch']);
	});
	it('reports unknown kinds, stages and ids', () => {
		const bad = buildAssessment({ kind: 'peer' as never, stage: 'exit' as never, teacherId: 'me', academicYear: 1999 });
		expect(codesOf(assessmentSchema.validate(bad))).toEqual([
			'academicYear:out_of_range',
			'kind:invalid_option',
			'stage:invalid_option',
			'teacherId:invalid_id'
		]);
	});
});
