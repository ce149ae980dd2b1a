import type { Draft, Id, IsoDate, IsoDateTime, SyncedRow } from './common';
import { arrayOf, date, instant, int, issue, nullable, objectSchema, oneOf, text, uuid, type Issue } from './validation';

export const MENTORING_MODELS = [
	'experienced_young',
	'leader_struggling',
	'subject_expert_novice',
	'head_teacher',
	'group',
	'peer'
] as const;
/**
 * опытный педагог – молодой специалист; лидер – педагог с профессиональными затруднениями;
 * опытный предметник – неопытный предметник; руководитель – педагог; групповое; учитель – учитель.
 */
export type MentoringModel = (typeof MENTORING_MODELS)[number];

export const PAIR_STATUSES = ['active', 'completed', 'terminated'] as const;
export type PairStatus = (typeof PAIR_STATUSES)[number];

export interface PlannedMeeting {
	date: IsoDate;
	topic: string;
}

/** Наставническая пара with its персонализированная программа наставничества. */
export interface MentoringPair extends SyncedRow {
	schoolId: Id;
	mentorId: Id;
	menteeId: Id;
	model: MentoringModel;
	startDate: IsoDate;
	endDate: IsoDate | null;
	status: PairStatus;
	goals: string;
	deficitIds: Id[];
	plannedMeetings: PlannedMeeting[];
	expectedResults: string;
}

export const SESSION_FORMATS = ['consultation', 'joint_planning', 'lesson_review', 'lesson_visit', 'master_class'] as const;
/** консультация, совместное планирование урока, разбор урока, посещение урока, мастер-класс. */
export type SessionFormat = (typeof SESSION_FORMATS)[number];

export interface MentoringSession extends SyncedRow {
	pairId: Id;
	mentorId: Id;
	menteeId: Id;
	date: IsoDate;
	format: SessionFormat;
	topic: string;
	notes: string;
	durationMinutes: number;
	nextSteps: string;
	/** Mentee-owned: the mentee confirms the session took place. */
	acknowledgedAt: IsoDateTime | null;
}

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
