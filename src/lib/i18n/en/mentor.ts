import type { MessagesOf } from '../catalog';
import type { messages as ru } from '../ru/mentor';
import { plural } from '../plural';

/** English for the same keys and parameters as ru/mentor.ts (checked by the type). */
export const messages: MessagesOf<typeof ru> = {
	'mentor.title': 'My mentees',
	'mentor.empty': 'No mentoring pairs yet. The school methodist creates them.',
	'mentor.intro': 'Mentees: plan progress, open deficits and upcoming meetings.',
	'mentor.nextMeeting': (date) => `Next meeting: ${date}`,
	'mentor.noSessions': 'No meetings yet',
	'mentor.planProgress': (done, total) => `Plan: ${done} of ${total} done`,
	'mentor.noPlan': 'No plan for this year',
	'mentor.overdue': (n) => `overdue: ${n}`,
	'mentor.sessions': (n) => `${n} ${plural(n, 'meeting', 'meetings')}`,
	'mentor.lastSession': (date) => `Last meeting: ${date}`,
	'mentor.openDeficits': (n) => `${n} open ${plural(n, 'deficit', 'deficits')}`,
};
