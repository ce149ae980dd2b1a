/** People, roles, invitations and the audit log (/admin/people, /admin/audit). Russian is the source language. */
export const messages = {
	'adminPeople.title': 'Люди и роли'
} satisfies Record<string, string | ((...args: never[]) => string)>;
