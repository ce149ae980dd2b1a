import type { Draft, Id, IsoDateTime, Result, SyncedRow } from './common';
import {
	COMPETENCY_ID_PATTERN,
	INDICATOR_ID_PATTERN,
	SCORES,
	frameworkIndicatorIds,
	type Framework,
	type Score
} from './framework';
import { isComplete } from './scoring';
import { instant, int, issue, key, nullable, objectSchema, oneOf, recordOf, uuid, type Issue, type Validator } from './validation';

export const ASSESSMENT_KINDS = ['self', 'expert', 'test', 'observation'] as const;
/** самооценка, экспертная оценка, тестирование, по итогам посещения урока. */
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];

export const STAGES = ['entry', 'intermediate', 'final'] as const;
/** входная, промежуточная, итоговая диагностика. */
export type Stage = (typeof STAGES)[number];

export const ASSESSMENT_STATUSES = ['draft', 'submitted'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

/** Indicator id → score. An indicator not yet answered is absent. */
export type Scores = Record<string, Score>;

export interface Assessment extends SyncedRow {
	teacherId: Id;
	/** Who scored: the teacher for a self-assessment, the expert otherwise. */
	assessorId: Id | null;
	frameworkId: Id;
	/** The framework revision it was taken against (Framework.revision). */
	frameworkVersion: number;
	kind: AssessmentKind;
	stage: Stage;
	/** Start year of the academic year: 2026 is 2026/27. */
	academicYear: number;
	status: AssessmentStatus;
	scores: Scores;
	/** The competency the draft was left on, so it resumes there. */
	currentCompetencyId: string | null;
	startedAt: IsoDateTime;
	/** Set once; a submitted assessment never changes (a correction is a new assessment). */
	submittedAt: IsoDateTime | null;
}

/**
 * Shape of a scores map: indicator-id keys, values 0–3. Whether the ids belong to the framework
 * needs the framework itself: see `validateAssessmentForFramework`.
 */
export function scoresField(): Validator {
	return recordOf(key(INDICATOR_ID_PATTERN), oneOf(SCORES), { max: 500 });
}

export const assessmentSchema = /* @__PURE__ */ objectSchema<Draft<Assessment>>({
	teacherId: uuid(),
	assessorId: nullable(uuid()),
	frameworkId: uuid(),
	frameworkVersion: int({ min: 1 }),
	kind: oneOf(ASSESSMENT_KINDS),
	stage: oneOf(STAGES),
	academicYear: int({ min: 2000, max: 2100 }),
	status: oneOf(ASSESSMENT_STATUSES),
	scores: scoresField(),
	currentCompetencyId: nullable(key(COMPETENCY_ID_PATTERN)),
	startedAt: instant(),
	submittedAt: nullable(instant())
})
	// submittedAt is the proof of submission: the two fields must tell the same story.
	.refine(['status', 'submittedAt'], (a) => {
		if (a.status === 'submitted' && a.submittedAt === null) return [issue('submittedAt', 'required')];
		if (a.status === 'draft' && a.submittedAt !== null) return [issue('submittedAt', 'not_allowed')];
		return [];
	})
	.refine(['startedAt', 'submittedAt'], (a) =>
		a.submittedAt !== null && Date.parse(a.submittedAt) < Date.parse(a.startedAt)
			? [issue('submittedAt', 'date_before', { min: a.startedAt })]
			: []
	)
	// A self-assessment is scored by the teacher; anyone else's scoring is an expert's.
	.refine(['kind', 'teacherId', 'assessorId'], (a) => {
		if (a.kind === 'self' && a.assessorId !== null && a.assessorId !== a.teacherId) return [issue('assessorId', 'mismatch')];
		if (a.kind === 'expert' && a.assessorId === null) return [issue('assessorId', 'required')];
		if (a.kind === 'expert' && a.assessorId === a.teacherId) return [issue('assessorId', 'must_differ', { other: 'teacherId' })];
		return [];
	});

/** Framework membership: the assessment names this framework version and scores only its indicators. */
export function validateAssessmentForFramework(assessment: Pick<Assessment, 'frameworkId' | 'frameworkVersion' | 'scores'>, framework: Framework): Issue[] {
	const issues: Issue[] = [];
	if (assessment.frameworkId !== framework.id) issues.push(issue('frameworkId', 'mismatch'));
	if (assessment.frameworkVersion !== framework.revision) issues.push(issue('frameworkVersion', 'mismatch'));
	const known = new Set(frameworkIndicatorIds(framework));
	for (const id of Object.keys(assessment.scores)) {
		if (!known.has(id)) issues.push(issue(`scores[${id}]`, 'invalid_option'));
	}
	return issues;
}

/** A submitted assessment is immutable; a correction is a new assessment. */
export function canEditAssessment(assessment: Pick<Assessment, 'status'>): boolean {
	return assessment.status === 'draft';
}

export type SetScoreError = 'submitted';

/** Records one answer on a draft (a copy; the input is not mutated). */
export function setScore(assessment: Assessment, indicatorId: string, score: Score): Result<Assessment, SetScoreError> {
	if (!canEditAssessment(assessment)) return { ok: false, error: 'submitted' };
	return { ok: true, value: { ...assessment, scores: { ...assessment.scores, [indicatorId]: score } } };
}

export type SubmitError = 'already_submitted' | 'framework_mismatch' | 'incomplete';

/**
 * Submits a draft that answers every indicator of the framework version it was taken against.
 * `framework_mismatch` covers a different framework or version, and scores for foreign ids.
 */
export function submitAssessment(framework: Framework, assessment: Assessment, at: IsoDateTime): Result<Assessment, SubmitError> {
	if (!canEditAssessment(assessment)) return { ok: false, error: 'already_submitted' };
	if (validateAssessmentForFramework(assessment, framework).length > 0) return { ok: false, error: 'framework_mismatch' };
	if (!isComplete(framework, assessment.scores)) return { ok: false, error: 'incomplete' };
	return { ok: true, value: { ...assessment, status: 'submitted', submittedAt: at, currentCompetencyId: null } };
}
