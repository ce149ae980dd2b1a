import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

const buildDir = process.env.BUILD_DIR || 'build';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// A single-page app: one fallback page serves every route, the service worker precaches it.
		// BUILD_DIR lets the sync browser test build a second copy wired to its own backend.
		adapter: adapter({ pages: buildDir, assets: buildDir, fallback: 'index.html', strict: true }),
		// Absolute asset paths: a deep link opened offline must find /_app/… from any depth.
		paths: { relative: false },
		// New versions are found by the service worker's update check, not by polling version.json.
		version: { pollInterval: 0 }
	}
};

export default config;
