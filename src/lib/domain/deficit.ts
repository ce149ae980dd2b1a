import type { Assessment, AssessmentKind } from './assessment';
import type { Draft, Id, IsoDateTime, Result, SyncedRow } from './common';
import type { Framework } from './framework';

export const DEFICIT_SOURCES = [
	'self_assessment',
	'gia_analysis',
	'lesson_observation',
	'vsoko',
	'noko',
	'testing',
	'expert_review'
] as const;
/** самооценка, анализ ВПР/ГИА, посещение урока, ВСОКО, НОКО, тестирование, экспертная оценка. */
export type DeficitSource = (typeof DEFICIT_SOURCES)[number];

export const DEFICIT_STATUSES = ['proposed', 'identified', 'in_progress', 'overcome', 'dismissed'] as const;
/**
 * proposed (предложен: from scores 0–1, awaiting the teacher) → identified (выявлен) →
 * in_progress (в работе) → overcome (преодолён); a proposal may be dismissed (отклонён).
 */
export type DeficitStatus = (typeof DEFICIT_STATUSES)[number];

export interface DeficitStatusChange {
	status: DeficitStatus;
	at: IsoDateTime;
	by: Id | null;
}

export interface Deficit extends SyncedRow {
	teacherId: Id;
	competencyId: string;
	indicatorIds: string[];
	source: DeficitSource;
	description: string;
	status: DeficitStatus;
	/** «Подтверждено»: a later assessment or observation showed the deficit again. */
	confirmedAt: IsoDateTime | null;
	sourceAssessmentId: Id | null;
	sourceObservationId: Id | null;
	history: DeficitStatusChange[];
}

const SOURCE_OF_KIND: Record<AssessmentKind, DeficitSource> = {
	self: 'self_assessment',
	expert: 'expert_review',
	test: 'testing',
	observation: 'lesson_observation'
};

/** The deficit source an assessment of this kind stands for. */
export function deficitSourceOf(kind: AssessmentKind): DeficitSource {
	return SOURCE_OF_KIND[kind];
}

/** Scores that signal a deficit: 0 не проявляется and 1 проявляется частично. */
export const DEFICIT_MAX_SCORE = 1;

/**
 * Proposals from a submitted assessment: one per competency with indicators scored 0 or 1,
 * listing those indicators in framework order. A draft proposes nothing: its answers may still
 * change. The proposal is the system's, so the history entry has no author; it is dated by the
 * submission, which keeps this function free of a clock. The teacher or methodist then confirms
 * (identified) or dismisses each one.
 */
export function proposeDeficits(framework: Framework, assessment: Assessment): Draft<Deficit>[] {
	if (assessment.status !== 'submitted' || assessment.submittedAt === null) return [];
	const at = assessment.submittedAt;
	return framework.competencies.flatMap((competency) => {
		const indicatorIds = competency.indicators
			.map((i) => i.id)
			.filter((id) => {
				const score = Object.hasOwn(assessment.scores, id) ? assessment.scores[id] : undefined;
				return score !== undefined && score <= DEFICIT_MAX_SCORE;
			});
		if (indicatorIds.length === 0) return [];
		const draft: Draft<Deficit> = {
			teacherId: assessment.teacherId,
			competencyId: competency.id,
			indicatorIds,
			source: deficitSourceOf(assessment.kind),
			description: '',
			status: 'proposed',
			confirmedAt: null,
			sourceAssessmentId: assessment.id,
			sourceObservationId: null,
			history: [{ status: 'proposed', at, by: null }]
		};
		return [draft];
	});
}

/**
 * Allowed moves. A deficit may be overcome straight from identified (a later assessment shows it
 * gone before any plan action started); an overcome one may be reopened; a dismissal may be
 * reconsidered. Nothing returns to proposed: that status only means "made by the system, not yet
 * looked at".
 */
export const DEFICIT_TRANSITIONS: Record<DeficitStatus, readonly DeficitStatus[]> = {
	proposed: ['identified', 'dismissed'],
	identified: ['in_progress', 'overcome', 'dismissed'],
	in_progress: ['overcome'],
	overcome: ['in_progress'],
	dismissed: ['identified']
};

export type DeficitTransitionError = 'forbidden_transition';

/** Moves a deficit to `to`, appending the change to its history (a copy; the input is not mutated). */
export function deficitTransition(
	deficit: Deficit,
	to: DeficitStatus,
	at: IsoDateTime,
	by: Id | null
): Result<Deficit, DeficitTransitionError> {
	if (!DEFICIT_TRANSITIONS[deficit.status].includes(to)) return { ok: false, error: 'forbidden_transition' };
	return { ok: true, value: { ...deficit, status: to, history: [...deficit.history, { status: to, at, by }] } };
}

/**
 * Open: confirmed and not yet overcome (identified or in progress). A proposal is not open until
 * someone confirms it, so unreviewed system output never counts in the heat map.
 */
export function isOpenDeficit(deficit: Pick<Deficit, 'status' | 'deletedAt'>): boolean {
	return deficit.deletedAt === null && (deficit.status === 'identified' || deficit.status === 'in_progress');
}
