/**
 * Bytes as Russian Excel writes text files, for tests and the sample generator: «CSV (разделители
 * — запятые)» is Windows-1251, «Текст Юникод» is UTF-16 LE with a byte-order mark. The platform
 * only encodes UTF-8, so Windows-1251 is encoded through the inverse of its own decoder.
 */
let table: Map<string, number> | null = null;

export function windows1251(text: string): Uint8Array {
	if (!table) {
		const decoder = new TextDecoder('windows-1251');
		table = new Map();
		for (let byte = 0x80; byte <= 0xff; byte++) table.set(decoder.decode(new Uint8Array([byte])), byte);
	}
	const out = new Uint8Array(text.length);
	for (let i = 0; i < text.length; i++) {
		const ch = text[i]!;
		const code = ch.charCodeAt(0);
		const byte = code < 0x80 ? code : table.get(ch);
		if (byte === undefined) throw new RangeError(`«${ch}» has no Windows-1251 byte`);
		out[i] = byte;
	}
	return out;
}

/** UTF-16 little-endian with its byte-order mark (FF FE), or big-endian (FE FF) when asked. */
export function utf16(text: string, endian: 'le' | 'be' = 'le'): Uint8Array {
	const out = new Uint8Array(2 + text.length * 2);
	const view = new DataView(out.buffer);
	view.setUint16(0, 0xfeff, endian === 'le');
	for (let i = 0; i < text.length; i++) view.setUint16(2 + i * 2, text.charCodeAt(i), endian === 'le');
	return out;
}
