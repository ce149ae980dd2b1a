import type { Id } from '$lib/domain/common';
import type { ObservationMode, ObserverRole } from '$lib/domain/observation';
import { observationSchema } from '$lib/domain/schemas/observation';
import { issue, type Issue } from '$lib/domain/validation';
import type { AppDatabase } from '$lib/db/database';
import type { Actor } from '$lib/db/rows';
import * as frameworks from '$lib/db/frameworks';
import * as observations from '$lib/db/observations';
import { live, type LiveQuery } from '$lib/db/live.svelte';
import { fieldErrors } from '$lib/features/forms/issues';
import type { Notices } from '$lib/features/shell/notices.svelte';
import { loadCandidates, type Candidates } from './load';

export interface NewObservationOptions {
	db: AppDatabase;
	observerId: Id;
	observerRole: ObserverRole;
	/** Offer the observer's active mentees first (a mentor); a colleague's visit lists the school. */
	withMentees: boolean;
	today: string;
	actor: () => Actor;
	notices: Notices;
}

/**
 * «Новое посещение»: whom, how (quick or full) and when. Three choices and no typing; the draft
 * starts at once and the observer is taken to it.
 */
export class NewObservation {
	readonly candidates: LiveQuery<Candidates>;
	teacherId = $state('');
	mode = $state<ObservationMode>('quick');
	date = $state('');
	errors = $state<Record<string, string>>({});
	starting = $state(false);
	#options: NewObservationOptions;

	constructor(options: NewObservationOptions) {
		this.#options = options;
		this.date = options.today;
		this.candidates = live(() => loadCandidates(options.db, options.observerId, { mentees: options.withMentees }));
	}

	get empty(): boolean {
		const c = this.candidates.current;
		return !!c && c.mentees.length === 0 && c.colleagues.length === 0;
	}

	#issues(): Issue[] {
		const issues: Issue[] = [];
		if (!this.teacherId) issues.push(issue('teacherId', 'required'));
		issues.push(...observationSchema.shape.date(this.date, 'date'));
		return issues;
	}

	/** Start the draft; its id, or null when a field needs attention (messages in `errors`). */
	async start(): Promise<Id | null> {
		if (this.starting) return null;
		const issues = this.#issues();
		this.errors = fieldErrors(issues);
		if (issues.length) return null;
		this.starting = true;
		try {
			const { db, observerId, observerRole, actor } = this.#options;
			const c = this.candidates.current;
			const teacher = [...(c?.mentees ?? []), ...(c?.colleagues ?? [])].find((p) => p.id === this.teacherId);
			const framework = await frameworks.current(db);
			const row = await observations.startDraft(
				db,
				{
					observerId,
					teacherId: this.teacherId,
					observerRole,
					mode: this.mode,
					framework,
					date: this.date,
					subject: teacher?.subjects[0] ?? ''
				},
				actor()
			);
			return row.id;
		} catch (error) {
			this.#options.notices.error(error);
			return null;
		} finally {
			this.starting = false;
		}
	}
}
