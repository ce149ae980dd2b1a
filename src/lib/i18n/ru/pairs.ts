/** Mentoring pairs and the personalised mentoring programme (ППН), for the school methodist. Russian is the source language. */
export const messages = {
	'pairs.title': 'Наставнические пары'
} satisfies Record<string, string | ((...args: never[]) => string)>;
