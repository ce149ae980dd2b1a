import type { MessagesOf } from '../catalog';
import type { messages as ru } from '../ru/myData';

/** English for the same keys and parameters as ru/myData.ts (checked by the type). */
export const messages: MessagesOf<typeof ru> = {
	'myData.title': 'My data on the server',
	'myData.text':
		'Everything the server holds about you: profile and roles, assessments, development plans, activities, mentoring, lesson observations, comments — and your files.',
	'myData.offline':
		'This needs the server. When the device is online you can download your data here or ask for it to be deleted. The backup of this device (above) works offline too.',
	'myData.download': 'Download everything',
	'myData.downloading': 'Preparing the archive…',
	'myData.fileProgress': (done, total) => `Files: ${done} of ${total}`,
	'myData.saved': 'Archive saved.',
	'myData.missing': (n) => `${n} file(s) could not be fetched. They are listed in export.json.`,
	'myData.readme': (date) =>
		`Trajectory: the data the server holds about you on ${date}.\n\n` +
		'data/ — one JSON file per table: the rows that name your profile or your account.\n' +
		'files/ — your files (photos, documents) at their storage paths.\n' +
		'export.json — what is inside and which files could not be fetched.\n',
	'myData.erasureTitle': 'Deleting your data',
	'myData.erasureText': 'You can ask for your data to be deleted from the server. An administrator carries it out.',
	'myData.request': 'Ask to delete my data',
	'myData.confirmTitle': 'Delete your data from the server?',
	'myData.confirmDeleted':
		'The administrator deletes your profile (name, e-mail, date of birth, position), your sign-in account, your files, comments and texts: goals, reflections, notes, recommendations to you.',
	'myData.confirmKept':
		'Scores, deficits, plan actions and activities stay without a name — under an anonymous profile of your school, so the school’s and municipality’s reports do not change. Reports already published or printed do not change.',
	'myData.confirmAccount':
		'Afterwards you can no longer sign in. The data on this device is deleted when you sign out (the «Sign out» button above).',
	'myData.confirmHint':
		'Until it is carried out you can withdraw the request. If you need the archive, download it first.',
	'myData.confirm': 'Send the request',
	'myData.cancel': 'Cancel',
	'myData.sent': 'Request sent to the administrator.',
	'myData.requested': (date) =>
		`On ${date} you asked for your data to be deleted. An administrator will carry it out; until then you can withdraw it.`,
	'myData.withdraw': 'Withdraw the request',
	'myData.withdrawn': 'Deletion request withdrawn.',
	'myData.problem.offline': 'No connection to the server. Try again when the device is online.',
	'myData.problem.forbidden': 'The server did not allow this. Sign in again and retry.',
	'myData.problem.rejected': 'The server refused the request. Reload the page and retry.'
};
