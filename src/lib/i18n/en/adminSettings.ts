import type { MessagesOf } from '../catalog';
import type { messages as ru } from '../ru/adminSettings';

/** English for the same keys and parameters as ru/adminSettings.ts (checked by the type). */
export const messages: MessagesOf<typeof ru> = {
	'adminSettings.title': 'Years and settings'
};
