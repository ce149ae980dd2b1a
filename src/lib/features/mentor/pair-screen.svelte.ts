import type { Within } from '$lib/features/forms/form-draft.svelte';
import type { Id, IsoDate } from '$lib/domain/common';
import type { Issue } from '$lib/domain/validation';
import type { PlannedMeetingKey } from '$lib/domain/mentoring';
import { proposePlannedMeeting } from '$lib/domain/mentoring-session';
import type { AppDatabase } from '$lib/db/database';
import type { Actor } from '$lib/db/rows';
import * as sessions from '$lib/db/mentoring-sessions';
import { LocalWriteError } from '$lib/db/errors';
import { live, type LiveQuery } from '$lib/db/live.svelte';
import type { Notices } from '$lib/features/shell/notices.svelte';
import { t } from '$lib/i18n/i18n.svelte';
import { loadPair, type PairData } from './pair';
import { sessionFromForm, type SessionFormValues } from './session-form';
import { postComment, type CommentOutcome } from './threads';

export type SessionOutcome = { ok: true } | { ok: false; issues: Issue[] };

/**
 * The mentor's screen of one pair: the programme, the mentee's deficits and plan (read-only),
 * the sessions with their threads, and the intents on them. Writes go through the repositories
 * (row + outbox in one transaction); the screen follows the database through a live query.
 */
export class PairScreen {
	readonly data: LiveQuery<PairData>;
	/** The record an intent is being written for, against a double tap. */
	busy = $state<Id | null>(null);
	#db: AppDatabase;
	#pairId: Id;
	#today: IsoDate;
	#actor: () => Actor;
	#notices: Notices;

	constructor(db: AppDatabase, pairId: Id, mentorId: Id, today: IsoDate, actor: () => Actor, notices: Notices) {
		this.#db = db;
		this.#pairId = pairId;
		this.#today = today;
		this.#actor = actor;
		this.#notices = notices;
		this.data = live(() => loadPair(db, pairId, mentorId, today));
	}

	get view(): PairData | undefined {
		return this.data.current;
	}

	/**
	 * The planned meeting proposed for a session dated `date`: the nearest the programme has that
	 * no other session holds (domain `proposePlannedMeeting`). `self`: the session being relinked.
	 */
	proposal(date: string, self: Id | null = null): PlannedMeetingKey {
		const view = this.view;
		if (!view || view.state !== 'open') return 'none';
		return proposePlannedMeeting(
			view.pair.plannedMeetings,
			view.sessions.map((s) => s.session),
			date,
			self
		);
	}

	/** Every issue of the session the form describes, without writing anything. */
	check(values: SessionFormValues): Issue[] {
		const view = this.view;
		const { input, issues } = sessionFromForm(values, this.proposal(values.date));
		if (!view || view.state !== 'open') return issues;
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup local to this call, not state
		const own = new Set(issues.map((i) => i.path));
		const rules = sessions
			.validate(view.pair, sessions.draftOf(view.pair, input), this.#today)
			.filter((i) => !own.has(i.path));
		return [...issues, ...rules];
	}

	/** «Сохранить» on the new-session form: checked first, then written whole or not at all. */
	/**
	 * `within` runs the write: the form passes its draft's commit, so the session and the dropped
	 * draft are one transaction (and «Сохранено» is said only once it committed).
	 */
	async addSession(values: SessionFormValues, within: Within = (write) => write()): Promise<SessionOutcome> {
		const issues = this.check(values);
		if (issues.length) return { ok: false, issues };
		if (this.busy) return { ok: false, issues: [] };
		this.busy = 'session';
		try {
			const { input } = sessionFromForm(values, this.proposal(values.date));
			await within(() => sessions.addSession(this.#db, { id: this.#pairId }, input, this.#actor(), this.#today));
			this.#notices.push('success', t('mentor.form.saved'));
			return { ok: true };
		} catch (error) {
			if (error instanceof LocalWriteError && error.reason === 'invalid') return { ok: false, issues: error.issues };
			this.#notices.error(error);
			return { ok: false, issues: [] };
		} finally {
			this.busy = null;
		}
	}

	/** The mentor says which planned meeting a session fulfils (or that it is none of them). */
	async linkSession(sessionId: Id, plannedMeeting: PlannedMeetingKey): Promise<boolean> {
		if (this.busy) return false;
		this.busy = sessionId;
		try {
			await sessions.updateSession(this.#db, sessionId, { plannedMeeting }, this.#actor(), this.#today);
			this.#notices.push('success', t('mentor.link.saved'));
			return true;
		} catch (error) {
			this.#notices.error(error);
			return false;
		} finally {
			this.busy = null;
		}
	}

	async addComment(sessionId: Id, body: string): Promise<CommentOutcome> {
		if (this.busy) return { ok: false, issues: [] };
		this.busy = sessionId;
		try {
			return await postComment(this.#db, sessionId, body, this.#actor(), this.#notices);
		} finally {
			this.busy = null;
		}
	}
}
