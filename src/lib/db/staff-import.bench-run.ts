/**
 * `npm run bench` (scripts/bench.mjs; not a *.spec.ts file, so `npm test` never runs it): how
 * long a school methodist's staff import of 5,000 rows takes — parse, check against the people
 * already on the device, and apply with its outbox entries — on fake-indexeddb in Node.
 * Target (issue 6): under 5 s. Prints the figures; never fails on time.
 */
import { performance } from 'node:perf_hooks';
import { it } from 'vitest';
import { buildOrganization, IDS } from '$lib/domain/testing/builders';
import { parseCsv } from '$lib/domain/staff-import';
import * as staffImport from './staff-import';
import { freshDatabase } from './testing/fresh';
import { staffCsv } from './testing/staff-csv';

const ROWS = 5000;
const RUNS = 3;

it(`times a staff import of ${ROWS} rows`, async () => {
	const lines: string[] = [];
	for (let run = 1; run <= RUNS; run += 1) {
		const db = freshDatabase(`staff-import-bench-${run}`);
		await db.organizations.put(buildOrganization());
		const text = staffCsv(ROWS);
		const started = performance.now();
		const sheet = parseCsv(text);
		await staffImport.preview(db, sheet, IDS.school);
		const checked = performance.now();
		await staffImport.apply(db, sheet, IDS.school, { profileId: IDS.methodist });
		const applied = performance.now();
		db.close();
		const total = applied - started;
		lines.push(
			`staff import, ${ROWS} rows, run ${run}: parse+check ${Math.round(checked - started)} ms, apply ${Math.round(applied - checked)} ms, ` +
				`total ${Math.round(total)} ms (target < 5000 ms: ${total < 5000 ? 'met' : 'MISSED'})`
		);
	}
	console.log(['', ...lines, ''].join('\n'));
}, 300_000);
