import type { MessagesOf } from '../catalog';
import type { messages as ru } from '../ru/teacher';
import { plural } from '../plural';

/** English for the same keys and parameters as ru/teacher.ts (checked by the type). */
export const messages: MessagesOf<typeof ru> = {
	'home.greeting': (name) => `Hello, ${name}!`,
	'home.assessmentTitle': 'Self-assessment',
	'home.assessmentNone': 'No self-assessment yet this school year',
	'home.assessmentStart': 'Take the entry self-assessment',
	'home.assessmentDraft': (stage, answered, total) => `${stage}: ${answered} of ${total} answered`,
	'home.assessmentContinue': 'Continue',
	'home.assessmentDone': (stage, date) => `${stage} — completed ${date}`,
	'home.levelsTitle': 'Competency levels',
	'home.levelsCaption': (stage, date) => `From the latest self-assessment (${stage.toLowerCase()}, ${date})`,
	'home.deficitsTitle': 'Professional deficits',
	'home.deficitsOpen': (n) => `${n} open`,
	'home.deficitsProposed': (n) => `${n} awaiting confirmation`,
	'home.deficitsNone': 'No open deficits',
	'home.planTitle': (year) => `Plan for ${year}`,
	'home.planNone': 'No individual development plan for this year yet',
	'home.planCreate': 'Create a plan',
	'home.planDone': (done, total) => `${done} of ${total} done`,
	'home.planOverdue': (n) => `${n} ${plural(n, 'action is', 'actions are')} overdue`,
	'home.deficitsAll': 'All deficits',
	'home.planOpen': 'Open the plan',
	'home.growthLink': 'My growth',
	'home.planNext': 'Coming up',
	'home.due': (date) => `by ${date}`,
	'home.activitiesTitle': 'Activities this year',
	'home.activitiesSummary': (n, hours, underway) =>
		`${n} ${plural(n, 'activity', 'activities')}, completed courses — ${hours} ${plural(hours, 'hour', 'hours')}` +
		(underway > 0 ? `; ${underway} more ${plural(underway, 'hour', 'hours')} in courses under way` : ''),
	'home.mentorTitle': 'Mentor',
	'home.mentorSince': (name, date) => `${name}, since ${date}`,
	'profile.youngSpecialist': 'Young specialist',
	'profile.experience': (n) => `${n} ${plural(n, 'year', 'years')} of experience`
};
