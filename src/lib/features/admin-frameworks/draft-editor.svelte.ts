import { untrack } from 'svelte';
import type { CompetencyGroup, Framework } from '$lib/domain/framework';
import {
	MAX_INDICATORS,
	contentOf,
	MIN_INDICATORS,
	draftIssues,
	moved,
	newCompetency,
	newCompetencyId,
	newIndicatorId,
	usedIds
} from '$lib/domain/framework-draft';
import type { Issue } from '$lib/domain/validation';
import type { AppDatabase } from '$lib/db/database';
import { toLocalWriteError, type LocalWriteReason } from '$lib/db/errors';
import * as formDrafts from '$lib/db/form-drafts';
import * as frameworks from '$lib/db/frameworks';
import { newId } from '$lib/db/ids';
import type { Actor } from '$lib/db/rows';
import { onPageHide } from '$lib/features/forms/tab';

/** The fields of a draft the editor changes. */
export type DraftFields = Pick<Framework, 'title' | 'scale' | 'competencies' | 'academicYear'>;

/**
 * Typing is written to the draft row this long after it pauses, and at the latest every
 * SAVE_MAX_WAIT_MS while it goes on: each write is an outbox entry the sync pushes whole (the
 * competencies are one field), so not one per keystroke — and a page that is hidden or left
 * writes at once.
 */
export const SAVE_DELAY_MS = 600;
export const SAVE_MAX_WAIT_MS = 3000;

export type SaveState = 'saved' | 'pending' | 'invalid' | 'failed';

function fieldsOf(row: Framework): DraftFields {
	return { ...contentOf(row), academicYear: row.academicYear };
}

function same(a: unknown, b: unknown): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A framework draft being edited. Every change is checked against the framework schema (the
 * issues are shown beside the fields) and autosaved to the draft row itself, so another device of
 * the administrator sees it after a sync. A change the schema refuses (an indicator emptied while
 * retyping it) cannot be written to the row: it is kept on this device as a form draft until it is
 * valid again, so a reload loses nothing either way.
 *
 * While nothing is being edited here, the editor follows the row (a sync, another tab).
 */
export class DraftEditor {
	values = $state() as DraftFields;
	state = $state<SaveState>('saved');
	/** Why the last write failed (state 'failed'). */
	failure = $state<LocalWriteReason | null>(null);
	/** The draft row's content as last seen (what the values are compared with). */
	#base = $state.raw() as DraftFields;
	issues = $derived.by((): Issue[] => draftIssues({ ...this.#row(), ...this.values }));
	dirty = $derived(!same(this.values, this.#base));
	#db: AppDatabase;
	#row: () => Framework;
	#actor: () => Actor;
	/** Every id the code's versions have used: a new id is none of them (framework-draft.ts). */
	#used: () => ReadonlySet<string>;
	#key: string;
	#restored = false;
	/** Thrown away: nothing is written any more (the row is a tombstone). */
	#discarded = false;
	#restoring: Promise<void> | null = null;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#firstChange: number | null = null;
	#pending: Promise<void> = Promise.resolve();

	constructor(db: AppDatabase, row: () => Framework, versions: () => readonly Framework[], actor: () => Actor) {
		this.#db = db;
		this.#row = row;
		this.#actor = actor;
		this.#used = () => usedIds([...versions(), this.values]);
		const initial = row();
		this.#key = `framework-draft:${initial.id}`;
		this.#base = fieldsOf(initial);
		this.values = fieldsOf(initial);
	}

	/** Wire to the owning component (call during its initialisation). */
	attach(): void {
		$effect(() => {
			void this.restore();
			const offHide = onPageHide(() => void this.flush());
			return () => {
				offHide();
				void this.flush();
			};
		});
		$effect(() => {
			const saved = fieldsOf(this.#row());
			untrack(() => {
				if (same(saved, this.#base)) return;
				if (!this.dirty) this.values = { ...contentOf(saved), academicYear: saved.academicYear };
				this.#base = saved;
				if (!this.dirty) this.state = 'saved';
			});
		});
		$effect(() => {
			// Reading every value subscribes this effect to all of them.
			JSON.stringify(this.values);
			untrack(() => {
				if (this.#restored) this.#schedule();
			});
		});
	}

	/** Bring back edits the schema refused before a reload (they never reached the row). */
	restore(): Promise<void> {
		this.#restoring ??= this.#restore();
		return this.#restoring;
	}

	async #restore(): Promise<void> {
		try {
			const kept = (await formDrafts.load<DraftFields>(this.#db, this.#key))?.values;
			if (kept && !same(kept, this.#base)) this.values = kept;
		} catch {
			// Nothing could be read back: the row is what there is.
		}
		this.#restored = true;
		this.#schedule();
	}

	#schedule(): void {
		if (!this.dirty) {
			this.state = 'saved';
			if (this.#timer) clearTimeout(this.#timer);
			this.#timer = null;
			this.#firstChange = null;
			// An edit undone by hand leaves nothing to keep.
			this.#pending = this.#pending.then(() => formDrafts.clear(this.#db, this.#key)).catch(() => undefined);
			return;
		}
		this.state = this.issues.length ? 'invalid' : 'pending';
		const now = Date.now();
		this.#firstChange ??= now;
		if (this.#timer) clearTimeout(this.#timer);
		const wait = Math.max(0, Math.min(SAVE_DELAY_MS, this.#firstChange + SAVE_MAX_WAIT_MS - now));
		this.#timer = setTimeout(() => void this.flush(), wait);
	}

	/** Write what is edited now: to the row when the schema takes it, else kept on the device. */
	async flush(): Promise<void> {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		this.#firstChange = null;
		// Before the kept edits are read back, «nothing edited» would only mean «not restored yet».
		if (!this.#restored) await this.restore();
		if (!this.dirty || this.#discarded) return this.#pending;
		const values = $state.snapshot(this.values) as DraftFields;
		const valid = this.issues.length === 0;
		const id = this.#row().id;
		this.#pending = this.#pending.then(async () => {
			try {
				if (valid) {
					const row = await frameworks.updateDraft(this.#db, id, values, this.#actor());
					await formDrafts.clear(this.#db, this.#key);
					this.failure = null;
					this.#base = fieldsOf(row);
					if (same(this.values, values)) this.values = fieldsOf(row);
					this.state = this.dirty ? (this.issues.length ? 'invalid' : 'pending') : 'saved';
				} else {
					await formDrafts.remember(this.#db, this.#key, values);
					this.state = 'invalid';
				}
			} catch (error) {
				// Published meanwhile (another tab) or the disk is full: the edits stay on the page.
				this.failure = toLocalWriteError(error).reason;
				this.state = 'failed';
			}
		});
		return this.#pending;
	}

	/** Throw the draft away with whatever is kept of it on the device. */
	async discard(): Promise<void> {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		await this.#pending;
		await frameworks.discardDraft(this.#db, this.#row().id, this.#actor());
		this.#discarded = true;
		await formDrafts.clear(this.#db, this.#key).catch(() => undefined);
	}

	/** Issues at `path` exactly (e.g. 'competencies.0.indicators.1.text'). */
	issuesAt(path: string): Issue[] {
		return this.issues.filter((i) => i.path === path);
	}

	addCompetency(group: CompetencyGroup = 'meta'): void {
		const used = this.#used();
		const id = newCompetencyId(newId(), used);
		this.values.competencies = [...this.values.competencies, newCompetency(id, group, used)];
	}

	removeCompetency(index: number): void {
		this.values.competencies = this.values.competencies.filter((_, i) => i !== index);
	}

	moveCompetency(index: number, delta: number): void {
		this.values.competencies = moved(this.values.competencies, index, delta);
	}

	canAddIndicator(index: number): boolean {
		return (this.values.competencies[index]?.indicators.length ?? MAX_INDICATORS) < MAX_INDICATORS;
	}

	canRemoveIndicator(index: number): boolean {
		return (this.values.competencies[index]?.indicators.length ?? 0) > MIN_INDICATORS;
	}

	addIndicator(index: number): void {
		const competency = this.values.competencies[index];
		if (!competency || !this.canAddIndicator(index)) return;
		competency.indicators = [...competency.indicators, { id: newIndicatorId(competency.id, this.#used()), text: '' }];
	}

	removeIndicator(index: number, indicator: number): void {
		const competency = this.values.competencies[index];
		if (!competency || !this.canRemoveIndicator(index)) return;
		competency.indicators = competency.indicators.filter((_, i) => i !== indicator);
	}

	moveIndicator(index: number, indicator: number, delta: number): void {
		const competency = this.values.competencies[index];
		if (competency) competency.indicators = moved(competency.indicators, indicator, delta);
	}
}
