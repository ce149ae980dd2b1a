import type { Id, IsoDateTime, Result, SyncedRow } from './common';
import { frameworkIndicatorIds, type Framework, type Score } from './framework';
import { isComplete } from './scoring';

export const ASSESSMENT_KINDS = ['self', 'expert', 'test', 'observation'] as const;
/** самооценка, экспертная оценка, тестирование, по итогам посещения урока. */
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];

export const STAGES = ['entry', 'intermediate', 'final'] as const;
/** входная, промежуточная, итоговая диагностика. */
export type Stage = (typeof STAGES)[number];
/** Stages in the order of the year: входная, промежуточная, итоговая. */
export const STAGE_ORDER: Record<Stage, number> = { entry: 1, intermediate: 2, final: 3 };

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

/** Score keys that are not indicators of the framework, in the order the scores list them. */
export function foreignIndicatorIds(framework: Framework, scores: Scores): string[] {
	const known = new Set(frameworkIndicatorIds(framework));
	return Object.keys(scores).filter((id) => !known.has(id));
}

/**
 * Framework membership: the assessment names this framework version and scores only its
 * indicators. `validateAssessmentForFramework` (schemas/assessment) lists what disagrees.
 */
export function matchesFramework(
	assessment: Pick<Assessment, 'frameworkId' | 'frameworkVersion' | 'scores'>,
	framework: Framework
): boolean {
	return (
		assessment.frameworkId === framework.id &&
		assessment.frameworkVersion === framework.revision &&
		foreignIndicatorIds(framework, assessment.scores).length === 0
	);
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
export function submitAssessment(
	framework: Framework,
	assessment: Assessment,
	at: IsoDateTime
): Result<Assessment, SubmitError> {
	if (!canEditAssessment(assessment)) return { ok: false, error: 'already_submitted' };
	if (!matchesFramework(assessment, framework)) return { ok: false, error: 'framework_mismatch' };
	if (!isComplete(framework, assessment.scores)) return { ok: false, error: 'incomplete' };
	return { ok: true, value: { ...assessment, status: 'submitted', submittedAt: at, currentCompetencyId: null } };
}

/**
 * The stage to suggest for a new self-assessment: the first one of the year with neither a
 * submission nor a draft (a draft is continued from its own card), then the first not yet
 * submitted, then final (a correction).
 */
export function suggestedStage(all: readonly Assessment[], academicYear: number): Stage {
	const mine = all.filter((a) => a.academicYear === academicYear && a.kind === 'self');
	const submitted = new Set(mine.filter((a) => a.status === 'submitted').map((a) => a.stage));
	const started = new Set(mine.map((a) => a.stage));
	return STAGES.find((s) => !started.has(s)) ?? STAGES.find((s) => !submitted.has(s)) ?? 'final';
}
