import type { Id } from '$lib/domain/common';
import type { Observation } from '$lib/domain/observation';
import type { AppDatabase } from '$lib/db/database';
import type { Actor } from '$lib/db/rows';
import { LocalWriteError } from '$lib/db/errors';
import * as observations from '$lib/db/observations';
import { FormDraft } from '$lib/features/forms/form-draft.svelte';
import { fieldErrors } from '$lib/features/forms/issues';
import type { Notices } from '$lib/features/shell/notices.svelte';
import { t } from '$lib/i18n/i18n.svelte';

/**
 * The observed teacher's answer: «Ознакомлен(а)» and a reflection. The reflection is a local
 * draft while it is typed (a half-written thought is nobody else's business) and reaches the
 * row — the teacher's own fields only — with the tap.
 */
export class Acknowledgement {
	readonly draft: FormDraft<{ reflection: string }>;
	saving = $state(false);
	errors = $state<Record<string, string>>({});
	#db: AppDatabase;
	#id: Id;
	#actor: () => Actor;
	#notices: Notices;

	constructor(
		db: AppDatabase,
		observation: Pick<Observation, 'id' | 'reflection'>,
		actor: () => Actor,
		notices: Notices
	) {
		this.#db = db;
		this.#id = observation.id;
		this.#actor = actor;
		this.#notices = notices;
		this.draft = new FormDraft(db, `observation-reflection:${observation.id}`, { reflection: observation.reflection });
	}

	/** Wire the draft to the component; call during component initialisation. */
	attach(): void {
		this.draft.attach();
	}

	async acknowledge(): Promise<boolean> {
		if (this.saving) return false;
		this.saving = true;
		try {
			const reflection = this.draft.values.reflection.trim();
			// The acknowledgement and the dropped draft in one transaction.
			const row = await this.draft.commit(() =>
				observations.acknowledge(this.#db, this.#id, reflection, this.#actor())
			);
			this.errors = {};
			this.draft.values = { reflection: row.reflection };
			this.#notices.push('success', t('observation.acknowledged'));
			return true;
		} catch (error) {
			if (error instanceof LocalWriteError && error.reason === 'invalid') this.errors = fieldErrors(error.issues);
			else this.#notices.error(error);
			return false;
		} finally {
			this.saving = false;
		}
	}
}
