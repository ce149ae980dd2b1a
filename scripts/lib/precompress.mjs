// Brotli and gzip copies next to a build's text files (`app.js` → `app.js.br`, `app.js.gz`), the
// way a production host serves them (nginx `brotli_static` / `gzip_static`): compressed once at the
// highest level instead of per request. Run by scripts/serve.mjs at start, after the build: the
// service worker's precache manifest was written by then and lists no `.br`/`.gz` file.
// For a production host, after `npm run build`: `node scripts/lib/precompress.mjs build`.
import { readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Text formats worth compressing; images and fonts are compressed already. */
export const COMPRESSIBLE = new Set([
	'.html',
	'.js',
	'.mjs',
	'.css',
	'.json',
	'.webmanifest',
	'.svg',
	'.txt',
	'.xml',
	'.map'
]);

/** Content-Encoding → file suffix, in the order a server prefers them. */
export const ENCODINGS = /** @type {const} */ ([
	['br', '.br'],
	['gzip', '.gz']
]);

const COMPRESS = {
	br: (/** @type {Buffer} */ data) =>
		brotli(data, {
			params: {
				[constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
				[constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
				[constants.BROTLI_PARAM_SIZE_HINT]: data.length
			}
		}),
	gzip: (/** @type {Buffer} */ data) => gz(data, { level: constants.Z_BEST_COMPRESSION })
};

/**
 * A compressed copy is current when it is at least as new as its source: a file changed after
 * compression (a test appending to sw.js, a hand edit) is served as it is until compressed again.
 * @param {{ mtimeMs: number }} source
 * @param {{ mtimeMs: number } | undefined | null} copy
 */
export function isCurrent(source, copy) {
	return !!copy && copy.mtimeMs >= source.mtimeMs;
}

/** @param {string} dir @returns {AsyncGenerator<string>} */
async function* files(dir) {
	for (const entry of await readdir(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) yield* files(path);
		else if (entry.isFile()) yield path;
	}
}

/** @param {string} path */
async function statOrNull(path) {
	try {
		return await stat(path);
	} catch {
		return null;
	}
}

/**
 * Writes the missing or outdated `.br` and `.gz` copies under `dir`. A copy no smaller than its
 * source is not kept (tiny files). Written under a temporary name and renamed, so a server reading
 * the directory meanwhile, or a second server compressing the same build, never sees half a file.
 * @param {string} dir
 * @returns {Promise<{ written: number, files: number }>}
 */
export async function precompress(dir) {
	const jobs = [];
	let count = 0;
	for await (const path of files(dir)) {
		if (!COMPRESSIBLE.has(extname(path))) continue;
		count++;
		jobs.push(compressOne(path));
	}
	const written = (await Promise.all(jobs)).reduce((sum, n) => sum + n, 0);
	return { written, files: count };
}

/** @param {string} path @returns {Promise<number>} copies written */
async function compressOne(path) {
	const source = await stat(path);
	let data = null;
	let written = 0;
	for (const [encoding, suffix] of ENCODINGS) {
		if (isCurrent(source, await statOrNull(path + suffix))) continue;
		data ??= await readFile(path);
		const packed = await COMPRESS[encoding](data);
		if (packed.length >= data.length) continue;
		const temporary = `${path}${suffix}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
		try {
			await writeFile(temporary, packed);
			await rename(temporary, path + suffix);
			written++;
		} catch (error) {
			await unlink(temporary).catch(() => {});
			throw error;
		}
	}
	return written;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const dir = process.argv[2] ?? 'build';
	const { written, files } = await precompress(dir);
	console.log(`${dir}: ${written} compressed copies written for ${files} text files`);
}
