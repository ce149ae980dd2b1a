import type { Draft } from '../common';
import {
	MENTORING_MODELS,
	PAIR_STATUSES,
	SESSION_FORMATS,
	type MentoringPair,
	type MentoringSession,
	type PlannedMeeting
} from '../mentoring';
import { arrayOf, date, instant, int, issue, nullable, objectSchema, oneOf, text, uuid, type Issue } from '../validation';

const plannedMeetingSchema = /* @__PURE__ */ objectSchema<PlannedMeeting>({
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
	.refine(['status', 'endDate'], (p) => (p.status !== 'active' && p.endDate === null ? [issue('endDate', 'required')] : []));

/** Session length in minutes: a five-minute check-in up to a full working day. */
export const SESSION_MINUTES = { min: 5, max: 600 } as const;

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
	else if (pair.endDate !== null && session.date > pair.endDate) issues.push(issue('date', 'date_after', { max: pair.endDate }));
	return issues;
}
