/**
 * A recommendation worded from a framework indicator, in Russian: the indicator describes what
 * a teacher does («Создаёт ситуацию успеха…», 3rd person, present tense), the recommendation
 * says what to do («Создавать ситуацию успеха…», an infinitive — the way Russian protocols and
 * ИОМ word their actions). Framework texts are Russian data, so the grammar here is Russian too.
 *
 * Pure and small on purpose: it knows the verb endings of the present tense, a short list of
 * verbs they do not predict, and falls back to a sentence that quotes the indicator whole when
 * the text does not start with such a verb (an administrator's framework may word indicators as
 * nouns: «Ситуация успеха на уроке»).
 */

/** Verbs whose infinitive the ending does not give (II conjugation in -еть/-ать, stems that change). */
const IRREGULAR: Record<string, string> = {
	видит: 'видеть',
	смотрит: 'смотреть',
	зависит: 'зависеть',
	терпит: 'терпеть',
	сидит: 'сидеть',
	висит: 'висеть',
	вертит: 'вертеть',
	держит: 'держать',
	слышит: 'слышать',
	дышит: 'дышать',
	ведёт: 'вести',
	ведет: 'вести',
	берёт: 'брать',
	берет: 'брать',
	несёт: 'нести',
	несет: 'нести',
	живёт: 'жить',
	живет: 'жить',
	ждёт: 'ждать',
	ждет: 'ждать',
	зовёт: 'звать',
	зовет: 'звать',
	пишет: 'писать',
	ищет: 'искать',
	может: 'уметь',
	хочет: 'хотеть',
	дует: 'дуть',
	// Both aspects share the present; the practice recommended is a recurring one.
	организует: 'организовывать',
	// A state is not something to do: what one does about not knowing is to study.
	знает: 'изучить'
};

/**
 * Verbs in -авать: their present loses the -ва- (создавать → создаёт), so «-аёт» says it; spelt
 * with «е» for «ё» only the usual stems can tell «создает» (создавать) from «обладает» (обладать).
 */
const AVAT = /аёт$|^(?:со|соз|из|воз|вз|раз|рас|под|над|пере|вы|от|по|пре|при|про|за|у|в|о|до|об)?(?:да|зна|ста)ет$/u;

/** Present-tense endings → infinitive endings, tried in order. */
const ENDINGS: readonly [RegExp, string][] = [
	// формулирует → формулировать, участвует → участвовать
	[/([^аеёиоуыэюя])ует$/u, '$1овать'],
	[/юет$/u, 'евать'],
	// показывает → показывать, применяет → применять, владеет → владеть
	[/ает$/u, 'ать'],
	[/яет$/u, 'ять'],
	[/еет$/u, 'еть'],
	// соотносит → соотносить, учит → учить
	[/([^аеёиоуыэюя])ит$/u, '$1ить']
];

/** The infinitive of a present-tense 3rd-person singular verb (lower case), or null if it is not one. */
export function infinitiveOf(verb: string): string | null {
	const word = verb.toLowerCase();
	if (Object.hasOwn(IRREGULAR, word)) return IRREGULAR[word]!;
	// Reflexive: стремится → стремиться, ориентируется → ориентироваться.
	if (word.endsWith('тся') && word.length > 4) {
		const base = infinitiveOf(word.slice(0, -2));
		return base ? `${base}ся` : null;
	}
	if (AVAT.test(word)) return word.replace(/(?:аёт|ает)$/u, 'авать');
	for (const [ending, replacement] of ENDINGS) {
		if (ending.test(word)) return word.replace(ending, replacement);
	}
	return null;
}

/** Words a clause may start with before its verb: adverbs («Обоснованно использует», «критически оценивает») and «не». */
function isLeadingModifier(word: string): boolean {
	const w = word.toLowerCase();
	return w === 'не' || /(?:о|ски)$/u.test(w);
}

/** «формулирует» → «Формулирует»; an acronym stays as it is. */
function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The indicator inside a sentence: its first letter lower case unless it starts an acronym («ФГОС …»). */
function inSentence(text: string): string {
	return /^\p{Lu}\p{Ll}/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** A word and the punctuation after it: «вовлекает,» → ['вовлекает', ',']. */
function split(token: string): [string, string] {
	const m = /^(\p{L}+)(\P{L}*)$/u.exec(token);
	return m ? [m[1]!, m[2]!] : ['', token];
}

/**
 * The verb of the clause starting at `start` put in the infinitive, in place; false when the
 * clause does not start with a present-tense verb (after at most two modifiers).
 */
function convertClause(words: string[], start: number): boolean {
	for (let i = start; i < Math.min(words.length, start + 3); i++) {
		const [word, tail] = split(words[i]!);
		if (word === '') return false;
		const infinitive = infinitiveOf(word);
		if (infinitive) {
			words[i] = infinitive + tail;
			return true;
		}
		if (tail !== '' || !isLeadingModifier(word)) return false;
	}
	return false;
}

/**
 * «Создаёт ситуацию успеха для обучающихся» → «Создавать ситуацию успеха для обучающихся»;
 * «Обоснованно использует ЦОР» → «Обоснованно использовать ЦОР»; a clause joined by a comma or
 * «и» gets its verb changed too («…, вовлекает их» → «…, вовлекать их»). An indicator that does
 * not start with a present-tense verb is quoted: «Работать над показателем «Ситуация успеха»».
 */
export function recommendationOf(indicator: string): string {
	const text = indicator.replace(/\s+/gu, ' ').trim();
	if (text === '') return '';
	const words = text.split(' ');
	if (!convertClause(words, 0)) return `Работать над показателем «${capitalise(inSentence(text))}»`;
	for (let i = 1; i < words.length; i++) {
		const previous = words[i - 1]!;
		if (/[,;]$/u.test(previous) || previous.toLowerCase() === 'и') convertClause(words, i);
	}
	// The first word keeps its capital; an adverb before the verb keeps the sentence's start.
	return capitalise(words.join(' '));
}
