/**
 * Just enough of XLSX to read a staff list: the first worksheet's cells as text. An .xlsx is a
 * zip of XML parts; entries are stored or deflated, and deflate is undone by the platform's own
 * DecompressionStream, so no library is shipped. Loaded with a dynamic import, only when an
 * .xlsx is chosen. Formulas give their cached value; styles are ignored (so a date arrives as
 * Excel's day number, which the staff import reads in date columns).
 */
import type { SheetRow } from '$lib/domain/staff-import';

/** Why a file could not be read; the UI says so in Russian. */
export class XlsxError extends Error {
	readonly reason: 'not_xlsx' | 'unsupported' | 'no_sheet';
	constructor(reason: XlsxError['reason']) {
		super(`xlsx: ${reason}`);
		this.reason = reason;
	}
}

interface Entry {
	method: number;
	compressedSize: number;
	localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function entries(bytes: Uint8Array): Map<string, Entry> {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	// The end-of-central-directory record sits in the last 22 bytes plus a comment of up to 64 KiB.
	let end = -1;
	for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
		if (view.getUint32(i, true) === EOCD) {
			end = i;
			break;
		}
	}
	if (end < 0) throw new XlsxError('not_xlsx');
	const count = view.getUint16(end + 10, true);
	let at = view.getUint32(end + 16, true);
	const names = new TextDecoder();
	const found = new Map<string, Entry>();
	for (let n = 0; n < count; n++) {
		if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) throw new XlsxError('not_xlsx');
		const nameLength = view.getUint16(at + 28, true);
		const extraLength = view.getUint16(at + 30, true);
		const commentLength = view.getUint16(at + 32, true);
		const name = names.decode(bytes.subarray(at + 46, at + 46 + nameLength));
		found.set(name.replace(/^\//, ''), {
			method: view.getUint16(at + 10, true),
			// Sizes from the central directory: a local header written while streaming holds zeros.
			compressedSize: view.getUint32(at + 20, true),
			localOffset: view.getUint32(at + 42, true)
		});
		at += 46 + nameLength + extraLength + commentLength;
	}
	return found;
}

async function inflate(data: Uint8Array): Promise<Uint8Array> {
	const stream = new DecompressionStream('deflate-raw');
	const writer = stream.writable.getWriter();
	// Not awaited: the writes complete only as the output is read below.
	void writer
		.write(data as Uint8Array<ArrayBuffer>)
		.then(() => writer.close())
		.catch(() => {});
	const reader = stream.readable.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
		chunks.push(chunk.value);
		size += chunk.value.length;
	}
	const out = new Uint8Array(size);
	let at = 0;
	for (const chunk of chunks) {
		out.set(chunk, at);
		at += chunk.length;
	}
	return out;
}

async function readEntry(bytes: Uint8Array, all: Map<string, Entry>, name: string): Promise<string | null> {
	const entry = all.get(name);
	if (!entry) return null;
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (view.getUint32(entry.localOffset, true) !== LOCAL) throw new XlsxError('not_xlsx');
	const start =
		entry.localOffset +
		30 +
		view.getUint16(entry.localOffset + 26, true) +
		view.getUint16(entry.localOffset + 28, true);
	const data = bytes.subarray(start, start + entry.compressedSize);
	if (entry.method === 0) return new TextDecoder().decode(data);
	if (entry.method === 8) return new TextDecoder().decode(await inflate(data));
	throw new XlsxError('unsupported');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
		if (name[0] === '#') {
			const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
			return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
		}
		return ENTITIES[name] ?? whole;
	});
}

/** The text of every <t> in a string item or inline string; phonetic runs (<rPh>) are not text. */
function textOf(xml: string): string {
	const visible = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
	let out = '';
	for (const m of visible.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) out += m[1] ?? '';
	return unescapeXml(out);
}

function attribute(tag: string, name: string): string | null {
	const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
	return m ? unescapeXml(m[1]!) : null;
}

/** 'C12' → 2 (zero-based column). */
function columnIndex(ref: string): number {
	let n = 0;
	for (const ch of ref) {
		const code = ch.charCodeAt(0);
		if (code < 65 || code > 90) break;
		n = n * 26 + (code - 64);
	}
	return n - 1;
}

/** The first sheet in the workbook's order (not necessarily sheet1.xml), else sheet1.xml. */
async function firstSheetPath(bytes: Uint8Array, all: Map<string, Entry>): Promise<string> {
	const workbook = await readEntry(bytes, all, 'xl/workbook.xml');
	const rels = await readEntry(bytes, all, 'xl/_rels/workbook.xml.rels');
	const sheet = workbook && /<sheet\b[^>]*>/.exec(workbook)?.[0];
	const id = sheet && (attribute(sheet, 'r:id') ?? /\s[\w]+:id="([^"]*)"/.exec(sheet)?.[1]);
	if (id && rels) {
		for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
			if (attribute(m[0], 'Id') !== id) continue;
			const target = attribute(m[0], 'Target') ?? '';
			const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
			if (all.has(path)) return path;
		}
	}
	if (all.has('xl/worksheets/sheet1.xml')) return 'xl/worksheets/sheet1.xml';
	throw new XlsxError('no_sheet');
}

/** The first worksheet, row by row; `line` is the spreadsheet's row number, empty rows left out. */
export async function readXlsx(data: ArrayBuffer | Uint8Array): Promise<SheetRow[]> {
	const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
	const all = entries(bytes);
	const sheetXml = await readEntry(bytes, all, await firstSheetPath(bytes, all));
	if (sheetXml === null) throw new XlsxError('no_sheet');
	const shared: string[] = [];
	const sharedXml = await readEntry(bytes, all, 'xl/sharedStrings.xml');
	if (sharedXml)
		for (const m of sharedXml.matchAll(/<si\b[^>]*>([\s\S]*?)<\/si>|<si\b[^>]*\/>/g))
			shared.push(m[1] ? textOf(m[1]) : '');

	const rows: SheetRow[] = [];
	let previousLine = 0;
	for (const r of sheetXml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
		const line = Number(attribute(r[1]!, 'r') ?? previousLine + 1);
		previousLine = line;
		const cells: string[] = [];
		let next = 0;
		for (const c of (r[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
			const attrs = c[1]!;
			const ref = attribute(attrs, 'r');
			const index = ref ? columnIndex(ref) : next;
			next = index + 1;
			const body = c[2] ?? '';
			const type = attribute(attrs, 't');
			const v = /<v\b[^>]*>([\s\S]*?)<\/v>/.exec(body)?.[1];
			let value: string;
			if (type === 's') value = shared[Number(v)] ?? '';
			else if (type === 'inlineStr') value = textOf(body);
			else if (type === 'b') value = v === '1' ? 'TRUE' : v === '0' ? 'FALSE' : '';
			else value = v === undefined ? '' : unescapeXml(v);
			while (cells.length < index) cells.push('');
			cells[index] = value;
		}
		if (cells.some((cell) => cell.trim() !== '')) rows.push({ line, cells });
	}
	return rows;
}
