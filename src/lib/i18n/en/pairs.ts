import type { MessagesOf } from '../catalog';
import type { messages as ru } from '../ru/pairs';

/** English for the same keys and parameters as ru/pairs.ts (checked by the type). */
export const messages: MessagesOf<typeof ru> = {
	'pairs.title': 'Mentoring pairs'
};
