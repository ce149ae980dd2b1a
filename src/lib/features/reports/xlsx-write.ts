/**
 * Just enough of XLSX to hand a table to Excel or LibreOffice: one worksheet per table, text as
 * inline strings, numbers as numbers, an empty cell for «no value»; the first row is the header,
 * bold and frozen, each column as wide as its values, shares in a percent format. An .xlsx is a
 * zip of XML parts; the parts are small, so they are STORED (no compression) and no library is
 * shipped. Loaded with a dynamic import, only when «Скачать XLSX» is clicked.
 */

import { zip } from '$lib/zip';

// The zip writer lives in $lib/zip (the data export builds archives too); re-exported for callers here.
export { crc32, zip } from '$lib/zip';

/**
 * A number shown in a format: 'percent' is a share 0…1 shown as «32,0 %» (0.0%), 'decimal2' a
 * mean shown with two decimals (0.00). The value stays the number, so a spreadsheet can sum it.
 */
export interface FormattedNumber {
	value: number;
	format: 'percent' | 'decimal2';
}

/** null leaves the cell empty: a missing figure is never written as 0. */
export type Cell = string | number | FormattedNumber | null;

export interface Sheet {
	/** Shown on the sheet's tab; cut to Excel's 31 characters, with []:*?/\ replaced. */
	name: string;
	/** The first row is the header: bold, wrapped and frozen above the scrolling rows. */
	rows: readonly (readonly Cell[])[];
}

const encoder = new TextEncoder();

/** XML 1.0 allows no control characters but tab, line feed and carriage return. */
function allowedInXml(char: string): boolean {
	const code = char.charCodeAt(0);
	return code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function escapeXml(text: string): string {
	return Array.from(text)
		.filter(allowedInXml)
		.join('')
		.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
}

/** A1-style column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
	let name = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
	return name;
}

/** Indexes into styles.xml's cellXfs (STYLES below). */
const STYLE = { plain: 0, header: 1, percent: 2, decimal2: 3, wrapped: 4 } as const;

const STYLES =
	'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
	'<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="0.00"/></numFmts>' +
	'<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
	'<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
	'<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
	'<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
	'<cellXfs count="5">' +
	'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
	'<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
	'<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
	'<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
	'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
	'</cellXfs>' +
	'<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
	'</styleSheet>';

/** Column widths are in characters of the default font. */
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

/** How many characters a cell shows (its format included), for the column's width. */
function shownLength(cell: Cell): number {
	if (cell === null) return 0;
	if (typeof cell === 'string') return cell.length;
	if (typeof cell === 'number') return String(cell).length;
	return cell.format === 'percent' ? (cell.value * 100).toFixed(1).length + 1 : cell.value.toFixed(2).length;
}

/**
 * Wide enough for the longest value, within bounds; a header wraps, so it asks only for its
 * longest word (and a little more for a short header). A longer text wraps in its cell.
 */
export function columnWidths(rows: readonly (readonly Cell[])[]): number[] {
	const [header = [], ...body] = rows;
	const count = Math.max(0, ...rows.map((r) => r.length));
	return Array.from({ length: count }, (_, c) => {
		const title = header[c];
		const words =
			typeof title === 'string' ? Math.max(0, ...title.split(/\s+/).map((w) => w.length)) : shownLength(title ?? null);
		const headerWants = Math.max(words, Math.min(typeof title === 'string' ? title.length : 0, 16));
		const longest = Math.max(headerWants, ...body.map((r) => shownLength(r[c] ?? null)));
		return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2));
	});
}

function sheetXml(sheet: Sheet): string {
	const widths = columnWidths(sheet.rows);
	const rows = sheet.rows.map((row, r) => {
		const cells = row.map((cell, c) => {
			const ref = `${columnName(c)}${r + 1}`;
			const header = r === 0;
			const value = cell !== null && typeof cell === 'object' ? cell.value : cell;
			if (value === null || (typeof value === 'number' && !Number.isFinite(value))) return '';
			if (typeof value === 'number') {
				const style = header ? STYLE.header : typeof cell === 'object' && cell ? STYLE[cell.format] : STYLE.plain;
				return `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${value}</v></c>`;
			}
			const style = header ? STYLE.header : value.length > widths[c]! ? STYLE.wrapped : STYLE.plain;
			return `<c r="${ref}"${style ? ` s="${style}"` : ''} t="inlineStr"><is><t xml:space="preserve">${escapeXml(value)}</t></is></c>`;
		});
		return `<row r="${r + 1}">${cells.join('')}</row>`;
	});
	// The header stays in view while the rows scroll.
	const views =
		'<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
		'<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>';
	const cols = widths.length
		? `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`
		: '';
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${views}${cols}<sheetData>${rows.join('')}</sheetData></worksheet>`;
}

function sheetName(name: string, index: number, taken: Set<string>): string {
	let clean =
		name
			.replace(/[[\]:*?/\\]/g, ' ')
			.trim()
			.slice(0, 31) || `Лист${index + 1}`;
	// Excel refuses two tabs with one name (case-insensitively).
	while (taken.has(clean.toLowerCase())) clean = `${clean.slice(0, 28)} ${index + 1}`;
	taken.add(clean.toLowerCase());
	return clean;
}

/** The workbook's bytes: one worksheet per sheet, in order. */
export function workbook(sheets: readonly Sheet[]): Uint8Array {
	if (sheets.length === 0) throw new Error('xlsx: a workbook needs a sheet');
	const taken = new Set<string>();
	const names = sheets.map((s, i) => sheetName(s.name, i, taken));
	const ns = 'http://schemas.openxmlformats.org';
	const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
	const files = [
		{
			name: '[Content_Types].xml',
			text:
				`${head}<Types xmlns="${ns}/package/2006/content-types">` +
				'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
				'<Default Extension="xml" ContentType="application/xml"/>' +
				'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
				'<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
				sheets
					.map(
						(_, i) =>
							`<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
					)
					.join('') +
				'</Types>'
		},
		{
			name: '_rels/.rels',
			text: `${head}<Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
		},
		{
			name: 'xl/workbook.xml',
			text:
				`${head}<workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><sheets>` +
				names.map((n, i) => `<sheet name="${escapeXml(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
				'</sheets></workbook>'
		},
		{
			name: 'xl/_rels/workbook.xml.rels',
			text:
				`${head}<Relationships xmlns="${ns}/package/2006/relationships">` +
				sheets
					.map(
						(_, i) =>
							`<Relationship Id="rId${i + 1}" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`
					)
					.join('') +
				`<Relationship Id="rId${sheets.length + 1}" Type="${ns}/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
				'</Relationships>'
		},
		{ name: 'xl/styles.xml', text: `${head}${STYLES}` },
		...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, text: sheetXml(s) }))
	];
	return zip(files.map((f) => ({ name: f.name, data: encoder.encode(f.text) })));
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Save the workbook through the browser's download (the file name ends in .xlsx). */
export function download(filename: string, sheets: readonly Sheet[]): void {
	const blob = new Blob([workbook(sheets) as Uint8Array<ArrayBuffer>], { type: XLSX_MIME });
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = filename.endsWith('.xlsx') ? filename : `${filename}.xlsx`;
	document.body.append(a);
	a.click();
	a.remove();
	// Revoked later: some browsers read the blob after click() returns.
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
