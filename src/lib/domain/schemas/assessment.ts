import { ASSESSMENT_KINDS, ASSESSMENT_STATUSES, STAGES, foreignIndicatorIds, type Assessment } from '../assessment';
import type { Draft } from '../common';
import { COMPETENCY_ID_PATTERN, INDICATOR_ID_PATTERN, SCORES, type Framework } from '../framework';
import {
	instant,
	int,
	issue,
	key,
	nullable,
	objectSchema,
	oneOf,
	recordOf,
	uuid,
	type Issue,
	type Validator
} from '../validation';

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
		if (a.kind === 'self' && a.assessorId !== null && a.assessorId !== a.teacherId)
			return [issue('assessorId', 'mismatch')];
		if (a.kind === 'expert' && a.assessorId === null) return [issue('assessorId', 'required')];
		if (a.kind === 'expert' && a.assessorId === a.teacherId)
			return [issue('assessorId', 'must_differ', { other: 'teacherId' })];
		return [];
	});

/**
 * Framework membership: the assessment names this framework version and scores only its
 * indicators. The issues behind `matchesFramework` (the rule `submitAssessment` checks).
 */
export function validateAssessmentForFramework(
	assessment: Pick<Assessment, 'frameworkId' | 'frameworkVersion' | 'scores'>,
	framework: Framework
): Issue[] {
	const issues: Issue[] = [];
	if (assessment.frameworkId !== framework.id) issues.push(issue('frameworkId', 'mismatch'));
	if (assessment.frameworkVersion !== framework.revision) issues.push(issue('frameworkVersion', 'mismatch'));
	for (const id of foreignIndicatorIds(framework, assessment.scores))
		issues.push(issue(`scores[${id}]`, 'invalid_option'));
	return issues;
}
