/** Self-assessment: stage and year, competency screens, summary, comparison. Russian is the source language. */
export const messages = {
	'assessment.title': 'Самооценка'
} satisfies Record<string, string | ((...args: never[]) => string)>;
