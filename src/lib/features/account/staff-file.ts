/**
 * A staff list file as rows, whatever Russian Excel saved it as (docs/staff-import.md, "File"):
 * .xlsx, or text — «CSV UTF-8», «CSV (разделители — запятые)» in Windows-1251 with «;»,
 * «Текст Юникод» in UTF-16 LE with tabs (.txt). No library: the platform's TextDecoder knows
 * every one of these encodings.
 */
import { parseCsv, type PlanOptions, type SheetRow } from '$lib/domain/staff-import';

/** The file types the picker offers (an .xls or a .docx is refused when read, with a reason). */
export const ACCEPT =
	'.csv,.txt,.tsv,.xlsx,text/csv,text/plain,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251';

/**
 * UTF-16 saved without a byte-order mark: Latin, digits and punctuation have a zero high byte, and
 * Cyrillic 0x04 (U+0400…U+04FF), so one byte of each pair is nearly always 0x00 or 0x04 — in a
 * text of one-byte encodings those bytes are control characters, never that frequent.
 */
function utf16Without(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
	const pairs = Math.min(256, Math.floor(bytes.length / 2));
	if (pairs < 2) return null;
	let low = 0;
	let high = 0;
	for (let i = 0; i < pairs; i++) {
		if (bytes[2 * i + 1] === 0 || bytes[2 * i + 1] === 4) low++;
		if (bytes[2 * i] === 0 || bytes[2 * i] === 4) high++;
	}
	if (low >= pairs * 0.9 && high < pairs * 0.5) return 'utf-16le';
	if (high >= pairs * 0.9 && low < pairs * 0.5) return 'utf-16be';
	return null;
}

/**
 * The encoding of a text file: a byte-order mark says it (UTF-8, UTF-16 LE/BE); without one,
 * UTF-16 shows in its high bytes (utf16Without), and bytes that are valid UTF-8 are read as UTF-8
 * (Cyrillic in Windows-1251 practically never is); anything else is Windows-1251, what Russian
 * Excel writes for «CSV».
 */
export function detectEncoding(bytes: Uint8Array): Encoding {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
	const wide = utf16Without(bytes);
	if (wide) return wide;
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		return 'utf-8';
	} catch {
		return 'windows-1251';
	}
}

/** The text of a file's bytes, in the encoding detectEncoding finds; a byte-order mark is dropped. */
export function decodeText(bytes: Uint8Array): string {
	// TextDecoder drops the BOM of its own encoding (ignoreBOM is false by default).
	return new TextDecoder(detectEncoding(bytes)).decode(bytes);
}

/** The rows of a chosen file; .xlsx through the built-in reader, loaded only then. */
export async function readStaffFile(file: File): Promise<{ sheet: SheetRow[]; options: PlanOptions }> {
	const bytes = new Uint8Array(await file.arrayBuffer());
	if (/\.xlsx$/i.test(file.name)) {
		// Loaded only now: most methodists never choose an .xlsx, and no one else needs it.
		const { readXlsx } = await import('./xlsx-read');
		return { sheet: await readXlsx(bytes), options: { serialDates: true } };
	}
	return { sheet: parseCsv(decodeText(bytes)), options: {} };
}
