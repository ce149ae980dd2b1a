import type { MessagesOf } from '../catalog';
import type { messages as ru } from '../ru/observation';

/** English for the same keys and parameters as ru/observation.ts (checked by the type). */
export const messages: MessagesOf<typeof ru> = {
	'observation.title': 'Lesson observation'
};
