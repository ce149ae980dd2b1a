/** Academic years, monitoring windows, settings and targets (/admin/settings). Russian is the source language. */
export const messages = {
	'adminSettings.title': 'Годы и настройки'
} satisfies Record<string, string | ((...args: never[]) => string)>;
