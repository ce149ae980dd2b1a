/** «Мой рост»: the teacher’s own evidence across assessments. Russian is the source language. */
export const messages = {
	'growth.title': 'Мой рост'
} satisfies Record<string, string | ((...args: never[]) => string)>;
