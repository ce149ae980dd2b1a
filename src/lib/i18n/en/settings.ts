import type { MessagesOf } from '../catalog';
import { plural } from '../plural';
import type { messages as ru } from '../ru/settings';
import { messages as myData } from './myData';

/** English for the same keys and parameters as ru/settings.ts (checked by the type). */
export const messages: MessagesOf<typeof ru> = {
	// Reminders as system notifications (features/settings/NotifySwitch.svelte).
	'settings.notify.title': 'Reminders',
	'settings.notify.switch': 'Show reminders as notifications',
	'settings.notify.hint':
		'While the app is open, new reminders (plan deadlines, meetings, approvals, assessments) arrive as system notifications. The browser asks for permission when you turn the switch on.',
	'settings.notify.denied':
		'Notifications for this site are blocked in the browser settings. Allow them there (the lock icon by the address), then come back and turn the switch on.',
	'settings.notify.unsupported': 'This browser does not show notifications. Reminders are on the home screen.',
	...myData,
	'settings.title': 'Settings',
	'settings.language': 'Interface language',
	'settings.storage': 'Storage on this device',
	'settings.used': (used, quota) => `${used} used of ${quota} available`,
	'settings.persisted': 'Data is protected from automatic clean-up by the browser',
	'settings.notPersisted':
		'The browser may clear data when space runs low. Install the app on the home screen to protect it.',
	'settings.persist': 'Protect data',
	'settings.guestLocal':
		'In guest mode everything is kept on this device only. Save a backup file so as not to lose your records.',
	'settings.unsynced': (n) => `Not sent to the server: ${n}`,
	'settings.backup': 'Backup',
	'settings.backupText':
		'A file with all data on this device, unsent changes included. Save it before changing phones.',
	'settings.export': 'Export my data',
	'settings.import': 'Import from a file',
	'settings.imported': (added, updated, queued) =>
		`Import complete: ${added} added, ${updated} updated, ${queued} changes queued`,
	'settings.importFailed': 'The file was not imported; nothing on the device changed.',
	'settings.backupNotJson': 'This is not a backup file (not JSON).',
	'settings.backupNotOurs': 'This is not a Trajectory backup.',
	'settings.backupNewer': 'The backup was made by a newer version of the app — update the app.',
	'settings.backupCorrupt': 'The file is damaged.',
	'settings.importReport': 'Import report',
	'settings.refusedTotal': (n) => `Not imported: ${n} ${plural(n, 'record', 'records')}`,
	'settings.refusedKept':
		'Everything else was imported. What was already on this device was not changed by these records.',
	'settings.refusedInvalid': 'Damaged or failing the data checks',
	'settings.refusedNotYours': 'Belonging to another person — such records come only from the server',
	'settings.refusedShared':
		'Shared school data (organisations, roles, mentoring pairs, targets) — only the server or the demo school provides it',
	'settings.refusedUnknownPerson':
		'Whose data this is is not known yet: sign in and wait for the first sync, then import again',
	'settings.refusedCount': (what, n) => `${what}: ${n}`,
	'settings.tableOrganizations': 'organisations',
	'settings.tableMemberships': 'roles',
	'settings.tableProfiles': 'profiles',
	'settings.tableFrameworks': 'competence frameworks',
	'settings.tableAssessments': 'assessments',
	'settings.tableDeficits': 'deficits',
	'settings.tablePlans': 'development plans',
	'settings.tableActions': 'plan actions',
	'settings.tableActivities': 'activities',
	'settings.tablePairs': 'mentoring pairs',
	'settings.tableSessions': 'mentoring meetings',
	'settings.tableObservations': 'lesson observations',
	'settings.tableComments': 'comments',
	'settings.tableTargets': 'indicator targets',
	'settings.tableRecommendations': 'addressed recommendations',
	'settings.tableAttachments': 'photos',
	'settings.actAs': 'Act as',
	'settings.actAsText':
		'In guest mode you can see the app as any teacher of the demo school — as if they had signed in on this device.',
	'settings.actingAs': (name) => `You are now acting as ${name}`,
	'settings.demo': 'Demo data',
	'settings.demoText':
		'A school of 25 teachers with assessments, deficits, plans, mentoring and lesson observations — to see every screen.',
	'settings.demoReplace': 'Demo data is already loaded.',
	'settings.version': (v) => `Version ${v}`
};
