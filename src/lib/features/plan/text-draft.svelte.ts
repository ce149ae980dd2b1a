import { untrack } from 'svelte';
import type { AppDatabase } from '$lib/db/database';
import { toLocalWriteError, type LocalWriteReason } from '$lib/db/errors';
import * as formDrafts from '$lib/db/form-drafts';
import {
	GLOBAL_TIMERS,
	SAVE_INTERVAL_MS,
	TYPING_PAUSE_MS,
	type DraftTimers
} from '$lib/features/forms/form-draft.svelte';
import { TAB, onPageHide, unsavedDrafts } from '$lib/features/forms/tab';

interface Text {
	text: string;
}

/**
 * One text field of an existing record (plan goals, an action's reflection), typed into on a
 * phone. What is typed is kept as a draft on the device (same store as FormDraft) until it has
 * been saved to the record; then the draft is dropped in the same transaction, so it can never
 * later resurrect old text over a newer value. While nothing is being edited, the field follows
 * the record (after the teacher's own save, another tab's, or a sync) and the other tabs' typing.
 *
 * Nothing typed is dropped silently: when the record is saved elsewhere (another tab, another
 * device) while text typed here is unsaved, or another tab typed here at the same moment, the
 * other text is kept as `conflict` for the user to take or drop; the field keeps what was typed
 * here, and saving it is the later edit.
 *
 * Not FormDraft: FormDraft is for new-record forms — `commit()` resets to the values it was made
 * with, which for an edited record would be stale text.
 */
export class TextDraft {
	value = $state('');
	/** Typed but not yet saved to the record. */
	dirty = $state(false);
	saving = $state(false);
	/** Text saved or typed elsewhere that this field's text replaces: to take or to drop. */
	conflict = $state<string | null>(null);
	/** The conflict's text was saved to the record elsewhere (not only typed in another tab). */
	conflictFrom = $state<formDrafts.ConflictOrigin>('other-tab');
	/** Why the draft could not be written (full disk …); null once it could. */
	failure = $state<LocalWriteReason | null>(null);
	#db: AppDatabase;
	#key: string;
	#saved: () => string;
	/** The record's value last seen, so the field follows changes of the record, not re-renders. */
	#seen: string;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#pending: Promise<void> = Promise.resolve();
	/** The draft as this tab last wrote or took it (fingerprint); null: none stored. */
	#known: string | null = null;
	#tab: string;
	#clock: Pick<DraftTimers, 'now'>;
	/** When this tab's person last typed here (not when another tab's text was taken). */
	#typedAt = Number.NEGATIVE_INFINITY;

	constructor(
		db: AppDatabase,
		key: string,
		saved: () => string,
		options: { tab?: string; clock?: Pick<DraftTimers, 'now'> } = {}
	) {
		this.#db = db;
		this.#key = key;
		this.#saved = saved;
		this.#tab = options.tab ?? TAB;
		this.#clock = options.clock ?? GLOBAL_TIMERS;
		this.#seen = saved();
		this.value = this.#seen;
	}

	get #memoryKey(): string {
		return `${this.#db.name}/${this.#key}`;
	}

	/** Wire to the owning component (call during its initialisation). */
	attach(): void {
		$effect(() => {
			void this.restore();
			const unwatch = formDrafts.watch<Text>(this.#db, this.#key, ({ draft, conflict }) =>
				this.#follow(draft, conflict)
			);
			const offHide = onPageHide(() => {
				if (this.dirty) void this.flush();
			});
			return () => {
				unwatch();
				offHide();
				if (this.dirty) void this.flush();
			};
		});
		$effect(() => {
			const saved = this.#saved();
			untrack(() => {
				if (saved === this.#seen) return;
				const before = this.#seen;
				this.#seen = saved;
				if (!this.dirty) {
					this.value = saved;
					return;
				}
				// Saved elsewhere while this field holds other unsaved text: keep both.
				if (saved !== this.value && saved !== before) void this.#keep(saved, null);
			});
		});
	}

	/** Bring back text typed before a reload that never reached the record. */
	async restore(): Promise<void> {
		const memory = unsavedDrafts.get(this.#memoryKey) as Text | undefined;
		try {
			const draft = await formDrafts.load<Text>(this.#db, this.#key);
			if (draft && typeof draft.values?.text === 'string' && draft.values.text !== this.#saved()) {
				this.value = draft.values.text;
				this.dirty = true;
				this.#known = formDrafts.fingerprint(draft.values);
			}
			const conflict = await formDrafts.loadConflict<Text>(this.#db, this.#key);
			this.conflict = conflict ? conflict.values.text : null;
			if (conflict) this.conflictFrom = formDrafts.conflictOrigin(conflict, this.#tab);
		} catch (error) {
			this.failure = toLocalWriteError(error).reason;
		}
		if (memory && memory.text !== this.#saved()) {
			this.value = memory.text;
			this.dirty = true;
		}
	}

	#follow(draft: formDrafts.DraftEntry<Text> | null, conflict: formDrafts.DraftConflict<Text> | null): void {
		this.conflict = conflict ? conflict.values.text : null;
		if (conflict) this.conflictFrom = formDrafts.conflictOrigin(conflict, this.#tab);
		if (draft && draft.by === this.#tab) return;
		const theirs = draft ? formDrafts.fingerprint(draft.values) : null;
		if (theirs === this.#known) return;
		const settled = !this.dirty || formDrafts.fingerprint({ text: this.value }) === this.#known;
		// With unsaved typing here, the next write keeps theirs as the conflict; else follow them.
		if (!settled) return;
		if (
			draft &&
			typeof draft.values?.text === 'string' &&
			this.dirty &&
			this.#clock.now() - this.#typedAt < TYPING_PAUSE_MS
		) {
			// Typing goes on here: the field is not swapped under the caret; the other tab's text is
			// offered — what the next write or the save here keeps as the conflict.
			this.conflict = draft.values.text;
			this.conflictFrom = formDrafts.conflictOrigin(draft, this.#tab);
			return;
		}
		this.#known = theirs;
		if (draft && typeof draft.values?.text === 'string') {
			this.value = draft.values.text;
			this.dirty = draft.values.text !== this.#saved();
		} else {
			// The other tab saved its text to the record and dropped the draft.
			this.value = this.#saved();
			this.dirty = false;
		}
	}

	async #keep(text: string, by: string | null): Promise<void> {
		this.conflict = text;
		this.conflictFrom = formDrafts.conflictOrigin({ by }, this.#tab);
		try {
			await formDrafts.keepConflict(this.#db, this.#key, { text } satisfies Text, by);
		} catch (error) {
			this.failure = toLocalWriteError(error).reason;
		}
	}

	input(text: string): void {
		this.value = text;
		this.#typedAt = this.#clock.now();
		this.dirty = true;
		// A throttle: a steady typist still has a draft written every SAVE_INTERVAL_MS.
		this.#timer ??= setTimeout(() => void this.flush(), SAVE_INTERVAL_MS);
	}

	/** Write the draft now. */
	flush(): Promise<void> {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		const values: Text = { text: this.value };
		const print = formDrafts.fingerprint(values);
		if (print === this.#known) return this.#pending;
		this.#pending = this.#pending
			.then(() => formDrafts.save(this.#db, this.#key, values, this.#tab, this.#known))
			.then(
				() => {
					this.#known = print;
					this.failure = null;
					unsavedDrafts.delete(this.#memoryKey);
				},
				(error: unknown) => {
					unsavedDrafts.set(this.#memoryKey, values);
					this.failure = toLocalWriteError(error).reason;
				}
			);
		return this.#pending;
	}

	/**
	 * Save the text to the record with `save` and drop the draft, in one transaction. On failure
	 * nothing is stored, the draft stays and the error is rethrown for the caller to report: the
	 * typed text is not lost.
	 */
	async commit(save: (text: string) => Promise<unknown>): Promise<void> {
		if (!this.dirty) return;
		const text = this.value;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		await this.#pending;
		this.saving = true;
		try {
			await formDrafts.commit(this.#db, this.#key, this.#tab, this.#known, { text } satisfies Text, async () => {
				if (text !== this.#saved()) await save(text);
			});
			unsavedDrafts.delete(this.#memoryKey);
			this.failure = null;
			this.#known = null;
			// Typing may have gone on during the save; that newer text stays a draft.
			if (this.value === text) this.dirty = false;
			else void this.flush();
		} finally {
			this.saving = false;
		}
	}

	/** Put the other text in the field instead (to save it, or to edit it first). */
	async takeConflict(): Promise<void> {
		const theirs = this.conflict;
		if (theirs === null) return;
		await this.dropConflict();
		this.input(theirs);
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
