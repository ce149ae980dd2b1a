import type { Id, IsoDate } from '$lib/domain/common';
import type { MentoringSession } from '$lib/domain/mentoring';
import type { PlannedMeetingOutcome } from '$lib/domain/mentoring-session';

/** One planned meeting a session may say it fulfils, as a choice in a list. */
export interface MeetingChoice {
	/** The planned date: the key a session stores. */
	date: IsoDate;
	/** The topics planned that day (usually one). */
	topic: string;
	/** The date of another session that holds it already, or null. */
	heldOn: IsoDate | null;
}

/**
 * The programme's planned meetings as choices for the session `self` (null: a new one), by date;
 * meetings planned on one day are one choice, since a session names a meeting by its date.
 */
export function meetingChoices(
	outcomes: readonly PlannedMeetingOutcome<Pick<MentoringSession, 'id' | 'date'>>[],
	self: Id | null = null
): MeetingChoice[] {
	const byDate = new Map<IsoDate, MeetingChoice>();
	for (const o of outcomes) {
		const heldOn = o.session && o.session.id !== self ? o.session.date : null;
		const known = byDate.get(o.meeting.date);
		if (known) {
			known.topic = `${known.topic}; ${o.meeting.topic}`;
			known.heldOn ??= heldOn;
		} else byDate.set(o.meeting.date, { date: o.meeting.date, topic: o.meeting.topic, heldOn });
	}
	return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}
