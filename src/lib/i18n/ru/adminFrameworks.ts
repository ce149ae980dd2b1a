/** Competency frameworks and their versions (/admin/frameworks). Russian is the source language. */
export const messages = {
	'adminFrameworks.title': 'Рамки компетенций'
} satisfies Record<string, string | ((...args: never[]) => string)>;
