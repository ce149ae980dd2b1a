import { describe, expect, it } from 'vitest';
import { cleanStrings, cleanText, hasLoneSurrogate } from './text';

describe('cleanText', () => {
	it('drops U+0000 and the other stray C0 controls a paste brings along', () => {
		expect(cleanText('Курс\u0000 ПК')).toBe('Курс ПК');
		expect(cleanText('\u0001\u0007a\u0008b\u000bc\u000cd\u001b[0m\u001f')).toBe('abcd[0m');
	});
	it('keeps tabs and line breaks, and makes every line break a line feed', () => {
		expect(cleanText('a\tb\nc')).toBe('a\tb\nc');
		expect(cleanText('строка 1\r\nстрока 2\rстрока 3')).toBe('строка 1\nстрока 2\nстрока 3');
	});
	it('leaves other text as it is, Unicode spaces, emoji and DEL included', () => {
		const text = '\u00a0Курс\u3000ПК 🙂 \u007f';
		expect(cleanText(text)).toBe(text);
	});
});

describe('hasLoneSurrogate', () => {
	it('finds half of a pair wherever it is', () => {
		expect(hasLoneSurrogate('Курс \ud83d')).toBe(true);
		expect(hasLoneSurrogate('\ude00 Курс')).toBe(true);
		expect(hasLoneSurrogate('a\ud83d\ud83db')).toBe(true);
		expect(hasLoneSurrogate('🙂'.slice(0, 1))).toBe(true);
	});
	it('accepts whole pairs and plain text', () => {
		expect(hasLoneSurrogate('🙂 учитель 👩‍🏫')).toBe(false);
		expect(hasLoneSurrogate('')).toBe(false);
	});
});

describe('cleanStrings', () => {
	it('cleans every string inside objects and lists, and leaves other values alone', () => {
		const draft = {
			title: 'a\u0000b',
			hours: 36,
			done: false,
			at: null,
			evidence: [{ kind: 'link', value: 'x\u0002y' }],
			tags: ['p\u0000']
		};
		expect(cleanStrings(draft)).toEqual({
			title: 'ab',
			hours: 36,
			done: false,
			at: null,
			evidence: [{ kind: 'link', value: 'xy' }],
			tags: ['p']
		});
		expect(draft.title).toBe('a\u0000b');
	});
	it('returns the very same value when there was nothing to clean', () => {
		const draft = { title: 'Курс', evidence: [{ value: 'ok' }] };
		expect(cleanStrings(draft)).toBe(draft);
	});
});
