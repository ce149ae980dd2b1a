import type { IsoDate } from '$lib/domain/common';
import type { PlannedMeetingKey, SessionFormat } from '$lib/domain/mentoring';
import { issue, type Issue } from '$lib/domain/validation';
import type { NewSession } from '$lib/db/mentoring-sessions';

/** The «Новая встреча» form as typed: every field a string, so a draft survives a reload as is. */
export interface SessionFormValues extends Record<string, unknown> {
	open: boolean;
	date: string;
	format: SessionFormat;
	topic: string;
	notes: string;
	duration: string;
	nextSteps: string;
	/** The planned meeting the mentor picked; '' while the one proposed for the date stands. */
	plannedMeeting: string;
}

/**
 * A new form: dated today, since a session is logged once it has happened — most often the same
 * day. The duration starts empty rather than at a guess, which would quietly skew the hours the
 * report adds up.
 */
export function blankSessionForm(today: IsoDate): SessionFormValues {
	return {
		open: false,
		date: today,
		format: 'consultation',
		topic: '',
		notes: '',
		duration: '',
		nextSteps: '',
		plannedMeeting: ''
	};
}

/**
 * The session the form describes. A duration that is not a number stays a string so the schema
 * can say «введите число»; an empty one is reported here as required. The planned meeting is the
 * one the mentor picked, else `proposed` (domain `proposePlannedMeeting` for the form's date), so
 * a new session always says which meeting it fulfils, or that it is none of them.
 */
export function sessionFromForm(
	values: SessionFormValues,
	proposed: PlannedMeetingKey
): { input: NewSession; issues: Issue[] } {
	const raw = values.duration.trim().replace(',', '.');
	const n = Number(raw);
	const durationMinutes = (raw === '' || Number.isNaN(n) ? raw : n) as number;
	return {
		input: {
			date: values.date,
			format: values.format,
			topic: values.topic,
			notes: values.notes,
			durationMinutes,
			nextSteps: values.nextSteps,
			plannedMeeting:
				typeof values.plannedMeeting === 'string' && values.plannedMeeting !== ''
					? (values.plannedMeeting as PlannedMeetingKey)
					: proposed
		},
		issues: raw === '' ? [issue('durationMinutes', 'required')] : []
	};
}
