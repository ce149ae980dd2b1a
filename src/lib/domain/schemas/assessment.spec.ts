import { describe, expect, it } from 'vitest';
import type { Scores } from '../assessment';
import { DEFAULT_FRAMEWORK as F } from '../frameworks/default';
import { IDS, buildAssessment, buildSubmittedAssessment, codesOf, uuid } from '../testing/builders';
import { assessmentSchema, validateAssessmentForFramework } from './assessment';

const AT = '2026-09-20T12:00:00.000Z';

describe('validateAssessmentForFramework', () => {
	it('accepts scores for the framework’s own indicators', () => {
		expect(validateAssessmentForFramework(buildSubmittedAssessment(), F)).toEqual([]);
	});
	it('reports foreign indicators and another framework', () => {
		const a = buildAssessment({ frameworkId: uuid(9), scores: { 'ghost.1': 2 } as Scores });
		expect(codesOf(validateAssessmentForFramework(a, F))).toEqual([
			'frameworkId:mismatch',
			'scores[ghost.1]:invalid_option'
		]);
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
		expect(codesOf(assessmentSchema.validate(buildAssessment({ status: 'submitted' })))).toEqual([
			'submittedAt:required'
		]);
		expect(codesOf(assessmentSchema.validate(buildAssessment({ submittedAt: AT })))).toEqual([
			'submittedAt:not_allowed'
		]);
	});
	it('refuses a submission dated before the start', () => {
		const a = buildSubmittedAssessment({ startedAt: AT, submittedAt: '2026-09-19T12:00:00.000Z' });
		expect(codesOf(assessmentSchema.validate(a))).toEqual(['submittedAt:date_before']);
	});
	it('requires an expert other than the teacher for an expert assessment', () => {
		expect(codesOf(assessmentSchema.validate(buildAssessment({ kind: 'expert', assessorId: null })))).toEqual([
			'assessorId:required'
		]);
		expect(codesOf(assessmentSchema.validate(buildAssessment({ kind: 'expert', assessorId: IDS.teacher })))).toEqual([
			'assessorId:must_differ'
		]);
		expect(assessmentSchema.validate(buildAssessment({ kind: 'expert', assessorId: IDS.methodist }))).toEqual([]);
	});
	it('refuses someone else as the assessor of a self-assessment', () => {
		expect(codesOf(assessmentSchema.validate(buildAssessment({ assessorId: IDS.mentor })))).toEqual([
			'assessorId:mismatch'
		]);
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

describe('assessmentSchema instants', () => {
	it('refuses a start outside 1950–2100, as the database does', () => {
		expect(codesOf(assessmentSchema.validate(buildAssessment({ startedAt: '2150-09-01T10:00:00.000Z' })))).toEqual([
			'startedAt:date_after'
		]);
		expect(codesOf(assessmentSchema.validate(buildAssessment({ startedAt: '1900-09-01T10:00:00.000Z' })))).toEqual([
			'startedAt:date_before'
		]);
	});
	it('refuses scores other than 0–3', () => {
		for (const score of [4, -1, 1.5, null]) {
			expect(
				codesOf(assessmentSchema.validate(buildAssessment({ scores: { 'goal-setting.1': score } as Scores })))
			).toEqual(['scores[goal-setting.1]:invalid_option']);
		}
	});
});
