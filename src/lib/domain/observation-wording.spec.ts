import { describe, expect, it } from 'vitest';
import { DEFAULT_FRAMEWORK } from './frameworks/default';
import { infinitiveOf, recommendationOf } from './observation-wording';

const SHIPPED = [DEFAULT_FRAMEWORK];
const indicators = SHIPPED.flatMap((f) => f.competencies.flatMap((c) => c.indicators.map((i) => i.text)));

/** A word without the punctuation around it. */
const bare = (token: string) => token.replace(/^\P{L}+|\P{L}+$/gu, '');

/** An infinitive, reflexive or not: делать, вести, мочь, учиться. */
const INFINITIVE = /^\p{L}+(?:ть|ти|чь)(?:ся)?$/u;
/** A present-tense 3rd-person verb of the kinds the shipped indicators use (их, связанные… are not). */
const PRESENT = /^\p{L}+(?:ает|яет|еет|ует|аёт|ит|ёт)$/u;

describe('recommendationOf', () => {
	it('words every indicator of the shipped frameworks as an infinitive, never as «Развивать: <verb>»', () => {
		expect(indicators.length).toBeGreaterThan(30);
		for (const text of indicators) {
			const wording = recommendationOf(text);
			expect(wording, text).not.toMatch(/^Развивать/u);
			expect(wording, text).not.toMatch(/^\p{L}+:/u);
			expect(wording, text).toMatch(/^\p{Lu}/u);
			const words = wording.split(' ').map(bare);
			const original = text.split(' ').map(bare);
			// The same words but the verbs, now infinitives (the first clause's and any joined by «,» or «и»).
			expect(words.length, text).toBe(original.length);
			const changed = words.flatMap((w, i) => (w.toLowerCase() === original[i]!.toLowerCase() ? [] : [w]));
			expect(changed.length, text).toBeGreaterThan(0);
			for (const w of changed) expect(w, text).toMatch(INFINITIVE);
			// No verb is left in the present tense beside an infinitive («Организовать …, вовлекает их»).
			expect(
				words.filter((w) => PRESENT.test(w)),
				text
			).toEqual([]);
		}
	});

	it.each([
		[
			'Создаёт ситуацию успеха для обучающихся с разным уровнем подготовки',
			'Создавать ситуацию успеха для обучающихся с разным уровнем подготовки'
		],
		['Формулирует цели урока в деятельностной форме', 'Формулировать цели урока в деятельностной форме'],
		['Соотносит цели урока с планируемыми результатами ФГОС', 'Соотносить цели урока с планируемыми результатами ФГОС'],
		['Даёт содержательную обратную связь', 'Давать содержательную обратную связь'],
		['Применяет технологии системно-деятельностного подхода', 'Применять технологии системно-деятельностного подхода'],
		[
			'Обоснованно использует цифровые образовательные ресурсы',
			'Обоснованно использовать цифровые образовательные ресурсы'
		],
		['Свободно владеет содержанием предмета', 'Свободно владеть содержанием предмета'],
		[
			'Организует принятие цели обучающимися, вовлекает их в постановку учебных задач',
			'Организовывать принятие цели обучающимися, вовлекать их в постановку учебных задач'
		],
		[
			'Анализирует результаты ВПР и ГИА поэлементно и выявляет проблемные элементы',
			'Анализировать результаты ВПР и ГИА поэлементно и выявлять проблемные элементы'
		],
		[
			'Организует учебный диалог, критически оценивает ответы',
			'Организовывать учебный диалог, критически оценивать ответы'
		],
		['Участвует в профессиональном взаимодействии', 'Участвовать в профессиональном взаимодействии'],
		['Учит обучающихся находить информацию', 'Учить обучающихся находить информацию'],
		['Знакомит обучающихся с критериями оценивания', 'Знакомить обучающихся с критериями оценивания'],
		['Знает структуру КИМ ВПР', 'Изучить структуру КИМ ВПР'],
		['Обеспечивает объективность оценивания', 'Обеспечивать объективность оценивания'],
		['Не допускает перегрузки обучающихся', 'Не допускать перегрузки обучающихся'],
		['Создает условия для самостоятельной работы', 'Создавать условия для самостоятельной работы'],
		['Ориентируется в требованиях ФОП', 'Ориентироваться в требованиях ФОП'],
		['Стремится к объективности', 'Стремиться к объективности'],
		['Ведёт учебный диалог', 'Вести учебный диалог'],
		['Видит затруднения обучающихся', 'Видеть затруднения обучающихся']
	])('«%s» → «%s»', (indicator, wording) => {
		expect(recommendationOf(indicator)).toBe(wording);
	});

	it('quotes an indicator that does not start with a verb instead of forcing one', () => {
		expect(recommendationOf('Ситуация успеха на уроке')).toBe('Работать над показателем «Ситуация успеха на уроке»');
		expect(recommendationOf('ФГОС: знание требований')).toBe('Работать над показателем «ФГОС: знание требований»');
	});

	it('keeps line breaks and double spaces out of the wording', () => {
		expect(recommendationOf('  Использует приёмы\nформирующего  оценивания ')).toBe(
			'Использовать приёмы формирующего оценивания'
		);
	});
});

describe('infinitiveOf', () => {
	it('tells a verb in -ает of -авать from one of -ать', () => {
		expect(infinitiveOf('создает')).toBe('создавать');
		expect(infinitiveOf('обладает')).toBe('обладать');
		expect(infinitiveOf('показывает')).toBe('показывать');
	});

	it('is null for a word that is not a present-tense verb', () => {
		expect(infinitiveOf('ситуация')).toBeNull();
		expect(infinitiveOf('успех')).toBeNull();
	});
});
