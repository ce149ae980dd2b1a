import { describe, expect, it } from 'vitest';
import type { Scores } from '../assessment';
import { IDS, buildObservation, codesOf, uuid } from '../testing/builders';
import { observationSchema } from './observation';

describe('observationSchema', () => {
	it('accepts a draft and a submitted, acknowledged observation with recommendations', () => {
		expect(observationSchema.validate(buildObservation())).toEqual([]);
		const full = buildObservation({
			status: 'submitted',
			mode: 'full',
			scores: { 'evaluation.1': 1, 'goal-setting.1': 3 },
			acknowledgedAt: '2026-10-06T09:00:00.000Z',
			recommendations: [{ id: uuid(21), text: 'Знакомить с критериями до работы', competencyId: 'evaluation', deficitId: null, actionId: null }]
		});
		expect(observationSchema.validate(full)).toEqual([]);
	});
	it('refuses observers observing themselves', () => {
		expect(codesOf(observationSchema.validate(buildObservation({ teacherId: IDS.mentor })))).toEqual(['teacherId:must_differ']);
	});
	it('refuses an acknowledgement of a draft', () => {
		expect(codesOf(observationSchema.validate(buildObservation({ acknowledgedAt: '2026-10-06T09:00:00.000Z' })))).toEqual([
			'acknowledgedAt:not_allowed'
		]);
	});
	it('checks scores, duration and recommendations', () => {
		const bad = buildObservation({
			scores: { 'evaluation.1': 5 } as unknown as Scores,
			durationMinutes: 0,
			recommendations: [{ id: 'r1', text: '', competencyId: 'Оценка', deficitId: null, actionId: null }]
		});
		expect(codesOf(observationSchema.validate(bad))).toEqual([
			'durationMinutes:out_of_range',
			'recommendations.0.competencyId:invalid_id',
			'recommendations.0.id:invalid_id',
			'recommendations.0.text:required',
			'scores[evaluation.1]:invalid_option'
		]);
	});
	it('reports an impossible date and an unknown role', () => {
		expect(codesOf(observationSchema.validate(buildObservation({ date: '2026-11-31', observerRole: 'parent' as never })))).toEqual([
			'date:invalid_date',
			'observerRole:invalid_option'
		]);
	});
});
