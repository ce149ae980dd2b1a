import type { MessagesOf } from '../catalog';
import type { messages as ru } from '../ru/forms';

/** English for the same keys and parameters as ru/forms.ts (checked by the type). */
export const messages: MessagesOf<typeof ru> = {
	'draft.notStored':
		'The draft is not being kept: the device is out of space. Your text stays only while the app is open.',
	'draft.conflict': 'Another tab had typed something else here:',
	'draft.conflictSaved': 'While you were typing, something else was saved here (in another tab or on another device):',
	'draft.take': 'Use that text',
	'draft.keepMine': 'Keep mine',
	'draft.conflictReplaced': 'What you typed here was replaced by a later text from another tab. Yours was:',
	'draft.takeBack': 'Bring mine back',
	'draft.keepNewer': 'Keep the newer one',
	'validation.required': 'This field is required',
	'validation.too_short': (p) => `At least ${p.min} characters`,
	'validation.too_long': (p) => `At most ${p.max} characters`,
	'validation.not_a_number': 'Enter a number',
	'validation.not_integer': 'Enter a whole number',
	'validation.out_of_range': (p) =>
		p.gt !== undefined
			? p.max !== undefined
				? `More than ${p.gt} and at most ${p.max}`
				: `Must be more than ${p.gt}`
			: p.min !== undefined && p.max !== undefined
				? `Between ${p.min} and ${p.max}`
				: p.min !== undefined
					? `At least ${p.min}`
					: `At most ${p.max}`,
	'validation.invalid_date': 'Enter a valid date',
	'validation.date_before': (p) => `Not earlier than ${p.min}`,
	'validation.date_after': (p) => `Not later than ${p.max}`,
	'validation.invalid_option': 'Choose a value from the list',
	'validation.invalid_url': 'Enter a link starting with http:// or https://',
	'validation.invalid_email': 'Enter an e-mail address',
	'validation.invalid_id': 'Invalid reference',
	'validation.invalid_type': 'Invalid value',
	'validation.not_allowed': 'This field must be empty here',
	'validation.must_differ': 'The values must differ',
	'validation.duplicate': 'The value is repeated',
	'validation.mismatch': 'The value does not match the related record',
	'validation.invalid_character':
		'The text contains a broken character (half of an emoji) — delete it and type it again',
	// The page of an address the app does not have (routes/+error.svelte), which waits for them.
	'error.pageMissing': 'Page not found',
	'error.pageMissingText':
		'There is no such page in the app: the link may be old or the address mistyped. Your data is safe.',
	'error.pageFailed': 'The page did not open',
	'error.pageFailedText':
		'Something went wrong. Go back to the start and try again; what you entered is kept on the device.',
	'error.toStart': 'Go to the start'
};
