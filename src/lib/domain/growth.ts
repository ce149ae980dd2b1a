import type { Assessment } from './assessment';
import type { CompetencyGroup, Framework } from './framework';
import { MEAN_EPSILON, groupMean } from './scoring';

/** DOMAIN: growth is final minus entry group mean ≥ 0.25; the threshold is a setting. */
export const DEFAULT_GROWTH_THRESHOLD = 0.25;

/**
 * Growth reaches the threshold; exactly at the threshold counts. Means are ratios of small
 * integers, so a true difference equal to the threshold can come out of float arithmetic a hair
 * below it (41/20 − 9/5 = 2.05 − 1.8 gives 0.24999999999999978). A real shortfall is a multiple
 * of 1/(n·m·q) for means over n and m indicators and a threshold in 1/q steps — at least 4e-8 for
 * 500 indicators and hundredths — so comparing with MEAN_EPSILON (1e-9) slack never lets one in.
 */
export function showsGrowth(
	entryMean: number,
	finalMean: number,
	threshold: number = DEFAULT_GROWTH_THRESHOLD
): boolean {
	return finalMean - entryMean >= threshold - MEAN_EPSILON;
}

/**
 * Whether a teacher shows growth in a group between an entry and a later assessment: the final
 * one by DOMAIN's rule, or the intermediate one in a report at that stage (report-stage.ts).
 * null means «нет данных» (the teacher leaves the indicator's denominator) when either is missing
 * or not submitted, they differ in kind, teacher, academic year or framework, the first is not
 * an entry assessment or the second is one, or the group has no answered indicator in either. Versions of one framework
 * may differ: indicator ids are stable across versions, and each mean is taken over the ids of
 * `framework` the assessment answered.
 */
export function teacherGrowth(
	framework: Framework,
	entry: Assessment | null | undefined,
	final: Assessment | null | undefined,
	group: CompetencyGroup,
	threshold: number = DEFAULT_GROWTH_THRESHOLD
): boolean | null {
	if (!entry || !final) return null;
	if (entry.status !== 'submitted' || final.status !== 'submitted') return null;
	if (entry.stage !== 'entry' || final.stage === 'entry') return null;
	if (entry.kind !== final.kind || entry.teacherId !== final.teacherId) return null;
	if (entry.academicYear !== final.academicYear || entry.frameworkId !== final.frameworkId) return null;
	if (entry.frameworkId !== framework.id) return null;
	const entryMean = groupMean(framework, entry.scores, group);
	const finalMean = groupMean(framework, final.scores, group);
	if (entryMean === null || finalMean === null) return null;
	return showsGrowth(entryMean, finalMean, threshold);
}
