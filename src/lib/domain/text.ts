/**
 * Text as people type and paste it, made safe to store. PostgreSQL cannot store U+0000 at all, and
 * a lone UTF-16 surrogate is not a character (JSON.stringify writes it as an escape the server
 * refuses); both would otherwise reach the server and be refused there, hours later.
 */

/**
 * A C0 control a person never means to type: what a paste from a PDF, a terminal or a broken
 * editor brings along. Tab and line feed are text (a carriage return is made a line feed first).
 */
function isStrayControl(code: number): boolean {
	return code < 0x20 && code !== 0x09 && code !== 0x0a;
}

/** The text without stray control characters, line breaks as "\n". Silently: no one meant them. */
export function cleanText(value: string): string {
	let stray = false;
	for (let i = 0; i < value.length && !stray; i++) stray = isStrayControl(value.charCodeAt(i));
	if (!stray) return value;
	let out = '';
	const text = value.replace(/\r\n?/g, '\n');
	for (let i = 0; i < text.length; i++) if (!isStrayControl(text.charCodeAt(i))) out += text[i];
	return out;
}

/** True when the text holds half of a surrogate pair (half an emoji, cut by a broken copy or a truncation). */
export function hasLoneSurrogate(value: string): boolean {
	// By code, not with a regex: a lookbehind would not even parse in older Safari.
	for (let i = 0; i < value.length; i++) {
		const code = value.charCodeAt(i);
		if (code < 0xd800 || code > 0xdfff) continue;
		const next = i + 1 < value.length ? value.charCodeAt(i + 1) : 0;
		if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
		else return true;
	}
	return false;
}

/**
 * Every string inside a value (a draft, a patch, a list of evidence) cleaned with `cleanText`;
 * everything else as it was. Returns the same object when nothing needed cleaning.
 */
export function cleanStrings<T>(value: T): T {
	if (typeof value === 'string') return cleanText(value) as T;
	if (Array.isArray(value)) {
		const cleaned = value.map(cleanStrings);
		return (cleaned.some((v, i) => v !== value[i]) ? cleaned : value) as T;
	}
	if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
		let changed = false;
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value)) {
			out[k] = cleanStrings(v);
			if (out[k] !== v) changed = true;
		}
		return (changed ? out : value) as T;
	}
	return value;
}
