/** Organisations of the administrator's console (/admin/organizations). Russian is the source language. */
export const messages = {
	'adminOrgs.title': 'Организации'
} satisfies Record<string, string | ((...args: never[]) => string)>;
