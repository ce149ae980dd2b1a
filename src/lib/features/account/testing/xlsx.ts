/**
 * Builds a minimal .xlsx in tests: a zip (deflated with node:zlib, as Excel does) holding a
 * workbook whose first sheet has `rows`. Strings go to the shared-string table, numbers stay
 * numbers (dates are given as Excel day numbers, as a date-formatted cell stores them).
 */
import { deflateRawSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(data: Uint8Array): number {
	let c = 0xffffffff;
	for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

/** A zip of `files`; `stored` names are written uncompressed (method 0), the rest deflated. */
export function zip(files: Record<string, string>, stored: string[] = []): Uint8Array {
	const encoder = new TextEncoder();
	const locals: Uint8Array[] = [];
	const centrals: Uint8Array[] = [];
	let offset = 0;
	for (const [name, text] of Object.entries(files)) {
		const nameBytes = encoder.encode(name);
		const raw = encoder.encode(text);
		const method = stored.includes(name) ? 0 : 8;
		const data = method === 0 ? raw : new Uint8Array(deflateRawSync(raw));
		const local = new Uint8Array(30 + nameBytes.length);
		const lv = new DataView(local.buffer);
		lv.setUint32(0, 0x04034b50, true);
		lv.setUint16(4, 20, true);
		lv.setUint16(8, method, true);
		lv.setUint32(14, crc32(raw), true);
		lv.setUint32(18, data.length, true);
		lv.setUint32(22, raw.length, true);
		lv.setUint16(26, nameBytes.length, true);
		local.set(nameBytes, 30);
		const central = new Uint8Array(46 + nameBytes.length);
		const cv = new DataView(central.buffer);
		cv.setUint32(0, 0x02014b50, true);
		cv.setUint16(4, 20, true);
		cv.setUint16(6, 20, true);
		cv.setUint16(10, method, true);
		cv.setUint32(16, crc32(raw), true);
		cv.setUint32(20, data.length, true);
		cv.setUint32(24, raw.length, true);
		cv.setUint16(28, nameBytes.length, true);
		cv.setUint32(42, offset, true);
		central.set(nameBytes, 46);
		locals.push(local, data);
		centrals.push(central);
		offset += local.length + data.length;
	}
	const centralSize = centrals.reduce((n, c) => n + c.length, 0);
	const end = new Uint8Array(22);
	const ev = new DataView(end.buffer);
	ev.setUint32(0, 0x06054b50, true);
	ev.setUint16(8, centrals.length, true);
	ev.setUint16(10, centrals.length, true);
	ev.setUint32(12, centralSize, true);
	ev.setUint32(16, offset, true);
	const out = new Uint8Array(offset + centralSize + 22);
	let at = 0;
	for (const part of [...locals, ...centrals, end]) {
		out.set(part, at);
		at += part.length;
	}
	return out;
}

function escapeXml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function columnName(index: number): string {
	let name = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
	return name;
}

/** An .xlsx whose first sheet (named «Кадры», stored as sheet2.xml) holds `rows`; null cells are left out. */
export function buildXlsx(rows: (string | number | null)[][]): Uint8Array {
	const strings: string[] = [];
	const index = new Map<string, number>();
	const sheetRows = rows.map((row, r) => {
		const cells = row.map((value, c) => {
			const ref = `${columnName(c)}${r + 1}`;
			if (value === null) return '';
			if (typeof value === 'number') return `<c r="${ref}" s="1"><v>${value}</v></c>`;
			if (!index.has(value)) {
				index.set(value, strings.length);
				strings.push(value);
			}
			return `<c r="${ref}" t="s"><v>${index.get(value)}</v></c>`;
		});
		return `<row r="${r + 1}" spans="1:${row.length}">${cells.join('')}</row>`;
	});
	const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
	const rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
	return zip(
		{
			'[Content_Types].xml':
				'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
			'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook ${ns} ${rel}><sheets><sheet name="Кадры" sheetId="1" r:id="rId7"/><sheet name="Прочее" sheetId="2" r:id="rId1"/></sheets></workbook>`,
			'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>`,
			'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet ${ns}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>не тот лист</t></is></c></row></sheetData></worksheet>`,
			'xl/worksheets/sheet2.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet ${ns}><dimension ref="A1"/><sheetData>${sheetRows.join('')}</sheetData></worksheet>`,
			'xl/sharedStrings.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst ${ns} count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join('')}</sst>`
		},
		['[Content_Types].xml', 'xl/workbook.xml']
	);
}
