import type { Id } from '$lib/domain/common';
import type { Assessment } from '$lib/domain/assessment';
import type { Competency, Framework, Indicator, Score } from '$lib/domain/framework';
import { assessmentProgress } from '$lib/domain/scoring';
import type { AppDatabase } from '$lib/db/database';
import type { Actor } from '$lib/db/rows';
import * as assessments from '$lib/db/assessments';
import * as frameworks from '$lib/db/frameworks';

export type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

export interface FlowOptions {
	db: AppDatabase;
	id: Id;
	/** Read at each write: the session's actor may change while the screen is open. */
	actor: () => Actor;
	/** A local write failed; the shell says why. */
	onError: (error: unknown) => void;
}

export interface Unanswered {
	competency: Competency;
	indicators: Indicator[];
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
	const copy = { ...record };
	delete copy[key];
	return copy;
}

/**
 * One self-assessment being filled in: a screen per competency, then a review step. Every tap is
 * written to IndexedDB at once (there is no Save button), so a reload, a crash or a closed tab
 * loses nothing; a reload resumes at the competency the draft was left on.
 */
export class AssessmentFlow {
	#db: AppDatabase;
	#id: Id;
	#actor: () => Actor;
	#onError: (error: unknown) => void;

	#assessment = $state.raw<Assessment | null>(null);
	#framework = $state.raw<Framework | null>(null);
	#missing = $state(false);
	/** 0 … competencies − 1 are competency screens; `competencies.length` is the review. */
	#step = $state(0);
	/** Taps not yet stored (in flight, or failed): shown as chosen, marked as not saved. */
	#pending = $state<Record<string, Score>>({});
	#failed = $state<Record<string, true>>({});
	#save = $state<SaveState>('idle');
	#confirming = $state(false);
	#submitting = $state(false);

	constructor(options: FlowOptions) {
		this.#db = options.db;
		this.#id = options.id;
		this.#actor = options.actor;
		this.#onError = options.onError;
	}

	/** Read the assessment and its framework, and put the teacher where they left off. */
	async load(): Promise<void> {
		const assessment = await assessments.get(this.#db, this.#id);
		if (!assessment) {
			this.#missing = true;
			return;
		}
		const framework = await frameworks.get(this.#db, assessment.frameworkId);
		const at = framework.competencies.findIndex((c) => c.id === assessment.currentCompetencyId);
		this.#step = at >= 0 ? at : 0;
		this.#framework = framework;
		this.#assessment = assessment;
	}

	get loaded(): boolean {
		return this.#assessment !== null && this.#framework !== null;
	}
	get missing(): boolean {
		return this.#missing;
	}
	get assessment(): Assessment | null {
		return this.#assessment;
	}
	get framework(): Framework | null {
		return this.#framework;
	}
	get submitted(): boolean {
		return this.#assessment?.status === 'submitted';
	}

	get count(): number {
		return this.#framework?.competencies.length ?? 0;
	}
	/** 1-based position of the competency on screen (the review reports the last one). */
	get position(): number {
		return Math.min(this.#step, this.count - 1) + 1;
	}
	get reviewing(): boolean {
		return this.loaded && this.#step >= this.count;
	}
	get competency(): Competency | null {
		return this.reviewing ? null : (this.#framework?.competencies[this.#step] ?? null);
	}
	get isFirst(): boolean {
		return this.#step === 0;
	}

	readonly progress = $derived.by(() => {
		if (!this.#framework || !this.#assessment) return { answered: 0, total: 0 };
		return assessmentProgress(this.#framework, { ...this.#assessment.scores, ...this.#pending });
	});

	readonly unanswered = $derived.by((): Unanswered[] => {
		const framework = this.#framework;
		const assessment = this.#assessment;
		if (!framework || !assessment) return [];
		return framework.competencies.flatMap((competency) => {
			const indicators = competency.indicators.filter((i) => !Object.hasOwn(assessment.scores, i.id));
			return indicators.length ? [{ competency, indicators }] : [];
		});
	});

	get complete(): boolean {
		return this.loaded && this.unanswered.length === 0 && Object.keys(this.#pending).length === 0;
	}

	/** The answer shown for an indicator: the latest tap, stored or not. */
	scoreOf(indicatorId: string): Score | null {
		if (Object.hasOwn(this.#pending, indicatorId)) return this.#pending[indicatorId]!;
		const scores = this.#assessment?.scores;
		return scores && Object.hasOwn(scores, indicatorId) ? scores[indicatorId]! : null;
	}

	/** The tap did not reach the device's storage: the screen must not pretend it did. */
	isUnsaved(indicatorId: string): boolean {
		return Object.hasOwn(this.#failed, indicatorId);
	}

	get saveState(): SaveState {
		return this.#save;
	}
	get confirming(): boolean {
		return this.#confirming;
	}
	get submitting(): boolean {
		return this.#submitting;
	}

	/** A tap on a level: shown at once, stored at once. */
	async answer(indicatorId: string, score: Score): Promise<void> {
		if (!this.#assessment || this.submitted) return;
		this.#pending = { ...this.#pending, [indicatorId]: score };
		this.#save = 'saving';
		try {
			const row = await assessments.answer(this.#db, this.#id, indicatorId, score, this.#actor());
			// Writes to one row commit in the order they were made, so the newest row wins.
			this.#assessment = row;
			if (this.#pending[indicatorId] === score) {
				this.#pending = without(this.#pending, indicatorId);
				this.#failed = without(this.#failed, indicatorId);
			}
			if (Object.keys(this.#failed).length === 0) this.#save = 'saved';
		} catch (error) {
			if (this.#pending[indicatorId] === score) this.#failed = { ...this.#failed, [indicatorId]: true };
			this.#save = 'failed';
			this.#onError(error);
		}
	}

	next(): void {
		this.#go(Math.min(this.#step + 1, this.count));
	}

	back(): void {
		this.#go(Math.max(this.#step - 1, 0));
	}

	/** Jump to a competency (from the review's list of unanswered indicators). */
	goTo(competencyId: string): void {
		const at = this.#framework?.competencies.findIndex((c) => c.id === competencyId) ?? -1;
		if (at >= 0) this.#go(at);
	}

	#go(step: number): void {
		if (step === this.#step) return;
		this.#step = step;
		this.#confirming = false;
		const competency = this.#framework?.competencies[step];
		// The review is not a resume point: a reload there shows the last competency, one tap away.
		if (!competency || this.submitted) return;
		assessments.moveTo(this.#db, this.#id, competency.id, this.#actor()).then(
			(row) => {
				// Keep answers that landed meanwhile; only the resume point comes from this write.
				if (this.#assessment) this.#assessment = { ...this.#assessment, currentCompetencyId: row.currentCompetencyId };
			},
			(error: unknown) => this.#onError(error)
		);
	}

	/** «Отправить»: first an explicit confirmation, since a submitted assessment is final. */
	askToSubmit(): void {
		if (this.complete) this.#confirming = true;
	}

	cancelSubmit(): void {
		this.#confirming = false;
	}

	/** Submit and propose deficits; true when the assessment is now submitted. */
	async submit(): Promise<boolean> {
		if (!this.#framework || !this.complete || this.#submitting) return false;
		this.#submitting = true;
		try {
			const { assessment } = await assessments.submit(this.#db, this.#id, this.#framework, this.#actor());
			this.#assessment = assessment;
			this.#confirming = false;
			return true;
		} catch (error) {
			this.#onError(error);
			return false;
		} finally {
			this.#submitting = false;
		}
	}
}
