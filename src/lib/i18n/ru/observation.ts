/** Lesson observation: quick mode, full protocol, recommendations, peer visits. Russian is the source language. */
export const messages = {
	'observation.title': 'Посещение урока'
} satisfies Record<string, string | ((...args: never[]) => string)>;
