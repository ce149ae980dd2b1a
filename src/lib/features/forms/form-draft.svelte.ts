import type { AppDatabase } from '$lib/db/database';
import * as formDrafts from '$lib/db/form-drafts';

/** How long typing must pause before the draft is written; short enough that a crash loses a word at most. */
const SAVE_DELAY_MS = 300;

/**
 * The values of a form, restored from and autosaved to IndexedDB. The owner calls `changed()`
 * after each input (or binds to `values` and lets an $effect call it) and `clear()` once the real
 * record has been written.
 */
export class FormDraft<T extends Record<string, unknown>> {
	values = $state() as T;
	restored = $state(false);
	#db: AppDatabase;
	#key: string;
	#initial: T;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#pending: Promise<void> = Promise.resolve();

	constructor(db: AppDatabase, key: string, initial: T) {
		this.#db = db;
		this.#key = key;
		this.#initial = initial;
		this.values = structuredClone(initial);
	}

	/**
	 * Wire the draft to the component that owns it; call during component initialisation.
	 * Restores what was typed before, autosaves every change, and writes the last keystrokes
	 * when the component goes away (navigation).
	 */
	attach(): void {
		$effect(() => {
			void this.restore();
			return () => void this.flush();
		});
		$effect(() => {
			// Reading every value subscribes this effect to all of them.
			JSON.stringify(this.values);
			if (this.restored) this.changed();
		});
	}

	/** Bring back what was typed before the reload. */
	async restore(): Promise<void> {
		const saved = await formDrafts.load<Partial<T>>(this.#db, this.#key);
		if (saved) this.values = { ...structuredClone(this.#initial), ...saved };
		this.restored = true;
	}

	changed(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
	}

	/** Write now (on blur, before navigation, before submit). */
	flush(): Promise<void> {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		const snapshot = $state.snapshot(this.values);
		this.#pending = this.#pending.then(() => formDrafts.save(this.#db, this.#key, snapshot)).catch(() => undefined);
		return this.#pending;
	}

	async clear(): Promise<void> {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		await this.#pending;
		await formDrafts.clear(this.#db, this.#key);
		this.values = structuredClone(this.#initial);
	}
}
