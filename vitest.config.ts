import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Unit layer: domain rules, Dexie repositories (fake-indexeddb) and components (jsdom).
export default defineConfig({
	plugins: [svelte(), svelteTesting()],
	define: { __APP_VERSION__: JSON.stringify('test') },
	resolve: {
		alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) }
	},
	test: {
		include: ['src/**/*.spec.ts', 'tests/unit/**/*.spec.ts'],
		environment: 'jsdom',
		setupFiles: ['tests/unit/setup.ts'],
		restoreMocks: true
	}
});
