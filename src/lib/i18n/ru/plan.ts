/** Deficits and the ИОМ (individual development plan), with its print view. Russian is the source language. */
export const messages = {
	'plan.title': 'ИОМ'
} satisfies Record<string, string | ((...args: never[]) => string)>;
