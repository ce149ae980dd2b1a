/**
 * Test fixtures: every builder returns a complete row that passes its entity schema, with
 * overrides for what a test is about. Ids are fixed so failures read the same on every run.
 */
import type { Activity } from '../activity';
import type { Assessment, Scores } from '../assessment';
import type { Comment } from '../comment';
import type { SyncedRow } from '../common';
import type { Deficit } from '../deficit';
import type { DevelopmentPlan, PlanAction } from '../development-plan';
import { frameworkIndicatorIds, type Framework, type Score } from '../framework';
import { DEFAULT_FRAMEWORK } from '../frameworks/default';
import type { Membership } from '../membership';
import type { MentoringPair, MentoringSession } from '../mentoring';
import type { Observation } from '../observation';
import type { Organization } from '../organization';
import type { Profile } from '../profile';

/** A valid v4-shaped UUID from a small number: uuid(7) → '00000000-0000-4000-8000-000000000007'. */
export function uuid(n: number): string {
	return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

export const IDS = {
	teacher: uuid(101),
	mentor: uuid(102),
	methodist: uuid(103),
	school: uuid(201),
	municipality: uuid(202),
	assessment: uuid(301),
	deficit: uuid(401),
	plan: uuid(501),
	action: uuid(502),
	activity: uuid(601),
	pair: uuid(701),
	session: uuid(702),
	observation: uuid(801),
	comment: uuid(901),
	membership: uuid(1001)
} as const;

export const AT = '2026-09-15T09:00:00.000Z';

function meta(id: string): SyncedRow {
	return { id, version: 1, updatedAt: AT, updatedBy: null, deletedAt: null };
}

/** Scores for every indicator of the framework: a constant, or a function of the indicator id. */
export function scoresFor(framework: Framework, score: Score | ((indicatorId: string) => Score)): Scores {
	const scores: Scores = {};
	for (const id of frameworkIndicatorIds(framework)) scores[id] = typeof score === 'function' ? score(id) : score;
	return scores;
}

export function buildProfile(overrides: Partial<Profile> = {}): Profile {
	return {
		...meta(IDS.teacher),
		userId: uuid(1101),
		fullName: 'Иванова Мария Петровна',
		email: 'ivanova@school.example',
		schoolId: IDS.school,
		associationId: null,
		position: 'учитель математики',
		subjects: ['Математика'],
		experienceYears: 12,
		experienceAsOf: null,
		category: 'first',
		categoryExpiresOn: '2029-04-30',
		education: 'higher',
		birthYear: 1985,
		birthDate: null,
		...overrides
	};
}

/** A draft self-assessment (entry, 2026/27) against the default framework with no answers yet. */
export function buildAssessment(overrides: Partial<Assessment> = {}): Assessment {
	return {
		...meta(IDS.assessment),
		teacherId: IDS.teacher,
		assessorId: IDS.teacher,
		frameworkId: DEFAULT_FRAMEWORK.id,
		frameworkVersion: DEFAULT_FRAMEWORK.revision,
		kind: 'self',
		stage: 'entry',
		academicYear: 2026,
		status: 'draft',
		scores: {},
		currentCompetencyId: null,
		startedAt: AT,
		submittedAt: null,
		...overrides
	};
}

/** A submitted assessment answering every indicator (2 unless `score` says otherwise). */
export function buildSubmittedAssessment(
	overrides: Partial<Assessment> = {},
	score: Score | ((indicatorId: string) => Score) = 2,
	framework: Framework = DEFAULT_FRAMEWORK
): Assessment {
	return buildAssessment({
		status: 'submitted',
		scores: scoresFor(framework, score),
		submittedAt: '2026-09-16T10:00:00.000Z',
		...overrides
	});
}

export function buildDeficit(overrides: Partial<Deficit> = {}): Deficit {
	return {
		...meta(IDS.deficit),
		teacherId: IDS.teacher,
		competencyId: 'evaluation',
		indicatorIds: ['evaluation.1'],
		source: 'self_assessment',
		description: '',
		status: 'identified',
		confirmedAt: null,
		sourceAssessmentId: IDS.assessment,
		sourceObservationId: null,
		history: [
			{ status: 'proposed', at: '2026-09-16T10:00:00.000Z', by: null },
			{ status: 'identified', at: '2026-09-17T10:00:00.000Z', by: IDS.teacher }
		],
		...overrides
	};
}

export function buildPlan(overrides: Partial<DevelopmentPlan> = {}): DevelopmentPlan {
	return {
		...meta(IDS.plan),
		teacherId: IDS.teacher,
		academicYear: 2026,
		goals: 'Освоить приёмы формирующего оценивания',
		deficitIds: [IDS.deficit],
		status: 'active',
		approvalStatus: 'not_submitted',
		approvalComment: '',
		submittedAt: null,
		approvedBy: null,
		approvedAt: null,
		approverName: '',
		...overrides
	};
}

export function buildAction(overrides: Partial<PlanAction> = {}): PlanAction {
	return {
		...meta(IDS.action),
		planId: IDS.plan,
		teacherId: IDS.teacher,
		deficitId: IDS.deficit,
		type: 'course',
		title: 'Курсы «Формирующее оценивание на уроке»',
		resultForm: 'удостоверение о повышении квалификации',
		deadline: '2026-12-20',
		hours: 36,
		status: 'planned',
		evidence: [],
		reflection: '',
		completedAt: null,
		sourceObservationId: null,
		...overrides
	};
}

export function buildActivity(overrides: Partial<Activity> = {}): Activity {
	return {
		...meta(IDS.activity),
		teacherId: IDS.teacher,
		kind: 'course',
		title: 'Формирующее оценивание в основной школе',
		startDate: '2026-10-01',
		endDate: '2026-10-20',
		provider: 'ИРО',
		hours: 36,
		certificate: '123456789012',
		qualityRelated: true,
		completed: true,
		communityType: null,
		competitionLevel: null,
		result: '',
		planActionId: null,
		...overrides
	};
}

export function buildPair(overrides: Partial<MentoringPair> = {}): MentoringPair {
	return {
		...meta(IDS.pair),
		schoolId: IDS.school,
		mentorId: IDS.mentor,
		menteeId: IDS.teacher,
		model: 'experienced_young',
		startDate: '2026-09-01',
		endDate: '2027-05-31',
		status: 'active',
		goals: 'Адаптация молодого специалиста',
		deficitIds: [],
		plannedMeetings: [{ date: '2026-09-20', topic: 'Планирование уроков по теме' }],
		expectedResults: '',
		...overrides
	};
}

export function buildSession(overrides: Partial<MentoringSession> = {}): MentoringSession {
	return {
		...meta(IDS.session),
		pairId: IDS.pair,
		mentorId: IDS.mentor,
		menteeId: IDS.teacher,
		date: '2026-09-20',
		format: 'consultation',
		topic: 'Планирование уроков по теме',
		notes: '',
		durationMinutes: 45,
		nextSteps: '',
		plannedMeeting: null,
		acknowledgedAt: null,
		...overrides
	};
}

export function buildObservation(overrides: Partial<Observation> = {}): Observation {
	return {
		...meta(IDS.observation),
		observerId: IDS.mentor,
		teacherId: IDS.teacher,
		observerRole: 'mentor',
		mode: 'quick',
		status: 'draft',
		date: '2026-10-05',
		className: '7Б',
		subject: 'Математика',
		topic: 'Линейная функция',
		purpose: '',
		frameworkId: DEFAULT_FRAMEWORK.id,
		frameworkVersion: DEFAULT_FRAMEWORK.revision,
		scores: {},
		durationMinutes: 40,
		strengths: '',
		notes: '',
		recommendations: [],
		acknowledgedAt: null,
		reflection: '',
		...overrides
	};
}

export function buildComment(overrides: Partial<Comment> = {}): Comment {
	return {
		...meta(IDS.comment),
		targetTable: 'plan_actions',
		targetId: IDS.action,
		authorId: IDS.mentor,
		body: 'Хорошее начало',
		...overrides
	};
}

export function buildOrganization(overrides: Partial<Organization> = {}): Organization {
	return {
		...meta(IDS.school),
		kind: 'school',
		name: 'МБОУ «Средняя общеобразовательная школа № 1»',
		shortName: 'СОШ № 1',
		parentId: IDS.municipality,
		lowResults: true,
		adverseConditions: false,
		program500: false,
		timeZone: null,
		closedOn: null,
		monitoring: {},
		mentorsApprovePlans: false,
		...overrides
	};
}

export function buildMembership(overrides: Partial<Membership> = {}): Membership {
	return {
		...meta(IDS.membership),
		profileId: IDS.teacher,
		organizationId: IDS.school,
		role: 'teacher',
		...overrides
	};
}

/** Issues as 'path:code' strings: compact to assert on, and order-insensitive with toEqual on sorted arrays. */
export function codesOf(issues: readonly { path: string; code: string }[]): string[] {
	return issues.map((i) => `${i.path}:${i.code}`).sort();
}
