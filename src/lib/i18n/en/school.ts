import type { MessagesOf } from '../catalog';
import type { messages as ru } from '../ru/school';

/** English for the same keys and parameters as ru/school.ts (checked by the type). */
export const messages: MessagesOf<typeof ru> = {
	'methodist.title': 'School',
	'methodist.noSchool': 'No school in the profile — a methodist sees the teachers of their own school.',
	'methodist.colTeacher': 'Teacher',
	'methodist.colEntry': 'Entry assessment',
	'methodist.colPlan': 'Plan',
	'methodist.colDeficits': 'Open deficits',
	'methodist.noPlan': 'none',
	'methodist.done': 'done',
	'methodist.notDone': 'no',
	'methodist.teachers': 'Teachers',
	'methodist.young': 'Young specialists',
	'methodist.withPlan': 'With a plan this year',
	'methodist.entryDone': 'Took the entry assessment',
	'methodist.observations': 'Lessons observed',
	'methodist.topDeficits': 'Most frequent deficits',
	'methodist.staff': 'Teachers of the school',
	'municipal.title': 'Municipality',
	'municipal.schools': 'Schools',
	'municipal.privacy': 'The municipal level sees aggregates only; groups of fewer than 5 teachers are shown as “not enough data”.',
	'municipal.insufficient': 'not enough data',
	'municipal.colSchool': 'School',
	'municipal.colTeachers': 'Teachers',
	'municipal.colEntry': 'Took the entry assessment',
	'municipal.colPlan': 'Have a plan',
	'municipal.none': 'No municipality loaded yet. Load the demo data or sign in.',
};
