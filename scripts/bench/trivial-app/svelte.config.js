// The trivial app the bench compares against: what SvelteKit itself costs, built the way the
// project is (Svelte 5 runes, adapter-static single-page app with a fallback page, ssr off), so
// the project's figures can be read as "the framework's floor plus ours".
import adapter from '@sveltejs/adapter-static';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true }),
		paths: { relative: false },
		version: { pollInterval: 0 }
	}
};

export default config;
