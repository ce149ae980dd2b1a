import type { AppDatabase } from '$lib/db/database';
import { toLocalWriteError, type LocalWriteReason } from '$lib/db/errors';
import * as formDrafts from '$lib/db/form-drafts';
import { TAB, unsavedDrafts, onPageHide } from './tab';

/**
 * How often, at most, typing is written while it goes on. A throttle, not a pause: a teacher who
 * types without stopping still has everything older than this on the device when the phone dies.
 */
export const SAVE_INTERVAL_MS = 300;

/**
 * A tab whose person typed within this long is still typing: another tab's text never replaces
 * its field under the caret (the next keystrokes would land in the other text). It is offered
 * beside it instead; once typing here has paused, the field follows the other tab again.
 */
export const TYPING_PAUSE_MS = 2000;

/**
 * Runs a write for a screen's method, e.g. inside a draft's commit, so that the record and the
 * dropped draft are one transaction and the method reports success only once it committed.
 */
export type Within = <R>(write: () => Promise<R>) => Promise<R>;

/** The clock a draft writes by; tests pass their own. */
export interface DraftTimers {
	setTimeout(fn: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
	now(): number;
}

export const GLOBAL_TIMERS: DraftTimers = {
	setTimeout: (fn, ms) => setTimeout(fn, ms),
	clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
	now: () => Date.now()
};

export interface DraftOptions {
	/** Which tab writes (default: this page). */
	tab?: string;
	timers?: DraftTimers;
}

/**
 * The values of a form, restored from and autosaved to IndexedDB. The owner binds its fields to
 * `values` (an $effect calls `changed()`), saves the record with `commit(write)` — the record and
 * the dropped draft in one transaction — and offers `conflict` when another tab typed here too.
 *
 * Two tabs of one person share the draft live: a tab with nothing unsaved takes what the other
 * typed; when both typed at once, the later write wins the fields of a tab whose typing has paused
 * (TYPING_PAUSE_MS) and the other text is kept as `conflict` (src/lib/db/form-drafts.ts); a tab
 * still being typed into keeps its fields and is offered the other text. A write the device refuses (full disk) keeps the text
 * in this page and says so (`failure`): it is gone only if the page is closed.
 */
export class FormDraft<T extends Record<string, unknown>> {
	values = $state() as T;
	restored = $state(false);
	/** What another tab typed here, replaced by this one's later typing: to take or to drop. */
	conflict = $state<T | null>(null);
	/** Whose text `conflict` is, for its wording. */
	conflictFrom = $state<formDrafts.ConflictOrigin>('other-tab');
	/** Why the draft could not be written (full disk …); null once it could. */
	failure = $state<LocalWriteReason | null>(null);
	#db: AppDatabase;
	#key: string;
	#initial: T;
	#timer: unknown = null;
	#pending: Promise<void> = Promise.resolve();
	/** The draft as this tab last wrote or took it (its fingerprint); null: none stored. */
	#known: string | null = null;
	#tab: string;
	#timers: DraftTimers;
	/** When this tab's person last changed a field (not when another tab's text was taken). */
	#typedAt = Number.NEGATIVE_INFINITY;

	constructor(db: AppDatabase, key: string, initial: T, options: DraftOptions = {}) {
		this.#db = db;
		this.#key = key;
		this.#initial = initial;
		this.#tab = options.tab ?? TAB;
		this.#timers = options.timers ?? GLOBAL_TIMERS;
		this.values = structuredClone(initial);
	}

	#stopTimer(): void {
		if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
		this.#timer = null;
	}

	get #memoryKey(): string {
		return `${this.#db.name}/${this.#key}`;
	}

	/**
	 * Wire the draft to the component that owns it; call during component initialisation.
	 * Restores what was typed before, follows other tabs, autosaves every change, and writes the
	 * last keystrokes when the page is hidden or the component goes away.
	 */
	attach(): void {
		$effect(() => {
			void this.restore();
			const unwatch = formDrafts.watch<T>(this.#db, this.#key, ({ draft, conflict }) => this.#follow(draft, conflict));
			const offHide = onPageHide(() => void this.flush());
			return () => {
				unwatch();
				offHide();
				void this.flush();
			};
		});
		$effect(() => {
			// Reading every value subscribes this effect to all of them.
			JSON.stringify(this.values);
			if (this.restored) this.changed();
		});
	}

	/** Bring back what was typed before the reload (or, after a full disk, earlier in this page). */
	async restore(): Promise<void> {
		const memory = unsavedDrafts.get(this.#memoryKey) as Partial<T> | undefined;
		try {
			const saved = await formDrafts.load<Partial<T>>(this.#db, this.#key);
			if (saved) {
				const theirs = this.#over(saved);
				// Kept where every tab sees it, before the next write replaces the draft.
				if (this.#merge(theirs)) await formDrafts.keepConflict(this.#db, this.#key, theirs, saved.by);
				this.#known = formDrafts.fingerprint(saved.values);
			}
			const conflict = await formDrafts.loadConflict<T>(this.#db, this.#key);
			if (conflict) {
				this.conflict = conflict.values;
				this.conflictFrom = formDrafts.conflictOrigin(conflict, this.#tab);
			}
		} catch (error) {
			this.failure = toLocalWriteError(error).reason;
		}
		if (memory && this.#untouched) this.values = { ...structuredClone(this.#initial), ...structuredClone(memory) };
		this.restored = true;
	}

	/** Nothing has been typed into the form since it was made. */
	get #untouched(): boolean {
		return formDrafts.fingerprint($state.snapshot(this.values)) === formDrafts.fingerprint(this.#initial);
	}

	/**
	 * Bring the stored draft in. Typing may have begun while it was being read: a field changed
	 * here keeps what was typed, the others take the draft's value; if the two disagree on a
	 * field, the whole draft waits beside the form as a conflict rather than being written over
	 * (returns true then).
	 */
	#merge(theirs: T): boolean {
		const mine = $state.snapshot(this.values) as T;
		const merged = { ...theirs } as Record<string, unknown>;
		let disagree = false;
		for (const [field, value] of Object.entries(mine)) {
			const initial = formDrafts.fingerprint(this.#initial[field]);
			if (formDrafts.fingerprint(value) === initial) continue;
			if (
				formDrafts.fingerprint(theirs[field]) !== initial &&
				formDrafts.fingerprint(theirs[field]) !== formDrafts.fingerprint(value)
			)
				disagree = true;
			merged[field] = value;
		}
		this.values = merged as T;
		if (disagree) {
			this.conflict = theirs;
			this.conflictFrom = 'other-tab';
		}
		return disagree;
	}

	/** A field changed: write within SAVE_INTERVAL_MS, however long the typing goes on. */
	changed(): void {
		if (!this.#settled) this.#typedAt = this.#timers.now();
		this.#timer ??= this.#timers.setTimeout(() => {
			this.#timer = null;
			void this.flush();
		}, SAVE_INTERVAL_MS);
	}

	/** Nothing typed here that this tab has not written. */
	get #settled(): boolean {
		return (
			formDrafts.fingerprint($state.snapshot(this.values)) === (this.#known ?? formDrafts.fingerprint(this.#initial))
		);
	}

	#follow(draft: formDrafts.DraftEntry<T> | null, conflict: formDrafts.DraftConflict<T> | null): void {
		this.conflict = conflict ? conflict.values : null;
		if (conflict) this.conflictFrom = formDrafts.conflictOrigin(conflict, this.#tab);
		if (!this.restored) return;
		if (draft && draft.by === this.#tab) return;
		const theirs = draft ? formDrafts.fingerprint(draft.values) : null;
		if (theirs === this.#known) return;
		// With unsaved typing here, the next write keeps theirs as the conflict; else follow them.
		if (!this.#settled) return;
		if (draft && this.#timers.now() - this.#typedAt < TYPING_PAUSE_MS) {
			// Typing goes on here: the fields stay, the other tab's text is offered — what the next
			// write or the save here keeps as the conflict (the stored one may be this tab's own).
			this.conflict = this.#over(draft);
			this.conflictFrom = formDrafts.conflictOrigin(draft, this.#tab);
			return;
		}
		this.values = draft ? this.#over(draft) : structuredClone(this.#initial);
		this.#known = theirs;
	}

	/**
	 * A stored draft laid over what the form starts from now. A field the draft holds as it was
	 * when typing began (its `base`) was not typed: it shows the record as it is now — a sync or a
	 * save elsewhere may have changed it since — so a save does not write the old value back.
	 */
	#over(draft: formDrafts.DraftEntry<Partial<T>>): T {
		const out = { ...structuredClone(this.#initial), ...structuredClone(draft.values) } as Record<string, unknown>;
		const base = draft.base as Partial<T> | undefined;
		if (!base) return out as T;
		for (const field of Object.keys(draft.values)) {
			if (field in base && formDrafts.fingerprint(draft.values[field]) === formDrafts.fingerprint(base[field]))
				out[field] = structuredClone(this.#initial[field]);
		}
		return out as T;
	}

	/** Resolves once the writes already started have finished (or failed). */
	written(): Promise<void> {
		return this.#pending;
	}

	/** Write now (before navigation, when the page is hidden, before submit). */
	flush(): Promise<void> {
		this.#stopTimer();
		const snapshot = $state.snapshot(this.values) as T;
		const print = formDrafts.fingerprint(snapshot);
		// Nothing new; and an untouched form is not a draft.
		if (print === this.#known || (this.#known === null && print === formDrafts.fingerprint(this.#initial)))
			return this.#pending;
		this.#pending = this.#pending
			.then(() => formDrafts.save(this.#db, this.#key, snapshot, this.#tab, this.#known, this.#initial))
			.then(
				() => {
					this.#known = print;
					this.failure = null;
					unsavedDrafts.delete(this.#memoryKey);
				},
				(error: unknown) => {
					// The text stays in the form; kept in this page too, so a remount finds it.
					unsavedDrafts.set(this.#memoryKey, snapshot);
					this.failure = toLocalWriteError(error).reason;
				}
			);
		return this.#pending;
	}

	/**
	 * Store the record with `write` and drop the draft in one transaction. On success a form that
	 * creates records starts over (`then: 'start-over'`, the default); a form that edits one
	 * record keeps what was saved as its new starting point (`then: 'keep'`). On failure nothing
	 * is stored, the draft and the typed values stay, and the error is rethrown for the form to show.
	 */
	async commit<R>(write: () => Promise<R>, options: { then?: 'start-over' | 'keep' } = {}): Promise<R> {
		this.#stopTimer();
		await this.#pending;
		const mine = $state.snapshot(this.values) as T;
		const result = await formDrafts.commit(this.#db, this.#key, this.#tab, this.#known, mine, write);
		unsavedDrafts.delete(this.#memoryKey);
		this.failure = null;
		this.#known = null;
		if (options.then === 'keep') this.#initial = structuredClone(mine);
		this.values = structuredClone(this.#initial);
		return result;
	}

	/** The values the form started from (an edit form: the record as last loaded or saved). */
	get initial(): T {
		return this.#initial;
	}

	/**
	 * The record this form edits changed underneath it (a sync, a save in another tab): it is the
	 * new starting point. A field typed here keeps what was typed; the others show the new value.
	 */
	rebase(next: T): void {
		const before = this.#initial;
		this.#initial = structuredClone(next);
		const mine = $state.snapshot(this.values) as T;
		const merged = structuredClone(next) as Record<string, unknown>;
		for (const field of Object.keys(mine)) {
			if (formDrafts.fingerprint(mine[field]) !== formDrafts.fingerprint(before[field])) merged[field] = mine[field];
		}
		if (formDrafts.fingerprint(merged) !== formDrafts.fingerprint(mine)) this.values = merged as T;
	}

	/** Cancel: back to the start, the draft dropped (unless another tab has typed in it since). */
	async clear(): Promise<void> {
		this.#stopTimer();
		await this.#pending;
		unsavedDrafts.delete(this.#memoryKey);
		try {
			await formDrafts.clear(this.#db, this.#key, this.#tab, this.#known);
		} catch (error) {
			this.failure = toLocalWriteError(error).reason;
		}
		this.#known = null;
		this.values = structuredClone(this.#initial);
	}

	/** Put the other tab's text in the form instead (what was typed here is written over). */
	async takeConflict(): Promise<void> {
		const theirs = $state.snapshot(this.conflict) as T | null;
		if (!theirs) return;
		this.values = { ...structuredClone(this.#initial), ...theirs };
		await this.dropConflict();
		await this.flush();
	}

	async dropConflict(): Promise<void> {
		this.conflict = null;
		try {
			await formDrafts.dropConflict(this.#db, this.#key);
		} catch (error) {
			this.failure = toLocalWriteError(error).reason;
		}
	}
}
