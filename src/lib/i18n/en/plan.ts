import type { MessagesOf } from '../catalog';
import type { messages as ru } from '../ru/plan';

/** English for the same keys and parameters as ru/plan.ts (checked by the type). */
export const messages: MessagesOf<typeof ru> = {
	'plan.title': 'Development plan'
};
