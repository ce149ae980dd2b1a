import { pluralCategory } from './format';

/**
 * Russian plural form by CLDR's rules: one (1, 21), few (2–4, 22–24), many (0, 5–20, 11–14); a
 * fraction takes the genitive singular, the few form: «1,5 часа», «0,5 часа».
 */
export function pluralRu(n: number, one: string, few: string, many: string): string {
	const category = pluralCategory(n, 'ru');
	return category === 'one' ? one : category === 'many' ? many : few;
}

/** English plural: one (1) or other (0, 2, 1.5). */
export function plural(n: number, one: string, other: string): string {
	return pluralCategory(n, 'en') === 'one' ? one : other;
}
