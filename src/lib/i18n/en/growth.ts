import type { MessagesOf } from '../catalog';
import type { messages as ru } from '../ru/growth';
import { plural } from '../plural';

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
	'growth.deficitsLine': (opened, closed, open) => `Identified: ${opened} · overcome: ${closed} · in progress now: ${open}`,
	'growth.planTitle': 'Plan this year',
	'growth.planLine': (done, total) => `${done} of ${total} ${plural(total, 'action', 'actions')} done`,
	'growth.planNone': 'No plan for this year',
	'growth.activitiesTitle': 'Activities this year',
	'growth.activitiesLine': (n, hours) => `${n} ${plural(n, 'activity', 'activities')}; professional development courses — ${hours} ${plural(hours, 'hour', 'hours')}`,
	'growth.qualityCourses': (n) => `on education quality: ${n}`,
	'growth.print': 'Print'
};
