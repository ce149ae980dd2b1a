import type { Within } from '$lib/features/forms/form-draft.svelte';
import type { Id } from '$lib/domain/common';
import type { Framework, Indicator, Score } from '$lib/domain/framework';
import {
	protocolIndicatorIds,
	suggestedRecommendations,
	type DetailField,
	type Observation,
	type ObservationDetails,
	type Recommendation
} from '$lib/domain/observation';
import type { Profile } from '$lib/domain/profile';
import { observationSchema, recommendationSchema } from '$lib/domain/schemas/observation';
import type { Issue } from '$lib/domain/validation';
import type { AppDatabase } from '$lib/db/database';
import { LocalWriteError } from '$lib/db/errors';
import type { Actor } from '$lib/db/rows';
import * as formDrafts from '$lib/db/form-drafts';
import * as frameworks from '$lib/db/frameworks';
import * as observations from '$lib/db/observations';
import * as profiles from '$lib/db/profiles';
import { flowScreens, screenOfIssue, type FlowScreen } from './screens';
import { LessonTimer } from './timer.svelte';
import type { TimerState } from './timer';

export type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

export interface FlowOptions {
	db: AppDatabase;
	id: Id;
	/** Read at each write: the session's actor may change while the screen is open. */
	actor: () => Actor;
	/** A local write failed; the shell says why. */
	onError: (error: unknown) => void;
	/** Epoch milliseconds; the lesson timer's clock (tests pass their own). */
	clock?: () => number;
}

/** A look-for scored 0–1 offered as a recommendation, or one the observer included earlier. */
export interface SuggestionView {
	competencyId: string;
	indicator: Indicator;
	included: boolean;
	/** The recommendation it became in the protocol, whose wording the observer may change. */
	recommendation: Recommendation | null;
}

/** The protocol's text fields as the form holds them (the date too); the timer writes the minutes. */
export type TextDetail = Exclude<DetailField, 'durationMinutes'>;
type TextDetails = Record<TextDetail, string>;

/** Device-local state of a draft: where the observer is and the lesson timer. Not synced. */
interface LocalState {
	step: number;
	timer: TimerState;
}

/** How long typing must pause before the protocol is written; a reload loses a word at most. */
const SAVE_DELAY_MS = 400;

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
	const copy = { ...record };
	delete copy[key];
	return copy;
}

function textDetails(o: Observation): TextDetails {
	return {
		date: o.date,
		className: o.className,
		subject: o.subject,
		topic: o.topic,
		purpose: o.purpose,
		strengths: o.strengths,
		notes: o.notes
	};
}

/**
 * One lesson visit being recorded, quick or full. Every tap and every field is written to the
 * device at once (text after a short pause), so a reload resumes where the observer stopped,
 * with the lesson timer still counting.
 */
export class ObservationFlow {
	#db: AppDatabase;
	#id: Id;
	#actor: () => Actor;
	#onError: (error: unknown) => void;

	#observation = $state.raw<Observation | null>(null);
	#framework = $state.raw<Framework | null>(null);
	#teacher = $state.raw<Profile | null>(null);
	#missing = $state(false);
	#step = $state(0);
	/** Taps not yet stored (in flight, or failed): shown as chosen, marked as not saved. */
	#pending = $state<Record<string, Score>>({});
	#failed = $state<Record<string, true>>({});
	#save = $state<SaveState>('idle');
	#submitting = $state(false);
	#toggling = $state<string | null>(null);
	/** Why the last submit or field write was refused, by field path. */
	#issues = $state.raw<Issue[]>([]);
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- fields typed but not yet written: the write queue's bookkeeping, never rendered, so not state
	#dirty = new Set<TextDetail>();
	/** Recommendation wording as typed, by recommendation id; written to the row when valid. */
	#wording = $state<Record<Id, string>>({});
	#wordingIssues = $state<Record<Id, Issue[]>>({});
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- the write queue's bookkeeping, like #dirty
	#wordingDirty = new Set<Id>();
	#timerId: ReturnType<typeof setTimeout> | null = null;
	#writtenMinutes: number | null = null;

	/** The text fields as typed; written to the row when valid. */
	details = $state<TextDetails>({
		date: '',
		className: '',
		subject: '',
		topic: '',
		purpose: '',
		strengths: '',
		notes: ''
	});
	readonly timer: LessonTimer;

	constructor(options: FlowOptions) {
		this.#db = options.db;
		this.#id = options.id;
		this.#actor = options.actor;
		this.#onError = options.onError;
		this.timer = new LessonTimer(options.clock ?? Date.now);
	}

	get #localKey(): string {
		return `observation-flow:${this.#id}`;
	}

	/** Read the draft, its framework and the teacher, and put the observer where they stopped. */
	async load(): Promise<void> {
		const observation = await observations.get(this.#db, this.#id);
		if (!observation) {
			this.#missing = true;
			return;
		}
		const [framework, teacher, local] = await Promise.all([
			frameworks.get(this.#db, observation.frameworkId),
			profiles.get(this.#db, observation.teacherId),
			formDrafts.load<LocalState>(this.#db, this.#localKey).then((entry) => entry?.values ?? null)
		]);
		const screens = flowScreens(framework, observation.mode);
		this.#step = Math.min(Math.max(local?.step ?? 0, 0), screens.length - 1);
		this.timer.restore(local?.timer, observation.durationMinutes);
		this.#writtenMinutes = observation.durationMinutes;
		this.details = textDetails(observation);
		this.#teacher = teacher ?? null;
		this.#framework = framework;
		this.#observation = observation;
	}

	get loaded(): boolean {
		return this.#observation !== null && this.#framework !== null;
	}
	get missing(): boolean {
		return this.#missing;
	}
	get observation(): Observation | null {
		return this.#observation;
	}
	get framework(): Framework | null {
		return this.#framework;
	}
	get teacher(): Profile | null {
		return this.#teacher;
	}
	get submitted(): boolean {
		return this.#observation?.status === 'submitted';
	}
	get quick(): boolean {
		return this.#observation?.mode === 'quick';
	}

	// ——— Screens ———

	readonly screens = $derived.by((): FlowScreen[] =>
		this.#framework && this.#observation ? flowScreens(this.#framework, this.#observation.mode) : []
	);

	get step(): number {
		return this.#step;
	}
	get count(): number {
		return this.screens.length;
	}
	get screen(): FlowScreen | null {
		return this.screens[this.#step] ?? null;
	}
	get isFirst(): boolean {
		return this.#step === 0;
	}
	get isLast(): boolean {
		return this.#step === this.screens.length - 1;
	}
	/** «Компетенция N из M»: the competency screens alone, without the lesson and wrap-up screens. */
	get competencyCount(): number {
		return this.screens.filter((s) => s.kind === 'competency').length;
	}
	get competencyPosition(): number {
		return this.screens.slice(0, this.#step + 1).filter((s) => s.kind === 'competency').length;
	}

	next(): void {
		this.goTo(this.#step + 1);
	}

	back(): void {
		this.goTo(this.#step - 1);
	}

	goTo(step: number): void {
		const at = Math.min(Math.max(step, 0), this.screens.length - 1);
		if (at === this.#step) return;
		this.#step = at;
		void this.#saveLocal();
	}

	async #saveLocal(): Promise<void> {
		if (this.submitted) return;
		try {
			await formDrafts.remember(this.#db, this.#localKey, {
				step: this.#step,
				timer: this.timer.state
			} satisfies LocalState);
		} catch (error) {
			this.#onError(error);
		}
	}

	// ——— Scores ———

	readonly progress = $derived.by(() => {
		if (!this.#framework || !this.#observation) return { answered: 0, total: 0 };
		const ids = protocolIndicatorIds(this.#framework, this.#observation.mode);
		const scores = { ...this.#observation.scores, ...this.#pending };
		return { answered: ids.filter((id) => Object.hasOwn(scores, id)).length, total: ids.length };
	});

	scoreOf(indicatorId: string): Score | null {
		if (Object.hasOwn(this.#pending, indicatorId)) return this.#pending[indicatorId]!;
		const scores = this.#observation?.scores;
		return scores && Object.hasOwn(scores, indicatorId) ? scores[indicatorId]! : null;
	}

	/** The tap did not reach the device's storage: the screen must not pretend it did. */
	isUnsaved(indicatorId: string): boolean {
		return Object.hasOwn(this.#failed, indicatorId);
	}

	get saveState(): SaveState {
		return this.#save;
	}

	/** A tap on a level: shown at once, stored at once. */
	async answer(indicatorId: string, score: Score): Promise<void> {
		if (!this.#observation || this.submitted) return;
		this.#pending = { ...this.#pending, [indicatorId]: score };
		this.#issues = this.#issues.filter((i) => i.path !== 'scores');
		this.#save = 'saving';
		try {
			const row = await observations.answer(this.#db, this.#id, indicatorId, score, this.#actor());
			// Writes to one row commit in the order they were made, so the newest row wins.
			this.#observation = row;
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

	// ——— Recommendations ———

	/**
	 * Suggestions from look-fors scored 0–1, plus any the observer included whose score has since
	 * risen (so they can still be taken out), in framework order.
	 */
	readonly suggestions = $derived.by((): SuggestionView[] => {
		const framework = this.#framework;
		const observation = this.#observation;
		if (!framework || !observation) return [];
		const scores = { ...observation.scores, ...this.#pending };
		/* eslint-disable svelte/prefer-svelte-reactivity -- lookups made afresh on each run of this $derived, never changed: not state */
		const offered = new Set(suggestedRecommendations(framework, scores).map((s) => s.indicatorId));
		const included = new Map(
			observation.recommendations.flatMap((r) => (r.indicatorId ? [[r.indicatorId, r] as const] : []))
		);
		/* eslint-enable svelte/prefer-svelte-reactivity */
		return framework.competencies.flatMap((c) =>
			c.indicators
				.filter((i) => offered.has(i.id) || included.has(i.id))
				.map((indicator) => ({
					competencyId: c.id,
					indicator,
					included: included.has(indicator.id),
					recommendation: included.get(indicator.id) ?? null
				}))
		);
	});

	/** Recommendations typed by the observer (the full protocol's list). */
	get typed(): Recommendation[] {
		return this.#observation?.recommendations.filter((r) => !r.indicatorId) ?? [];
	}

	get recommendationCount(): number {
		return this.#observation?.recommendations.length ?? 0;
	}

	isToggling(indicatorId: string): boolean {
		return this.#toggling === indicatorId;
	}

	/** Tap to include a suggestion (worded by the screen), tap again to leave it out. */
	async toggleSuggestion(suggestion: SuggestionView, text: string): Promise<void> {
		const observation = this.#observation;
		if (!observation || this.submitted || this.#toggling) return;
		this.#toggling = suggestion.indicator.id;
		try {
			const existing = observation.recommendations.find((r) => r.indicatorId === suggestion.indicator.id);
			if (existing) this.#forgetWording(existing.id);
			this.#observation = existing
				? await observations.removeRecommendation(this.#db, this.#id, existing.id, this.#actor())
				: await observations.addRecommendation(
						this.#db,
						this.#id,
						{ text, competencyId: suggestion.competencyId, indicatorId: suggestion.indicator.id },
						this.#actor()
					);
		} catch (error) {
			this.#onError(error);
		} finally {
			this.#toggling = null;
		}
	}

	/** Add a typed recommendation; the issues of a refused one, with paths relative to it ('text'). */
	/** `within` runs the write: the screen passes its draft's commit (row and dropped draft in one transaction). */
	async addTyped(text: string, competencyId: string | null, within: Within = (write) => write()): Promise<Issue[]> {
		if (!this.#observation || this.submitted) return [];
		const prefix = `recommendations.${this.#observation.recommendations.length}.`;
		try {
			this.#observation = await within(() =>
				observations.addRecommendation(this.#db, this.#id, { text, competencyId }, this.#actor())
			);
			return [];
		} catch (error) {
			if (error instanceof LocalWriteError && error.reason === 'invalid') {
				return error.issues.map((i) => (i.path.startsWith(prefix) ? { ...i, path: i.path.slice(prefix.length) } : i));
			}
			this.#onError(error);
			return [];
		}
	}

	async removeTyped(recommendationId: Id): Promise<void> {
		if (!this.#observation || this.submitted) return;
		try {
			this.#observation = await observations.removeRecommendation(this.#db, this.#id, recommendationId, this.#actor());
		} catch (error) {
			this.#onError(error);
		}
	}

	/** The wording of a recommendation as the field shows it: as typed, else as stored. */
	wordingOf(recommendation: Recommendation): string {
		return this.#wording[recommendation.id] ?? recommendation.text;
	}

	get hasWordingIssues(): boolean {
		return Object.keys(this.#wordingIssues).length > 0;
	}

	/** Why the typed wording cannot be stored (it is empty or too long). */
	wordingIssues(recommendationId: Id): Issue[] {
		return this.#wordingIssues[recommendationId] ?? [];
	}

	/**
	 * The observer rewords a recommendation (a suggestion's sentence is a proposal): checked at
	 * once, written after the same short pause as the other fields.
	 */
	setWording(recommendationId: Id, text: string): void {
		this.#wording = { ...this.#wording, [recommendationId]: text };
		const issues = recommendationSchema.shape.text(text.trim(), 'text');
		this.#wordingIssues = issues.length
			? { ...this.#wordingIssues, [recommendationId]: issues }
			: without(this.#wordingIssues, recommendationId);
		if (issues.length) {
			this.#wordingDirty.delete(recommendationId);
			return;
		}
		this.#wordingDirty.add(recommendationId);
		if (this.#timerId) clearTimeout(this.#timerId);
		this.#timerId = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
	}

	#forgetWording(recommendationId: Id): void {
		this.#wording = without(this.#wording, recommendationId);
		this.#wordingIssues = without(this.#wordingIssues, recommendationId);
		this.#wordingDirty.delete(recommendationId);
	}

	async #writeWording(): Promise<void> {
		for (const recId of [...this.#wordingDirty]) {
			this.#wordingDirty.delete(recId);
			const text = this.#wording[recId];
			if (text === undefined || !this.#observation?.recommendations.some((r) => r.id === recId)) continue;
			this.#save = 'saving';
			try {
				this.#observation = await observations.setRecommendationText(this.#db, this.#id, recId, text, this.#actor());
				this.#save = Object.keys(this.#failed).length ? 'failed' : 'saved';
			} catch (error) {
				this.#save = 'failed';
				if (error instanceof LocalWriteError && error.reason === 'invalid')
					this.#wordingIssues = { ...this.#wordingIssues, [recId]: error.issues };
				else this.#onError(error);
			}
		}
	}

	// ——— Text fields ———

	/** Issues on a field, from the last submit or from a value the row refused. */
	issuesOf(field: string): Issue[] {
		return this.#issues.filter(
			(i) => i.path === field || i.path.startsWith(`${field}.`) || i.path.startsWith(`${field}[`)
		);
	}

	get issues(): Issue[] {
		return this.#issues;
	}

	/** A keystroke: checked at once, written after a short pause if the value is valid. */
	setDetail(field: TextDetail, value: string): void {
		this.details[field] = value;
		const issues = observationSchema.shape[field](value, field);
		this.#issues = [...this.#issues.filter((i) => i.path !== field), ...issues];
		if (issues.length) {
			this.#dirty.delete(field);
			return;
		}
		this.#dirty.add(field);
		if (this.#timerId) clearTimeout(this.#timerId);
		this.#timerId = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
	}

	/** Write typed fields now (before submit, when the screen goes away). */
	async flush(): Promise<void> {
		if (this.#timerId) clearTimeout(this.#timerId);
		this.#timerId = null;
		if (!this.#observation || this.submitted) return;
		if (this.#wordingDirty.size) await this.#writeWording();
		if (!this.#dirty.size) return;
		const patch: Partial<ObservationDetails> = {};
		for (const field of this.#dirty) patch[field] = this.details[field];
		this.#dirty.clear();
		await this.#write(patch);
	}

	async #write(patch: Partial<ObservationDetails>): Promise<boolean> {
		this.#save = 'saving';
		try {
			const row = await observations.setDetails(this.#db, this.#id, patch, this.#actor());
			// Keep what was typed meanwhile: only the row's other fields come from this write.
			this.#observation = row;
			this.#save = Object.keys(this.#failed).length ? 'failed' : 'saved';
			return true;
		} catch (error) {
			this.#save = 'failed';
			if (error instanceof LocalWriteError && error.reason === 'invalid') {
				// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup local to this handler, not state
				const fields = new Set(error.issues.map((i) => i.path));
				this.#issues = [...this.#issues.filter((i) => !fields.has(i.path)), ...error.issues];
			} else {
				this.#onError(error);
			}
			return false;
		}
	}

	// ——— Timer ———

	/** Start or pause the lesson timer; a pause stores the minutes with the observation. */
	async toggleTimer(): Promise<void> {
		if (this.submitted) return;
		if (this.timer.running) this.timer.pause();
		else this.timer.start();
		await this.#saveLocal();
		if (!this.timer.running) await this.#writeMinutes();
	}

	/** A second of the running timer: each new whole minute is stored too, so a crash loses under one. */
	tick(): void {
		this.timer.tick();
		if (this.timer.running && this.timer.minutes !== this.#writtenMinutes && this.timer.minutes !== null)
			void this.#writeMinutes();
	}

	async #writeMinutes(): Promise<void> {
		const minutes = this.timer.minutes;
		if (minutes === this.#writtenMinutes || !this.#observation || this.submitted) return;
		this.#writtenMinutes = minutes;
		if (!(await this.#write({ durationMinutes: minutes })))
			this.#writtenMinutes = this.#observation?.durationMinutes ?? null;
	}

	// ——— Submit ———

	get submitting(): boolean {
		return this.#submitting;
	}

	/** Quick mode: at least one look-for scored, every tap stored. The full protocol is checked on submit. */
	get canSubmit(): boolean {
		if (!this.loaded || this.submitted || Object.keys(this.#pending).length > 0) return false;
		// A wording left empty would be handed over as the old one without the observer knowing.
		if (Object.keys(this.#wordingIssues).length > 0) return false;
		return !this.quick || this.progress.answered > 0;
	}

	/**
	 * «Завершить»: store what is typed and the timer, then hand the protocol over. A refusal shows
	 * its reasons next to the fields and goes to the first screen concerned.
	 */
	async submit(): Promise<boolean> {
		if (!this.#framework || !this.canSubmit || this.#submitting) return false;
		this.#submitting = true;
		try {
			await this.flush();
			if (this.timer.running) this.timer.pause();
			await this.#writeMinutes();
			const row = await observations.submit(this.#db, this.#id, this.#framework, this.#actor());
			this.#observation = row;
			this.#issues = [];
			await formDrafts.clear(this.#db, this.#localKey);
			return true;
		} catch (error) {
			if (error instanceof LocalWriteError && error.reason === 'invalid') {
				this.#issues = error.issues;
				const first = error.issues[0];
				if (first) this.goTo(screenOfIssue(this.screens, first.path));
			} else {
				this.#onError(error);
			}
			return false;
		} finally {
			this.#submitting = false;
		}
	}
}
