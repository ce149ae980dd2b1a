import type { Id, IsoDateTime } from '$lib/domain/common';
import type { Profile } from '$lib/domain/profile';
import type { Assessment } from '$lib/domain/assessment';
import type { Deficit } from '$lib/domain/deficit';
import type { DevelopmentPlan, PlanAction } from '$lib/domain/development-plan';
import type { Activity } from '$lib/domain/activity';
import { AppDatabase, GUEST_DATABASE, type Attachment, type SyncedTable } from './database';
import { closeEverywhere } from './close-everywhere';
import { toLocalWriteError } from './errors';
import { newId, nowIso } from './ids';
import * as meta from './meta';
import * as rows from './rows';

/**
 * «Перенести данные гостя в учётную запись». The guest database belongs to nobody: what a guest
 * makes on a device is handed, at the next sign-in on that device, to the person signing in — and
 * to nobody after them. `handOver` stores the guest's own rows in that person's database (meta
 * STASH, the photos in its attachments table) and deletes the guest database, so the next guest
 * starts empty and a later person is never offered them. The person then sees whose data it is
 * (the name in the guest profile, what would move) and moves it into their account or drops it.
 * Leaving with «Удалить с устройства» deletes their database, and the handed-over work with it.
 *
 * Only the guest's OWN rows are handed over: rows of the profile the guest acted as, and of those
 * only the ones made on this device (their creation is in the guest outbox). The demo school is
 * written without outbox entries, so none of it — other people's rows, nor the demo rows of the
 * persona the guest tried — is ever moved.
 */

/** Meta key in the signed-in person's database: the guest work handed to them, not yet moved or dropped. */
export const STASH = 'guestMove.stash';

const META_FIELDS = ['id', 'version', 'updatedAt', 'updatedBy', 'deletedAt'] as const;
/** What a teacher fills in their own profile; name, e-mail and school are the invitation's. */
const PROFILE_FIELDS = [
	'position',
	'subjects',
	'experienceYears',
	'experienceAsOf',
	'category',
	'categoryExpiresOn',
	'education',
	'birthYear'
] as const;

/** One guest session's own rows, as they were in the guest database. Plain JSON: the photos are in the attachments table. */
export interface GuestWork {
	/** The name in the guest profile (shown so the person can tell whether it is theirs); null when none was filled. */
	name: string | null;
	handedAt: IsoDateTime;
	profile: Profile | null;
	assessments: Assessment[];
	deficits: Deficit[];
	plans: DevelopmentPlan[];
	actions: PlanAction[];
	activities: Activity[];
	/** The photos of `actions`, kept by id in the attachments table of the person's database. */
	attachmentIds: Id[];
}

/** What the offer shows before anything moves. */
export interface GuestOffer {
	/** Names in the guest profiles the work was made under (usually one). */
	names: string[];
	profile: boolean;
	assessments: number;
	deficits: number;
	plans: number;
	actions: number;
	activities: number;
	/** Titles of the plan actions and activities, so the person recognises them (or not). */
	titles: string[];
	total: number;
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
	return new Set(
		entries.filter((e) => e.op === 'upsert' && Object.keys(e.base).length === 0).map((e) => `${e.table}/${e.rowId}`)
	);
}

async function read(guest: AppDatabase): Promise<{ work: GuestWork; attachments: Attachment[] } | null> {
	const me = await meta.get<Id>(guest, meta.GUEST_PROFILE);
	if (!me) return null;
	const made = await createdHere(guest);
	const own = <T extends { id: Id; teacherId: Id; deletedAt: string | null }>(table: SyncedTable, list: T[]) =>
		list.filter((r) => r.teacherId === me && !r.deletedAt && made.has(`${table}/${r.id}`));
	const profile = (await guest.profiles.get(me)) ?? null;
	const actions = own('plan_actions', await guest.plan_actions.where('teacherId').equals(me).toArray());
	const attachments = actions.length
		? await guest.attachments
				.where('ownerId')
				.anyOf(actions.map((a) => a.id))
				.toArray()
		: [];
	const work: GuestWork = {
		name: profile?.fullName.trim() || null,
		handedAt: nowIso(),
		profile: profile && !profile.deletedAt && made.has(`profiles/${profile.id}`) ? profile : null,
		assessments: own('assessments', await guest.assessments.where('teacherId').equals(me).toArray()),
		deficits: own('deficits', await guest.deficits.where('teacherId').equals(me).toArray()),
		plans: own('development_plans', await guest.development_plans.where('teacherId').equals(me).toArray()),
		actions,
		activities: own('activities', await guest.activities.where('teacherId').equals(me).toArray()),
		attachmentIds: attachments.map((a) => a.id)
	};
	return { work, attachments };
}

function count(g: GuestWork): number {
	return (
		(g.profile ? 1 : 0) +
		g.assessments.length +
		g.deficits.length +
		g.plans.length +
		g.actions.length +
		g.activities.length
	);
}

async function stashOf(target: AppDatabase): Promise<GuestWork[]> {
	return (await meta.get<GuestWork[]>(target, STASH)) ?? [];
}

/**
 * A sign-in on this device: the guest work made here since the last sign-in becomes `target`'s
 * (the person signing in), and the guest database is deleted. Every other tab's connection to it
 * is closed for good first, so nothing they write afterwards is lost or re-creates it. Returns how
 * many rows were handed over. On failure (a full disk) nothing is deleted.
 */
export async function handOver(target: AppDatabase): Promise<number> {
	if ((await closeEverywhere(GUEST_DATABASE)) === 'absent') return 0;
	const guest = new AppDatabase(GUEST_DATABASE);
	let handed = 0;
	try {
		const found = await read(guest);
		if (found && count(found.work) > 0) {
			await target.transaction('rw', target.meta, target.attachments, async () => {
				await target.attachments.bulkPut(found.attachments);
				await meta.set(target, STASH, [...(await stashOf(target)), found.work]);
			});
			handed = count(found.work);
		}
	} catch (error) {
		guest.close();
		throw toLocalWriteError(error);
	}
	await guest.delete();
	return handed;
}

/** What is waiting to be moved into `target`'s account; null when nothing is. */
export async function pending(target: AppDatabase): Promise<GuestOffer | null> {
	const stash = await stashOf(target);
	if (!stash.length) return null;
	const sum = (pick: (g: GuestWork) => unknown[]) => stash.reduce((n, g) => n + pick(g).length, 0);
	const offer: GuestOffer = {
		names: [...new Set(stash.map((g) => g.name).filter((n): n is string => !!n))],
		profile: stash.some((g) => !!g.profile),
		assessments: sum((g) => g.assessments),
		deficits: sum((g) => g.deficits),
		plans: sum((g) => g.plans),
		actions: sum((g) => g.actions),
		activities: sum((g) => g.activities),
		titles: stash.flatMap((g) => [...g.actions, ...g.activities].map((r) => r.title)),
		total: stash.reduce((n, g) => n + count(g), 0)
	};
	return offer.total > 0 ? offer : null;
}

/** The person dropped the offer: the handed-over work leaves the device. */
export async function decline(target: AppDatabase): Promise<void> {
	try {
		await target.transaction('rw', target.meta, target.attachments, async () => {
			const stash = await stashOf(target);
			await target.attachments.bulkDelete(stash.flatMap((g) => g.attachmentIds));
			await target.meta.delete(STASH);
		});
	} catch (error) {
		throw toLocalWriteError(error);
	}
}

/**
 * Copy the handed-over work into `target` as new rows of `profileId` (the signed-in user's
 * profile, already pulled into `target`), through `rows.insert`, so every row gets its outbox
 * entry and reaches the server. One transaction of the target, which also drops the stash: all of
 * it moves, once, or nothing does.
 */
export async function move(target: AppDatabase, profileId: Id): Promise<MoveSummary> {
	const actor: rows.Actor = { profileId };
	let moved = 0;
	const tables = [
		target.profiles,
		target.assessments,
		target.deficits,
		target.development_plans,
		target.plan_actions,
		target.activities,
		target.attachments,
		target.outbox,
		target.meta
	];
	try {
		await target.transaction('rw', tables, async () => {
			for (const g of await stashOf(target)) moved += await moveOne(target, g, profileId, actor);
			await target.meta.delete(STASH);
		});
	} catch (error) {
		throw toLocalWriteError(error);
	}
	return { moved };
}

async function moveOne(target: AppDatabase, g: GuestWork, profileId: Id, actor: rows.Actor): Promise<number> {
	const ids = new Map<Id, Id>();
	const remap = (id: Id | null): Id | null => (id ? (ids.get(id) ?? null) : null);
	const fresh = (old: Id): Id => {
		const id = newId();
		ids.set(old, id);
		return id;
	};
	let moved = 0;
	if (g.profile && (await target.profiles.get(profileId))) {
		const patch: Record<string, unknown> = {};
		for (const k of PROFILE_FIELDS) patch[k] = g.profile[k];
		// The стаж goes with the date it was true on; work handed over before that date was kept has
		// none, and the стаж is then taken as true on the day the guest profile was last written.
		if (!patch.experienceAsOf) patch.experienceAsOf = g.profile.updatedAt.slice(0, 10);
		await rows.update(target, 'profiles', profileId, patch, actor);
		moved++;
	}
	for (const a of g.assessments) {
		const assessorId = a.assessorId === a.teacherId ? profileId : null;
		await rows.insert(
			target,
			'assessments',
			{ ...draftOf(a), id: fresh(a.id), teacherId: profileId, assessorId } as never,
			actor
		);
		moved++;
	}
	for (const d of g.deficits) {
		const history = d.history.map((h) => ({ ...h, by: h.by === d.teacherId ? profileId : null }));
		const draft = {
			...draftOf(d),
			id: fresh(d.id),
			teacherId: profileId,
			sourceAssessmentId: remap(d.sourceAssessmentId),
			sourceObservationId: null,
			history
		};
		await rows.insert(target, 'deficits', draft as never, actor);
		moved++;
	}
	for (const p of g.plans) {
		// One plan per teacher and year: when the account already has this year's plan, the
		// guest's actions join it instead of making a second one.
		const existing = (
			await target.development_plans.where('[teacherId+academicYear]').equals([profileId, p.academicYear]).toArray()
		).find((x) => !x.deletedAt);
		if (existing) {
			ids.set(p.id, existing.id);
			continue;
		}
		const deficitIds = p.deficitIds.map((id) => ids.get(id)).filter((id): id is Id => !!id);
		// The demo's approval was given by demo people: the moved plan is not yet sent.
		const unsent = {
			approvalStatus: 'not_submitted',
			approvalComment: '',
			submittedAt: null,
			approvedBy: null,
			approvedAt: null,
			approverName: ''
		} as const;
		await rows.insert(
			target,
			'development_plans',
			{ ...draftOf(p), id: fresh(p.id), teacherId: profileId, deficitIds, ...unsent } as never,
			actor
		);
		moved++;
	}
	const photos = (await target.attachments.bulkGet(g.attachmentIds)).filter((f): f is Attachment => !!f);
	for (const a of g.actions) {
		const planId = remap(a.planId);
		if (!planId) continue;
		const id = fresh(a.id);
		// The photos already sit in this database (handed over with the work): they change owner.
		for (const f of photos.filter((f) => f.ownerId === a.id)) await target.attachments.put({ ...f, ownerId: id });
		await rows.insert(
			target,
			'plan_actions',
			{
				...draftOf(a),
				id,
				planId,
				teacherId: profileId,
				deficitId: remap(a.deficitId),
				sourceObservationId: null
			} as never,
			actor
		);
		moved++;
	}
	// Photos of actions that did not move (no plan to join) are not kept.
	const kept = new Set(g.actions.filter((a) => ids.has(a.id)).map((a) => a.id));
	await target.attachments.bulkDelete(photos.filter((f) => !kept.has(f.ownerId)).map((f) => f.id));
	for (const a of g.activities) {
		await rows.insert(target, 'activities', { ...draftOf(a), id: fresh(a.id), teacherId: profileId } as never, actor);
		moved++;
	}
	return moved;
}
