// `npm run bench`: times the dashboard queries on a generated region (tests/db/bench.run.ts) on
// a throwaway PostgreSQL, like the database tests (or DATABASE_URL). Not part of `npm test`: the
// bench file is not a *.db.ts file, so it is included here only. Prints the figures; a missed
// target is reported, not failed.
import { startVitest } from 'vitest/node';

const vitest = await startVitest('test', ['tests/db/bench.run.ts'], {
	config: 'vitest.db.config.ts',
	include: ['tests/db/bench.run.ts'],
	run: true,
	watch: false
});
await vitest?.close();
process.exit(vitest?.state.getCountOfFailedTests() ? 1 : 0);
