import { untrack } from 'svelte';
import type { Id } from '$lib/domain/common';
import { sortMeetings, type MentoringPair, type PlannedMeeting } from '$lib/domain/mentoring';
import { plannedMeetingSchema, validateMeetingsForTerm } from '$lib/domain/schemas/mentoring';
import { issue, type Issue } from '$lib/domain/validation';
import type { AppDatabase } from '$lib/db/database';
import { LocalWriteError } from '$lib/db/errors';
import * as formDrafts from '$lib/db/form-drafts';
import * as mentoring from '$lib/db/mentoring';
import type { Actor } from '$lib/db/rows';
import { messageFor } from '$lib/features/forms/issues';
import type { Notices } from '$lib/features/shell/notices.svelte';
import { t } from '$lib/i18n/i18n.svelte';
import { meetingErrors, pairErrors } from './issues';

/** Same pause as FormDraft: a crash loses a word at most. */
const SAVE_DELAY_MS = 300;

type Saved = { programme: mentoring.Programme; meetingDate: string; meetingTopic: string };

function programmeOf(pair: MentoringPair): mentoring.Programme {
	return {
		goals: pair.goals,
		deficitIds: [...pair.deficitIds],
		plannedMeetings: pair.plannedMeetings.map((m) => ({ ...m })),
		expectedResults: pair.expectedResults
	};
}

function same(a: unknown, b: unknown): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The programme of an existing pair being edited. Edits stay in the editor until «Сохранить
 * программу», and meanwhile are kept as a draft on the device so a reload loses nothing; the
 * draft is dropped once saved, so it can never bring old text back over a newer programme. While
 * nothing is edited, the editor follows the pair (after a save or a sync).
 *
 * Not FormDraft: that one is for new records — it resets to its initial values and writes the
 * values back when the page closes, which for a saved record would resurrect a stale draft.
 */
export class ProgrammeEditor {
	programme = $state() as mentoring.Programme;
	meetingDate = $state('');
	meetingTopic = $state('');
	/** Messages by field: goals, deficitIds, plannedMeetings, expectedResults, meetingDate, meetingTopic, status. */
	errors = $state<Record<string, string>>({});
	/** Messages of planned meetings already in the list, by index. */
	rowErrors = $state<Record<number, string>>({});
	saving = $state(false);
	/** The pair's programme the edits started from. */
	#base = $state.raw() as mentoring.Programme;
	dirty = $derived(!same(this.programme, this.#base));
	#db: AppDatabase;
	#pair: () => MentoringPair;
	#actor: () => Actor;
	#notices: Notices;
	#key: string;
	#restored = $state(false);
	#timer: ReturnType<typeof setTimeout> | null = null;
	#pending: Promise<void> = Promise.resolve();

	constructor(db: AppDatabase, pair: () => MentoringPair, actor: () => Actor, notices: Notices) {
		this.#db = db;
		this.#pair = pair;
		this.#actor = actor;
		this.#notices = notices;
		const initial = pair();
		this.#key = `pair-programme:${initial.id}`;
		this.#base = programmeOf(initial);
		this.programme = programmeOf(initial);
	}

	/** Wire to the owning component (call during its initialisation). */
	attach(): void {
		$effect(() => {
			void this.restore();
			return () => void this.flush();
		});
		$effect(() => {
			const saved = programmeOf(this.#pair());
			untrack(() => {
				if (same(saved, this.#base)) return;
				if (!this.dirty) this.programme = programmeOf(this.#pair());
				this.#base = saved;
			});
		});
		$effect(() => {
			// Reading every value subscribes this effect to all of them.
			JSON.stringify([this.programme, this.meetingDate, this.meetingTopic]);
			// Also runs once the draft has been read back, for edits made while it was being read.
			if (this.#restored) untrack(() => this.#schedule());
		});
	}

	/** Bring back edits made before a reload that never reached the pair. */
	async restore(): Promise<void> {
		const saved = (await formDrafts.load<Saved>(this.#db, this.#key))?.values;
		if (saved?.programme && !same(saved.programme, this.#base)) this.programme = saved.programme;
		if (saved) {
			this.meetingDate = typeof saved.meetingDate === 'string' ? saved.meetingDate : '';
			this.meetingTopic = typeof saved.meetingTopic === 'string' ? saved.meetingTopic : '';
		}
		this.#restored = true;
	}

	/** A throttle: editing that goes on is still written every SAVE_DELAY_MS. */
	#schedule(): void {
		this.#timer ??= setTimeout(() => void this.flush(), SAVE_DELAY_MS);
	}

	/** Keep what is unsaved on the device now; nothing unsaved means no draft. */
	flush(): Promise<void> {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		// Before the draft is read back, "nothing unsaved" would only mean "not restored yet".
		if (!this.#restored) return this.#pending;
		const keep = this.dirty || this.meetingDate !== '' || this.meetingTopic.trim() !== '';
		const snapshot: Saved = {
			programme: $state.snapshot(this.programme),
			meetingDate: this.meetingDate,
			meetingTopic: this.meetingTopic
		};
		this.#pending = this.#pending
			.then(() => (keep ? formDrafts.remember(this.#db, this.#key, snapshot) : formDrafts.clear(this.#db, this.#key)))
			.catch(() => undefined);
		return this.#pending;
	}

	toggleDeficit(id: Id, on: boolean): void {
		const ids = this.programme.deficitIds.filter((d) => d !== id);
		this.programme.deficitIds = on ? [...ids, id] : ids;
	}

	/** The new meeting's issues at 'date' and 'topic': a real date within the term, and a topic. */
	#meetingIssues(meeting: PlannedMeeting): Issue[] {
		const pair = this.#pair();
		const own = plannedMeetingSchema
			.validate(meeting)
			.map((i) => (i.path === 'date' && meeting.date === '' ? issue('date', 'required') : i));
		const term = own.some((i) => i.path === 'date')
			? []
			: validateMeetingsForTerm([meeting], pair).map((i) => ({ ...i, path: 'date' }));
		return [...own, ...term];
	}

	/** Put the typed meeting into the plan, in date order; false with messages beside the fields. */
	addMeeting(): boolean {
		const meeting: PlannedMeeting = { date: this.meetingDate, topic: this.meetingTopic.trim() };
		const issues = this.#meetingIssues(meeting);
		const errors = { ...this.errors };
		delete errors.meetingDate;
		delete errors.meetingTopic;
		for (const i of issues) errors[i.path === 'date' ? 'meetingDate' : 'meetingTopic'] ??= messageFor(i);
		this.errors = errors;
		if (issues.length) return false;
		this.programme.plannedMeetings = sortMeetings([...this.programme.plannedMeetings, meeting]);
		this.rowErrors = {};
		this.meetingDate = '';
		this.meetingTopic = '';
		return true;
	}

	removeMeeting(index: number): void {
		this.programme.plannedMeetings = this.programme.plannedMeetings.filter((_, i) => i !== index);
		this.rowErrors = {};
	}

	/** Write the programme (row + outbox in one transaction), then drop the draft. */
	async save(): Promise<boolean> {
		if (this.saving) return false;
		const programme = $state.snapshot(this.programme);
		this.saving = true;
		try {
			const row = await mentoring.updateProgramme(this.#db, this.#pair().id, programme, this.#actor());
			// The stored programme is the cleaned one (trimmed, sorted); show exactly that.
			this.#base = programmeOf(row);
			this.programme = programmeOf(row);
			this.errors = {};
			this.rowErrors = {};
			await this.flush();
			this.#notices.push('success', t('pairs.programmeSaved'));
			return true;
		} catch (error) {
			if (error instanceof LocalWriteError && error.reason === 'invalid') {
				this.errors = pairErrors(error.issues);
				this.rowErrors = meetingErrors(error.issues);
			} else this.#notices.error(error);
			return false;
		} finally {
			this.saving = false;
		}
	}
}
