import type { Id, IsoDate } from '$lib/domain/common';
import type { MentoringModel } from '$lib/domain/mentoring';
import type { AppDatabase } from '$lib/db/database';
import { LocalWriteError } from '$lib/db/errors';
import { live, type LiveQuery } from '$lib/db/live.svelte';
import * as mentoring from '$lib/db/mentoring';
import * as profiles from '$lib/db/profiles';
import type { Actor } from '$lib/db/rows';
import type { Notices } from '$lib/features/shell/notices.svelte';
import { t } from '$lib/i18n/i18n.svelte';
import { pairErrors } from './issues';
import {
	loadPair,
	loadProgrammePrint,
	loadSchoolPairs,
	type PairData,
	type ProgrammePrint,
	type SchoolPairs
} from './load';

/** The school of the person acting: a methodist works with their own school (DOMAIN.md, Roles). */
async function schoolOf(db: AppDatabase, profileId: Id): Promise<Id | null> {
	return (await profiles.get(db, profileId))?.schoolId ?? null;
}

/** What a methodist's screen shows: nothing yet, no school in the profile, or the data. */
export type ForSchool<T> = { schoolId: null } | { schoolId: Id; view: T };

/** «Наставнические пары»: the school's pairs and its young specialists left without a mentor. */
export class PairsScreen {
	readonly data: LiveQuery<ForSchool<SchoolPairs | null>>;

	constructor(db: AppDatabase, profileId: Id, today: IsoDate) {
		this.data = live(async () => {
			const schoolId = await schoolOf(db, profileId);
			return schoolId ? { schoolId, view: await loadSchoolPairs(db, schoolId, today) } : { schoolId: null };
		});
	}
}

/** The printed programme of one pair. */
export class ProgrammePrintScreen {
	readonly data: LiveQuery<ForSchool<ProgrammePrint | null>>;

	constructor(db: AppDatabase, profileId: Id, pairId: Id) {
		this.data = live(async () => {
			const schoolId = await schoolOf(db, profileId);
			return schoolId ? { schoolId, view: await loadProgrammePrint(db, pairId, schoolId) } : { schoolId: null };
		});
	}
}

/** The inline «Завершить пару» form. */
export type Ending = { status: 'completed' | 'terminated'; on: string };
/** The inline form for the pair's model and term; an empty end date is an open end. */
export type Terms = { model: MentoringModel; startDate: string; endDate: string };

/**
 * One pair: its data followed live, and the methodist's intents on it — change the form and term,
 * close the pair. The programme has an editor of its own (ProgrammeEditor).
 */
export class PairScreen {
	readonly data: LiveQuery<ForSchool<PairData | null>>;
	readonly today: IsoDate;
	busy = $state(false);
	/** Open while the methodist is confirming the end of the pair. */
	ending = $state<Ending | null>(null);
	endErrors = $state<Record<string, string>>({});
	/** Open while the model and term are being changed. */
	terms = $state<Terms | null>(null);
	termErrors = $state<Record<string, string>>({});
	#db: AppDatabase;
	#pairId: Id;
	#actor: () => Actor;
	#notices: Notices;

	constructor(db: AppDatabase, profileId: Id, pairId: Id, today: IsoDate, actor: () => Actor, notices: Notices) {
		this.#db = db;
		this.#pairId = pairId;
		this.#actor = actor;
		this.#notices = notices;
		this.today = today;
		this.data = live(async () => {
			const schoolId = await schoolOf(db, profileId);
			return schoolId ? { schoolId, view: await loadPair(db, pairId, schoolId, today) } : { schoolId: null };
		});
	}

	async #write(
		work: () => Promise<unknown>,
		onInvalid: (errors: Record<string, string>) => void,
		success: string
	): Promise<boolean> {
		if (this.busy) return false;
		this.busy = true;
		try {
			await work();
			this.#notices.push('success', success);
			return true;
		} catch (error) {
			if (error instanceof LocalWriteError && error.reason === 'invalid') onInvalid(pairErrors(error.issues));
			else this.#notices.error(error);
			return false;
		} finally {
			this.busy = false;
		}
	}

	/** «Завершить пару»: ask how and when, completed today by default. */
	startEnding(): void {
		this.ending = { status: 'completed', on: this.today };
		this.endErrors = {};
	}

	cancelEnding(): void {
		this.ending = null;
		this.endErrors = {};
	}

	async confirmEnding(): Promise<boolean> {
		const ending = this.ending;
		if (!ending) return false;
		const ok = await this.#write(
			() => mentoring.endPair(this.#db, this.#pairId, ending.status, ending.on, this.#actor()),
			(errors) => (this.endErrors = errors),
			t('pairs.endDone', t(`pairStatus.${ending.status}`))
		);
		if (ok) this.cancelEnding();
		return ok;
	}

	startTerms(current: Terms): void {
		this.terms = { ...current };
		this.termErrors = {};
	}

	cancelTerms(): void {
		this.terms = null;
		this.termErrors = {};
	}

	async saveTerms(): Promise<boolean> {
		const terms = this.terms;
		if (!terms) return false;
		const patch = {
			model: terms.model,
			startDate: terms.startDate,
			endDate: terms.endDate === '' ? null : terms.endDate
		};
		const ok = await this.#write(
			() => mentoring.updatePair(this.#db, this.#pairId, patch, this.#actor()),
			(errors) => (this.termErrors = errors),
			t('pairs.termsSaved')
		);
		if (ok) this.cancelTerms();
		return ok;
	}
}
