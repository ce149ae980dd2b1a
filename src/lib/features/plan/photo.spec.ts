import { describe, expect, it } from 'vitest';
import { checkCompressed, checkPhotoFile, jpegName, MAX_INPUT_BYTES, MAX_OUTPUT_BYTES, targetSize } from './photo';

const MB = 1024 * 1024;

describe('choosing a photo', () => {
	it('accepts JPEG, PNG and WebP up to 15 MB', () => {
		expect(checkPhotoFile({ type: 'image/jpeg', size: 4 * MB, name: 'IMG_1.jpg' })).toBeNull();
		expect(checkPhotoFile({ type: 'image/png', size: 1, name: 'scan.png' })).toBeNull();
		expect(checkPhotoFile({ type: 'image/webp', size: MAX_INPUT_BYTES, name: 'a.webp' })).toBeNull();
	});

	it('refuses HEIC by type or by name, since Chromium cannot decode it', () => {
		expect(checkPhotoFile({ type: 'image/heic', size: MB, name: 'IMG_2041.HEIC' })).toBe('heic');
		expect(checkPhotoFile({ type: '', size: MB, name: 'IMG_2041.heif' })).toBe('heic');
	});

	it('falls back to the extension when the picker gives no type', () => {
		expect(checkPhotoFile({ type: '', size: MB, name: 'photo.JPG' })).toBeNull();
		expect(checkPhotoFile({ type: '', size: MB, name: 'photo' })).toBe('unsupported_type');
	});

	it('refuses other files, empty files and files over 15 MB', () => {
		expect(checkPhotoFile({ type: 'application/pdf', size: MB, name: 'cert.pdf' })).toBe('unsupported_type');
		expect(checkPhotoFile({ type: 'image/gif', size: MB, name: 'a.gif' })).toBe('unsupported_type');
		expect(checkPhotoFile({ type: 'image/jpeg', size: 0, name: 'a.jpg' })).toBe('empty');
		expect(checkPhotoFile({ type: 'image/jpeg', size: MAX_INPUT_BYTES + 1, name: 'a.jpg' })).toBe('too_large');
	});
});

describe('the stored size', () => {
	it('scales the long side down to 1600 px, keeping proportions', () => {
		expect(targetSize(4032, 3024)).toEqual({ width: 1600, height: 1200 });
		expect(targetSize(3024, 4032)).toEqual({ width: 1200, height: 1600 });
		expect(targetSize(4000, 1000)).toEqual({ width: 1600, height: 400 });
	});

	it('never enlarges a small image and never reaches zero', () => {
		expect(targetSize(800, 600)).toEqual({ width: 800, height: 600 });
		expect(targetSize(1600, 1600)).toEqual({ width: 1600, height: 1600 });
		expect(targetSize(100_000, 10)).toEqual({ width: 1600, height: 1 });
	});

	it('refuses a result over 1 MB', () => {
		expect(checkCompressed(MAX_OUTPUT_BYTES)).toBeNull();
		expect(checkCompressed(MAX_OUTPUT_BYTES + 1)).toBe('too_large_after_compression');
	});

	it('names the stored file as a JPEG', () => {
		expect(jpegName('IMG_2041.HEIC')).toBe('IMG_2041.jpg');
		expect(jpegName('scan.png')).toBe('scan.jpg');
		expect(jpegName('')).toBe('photo.jpg');
	});
});
