import type { Id } from '$lib/domain/common';
import type { Profile } from '$lib/domain/profile';
import type { Assessment } from '$lib/domain/assessment';
import type { Deficit } from '$lib/domain/deficit';
import type { DevelopmentPlan, PlanAction } from '$lib/domain/development-plan';
import type { Activity } from '$lib/domain/activity';
import { AppDatabase, GUEST_DATABASE, type Attachment, type SyncedTable } from './database';
import { toLocalWriteError } from './errors';
import { newId, nowIso } from './ids';
import * as meta from './meta';
import * as rows from './rows';

/**
 * «Перенести данные гостя в учётную запись»: on first sign-in, what the person made on this device
 * without an account is copied into their own database as new rows of their profile, through
 * `rows.insert`, so every row gets its outbox entry and reaches the server.
 *
 * Only the guest's OWN rows move: rows of the profile the guest acted as, and of those only the
 * ones made on this device (their creation is in the guest outbox). The demo school is written
 * without outbox entries, so none of it — other people's rows, nor the demo rows of the persona
 * the guest tried — is ever moved. The guest database is left as it is.
 */

/** Set in the user's database once the offer was taken or declined: it is made once. */
export const MOVED_AT = 'guestMove.at';

const META_FIELDS = ['id', 'version', 'updatedAt', 'updatedBy', 'deletedAt'] as const;
/** What a teacher fills in their own profile; name, e-mail and school are the invitation's. */
const PROFILE_FIELDS = ['position', 'subjects', 'experienceYears', 'category', 'categoryExpiresOn', 'education', 'birthYear'] as const;

interface GuestRows {
	profile: Profile | null;
	assessments: Assessment[];
	deficits: Deficit[];
	plans: DevelopmentPlan[];
	actions: PlanAction[];
	activities: Activity[];
	attachments: Attachment[];
}

export interface MoveSummary {
	moved: number;
}

function draftOf<T extends object>(row: T): Record<string, unknown> {
	const out: Record<string, unknown> = { ...(row as Record<string, unknown>) };
	for (const k of META_FIELDS) delete out[k];
	return out;
}

/** Rows the guest made on this device: their creation (an empty base) is in the outbox. */
async function createdHere(guest: AppDatabase): Promise<Set<string>> {
	const entries = await guest.outbox.toArray();
	return new Set(entries.filter((e) => e.op === 'upsert' && Object.keys(e.base).length === 0).map((e) => `${e.table}/${e.rowId}`));
}

async function read(guest: AppDatabase): Promise<GuestRows | null> {
	const me = await meta.get<Id>(guest, meta.GUEST_PROFILE);
	if (!me) return null;
	const made = await createdHere(guest);
	const own = <T extends { id: Id; teacherId: Id; deletedAt: string | null }>(table: SyncedTable, list: T[]) =>
		list.filter((r) => r.teacherId === me && !r.deletedAt && made.has(`${table}/${r.id}`));
	const profile = (await guest.profiles.get(me)) ?? null;
	const actions = own('plan_actions', await guest.plan_actions.where('teacherId').equals(me).toArray());
	const attachments = actions.length ? await guest.attachments.where('ownerId').anyOf(actions.map((a) => a.id)).toArray() : [];
	return {
		profile: profile && !profile.deletedAt && made.has(`profiles/${profile.id}`) ? profile : null,
		assessments: own('assessments', await guest.assessments.where('teacherId').equals(me).toArray()),
		deficits: own('deficits', await guest.deficits.where('teacherId').equals(me).toArray()),
		plans: own('development_plans', await guest.development_plans.where('teacherId').equals(me).toArray()),
		actions,
		activities: own('activities', await guest.activities.where('teacherId').equals(me).toArray()),
		attachments
	};
}

function count(g: GuestRows | null): number {
	if (!g) return 0;
	return (g.profile ? 1 : 0) + g.assessments.length + g.deficits.length + g.plans.length + g.actions.length + g.activities.length;
}

/** How many rows the offer would move (0: nothing to offer). */
export async function movableCount(guest: AppDatabase): Promise<number> {
	return count(await read(guest));
}

export async function wasOffered(target: AppDatabase): Promise<boolean> {
	return (await meta.get<string>(target, MOVED_AT)) !== null;
}

/** The person declined: do not ask again in this account. */
export async function decline(target: AppDatabase): Promise<void> {
	await meta.set(target, MOVED_AT, nowIso());
}

/**
 * Copy the guest's own rows into `target` for `profileId` (the signed-in user's profile, already
 * pulled into `target`). Everything is read from the guest database first and written in one
 * transaction of the target: all of it moves, or nothing does.
 */
export async function move(guest: AppDatabase, target: AppDatabase, profileId: Id): Promise<MoveSummary> {
	const g = await read(guest);
	const actor: rows.Actor = { profileId };
	const ids = new Map<Id, Id>();
	const remap = (id: Id | null): Id | null => (id ? (ids.get(id) ?? null) : null);
	const fresh = (old: Id): Id => {
		const id = newId();
		ids.set(old, id);
		return id;
	};
	let moved = 0;
	const tables = [target.profiles, target.assessments, target.deficits, target.development_plans, target.plan_actions, target.activities, target.attachments, target.outbox, target.meta];
	try {
		await target.transaction('rw', tables, async () => {
			if (await wasOffered(target)) return;
			if (g?.profile && (await target.profiles.get(profileId))) {
				const patch: Record<string, unknown> = {};
				for (const k of PROFILE_FIELDS) patch[k] = g.profile[k];
				await rows.update(target, 'profiles', profileId, patch, actor);
				moved++;
			}
			for (const a of g?.assessments ?? []) {
				const assessorId = a.assessorId === a.teacherId ? profileId : null;
				await rows.insert(target, 'assessments', { ...draftOf(a), id: fresh(a.id), teacherId: profileId, assessorId } as never, actor);
				moved++;
			}
			for (const d of g?.deficits ?? []) {
				const history = d.history.map((h) => ({ ...h, by: h.by === d.teacherId ? profileId : null }));
				const draft = { ...draftOf(d), id: fresh(d.id), teacherId: profileId, sourceAssessmentId: remap(d.sourceAssessmentId), sourceObservationId: null, history };
				await rows.insert(target, 'deficits', draft as never, actor);
				moved++;
			}
			for (const p of g?.plans ?? []) {
				// One plan per teacher and year: when the account already has this year's plan, the
				// guest's actions join it instead of making a second one.
				const existing = (await target.development_plans.where('[teacherId+academicYear]').equals([profileId, p.academicYear]).toArray()).find((x) => !x.deletedAt);
				if (existing) {
					ids.set(p.id, existing.id);
					continue;
				}
				const deficitIds = p.deficitIds.map((id) => ids.get(id)).filter((id): id is Id => !!id);
				await rows.insert(target, 'development_plans', { ...draftOf(p), id: fresh(p.id), teacherId: profileId, deficitIds, approvedBy: null, approvedAt: null } as never, actor);
				moved++;
			}
			for (const a of g?.actions ?? []) {
				const planId = remap(a.planId);
				if (!planId) continue;
				const id = fresh(a.id);
				const files = g!.attachments.filter((f) => f.ownerId === a.id);
				const fileIds = new Map<Id, Id>();
				for (const f of files) {
					const copy: Attachment = { ...f, id: newId(), ownerId: id };
					fileIds.set(f.id, copy.id);
					await target.attachments.add(copy);
				}
				const evidence = a.evidence.map((e) => (fileIds.has(e.value) ? { ...e, value: fileIds.get(e.value)! } : e));
				await rows.insert(
					target,
					'plan_actions',
					{ ...draftOf(a), id, planId, teacherId: profileId, deficitId: remap(a.deficitId), sourceObservationId: null, evidence } as never,
					actor
				);
				moved++;
			}
			for (const a of g?.activities ?? []) {
				await rows.insert(target, 'activities', { ...draftOf(a), id: fresh(a.id), teacherId: profileId } as never, actor);
				moved++;
			}
			await meta.set(target, MOVED_AT, nowIso());
		});
	} catch (error) {
		throw toLocalWriteError(error);
	}
	return { moved };
}

/** What to offer the signed-in user: the guest rows that would move; 0 when none or already offered. */
export async function offer(target: AppDatabase): Promise<number> {
	if (await wasOffered(target)) return 0;
	const guest = new AppDatabase(GUEST_DATABASE);
	try {
		return await movableCount(guest);
	} finally {
		guest.close();
	}
}

/** Move from this device's guest database. */
export async function moveFromGuest(target: AppDatabase, profileId: Id): Promise<MoveSummary> {
	const guest = new AppDatabase(GUEST_DATABASE);
	try {
		return await move(guest, target, profileId);
	} finally {
		guest.close();
	}
}
