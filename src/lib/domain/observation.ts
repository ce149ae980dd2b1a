import type { Scores } from './assessment';
import type { Draft, Id, IsoDate, IsoDateTime, Result, SyncedRow } from './common';
import { DEFICIT_MAX_SCORE } from './deficit';
import type { Competency, Framework, Indicator, Score } from './framework';
import { issue, type Issue } from './validation';

export const OBSERVER_ROLES = ['mentor', 'methodist', 'peer'] as const;
export type ObserverRole = (typeof OBSERVER_ROLES)[number];

export const OBSERVATION_MODES = ['quick', 'full'] as const;
export type ObservationMode = (typeof OBSERVATION_MODES)[number];

export const OBSERVATION_STATUSES = ['draft', 'submitted'] as const;
export type ObservationStatus = (typeof OBSERVATION_STATUSES)[number];

export interface Recommendation {
	id: Id;
	text: string;
	competencyId: string | null;
	/**
	 * The look-for a quick-mode suggestion came from, so a second tap on the same suggestion finds
	 * it (and the deficit made from it names the indicator). Absent on recommendations typed by
	 * hand and on rows written before suggestions existed.
	 */
	indicatorId?: string | null;
	/** Set when the recommendation was turned into a deficit / a plan action. */
	deficitId: Id | null;
	actionId: Id | null;
}

/**
 * Посещение и анализ урока. Observer-owned fields and teacher-owned fields
 * (`acknowledgedAt`, `reflection`) are separate, so the two never overwrite each other.
 */
export interface Observation extends SyncedRow {
	observerId: Id;
	teacherId: Id;
	observerRole: ObserverRole;
	mode: ObservationMode;
	status: ObservationStatus;
	date: IsoDate;
	className: string;
	subject: string;
	topic: string;
	purpose: string;
	frameworkId: Id;
	frameworkVersion: number;
	scores: Scores;
	durationMinutes: number | null;
	strengths: string;
	notes: string;
	recommendations: Recommendation[];
	acknowledgedAt: IsoDateTime | null;
	reflection: string;
}

// ——— Field ownership ———

/**
 * Fields only the observed teacher writes. The sync server decides conflicts per field; with the
 * row split between two writers, the observer and the teacher never touch the same field, so
 * neither can overwrite the other (ARCHITECTURE: mentor-owned vs teacher-owned fields).
 */
export const TEACHER_FIELDS = ['acknowledgedAt', 'reflection'] as const satisfies readonly (keyof Observation)[];
export type TeacherField = (typeof TEACHER_FIELDS)[number];

/** Fields only the observer writes: everything else of the row. */
export const OBSERVER_FIELDS = [
	'observerId',
	'teacherId',
	'observerRole',
	'mode',
	'status',
	'date',
	'className',
	'subject',
	'topic',
	'purpose',
	'frameworkId',
	'frameworkVersion',
	'scores',
	'durationMinutes',
	'strengths',
	'notes',
	'recommendations'
] as const satisfies readonly (keyof Observation)[];
export type ObserverField = (typeof OBSERVER_FIELDS)[number];

/** Fields of the row with no owner: `never` (the spec checks it), so a new field must pick one. */
export type UnownedObservationField = Exclude<keyof Draft<Observation>, ObserverField | TeacherField>;

/**
 * Observer fields edited as plain values (the protocol's text, date and the lesson timer). The
 * rest have their own verbs: scores by `answer`, recommendations by their functions, the status
 * by `submit`; who observes whom is fixed when the draft starts.
 */
export const DETAIL_FIELDS = [
	'date',
	'className',
	'subject',
	'topic',
	'purpose',
	'strengths',
	'notes',
	'durationMinutes'
] as const satisfies readonly ObserverField[];
export type DetailField = (typeof DETAIL_FIELDS)[number];
export type ObservationDetails = Pick<Observation, DetailField>;

/** Who owns a field: 'observer', 'teacher', or null for a name that is not a field of the row. */
export function fieldOwner(field: string): 'observer' | 'teacher' | null {
	if ((TEACHER_FIELDS as readonly string[]).includes(field)) return 'teacher';
	if ((OBSERVER_FIELDS as readonly string[]).includes(field)) return 'observer';
	return null;
}

/** The keys of `patch` outside `allowed`, in the patch's order (each is a field the caller may not write). */
export function fieldsOutside(patch: object, allowed: readonly string[]): string[] {
	return Object.keys(patch).filter((k) => !allowed.includes(k));
}

// ——— What is observed ———

/** A competency with the indicators a protocol shows for it. */
export interface LookForGroup {
	competency: Competency;
	indicators: Indicator[];
}

/**
 * Look-fors of the quick mode: every indicator of the meta-subject competencies. These are
 * visible in any lesson of any subject and are what municipal monitoring assesses; subject
 * competencies need the subject's expert and partly lie outside a single lesson (knowing the
 * КИМ specifications), so they belong to the full protocol. A framework with no meta competency
 * shows all of its indicators. One group per competency, so a quick observation never has more
 * competency screens than the framework has competencies.
 */
export function lookFors(framework: Framework): LookForGroup[] {
	const withIndicators = framework.competencies.filter((c) => c.indicators.length > 0);
	const meta = withIndicators.filter((c) => c.group === 'meta');
	return (meta.length ? meta : withIndicators).map((competency) => ({
		competency,
		indicators: [...competency.indicators]
	}));
}

/** The groups a protocol of this mode scores: the look-fors (quick) or every indicator (full). */
export function protocolGroups(framework: Framework, mode: ObservationMode): LookForGroup[] {
	if (mode === 'quick') return lookFors(framework);
	return framework.competencies
		.filter((c) => c.indicators.length > 0)
		.map((competency) => ({ competency, indicators: [...competency.indicators] }));
}

/** The indicator ids a protocol of this mode shows, in framework order. */
export function protocolIndicatorIds(framework: Framework, mode: ObservationMode): string[] {
	return protocolGroups(framework, mode).flatMap((g) => g.indicators.map((i) => i.id));
}

/** A recommendation the quick mode offers for a look-for scored 0–1; the UI words it from the indicator. */
export interface SuggestedRecommendation {
	competencyId: string;
	indicatorId: string;
}

/**
 * Indicators scored 0 (не проявляется) or 1 (проявляется частично), in framework order: each is a
 * recommendation to offer. Ids, not sentences: the screen words them from the catalogue.
 */
export function suggestedRecommendations(framework: Framework, scores: Scores): SuggestedRecommendation[] {
	return framework.competencies.flatMap((competency) =>
		competency.indicators
			.filter((i) => Object.hasOwn(scores, i.id) && scores[i.id]! <= DEFICIT_MAX_SCORE)
			.map((i) => ({ competencyId: competency.id, indicatorId: i.id }))
	);
}

// ——— Life cycle ———

/** A submitted observation's observer fields are immutable: the teacher has been handed the protocol. */
export function canEditObservation(observation: Pick<Observation, 'status'>): boolean {
	return observation.status === 'draft';
}

/** The teacher acknowledges what the observer handed over; a draft has not been handed over. */
export function canAcknowledge(observation: Pick<Observation, 'status'>): boolean {
	return observation.status === 'submitted';
}

/** Where an observation stands, for lists: черновик, проведено, ознакомлен(а). */
export type ObservationStage = 'draft' | 'submitted' | 'acknowledged';

export function observationStage(observation: Pick<Observation, 'status' | 'acknowledgedAt'>): ObservationStage {
	if (observation.status === 'draft') return 'draft';
	return observation.acknowledgedAt ? 'acknowledged' : 'submitted';
}

export type EditObservationError = 'submitted';

/** Records one look-for's score on a draft (a copy; the input is not mutated). */
export function setObservationScore(
	observation: Observation,
	indicatorId: string,
	score: Score
): Result<Observation, EditObservationError> {
	if (!canEditObservation(observation)) return { ok: false, error: 'submitted' };
	return { ok: true, value: { ...observation, scores: { ...observation.scores, [indicatorId]: score } } };
}

/**
 * What stands between a draft and its submission, as issues on the fields concerned:
 * - the scores belong to the framework version it was started with;
 * - quick mode: at least one look-for is scored — nothing has to be typed;
 * - full protocol: class, subject and topic are filled and at least one indicator is scored.
 * An unscored indicator means «не наблюдалось»: a lesson need not show every indicator (talking
 * to parents does not happen in a lesson), so neither mode requires them all.
 */
export function submitIssues(framework: Framework, observation: Observation): Issue[] {
	const issues: Issue[] = [];
	if (observation.frameworkId !== framework.id) issues.push(issue('frameworkId', 'mismatch'));
	if (observation.frameworkVersion !== framework.revision) issues.push(issue('frameworkVersion', 'mismatch'));
	const known = new Set(framework.competencies.flatMap((c) => c.indicators.map((i) => i.id)));
	for (const id of Object.keys(observation.scores))
		if (!known.has(id)) issues.push(issue(`scores[${id}]`, 'invalid_option'));
	if (observation.mode === 'full') {
		for (const field of ['className', 'subject', 'topic'] as const) {
			if (observation[field].trim() === '') issues.push(issue(field, 'required'));
		}
	}
	const shown = protocolIndicatorIds(framework, observation.mode);
	if (!shown.some((id) => Object.hasOwn(observation.scores, id))) issues.push(issue('scores', 'required'));
	return issues;
}

export type SubmitObservationError = 'already_submitted' | 'incomplete';

/** Submits a draft that `submitIssues` has nothing against. */
export function submitObservation(
	framework: Framework,
	observation: Observation
): Result<Observation, SubmitObservationError> {
	if (!canEditObservation(observation)) return { ok: false, error: 'already_submitted' };
	if (submitIssues(framework, observation).length) return { ok: false, error: 'incomplete' };
	return { ok: true, value: { ...observation, status: 'submitted' } };
}

export type LinkRecommendationError = 'draft' | 'not_found' | 'already_linked';

/**
 * Records what a recommendation became, on a submitted observation. The only change a submitted
 * protocol accepts: each link goes from empty to an id once (and a missing competency may be
 * filled in when the deficit is made), so the handed-over text never changes and two devices
 * linking the same recommendation cannot undo each other's link.
 */
export function linkRecommendation(
	observation: Observation,
	recommendationId: Id,
	link: { deficitId?: Id; actionId?: Id; competencyId?: string }
): Result<Observation, LinkRecommendationError> {
	if (observation.status !== 'submitted') return { ok: false, error: 'draft' };
	const current = observation.recommendations.find((r) => r.id === recommendationId);
	if (!current) return { ok: false, error: 'not_found' };
	if (link.deficitId !== undefined && current.deficitId !== null && current.deficitId !== link.deficitId)
		return { ok: false, error: 'already_linked' };
	if (link.actionId !== undefined && current.actionId !== null && current.actionId !== link.actionId)
		return { ok: false, error: 'already_linked' };
	if (link.competencyId !== undefined && current.competencyId !== null && current.competencyId !== link.competencyId) {
		return { ok: false, error: 'already_linked' };
	}
	const next: Recommendation = {
		...current,
		competencyId: current.competencyId ?? link.competencyId ?? null,
		deficitId: link.deficitId ?? current.deficitId,
		actionId: link.actionId ?? current.actionId
	};
	return {
		ok: true,
		value: {
			...observation,
			recommendations: observation.recommendations.map((r) => (r.id === recommendationId ? next : r))
		}
	};
}

export type AcknowledgeError = 'draft';

/**
 * The teacher's «Ознакомлен(а)» with a reflection. The first acknowledgement's time is kept: a
 * later edit of the reflection does not pretend the teacher read the protocol only then.
 */
export function acknowledgeObservation(
	observation: Observation,
	reflection: string,
	at: IsoDateTime
): Result<Observation, AcknowledgeError> {
	if (!canAcknowledge(observation)) return { ok: false, error: 'draft' };
	return { ok: true, value: { ...observation, acknowledgedAt: observation.acknowledgedAt ?? at, reflection } };
}

/** A plan action's title is at most this long (planActionSchema). */
export const ACTION_TITLE_MAX = 300;

/**
 * The title of a plan action made from a recommendation: its text on one line, cut to what an
 * action's title holds (a recommendation may be a paragraph).
 */
export function actionTitleOf(text: string): string {
	const line = text.replace(/\s+/g, ' ').trim();
	const chars = Array.from(line);
	return chars.length <= ACTION_TITLE_MAX
		? line
		: `${chars
				.slice(0, ACTION_TITLE_MAX - 1)
				.join('')
				.trimEnd()}…`;
}
