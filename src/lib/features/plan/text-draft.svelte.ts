import { untrack } from 'svelte';
import type { AppDatabase } from '$lib/db/database';
import * as formDrafts from '$lib/db/form-drafts';

/** Same pause as FormDraft: a crash loses a word at most. */
const SAVE_DELAY_MS = 300;

/**
 * One text field of an existing record (plan goals, an action's reflection), typed into on a
 * phone. What is typed is kept as a draft on the device (same store as FormDraft) until it has
 * been saved to the record; then the draft is dropped, so it can never later resurrect old text
 * over a newer value. While nothing is being edited, the field follows the record (after the
 * teacher's own save or a sync).
 *
 * Not FormDraft: FormDraft is for new-record forms — `clear()` resets to the values it was made
 * with and leaving the page writes the values back, which for an edited record would bring back
 * a stale draft of text that was already saved.
 */
export class TextDraft {
	value = $state('');
	/** Typed but not yet saved to the record. */
	dirty = $state(false);
	saving = $state(false);
	#db: AppDatabase;
	#key: string;
	#saved: () => string;
	/** The record's value last seen, so the field follows changes of the record, not re-renders. */
	#seen: string;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#pending: Promise<void> = Promise.resolve();

	constructor(db: AppDatabase, key: string, saved: () => string) {
		this.#db = db;
		this.#key = key;
		this.#saved = saved;
		this.#seen = saved();
		this.value = this.#seen;
	}

	/** Wire to the owning component (call during its initialisation). */
	attach(): void {
		$effect(() => {
			void this.restore();
			return () => {
				if (this.dirty) void this.flush();
			};
		});
		$effect(() => {
			const saved = this.#saved();
			untrack(() => {
				if (saved === this.#seen) return;
				this.#seen = saved;
				if (!this.dirty) this.value = saved;
			});
		});
	}

	/** Bring back text typed before a reload that never reached the record. */
	async restore(): Promise<void> {
		const draft = await formDrafts.load<{ text: string }>(this.#db, this.#key);
		if (draft && typeof draft.text === 'string' && draft.text !== this.#saved()) {
			this.value = draft.text;
			this.dirty = true;
		}
	}

	input(text: string): void {
		this.value = text;
		this.dirty = true;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
	}

	/** Write the draft now. */
	flush(): Promise<void> {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		const text = this.value;
		this.#pending = this.#pending.then(() => formDrafts.save(this.#db, this.#key, { text })).catch(() => undefined);
		return this.#pending;
	}

	/**
	 * Save the text to the record with `save`, then drop the draft. On failure the draft stays and
	 * the error is rethrown for the caller to report: the typed text is not lost.
	 */
	async commit(save: (text: string) => Promise<unknown>): Promise<void> {
		if (!this.dirty) return;
		const text = this.value;
		await this.flush();
		this.saving = true;
		try {
			if (text !== this.#saved()) await save(text);
			// Typing may have gone on during the save; that newer text stays a draft.
			if (this.value === text) {
				if (this.#timer) clearTimeout(this.#timer);
				this.#timer = null;
				await this.#pending;
				await formDrafts.clear(this.#db, this.#key);
				this.dirty = false;
			}
		} finally {
			this.saving = false;
		}
	}
}
