import { describe, expect, it } from 'vitest';
import { buildOrganization } from '$lib/domain/testing/builders';
import { plan } from '$lib/domain/staff-import';
import { buildXlsx, zip } from './testing/xlsx';
import { XlsxError, readXlsx } from './xlsx-read';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

describe('reading an .xlsx', () => {
	it('reads the first sheet of the workbook, shared strings and numbers, gaps as empty cells', async () => {
		const file = buildXlsx([['ФИО', 'ОО', 'Стаж'], ['Петрова А. & Ко', null, 12], [], ['Белов', 'СОШ № 1', 0]]);
		expect(await readXlsx(file)).toEqual([
			{ line: 1, cells: ['ФИО', 'ОО', 'Стаж'] },
			{ line: 2, cells: ['Петрова А. & Ко', '', '12'] },
			{ line: 4, cells: ['Белов', 'СОШ № 1', '0'] }
		]);
	});

	it('joins rich-text runs, reads inline strings and entities, and skips phonetic hints', async () => {
		const file = zip({
			'xl/worksheets/sheet1.xml': `<worksheet ${NS}><sheetData><row r="3"><c r="B3" t="s"><v>0</v></c><c r="C3" t="inlineStr"><is><t>&#1071; &lt;ок&gt;</t></is></c><c r="D3" t="b"><v>1</v></c></row></sheetData></worksheet>`,
			'xl/sharedStrings.xml': `<sst ${NS}><si><r><t>Пет</t></r><r><rPr><b/></rPr><t xml:space="preserve">рова</t></r><rPh sb="0" eb="1"><t>ペ</t></rPh></si></sst>`
		});
		expect(await readXlsx(file)).toEqual([{ line: 3, cells: ['', 'Петрова', 'Я <ок>', 'TRUE'] }]);
	});

	it('refuses a file that is not a zip', async () => {
		await expect(readXlsx(new TextEncoder().encode('ФИО;ОО\n'))).rejects.toBeInstanceOf(XlsxError);
	});

	it('gives the staff import rows it can plan, dates as day numbers', async () => {
		const file = buildXlsx([
			[
				'ФИО',
				'ОО',
				'Дата рождения',
				'Педагогический стаж',
				'Образование',
				'Квалификационная категория',
				'Срок действия категории',
				'Предмет',
				'E-mail'
			],
			[
				'Петрова Анна Сергеевна',
				'СОШ № 1',
				32944,
				5,
				'высшее',
				'первая',
				'31.05.2028',
				'математика, физика',
				'Petrova@School.ru'
			]
		]);
		const result = plan(
			await readXlsx(file),
			buildOrganization(),
			{ profiles: [], memberships: [] },
			{ serialDates: true }
		);
		expect(result.problems).toEqual([]);
		expect(result.steps[0]).toMatchObject({
			kind: 'create',
			draft: {
				birthDate: '1990-03-12',
				birthYear: 1990,
				experienceYears: 5,
				subjects: ['математика', 'физика'],
				email: 'petrova@school.ru'
			}
		});
	});
});
