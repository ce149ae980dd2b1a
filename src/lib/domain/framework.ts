import type { SyncedRow } from './common';

/** 0 не проявляется, 1 проявляется частично, 2 проявляется в основном, 3 проявляется в полной мере. */
export const SCORES = [0, 1, 2, 3] as const;
export type Score = (typeof SCORES)[number];

export const COMPETENCY_GROUPS = ['meta', 'subject'] as const;
/** Метапредметные and предметные competencies are monitored (and grow) separately. */
export type CompetencyGroup = (typeof COMPETENCY_GROUPS)[number];

export interface Indicator {
	/** Stable within the framework across versions, e.g. 'goal-setting.2'. */
	id: string;
	text: string;
}

export interface Competency {
	/** Stable within the framework across versions, e.g. 'goal-setting'. */
	id: string;
	group: CompetencyGroup;
	title: string;
	description: string;
	indicators: Indicator[];
}

export interface ScaleLevel {
	score: Score;
	label: string;
	/** What the level looks like, shown beside the choice. */
	hint: string;
}

/**
 * A competency framework is versioned data: an assessment records the revision it was taken
 * against, so editing the framework never changes the meaning of past answers. Each revision is
 * its own row (own id), immutable once published.
 */
export interface Framework extends SyncedRow {
	code: string;
	/**
	 * The framework's edition (1, 2, …). Not `version`: that one belongs to sync and is bumped by
	 * the server on every write, which must never change what an assessment was scored against.
	 */
	revision: number;
	title: string;
	scale: ScaleLevel[];
	competencies: Competency[];
	/** A draft is the administrator's to edit; a published version never changes again. */
	status: FrameworkStatus;
	/** The first academic year (start year) the version applies to; null: from the start. */
	academicYear: number | null;
	/** When it was published (set by the server). */
	publishedAt: string | null;
}

export const FRAMEWORK_STATUSES = ['draft', 'published'] as const;
export type FrameworkStatus = (typeof FRAMEWORK_STATUSES)[number];

/**
 * The version of framework `code` a new assessment of academic year `year` is taken against: the
 * highest published revision that applies from that year or earlier. Drafts never count. SQL
 * twin: the publish rules of migration 20261207000800.
 */
export function versionFor<F extends Pick<Framework, 'code' | 'revision' | 'status' | 'academicYear' | 'deletedAt'>>(
	frameworks: readonly F[],
	code: string,
	year: number
): F | null {
	let best: F | null = null;
	for (const f of frameworks) {
		if (f.code !== code || f.status !== 'published' || f.deletedAt) continue;
		if (f.academicYear !== null && f.academicYear > year) continue;
		if (!best || f.revision > best.revision) best = f;
	}
	return best;
}

/** Competency ids are lowercase slugs: 'goal-setting'. */
export const COMPETENCY_ID_PATTERN = /^[a-z][a-z0-9-]*$/;
/** Indicator ids are '<competency id>.<slug>': 'goal-setting.2'. */
export const INDICATOR_ID_PATTERN = /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/;
/** Framework codes: 'meta-2026'. */
export const FRAMEWORK_CODE_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/** Every indicator id of the framework (optionally of one group), in framework order. */
export function frameworkIndicatorIds(framework: Framework, group?: CompetencyGroup): string[] {
	return framework.competencies
		.filter((c) => group === undefined || c.group === group)
		.flatMap((c) => c.indicators.map((i) => i.id));
}

export function findCompetency(framework: Framework, competencyId: string): Competency | undefined {
	return framework.competencies.find((c) => c.id === competencyId);
}

/** The competency an indicator belongs to, found by membership (not by parsing the id). */
export function competencyOfIndicator(framework: Framework, indicatorId: string): Competency | undefined {
	return framework.competencies.find((c) => c.indicators.some((i) => i.id === indicatorId));
}

export function isScore(value: unknown): value is Score {
	return (SCORES as readonly unknown[]).includes(value);
}
