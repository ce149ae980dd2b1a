// `npm run bench`: the speed goals, measured and printed (a missed target is reported, not
// failed). Not part of `npm test`: none of these files matches a test layer's pattern.
// - src/lib/db/staff-import.bench-run.ts: a staff import of 5,000 rows on fake-indexeddb (a school's,
//   and a municipality's of 60 schools in guest mode);
// - tests/db/bench-staff-import.run.ts: a municipal methodist's import of 5,000 rows into 60 schools
//   through public.staff_import (preview, write, the same file again);
// - tests/db/bench.run.ts: the dashboard queries on a generated region, on a throwaway
//   PostgreSQL like the database tests (or DATABASE_URL);
// - tests/db/bench-sync.run.ts: first and empty sync pulls on a region of a million synced rows
//   (BENCH_SYNC_PAGE overrides the page size);
// - tests/db/bench-push.run.ts: sync_push throughput of one device in batches of 200 against naive
//   per-row INSERTs (BENCH_PUSH_SCHOOLS sets how many other schools' rows the database holds).
import { startVitest } from 'vitest/node';

const benches = [
	{ file: 'src/lib/db/staff-import.bench-run.ts', config: 'vitest.config.ts' },
	{ file: 'tests/db/bench-staff-import.run.ts', config: 'vitest.db.config.ts' },
	{ file: 'tests/db/bench.run.ts', config: 'vitest.db.config.ts' },
	{ file: 'tests/db/bench-sync.run.ts', config: 'vitest.db.config.ts' },
	{ file: 'tests/db/bench-push.run.ts', config: 'vitest.db.config.ts' }
];

let failed = 0;
for (const { file, config } of benches) {
	const vitest = await startVitest('test', [file], { config, include: [file], run: true, watch: false });
	failed += vitest?.state.getCountOfFailedTests() ?? 1;
	await vitest?.close();
}
process.exit(failed ? 1 : 0);
