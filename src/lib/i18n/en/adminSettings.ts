import type { MessagesOf } from '../catalog';
import type { messages as ru } from '../ru/adminSettings';

/** English for the same keys and parameters as ru/adminSettings.ts (checked by the type). */
export const messages: MessagesOf<typeof ru> = {
	'adminSettings.title': 'Years and settings',
	'adminSettings.intro':
		'Monitoring windows by academic year, the region’s report settings and indicator targets for the region, municipalities and schools.',
	'adminSettings.back': 'Administration',
	'adminSettings.year': 'Academic year',
	'adminSettings.yearOption': (label, which) => (which ? `${label} — ${which}` : label),
	'adminSettings.yearCurrent': 'current',
	'adminSettings.yearNext': 'next',
	'adminSettings.yearHint': 'Monitoring windows and targets are set for the chosen academic year.',
	'adminSettings.orgOption': (name, kind) => `${name} (${kind})`,
	'adminSettings.noOrganizations': 'No organisations yet: create a region under “Organisations” first.',

	'adminSettings.windows.title': 'Monitoring windows',
	'adminSettings.windows.hint':
		'The dates of the entry, intermediate and final diagnostics. A municipality may narrow its region’s windows, never widen them. A stage without dates has no window.',
	'adminSettings.windows.org': 'Region or municipality',
	'adminSettings.windows.stage.entry': 'Entry diagnostics',
	'adminSettings.windows.stage.intermediate': 'Intermediate diagnostics',
	'adminSettings.windows.stage.final': 'Final diagnostics',
	'adminSettings.windows.from': 'from',
	'adminSettings.windows.to': 'to',
	'adminSettings.windows.regionWindow': (from, to) => `The region’s window: from ${from} to ${to}.`,
	'adminSettings.windows.regionNone':
		'The region set no window for this stage: any dates of the academic year will do.',
	'adminSettings.windows.save': 'Save windows',
	'adminSettings.windows.saved': (org, year) => `Monitoring windows saved: ${org}, academic year ${year}.`,
	'adminSettings.windows.refused': 'Windows not saved: correct the errors beside the dates.',
	'adminSettings.windows.incomplete': 'Give both dates of the window or leave both empty.',
	'adminSettings.windows.format': 'Not a date: give the day, month and year.',
	'adminSettings.windows.order': 'The “to” date cannot be before the “from” date.',
	'adminSettings.windows.outsideYear': (year, from, to) =>
		`The window must lie inside academic year ${year}: from ${from} to ${to}.`,
	'adminSettings.windows.outsideRegion': (from, to) =>
		`A municipality’s window must lie inside the region’s: from ${from} to ${to}.`,
	'adminSettings.windows.municipalityOutside': (name, from, to) =>
		`Municipality “${name}” already narrowed this window (from ${from} to ${to}): the region’s window must contain it. Change the municipality’s window first.`,

	'adminSettings.region.title': 'Region settings',
	'adminSettings.region.region': 'Region',
	'adminSettings.region.offline':
		'The region’s settings are kept on the server and can only be changed while connected to it. Until then the defaults apply:',
	'adminSettings.region.loading': 'Loading the settings from the server…',
	'adminSettings.region.loadFailed': 'Could not load the settings: no connection to the server. Check the connection.',
	'adminSettings.region.retry': 'Retry',
	'adminSettings.region.threshold': 'Growth threshold',
	'adminSettings.region.thresholdHint':
		'0 to 3, e.g. 0.25: how much a competency group’s mean must rise from the entry to the final diagnostics to count as growth.',
	'adminSettings.region.minGroup': 'Minimum group size',
	'adminSettings.region.minGroupHint':
		'At least 5: municipalities and the region see no figures of a group of fewer teachers, so that no one person’s data can be made out.',
	'adminSettings.region.yearsFrom': 'First academic year in reports',
	'adminSettings.region.yearsFromDefault': 'Default: the current and the two before',
	'adminSettings.region.yearsFromHint': 'The academic year from which municipal and regional reports offer data.',
	'adminSettings.region.reference': 'Staff profile reference date',
	'adminSettings.region.referenceHint':
		'Teachers’ ages and years of service are counted on this date. September–December fall in the academic year’s first calendar year, January–August in the second.',
	'adminSettings.region.day': 'Day',
	'adminSettings.region.month': 'Month',
	'adminSettings.region.referenceExample': (dayMonth, year, date) => `${dayMonth}: in academic year ${year}, ${date}.`,
	'adminSettings.region.save': 'Save settings',
	'adminSettings.region.saved': (region) => `The settings of “${region}” are saved on the server.`,
	'adminSettings.region.forbidden': 'The server refused the change: only an administrator may change region settings.',
	'adminSettings.region.rejected': 'The server refused the values: check them and try again.',
	'adminSettings.region.saveOffline':
		'No connection to the server: the settings are not saved. Try again when connected.',
	'adminSettings.region.defaultThreshold': 'Growth threshold',
	'adminSettings.region.defaultMinGroup': 'Minimum group size',
	'adminSettings.region.defaultYears': 'Academic years in reports',
	'adminSettings.region.defaultReference': 'Staff profile reference date',
	'adminSettings.problem.required': 'Fill in this field.',
	'adminSettings.problem.not_a_number': 'Enter a number, e.g. 0.25.',
	'adminSettings.problem.threshold_range': 'The growth threshold is a number from 0 to 3, e.g. 0.25.',
	'adminSettings.problem.not_integer': 'Enter a whole number of teachers.',
	'adminSettings.problem.below_min':
		'At least 5: a group of fewer than five teachers could give one person’s data away.',
	'adminSettings.problem.too_large': 'At most 1000 teachers.',
	'adminSettings.problem.invalid_year': 'Choose an academic year from the list.',
	'adminSettings.problem.invalid_day': 'This month has no such day (29 February is not in every year).',

	'adminSettings.targets.title': 'Indicator targets',
	'adminSettings.targets.hint':
		'A target holds for the organisation and everything below it until they set their own. The grey value in a field is the one in force now (inherited). An empty field: no target of its own.',
	'adminSettings.targets.org': 'Organisation',
	'adminSettings.targets.colIndicator': 'Indicator',
	'adminSettings.targets.colValue': 'Target, %',
	'adminSettings.targets.inherited': (value, from) => `Inherited: ${value} (${from})`,
	'adminSettings.targets.notInherited': 'None set above',
	'adminSettings.targets.invalid': 'Enter a number from 0 to 100, e.g. 30 or 27.5.',
	'adminSettings.targets.save': 'Save targets',
	'adminSettings.targets.saved': (org, year) => `Targets saved: ${org}, academic year ${year}.`,
	'adminSettings.targets.unchanged': 'Nothing to save: no value changed.',
	'adminSettings.targets.refused': 'Targets not saved: correct the errors beside the fields.'
};
