import type { MessagesOf } from '../catalog';
import type { messages as ru } from '../ru/growth';

/** English for the same keys and parameters as ru/growth.ts (checked by the type). */
export const messages: MessagesOf<typeof ru> = {
	'growth.title': 'My growth'
};
