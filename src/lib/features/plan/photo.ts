/**
 * Evidence photos: a phone camera makes 3–12 MB images; kept as they are, a year of certificates
 * would fill a cheap phone's storage and, later, a rural school's upload. So a photo is scaled to
 * at most 1600 px on its long side (a certificate stays readable) and re-encoded as JPEG.
 *
 * The checks and the size arithmetic are pure and unit-tested; decoding and encoding need a real
 * browser (canvas) and are covered by the browser test.
 */

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const MAX_INPUT_BYTES = 15 * 1024 * 1024;
export const MAX_OUTPUT_BYTES = 1024 * 1024;
export const MAX_SIDE_PX = 1600;
export const JPEG_QUALITY = 0.8;

/**
 * Why a photo was not taken, for a message that says what to do:
 * - heic: an iPhone photo in HEIC, which Chromium cannot decode;
 * - unsupported_type: not a JPEG, PNG or WebP image;
 * - empty / too_large: the input file is 0 bytes / over 15 MB;
 * - undecodable: the browser could not read the image (damaged file);
 * - too_large_after_compression: still over 1 MB after scaling and re-encoding.
 */
export type PhotoRefusal =
	'heic' | 'unsupported_type' | 'empty' | 'too_large' | 'undecodable' | 'too_large_after_compression';

export class PhotoError extends Error {
	readonly reason: PhotoRefusal;
	constructor(reason: PhotoRefusal, options?: { cause?: unknown }) {
		super(`photo refused: ${reason}`, options);
		this.name = 'PhotoError';
		this.reason = reason;
	}
}

const EXTENSION_TYPES: Record<string, (typeof PHOTO_TYPES)[number]> = {
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	webp: 'image/webp'
};

function extensionOf(name: string): string {
	const dot = name.lastIndexOf('.');
	return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/**
 * Whether a chosen file can become an evidence photo, before any decoding. Some Android file
 * pickers report no type at all, so an empty type falls back to the file name's extension.
 */
export function checkPhotoFile(file: { type: string; size: number; name: string }): PhotoRefusal | null {
	const type = file.type.toLowerCase();
	const extension = extensionOf(file.name);
	if (type === 'image/heic' || type === 'image/heif' || extension === 'heic' || extension === 'heif') return 'heic';
	const effective = type === '' ? (EXTENSION_TYPES[extension] ?? '') : type;
	if (!(PHOTO_TYPES as readonly string[]).includes(effective)) return 'unsupported_type';
	if (file.size === 0) return 'empty';
	if (file.size > MAX_INPUT_BYTES) return 'too_large';
	return null;
}

/** The output size: the long side at most `maxSide`, proportions kept, never enlarged, never 0. */
export function targetSize(
	width: number,
	height: number,
	maxSide: number = MAX_SIDE_PX
): { width: number; height: number } {
	const long = Math.max(width, height);
	if (long <= maxSide) return { width, height };
	const scale = maxSide / long;
	return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Whether the encoded result is small enough to keep. */
export function checkCompressed(size: number): PhotoRefusal | null {
	return size > MAX_OUTPUT_BYTES ? 'too_large_after_compression' : null;
}

/** A file name for the stored JPEG: 'IMG_2041.HEIC' or 'scan.png' → 'IMG_2041.jpg', 'scan.jpg'. */
export function jpegName(name: string): string {
	const base = name.replace(/\.[^./\\]*$/, '').trim();
	return `${base || 'photo'}.jpg`;
}

async function encode(bitmap: ImageBitmap, width: number, height: number): Promise<Blob> {
	if (typeof OffscreenCanvas === 'function') {
		const canvas = new OffscreenCanvas(width, height);
		const context = canvas.getContext('2d');
		if (!context) throw new PhotoError('undecodable');
		// JPEG has no transparency: a transparent PNG would otherwise turn black.
		context.fillStyle = '#fff';
		context.fillRect(0, 0, width, height);
		context.drawImage(bitmap, 0, 0, width, height);
		return canvas.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY });
	}
	const canvas = document.createElement('canvas');
	canvas.width = width;
	canvas.height = height;
	const context = canvas.getContext('2d');
	if (!context) throw new PhotoError('undecodable');
	context.fillStyle = '#fff';
	context.fillRect(0, 0, width, height);
	context.drawImage(bitmap, 0, 0, width, height);
	return new Promise((resolve, reject) =>
		canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new PhotoError('undecodable'))), 'image/jpeg', JPEG_QUALITY)
	);
}

/**
 * Check, decode, scale and re-encode a photo. Throws PhotoError with the reason it was refused.
 * `imageOrientation: 'from-image'` applies the camera's EXIF rotation, so a portrait photo of a
 * certificate is stored upright.
 */
export async function compressPhoto(file: File): Promise<{ blob: Blob; width: number; height: number }> {
	const refusal = checkPhotoFile(file);
	if (refusal) throw new PhotoError(refusal);
	let bitmap: ImageBitmap;
	try {
		bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
	} catch (error) {
		throw new PhotoError('undecodable', { cause: error });
	}
	try {
		const { width, height } = targetSize(bitmap.width, bitmap.height);
		const blob = await encode(bitmap, width, height);
		const tooLarge = checkCompressed(blob.size);
		if (tooLarge) throw new PhotoError(tooLarge);
		return { blob, width, height };
	} finally {
		bitmap.close();
	}
}
