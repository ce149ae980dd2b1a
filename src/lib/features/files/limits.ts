/**
 * What the bucket 'evidence' takes (supabase/migrations/20261207001100_evidence_storage.sql):
 * checked on the device before a file is stored, so the server's refusal (413 / 415) is never
 * the first the teacher hears of it. Keep the two lists the same.
 */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Extension → the content type the bucket allows. */
const TYPES: Record<string, string> = {
	pdf: 'application/pdf',
	doc: 'application/msword',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xls: 'application/vnd.ms-excel',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	ppt: 'application/vnd.ms-powerpoint',
	pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	odt: 'application/vnd.oasis.opendocument.text',
	ods: 'application/vnd.oasis.opendocument.spreadsheet',
	odp: 'application/vnd.oasis.opendocument.presentation',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	webp: 'image/webp',
	heic: 'image/heic',
	heif: 'image/heif'
};

export const ALLOWED_TYPES: readonly string[] = [...new Set(Object.values(TYPES))];

/** For the file picker's `accept`. */
export const FILE_ACCEPT = [...Object.keys(TYPES).map((e) => `.${e}`), ...ALLOWED_TYPES].join(',');

export type FileRefusal = 'empty' | 'too_large' | 'unsupported_type';

function extensionOf(name: string): string {
	const dot = name.lastIndexOf('.');
	return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/**
 * Whether a chosen file may be attached, and the content type it will be stored with. Pickers
 * often report no type (or application/octet-stream) for office documents: the extension decides then.
 */
export function checkEvidenceFile(file: {
	name: string;
	type: string;
	size: number;
}): { ok: true; mime: string } | { ok: false; refusal: FileRefusal } {
	const type = file.type.toLowerCase();
	const mime = ALLOWED_TYPES.includes(type)
		? type
		: type === '' || type === 'application/octet-stream'
			? (TYPES[extensionOf(file.name)] ?? '')
			: '';
	if (!mime) return { ok: false, refusal: 'unsupported_type' };
	if (file.size === 0) return { ok: false, refusal: 'empty' };
	if (file.size > MAX_FILE_BYTES) return { ok: false, refusal: 'too_large' };
	return { ok: true, mime };
}
