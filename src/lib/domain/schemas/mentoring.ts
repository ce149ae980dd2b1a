import type { Draft, IsoDate } from '../common';
import {
	MENTORING_MODELS,
	PAIR_STATUSES,
	SESSION_FORMATS,
	type MentoringPair,
	type MentoringSession,
	type PairTerm,
	type PlannedMeeting
} from '../mentoring';
import { isIsoDate } from '../dates';
import {
	arrayOf,
	date,
	instant,
	int,
	issue,
	nullable,
	objectSchema,
	oneOf,
	text,
	uuid,
	type Issue,
	type Validator
} from '../validation';

/** One meeting of the programme: a real date and a topic. */
export const plannedMeetingSchema = /* @__PURE__ */ objectSchema<PlannedMeeting>({
	date: date(),
	topic: text({ required: true, max: 300 })
});

export const mentoringPairSchema = /* @__PURE__ */ objectSchema<Draft<MentoringPair>>({
	schoolId: uuid(),
	mentorId: uuid(),
	menteeId: uuid(),
	model: oneOf(MENTORING_MODELS),
	startDate: date(),
	endDate: nullable(date()),
	status: oneOf(PAIR_STATUSES),
	goals: text({ max: 4000 }),
	deficitIds: arrayOf(uuid(), { max: 100 }),
	plannedMeetings: arrayOf(plannedMeetingSchema.field, { max: 100 }),
	expectedResults: text({ max: 4000 })
})
	.refine(['mentorId', 'menteeId'], (p) =>
		p.mentorId === p.menteeId ? [issue('menteeId', 'must_differ', { other: 'mentorId' })] : []
	)
	.refine(['startDate', 'endDate'], (p) =>
		p.endDate !== null && p.endDate < p.startDate ? [issue('endDate', 'date_before', { min: p.startDate })] : []
	)
	// An active pair's end date is the planned one; a finished pair must say when it finished.
	.refine(['status', 'endDate'], (p) =>
		p.status !== 'active' && p.endDate === null ? [issue('endDate', 'required')] : []
	)
	// A deficit is addressed once; a repeat would be counted twice in the printed programme.
	.refine(['deficitIds'], (p) =>
		p.deficitIds.flatMap((id, i) => (p.deficitIds.indexOf(id) < i ? [issue(`deficitIds.${i}`, 'duplicate')] : []))
	);

/** Session length in minutes: a five-minute check-in up to a full working day. */
export const SESSION_MINUTES = { min: 5, max: 600 } as const;

/** A planned meeting's key: its planned date, or 'none' (outside the programme). */
function plannedMeetingKey(): Validator {
	const asDate = date();
	return (value, path) => (value === 'none' ? [] : asDate(value, path));
}

export const mentoringSessionSchema = /* @__PURE__ */ objectSchema<Draft<MentoringSession>>({
	pairId: uuid(),
	mentorId: uuid(),
	menteeId: uuid(),
	date: date(),
	format: oneOf(SESSION_FORMATS),
	topic: text({ required: true, max: 300 }),
	notes: text({ max: 4000 }),
	durationMinutes: int(SESSION_MINUTES),
	nextSteps: text({ max: 4000 }),
	plannedMeeting: nullable(plannedMeetingKey()),
	acknowledgedAt: nullable(instant())
}).refine(['mentorId', 'menteeId'], (s) =>
	s.mentorId === s.menteeId ? [issue('menteeId', 'must_differ', { other: 'mentorId' })] : []
);

/** Rules between a session and its pair: same people, and dated within the pair's term. */
export function validateSessionForPair(
	session: Pick<MentoringSession, 'pairId' | 'mentorId' | 'menteeId' | 'date'>,
	pair: Pick<MentoringPair, 'id' | 'mentorId' | 'menteeId' | 'startDate' | 'endDate'>
): Issue[] {
	const issues: Issue[] = [];
	if (session.pairId !== pair.id) issues.push(issue('pairId', 'mismatch'));
	if (session.mentorId !== pair.mentorId) issues.push(issue('mentorId', 'mismatch'));
	if (session.menteeId !== pair.menteeId) issues.push(issue('menteeId', 'mismatch'));
	if (session.date < pair.startDate) issues.push(issue('date', 'date_before', { min: pair.startDate }));
	else if (pair.endDate !== null && session.date > pair.endDate)
		issues.push(issue('date', 'date_after', { max: pair.endDate }));
	return issues;
}

/**
 * A session names a meeting its pair's programme plans (or 'none'). Checked when the mentor sets
 * the link, not on every write: the methodist may later move a meeting, and the session's other
 * fields must stay editable (such a link is counted by date, domain `plannedMeetingOutcomes`).
 */
export function validateSessionMeeting(
	session: Pick<MentoringSession, 'plannedMeeting'>,
	pair: Pick<MentoringPair, 'plannedMeetings'>
): Issue[] {
	const key = session.plannedMeeting;
	if (key === null || key === 'none' || !isIsoDate(key)) return [];
	return pair.plannedMeetings.some((m) => m.date === key) ? [] : [issue('plannedMeeting', 'invalid_option')];
}

/**
 * Planned meetings fall within the pair's term (both days included). Checked when the programme
 * is written, not by the row schema: a pair ended early keeps the meetings it had planned after
 * its end, and the printed programme shows them as not held. Issues are at
 * `plannedMeetings.<index>.date`; a meeting whose date is malformed is left to the schema.
 */
export function validateMeetingsForTerm(meetings: readonly Pick<PlannedMeeting, 'date'>[], term: PairTerm): Issue[] {
	return meetings.flatMap((m, index) => {
		const path = `plannedMeetings.${index}.date`;
		if (!isIsoDate(m.date)) return [];
		if (m.date < term.startDate) return [issue(path, 'date_before', { min: term.startDate })];
		if (term.endDate !== null && m.date > term.endDate) return [issue(path, 'date_after', { max: term.endDate })];
		return [];
	});
}

/**
 * A changed term must still hold what was recorded in it: the sessions that took place, and the
 * planned meetings while the pair runs. The issue is on the date that would cut them off, with
 * the limit as its parameter («Дата не позже 20 сентября 2026»).
 */
export function validateTermForRecords(
	term: PairTerm,
	dates: { meetings: readonly IsoDate[]; sessions: readonly IsoDate[] }
): Issue[] {
	const all = [...dates.meetings, ...dates.sessions].sort();
	const first = all[0];
	const last = all.at(-1);
	const issues: Issue[] = [];
	if (first !== undefined && term.startDate > first) issues.push(issue('startDate', 'date_after', { max: first }));
	if (last !== undefined && term.endDate !== null && term.endDate < last)
		issues.push(issue('endDate', 'date_before', { min: last }));
	return issues;
}
