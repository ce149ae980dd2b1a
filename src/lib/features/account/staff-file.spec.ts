import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv, plan, read, schoolsIn } from '$lib/domain/staff-import';
import { schoolMatcher } from '$lib/domain/school-name';
import { buildOrganization, uuid } from '$lib/domain/testing/builders';
import { samples } from '../../../../scripts/lib/staff-samples.mjs';
import { decodeText, detectEncoding } from './staff-file';
import { utf16, windows1251 } from './testing/encodings';

const TEXT = 'ФИО;ОО\r\nЁлкина Вера;МБОУ «СОШ № 1»';

describe('reading a staff list’s text', () => {
	it('finds the encoding: a byte-order mark, UTF-16 without one, valid UTF-8, else Windows-1251', () => {
		const utf8 = new TextEncoder().encode(TEXT);
		expect(detectEncoding(Uint8Array.of(0xef, 0xbb, 0xbf, ...utf8))).toBe('utf-8');
		expect(detectEncoding(utf8)).toBe('utf-8');
		expect(detectEncoding(utf16(TEXT))).toBe('utf-16le');
		expect(detectEncoding(utf16(TEXT, 'be'))).toBe('utf-16be');
		expect(detectEncoding(utf16(TEXT).slice(2))).toBe('utf-16le');
		expect(detectEncoding(utf16(TEXT, 'be').slice(2))).toBe('utf-16be');
		expect(detectEncoding(utf16('ФИО').slice(2))).toBe('utf-16le');
		expect(detectEncoding(windows1251(TEXT))).toBe('windows-1251');
	});

	it('gives the same text whichever way Excel saved it, without the byte-order mark', () => {
		for (const bytes of [
			Uint8Array.of(0xef, 0xbb, 0xbf, ...new TextEncoder().encode(TEXT)),
			utf16(TEXT),
			utf16(TEXT, 'be'),
			windows1251(TEXT)
		]) {
			expect(decodeText(bytes)).toBe(TEXT);
		}
	});
});

describe('the samples in docs/', () => {
	it('are what scripts/staff-samples.mjs writes (never edited by hand)', () => {
		for (const [path, bytes] of samples()) expect(new Uint8Array(readFileSync(path)), path).toEqual(bytes);
	});

	it('import without a problem: the school’s into «СОШ № 1», the municipality’s into the demo municipality’s schools', () => {
		const school = plan(parseCsv(readFileSync('docs/staff-import-sample.csv', 'utf8')), buildOrganization(), {
			profiles: [],
			memberships: []
		});
		expect(school.problems).toEqual([]);
		expect(school.steps).toHaveLength(5);

		const reading = read(
			parseCsv(decodeText(new Uint8Array(readFileSync('docs/staff-import-sample-municipal-1251.csv'))))
		);
		expect(reading.problems).toEqual([]);
		expect(reading.asOf).toBe('2026-09-01');
		const demo = [
			buildOrganization({ id: uuid(1), name: 'МБОУ «Кадниковская средняя школа»', shortName: 'Кадниковская СШ' }),
			buildOrganization({ id: uuid(2), name: 'МБОУ «Сокольская средняя школа № 1»', shortName: 'Сокольская СШ № 1' }),
			buildOrganization({ id: uuid(3), name: 'МБОУ «Чучковская основная школа»', shortName: 'Чучковская ОШ' })
		];
		const find = schoolMatcher(demo);
		expect(schoolsIn(reading).map((s) => [s.name, s.rows, find(s.name).map((o) => o.id)])).toEqual([
			['МБОУ «Кадниковская СОШ»', 3, [uuid(1)]],
			['МБОУ "Сокольская СОШ № 1"', 2, [uuid(2)]],
			['МБОУ «Чучковская ООШ»', 2, [uuid(3)]],
			['МОУ «Биряковская школа»', 1, []]
		]);
	});
});
