import { describe, expect, it } from 'vitest';
import type { Scores } from '../assessment';
import { IDS, buildObservation, codesOf, uuid } from '../testing/builders';
import { observationSchema, recommendationSchema } from './observation';

describe('observationSchema', () => {
	it('accepts a draft and a submitted, acknowledged observation with recommendations', () => {
		expect(observationSchema.validate(buildObservation())).toEqual([]);
		const full = buildObservation({
			status: 'submitted',
			mode: 'full',
			scores: { 'evaluation.1': 1, 'goal-setting.1': 3 },
			acknowledgedAt: '2026-10-06T09:00:00.000Z',
			recommendations: [
				{
					id: uuid(21),
					text: 'Знакомить с критериями до работы',
					competencyId: 'evaluation',
					deficitId: null,
					actionId: null
				}
			]
		});
		expect(observationSchema.validate(full)).toEqual([]);
	});
	it('refuses observers observing themselves', () => {
		expect(codesOf(observationSchema.validate(buildObservation({ teacherId: IDS.mentor })))).toEqual([
			'teacherId:must_differ'
		]);
	});
	it('refuses an acknowledgement of a draft', () => {
		expect(
			codesOf(observationSchema.validate(buildObservation({ acknowledgedAt: '2026-10-06T09:00:00.000Z' })))
		).toEqual(['acknowledgedAt:not_allowed']);
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
		expect(
			codesOf(observationSchema.validate(buildObservation({ date: '2026-11-31', observerRole: 'parent' as never })))
		).toEqual(['date:invalid_date', 'observerRole:invalid_option']);
	});
});

describe('recommendations', () => {
	const rec = {
		id: uuid(21),
		text: 'Развивать: использует приёмы формирующего оценивания',
		competencyId: 'evaluation',
		deficitId: null,
		actionId: null
	};

	it('accepts a suggestion naming its indicator, and a typed one without it', () => {
		expect(recommendationSchema.validate({ ...rec, indicatorId: 'evaluation.1' })).toEqual([]);
		expect(recommendationSchema.validate({ ...rec, indicatorId: null })).toEqual([]);
		expect(recommendationSchema.validate(rec)).toEqual([]);
	});

	it('refuses an indicator of another competency or without one', () => {
		expect(codesOf(recommendationSchema.validate({ ...rec, indicatorId: 'motivation.1' }))).toEqual([
			'indicatorId:mismatch'
		]);
		expect(codesOf(recommendationSchema.validate({ ...rec, competencyId: null, indicatorId: 'evaluation.1' }))).toEqual(
			['indicatorId:mismatch']
		);
		expect(codesOf(recommendationSchema.validate({ ...rec, indicatorId: 'Оценка' }))).toEqual([
			'indicatorId:invalid_id'
		]);
	});

	it('refuses the same recommendation twice in one observation', () => {
		expect(codesOf(observationSchema.validate(buildObservation({ recommendations: [rec, rec] })))).toEqual([
			'recommendations.1.id:duplicate'
		]);
	});

	it('takes any timer length from one minute to ten hours', () => {
		expect(observationSchema.validate(buildObservation({ durationMinutes: 1 }))).toEqual([]);
		expect(observationSchema.validate(buildObservation({ durationMinutes: 600 }))).toEqual([]);
		expect(codesOf(observationSchema.validate(buildObservation({ durationMinutes: 601 })))).toEqual([
			'durationMinutes:out_of_range'
		]);
	});
});
