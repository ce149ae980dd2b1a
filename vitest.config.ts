import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Unit layer: domain rules and Dexie repositories (fake-indexeddb) run in Node; component tests
// opt into a DOM with a `// @vitest-environment jsdom` first line (jsdom per file costs ~1 s).
export default defineConfig({
	plugins: [svelte(), svelteTesting()],
	define: { __APP_VERSION__: JSON.stringify('test') },
	resolve: {
		alias: {
			$lib: fileURLToPath(new URL('./src/lib', import.meta.url)),
			// Components resolve their links with SvelteKit's resolve(); without the SvelteKit plugin, a stand-in.
			'$app/paths': fileURLToPath(new URL('./tests/unit/app-paths.ts', import.meta.url))
		}
	},
	test: {
		include: ['src/**/*.spec.ts', 'src/**/*.spec.svelte.ts', 'tests/unit/**/*.spec.ts'],
		environment: 'node',
		setupFiles: ['tests/unit/setup.ts'],
		restoreMocks: true
	}
});
