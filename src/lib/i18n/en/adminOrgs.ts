import type { MessagesOf } from '../catalog';
import type { messages as ru } from '../ru/adminOrgs';

/** English for the same keys and parameters as ru/adminOrgs.ts (checked by the type). */
export const messages: MessagesOf<typeof ru> = {
	'adminOrgs.title': 'Organisations'
};
