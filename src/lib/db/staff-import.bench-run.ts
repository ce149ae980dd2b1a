/**
 * `npm run bench` (scripts/bench.mjs; not a *.spec.ts file, so `npm test` never runs it): how
 * long a school methodist's staff import of 5,000 rows takes — parse, check against the people
 * already on the device, and apply with its outbox entries — on fake-indexeddb in Node; and a
 * municipality's list of 5,000 rows for 60 schools, as guest mode imports it on the device (signed
 * in, it is imported on the server: tests/db/bench-staff-import.run.ts).
 * Target (issue 6): under 5 s. Prints the figures; never fails on time.
 */
import { performance } from 'node:perf_hooks';
import { it } from 'vitest';
import { buildOrganization, IDS, uuid } from '$lib/domain/testing/builders';
import { parseCsv, read } from '$lib/domain/staff-import';
import { schoolMatcher } from '$lib/domain/school-name';
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

it(`times a municipality's staff import of ${ROWS} rows into 60 schools on the device (guest mode)`, async () => {
	const lines: string[] = [];
	const schools = Array.from({ length: 60 }, (_, i) =>
		buildOrganization({
			id: uuid(1000 + i),
			name: `МБОУ «Средняя общеобразовательная школа № ${i + 1}»`,
			shortName: null
		})
	);
	for (let run = 1; run <= RUNS; run += 1) {
		const db = freshDatabase(`staff-import-bench-municipal-${run}`);
		await db.organizations.bulkPut(schools);
		// The same list, each row's ОО one of the 60 schools as lists write it («СОШ № 7»).
		let n = 0;
		const text = staffCsv(ROWS).replace(/;СОШ № 1;/g, () => `;СОШ № ${(n++ % 60) + 1};`);
		const started = performance.now();
		const reading = read(parseCsv(text), { today: '2026-12-07' });
		const find = schoolMatcher(schools);
		const schoolOf = (name: string) => find(name)[0]?.id ?? null;
		await staffImport.previewMany(db, reading, schoolOf);
		const checked = performance.now();
		const applied = await staffImport.applyMany(db, reading, schoolOf, { profileId: IDS.methodist });
		const done = performance.now();
		db.close();
		const total = done - started;
		lines.push(
			`municipal staff import on the device, ${ROWS} rows, 60 schools, run ${run}: parse+check ${Math.round(checked - started)} ms, apply ${Math.round(done - checked)} ms ` +
				`(${applied.steps.length} rows), total ${Math.round(total)} ms (target < 5000 ms: ${total < 5000 ? 'met' : 'MISSED'})`
		);
	}
	console.log(['', ...lines, ''].join('\n'));
}, 300_000);
