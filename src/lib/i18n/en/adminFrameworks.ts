import type { MessagesOf } from '../catalog';
import type { messages as ru } from '../ru/adminFrameworks';

/** English for the same keys and parameters as ru/adminFrameworks.ts (checked by the type). */
export const messages: MessagesOf<typeof ru> = {
	'adminFrameworks.title': 'Competency frameworks'
};
