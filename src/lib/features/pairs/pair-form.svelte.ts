import type { Id, IsoDate } from '$lib/domain/common';
import { defaultEndDate, type MentoringModel, type MentoringPair } from '$lib/domain/mentoring';
import { mentoringPairSchema } from '$lib/domain/schemas/mentoring';
import { issue, type Issue } from '$lib/domain/validation';
import type { AppDatabase } from '$lib/db/database';
import { LocalWriteError } from '$lib/db/errors';
import * as mentoring from '$lib/db/mentoring';
import type { Actor } from '$lib/db/rows';
import { FormDraft } from '$lib/features/forms/form-draft.svelte';
import type { Notices } from '$lib/features/shell/notices.svelte';
import { t } from '$lib/i18n/i18n.svelte';
import { pairErrors } from './issues';

/** What the «Создать пару» form holds; strings as typed, so a half-filled form survives a reload. */
export type PairFormValues = {
	open: boolean;
	mentorId: string;
	menteeId: string;
	model: MentoringModel;
	startDate: string;
	endDate: string;
	goals: string;
};

export function blankPairForm(today: IsoDate): PairFormValues {
	return {
		open: false,
		mentorId: '',
		menteeId: '',
		model: 'experienced_young',
		startDate: today,
		endDate: defaultEndDate(today),
		goals: ''
	};
}

/**
 * The «Создать пару» form: its values autosaved as a draft on the device, the checks the
 * methodist sees next to the fields, and the write. Nothing partial is written: the repository
 * validates again and inserts the pair with its outbox entry in one transaction.
 */
export class PairForm {
	readonly draft: FormDraft<PairFormValues>;
	errors = $state<Record<string, string>>({});
	saving = $state(false);
	#db: AppDatabase;
	#schoolId: Id;
	#actor: () => Actor;
	#notices: Notices;

	constructor(db: AppDatabase, schoolId: Id, today: IsoDate, actor: () => Actor, notices: Notices) {
		this.#db = db;
		this.#schoolId = schoolId;
		this.#actor = actor;
		this.#notices = notices;
		this.draft = new FormDraft(db, `pair-new:${schoolId}`, blankPairForm(today));
	}

	get values(): PairFormValues {
		return this.draft.values;
	}

	/** Restore and autosave the draft; call during the owning component's initialisation. */
	attach(): void {
		this.draft.attach();
	}

	/** Open the form, with the mentee already chosen when the methodist came from «Без наставника». */
	open(menteeId?: Id): void {
		this.draft.values.open = true;
		if (menteeId) this.draft.values.menteeId = menteeId;
	}

	input(): mentoring.NewPair {
		const v = this.draft.values;
		return {
			schoolId: this.#schoolId,
			mentorId: v.mentorId,
			menteeId: v.menteeId,
			model: v.model,
			startDate: v.startDate,
			// An empty end is an open-ended pair; the schema allows it.
			endDate: v.endDate === '' ? null : v.endDate,
			goals: v.goals
		};
	}

	/** The schema's issues, with an unchosen select or an empty start read as «заполните поле». */
	validate(input: mentoring.NewPair = this.input()): Issue[] {
		const empty = (path: string) =>
			(path === 'mentorId' && input.mentorId === '') ||
			(path === 'menteeId' && input.menteeId === '') ||
			(path === 'startDate' && input.startDate === '');
		return mentoringPairSchema
			.validate(mentoring.pairDraftOf(input))
			.map((i) => (empty(i.path) ? issue(i.path, 'required') : i));
	}

	/** Check, write, and clear the draft; the new pair, or null with the messages set beside the fields. */
	async submit(): Promise<MentoringPair | null> {
		if (this.saving) return null;
		const input = this.input();
		const issues = this.validate(input);
		this.errors = pairErrors(issues);
		if (issues.length) return null;
		this.saving = true;
		try {
			// The pair and the dropped draft in one transaction.
			const pair = await this.draft.commit(() => mentoring.createPair(this.#db, input, this.#actor()));
			this.errors = {};
			this.#notices.push('success', t('pairs.created'));
			return pair;
		} catch (error) {
			if (error instanceof LocalWriteError && error.reason === 'invalid') this.errors = pairErrors(error.issues);
			else this.#notices.error(error);
			return null;
		} finally {
			this.saving = false;
		}
	}

	async cancel(): Promise<void> {
		this.errors = {};
		await this.draft.clear();
	}
}
