import type { Scores } from './assessment';
import { findCompetency, frameworkIndicatorIds, type CompetencyGroup, type Framework } from './framework';

/**
 * Means are taken over indicator scores, never over competency means: DOMAIN's growth rule
 * defines a group's value as the mean indicator score of the group, and the heat map uses the
 * same number so the two views agree. Scores for ids outside the framework are ignored.
 */

// Means are ratios of small integers; this absorbs float rounding (~1e-16) and nothing real.
export const MEAN_EPSILON = 1e-9;

function meanOf(scores: Scores, indicatorIds: readonly string[]): number | null {
	let sum = 0;
	let count = 0;
	for (const id of indicatorIds) {
		const score = Object.hasOwn(scores, id) ? scores[id] : undefined;
		if (score === undefined) continue;
		sum += score;
		count += 1;
	}
	return count === 0 ? null : sum / count;
}

/** Mean of the answered indicators of one competency; null when none is answered or the id is unknown. */
export function competencyMean(framework: Framework, scores: Scores, competencyId: string): number | null {
	const competency = findCompetency(framework, competencyId);
	if (!competency) return null;
	return meanOf(
		scores,
		competency.indicators.map((i) => i.id)
	);
}

/** Mean of all answered indicator scores of the group (not a mean of competency means); null if none. */
export function groupMean(framework: Framework, scores: Scores, group: CompetencyGroup): number | null {
	return meanOf(scores, frameworkIndicatorIds(framework, group));
}

export const LEVELS = ['low', 'basic', 'sufficient', 'high'] as const;
/** низкий, базовый, достаточный, высокий. */
export type Level = (typeof LEVELS)[number];

/**
 * Level bands over a 0–3 mean; each band includes its lower bound. The top band starts at 2.5,
 * not 3, so «высокий» is reachable without a perfect score on every indicator.
 */
export const LEVEL_BANDS: readonly { id: Level; min: number }[] = [
	{ id: 'low', min: 0 },
	{ id: 'basic', min: 1 },
	{ id: 'sufficient', min: 2 },
	{ id: 'high', min: 2.5 }
];

/** The level of a mean: [0, 1) low, [1, 2) basic, [2, 2.5) sufficient, [2.5, 3] high; null for no data. */
export function levelOf(mean: number | null): Level | null {
	if (mean === null || !Number.isFinite(mean) || mean < -MEAN_EPSILON || mean > 3 + MEAN_EPSILON) return null;
	let level: Level = 'low';
	for (const band of LEVEL_BANDS) {
		if (mean >= band.min - MEAN_EPSILON) level = band.id;
	}
	return level;
}

/** How many of the framework's indicators are answered; extra keys in `scores` are not counted. */
export function assessmentProgress(framework: Framework, scores: Scores): { answered: number; total: number } {
	const ids = frameworkIndicatorIds(framework);
	return { answered: ids.filter((id) => Object.hasOwn(scores, id)).length, total: ids.length };
}

/** Every indicator of a non-empty framework is answered. */
export function isComplete(framework: Framework, scores: Scores): boolean {
	const { answered, total } = assessmentProgress(framework, scores);
	return total > 0 && answered === total;
}
