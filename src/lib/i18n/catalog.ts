import type { messages as shell } from './ru/shell';
import type { messages as teacher } from './ru/teacher';
import type { messages as mentor } from './ru/mentor';
import type { messages as school } from './ru/school';
import type { messages as admin } from './ru/admin';
import type { messages as settings } from './ru/settings';
import type { messages as assessment } from './ru/assessment';
import type { messages as plan } from './ru/plan';
import type { messages as growth } from './ru/growth';
import type { messages as pairs } from './ru/pairs';
import type { messages as observation } from './ru/observation';
import type { messages as portfolio } from './ru/portfolio';
import type { messages as account } from './ru/account';
import type { messages as forms } from './ru/forms';

/**
 * The catalogue is split by area so that a screen downloads only the words it shows: the shell
 * part ships with the app, the forms part follows once the first screen is up (root layout), each
 * area's part is loaded by its section's `+layout.ts`.
 */
export const AREAS = [
	'shell',
	'forms',
	'teacher',
	'mentor',
	'school',
	'admin',
	'settings',
	'assessment',
	'plan',
	'growth',
	'pairs',
	'observation',
	'portfolio',
	'account'
] as const;
export type Area = (typeof AREAS)[number];

type Source = typeof shell &
	typeof forms &
	typeof teacher &
	typeof mentor &
	typeof school &
	typeof admin &
	typeof settings &
	typeof assessment &
	typeof plan &
	typeof growth &
	typeof pairs &
	typeof observation &
	typeof portfolio &
	typeof account;

/** One part's shape in any language: the same keys, with the same parameters. */
export type MessagesOf<T> = {
	[K in keyof T]: T[K] extends (...args: infer A) => string ? (...args: A) => string : string;
};

export type Messages = MessagesOf<Source>;
export type MessageKey = keyof Messages;
