import { STAGE_ORDER, type Stage } from './assessment';

/**
 * The monitoring stage a methodist's report looks at (DOMAIN.md: every indicator is computed for
 * a scope, a year and optionally a stage). The figures are those standing at that point of the
 * year; the SQL side says the same (supabase/migrations/20261122001100_report_stages.sql):
 * - growth compares the entry assessment with the chosen stage's — итоговая when no stage is
 *   chosen, which is DOMAIN's growth rule. At the entry stage there is nothing to compare with:
 *   no teacher has a pair, so growth is «нет данных» for everyone;
 * - the heat map's mean level takes each teacher's latest assessment at or before the stage;
 * - the yearly counts (courses, categories, plans, deficits, mentoring, observations) belong to
 *   the whole academic year and do not change with the stage.
 */

/** The stage a report compares the entry with. */
export function comparedStage(stage: Stage | null | undefined): Stage {
	return stage ?? 'final';
}

/** Whether a report at `stage` compares anything: not at the entry stage itself. */
export function comparesGrowth(stage: Stage | null | undefined): boolean {
	return comparedStage(stage) !== 'entry';
}

/** An assessment of `assessed` stage is already taken when the report looks at `stage`. */
export function isAtOrBefore(assessed: Stage, stage: Stage | null | undefined): boolean {
	return STAGE_ORDER[assessed] <= STAGE_ORDER[comparedStage(stage)];
}
