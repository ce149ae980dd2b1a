import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig, loadEnv, type Plugin } from 'vite';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backendWarning } from './src/lib/supabase/backend-warning.js';

// An empty NODE_ENV in the environment (seen on these machines) makes Vite build the Svelte
// components in dev mode: larger, with file names and locations inside. Treat empty as unset.
if (process.env.NODE_ENV === '') delete process.env.NODE_ENV;

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// --- Backend settings ------------------------------------------------------------------------------

// Both the URL and the key, or neither: src/lib/supabase/backend-warning.ts. Said once, though
// the config resolves once per environment (client, server, service worker).
let backendWarned = false;
const backendCheck: Plugin = {
	name: 'trajectory:backend-check',
	configResolved(config) {
		const warning = backendWarning({
			...loadEnv(config.mode, config.envDir || process.cwd(), 'PUBLIC_'),
			...process.env
		});
		if (warning && !backendWarned) config.logger.warn(`\n⚠ ${warning}\n`);
		backendWarned ||= warning !== null;
	}
};

// --- First-load size (scripts/size.mjs budget) ---------------------------------------------------

// `import 'dexie'` resolves to a wrapper around Dexie's ES5 build (CommonJS, with its interop
// helpers). The same version ships an ES2018+ ES module build with the same API: ~2 kB gzip less on
// every first load. Client build only; dev and the unit tests keep the package's own entry.
const dexieModern: Plugin = {
	name: 'trajectory:dexie-modern',
	apply: 'build',
	enforce: 'pre',
	resolveId(id, _importer, options) {
		if (id === 'dexie' && !options?.ssr) return createRequire(import.meta.url).resolve('dexie/dist/modern/dexie.mjs');
	}
};

// Every page load runs the start entry, the app entry, the root layout (node 0) and the root error
// page (node 1) with all their static imports. Left to automatic chunking these ~170 modules come
// as ~25 files split by which routes use them, most under 1 kB (import/export glue, no shared gzip
// window). Grouped: the libraries (Svelte, SvelteKit, Vite helpers) in one chunk, Dexie in one, the
// app's shell code (layout, session, i18n core, icons…) in one. Only modules every page loads
// anyway are grouped, so no route loads more than before; lazy code is never captured (static
// imports only). The shell group excludes what the entries themselves import, so the layout's code
// is still evaluated when node 0 loads, as before. If SvelteKit moves these files, nothing matches
// and chunking falls back to automatic (correct, just bigger: `npm run size` will say so).
const kitDir = dirname(createRequire(import.meta.url).resolve('@sveltejs/kit/package.json'));
const generated = (file: string) =>
	fileURLToPath(new URL(`./.svelte-kit/generated/client-optimized/${file}`, import.meta.url));
const BOOT = [join(kitDir, 'src/runtime/client/entry.js'), generated('app.js')];
const LAYOUT = [generated('nodes/0.js'), generated('nodes/1.js')];
const ENTRIES = new Set([...BOOT, ...LAYOUT]);
type ModuleGraph = { getModuleInfo(id: string): { importedIds: readonly string[] } | null };
let always: { key: unknown; boot: Set<string>; layout: Set<string> } | null = null;

function staticClosure(graph: ModuleGraph, roots: string[], skip: Set<string>): Set<string> {
	const seen = new Set<string>();
	const todo = [...roots];
	while (todo.length) {
		const id = todo.pop()!;
		if (seen.has(id) || skip.has(id)) continue;
		seen.add(id);
		for (const dep of graph.getModuleInfo(id)?.importedIds ?? []) todo.push(dep);
	}
	return seen;
}

/** 'boot' / 'layout' when every page load runs the module (via the entries / via nodes 0–1). */
function loadedAlways(id: string, graph: ModuleGraph): 'boot' | 'layout' | null {
	const key = graph.getModuleInfo(LAYOUT[0]!);
	if (!key || ENTRIES.has(id)) return null;
	if (always?.key !== key) {
		const boot = staticClosure(graph, BOOT, new Set());
		always = { key, boot, layout: staticClosure(graph, LAYOUT, boot) };
	}
	return always.boot.has(id) ? 'boot' : always.layout.has(id) ? 'layout' : null;
}

const isLibrary = (id: string) => /[\\/]node_modules[\\/]/.test(id) || !isAbsolute(id);

// Svelte runtime modules only later screens use: input bindings (bind:value, bind:checked,
// bind:group), {#await}, <svelte:element>, $state.snapshot. Compiled components reach the runtime
// through one barrel (svelte/internal/client), so by static imports these are "loaded always" and
// the vendor chunk would carry them (~0.8 kB gzip) for screens that are not open yet. Svelte's
// package.json does not say which modules are free of side effects; these and the barrel are
// (constants and functions only), and said so, they are not pulled into the vendor chunk with the
// barrel: they go to a chunk of their own that only the screens using them import. If a
// first-screen component starts using one, that chunk joins the first load (correct, just bigger).
const LATER_RUNTIME =
	/[\\/]node_modules[\\/]svelte[\\/]src[\\/]internal[\\/](client[\\/]dom[\\/](elements[\\/]bindings[\\/]input|blocks[\\/](await|svelte-element))|shared[\\/]clone)\.js$/;
const RUNTIME_BARREL = /[\\/]node_modules[\\/]svelte[\\/]src[\\/]internal[\\/]client[\\/]index\.js$/;

export default defineConfig({
	define: { __APP_VERSION__: JSON.stringify(pkg.version) },
	// PUBLIC_SUPABASE_URL / PUBLIC_SUPABASE_ANON_KEY reach the app as import.meta.env at build time;
	// with neither set the app is in guest mode (src/lib/supabase/config.ts).
	envPrefix: ['VITE_', 'PUBLIC_'],
	build: {
		rolldownOptions: {
			// undefined: every other module as its package.json says.
			treeshake: { moduleSideEffects: (id) => (LATER_RUNTIME.test(id) || RUNTIME_BARREL.test(id) ? false : undefined) },
			output: {
				codeSplitting: {
					groups: [
						{
							priority: 3,
							name: (id, graph) =>
								/[\\/]node_modules[\\/]dexie[\\/]/.test(id) && loadedAlways(id, graph) ? 'dexie' : null
						},
						{
							priority: 2,
							name: (id, graph) =>
								isLibrary(id) && !LATER_RUNTIME.test(id) && loadedAlways(id, graph) ? 'vendor' : null
						},
						{ priority: 0, name: (id) => (LATER_RUNTIME.test(id) ? 'runtime-later' : null) },
						{
							priority: 1,
							name: (id, graph) => (!isLibrary(id) && loadedAlways(id, graph) === 'layout' ? 'shell' : null)
						}
					]
				}
			}
		}
	},
	plugins: [
		backendCheck,
		dexieModern,
		sveltekit(),
		SvelteKitPWA({
			// Prompt, never auto-reload: a teacher mid-form decides when the new version takes over.
			registerType: 'prompt',
			injectRegister: false,
			strategies: 'generateSW',
			manifestFilename: 'manifest.webmanifest',
			kit: {
				// The shell is precached as '/', and every navigation falls back to it (deep links offline).
				spa: { fallbackMapping: '/' },
				adapterFallback: 'index.html',
				// Precached so that offline navigation does not log failed version checks.
				includeVersionFile: true
			},
			manifest: {
				id: '/',
				name: 'Траектория — профессиональный рост педагога',
				short_name: 'Траектория',
				description:
					'Самооценка, профессиональные дефициты, ИОМ, наставничество и мониторинг роста педагогов — работает без интернета.',
				lang: 'ru',
				dir: 'ltr',
				start_url: '/',
				scope: '/',
				display: 'standalone',
				orientation: 'any',
				background_color: '#f5f7fa',
				theme_color: '#1f4e79',
				categories: ['education', 'productivity'],
				icons: [
					{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
					{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
					{ src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
				]
			},
			workbox: {
				globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,webmanifest,woff2}'],
				navigateFallback: '/',
				// Nothing outside the app is a navigation the shell should answer (e.g. a future /auth callback on another origin).
				navigateFallbackDenylist: [/^\/_app\//, /\.[a-z0-9]+$/i],
				cleanupOutdatedCaches: true
			},
			devOptions: { enabled: false }
		})
	]
});
