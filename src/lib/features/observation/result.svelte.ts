import type { Id, IsoDate } from '$lib/domain/common';
import type { Issue } from '$lib/domain/validation';
import type { Within } from '$lib/features/forms/form-draft.svelte';
import type { AppDatabase } from '$lib/db/database';
import type { Actor } from '$lib/db/rows';
import { LocalWriteError } from '$lib/db/errors';
import * as observations from '$lib/db/observations';
import { live, type LiveQuery } from '$lib/db/live.svelte';
import type { Notices } from '$lib/features/shell/notices.svelte';
import { t } from '$lib/i18n/i18n.svelte';
import { loadProtocol, type ProtocolData } from './load';

/**
 * A handed-over protocol and what its observer does with the recommendations: each becomes a
 * deficit of the teacher or an action in the teacher's plan with one tap. The view follows the
 * database, so a link made in another tab (or a second tap) shows as done.
 */
export class ProtocolScreen {
	readonly data: LiveQuery<ProtocolData | null>;
	/** `<recommendation id>:deficit` or `:action` while it is written, against a double tap. */
	busy = $state<string | null>(null);
	/** The competency picked for a recommendation typed without one, before it becomes a deficit. */
	competencyFor = $state<Record<Id, string>>({});
	/** Recommendations whose «Сделать дефицитом» was refused for want of a competency. */
	missingCompetency = $state<Id[]>([]);
	#db: AppDatabase;
	#id: Id;
	#actor: () => Actor;
	#notices: Notices;

	constructor(db: AppDatabase, id: Id, actor: () => Actor, notices: Notices) {
		this.#db = db;
		this.#id = id;
		this.#actor = actor;
		this.#notices = notices;
		this.data = live(() => loadProtocol(db, id));
	}

	get view(): ProtocolData | null | undefined {
		return this.data.current;
	}

	isBusy(recommendationId: Id, what: 'deficit' | 'action'): boolean {
		return this.busy === `${recommendationId}:${what}`;
	}

	async #run<R>(key: string, work: () => Promise<R>, success: (result: R) => string): Promise<boolean> {
		if (this.busy) return false;
		this.busy = key;
		try {
			const result = await work();
			this.#notices.push('success', success(result));
			return true;
		} catch (error) {
			if (
				error instanceof LocalWriteError &&
				error.reason === 'invalid' &&
				error.issues.some((i) => i.path === 'competencyId')
			) {
				this.missingCompetency = [...this.missingCompetency, key.slice(0, key.indexOf(':'))];
			} else {
				this.#notices.error(error);
			}
			return false;
		} finally {
			this.busy = null;
		}
	}

	/** «Сделать дефицитом». */
	toDeficit(recommendationId: Id): Promise<boolean> {
		const competencyId = this.competencyFor[recommendationId] || undefined;
		this.missingCompetency = this.missingCompetency.filter((id) => id !== recommendationId);
		return this.#run(
			`${recommendationId}:deficit`,
			() => observations.recommendationToDeficit(this.#db, this.#id, recommendationId, this.#actor(), { competencyId }),
			({ outcome }) =>
				t(
					outcome === 'created'
						? 'observation.deficitMade'
						: outcome === 'confirmed'
							? 'observation.deficitConfirmed'
							: 'observation.deficitAlready'
				)
		);
	}

	/** The recommendation whose «Добавить в ИОМ» form is open. */
	adding = $state<Id | null>(null);

	/**
	 * «Добавить в ИОМ» with the title and deadline the observer settled on. Field issues come back
	 * for the form; other failures become a notice. `within` runs the write: the form passes its
	 * draft's commit, so the action and the dropped draft are one transaction.
	 */
	async toAction(
		recommendationId: Id,
		values: { title: string; deadline: IsoDate | null },
		within: Within = (write) => write()
	): Promise<{ ok: true } | { ok: false; issues: Issue[] }> {
		const key = `${recommendationId}:action`;
		if (this.busy) return { ok: false, issues: [] };
		this.busy = key;
		try {
			await within(() =>
				observations.recommendationToAction(this.#db, this.#id, recommendationId, this.#actor(), values)
			);
			this.#notices.push('success', t('observation.actionMade'));
			this.adding = null;
			return { ok: true };
		} catch (error) {
			if (error instanceof LocalWriteError && error.reason === 'invalid') return { ok: false, issues: error.issues };
			this.#notices.error(error);
			return { ok: false, issues: [] };
		} finally {
			this.busy = null;
		}
	}
}
