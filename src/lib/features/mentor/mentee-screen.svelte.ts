import type { Id, IsoDate } from '$lib/domain/common';
import type { AppDatabase } from '$lib/db/database';
import type { Actor } from '$lib/db/rows';
import * as sessions from '$lib/db/mentoring-sessions';
import { live, type LiveQuery } from '$lib/db/live.svelte';
import type { Notices } from '$lib/features/shell/notices.svelte';
import { t } from '$lib/i18n/i18n.svelte';
import { loadMentoring, type MentoringData } from './mentee';
import { postComment, type CommentOutcome } from './threads';

/**
 * The teacher's own mentoring screen: who sees their data, their programme and sessions, and
 * the mentee's intents — confirming a session and commenting on it.
 */
export class MenteeScreen {
	readonly data: LiveQuery<MentoringData>;
	busy = $state<Id | null>(null);
	#db: AppDatabase;
	#actor: () => Actor;
	#notices: Notices;

	constructor(db: AppDatabase, teacherId: Id, today: IsoDate, actor: () => Actor, notices: Notices) {
		this.#db = db;
		this.#actor = actor;
		this.#notices = notices;
		this.data = live(() => loadMentoring(db, teacherId, today));
	}

	get view(): MentoringData | undefined {
		return this.data.current;
	}

	/** «Подтвердить встречу»: sets the mentee's acknowledgement only. */
	async acknowledge(sessionId: Id): Promise<boolean> {
		if (this.busy) return false;
		this.busy = sessionId;
		try {
			await sessions.acknowledge(this.#db, sessionId, this.#actor());
			this.#notices.push('success', t('mentoring.acknowledged'));
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
