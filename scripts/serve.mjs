// Serves the production build (build/) the way a static host would: files as they are, and the
// SPA fallback page for every other path, so deep links work. No dependencies; prints its URL.
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';

const root = resolve(process.env.BUILD_DIR ?? 'build');
const port = Number(process.env.PORT ?? 4173);
const host = process.env.HOST ?? '127.0.0.1';

const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.webmanifest': 'application/manifest+json; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.txt': 'text/plain; charset=utf-8',
	'.woff2': 'font/woff2'
};

if (!existsSync(join(root, 'index.html'))) {
	console.error(`No build in ${root}: run \`npm run build\` first (or \`npm start\`, which builds).`);
	process.exit(1);
}

function fileFor(pathname) {
	const safe = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
	const candidate = join(root, safe);
	if (!candidate.startsWith(root)) return null;
	if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
	return null;
}

const server = createServer((req, res) => {
	const url = new URL(req.url ?? '/', 'http://localhost');
	let file = fileFor(url.pathname);
	let status = 200;
	if (!file) {
		// An unknown asset is a 404; any other path is a route of the single-page app.
		if (extname(url.pathname)) status = 404;
		else file = join(root, 'index.html');
	}
	if (!file) {
		res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
		return;
	}
	const type = TYPES[extname(file)] ?? 'application/octet-stream';
	// Hashed assets never change; everything else (sw.js, index.html, manifest) must be revalidated,
	// or a phone would keep an old service worker for a day.
	const immutable = url.pathname.startsWith('/_app/immutable/');
	res.writeHead(status, {
		'content-type': type,
		'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
		'x-content-type-options': 'nosniff'
	});
	if (req.method === 'HEAD') return res.end();
	createReadStream(file).pipe(res);
});

server.listen(port, host, () => {
	const address = server.address();
	const shown = typeof address === 'object' && address ? address.port : port;
	console.log(`«Траектория» is running: http://localhost:${shown}/  (guest mode, no backend needed; Ctrl+C stops it)`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
