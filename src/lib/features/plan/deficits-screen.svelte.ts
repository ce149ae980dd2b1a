import type { Id } from '$lib/domain/common';
import type { DeficitStatus } from '$lib/domain/deficit';
import type { AppDatabase } from '$lib/db/database';
import type { Actor } from '$lib/db/rows';
import * as deficits from '$lib/db/deficits';
import * as plans from '$lib/db/development-plans';
import { live, type LiveQuery } from '$lib/db/live.svelte';
import type { Notices } from '$lib/features/shell/notices.svelte';
import { t } from '$lib/i18n/i18n.svelte';
import { competencyTitle, loadDeficits, type DeficitsData, type DeficitView } from './load';

/**
 * The deficits screen: the teacher's deficits grouped for review, and what the teacher does with
 * them. Every intent writes locally (row + outbox) and reports in Russian; the list follows the
 * database through a live query, so it is right after a reload or a change in another tab.
 */
export class DeficitsScreen {
	readonly data: LiveQuery<DeficitsData>;
	/** The deficit an intent is being written for, to disable its buttons against a double tap. */
	busy = $state<Id | null>(null);
	/** Deficits that just got a plan action: their card shows a link to the plan. */
	added = $state<Id[]>([]);
	readonly academicYear: number;
	#db: AppDatabase;
	#actor: () => Actor;
	#notices: Notices;

	constructor(db: AppDatabase, teacherId: Id, academicYear: number, actor: () => Actor, notices: Notices) {
		this.#db = db;
		this.#actor = actor;
		this.#notices = notices;
		this.academicYear = academicYear;
		this.data = live(() => loadDeficits(db, teacherId, academicYear));
	}

	get view(): DeficitsData | undefined {
		return this.data.current;
	}

	async #run(id: Id, work: () => Promise<unknown>, success: string): Promise<boolean> {
		if (this.busy) return false;
		this.busy = id;
		try {
			await work();
			this.#notices.push('success', success);
			return true;
		} catch (error) {
			this.#notices.error(error);
			return false;
		} finally {
			this.busy = null;
		}
	}

	confirm(id: Id): Promise<boolean> {
		return this.#run(id, () => deficits.confirm(this.#db, id, this.#actor()), t('deficits.confirmed'));
	}

	dismiss(id: Id): Promise<boolean> {
		return this.#run(id, () => deficits.dismiss(this.#db, id, this.#actor()), t('deficits.dismissed'));
	}

	move(id: Id, to: DeficitStatus): Promise<boolean> {
		return this.#run(
			id,
			() => deficits.transition(this.#db, id, to, this.#actor()),
			t('deficits.statusChanged', t(`deficitStatus.${to}`))
		);
	}

	/** «Добавить мероприятие в ИОМ»: plan (if missing), action and deficit status in one write. */
	async addToPlan(view: DeficitView): Promise<boolean> {
		const framework = this.view?.framework;
		const title = t(
			'deficits.actionTitle',
			framework ? competencyTitle(framework, view.deficit.competencyId) : view.deficit.competencyId
		);
		const ok = await this.#run(
			view.deficit.id,
			() =>
				plans.addActionForDeficit(this.#db, view.deficit.id, { academicYear: this.academicYear, title }, this.#actor()),
			t('deficits.addedToPlan')
		);
		if (ok) this.added = [...this.added, view.deficit.id];
		return ok;
	}
}
