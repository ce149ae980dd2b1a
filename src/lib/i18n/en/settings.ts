import type { MessagesOf } from '../catalog';
import type { messages as ru } from '../ru/settings';

/** English for the same keys and parameters as ru/settings.ts (checked by the type). */
export const messages: MessagesOf<typeof ru> = {
	'settings.title': 'Settings',
	'settings.language': 'Interface language',
	'settings.storage': 'Storage on this device',
	'settings.used': (used, quota) => `${used} used of ${quota} available`,
	'settings.persisted': 'Data is protected from automatic clean-up by the browser',
	'settings.notPersisted': 'The browser may clear data when space runs low. Install the app on the home screen to protect it.',
	'settings.persist': 'Protect data',
	'settings.unsynced': (n) => `Not sent to the server: ${n}`,
	'settings.backup': 'Backup',
	'settings.backupText': 'A file with all data on this device, unsent changes included. Save it before changing phones.',
	'settings.export': 'Export my data',
	'settings.import': 'Import from a file',
	'settings.imported': (added, updated, queued) => `Import complete: ${added} added, ${updated} updated, ${queued} changes queued`,
	'settings.importFailed': 'The file was not imported; nothing on the device changed.',
	'settings.backupNotJson': 'This is not a backup file (not JSON).',
	'settings.backupNotOurs': 'This is not a Trajectory backup.',
	'settings.backupNewer': 'The backup was made by a newer version of the app — update the app.',
	'settings.backupCorrupt': 'The file is damaged.',
	'settings.actAs': 'Act as',
	'settings.actAsText': 'In guest mode you can see the app as any teacher of the demo school — as if they had signed in on this device.',
	'settings.actingAs': (name) => `You are now acting as ${name}`,
	'settings.demo': 'Demo data',
	'settings.demoText': 'A school of 25 teachers with assessments, deficits, plans, mentoring and lesson observations — to see every screen.',
	'settings.demoReplace': 'Demo data is already loaded.',
	'settings.version': (v) => `Version ${v}`
};
