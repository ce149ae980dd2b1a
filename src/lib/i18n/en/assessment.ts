import type { MessagesOf } from '../catalog';
import type { messages as ru } from '../ru/assessment';

/** English for the same keys and parameters as ru/assessment.ts (checked by the type). */
export const messages: MessagesOf<typeof ru> = {
	'assessment.title': 'Self-assessment'
};
