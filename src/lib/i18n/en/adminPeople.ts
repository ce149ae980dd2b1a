import type { MessagesOf } from '../catalog';
import type { messages as ru } from '../ru/adminPeople';

/** English for the same keys and parameters as ru/adminPeople.ts (checked by the type). */
export const messages: MessagesOf<typeof ru> = {
	'adminPeople.title': 'People and roles'
};
