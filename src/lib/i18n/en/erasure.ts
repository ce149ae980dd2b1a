import type { MessagesOf } from '../catalog';
import type { messages as ru } from '../ru/erasure';

/** English for the same keys and parameters as ru/erasure.ts (checked by the type). */
export const messages: MessagesOf<typeof ru> = {
	'erasure.title': 'Data deletion requests',
	'erasure.link': 'Deletion requests',
	'erasure.text':
		'A teacher may ask for her data to be deleted from the server. Deletion removes the profile, the sign-in account, files, comments and texts; scores, deficits and plan actions stay without a name, so reports do not change.',
	'erasure.loading': 'Loading requests…',
	'erasure.empty': 'No requests.',
	'erasure.requestedAt': (date) => `Requested on ${date}`,
	'erasure.status.requested': 'Waiting',
	'erasure.status.done': 'Carried out',
	'erasure.status.withdrawn': 'Withdrawn',
	'erasure.doneAt': (date) => `Deleted on ${date}`,
	'erasure.files': (n) => `Files in storage: ${n}`,
	'erasure.carryOut': 'Carry out deletion',
	'erasure.confirmTitle': (name) => `Delete the data of ${name}?`,
	'erasure.confirmText':
		'First the person’s files are removed from storage, then on the server: profile, sign-in account, comments and texts. Scores, deficits, plan actions and activities move to an anonymous profile of the school. This cannot be undone. The change log records it.',
	'erasure.confirm': 'Delete for good',
	'erasure.cancel': 'Cancel',
	'erasure.working': 'Deleting…',
	'erasure.carriedOut': 'Deletion carried out.',
	'erasure.auditAction': 'personal data deleted on request',
	'erasure.problem.offline': 'No connection to the server. Try again when the device is online.',
	'erasure.problem.forbidden': 'Only an administrator can do this.',
	'erasure.problem.rejected':
		'The server refused: the person’s files are still in storage or the request is already done. Reload the list and retry.',
	'erasure.offline': 'Requests are shown only when the server can be reached.'
};
