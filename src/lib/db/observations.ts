import type { Draft, Id, IsoDate } from '$lib/domain/common';
import { academicYearOf } from '$lib/domain/academic-year';
import type { Deficit, DeficitStatus } from '$lib/domain/deficit';
import { planYearFor, proposeDeadline, type DevelopmentPlan, type PlanAction } from '$lib/domain/development-plan';
import type { Framework, Score } from '$lib/domain/framework';
import {
	DETAIL_FIELDS,
	acknowledgeObservation,
	actionTitleOf,
	fieldsOutside,
	linkRecommendation,
	setObservationScore,
	submitIssues,
	submitObservation,
	type Observation,
	type ObservationDetails,
	type ObservationMode,
	type ObserverRole,
	type Recommendation
} from '$lib/domain/observation';
import { deficitSchema } from '$lib/domain/schemas/deficit';
import { observationSchema } from '$lib/domain/schemas/observation';
import { issue, type Issue } from '$lib/domain/validation';
import { today as deviceToday } from '$lib/session/clock';
import type { AppDatabase } from './database';
import * as deficits from './deficits';
import * as plans from './development-plans';
import { LocalWriteError } from './errors';
import { newId, nowIso } from './ids';
import * as rows from './rows';

function validate(draft: Draft<Observation>): Issue[] {
	return observationSchema.validate(draft);
}

function invalid(what: string, issues: Issue[]): LocalWriteError {
	return new LocalWriteError('invalid', `${what}: ${issues.map((i) => `${i.path}: ${i.code}`).join('; ')}`, issues);
}

/** Newest lesson first; among one day's, the one touched last. */
function newestFirst(a: Observation, b: Observation): number {
	return b.date.localeCompare(a.date) || b.updatedAt.localeCompare(a.updatedAt);
}

// ——— Reading ———

export async function listAll(db: AppDatabase): Promise<Observation[]> {
	return rows.alive(await db.observations.toArray());
}

export async function get(db: AppDatabase, id: Id): Promise<Observation | undefined> {
	const row = await db.observations.get(id);
	return row && !row.deletedAt ? row : undefined;
}

/** Every observation a person made (drafts too), newest first. */
export async function listByObserver(db: AppDatabase, observerId: Id): Promise<Observation[]> {
	return rows.alive(await db.observations.where('observerId').equals(observerId).toArray()).sort(newestFirst);
}

/**
 * Observations of a teacher's lessons, newest first. Submitted ones only: a draft is the
 * observer's unfinished notes and has not been handed over to the teacher.
 */
export async function listForTeacher(db: AppDatabase, teacherId: Id): Promise<Observation[]> {
	const all = rows.alive(await db.observations.where('teacherId').equals(teacherId).toArray());
	return all.filter((o) => o.status === 'submitted').sort(newestFirst);
}

// ——— The observer's draft ———

export interface StartObservation {
	observerId: Id;
	teacherId: Id;
	observerRole: ObserverRole;
	mode: ObservationMode;
	framework: Framework;
	date: IsoDate;
	/** Filled in from the teacher's profile when known, so quick mode needs no typing. */
	subject?: string;
}

/**
 * Start a visit, or resume the observer's draft of the same lesson (same teacher, day and mode).
 * The lookup and the insert share a transaction, so a double tap on «Начать» makes one draft.
 */
export function startDraft(db: AppDatabase, start: StartObservation, actor: rows.Actor): Promise<Observation> {
	return rows.transact(db, ['observations'], async () => {
		if (actor.profileId !== start.observerId)
			throw new LocalWriteError('forbidden', 'an observation is started by its observer');
		const mine = await listByObserver(db, start.observerId);
		const existing = mine.find(
			(o) => o.status === 'draft' && o.teacherId === start.teacherId && o.date === start.date && o.mode === start.mode
		);
		if (existing) return existing;
		const draft: Draft<Observation> = {
			observerId: start.observerId,
			teacherId: start.teacherId,
			observerRole: start.observerRole,
			mode: start.mode,
			status: 'draft',
			date: start.date,
			className: '',
			subject: start.subject?.trim() ?? '',
			topic: '',
			purpose: '',
			frameworkId: start.framework.id,
			frameworkVersion: start.framework.revision,
			scores: {},
			durationMinutes: null,
			strengths: '',
			notes: '',
			recommendations: [],
			acknowledgedAt: null,
			reflection: ''
		};
		return rows.insert(db, 'observations', draft, actor, validate);
	});
}

async function found(db: AppDatabase, id: Id): Promise<Observation> {
	const current = await get(db, id);
	if (!current) throw new LocalWriteError('not-found', `observations/${id}`);
	return current;
}

/** The observation as its observer sees it, inside the caller's transaction. */
async function asObserver(db: AppDatabase, id: Id, actor: rows.Actor): Promise<Observation> {
	const current = await found(db, id);
	if (actor.profileId !== current.observerId)
		throw new LocalWriteError('forbidden', `observations/${id}: only the observer writes the protocol`);
	return current;
}

/** A draft its observer may still change; a submitted protocol refuses every change. */
async function editable(db: AppDatabase, id: Id, actor: rows.Actor): Promise<Observation> {
	const current = await asObserver(db, id, actor);
	if (current.status !== 'draft') throw new LocalWriteError('forbidden', `observations/${id} is submitted`);
	return current;
}

/** One tap on a look-for's level. The status is checked inside the write's transaction. */
export function answer(
	db: AppDatabase,
	id: Id,
	indicatorId: string,
	score: Score,
	actor: rows.Actor
): Promise<Observation> {
	return rows.transact(db, ['observations'], async () => {
		const current = await editable(db, id, actor);
		const result = setObservationScore(current, indicatorId, score);
		if (!result.ok) throw new LocalWriteError('forbidden', `observations/${id} is submitted`);
		return rows.update(db, 'observations', id, { scores: result.value.scores }, actor, validate);
	});
}

/**
 * Change the protocol's plain fields (class, subject, topic, purpose, date, strengths, notes, the
 * timer's minutes). Anything else — above all the teacher's acknowledgement and reflection — is
 * refused as 'forbidden' before anything is read, with an issue on each field named.
 */
export function setDetails(
	db: AppDatabase,
	id: Id,
	patch: Partial<ObservationDetails>,
	actor: rows.Actor
): Promise<Observation> {
	const outside = fieldsOutside(patch, DETAIL_FIELDS);
	if (outside.length) {
		return Promise.reject(
			new LocalWriteError(
				'forbidden',
				`observations/${id}: ${outside.join(', ')} not written here`,
				outside.map((f) => issue(f, 'not_allowed'))
			)
		);
	}
	return rows.transact(db, ['observations'], async () => {
		await editable(db, id, actor);
		return rows.update(db, 'observations', id, patch, actor, validate);
	});
}

/** What an observer gives for a recommendation; links to a deficit or action come later. */
export interface NewRecommendation {
	text: string;
	competencyId: string | null;
	indicatorId?: string | null;
}

function recommendationOf(input: NewRecommendation): Recommendation {
	const rec: Recommendation = {
		id: newId(),
		text: input.text.trim(),
		competencyId: input.competencyId,
		deficitId: null,
		actionId: null
	};
	if (input.indicatorId) rec.indicatorId = input.indicatorId;
	return rec;
}

/** Replace the draft's recommendations (the full protocol's list as typed). */
export function setRecommendations(
	db: AppDatabase,
	id: Id,
	list: NewRecommendation[],
	actor: rows.Actor
): Promise<Observation> {
	return rows.transact(db, ['observations'], async () => {
		await editable(db, id, actor);
		return rows.update(db, 'observations', id, { recommendations: list.map(recommendationOf) }, actor, validate);
	});
}

/**
 * Add a recommendation to a draft. A suggestion is added once: a second tap on the same look-for
 * returns the draft as it is.
 */
export function addRecommendation(
	db: AppDatabase,
	id: Id,
	input: NewRecommendation,
	actor: rows.Actor
): Promise<Observation> {
	return rows.transact(db, ['observations'], async () => {
		const current = await editable(db, id, actor);
		if (input.indicatorId && current.recommendations.some((r) => r.indicatorId === input.indicatorId)) return current;
		return rows.update(
			db,
			'observations',
			id,
			{ recommendations: [...current.recommendations, recommendationOf(input)] },
			actor,
			validate
		);
	});
}

/**
 * Reword a recommendation of a draft: the observer edits a suggestion's wording (or a typed one)
 * before handing the protocol over. Only the text changes; an empty text is refused at
 * `recommendations.<index>.text`.
 */
export function setRecommendationText(
	db: AppDatabase,
	id: Id,
	recommendationId: Id,
	text: string,
	actor: rows.Actor
): Promise<Observation> {
	return rows.transact(db, ['observations'], async () => {
		const current = await editable(db, id, actor);
		if (!current.recommendations.some((r) => r.id === recommendationId)) {
			throw new LocalWriteError('not-found', `observations/${id}/recommendations/${recommendationId}`);
		}
		const recommendations = current.recommendations.map((r) =>
			r.id === recommendationId ? { ...r, text: typeof text === 'string' ? text.trim() : text } : r
		);
		return rows.update(db, 'observations', id, { recommendations }, actor, validate);
	});
}

export function removeRecommendation(
	db: AppDatabase,
	id: Id,
	recommendationId: Id,
	actor: rows.Actor
): Promise<Observation> {
	return rows.transact(db, ['observations'], async () => {
		const current = await editable(db, id, actor);
		return rows.update(
			db,
			'observations',
			id,
			{ recommendations: current.recommendations.filter((r) => r.id !== recommendationId) },
			actor,
			validate
		);
	});
}

/**
 * Hand the protocol over: from now on its observer fields never change (only the links of its
 * recommendations are filled in). Quick mode needs one scored look-for and nothing typed; the
 * full protocol needs class, subject and topic too (domain `submitIssues`). The framework is
 * passed in because loading it could leave the transaction.
 */
export function submit(db: AppDatabase, id: Id, framework: Framework, actor: rows.Actor): Promise<Observation> {
	return rows.transact(db, ['observations'], async () => {
		const current = await editable(db, id, actor);
		const result = submitObservation(framework, current);
		if (!result.ok) {
			if (result.error === 'already_submitted')
				throw new LocalWriteError('forbidden', `observations/${id} is submitted`);
			throw invalid(`observations/${id}`, submitIssues(framework, current));
		}
		return rows.update(db, 'observations', id, { status: result.value.status }, actor, validate);
	});
}

// ——— Recommendations into the teacher's work ———

/** A submitted protocol and one of its recommendations, as its observer converts it. */
async function recommendationFor(
	db: AppDatabase,
	observationId: Id,
	recommendationId: Id,
	actor: rows.Actor
): Promise<{ observation: Observation; rec: Recommendation }> {
	const observation = await asObserver(db, observationId, actor);
	// A draft's recommendations may still change or go; only a handed-over one becomes work.
	if (observation.status !== 'submitted')
		throw new LocalWriteError('forbidden', `observations/${observationId} is a draft`);
	const rec = observation.recommendations.find((r) => r.id === recommendationId);
	if (!rec) throw new LocalWriteError('not-found', `observations/${observationId}/recommendations/${recommendationId}`);
	return { observation, rec };
}

async function link(
	db: AppDatabase,
	observation: Observation,
	recommendationId: Id,
	what: { deficitId?: Id; actionId?: Id; competencyId?: string },
	actor: rows.Actor
): Promise<Observation> {
	const linked = linkRecommendation(observation, recommendationId, what);
	if (!linked.ok)
		throw invalid(`observations/${observation.id}`, [
			issue('recommendations', linked.error === 'not_found' ? 'invalid_id' : 'not_allowed')
		]);
	return rows.update(
		db,
		'observations',
		observation.id,
		{ recommendations: linked.value.recommendations },
		actor,
		validate
	);
}

/** Deficits still being worked on: a new observation confirms one of these rather than adding a twin. */
const LIVE_DEFICIT: readonly DeficitStatus[] = ['proposed', 'identified', 'in_progress'];

/**
 * «Сделать дефицитом»: in ONE transaction, a deficit of the observed teacher (source: посещение
 * урока, this observation, выявлен, the recommendation's competency and text) and the link on the
 * recommendation — a deficit without the link would be made again by the next tap, a link
 * without the deficit would point at nothing.
 *
 * When the teacher already has a live deficit of that competency, the observation confirms it
 * («подтверждено») instead of recording a twin. A recommendation without a competency takes the
 * one the observer picks now. A second tap returns what the first made and writes nothing. When
 * the recommendation is already a plan action, that action is aimed at the deficit too.
 */
export function recommendationToDeficit(
	db: AppDatabase,
	observationId: Id,
	recommendationId: Id,
	actor: rows.Actor,
	options: { competencyId?: string } = {}
): Promise<{ observation: Observation; deficit: Deficit; outcome: DeficitOutcome }> {
	return rows.transact(db, ['observations', 'deficits', 'development_plans', 'plan_actions'], async () => {
		const { observation, rec } = await recommendationFor(db, observationId, recommendationId, actor);
		if (rec.deficitId) {
			const made = await deficits.get(db, rec.deficitId);
			if (made) return { observation, deficit: made, outcome: 'linked-before' as const };
		}
		const competencyId = rec.competencyId ?? options.competencyId ?? null;
		if (!competencyId) throw invalid(`observations/${observationId}`, [issue('competencyId', 'required')]);
		const indicatorIds = rec.indicatorId ? [rec.indicatorId] : [];

		const teachers = await deficits.listForTeacher(db, observation.teacherId);
		const live = teachers.find((d) => d.competencyId === competencyId && LIVE_DEFICIT.includes(d.status));
		let deficit: Deficit;
		if (live) {
			const merged = [...live.indicatorIds, ...indicatorIds.filter((i) => !live.indicatorIds.includes(i))];
			deficit = await rows.update(
				db,
				'deficits',
				live.id,
				{ confirmedAt: nowIso(), indicatorIds: merged },
				actor,
				(d) => deficitSchema.validate(d)
			);
		} else {
			deficit = await deficits.create(
				db,
				{
					teacherId: observation.teacherId,
					competencyId,
					indicatorIds,
					source: 'lesson_observation',
					description: rec.text,
					sourceObservationId: observation.id
				},
				actor
			);
		}

		if (rec.actionId) {
			const action = await plans.getAction(db, rec.actionId);
			if (action && action.deficitId === null)
				await plans.updateAction(db, action.id, { deficitId: deficit.id }, actor);
			deficit = (await deficits.get(db, deficit.id)) ?? deficit;
		}
		const linked = await link(
			db,
			observation,
			rec.id,
			rec.competencyId ? { deficitId: deficit.id } : { deficitId: deficit.id, competencyId },
			actor
		);
		return { observation: linked, deficit, outcome: live ? ('confirmed' as const) : ('created' as const) };
	});
}

/**
 * What «Сделать дефицитом» did, for the words the observer reads: a new deficit, a deficit the
 * teacher already had confirmed by this visit, or nothing (a second tap).
 */
export type DeficitOutcome = 'created' | 'confirmed' | 'linked-before';

/** What the observer settles on before «Добавить в ИОМ»; anything left out is proposed. */
export interface ActionFromRecommendation {
	/** The action's title; by default the recommendation's wording on one line. */
	title?: string;
	/** By default about two months after `today` (domain `proposeDeadline`). */
	deadline?: IsoDate | null;
	/** The device's today: what the deadline is proposed from and the plan's year is chosen by. */
	today?: IsoDate;
}

/** The title and deadline «Добавить в ИОМ» proposes for a recommendation, for the form that shows them. */
export function proposedAction(
	observation: Pick<Observation, 'date'>,
	rec: Pick<Recommendation, 'text'>,
	today: IsoDate
): { academicYear: number; title: string; deadline: IsoDate } {
	const academicYear = planYearFor(academicYearOf(observation.date), academicYearOf(today));
	return { academicYear, title: actionTitleOf(rec.text), deadline: proposeDeadline(today, academicYear) };
}

/**
 * «Добавить в ИОМ»: in ONE transaction, the teacher's plan (made if missing), a self-study action
 * with the title and deadline the observer settled on (proposed: the recommendation's wording,
 * about two months ahead), aimed at the recommendation's deficit when it became one, and the
 * link on the recommendation. The plan is the observation's academic year's, or the current one
 * when that year is over. Self-study, because working on what a visit showed starts with the
 * teacher's own reading and trying; the teacher changes the type in the plan if it becomes a
 * course. The protocol's wording stays as handed over: the action's title is the plan's own.
 * A second tap returns what the first made and writes nothing.
 */
export function recommendationToAction(
	db: AppDatabase,
	observationId: Id,
	recommendationId: Id,
	actor: rows.Actor,
	options: ActionFromRecommendation = {}
): Promise<{ observation: Observation; action: PlanAction; plan: DevelopmentPlan }> {
	const today = options.today ?? deviceToday();
	return rows.transact(db, ['observations', 'deficits', 'development_plans', 'plan_actions'], async () => {
		const { observation, rec } = await recommendationFor(db, observationId, recommendationId, actor);
		if (rec.actionId) {
			const made = await plans.getAction(db, rec.actionId);
			const plan = made ? await plans.get(db, made.planId) : undefined;
			if (made && plan) return { observation, action: made, plan };
		}
		const proposed = proposedAction(observation, rec, today);
		const plan = await plans.ensurePlan(db, observation.teacherId, proposed.academicYear, actor);
		const deficit = rec.deficitId ? await deficits.get(db, rec.deficitId) : undefined;
		// A dismissed deficit takes no actions (the plan refuses them); the action stands on its own then.
		const deficitId =
			deficit && deficit.teacherId === observation.teacherId && deficit.status !== 'dismissed' ? deficit.id : null;
		const action = await plans.addAction(
			db,
			plan.id,
			{
				deficitId,
				type: 'self_study',
				title: options.title ?? proposed.title,
				resultForm: '',
				deadline: options.deadline !== undefined ? options.deadline : proposed.deadline,
				hours: null,
				sourceObservationId: observation.id
			},
			actor
		);
		const linked = await link(db, observation, rec.id, { actionId: action.id }, actor);
		return { observation: linked, action, plan: (await plans.get(db, plan.id)) ?? plan };
	});
}

// ——— The teacher's part ———

/**
 * «Ознакомлен(а)» with a reflection: the teacher's own fields and nothing else, so the
 * observer's protocol and the teacher's answer never overwrite each other. Saying it again edits
 * the reflection and keeps the first acknowledgement's time.
 */
export function acknowledge(db: AppDatabase, id: Id, reflection: string, actor: rows.Actor): Promise<Observation> {
	return rows.transact(db, ['observations'], async () => {
		const current = await found(db, id);
		if (actor.profileId !== current.teacherId)
			throw new LocalWriteError('forbidden', `observations/${id}: only the observed teacher acknowledges`);
		const result = acknowledgeObservation(current, reflection, nowIso());
		if (!result.ok) throw new LocalWriteError('forbidden', `observations/${id} is a draft`);
		const { acknowledgedAt, reflection: text } = result.value;
		return rows.update(db, 'observations', id, { acknowledgedAt, reflection: text }, actor, validate);
	});
}
