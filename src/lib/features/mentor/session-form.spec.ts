import { describe, expect, it } from 'vitest';
import { blankSessionForm, sessionFromForm } from './session-form';

describe('the new-session form', () => {
	it('starts dated today with no guessed duration', () => {
		expect(blankSessionForm('2026-10-10')).toMatchObject({ date: '2026-10-10', duration: '', topic: '', open: false });
	});

	it('turns the typed duration into minutes, a comma or spaces allowed', () => {
		const form = { ...blankSessionForm('2026-10-10'), topic: 'Разбор урока', duration: ' 45 ' };
		expect(sessionFromForm(form, 'none')).toEqual({
			input: {
				date: '2026-10-10',
				format: 'consultation',
				topic: 'Разбор урока',
				notes: '',
				durationMinutes: 45,
				nextSteps: '',
				plannedMeeting: 'none'
			},
			issues: []
		});
		expect(sessionFromForm({ ...form, duration: '45,5' }, 'none').input.durationMinutes).toBe(45.5);
	});

	it('keeps a duration that is not a number as typed, so the schema can say so, and asks for an empty one', () => {
		const form = blankSessionForm('2026-10-10');
		expect(sessionFromForm({ ...form, duration: 'час' }, 'none').input.durationMinutes).toBe('час');
		expect(sessionFromForm(form, 'none').issues).toEqual([{ path: 'durationMinutes', code: 'required' }]);
	});

	it('names the planned meeting proposed for its date until the mentor picks another', () => {
		const form = { ...blankSessionForm('2026-10-10'), topic: 'Разбор урока', duration: '45' };
		expect(form.plannedMeeting).toBe('');
		expect(sessionFromForm(form, '2026-10-20').input.plannedMeeting).toBe('2026-10-20');
		expect(sessionFromForm({ ...form, plannedMeeting: 'none' }, '2026-10-20').input.plannedMeeting).toBe('none');
		expect(sessionFromForm({ ...form, plannedMeeting: '2026-09-20' }, '2026-10-20').input.plannedMeeting).toBe(
			'2026-09-20'
		);
	});
});
