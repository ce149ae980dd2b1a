import type { MessagesOf } from '../catalog';
import type { messages as ru } from '../ru/growth';
import { plural } from '../plural';
import { number } from '../format';

/** English for the same keys and parameters as ru/growth.ts (checked by the type). */
export const messages: MessagesOf<typeof ru> = {
	'growth.title': 'My growth',
	'growth.intro': 'Your results across assessments, deficits, the plan and activities — evidence for attestation.',
	'growth.levelsTitle': 'Competency levels across assessments',
	'growth.levelsEmpty': 'Take a self-assessment — a chart of your competency levels will appear here.',
	'growth.levelsOne': 'One assessment so far: the comparison appears after the next one.',
	'growth.competency': 'Competency',
	'growth.chartTitle': 'Mean score per competency (0–3)',
	'growth.series': (stage, year) => `${stage} ${year}`,
	'growth.yearTitle': (year) => `Growth in the ${year} school year`,
	'growth.groupRow': (group) => `${group} competencies`,
	'growth.entryFinal': (entry, final) => `entry ${entry} → final ${final}`,
	'growth.delta': (delta) => `change ${delta}`,
	'growth.grows': 'Growth',
	'growth.noGrowth': 'No growth',
	'growth.noData': 'No data: needs this year’s entry and final self-assessments',
	'growth.threshold': (threshold) => `Growth counts when the group’s mean rises by ${threshold} or more.`,
	'growth.deficitsTitle': 'Deficits this year',
	'growth.deficitsLine': (opened, closed, open) =>
		`Identified: ${opened} · overcome: ${closed} · in progress now: ${open}`,
	'growth.planTitle': 'Plan this year',
	'growth.planLine': (done, total) => `${done} of ${total} ${plural(total, 'action', 'actions')} done`,
	'growth.planNone': 'No plan for this year',
	'growth.activitiesTitle': 'Activities this year',
	'growth.activitiesLine': (n, hours) =>
		`${n} ${plural(n, 'activity', 'activities')}; professional development courses — ${number(hours, 2, 'en')} ${plural(hours, 'hour', 'hours')}`,
	'growth.qualityCourses': (n) => `on education quality: ${n}`,
	'growth.print': 'Print',
	'drill.title': 'Teacher',
	'drill.back': 'Back to the school',
	'drill.intro':
		'The teacher’s professional growth: assessments, deficits, the plan, activities and lesson observations. The teacher keeps these records; from here you can visit a lesson, write a recommendation and approve the plan.',
	'drill.notFound': 'Teacher not found or no access: only a teacher of your own school can be opened here.',
	'drill.subjects': (subjects) => `Subjects: ${subjects}`,
	'drill.noSubjects': 'No subjects given',
	'drill.summary': 'Teacher summary',
	'drill.openDeficits': 'Open deficits',
	'drill.planDone': 'Plan completed',
	'drill.noPlan': 'no plan',
	'drill.overdue': 'Overdue plan actions',
	'drill.observations': 'Lessons observed this year',
	'drill.levelsEmpty':
		'The teacher has not taken any assessment yet — the chart of levels appears after the first one.',
	'drill.deficitsTitle': 'Open deficits',
	'drill.deficitsNone': 'No open deficits.',
	'drill.overdueTitle': 'Overdue plan actions',
	'drill.overdueNone': 'No overdue actions.',
	'drill.deadline': (date) => `due ${date}`
};
