/**
 * `npm run bench` (scripts/bench.mjs runs this file; it is not a *.db.ts file, so `npm test` never
 * does): push throughput for one device, on a database that also holds other schools' rows.
 *
 * Each run sends a device's queue of new rows as sync_push sends it — batches of 200 envelopes,
 * one PostgREST-style transaction per call (tests/db/transport.ts) — and writes the same rows as
 * naive per-row INSERTs (one statement per row, autocommit, as the same user under the same
 * row-level security), alternating the two so both see the same machine. Also timed: a mixed
 * batch (new plan and actions, new deficits, edits with a conflict check, deletions). Prints
 * mutations/s, the median of the runs, against the goals of issue 11 (≥ 2,000/s; ≥ 5× naive) and
 * the longest push transaction (the time it holds back other users' pull horizon). Never fails on
 * time.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { afterAll, beforeAll, it } from 'vitest';
import { DEFAULT_FRAMEWORK_ID } from '../../src/lib/domain/frameworks/default-id';
import { toEnvelope, type Mutation, type PushResponse } from '../../src/lib/sync/transport';
import { signUp } from './actors';
import { claimsOf, freshDatabase, type TestDatabase } from './cluster';

const SCHOOLS = Number(process.env.BENCH_PUSH_SCHOOLS ?? 100);
const TEACHERS_PER_SCHOOL = 50;
const BATCH = 200;
const BATCHES = 5;
const RUNS = 7;

let db: TestDatabase;

const uuidOf = (key: string) => `md5(${key})::uuid`;
const TEACHERS = SCHOOLS * TEACHERS_PER_SCHOOL;

/** Other schools' people and a year of their rows, set-based (the bench teacher is 't1'). */
const GENERATE = `
insert into public.organizations (id, kind, name, parent_id) values (${uuidOf("'region'")}, 'region', 'Область (бенчмарк)', null);
insert into public.organizations (id, kind, name, parent_id) values (${uuidOf("'m1'")}, 'municipality', 'Округ', ${uuidOf("'region'")});
insert into public.organizations (id, kind, name, parent_id)
select ${uuidOf("'s' || s")}, 'school', 'Школа ' || s, ${uuidOf("'m1'")} from generate_series(1, ${SCHOOLS}) s;
insert into public.profiles (id, full_name, email, school_id, birth_year)
select ${uuidOf("'t' || t")}, 'Педагог ' || t, case when t = 1 then 'bench.push@example.test' end,
  ${uuidOf(`'s' || ((t - 1) / ${TEACHERS_PER_SCHOOL} + 1)`)}, 1960 + t % 42
from generate_series(1, ${TEACHERS}) t;
insert into public.memberships (id, profile_id, organization_id, role)
select gen_random_uuid(), ${uuidOf("'t' || t")}, ${uuidOf(`'s' || ((t - 1) / ${TEACHERS_PER_SCHOOL} + 1)`)}, 'teacher'
from generate_series(1, ${TEACHERS}) t;
set session_replication_role = replica;
insert into public.assessments (id, teacher_id, framework_id, framework_version, kind, stage, academic_year, status, scores, started_at, submitted_at)
select gen_random_uuid(), ${uuidOf("'t' || t")}, '${DEFAULT_FRAMEWORK_ID}', 1, 'self', st, 2026, 'submitted',
  (select jsonb_object_agg(i, (t + length(i)) % 4) from unnest(ids.a) i), timestamptz '2026-10-01 10:00+00', timestamptz '2026-10-01 11:00+00'
from generate_series(1, ${TEACHERS}) t cross join unnest(array['entry', 'final']) st
cross join (select array_agg(ind ->> 'id') as a from public.frameworks f, jsonb_array_elements(f.competencies) c,
            jsonb_array_elements(c -> 'indicators') ind where f.id = '${DEFAULT_FRAMEWORK_ID}') ids;
set session_replication_role = origin;
select private.rebuild_assessment_facts();
insert into public.activities (id, teacher_id, kind, title, start_date, end_date, hours, quality_related, completed)
select gen_random_uuid(), ${uuidOf("'t' || t")}, 'course', 'Курс ' || k, date '2025-09-01' + (t + k) % 300, date '2025-09-01' + (t + k) % 300 + 20, 36, false, true
from generate_series(1, ${TEACHERS}) t cross join generate_series(1, 8) k;
insert into public.deficits (id, teacher_id, competency_id, source, status)
select gen_random_uuid(), ${uuidOf("'t' || t")}, 'evaluation', 'self_assessment', 'identified'
from generate_series(1, ${TEACHERS}) t cross join generate_series(1, 4) k;
insert into public.development_plans (id, teacher_id, academic_year, status)
select ${uuidOf("'plan' || t")}, ${uuidOf("'t' || t")}, 2026, 'draft' from generate_series(1, ${TEACHERS}) t;
insert into public.plan_actions (id, plan_id, teacher_id, type, title)
select gen_random_uuid(), ${uuidOf("'plan' || t")}, ${uuidOf("'t' || t")}, 'course', 'Действие ' || k
from generate_series(1, ${TEACHERS}) t cross join generate_series(1, 6) k;
`;

let userId = '';
let profileId = '';

beforeAll(async () => {
	db = await freshDatabase({ max: 3 });
}, 60_000);
afterAll(async () => {
	await db?.drop();
});

function activity(n: number): Record<string, unknown> {
	return {
		teacher_id: profileId,
		kind: 'course',
		title: `Курс повышения квалификации № ${n}`,
		start_date: '2026-10-01',
		end_date: '2026-10-20',
		provider: 'ИРО',
		hours: 36,
		certificate: '',
		quality_related: true,
		completed: true,
		community_type: null,
		competition_level: null,
		result: ''
	};
}

/** What the device's queue holds after `count` new activities: mutations numbered from `first`. */
function newActivities(first: number, count: number): Mutation[] {
	return Array.from({ length: count }, (_, i) => ({
		seq: first + i,
		mutation_id: randomUUID(),
		table: 'activities',
		row_id: randomUUID(),
		op: 'upsert' as const,
		fields: activity(first + i),
		base: {}
	}));
}

/**
 * Pushes `batches` as one device; returns the time of each call (ms). Each call is one
 * transaction as PostgREST makes it: begin; the role and the claims set in one statement; the
 * call; commit (tests/db/cluster.ts asUser sets the two in two statements).
 */
async function pushAll(clientId: string, batches: Mutation[][]): Promise<number[]> {
	const took: number[] = [];
	const client = await db.pool.connect();
	try {
		for (const batch of batches) {
			const started = performance.now();
			await client.query('begin');
			await client.query(
				`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`,
				[JSON.stringify(claimsOf(userId))]
			);
			const r = await client.query('select public.sync_push($1::uuid, $2::jsonb) as result', [
				clientId,
				JSON.stringify(batch.map(toEnvelope))
			]);
			await client.query('commit');
			took.push(performance.now() - started);
			const answer = r.rows[0].result as PushResponse;
			if ('error' in answer || answer.retry || answer.results.some((x) => x.status !== 'applied')) {
				throw new Error(`bench push was not applied whole: ${JSON.stringify(answer).slice(0, 500)}`);
			}
		}
	} catch (error) {
		await client.query('rollback').catch(() => {});
		throw error;
	} finally {
		client.release();
	}
	return took;
}

/** The same rows, one INSERT each in autocommit, on one connection as the same user. */
async function naiveInserts(rows: Mutation[]): Promise<number> {
	const client = new pg.Client({ connectionString: db.url });
	await client.connect();
	try {
		await client.query('set role authenticated');
		await client.query(`select set_config('request.jwt.claims', $1, false)`, [JSON.stringify(claimsOf(userId))]);
		const started = performance.now();
		for (const m of rows) {
			const f = m.fields;
			await client.query(
				`insert into public.activities (id, teacher_id, kind, title, start_date, end_date, provider, hours, certificate,
				   quality_related, completed, community_type, competition_level, result)
				 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
				[
					m.row_id,
					f.teacher_id,
					f.kind,
					f.title,
					f.start_date,
					f.end_date,
					f.provider,
					f.hours,
					f.certificate,
					f.quality_related,
					f.completed,
					f.community_type,
					f.competition_level,
					f.result
				]
			);
		}
		return performance.now() - started;
	} finally {
		await client.end();
	}
}

/** A batch a teacher's device really sends: a plan with actions, deficits, edits (with base) and deletions. */
async function mixedBatch(first: number): Promise<Mutation[]> {
	const existing = (
		await db.pool.query(
			`select id, title from public.activities where teacher_id = $1 and deleted_at is null order by id limit 80`,
			[profileId]
		)
	).rows as { id: string; title: string }[];
	const plan = randomUUID();
	const m: Omit<Mutation, 'seq'>[] = [
		{
			mutation_id: randomUUID(),
			table: 'development_plans',
			row_id: plan,
			op: 'upsert',
			fields: {
				teacher_id: profileId,
				academic_year: 2027,
				goals: 'Цели',
				deficit_ids: [],
				status: 'draft',
				approved_by: null,
				approved_at: null
			},
			base: {}
		}
	];
	for (let i = 0; i < 60; i++) {
		m.push({
			mutation_id: randomUUID(),
			table: 'plan_actions',
			row_id: randomUUID(),
			op: 'upsert',
			fields: {
				plan_id: plan,
				teacher_id: profileId,
				deficit_id: null,
				type: 'course',
				title: `Действие ${i}`,
				result_form: '',
				deadline: '2027-03-01',
				hours: 12,
				status: 'planned',
				evidence: [],
				reflection: '',
				completed_at: null,
				source_observation_id: null
			},
			base: {}
		});
	}
	for (let i = 0; i < 59; i++) {
		m.push({
			mutation_id: randomUUID(),
			table: 'deficits',
			row_id: randomUUID(),
			op: 'upsert',
			fields: {
				teacher_id: profileId,
				competency_id: 'evaluation',
				indicator_ids: ['evaluation.1'],
				source: 'self_assessment',
				description: `Дефицит ${i}`,
				status: 'identified',
				confirmed_at: null,
				source_assessment_id: null,
				source_observation_id: null,
				history: []
			},
			base: {}
		});
	}
	for (const row of existing.slice(0, 50)) {
		m.push({
			mutation_id: randomUUID(),
			table: 'activities',
			row_id: row.id,
			op: 'upsert',
			fields: { title: `${row.title}.` },
			base: { title: row.title }
		});
	}
	for (const row of existing.slice(50, 80)) {
		m.push({
			mutation_id: randomUUID(),
			table: 'activities',
			row_id: row.id,
			op: 'delete',
			fields: { deleted_at: new Date().toISOString() },
			base: { deleted_at: null }
		});
	}
	return m.map((x, i) => ({ ...x, seq: first + i }));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const perSecond = (count: number, ms: number) => (count * 1000) / ms;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

it('times sync_push against naive per-row INSERTs for one device in batches of 200', async () => {
	const started = performance.now();
	await db.pool.query(GENERATE);
	await db.pool.query('vacuum analyze');
	const generated = (performance.now() - started) / 1000;
	const rows = (
		await db.pool
			.query(`select sum(n) as n from (select count(*) as n from public.assessments union all select count(*) from public.activities
		   union all select count(*) from public.deficits union all select count(*) from public.plan_actions union all select count(*) from public.profiles) x`)
	).rows[0].n as string;
	userId = await signUp(db.pool, 'bench.push@example.test');
	profileId = (await db.pool.query(`select ${uuidOf("'t1'")} as id`)).rows[0].id as string;

	// Warm-up: the first calls plan the statements a long-lived PostgREST connection keeps.
	await pushAll(randomUUID(), [newActivities(1, BATCH), newActivities(BATCH + 1, BATCH)]);
	await naiveInserts(newActivities(1, BATCH));

	const push: number[] = [];
	const naive: number[] = [];
	const mixed: number[] = [];
	const longest: number[] = [];
	for (let run = 0; run < RUNS; run++) {
		const client = randomUUID();
		// Batch by batch, each push followed by the same number of naive INSERTs: both see the
		// same moments of a shared machine.
		const took: number[] = [];
		const naiveTook: number[] = [];
		for (let b = 0; b < BATCHES; b++) {
			took.push(...(await pushAll(client, [newActivities(1 + b * BATCH, BATCH)])));
			naiveTook.push(await naiveInserts(newActivities(1, BATCH)));
		}
		push.push(perSecond(BATCH * BATCHES, sum(took)));
		longest.push(Math.max(...took));
		naive.push(perSecond(BATCH * BATCHES, sum(naiveTook)));
		const mixedTook = await pushAll(client, [await mixedBatch(1 + BATCHES * BATCH)]);
		mixed.push(perSecond(BATCH, sum(mixedTook)));
	}

	const fmt = (x: number) => x.toFixed(0);
	const pushMedian = median(push);
	const naiveMedian = median(naive);
	// Each run's two figures were taken back to back, so their ratio is what load cannot skew.
	const ratio = median(push.map((p, i) => p / naive[i]!));
	console.log(
		[
			'',
			`bench push: ${TEACHERS} teachers in ${SCHOOLS} schools, ${rows} rows, generated in ${generated.toFixed(1)} s; ${RUNS} runs of ${BATCHES} batches of ${BATCH}`,
			`sync_push, new rows: median ${fmt(pushMedian)} mutations/s (runs ${push.map(fmt).join(', ')}; goal ≥ 2000: ${pushMedian >= 2000 ? 'met' : 'MISSED'})`,
			`naive per-row INSERTs: median ${fmt(naiveMedian)} rows/s (runs ${naive.map(fmt).join(', ')})`,
			`sync_push / naive, run by run: median ${ratio.toFixed(1)}× (runs ${push.map((p, i) => (p / naive[i]!).toFixed(1)).join(', ')}; goal ≥ 5×: ${ratio >= 5 ? 'met' : 'MISSED'})`,
			`sync_push, mixed batch (plan + actions, deficits, edits with base, deletions): median ${fmt(median(mixed))} mutations/s (runs ${mixed.map(fmt).join(', ')})`,
			`longest push call of 200: median ${median(longest).toFixed(0)} ms (the pull horizon is held back at most this long)`,
			''
		].join('\n')
	);
}, 1_800_000);
