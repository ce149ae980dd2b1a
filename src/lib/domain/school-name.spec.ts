import { describe, expect, it } from 'vitest';
import { buildOrganization, uuid } from './testing/builders';
import { schoolKey, schoolMatcher } from './school-name';

describe('school names', () => {
	it('reads «СОШ» as «средняя общеобразовательная школа»: the issue’s Кадниковская school matches', () => {
		expect(schoolKey('МБОУ «Кадниковская СОШ»')).toBe(schoolKey('МБОУ «Кадниковская средняя школа»'));
		expect(schoolKey('МБОУ "Кадниковская средняя общеобразовательная школа"')).toBe(schoolKey('Кадниковская СОШ'));
	});

	it('ignores quotes of every kind, the legal-form prefix, case, ё, spaces and how № is written', () => {
		const key = schoolKey('МБОУ «Средняя общеобразовательная школа № 5»');
		for (const name of [
			'МКОУ "СОШ №5"',
			'маоу „сош N 5“',
			'МОУ СОШ N5',
			'ГБОУ  «СОШ  №  5»',
			'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 5»',
			'МБОУ «СОШ No 5»',
			'сош № 5'
		]) {
			expect(schoolKey(name), name).toBe(key);
		}
		expect(schoolKey('МБОУ «Сокольская средняя школа № 1»')).toBe(schoolKey('Сокольская СШ № 1'));
		expect(schoolKey('МБОУ «Чучковская основная школа»')).toBe(schoolKey('МБОУ "Чучковская ООШ"'));
		expect(schoolKey('Чучковская ОШ')).toBe(schoolKey('Чучковская основная общеобразовательная школа'));
		expect(schoolKey('МБОУ «Начальная школа — детский сад № 3»')).toBe(schoolKey('НОШ - детский сад №3'));
		expect(schoolKey('Пёстровская СОШ')).toBe(schoolKey('Пестровская сош'));
	});

	it('keeps what tells schools apart: the number, the kind of school, the place', () => {
		expect(schoolKey('СОШ № 1')).not.toBe(schoolKey('СОШ № 11'));
		expect(schoolKey('СОШ № 1')).not.toBe(schoolKey('ООШ № 1'));
		expect(schoolKey('Кадниковская СОШ')).not.toBe(schoolKey('Кадниковская ООШ'));
		expect(schoolKey('Кадниковская СОШ')).not.toBe(schoolKey('Сокольская СОШ'));
		expect(schoolKey('Гимназия № 2')).not.toBe(schoolKey('Лицей № 2'));
	});

	it('finds the school by its name or short name, and says when two schools share a name', () => {
		const a = buildOrganization({
			id: uuid(1),
			name: 'МБОУ «Кадниковская средняя школа»',
			shortName: 'Кадниковская СШ'
		});
		const b = buildOrganization({ id: uuid(2), name: 'МБОУ «Сокольская средняя школа № 1»', shortName: null });
		const c = buildOrganization({ id: uuid(3), name: 'МКОУ «Сокольская СОШ № 1»', shortName: null });
		const find = schoolMatcher([a, b, c]);
		expect(find('МБОУ «Кадниковская СОШ»').map((s) => s.id)).toEqual([a.id]);
		expect(find('Кадниковская СШ').map((s) => s.id)).toEqual([a.id]);
		expect(find('Сокольская СОШ №1').map((s) => s.id)).toEqual([b.id, c.id]);
		expect(find('Школа № 9')).toEqual([]);
		expect(find('')).toEqual([]);
	});
});
