import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { missingParts, preflightMessage } from '../../scripts/lib/preflight.mjs';

describe('npm test on a machine with only Node', () => {
	it('names every missing part and the one command that installs them all', () => {
		const parts = missingParts({ chromium: () => null, exists: () => false, env: {} });
		expect(parts.packages).toEqual(['chromium', 'postgresql-15', 'postgresql-15-plpgsql-check']);
		expect(preflightMessage(parts)).toContain(
			'sudo apt-get update && sudo apt-get install -y chromium postgresql-15 postgresql-15-plpgsql-check'
		);
	});

	it('needs no PostgreSQL of its own when DATABASE_URL names one', () => {
		const parts = missingParts({
			chromium: () => '/usr/bin/chromium',
			exists: () => false,
			env: { DATABASE_URL: 'postgres://x@db/y' }
		});
		expect(parts.missing).toEqual([]);
		expect(preflightMessage(parts)).toBeNull();
	});

	it('stops before any layer starts, exit 1 with the command, when the PostgreSQL binaries are missing', () => {
		const run = spawnSync(process.execPath, ['scripts/test.mjs'], {
			env: { ...process.env, CHROMIUM_PATH: '', PATH: process.env.PATH, PG_BIN: '/nonexistent/pg/bin' },
			encoding: 'utf8',
			timeout: 20_000
		});
		expect(run.status).toBe(1);
		expect(run.stderr).toContain('sudo apt-get install -y');
		expect(run.stderr).toContain('postgresql-15');
		// No layer ran: vitest never printed a layer header.
		expect(run.stdout).not.toContain('=== unit tests ===');
	});
});
