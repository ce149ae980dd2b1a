import { zip } from '$lib/zip';
import type { ServerExport } from '$lib/supabase/data-rights';

/**
 * «Скачать всё»: one .zip of everything the server holds about the person — a JSON file per
 * table (data/<table>.json, the server's rows as they are), her files under files/ at their
 * object paths, export.json saying what is inside (and which files could not be read), and a
 * README in the user's language. Loaded with a dynamic import when the button is pressed.
 */

export interface ArchiveFile {
	path: string;
	/** null: the file could not be downloaded (it is listed in export.json as missing). */
	data: Uint8Array | null;
}

const encoder = new TextEncoder();

/** Names inside the archive: a path never climbs out of files/ and never starts at the root. */
function safePath(path: string): string {
	return path
		.split('/')
		.filter((part) => part !== '' && part !== '.' && part !== '..')
		.join('/');
}

export function archiveName(exportedAt: string): string {
	return `trajectory-my-data-${exportedAt.slice(0, 10)}.zip`;
}

export function buildArchive(exported: ServerExport, files: readonly ArchiveFile[], readme: string): Uint8Array {
	const tables = Object.keys(exported.tables).sort();
	const missing = files.filter((f) => f.data === null).map((f) => f.path);
	const manifest = {
		format: exported.format,
		exported_at: exported.exported_at,
		profile_id: exported.profile_id,
		tables: Object.fromEntries(tables.map((t) => [t, exported.tables[t]!.length])),
		files: files.filter((f) => f.data !== null).map((f) => `files/${safePath(f.path)}`),
		missing_files: missing
	};
	return zip([
		{ name: 'README.txt', data: encoder.encode(readme) },
		{ name: 'export.json', data: encoder.encode(JSON.stringify(manifest, null, 2)) },
		...tables.map((t) => ({
			name: `data/${safePath(t)}.json`,
			data: encoder.encode(JSON.stringify(exported.tables[t], null, 2))
		})),
		...files.flatMap((f) => (f.data ? [{ name: `files/${safePath(f.path)}`, data: f.data }] : []))
	]);
}

export interface CollectDeps {
	exportMyData: () => Promise<ServerExport>;
	downloadFile: (path: string) => Promise<Uint8Array>;
	/** Called as each file arrives: done of total. */
	onProgress?: (done: number, total: number) => void;
}

/**
 * Ask the server for the rows, then fetch each file in turn (one at a time: a phone on a slow
 * line should not hold every photo in flight). A file that fails for any reason but the line
 * going down is listed as missing; going offline stops the whole download.
 */
export async function collect(deps: CollectDeps): Promise<{ exported: ServerExport; files: ArchiveFile[] }> {
	const exported = await deps.exportMyData();
	const files: ArchiveFile[] = [];
	deps.onProgress?.(0, exported.files.length);
	for (const path of exported.files) {
		try {
			files.push({ path, data: await deps.downloadFile(path) });
		} catch (error) {
			if ((error as { problem?: string }).problem === 'offline') throw error;
			files.push({ path, data: null });
		}
		deps.onProgress?.(files.length, exported.files.length);
	}
	return { exported, files };
}

/** Save bytes through the browser's download. */
export function save(filename: string, bytes: Uint8Array): void {
	const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' });
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	document.body.append(a);
	a.click();
	a.remove();
	// Revoked later: some browsers read the blob after click() returns.
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
