import { describe, expect, it } from 'vitest';
import { decodeText } from '$lib/features/account/staff-file';
import { windows1251 } from '$lib/features/account/testing/encodings';
import { newSchools, parseFlag, planSchoolList, type RecordedSchool, type SchoolLine } from './school-list';
import { parseCsv, type SheetRow } from './staff-import';
import { IDS, uuid } from './testing/builders';

const HEADER = 'Наименование;Краткое наименование;ШНОР;ШНСУ;500+;Часовой пояс';
const ON_RECORD: RecordedSchool[] = [
	{ id: uuid(5001), name: 'МБОУ «Средняя общеобразовательная школа № 1»', shortName: 'СОШ № 1', closedOn: null },
	{ id: uuid(5002), name: 'МБОУ "ООШ № 7"', shortName: null, closedOn: '2025-08-31' }
];

/** A file as Russian Excel saves «CSV (разделители — запятые)»: Windows-1251, «;», CRLF. */
function excelCsv(lines: string[]): SheetRow[] {
	return parseCsv(decodeText(windows1251(lines.join('\r\n'))));
}

function outcomes(lines: SchoolLine[]) {
	return lines.map((l) =>
		l.status === 'error'
			? [l.line, l.status, l.problems.map((p) => [p.column, p.code, p.value ?? p.ref ?? null])]
			: [l.line, l.status, l.name]
	);
}

describe('a municipality’s school list', () => {
	it('reads a Windows-1251 «;» file with a title line: new schools, one already on record, duplicates and bad cells', () => {
		const sheet = excelCsv([
			'Список общеобразовательных организаций Беловского МО, на 01.09.2026;;;;;',
			HEADER,
			'МБОУ «Средняя общеобразовательная школа № 2»;СОШ № 2;да;нет;нет;Asia/Novokuznetsk',
			'мбоу "средняя общеобразовательная школа №1";СОШ № 1;нет;нет;нет;',
			'МБОУ «Ёлкинская ООШ»;Ёлкинская ООШ;+;ДА;-;',
			'МБОУ «Средняя  общеобразовательная школа № 2»;;нет;нет;нет;',
			'МБОУ «ООШ № 7»;ООШ № 7;нет;нет;нет;',
			';без названия;нет;нет;нет;',
			'МКОУ «Старая школа»;;может быть;нет;нет;UTC+7'
		]);
		const plan = planSchoolList(sheet, IDS.municipality, ON_RECORD);
		expect(plan.fileProblems).toEqual([]);
		expect(outcomes(plan.lines)).toEqual([
			[3, 'new', 'МБОУ «Средняя общеобразовательная школа № 2»'],
			[4, 'existing', 'мбоу "средняя общеобразовательная школа №1"'],
			[5, 'new', 'МБОУ «Ёлкинская ООШ»'],
			[6, 'error', [['name', 'duplicate_in_file', 3]]],
			[7, 'existing', 'МБОУ «ООШ № 7»'],
			[8, 'error', [['name', 'required', null]]],
			[
				9,
				'error',
				[
					['lowResults', 'unknown_flag', 'может быть'],
					['timeZone', 'unknown_time_zone', 'UTC+7']
				]
			]
		]);
		expect(plan.counts).toEqual({ new: 2, existing: 2, error: 3 });
		expect(plan.lines[1]).toMatchObject({ schoolId: uuid(5001), closedOn: null });
		expect(plan.lines[4]).toMatchObject({ schoolId: uuid(5002), closedOn: '2025-08-31' });
		expect(newSchools(plan)).toEqual([
			{
				kind: 'school',
				name: 'МБОУ «Средняя общеобразовательная школа № 2»',
				shortName: 'СОШ № 2',
				parentId: IDS.municipality,
				lowResults: true,
				adverseConditions: false,
				program500: false,
				timeZone: 'Asia/Novokuznetsk',
				closedOn: null,
				monitoring: {},
				mentorsApprovePlans: false
			},
			expect.objectContaining({
				name: 'МБОУ «Ёлкинская ООШ»',
				shortName: 'Ёлкинская ООШ',
				lowResults: true,
				adverseConditions: true,
				program500: false,
				timeZone: null
			})
		]);
	});

	it('finds a school on record as the staff import finds schools: legal form, abbreviations and word order do not count', () => {
		const sheet: SheetRow[] = [
			{ line: 1, cells: ['Наименование', 'Краткое наименование', 'ШНОР', 'ШНСУ', '500+'] },
			{ line: 2, cells: ['МАОУ СОШ №1', '', 'нет', 'нет', 'нет'] },
			{ line: 3, cells: ['Основная общеобразовательная школа № 7', '', 'нет', 'нет', 'нет'] },
			{ line: 4, cells: ['Гимназия имени Пушкина', 'СОШ № 1', 'нет', 'нет', 'нет'] },
			{ line: 5, cells: ['СОШ № 9', '', 'нет', 'нет', 'нет'] },
			{ line: 6, cells: ['Средняя школа № 9', '', 'нет', 'нет', 'нет'] }
		];
		const twins: RecordedSchool[] = [
			...ON_RECORD,
			{ id: uuid(5003), name: 'МБОУ «СОШ № 9»', shortName: null, closedOn: null },
			{ id: uuid(5004), name: 'МКОУ «Средняя школа № 9»', shortName: null, closedOn: null }
		];
		expect(outcomes(planSchoolList(sheet, IDS.municipality, twins).lines)).toEqual([
			[2, 'existing', 'МАОУ СОШ №1'],
			[3, 'existing', 'Основная общеобразовательная школа № 7'],
			// Listed under another full name, but its short name is on record.
			[4, 'existing', 'Гимназия имени Пушкина'],
			[5, 'error', [['name', 'ambiguous_match', 'МБОУ «СОШ № 9»; МКОУ «Средняя школа № 9»']]],
			[6, 'error', [['name', 'duplicate_in_file', 5]]]
		]);
	});

	it('reads a UTF-8 «,» file with quoted names and without the optional columns', () => {
		const sheet = parseCsv(['Наименование,ШНОР,ШНСУ,500+', '"МБОУ ""СОШ № 3"", п. Лесной",нет,да,TRUE'].join('\n'));
		const plan = planSchoolList(sheet, IDS.municipality, []);
		expect(newSchools(plan)).toEqual([
			expect.objectContaining({
				name: 'МБОУ "СОШ № 3", п. Лесной',
				shortName: null,
				adverseConditions: true,
				program500: true,
				timeZone: null
			})
		]);
	});

	it('refuses a file without its columns, naming each missing one, and lists no lines', () => {
		const plan = planSchoolList(
			[
				{ line: 1, cells: ['Наименование', 'ШНОР', 'Адрес'] },
				{ line: 2, cells: ['СОШ № 1', 'да', 'ул. Ленина, 1'] }
			],
			IDS.municipality,
			[]
		);
		expect(plan.lines).toEqual([]);
		expect(plan.fileProblems).toEqual([
			{ line: 1, column: 'adverseConditions', code: 'missing_column' },
			{ line: 1, column: 'program500', code: 'missing_column' }
		]);
		expect(planSchoolList([], IDS.municipality, []).fileProblems).toEqual([
			{ line: 1, column: null, code: 'empty_file' }
		]);
	});

	it('reads да/нет as lists write it and refuses anything else', () => {
		expect(['да', 'Да', 'ДА', '+', '1', 'TRUE', 'ИСТИНА', 'x'].map(parseFlag)).toEqual(Array(8).fill(true));
		expect(['нет', 'Нет', '', '-', '—', '0', 'FALSE', 'ЛОЖЬ'].map(parseFlag)).toEqual(Array(8).fill(false));
		expect(['может быть', 'да нет', '2'].map(parseFlag)).toEqual([null, null, null]);
	});
});
