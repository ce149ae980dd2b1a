import { describe, expect, it, vi } from 'vitest';
import { crc32 } from '$lib/zip';
import type { ServerExport } from '$lib/supabase/data-rights';
import { archiveName, buildArchive, collect } from './data-archive';

/** Read a STORED zip through its central directory (as unzip does), CRCs checked: name → bytes. */
function unzip(bytes: Uint8Array): Map<string, Uint8Array> {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const end = bytes.length - 22;
	expect(view.getUint32(end, true), 'end of central directory').toBe(0x06054b50);
	const count = view.getUint16(end + 10, true);
	let at = view.getUint32(end + 16, true);
	const out = new Map<string, Uint8Array>();
	for (let i = 0; i < count; i++) {
		expect(view.getUint32(at, true)).toBe(0x02014b50);
		const crc = view.getUint32(at + 16, true);
		const size = view.getUint32(at + 24, true);
		const nameLength = view.getUint16(at + 28, true);
		const local = view.getUint32(at + 42, true);
		const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
		const localName = view.getUint16(local + 26, true);
		const data = bytes.subarray(local + 30 + localName, local + 30 + localName + size);
		expect(crc32(data), name).toBe(crc);
		out.set(name, data);
		at += 46 + nameLength;
	}
	return out;
}

const json = (bytes: Uint8Array | undefined) => JSON.parse(new TextDecoder().decode(bytes)) as unknown;

function exported(overrides: Partial<ServerExport> = {}): ServerExport {
	return {
		format: 1,
		exported_at: '2026-12-07T15:04:05Z',
		profile_id: 'p1',
		tables: {
			profiles: [{ id: 'p1', full_name: 'Петрова Анна Сергеевна' }],
			assessments: [
				{ id: 'a1', teacher_id: 'p1', scores: { k1: 2 } },
				{ id: 'a2', teacher_id: 'p1', scores: {} }
			]
		},
		files: ['p1/plan_actions/x/f1', 'p1/activities/y/f2'],
		...overrides
	};
}

describe('the «Мои данные на сервере» archive', () => {
	it('holds one JSON file per table, the files at their paths, a manifest and a readme', () => {
		const photo = new Uint8Array([0xff, 0xd8, 0xff, 0x00, 0x10]);
		const archive = unzip(
			buildArchive(
				exported(),
				[
					{ path: 'p1/plan_actions/x/f1', data: photo },
					{ path: 'p1/activities/y/f2', data: null }
				],
				'Что в архиве'
			)
		);
		expect([...archive.keys()]).toEqual([
			'README.txt',
			'export.json',
			'data/assessments.json',
			'data/profiles.json',
			'files/p1/plan_actions/x/f1'
		]);
		expect(new TextDecoder().decode(archive.get('README.txt'))).toBe('Что в архиве');
		expect(json(archive.get('data/assessments.json'))).toEqual(exported().tables.assessments);
		expect(json(archive.get('data/profiles.json'))).toEqual([{ id: 'p1', full_name: 'Петрова Анна Сергеевна' }]);
		expect([...archive.get('files/p1/plan_actions/x/f1')!]).toEqual([...photo]);
		expect(json(archive.get('export.json'))).toEqual({
			format: 1,
			exported_at: '2026-12-07T15:04:05Z',
			profile_id: 'p1',
			tables: { assessments: 2, profiles: 1 },
			files: ['files/p1/plan_actions/x/f1'],
			missing_files: ['p1/activities/y/f2']
		});
	});

	it('never lets a path climb out of files/', () => {
		const archive = unzip(
			buildArchive(exported({ files: [] }), [{ path: '../../etc/./passwd', data: new Uint8Array([1]) }], '')
		);
		expect([...archive.keys()]).toContain('files/etc/passwd');
	});

	it('is named by the export’s date', () => {
		expect(archiveName('2026-12-07T15:04:05Z')).toBe('trajectory-my-data-2026-12-07.zip');
	});
});

describe('collecting the export', () => {
	it('fetches each file in turn, lists one that fails as missing and reports progress', async () => {
		const progress: string[] = [];
		const downloadFile = vi.fn(async (path: string) => {
			if (path.endsWith('f2')) throw Object.assign(new Error('gone'), { problem: 'rejected' });
			return new Uint8Array([7]);
		});
		const result = await collect({
			exportMyData: async () => exported(),
			downloadFile,
			onProgress: (done, total) => progress.push(`${done}/${total}`)
		});
		expect(downloadFile).toHaveBeenCalledTimes(2);
		expect(result.files).toEqual([
			{ path: 'p1/plan_actions/x/f1', data: new Uint8Array([7]) },
			{ path: 'p1/activities/y/f2', data: null }
		]);
		expect(progress).toEqual(['0/2', '1/2', '2/2']);
	});

	it('stops when the line goes down rather than handing over an archive without files', async () => {
		await expect(
			collect({
				exportMyData: async () => exported(),
				downloadFile: async () => {
					throw Object.assign(new Error('Failed to fetch'), { problem: 'offline' });
				}
			})
		).rejects.toMatchObject({ problem: 'offline' });
	});
});
