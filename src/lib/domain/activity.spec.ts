import { describe, expect, it } from 'vitest';
import { activityFromAction, activityKindOfAction, activityYearOf, courseHours } from './activity';
import { activitySchema } from './schemas/activity';
import { buildAction, buildActivity, uuid } from './testing/builders';

describe('the year an activity counts in', () => {
	it('is the year a completed activity ended, else the year it started', () => {
		expect(activityYearOf(buildActivity({ startDate: '2026-08-25', endDate: '2026-09-10', completed: true }))).toBe(
			2026
		);
		expect(activityYearOf(buildActivity({ startDate: '2026-08-25', endDate: '2026-09-10', completed: false }))).toBe(
			2025
		);
		expect(activityYearOf(buildActivity({ startDate: '2026-10-01', endDate: null, completed: false }))).toBe(2026);
	});
});

describe('course hours of a year', () => {
	it('add up the completed courses of the year and give the ones under way apart', () => {
		const list = [
			// Started in August, finished in September: the new year's, as the indicators count it.
			buildActivity({ id: uuid(1), hours: 36, startDate: '2026-08-25', endDate: '2026-09-10', completed: true }),
			buildActivity({ id: uuid(2), hours: 56, startDate: '2026-11-01', endDate: null, completed: false }),
			buildActivity({ id: uuid(3), hours: 16, startDate: '2026-05-01', endDate: '2026-05-02', completed: true }),
			buildActivity({ id: uuid(4), kind: 'internship', hours: 24, startDate: '2026-10-01', endDate: '2026-10-03' }),
			buildActivity({ id: uuid(5), hours: 72, deletedAt: '2026-11-02T10:00:00.000Z' })
		];
		expect(courseHours(list, 2026)).toEqual({ completed: 36, underway: 56 });
		expect(courseHours(list, 2025)).toEqual({ completed: 16, underway: 0 });
	});

	it('move from under way to completed when the course is marked finished', () => {
		const course = buildActivity({ hours: 56, startDate: '2026-11-01', endDate: null, completed: false });
		expect(courseHours([course], 2026)).toEqual({ completed: 0, underway: 56 });
		expect(courseHours([{ ...course, completed: true, endDate: '2026-12-01' }], 2026)).toEqual({
			completed: 56,
			underway: 0
		});
	});
});

describe('an activity from a completed ИОМ action', () => {
	it('is proposed for a course with its title, hours and certificate, ended the day it was done, linked back', () => {
		const action = buildAction({
			type: 'course',
			title: 'Курсы «Формирующее оценивание»',
			hours: 36,
			evidence: [{ id: uuid(9), kind: 'certificate', value: 'ПК-0042', note: '' }]
		});
		const draft = activityFromAction(action, '2026-11-20')!;
		expect(draft).toMatchObject({
			kind: 'course',
			title: 'Курсы «Формирующее оценивание»',
			hours: 36,
			certificate: 'ПК-0042',
			startDate: '2026-11-20',
			endDate: '2026-11-20',
			completed: true,
			planActionId: action.id,
			teacherId: action.teacherId
		});
		expect(activitySchema.validate(draft)).toEqual([]);
	});

	it('exists only for actions that are activities of the portfolio', () => {
		expect(activityKindOfAction('course')).toBe('course');
		expect(activityKindOfAction('open_lesson')).toBe('open_lesson');
		expect(activityKindOfAction('self_study')).toBeNull();
		expect(activityFromAction(buildAction({ type: 'self_study' }), '2026-11-20')).toBeNull();
	});
});
