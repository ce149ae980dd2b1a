import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Database layer: SQL behaviour on a real PostgreSQL — a throwaway cluster from the system
// binaries, or DATABASE_URL. Each file clones a template database that has every migration.
export default defineConfig({
	define: { __APP_VERSION__: JSON.stringify('test') },
	resolve: {
		alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) }
	},
	test: {
		include: ['tests/db/**/*.db.ts'],
		environment: 'node',
		globalSetup: ['tests/db/global-setup.ts'],
		// One file at a time: two cores, and the pull horizon is cluster-wide (a long transaction in
		// one file would hold back another file's pulls).
		fileParallelism: false,
		testTimeout: 60_000,
		hookTimeout: 120_000
	}
});
