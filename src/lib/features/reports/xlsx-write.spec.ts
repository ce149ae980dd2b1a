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
	for (const [ref, cell] of styledCells(xml)) out.set(ref, { type: cell.type, value: cell.value });
	return out;
}

/** The cells with their style index (the s attribute; 0 when absent). */
function styledCells(xml: string): Map<string, { type: 'n' | 's'; value: string; style: number }> {
	const out = new Map<string, { type: 'n' | 's'; value: string; style: number }>();
	for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"((?: [a-z]+="[^"]*")*)>(.*?)<\/c>/g)) {
		const attrs = m[2]!;
		const text = attrs.includes('t="inlineStr"')
			? /<t[^>]*>(.*?)<\/t>/.exec(m[3]!)![1]!
			: /<v>(.*?)<\/v>/.exec(m[3]!)![1]!;
		out.set(m[1]!, {
			type: attrs.includes('t="inlineStr"') ? 's' : 'n',
			value: text
				.replace(/&lt;/g, '<')
				.replace(/&gt;/g, '>')
				.replace(/&quot;/g, '"')
				.replace(/&amp;/g, '&'),
			style: Number(/ s="(\d+)"/.exec(attrs)?.[1] ?? 0)
		});
	}
	return out;
}

/** styles.xml's cell formats: index → { numFmt code, bold, wrap }. */
function cellFormats(styles: string): { format: string; bold: boolean; wrap: boolean }[] {
	const codes = new Map<number, string>([
		[0, 'General'],
		[1, '0'],
		[2, '0.00'],
		[9, '0%'],
		[10, '0.00%']
	]);
	for (const m of styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"\/>/g)) codes.set(Number(m[1]), m[2]!);
	const fonts = [
		...(/<fonts[^>]*>(.*?)<\/fonts>/.exec(styles)?.[1] ?? '').matchAll(/<font>(.*?)<\/font>|<font\/>/g)
	].map((m) => (m[1] ?? '').includes('<b/>'));
	const xfs = /<cellXfs[^>]*>(.*?)<\/cellXfs>/.exec(styles)![1]!;
	return [...xfs.matchAll(/<xf ([^>]*?)(?:\/>|>(.*?)<\/xf>)/g)].map((m) => ({
		format: codes.get(Number(/numFmtId="(\d+)"/.exec(m[1]!)?.[1] ?? 0))!,
		bold: fonts[Number(/fontId="(\d+)"/.exec(m[1]!)?.[1] ?? 0)] ?? false,
		wrap: (m[2] ?? '').includes('wrapText="1"')
	}));
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
			'xl/styles.xml',
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
		const rows = await readXlsx(
			workbook([
				{
					name: 'Лист',
					rows: [
						['ФИО', 'Стаж'],
						['Иванова Мария Петровна', 12]
					]
				}
			])
		);
		expect(rows).toEqual([
			{ line: 1, cells: ['ФИО', 'Стаж'] },
			{ line: 2, cells: ['Иванова Мария Петровна', '12'] }
		]);
	});

	it('writes a styles part the workbook refers to', () => {
		const files = unzip(workbook([{ name: 'Лист', rows: [['a']] }]));
		expect(files.has('xl/styles.xml')).toBe(true);
		expect(files.get('[Content_Types].xml')).toContain(
			'PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"'
		);
		expect(files.get('xl/_rels/workbook.xml.rels')).toMatch(/Type="[^"]*\/relationships\/styles" Target="styles.xml"/);
	});

	it('sets the header row in bold, wrapped, and freezes it while the rows scroll', () => {
		const files = unzip(
			workbook([
				{
					name: 'Показатели',
					rows: [
						['Показатель', 'Значение, %'],
						['Доля', { value: 0.32, format: 'percent' }]
					]
				}
			])
		);
		const sheet = files.get('xl/worksheets/sheet1.xml')!;
		const formats = cellFormats(files.get('xl/styles.xml')!);
		const shown = styledCells(sheet);
		for (const ref of ['A1', 'B1']) {
			expect(formats[shown.get(ref)!.style]!.bold, ref).toBe(true);
			expect(formats[shown.get(ref)!.style]!.wrap, ref).toBe(true);
		}
		expect(formats[shown.get('A2')!.style]!.bold).toBe(false);
		expect(sheet).toMatch(
			/<sheetViews><sheetView [^>]*workbookViewId="0"[^>]*><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"\/>/
		);
		// The parts of a worksheet in the order the schema requires.
		expect(sheet.indexOf('<sheetViews>')).toBeLessThan(sheet.indexOf('<cols>'));
		expect(sheet.indexOf('<cols>')).toBeLessThan(sheet.indexOf('<sheetData>'));
	});

	it('writes a share as the number it is with a percent format, and a level with two decimals', () => {
		const files = unzip(
			workbook([
				{
					name: 'Показатели',
					rows: [
						['Показатель', 'Значение', 'Средний уровень'],
						['Доля', { value: 0.32, format: 'percent' }, { value: 2.35, format: 'decimal2' }]
					]
				}
			])
		);
		const formats = cellFormats(files.get('xl/styles.xml')!);
		const shown = styledCells(files.get('xl/worksheets/sheet1.xml')!);
		expect(shown.get('B2')).toMatchObject({ type: 'n', value: '0.32' });
		expect(formats[shown.get('B2')!.style]!.format).toBe('0.0%');
		expect(shown.get('C2')).toMatchObject({ type: 'n', value: '2.35' });
		expect(formats[shown.get('C2')!.style]!.format).toBe('0.00');
	});

	it('gives each column a width fitting its longest value, within bounds', () => {
		const long = 'Доля педагогов, повысивших квалификацию по вопросам качества образования';
		const files = unzip(
			workbook([
				{
					name: 'Показатели',
					rows: [
						['Код', 'Показатель', 'Значение, %'],
						['PD_QUALITY', long, { value: 0.44, format: 'percent' }]
					]
				}
			])
		);
		const widths = [
			...files
				.get('xl/worksheets/sheet1.xml')!
				.matchAll(/<col min="(\d+)" max="(\d+)" width="([\d.]+)" customWidth="1"\/>/g)
		].map((m) => Number(m[3]));
		expect(widths).toHaveLength(3);
		expect(widths[0]).toBeGreaterThanOrEqual('PD_QUALITY'.length);
		expect(widths[1]).toBeGreaterThan(40);
		expect(widths[1]).toBeLessThanOrEqual(60);
		expect(widths[2]).toBeGreaterThanOrEqual(8);
		expect(widths[2]).toBeLessThan(20);
	});

	it('reads back in the app’s own reader with the number kept, not its format', async () => {
		const rows = await readXlsx(workbook([{ name: 'Лист', rows: [['Доля'], [{ value: 0.32, format: 'percent' }]] }]));
		expect(rows[1]!.cells).toEqual(['0.32']);
	});
});
