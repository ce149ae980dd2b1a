import type { Draft, Id } from '$lib/domain/common';
import { academicYearBounds } from '$lib/domain/academic-year';
import type { Deficit } from '$lib/domain/deficit';
import {
	actionTransition,
	planTransition,
	type ActionStatus,
	type DevelopmentPlan,
	type Evidence,
	type PlanAction,
	type PlanStatus
} from '$lib/domain/development-plan';
import * as approval from '$lib/domain/plan-approval';
import { developmentPlanSchema, planActionSchema, validateActionForPlan } from '$lib/domain/schemas/development-plan';
import { issue, type Issue } from '$lib/domain/validation';
import type { AppDatabase, SyncedTable } from './database';
import * as attachments from './attachments';
import * as deficits from './deficits';
import * as profiles from './profiles';
import { LocalWriteError, toLocalWriteError } from './errors';
import { newId, nowIso } from './ids';
import * as rows from './rows';

/** What the teacher fills in for a new action; the rest (status, evidence…) starts empty. */
export type NewAction = Pick<PlanAction, 'deficitId' | 'type' | 'title' | 'resultForm' | 'deadline' | 'hours'> & {
	sourceObservationId?: Id | null;
};

/** Fields of an action a teacher edits directly; status moves go through `transitionAction`. */
export type ActionPatch = Partial<
	Pick<PlanAction, 'deficitId' | 'type' | 'title' | 'resultForm' | 'deadline' | 'hours' | 'reflection'>
>;

export type NewEvidence = Omit<Evidence, 'id'>;

function invalid(what: string, issues: Issue[]): LocalWriteError {
	return new LocalWriteError('invalid', `${what}: ${issues.map((i) => `${i.path}: ${i.code}`).join('; ')}`, issues);
}

/**
 * `rows.transact` plus the local attachments table, for writes where a blob and the row pointing
 * at it must appear (or go) together. Attachments have no outbox entry: they are not synced.
 */
async function transactWithAttachments<T>(db: AppDatabase, tables: SyncedTable[], work: () => Promise<T>): Promise<T> {
	try {
		return await db.transaction('rw', [...tables.map((t) => db.table(t)), db.outbox, db.meta, db.attachments], work);
	} catch (error) {
		throw toLocalWriteError(error);
	}
}

// ——— Plans ———

export async function get(db: AppDatabase, id: Id): Promise<DevelopmentPlan | undefined> {
	const row = await db.development_plans.get(id);
	return row && !row.deletedAt ? row : undefined;
}

async function findForYear(db: AppDatabase, teacherId: Id, academicYear: number): Promise<DevelopmentPlan | undefined> {
	const plans = rows.alive(
		await db.development_plans.where('[teacherId+academicYear]').equals([teacherId, academicYear]).toArray()
	);
	return plans[0];
}

/** The teacher's plan for an academic year (one per year), with its actions. */
export async function forYear(
	db: AppDatabase,
	teacherId: Id,
	academicYear: number
): Promise<{ plan: DevelopmentPlan; actions: PlanAction[] } | null> {
	const plan = await findForYear(db, teacherId, academicYear);
	if (!plan) return null;
	const actions = rows.alive(await db.plan_actions.where('planId').equals(plan.id).toArray());
	actions.sort((a, b) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999'));
	return { plan, actions };
}

export async function listForYear(db: AppDatabase, academicYear: number): Promise<DevelopmentPlan[]> {
	return rows.alive(await db.development_plans.toArray()).filter((p) => p.academicYear === academicYear);
}

export async function listActions(db: AppDatabase): Promise<PlanAction[]> {
	return rows.alive(await db.plan_actions.toArray());
}

/**
 * The teacher's plan for the year, made on first use. One plan per teacher per year: the lookup
 * and the insert share a transaction, so a double tap makes one plan on this device (two devices
 * offline can still each make one; the server's unique key on (teacher, year) settles that).
 *
 * A new plan starts active with empty goals, not as a draft: the teacher works by it from the
 * first action they add, and «черновик → действует» would be a step with no meaning offline.
 * Approval (согласование) is separate and does not depend on the status.
 */
export function ensurePlan(
	db: AppDatabase,
	teacherId: Id,
	academicYear: number,
	actor: rows.Actor
): Promise<DevelopmentPlan> {
	return rows.transact(db, ['development_plans'], async () => {
		const existing = await findForYear(db, teacherId, academicYear);
		if (existing) return existing;
		const draft: Draft<DevelopmentPlan> = {
			teacherId,
			academicYear,
			goals: '',
			deficitIds: [],
			status: 'active',
			approvalStatus: 'not_submitted',
			approvalComment: '',
			submittedAt: null,
			approvedBy: null,
			approvedAt: null,
			approverName: ''
		};
		return rows.insert(db, 'development_plans', draft, actor, (d) => developmentPlanSchema.validate(d));
	});
}

/** Change the goals and the deficits the plan targets. */
export function updatePlan(
	db: AppDatabase,
	id: Id,
	patch: Partial<Pick<DevelopmentPlan, 'goals' | 'deficitIds'>>,
	actor: rows.Actor
): Promise<DevelopmentPlan> {
	const clean: Partial<Pick<DevelopmentPlan, 'goals' | 'deficitIds'>> = {};
	if (patch.goals !== undefined) clean.goals = patch.goals;
	if (patch.deficitIds !== undefined) clean.deficitIds = [...new Set(patch.deficitIds)];
	return rows.update(db, 'development_plans', id, clean, actor, (d) => developmentPlanSchema.validate(d));
}

/** Activate, complete or reopen a plan (domain `planTransition`); a refused move writes nothing. */
export function transitionPlan(db: AppDatabase, id: Id, to: PlanStatus, actor: rows.Actor): Promise<DevelopmentPlan> {
	return rows.transact(db, ['development_plans', 'plan_actions'], async () => {
		const plan = await get(db, id);
		if (!plan) throw new LocalWriteError('not-found', `development_plans/${id}`);
		const actions = await db.plan_actions.where('planId').equals(id).toArray();
		const moved = planTransition(plan, to, actions);
		if (!moved.ok)
			throw invalid(`development_plans/${id}`, [
				issue('status', 'not_allowed', { from: plan.status, to, reason: moved.error })
			]);
		return rows.update(db, 'development_plans', id, { status: to }, actor, (d) => developmentPlanSchema.validate(d));
	});
}

/**
 * Adding work to a completed plan reopens it: a completed plan has, by definition, no open
 * actions. Runs inside the caller's transaction.
 */
async function reopenIfCompleted(db: AppDatabase, plan: DevelopmentPlan, actor: rows.Actor): Promise<DevelopmentPlan> {
	if (plan.status !== 'completed') return plan;
	return rows.update(db, 'development_plans', plan.id, { status: 'active' }, actor, (d) =>
		developmentPlanSchema.validate(d)
	);
}

/**
 * An action aimed at a deficit puts the deficit on the plan's list and the deficit to work
 * (выявлен or преодолён → в работе; a proposal is confirmed on the way, since acting on it is
 * agreeing with it). Runs inside the caller's transaction.
 */
async function linkDeficit(
	db: AppDatabase,
	plan: DevelopmentPlan,
	deficit: Deficit,
	actor: rows.Actor
): Promise<{ plan: DevelopmentPlan; deficit: Deficit }> {
	let current = deficit;
	if (current.status === 'proposed') current = await deficits.transition(db, current.id, 'identified', actor);
	if (current.status === 'identified' || current.status === 'overcome')
		current = await deficits.transition(db, current.id, 'in_progress', actor);
	const linked = plan.deficitIds.includes(current.id)
		? plan
		: await rows.update(
				db,
				'development_plans',
				plan.id,
				{ deficitIds: [...plan.deficitIds, current.id] },
				actor,
				(d) => developmentPlanSchema.validate(d)
			);
	return { plan: linked, deficit: current };
}

// ——— Approval (согласование) ———

type ApprovalPatch = Pick<
	DevelopmentPlan,
	'approvalStatus' | 'approvalComment' | 'submittedAt' | 'approvedBy' | 'approvedAt' | 'approverName'
>;

function approvalPatch(p: DevelopmentPlan): ApprovalPatch {
	return {
		approvalStatus: p.approvalStatus,
		approvalComment: p.approvalComment,
		submittedAt: p.submittedAt,
		approvedBy: p.approvedBy,
		approvedAt: p.approvedAt,
		approverName: p.approverName
	};
}

function approvalRefusal(id: Id, from: string, error: approval.ApprovalError): LocalWriteError {
	if (error === 'comment_required') return invalid(`development_plans/${id}`, [issue('approvalComment', 'required')]);
	return invalid(`development_plans/${id}`, [issue('approvalStatus', 'not_allowed', { from, reason: error })]);
}

/** «Отправить на согласование» (again, after a return or of her own accord after approval). A synced write like any other. */
export function submit(db: AppDatabase, id: Id, actor: rows.Actor): Promise<DevelopmentPlan> {
	return rows.transact(db, ['development_plans'], async () => {
		const plan = await get(db, id);
		if (!plan) throw new LocalWriteError('not-found', `development_plans/${id}`);
		const moved = approval.submit(plan, nowIso());
		if (!moved.ok) throw approvalRefusal(id, plan.approvalStatus, moved.error);
		return rows.update(db, 'development_plans', id, approvalPatch(moved.value), actor, (d) =>
			developmentPlanSchema.validate(d)
		);
	});
}

async function decide(
	db: AppDatabase,
	id: Id,
	decision: 'approved' | 'returned',
	comment: string,
	actor: rows.Actor
): Promise<DevelopmentPlan> {
	return rows.transact(db, ['development_plans', 'profiles'], async () => {
		const plan = await get(db, id);
		if (!plan) throw new LocalWriteError('not-found', `development_plans/${id}`);
		if (!actor.profileId) throw new LocalWriteError('invalid', `development_plans/${id}: no approver`);
		// The name as this device knows it; the server writes the one it knows (the same profile).
		const name = (await profiles.get(db, actor.profileId))?.fullName ?? '';
		const moved = approval.decide(plan, decision, { id: actor.profileId, name }, nowIso(), comment);
		if (!moved.ok) throw approvalRefusal(id, plan.approvalStatus, moved.error);
		return rows.update(db, 'development_plans', id, approvalPatch(moved.value), actor, (d) =>
			developmentPlanSchema.validate(d)
		);
	});
}

/**
 * «Согласовать», signed by the actor. Whether the actor may (the school methodist, or the active
 * mentor where the school allows it) is the caller's screen and, finally, the server's rule.
 */
export function approve(db: AppDatabase, id: Id, actor: rows.Actor): Promise<DevelopmentPlan> {
	return decide(db, id, 'approved', '', actor);
}

/** «Вернуть на доработку» with a comment, which is required. */
export function returnPlan(db: AppDatabase, id: Id, comment: string, actor: rows.Actor): Promise<DevelopmentPlan> {
	return decide(db, id, 'returned', comment, actor);
}

/** Plans waiting for approval, sent longest ago first (all plans on this device: what the caller may read). */
export async function waitingForApproval(db: AppDatabase): Promise<DevelopmentPlan[]> {
	return approval.approvalQueue(await db.development_plans.toArray());
}

/**
 * A substantive change of an action sends an approved plan back to «на согласовании» (domain
 * `afterActionChange`; the server's plan_actions trigger does the same). Written before the
 * action inside the caller's transaction, so the plan's entry reaches the server first and the
 * server's own move finds nothing left to do.
 */
async function reopenApproval(
	db: AppDatabase,
	plan: DevelopmentPlan,
	before: PlanAction | Draft<PlanAction> | null,
	after: PlanAction | Draft<PlanAction> | null,
	actor: rows.Actor
): Promise<DevelopmentPlan> {
	const shape = (a: PlanAction | Draft<PlanAction> | null) =>
		a ? { ...a, deletedAt: 'deletedAt' in a ? a.deletedAt : null } : null;
	const next = approval.afterActionChange(plan, shape(before), shape(after), nowIso());
	if (next === plan) return plan;
	return rows.update(db, 'development_plans', plan.id, approvalPatch(next), actor, (d) =>
		developmentPlanSchema.validate(d)
	);
}

// ——— Actions ———

export async function getAction(db: AppDatabase, id: Id): Promise<PlanAction | undefined> {
	const row = await db.plan_actions.get(id);
	return row && !row.deletedAt ? row : undefined;
}

export async function actionsForTeacher(db: AppDatabase, teacherId: Id): Promise<PlanAction[]> {
	return rows.alive(await db.plan_actions.where('teacherId').equals(teacherId).toArray());
}

/** The actions aimed at one deficit, by deadline. */
export async function actionsForDeficit(db: AppDatabase, deficitId: Id): Promise<PlanAction[]> {
	const actions = rows.alive(await db.plan_actions.where('deficitId').equals(deficitId).toArray());
	return actions.sort((a, b) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999'));
}

/** The row a new action becomes; the form validates exactly this before anything is written. */
export function actionDraftOf(plan: Pick<DevelopmentPlan, 'id' | 'teacherId'>, input: NewAction): Draft<PlanAction> {
	return {
		planId: plan.id,
		teacherId: plan.teacherId,
		deficitId: input.deficitId,
		type: input.type,
		title: typeof input.title === 'string' ? input.title.trim() : input.title,
		resultForm: typeof input.resultForm === 'string' ? input.resultForm.trim() : input.resultForm,
		deadline: input.deadline,
		hours: input.hours,
		status: 'planned',
		evidence: [],
		reflection: '',
		completedAt: null,
		sourceObservationId: input.sourceObservationId ?? null
	};
}

/** Every issue of a new action: the entity schema and the rules between it and its plan. */
export function validateNewAction(
	plan: Pick<DevelopmentPlan, 'id' | 'teacherId' | 'academicYear'>,
	draft: Draft<PlanAction>
): Issue[] {
	const issues = planActionSchema.validate(draft);
	// The plan rules need a well-formed deadline; the schema has already spoken about a bad one.
	const deadlineBad = issues.some((i) => i.path === 'deadline');
	return [...issues, ...validateActionForPlan(draft, plan).filter((i) => !(deadlineBad && i.path === 'deadline'))];
}

async function deficitFor(db: AppDatabase, teacherId: Id, deficitId: Id | null): Promise<Deficit | null> {
	if (deficitId === null) return null;
	const deficit = await deficits.get(db, deficitId);
	if (!deficit || deficit.teacherId !== teacherId) throw invalid('plan_actions', [issue('deficitId', 'mismatch')]);
	if (deficit.status === 'dismissed')
		throw invalid('plan_actions', [issue('deficitId', 'not_allowed', { status: deficit.status })]);
	return deficit;
}

/**
 * Add an action to a plan. Validated with the entity schema and the plan rules (the deadline is
 * not before the plan's academic year); an action aimed at a deficit also puts that deficit on the
 * plan and to work. Everything in one transaction: nothing partial is ever written.
 */
export function addAction(db: AppDatabase, planId: Id, input: NewAction, actor: rows.Actor): Promise<PlanAction> {
	return rows.transact(db, ['development_plans', 'plan_actions', 'deficits'], async () => {
		const plan = await get(db, planId);
		if (!plan) throw new LocalWriteError('not-found', `development_plans/${planId}`);
		const draft = actionDraftOf(plan, input);
		const issues = validateNewAction(plan, draft);
		if (issues.length) throw invalid('plan_actions', issues);
		const deficit = await deficitFor(db, plan.teacherId, draft.deficitId);
		let current = await reopenIfCompleted(db, plan, actor);
		if (deficit) current = (await linkDeficit(db, current, deficit, actor)).plan;
		await reopenApproval(db, current, null, draft, actor);
		return rows.insert(db, 'plan_actions', draft, actor);
	});
}

/**
 * «Из дефицита — в ИОМ» in one step: the year's plan (made if missing), an action aimed at the
 * deficit with a title the teacher can change later, self-study by the end of the academic year,
 * the deficit put to work and listed among the plan's targets. One transaction: if any part
 * fails, there is no new plan, no action, no deficit change and no outbox entry.
 *
 * The title comes from the caller because it is user-visible text in the chosen language
 * («Устранение дефицита: Оценочная компетенция»).
 */
export function addActionForDeficit(
	db: AppDatabase,
	deficitId: Id,
	options: { academicYear: number; title: string },
	actor: rows.Actor
): Promise<{ plan: DevelopmentPlan; action: PlanAction; deficit: Deficit }> {
	return rows.transact(db, ['development_plans', 'plan_actions', 'deficits'], async () => {
		const deficit = await deficits.get(db, deficitId);
		if (!deficit) throw new LocalWriteError('not-found', `deficits/${deficitId}`);
		if (deficit.status === 'dismissed')
			throw invalid(`deficits/${deficitId}`, [issue('status', 'not_allowed', { status: deficit.status })]);
		const found = await ensurePlan(db, deficit.teacherId, options.academicYear, actor);
		const opened = await reopenIfCompleted(db, found, actor);
		const linked = await linkDeficit(db, opened, deficit, actor);
		const draft = actionDraftOf(linked.plan, {
			deficitId: deficit.id,
			type: 'self_study',
			title: options.title,
			resultForm: '',
			deadline: academicYearBounds(linked.plan.academicYear).end,
			hours: null
		});
		const issues = validateNewAction(linked.plan, draft);
		if (issues.length) throw invalid('plan_actions', issues);
		const plan = await reopenApproval(db, linked.plan, null, draft, actor);
		const action = await rows.insert(db, 'plan_actions', draft, actor);
		return { plan, action, deficit: linked.deficit };
	});
}

/** Edit an action's own fields, validated as the action would be after the change. */
export function updateAction(db: AppDatabase, id: Id, patch: ActionPatch, actor: rows.Actor): Promise<PlanAction> {
	return rows.transact(db, ['development_plans', 'plan_actions', 'deficits'], async () => {
		const action = await getAction(db, id);
		if (!action) throw new LocalWriteError('not-found', `plan_actions/${id}`);
		const plan = await get(db, action.planId);
		if (!plan) throw new LocalWriteError('not-found', `development_plans/${action.planId}`);
		const clean: ActionPatch = { ...patch };
		if (typeof clean.title === 'string') clean.title = clean.title.trim();
		if (typeof clean.resultForm === 'string') clean.resultForm = clean.resultForm.trim();
		const next = { ...action, ...clean };
		const issues = validateNewAction(plan, next);
		if (issues.length) throw invalid(`plan_actions/${id}`, issues);
		let current = plan;
		if (clean.deficitId !== undefined && clean.deficitId !== action.deficitId) {
			const deficit = await deficitFor(db, plan.teacherId, clean.deficitId);
			if (deficit) current = (await linkDeficit(db, plan, deficit, actor)).plan;
		}
		await reopenApproval(db, current, action, next, actor);
		return rows.update(db, 'plan_actions', id, clean, actor, (d) => planActionSchema.validate(d));
	});
}

/** Start, finish, cancel or reopen an action (domain `actionTransition`); a refused move writes nothing. */
export function transitionAction(db: AppDatabase, id: Id, to: ActionStatus, actor: rows.Actor): Promise<PlanAction> {
	return rows.transact(db, ['plan_actions'], async () => {
		const action = await getAction(db, id);
		if (!action) throw new LocalWriteError('not-found', `plan_actions/${id}`);
		const moved = actionTransition(action, to, nowIso());
		if (!moved.ok) throw invalid(`plan_actions/${id}`, [issue('status', 'not_allowed', { from: action.status, to })]);
		return rows.update(
			db,
			'plan_actions',
			id,
			{ status: moved.value.status, completedAt: moved.value.completedAt },
			actor,
			(d) => planActionSchema.validate(d)
		);
	});
}

/** Delete an action (a tombstone, so the deletion syncs) and the photos kept for it on this device. */
export function removeAction(db: AppDatabase, id: Id, actor: rows.Actor): Promise<void> {
	return transactWithAttachments(db, ['development_plans', 'plan_actions'], async () => {
		const action = await getAction(db, id);
		const plan = action ? await get(db, action.planId) : undefined;
		if (action && plan) await reopenApproval(db, plan, action, null, actor);
		await rows.remove(db, 'plan_actions', id, actor);
		await attachments.removeForOwner(db, id);
	});
}

// ——— Evidence ———

/**
 * Issues of the evidence list as it would be, with paths of the new item made relative to it
 * ('evidence.2.value' → 'value') so the form can show them next to its own fields.
 */
function evidenceIssues(next: PlanAction, index: number): Issue[] {
	const prefix = `evidence.${index}.`;
	return planActionSchema
		.validate(next)
		.filter((i) => i.path === 'evidence' || i.path.startsWith('evidence.'))
		.map((i) => (i.path.startsWith(prefix) ? { ...i, path: i.path.slice(prefix.length) } : i));
}

async function appendEvidence(
	db: AppDatabase,
	action: PlanAction,
	input: NewEvidence,
	actor: rows.Actor
): Promise<PlanAction> {
	const evidence: Evidence = { id: newId(), kind: input.kind, value: input.value.trim(), note: input.note.trim() };
	const next: PlanAction = { ...action, evidence: [...action.evidence, evidence] };
	const issues = evidenceIssues(next, action.evidence.length);
	if (issues.length) throw invalid(`plan_actions/${action.id}`, issues);
	return rows.update(db, 'plan_actions', action.id, { evidence: next.evidence }, actor, (d) =>
		planActionSchema.validate(d)
	);
}

/**
 * Attach a certificate number, a link, or an already stored photo or file (its attachment id) to
 * an action.
 */
export function addEvidence(db: AppDatabase, actionId: Id, input: NewEvidence, actor: rows.Actor): Promise<PlanAction> {
	return transactWithAttachments(db, ['plan_actions'], async () => {
		const action = await getAction(db, actionId);
		if (!action) throw new LocalWriteError('not-found', `plan_actions/${actionId}`);
		if ((input.kind === 'photo' || input.kind === 'file') && !(await attachments.get(db, input.value))) {
			throw invalid(`plan_actions/${actionId}`, [issue('value', 'invalid_id')]);
		}
		return appendEvidence(db, action, input, actor);
	});
}

/**
 * A photo taken as evidence: the (already compressed) image is stored on the device and the
 * evidence pointing at it is added in the same transaction, so there is never a photo without its
 * evidence or evidence without its photo.
 */
export function addPhotoEvidence(
	db: AppDatabase,
	actionId: Id,
	photo: { blob: Blob; name: string; note: string },
	actor: rows.Actor
): Promise<PlanAction> {
	return transactWithAttachments(db, ['plan_actions'], async () => {
		const action = await getAction(db, actionId);
		if (!action) throw new LocalWriteError('not-found', `plan_actions/${actionId}`);
		const stored = await attachments.save(db, {
			ownerTable: 'plan_actions',
			ownerId: actionId,
			name: photo.name,
			blob: photo.blob
		});
		return appendEvidence(db, action, { kind: 'photo', value: stored.id, note: photo.note }, actor);
	});
}

/**
 * A document (PDF, office file, a photo kept as it is) as evidence: stored on the device with the
 * evidence pointing at it, in one transaction, like a photo; uploaded later (sync/uploads.ts). The
 * caller has checked its type and size (features/files/limits.ts).
 */
export function addFileEvidence(
	db: AppDatabase,
	actionId: Id,
	file: { blob: Blob; name: string; note: string },
	actor: rows.Actor
): Promise<PlanAction> {
	return transactWithAttachments(db, ['plan_actions'], async () => {
		const action = await getAction(db, actionId);
		if (!action) throw new LocalWriteError('not-found', `plan_actions/${actionId}`);
		const stored = await attachments.save(db, {
			ownerTable: 'plan_actions',
			ownerId: actionId,
			name: file.name,
			blob: file.blob,
			teacherId: action.teacherId
		});
		return appendEvidence(db, action, { kind: 'file', value: stored.id, note: file.note }, actor);
	});
}

/** Remove one piece of evidence; a photo or file goes from the device with it. */
export function removeEvidence(db: AppDatabase, actionId: Id, evidenceId: Id, actor: rows.Actor): Promise<PlanAction> {
	return transactWithAttachments(db, ['plan_actions'], async () => {
		const action = await getAction(db, actionId);
		if (!action) throw new LocalWriteError('not-found', `plan_actions/${actionId}`);
		const gone = action.evidence.find((e) => e.id === evidenceId);
		if (!gone) return action;
		const updated = await rows.update(
			db,
			'plan_actions',
			actionId,
			{ evidence: action.evidence.filter((e) => e.id !== evidenceId) },
			actor,
			(d) => planActionSchema.validate(d)
		);
		if (gone.kind === 'photo' || gone.kind === 'file') await attachments.remove(db, gone.value);
		return updated;
	});
}
