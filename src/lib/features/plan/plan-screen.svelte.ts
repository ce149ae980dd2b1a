import type { Id, IsoDate } from '$lib/domain/common';
import type { ActionStatus, EvidenceKind, PlanStatus } from '$lib/domain/development-plan';
import type { Issue } from '$lib/domain/validation';
import type { AppDatabase } from '$lib/db/database';
import type { Actor } from '$lib/db/rows';
import * as activities from '$lib/db/activities';
import * as plans from '$lib/db/development-plans';
import { LocalWriteError } from '$lib/db/errors';
import { live, type LiveQuery } from '$lib/db/live.svelte';
import type { Notices } from '$lib/features/shell/notices.svelte';
import type { Within } from '$lib/features/forms/form-draft.svelte';
import { t } from '$lib/i18n/i18n.svelte';
import { loadPlan, type PlanScreenData } from './load';
import { compressPhoto, jpegName, PhotoError, type PhotoRefusal } from './photo';

/** What became of an evidence the teacher tried to add: done, field issues, or a refused photo. */
export type EvidenceOutcome =
	{ ok: true } | { ok: false; issues: Issue[] } | { ok: false; photo: PhotoRefusal } | { ok: false };

/**
 * The ИОМ screen: the year's plan with its actions, and every intent on them. Writes go through
 * the plan repository (row + outbox in one transaction); the screen follows the database through
 * a live query.
 */
export class PlanScreen {
	readonly data: LiveQuery<PlanScreenData>;
	readonly academicYear: number;
	/** The row an intent is being written for, to disable its controls against a double tap. */
	busy = $state<Id | null>(null);
	#db: AppDatabase;
	#teacherId: Id;
	#actor: () => Actor;
	#notices: Notices;

	constructor(
		db: AppDatabase,
		teacherId: Id,
		academicYear: number,
		today: IsoDate,
		actor: () => Actor,
		notices: Notices
	) {
		this.#db = db;
		this.#teacherId = teacherId;
		this.#actor = actor;
		this.#notices = notices;
		this.academicYear = academicYear;
		this.data = live(() => loadPlan(db, teacherId, academicYear, today));
	}

	get view(): PlanScreenData | undefined {
		return this.data.current;
	}

	async #run(id: Id, work: () => Promise<unknown>, success: string | null): Promise<boolean> {
		if (this.busy) return false;
		this.busy = id;
		try {
			await work();
			if (success) this.#notices.push('success', success);
			return true;
		} catch (error) {
			this.#notices.error(error);
			return false;
		} finally {
			this.busy = null;
		}
	}

	/** «Составить ИОМ». */
	createPlan(): Promise<boolean> {
		return this.#run(
			'plan',
			() => plans.ensurePlan(this.#db, this.#teacherId, this.academicYear, this.#actor()),
			t('plan.created')
		);
	}

	/** Saves the goals; throws so the goals field keeps its draft when the write fails. */
	async saveGoals(planId: Id, goals: string): Promise<void> {
		await plans.updatePlan(this.#db, planId, { goals }, this.#actor());
	}

	/** «Отправить на согласование»: a synced write like any other, so it works offline. */
	submitForApproval(planId: Id): Promise<boolean> {
		return this.#run(planId, () => plans.submit(this.#db, planId, this.#actor()), t('approval.submitted'));
	}

	async movePlan(planId: Id, to: PlanStatus): Promise<boolean> {
		if (this.busy) return false;
		this.busy = planId;
		try {
			await plans.transitionPlan(this.#db, planId, to, this.#actor());
			this.#notices.push('success', t('plan.planStatusChanged', t(`plan.status.${to}`)));
			return true;
		} catch (error) {
			const openActions =
				error instanceof LocalWriteError && error.issues.some((i) => i.params?.reason === 'open_actions');
			if (openActions) this.#notices.push('error', t('plan.openActionsRefusal'));
			else this.#notices.error(error);
			return false;
		} finally {
			this.busy = null;
		}
	}

	moveAction(id: Id, to: ActionStatus): Promise<boolean> {
		return this.#run(
			id,
			() => plans.transitionAction(this.#db, id, to, this.#actor()),
			t('plan.actionStatusChanged', t(`actionStatus.${to}`))
		);
	}

	removeAction(id: Id): Promise<boolean> {
		return this.#run(id, () => plans.removeAction(this.#db, id, this.#actor()), t('plan.actionRemoved'));
	}

	/** An activity already entered records this completed action (the course is not entered twice). */
	linkActivity(actionId: Id, activityId: Id): Promise<boolean> {
		return this.#run(
			actionId,
			() => activities.linkToAction(this.#db, activityId, actionId, this.#actor()),
			t('plan.linked')
		);
	}

	/** Saves a reflection; throws so the field keeps its draft when the write fails. */
	async saveReflection(id: Id, reflection: string): Promise<void> {
		await plans.updateAction(this.#db, id, { reflection }, this.#actor());
	}

	/** A certificate number or a link. Field issues come back for the form; other failures become a notice. */
	/** `within` runs the write: the form passes its draft's commit (evidence and dropped draft in one transaction). */
	async addEvidence(
		actionId: Id,
		kind: Exclude<EvidenceKind, 'photo' | 'file'>,
		value: string,
		note: string,
		within: Within = (write) => write()
	): Promise<EvidenceOutcome> {
		if (this.busy) return { ok: false };
		this.busy = actionId;
		try {
			await within(() => plans.addEvidence(this.#db, actionId, { kind, value, note }, this.#actor()));
			this.#notices.push('success', t('plan.evidenceAdded'));
			return { ok: true };
		} catch (error) {
			if (error instanceof LocalWriteError && error.reason === 'invalid') return { ok: false, issues: error.issues };
			this.#notices.error(error);
			return { ok: false };
		} finally {
			this.busy = null;
		}
	}

	/** A photo from the camera or the gallery: compressed on the device, then stored with its evidence. */
	async addPhoto(
		actionId: Id,
		file: File,
		note: string,
		within: Within = (write) => write()
	): Promise<EvidenceOutcome> {
		if (this.busy) return { ok: false };
		this.busy = actionId;
		try {
			// Compressed before the write: nothing but the database may be awaited inside it.
			const photo = await compressPhoto(file);
			await within(() =>
				plans.addPhotoEvidence(this.#db, actionId, { blob: photo.blob, name: jpegName(file.name), note }, this.#actor())
			);
			this.#notices.push('success', t('plan.evidenceAdded'));
			return { ok: true };
		} catch (error) {
			if (error instanceof PhotoError) return { ok: false, photo: error.reason };
			if (error instanceof LocalWriteError && error.reason === 'invalid') return { ok: false, issues: error.issues };
			this.#notices.error(error);
			return { ok: false };
		} finally {
			this.busy = null;
		}
	}

	removeEvidence(actionId: Id, evidenceId: Id): Promise<boolean> {
		return this.#run(
			actionId,
			() => plans.removeEvidence(this.#db, actionId, evidenceId, this.#actor()),
			t('plan.evidenceRemoved')
		);
	}
}
