// Serves the production build (build/, or BUILD_DIR) the way a production static host does
// (docs/hosting.md): brotli/gzip copies made once at start, a year's caching for content-hashed
// files and revalidation for everything else, index.html for every route (deep links), a 404 for
// a missing file. Files are read by sirv; this script decides which file, its headers, and refuses
// what is not a path inside the build. Prints its URL (scripts/lib/server.mjs reads it).
import { createServer } from 'node:http';
import { existsSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import sirv from 'sirv';
import { COMPRESSIBLE, ENCODINGS, isCurrent, precompress } from './lib/precompress.mjs';

const root = resolve(process.env.BUILD_DIR ?? 'build');
const port = Number(process.env.PORT ?? 4173);
const host = process.env.HOST ?? '127.0.0.1';

/** @type {Record<string, string>} */
const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.webmanifest': 'application/manifest+json; charset=utf-8',
	'.map': 'application/json; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.xml': 'application/xml; charset=utf-8',
	'.png': 'image/png',
	'.webp': 'image/webp',
	'.ico': 'image/x-icon',
	'.txt': 'text/plain; charset=utf-8',
	'.woff2': 'font/woff2'
};
const IMMUTABLE = 'public, max-age=31536000, immutable';

if (!Number.isInteger(port) || port < 0 || port > 65535) {
	console.error(`PORT=${process.env.PORT} is not a port number: use one from 1024 to 65535, e.g. PORT=4173`);
	process.exit(1);
}
if (!existsSync(join(root, 'index.html'))) {
	console.error(`No build in ${root}: run \`npm run build\` first (or \`npm start\`, which builds).`);
	process.exit(1);
}

await precompress(root);

// dev: stat on every request instead of a file list read at start — a test (or a deploy) may
// replace sw.js while the server runs, and a cached length would cut the new file short.
const files = sirv(root, { dev: true, etag: true, brotli: true, gzip: true, extensions: [] });

/** @param {string} path */
function fileAt(path) {
	try {
		const stats = statSync(path);
		return stats.isFile() ? stats : null;
	} catch {
		return null;
	}
}

/**
 * The URL path as a file path under the build, or null when it names nothing there: malformed
 * percent-encoding, a NUL byte, or `..` and encoded slashes leading out of the build.
 * @param {string} pathname as the URL parser normalised it (literal `..` segments resolved)
 */
function decodePath(pathname) {
	let decoded;
	try {
		decoded = decodeURIComponent(pathname);
	} catch {
		return null;
	}
	if (decoded.includes('\0')) return null;
	const path = resolve(root, `.${decoded}`);
	return path === root || path.startsWith(root + sep) ? path : null;
}

/**
 * Plain-text answers (errors): never cached, so a fixed file is seen at once.
 * @param {import('node:http').ServerResponse<import('node:http').IncomingMessage>} res
 * @param {number} status
 * @param {string} text
 * @param {Record<string, string>} [headers]
 */
function plain(res, status, text, headers = {}) {
	res.writeHead(status, {
		...headers,
		'content-type': 'text/plain; charset=utf-8',
		'cache-control': 'no-cache',
		'x-content-type-options': 'nosniff'
	});
	res.end(res.req.method === 'HEAD' ? undefined : text);
}

/**
 * Encodings the client accepts with q > 0 ("br;q=0" refuses br; "*" accepts any not named).
 * @param {string | undefined} header
 */
function accepted(header = '') {
	const named = new Map();
	for (const part of header.split(',')) {
		const [name = '', ...params] = part.trim().toLowerCase().split(';');
		const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
		named.set(name.trim() === 'x-gzip' ? 'gzip' : name.trim(), q ? Number(q[1]) : 1);
	}
	return ENCODINGS.map(([encoding]) => encoding).filter((encoding) =>
		named.has(encoding) ? named.get(encoding) > 0 : (named.get('*') ?? 0) > 0
	);
}

const server = createServer((req, res) => {
	if (req.method !== 'GET' && req.method !== 'HEAD')
		return plain(res, 405, 'Method not allowed', { allow: 'GET, HEAD' });
	let url;
	try {
		url = new URL(req.url ?? '/', 'http://localhost');
	} catch {
		return plain(res, 400, 'Bad request');
	}
	const requested = decodePath(url.pathname);
	if (!requested) return plain(res, 400, 'Bad request');

	let file = fileAt(requested)
		? requested
		: fileAt(join(requested, 'index.html'))
			? join(requested, 'index.html')
			: null;
	if (!file) {
		// A path with an extension asks for a file: a 404, never the page. Any other path is a route
		// of the single-page app, answered by its one page.
		if (extname(url.pathname)) return plain(res, 404, 'Not found');
		file = join(root, 'index.html');
	}
	const source = fileAt(file);
	if (!source) return plain(res, 404, 'Not found'); // removed a moment ago (a rebuild)

	// Only encodings with a current copy next to the file go on to sirv, which picks .br, .gz or
	// the file itself by this header.
	const encodings = COMPRESSIBLE.has(extname(file))
		? accepted(req.headers['accept-encoding']).filter((encoding) => {
				const suffix = ENCODINGS.find(([name]) => name === encoding)?.[1];
				return isCurrent(source, fileAt(file + suffix));
			})
		: [];
	req.headers['accept-encoding'] = encodings.join(', ');

	// Set before sirv answers, so a 304 carries them too (sirv keeps headers already set).
	const relative = file.slice(root.length).split(sep).join('/');
	res.setHeader('content-type', TYPES[extname(file)] ?? 'application/octet-stream');
	// Hashed names change with their content: kept a year. Everything else (sw.js, index.html, the
	// manifest, version.json) is revalidated, or a phone would keep an old service worker.
	res.setHeader('cache-control', relative.startsWith('/_app/immutable/') ? IMMUTABLE : 'no-cache');
	res.setHeader('vary', 'Accept-Encoding');
	res.setHeader('x-content-type-options', 'nosniff');
	req.url = relative.split('/').map(encodeURIComponent).join('/');
	// A file deleted between the checks above and sirv's own (a rebuild into the served directory)
	// makes sirv throw, or its read stream fail with no listener: either would stop the server.
	// Caught here: a 404, or the connection ends when the answer had begun.
	res.once('pipe', (stream) => stream.once('error', () => res.destroy()));
	try {
		files(req, res, () => plain(res, 404, 'Not found'));
	} catch {
		if (res.headersSent) res.destroy();
		else plain(res, 404, 'Not found');
	}
});

server.on('error', (error) => {
	const code = /** @type {NodeJS.ErrnoException} */ (error).code;
	if (code === 'EADDRINUSE') {
		console.error(
			`Port ${port} is busy: another program (perhaps another «Траектория» server) is listening on it. Stop it, or choose another port: PORT=${port + 1} npm start`
		);
	} else if (code === 'EACCES') {
		console.error(`Port ${port} needs administrator rights: choose a port above 1023, e.g. PORT=4173 npm start`);
	} else if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
		console.error(`HOST=${host} is not an address of this computer: use 127.0.0.1, or 0.0.0.0 for every interface`);
	} else {
		console.error(`The server could not start: ${error.message}`);
	}
	process.exit(1);
});

server.listen(port, host, () => {
	const address = server.address();
	const shown = typeof address === 'object' && address ? address.port : port;
	console.log(`«Траектория» is running: http://localhost:${shown}/  (guest mode, no backend needed; Ctrl+C stops it)`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
