import type { Id } from '$lib/domain/common';
import type { Assessment } from '$lib/domain/assessment';
import { COMPETENCY_GROUPS, type Competency, type CompetencyGroup, type Framework } from '$lib/domain/framework';
import type { Deficit } from '$lib/domain/deficit';
import { competencyMean, groupMean, levelOf, type Level } from '$lib/domain/scoring';
import type { AppDatabase } from '$lib/db/database';
import * as assessments from '$lib/db/assessments';
import * as deficits from '$lib/db/deficits';
import * as frameworks from '$lib/db/frameworks';

export interface CompetencyResult {
	competency: Competency;
	mean: number | null;
	level: Level | null;
}

export interface GroupResult {
	group: CompetencyGroup;
	mean: number | null;
	level: Level | null;
}

/** Which two assessments to set side by side, earlier first. */
export interface ComparisonPair {
	earlier: Assessment;
	later: Assessment;
	/** 'year': entry and final of one academic year; 'previous': the one submitted before. */
	basis: 'year' | 'previous';
}

export interface Comparison extends ComparisonPair {
	/** Per competency of the summary's framework, in its order; null is «нет данных». */
	competencies: { earlier: (number | null)[]; later: (number | null)[] };
	groups: { group: CompetencyGroup; earlier: number | null; later: number | null }[];
}

export interface AssessmentSummary {
	assessment: Assessment;
	framework: Framework;
	competencies: CompetencyResult[];
	groups: GroupResult[];
	/** Deficits this submission proposed. */
	proposed: Deficit[];
	/** Deficits on record that this submission showed again. */
	confirmed: Deficit[];
	comparison: Comparison | null;
}

function isComparable(a: Assessment, b: Assessment): boolean {
	return a.id !== b.id && a.status === 'submitted' && a.teacherId === b.teacherId && a.kind === b.kind;
}

function latest(list: Assessment[]): Assessment | undefined {
	return list.reduce<Assessment | undefined>(
		(best, a) => (!best || a.submittedAt! > best.submittedAt! ? a : best),
		undefined
	);
}

/**
 * Growth is read between entry and final of one academic year (DOMAIN: monitoring points), so
 * that pair is shown whenever both exist; otherwise this one against the one submitted just
 * before it. A correction replaces the earlier submission of its stage: the latest one counts.
 */
export function comparisonPair(current: Assessment, all: readonly Assessment[]): ComparisonPair | null {
	if (current.status !== 'submitted' || current.submittedAt === null) return null;
	const others = all.filter((a) => isComparable(a, current));
	if (current.stage === 'entry' || current.stage === 'final') {
		const counterpart = latest(
			others.filter(
				(a) => a.academicYear === current.academicYear && a.stage === (current.stage === 'entry' ? 'final' : 'entry')
			)
		);
		if (counterpart) {
			return current.stage === 'entry'
				? { earlier: current, later: counterpart, basis: 'year' }
				: { earlier: counterpart, later: current, basis: 'year' };
		}
	}
	const previous = latest(others.filter((a) => a.submittedAt! < current.submittedAt!));
	return previous ? { earlier: previous, later: current, basis: 'previous' } : null;
}

function groupsOf(framework: Framework): CompetencyGroup[] {
	return COMPETENCY_GROUPS.filter((g) => framework.competencies.some((c) => c.group === g));
}

/**
 * Everything the summary screen shows. Means of another framework revision are taken over this
 * framework's indicators: ids are stable across revisions, and scoring skips ids it does not know.
 */
export async function load(db: AppDatabase, id: Id): Promise<AssessmentSummary | null> {
	const assessment = await assessments.get(db, id);
	if (!assessment) return null;
	const [framework, all, mine] = await Promise.all([
		frameworks.get(db, assessment.frameworkId),
		assessments.listForTeacher(db, assessment.teacherId),
		deficits.listForTeacher(db, assessment.teacherId)
	]);
	const pair = comparisonPair(assessment, all);
	const groups = groupsOf(framework);
	const submitted = assessment.submittedAt;
	return {
		assessment,
		framework,
		competencies: framework.competencies.map((competency) => {
			const mean = competencyMean(framework, assessment.scores, competency.id);
			return { competency, mean, level: levelOf(mean) };
		}),
		groups: groups.map((group) => {
			const mean = groupMean(framework, assessment.scores, group);
			return { group, mean, level: levelOf(mean) };
		}),
		proposed: mine.filter((d) => d.sourceAssessmentId === assessment.id),
		// The submission dates its confirmations with its own submittedAt.
		confirmed:
			submitted === null
				? []
				: mine.filter((d) => d.sourceAssessmentId !== assessment.id && d.confirmedAt === submitted),
		comparison: pair && {
			...pair,
			competencies: {
				earlier: framework.competencies.map((c) => competencyMean(framework, pair.earlier.scores, c.id)),
				later: framework.competencies.map((c) => competencyMean(framework, pair.later.scores, c.id))
			},
			groups: groups.map((group) => ({
				group,
				earlier: groupMean(framework, pair.earlier.scores, group),
				later: groupMean(framework, pair.later.scores, group)
			}))
		}
	};
}
