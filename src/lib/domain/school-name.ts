/**
 * Matching a school as a staff list names it to a school on record. Real lists name the same
 * school many ways: «МБОУ «Кадниковская СОШ»», «Кадниковская средняя общеобразовательная
 * школа», «МБОУ "СОШ N5"». A name is reduced to a key that keeps only what tells schools apart
 * (the words of the name, the kind of school, the number) and two names match when their keys
 * are equal. The rule, also in docs/staff-import.md:
 *
 * - case, ё/е, quotes of every kind («»"„“”'), punctuation and spacing do not count;
 * - the legal form does not count: МБОУ, МКОУ, МАОУ, МОУ, ГБОУ… and its spelled-out form
 *   («муниципальное бюджетное общеобразовательное учреждение»);
 * - СОШ = СШ = средняя (общеобразовательная) школа, ООШ = ОШ = основная (общеобразовательная)
 *   школа, НОШ = начальная (общеобразовательная) школа; «общеобразовательная» does not count;
 * - «№ 5», «№5», «N 5», «No 5» are one number;
 * - word order does not count (the key is the sorted words).
 *
 * Nothing fuzzier: two schools one letter apart are two schools, and a name that matches no school
 * (or two) is shown to the person to decide.
 */
import type { Id } from './common';

/** Legal forms: М/Г (муниципальное / государственное), Б/К/А (бюджетное / казённое / автономное), ОУ. */
const LEGAL_FORM = /^(?:[мг][бка]?о?у|[мг]об?у|ч?оу|ано)$/;
/** Words of the spelled-out legal form, and «общеобразовательная» which every school is. */
const NOISE = new Set([
	'муниципальное',
	'государственное',
	'бюджетное',
	'казенное',
	'автономное',
	'частное',
	'общеобразовательное',
	'учреждение',
	'общеобразовательная',
	'образовательное',
	'организация'
]);
const ABBREVIATIONS: Record<string, string[]> = {
	сош: ['средняя', 'школа'],
	сш: ['средняя', 'школа'],
	оош: ['основная', 'школа'],
	ош: ['основная', 'школа'],
	нош: ['начальная', 'школа'],
	уиоп: ['углубленным', 'изучением', 'отдельных', 'предметов'],
	имени: ['им']
};

/** The key of a school's name; equal keys are the same school. Empty for an empty name. */
export function schoolKey(name: string): string {
	const text = name
		.toLowerCase()
		.replace(/ё/g, 'е')
		// «N 5», «No. 5», «№5» → «№5» (before punctuation goes: «No.» holds a dot).
		.replace(/(?:№|(?<![a-zа-я])n[o°]?\.?)\s*(\d+)/g, ' №$1 ')
		.replace(/[^a-zа-я0-9№]+/g, ' ');
	const words: string[] = [];
	for (const word of text.split(' ')) {
		if (word === '' || LEGAL_FORM.test(word) || NOISE.has(word)) continue;
		words.push(...(ABBREVIATIONS[word] ?? [word]));
	}
	return words.sort().join(' ');
}

export interface NamedSchool {
	id: Id;
	name: string;
	shortName: string | null;
}

/**
 * A lookup over `schools`: the schools whose name or short name has the key of the given name
 * (none, one, or several when two schools on record reduce to one key). Build it once per file:
 * a 5,000-row list asks it once per row.
 */
export function schoolMatcher<T extends NamedSchool>(schools: readonly T[]): (name: string) => T[] {
	const byKey = new Map<string, T[]>();
	for (const school of schools) {
		const keys = new Set([school.name, school.shortName].filter((n): n is string => !!n).map(schoolKey));
		for (const key of keys) {
			if (key === '') continue;
			const list = byKey.get(key);
			if (list) list.push(school);
			else byKey.set(key, [school]);
		}
	}
	return (name) => byKey.get(schoolKey(name)) ?? [];
}
