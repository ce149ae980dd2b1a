import { defineConfig } from 'vitest/config';

// Browser layer: the production build served locally, driven in the system Chromium.
export default defineConfig({
	test: {
		include: ['tests/e2e/**/*.e2e.ts'],
		environment: 'node',
		globalSetup: ['tests/e2e/global-setup.ts'],
		testTimeout: 60_000,
		hookTimeout: 120_000,
		// One browser at a time: two cores, and each test owns a fresh profile.
		fileParallelism: false
	}
});
