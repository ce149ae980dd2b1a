import { describe, expect, it } from 'vitest';
import { columnName, crc32, workbook } from './xlsx-write';
import { readXlsx } from '$lib/features/account/xlsx-read';

/** A reader written for this spec: every STORED entry by name, its CRC checked. */
function unzip(bytes: Uint8Array): Map<string, string> {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const files = new Map<string, string>();
	let at = 0;
	while (view.getUint32(at, true) === 0x04034b50) {
		expect(view.getUint16(at + 8, true), 'stored').toBe(0);
		const crc = view.getUint32(at + 14, true);
		const size = view.getUint32(at + 18, true);
		const nameLength = view.getUint16(at + 26, true);
		const extra = view.getUint16(at + 28, true);
		const name = new TextDecoder().decode(bytes.subarray(at + 30, at + 30 + nameLength));
		const data = bytes.subarray(at + 30 + nameLength + extra, at + 30 + nameLength + extra + size);
		expect(crc32(data), name).toBe(crc);
		files.set(name, new TextDecoder().decode(data));
		at += 30 + nameLength + extra + size;
	}
	expect(view.getUint32(at, true), 'central directory follows').toBe(0x02014b50);
	return files;
}

/** The cells of a worksheet: A1 → { type, value }. */
function cells(xml: string): Map<string, { type: 'n' | 's'; value: string }> {
	const out = new Map<string, { type: 'n' | 's'; value: string }>();
	for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"( t="inlineStr")?>(.*?)<\/c>/g)) {
		const text = m[2] ? /<t[^>]*>(.*?)<\/t>/.exec(m[3]!)![1]! : /<v>(.*?)<\/v>/.exec(m[3]!)![1]!;
		out.set(m[1]!, { type: m[2] ? 's' : 'n', value: text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&') });
	}
	return out;
}

describe('the XLSX writer', () => {
	it('computes the zip CRC-32 of a known string', () => {
		expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
	});

	it('names columns as spreadsheets do', () => {
		expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
	});

	it('writes the parts a spreadsheet needs, each STORED with a valid CRC', () => {
		const files = unzip(workbook([{ name: 'Показатели', rows: [['a']] }]));
		expect([...files.keys()]).toEqual([
			'[Content_Types].xml',
			'_rels/.rels',
			'xl/workbook.xml',
			'xl/_rels/workbook.xml.rels',
			'xl/worksheets/sheet1.xml'
		]);
		expect(files.get('xl/workbook.xml')).toContain('<sheet name="Показатели" sheetId="1" r:id="rId1"/>');
	});

	it('keeps text as text, numbers as numbers, and leaves a missing figure empty rather than 0', () => {
		const files = unzip(
			workbook([
				{
					name: 'Показатели',
					rows: [
						['Показатель', 'Числитель', 'Знаменатель', 'Значение'],
						['Доля <ИОМ> & «план»', 12, 25, 0.48],
						['Рост', null, null, 'нет данных']
					]
				}
			])
		);
		const sheet = cells(files.get('xl/worksheets/sheet1.xml')!);
		expect(sheet.get('A2')).toEqual({ type: 's', value: 'Доля <ИОМ> & «план»' });
		expect(sheet.get('B2')).toEqual({ type: 'n', value: '12' });
		expect(sheet.get('D2')).toEqual({ type: 'n', value: '0.48' });
		expect(sheet.has('B3')).toBe(false);
		expect(sheet.get('D3')).toEqual({ type: 's', value: 'нет данных' });
	});

	it('writes one worksheet per table, with distinct tab names Excel accepts', () => {
		const files = unzip(
			workbook([
				{ name: 'Кадровый состав: возраст / стаж [2026]', rows: [[1]] },
				{ name: 'Кадровый состав: возраст / стаж [2026]', rows: [[2]] }
			])
		);
		const names = [...files.get('xl/workbook.xml')!.matchAll(/name="([^"]*)"/g)].map((m) => m[1]!);
		expect(names).toHaveLength(2);
		expect(new Set(names).size).toBe(2);
		for (const n of names) expect(n).toMatch(/^[^[\]:*?/\\]{1,31}$/);
		expect(files.get('[Content_Types].xml')).toContain('/xl/worksheets/sheet2.xml');
		expect(cells(files.get('xl/worksheets/sheet2.xml')!).get('A1')).toEqual({ type: 'n', value: '2' });
	});

	it('opens with the app’s own XLSX reader, cell for cell', async () => {
		const rows = await readXlsx(workbook([{ name: 'Лист', rows: [['ФИО', 'Стаж'], ['Иванова Мария Петровна', 12]] }]));
		expect(rows).toEqual([
			{ line: 1, cells: ['ФИО', 'Стаж'] },
			{ line: 2, cells: ['Иванова Мария Петровна', '12'] }
		]);
	});
});
