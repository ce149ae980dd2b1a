/**
 * A push that cannot be jammed or fooled (issue 11, items 3 and 4), on a real PostgreSQL:
 * - an item PostgreSQL cannot store, or that breaks a rule of the domain, is refused alone and
 *   the item after it applies;
 * - transient errors (a deadlock, a lock timeout) are retried and never recorded as a refusal;
 * - a seq that comes again with another mutation is refused, and a device renumbers and loses
 *   nothing; a mutation the user's ledger already holds is not applied twice;
 * - the constraints refuse what the app cannot read, whoever writes.
 * The client side is the real one where it matters (the envelope of tests/db/transport.ts, and
 * src/lib/sync/push.ts on fake-indexeddb for the two-device cases).
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { AppDatabase } from '../../src/lib/db/database';
import * as outbox from '../../src/lib/db/outbox';
import * as rows from '../../src/lib/db/rows';
import { CLIENT_ID, clientId } from '../../src/lib/sync/client-id';
import { fromServer } from '../../src/lib/sync/columns';
import { push as pushOutbox } from '../../src/lib/sync/push';
import {
	isRefused,
	toEnvelope,
	type PushAccepted,
	type PushResult,
	type SyncTransport
} from '../../src/lib/sync/transport';
import { build, createActors, id, type Actors } from './actors';
import { asUser, freshDatabase, insertRow, type TestDatabase } from './cluster';
import { applyFiles, migrationFiles, withDatabase } from './global-setup';
import { pgTransport, type Mutation, type PushResponse } from './transport';

let db: TestDatabase;
let a: Actors;

beforeAll(async () => {
	db = await freshDatabase({ max: 8 });
	a = await createActors(db.pool);
});
afterAll(() => db?.drop());

const owner = () => a.people.owner;

function mutation(
	seq: number,
	table: string,
	rowId: string,
	fields: Record<string, unknown>,
	base: Record<string, unknown> = {},
	op: Mutation['op'] = 'upsert'
): Mutation {
	return { seq, mutation_id: id(), table, row_id: rowId, op, fields, base };
}

/** A new activity of the owner's, as a device sends it (no id among the fields). */
function newActivity(seq: number, overrides: Record<string, unknown> = {}): Mutation {
	const { id: rowId, ...fields } = build.activity({ teacher_id: owner().profileId, ...overrides });
	return mutation(seq, 'activities', rowId as string, fields);
}

function push(userId: string, client: string, mutations: Mutation[]): Promise<PushResponse> {
	return pgTransport(db.pool, userId).push(client, mutations);
}

/** sync_push with any JSON at all, as a client that builds its own envelopes would send it. */
async function rawPush(userId: string, client: string, items: unknown[]): Promise<PushResponse> {
	return asUser(
		db.pool,
		userId,
		async (c) =>
			(await c.query('select public.sync_push($1::uuid, $2::jsonb) as r', [client, JSON.stringify(items)])).rows[0].r
	);
}

async function exists(table: string, rowId: string): Promise<boolean> {
	return ((await db.pool.query(`select 1 from public.${table} where id = $1`, [rowId])).rowCount ?? 0) > 0;
}

async function ledger(
	client: string
): Promise<{ seq: string; status: string; code: string | null; mutation_id: string | null }[]> {
	return (
		await db.pool.query(
			`select seq, status, code, mutation_id from public.sync_ledger where client_id = $1 order by seq`,
			[client]
		)
	).rows;
}

function codes(response: PushResponse): string[] {
	if ('error' in response) throw new Error(`refused as a whole: ${JSON.stringify(response)}`);
	return response.results.map((r) => r.code ?? r.status);
}

describe('an item PostgreSQL cannot store is refused alone, and the item after it applies', () => {
	const unstorable: [string, string, string][] = [
		['a U+0000 in a text field', 'Курс\u0000ПК', 'U+0000'],
		['a lone high surrogate', 'Курс \ud83d', 'surrogate'],
		['a lone low surrogate', '\ude00 Курс', 'surrogate']
	];
	for (const [label, title, said] of unstorable) {
		it(`${label}: invalid_value, recorded under its seq, and the queue moves on`, async () => {
			const client = id();
			const bad = newActivity(1, { title });
			const good = newActivity(2);

			const answer = await push(owner().userId, client, [bad, good]);

			expect(answer).toMatchObject({
				last_seq: 2,
				results: [
					{ seq: 1, status: 'rejected', code: 'invalid_value' },
					{ seq: 2, status: 'applied' }
				]
			});
			expect((answer as PushAccepted).results[0]!.message).toContain(said);
			expect(await exists('activities', bad.row_id)).toBe(false);
			expect(await exists('activities', good.row_id)).toBe(true);
			expect(await ledger(client)).toEqual([
				{ seq: '1', status: 'rejected', code: 'invalid_value', mutation_id: bad.mutation_id },
				{ seq: '2', status: 'applied', code: null, mutation_id: good.mutation_id }
			]);
			// Sent again after a lost answer: the same outcome, nothing applied twice.
			expect(await push(owner().userId, client, [bad, good])).toMatchObject({
				results: [
					{ seq: 1, status: 'duplicate', outcome: 'rejected', code: 'invalid_value' },
					{ seq: 2, status: 'duplicate', outcome: 'applied' }
				]
			});
		});
	}

	it('JSON nested 50,000 deep: malformed, and the queue moves on', async () => {
		const client = id();
		const bad = newActivity(1);
		const deep = '['.repeat(50_000) + ']'.repeat(50_000);
		const text = JSON.stringify(bad).replace('"result":""', `"result":${deep}`);
		expect(text).toContain(deep);
		const good = newActivity(2);

		const answer = await rawPush(owner().userId, client, [
			{ seq: 1, mutation_id: bad.mutation_id, mutation: text },
			toEnvelope(good)
		]);

		expect(answer).toMatchObject({
			last_seq: 2,
			results: [
				{ seq: 1, status: 'rejected', code: 'malformed' },
				{ seq: 2, status: 'applied' }
			]
		});
		expect(await exists('activities', good.row_id)).toBe(true);
		expect((await ledger(client)).map((r) => [r.seq, r.code ?? r.status, r.mutation_id])).toEqual([
			['1', 'malformed', bad.mutation_id],
			['2', 'applied', good.mutation_id]
		]);
	});

	it('a column only the server writes is forbidden, the pull’s partition keys included', async () => {
		const columns = [
			'version',
			'updated_at',
			'updated_by',
			'sync_txid',
			'access_txid',
			'target_teacher_id',
			'target_party_id'
		];
		const bads = columns.map((column, i) =>
			newActivity(i + 1, { [column]: column.endsWith('_id') || column === 'updated_by' ? owner().profileId : '1' })
		);
		const answer = await push(owner().userId, id(), [...bads, newActivity(columns.length + 1)]);
		expect(codes(answer)).toEqual([...columns.map(() => 'forbidden'), 'applied']);
		const comment = mutation(1, 'comments', id(), {
			target_table: 'deficits',
			target_id: id(),
			author_id: owner().profileId,
			body: 'Текст',
			target_party_id: owner().profileId
		});
		expect(codes(await push(owner().userId, id(), [comment]))).toEqual(['forbidden']);
	});

	it('an envelope whose text is not JSON, or disagrees with its envelope, is malformed; a plain mutation object still applies', async () => {
		const client = id();
		const plain = newActivity(4);
		const answer = await rawPush(owner().userId, client, [
			{ seq: 1, mutation_id: id(), mutation: '{"seq": 1, "table": ' },
			{ seq: 2, mutation_id: id(), mutation: { table: 'activities' } },
			{ ...toEnvelope(newActivity(99)), seq: 3 },
			plain
		]);
		expect(codes(answer)).toEqual(['malformed', 'malformed', 'malformed', 'applied']);
		expect(await exists('activities', plain.row_id)).toBe(true);
	});
});

describe('what the domain cannot read is refused per item, and the item after it applies', () => {
	async function pairs(
		userId: string,
		bads: Mutation[],
		good: (seq: number) => Mutation
	): Promise<{ answer: PushResponse; goods: Mutation[] }> {
		const batch: Mutation[] = [];
		const goods: Mutation[] = [];
		for (const bad of bads) {
			batch.push({ ...bad, seq: batch.length + 1 });
			const g = good(batch.length + 1);
			goods.push(g);
			batch.push(g);
		}
		return { answer: await push(userId, id(), batch), goods };
	}

	it('instants: infinity, -infinity, year 9999, year 10000 and BC, in a new row and in a tombstone', async () => {
		const teacher = owner().profileId;
		const bad = [
			'infinity',
			'-infinity',
			'9999-12-31T00:00:00.000Z',
			'10000-01-01T00:00:00Z',
			'0044-03-15T00:00:00Z BC',
			'1949-12-31T23:59:59.999Z',
			'2101-01-01T00:00:00Z'
		];
		const assessment = (o: Record<string, unknown>) => {
			const { id: rowId, ...fields } = build.assessment({ teacher_id: teacher, ...o });
			return mutation(0, 'assessments', rowId as string, fields);
		};
		const bads = [
			...bad.map((at) => assessment({ started_at: at })),
			...bad.map((at) => assessment({ status: 'submitted', started_at: '1950-01-01T00:00:00Z', submitted_at: at })),
			...bad.map((at) =>
				mutation(0, 'deficits', id(), {
					...build.deficit({ teacher_id: teacher, status: 'identified', confirmed_at: at }),
					id: undefined
				})
			)
		];
		const { answer, goods } = await pairs(owner().userId, bads, (seq) => newActivity(seq));
		expect(codes(answer)).toEqual(bads.flatMap(() => ['invalid_value', 'applied']));
		for (const g of goods) expect(await exists('activities', g.row_id)).toBe(true);

		// A tombstone is an instant too.
		const row = newActivity(1);
		const client = id();
		expect(codes(await push(owner().userId, client, [row]))).toEqual(['applied']);
		const deletes = bad.map((at, i) =>
			mutation(i + 2, 'activities', row.row_id, { deleted_at: at }, { deleted_at: null }, 'delete')
		);
		expect(codes(await push(owner().userId, client, deletes))).toEqual(bad.map(() => 'invalid_value'));
		expect(
			(await db.pool.query(`select deleted_at from public.activities where id = $1`, [row.row_id])).rows[0].deleted_at
		).toBeNull();
	});

	it('the edges of the window are instants the app can show, and apply', async () => {
		const teacher = owner().profileId;
		const edge = (started: string, submitted: string) => {
			const { id: rowId, ...fields } = build.assessment({
				teacher_id: teacher,
				status: 'submitted',
				started_at: started,
				submitted_at: submitted
			});
			return mutation(0, 'assessments', rowId as string, fields);
		};
		const batch = [
			edge('1950-01-01T00:00:00.000Z', '2100-12-31T23:59:59.999Z'),
			edge('1950-01-01T03:00:00+03:00', '2101-01-01T02:59:59+03:00')
		].map((m, i) => ({ ...m, seq: i + 1 }));
		expect(codes(await push(owner().userId, id(), batch))).toEqual(['applied', 'applied']);
	});

	it('scores other than a whole number 0–3: 4, -1, 1.5, "2", null, [1] and 1,000,000', async () => {
		const teacher = owner().profileId;
		const values: unknown[] = [4, -1, 1.5, '2', null, [1], 1_000_000];
		const assessment = (score: unknown) => {
			const { id: rowId, ...fields } = build.assessment({
				teacher_id: teacher,
				scores: { 'goal-setting.1': 2, 'goal-setting.2': score }
			});
			return mutation(0, 'assessments', rowId as string, fields);
		};
		const { answer, goods } = await pairs(owner().userId, values.map(assessment), (seq) => ({ ...assessment(3), seq }));
		expect(codes(answer)).toEqual(values.flatMap(() => ['invalid_value', 'applied']));
		for (const g of goods) expect(await exists('assessments', g.row_id)).toBe(true);

		// The mentor's observation, and a change of scores on a row the server has.
		const observation = build.observation({ observer_id: a.people.mentor.profileId, teacher_id: teacher });
		const { id: obsId, ...obsFields } = observation;
		const client = id();
		expect(
			codes(await push(a.people.mentor.userId, client, [mutation(1, 'observations', obsId as string, obsFields)]))
		).toEqual(['applied']);
		const answer2 = await push(a.people.mentor.userId, client, [
			mutation(
				2,
				'observations',
				obsId as string,
				{ scores: { 'evaluation.1': 1_000_000 } },
				{ scores: obsFields.scores }
			),
			mutation(3, 'observations', obsId as string, { scores: { 'evaluation.1': 3 } }, { scores: obsFields.scores })
		]);
		expect(codes(answer2)).toEqual(['invalid_value', 'applied']);
		expect(
			(await db.pool.query(`select scores from public.observations where id = $1`, [obsId])).rows[0].scores
		).toEqual({ 'evaluation.1': 3 });
	});

	it('titles made only of non-breaking or other Unicode spaces', async () => {
		const blanks = [
			'\u00a0\u00a0',
			'\u3000',
			'\u2003\u2009\u200a',
			'\ufeff',
			' \u202f\u205f ',
			'\u1680',
			'\u2028\u2029',
			'\t\u000b\f\r\n'
		];
		const { answer, goods } = await pairs(
			owner().userId,
			blanks.map((title) => newActivity(0, { title })),
			(seq) => newActivity(seq, { title: '\u00a0Курс\u00a0ПК\u3000' })
		);
		expect(codes(answer)).toEqual(blanks.flatMap(() => ['invalid_value', 'applied']));
		for (const g of goods) expect(await exists('activities', g.row_id)).toBe(true);
	});
});

describe('a batch answers and writes what its mutations would one by one', () => {
	/**
	 * The same changes to two copies of the same rows: one copy gets them as one batch (runs of
	 * inserts, updates and deletes applied set-based), the other one call per mutation (the
	 * per-item path). Answers, rows and kept conflicts must be the same.
	 */
	it('new rows, edits with a stale base, rows of others, tombstones, a bad row in the middle', async () => {
		const teacher = owner().profileId;
		async function world() {
			const mine = Array.from({ length: 7 }, () => id());
			for (const [n, rowId] of mine.entries())
				await insertRow(db.pool, 'activities', build.activity({ id: rowId, teacher_id: teacher, title: `Курс ${n}` }));
			const theirs = id();
			await insertRow(
				db.pool,
				'activities',
				build.activity({ id: theirs, teacher_id: a.people.colleague.profileId, title: 'Чужой курс' })
			);
			// Changed by someone else since the device read it: its edit below has a stale base.
			await db.pool.query(`update public.activities set title = 'Правка на другом устройстве' where id = $1`, [
				mine[1]
			]);
			await db.pool.query(`update public.activities set deleted_at = '2026-11-01T00:00:00Z' where id = $1`, [mine[4]]);
			// Lesson observations of the teacher: hers to read, not hers to delete.
			const observed = [id(), id()];
			for (const rowId of observed) {
				await insertRow(
					db.pool,
					'observations',
					build.observation({ id: rowId, observer_id: a.people.mentor.profileId, teacher_id: teacher })
				);
			}
			const fresh = [id(), id(), id()];
			const plan = id();
			await insertRow(db.pool, 'development_plans', build.plan({ id: plan, teacher_id: teacher }));
			const batch: Mutation[] = [
				...fresh.map((rowId, n) =>
					mutation(0, 'activities', rowId, {
						...build.activity({ teacher_id: teacher, title: `Новый ${n}`, hours: n === 1 ? -5 : 36 }),
						id: undefined
					})
				),
				...mine
					.slice(0, 4)
					.map((rowId, n) => mutation(0, 'activities', rowId, { title: `Моя правка ${n}` }, { title: `Курс ${n}` })),
				mutation(0, 'activities', theirs, { title: 'Взлом' }, { title: 'Чужой курс' }),
				mutation(0, 'activities', mine[0]!, { result: 'сертификат' }, { result: '' }),
				...[mine[2], mine[4], mine[5], theirs, id(), mine[6], mine[3]].map((rowId) =>
					mutation(0, 'activities', rowId!, { deleted_at: '2026-12-01T00:00:00.000Z' }, { deleted_at: null }, 'delete')
				),
				...observed.map((rowId) => mutation(0, 'observations', rowId, {}, {}, 'delete')),
				...Array.from({ length: 3 }, (_, n) =>
					mutation(0, 'plan_actions', id(), {
						...build.action({ plan_id: plan, teacher_id: teacher, title: n === 2 ? '\u00a0' : `Шаг ${n}` }),
						id: undefined
					})
				),
				mutation(0, 'plan_actions', id(), {
					...build.action({ plan_id: plan, teacher_id: teacher, title: 'Без часов', hours: null }),
					id: undefined
				})
			].map((m, i) => ({ ...m, seq: i + 1 }));
			return { batch, ids: [...mine, theirs, ...fresh, plan, ...observed] };
		}
		const state = async (ids: string[]) =>
			(
				await db.pool.query(
					`select table_name, title, result, deleted_at, version from (
					   select 'activities' as table_name, id, title, result, deleted_at, version from public.activities where id = any($1)
					   union all select 'plan_actions', id, title, result_form, deleted_at, version from public.plan_actions where plan_id = any($1)
					   union all select 'observations', id, topic, reflection, deleted_at, version from public.observations where id = any($1)) x
					 order by table_name, title`,
					[ids]
				)
			).rows;
		const conflictsOf = async (ids: string[]) =>
			(
				await db.pool.query(
					`select field, base, overwritten, value from public.sync_conflicts where row_id = any($1) order by field`,
					[ids]
				)
			).rows;
		const strip = (r: PushResult) => {
			const { seq: _seq, message: _message, ...rest } = r;
			return rest;
		};

		const together = await world();
		const batched = await push(owner().userId, id(), together.batch);
		const alone = await world();
		const client = id();
		const singly = [];
		for (const m of alone.batch) {
			const answer = await push(owner().userId, client, [m]);
			if ('error' in answer) throw new Error(JSON.stringify(answer));
			singly.push(...answer.results);
		}

		if ('error' in batched) throw new Error(JSON.stringify(batched));
		expect(batched.results.map(strip)).toEqual(singly.map(strip));
		expect(codes(batched)).toEqual([
			'applied',
			'invalid_value',
			'applied',
			'applied',
			'applied',
			'applied',
			'applied',
			'forbidden',
			'applied',
			'applied',
			'applied',
			'applied',
			'not_found',
			'not_found',
			'applied',
			'applied',
			'forbidden',
			'forbidden',
			'applied',
			'applied',
			'invalid_value',
			'applied'
		]);
		expect((batched.results[4] as { conflicts?: unknown[] }).conflicts).toHaveLength(1);
		expect(await state(together.ids)).toEqual(await state(alone.ids));
		expect(await conflictsOf(together.ids)).toEqual(await conflictsOf(alone.ids));
		expect(await conflictsOf(together.ids)).toEqual([
			{ field: 'title', base: 'Курс 1', overwritten: 'Правка на другом устройстве', value: 'Моя правка 1' }
		]);
	});
});

describe('transient errors are retried, never refused', () => {
	/** A transport that keeps every answer, to see what the server said along the way. */
	function recording(transport: SyncTransport, answers: PushResponse[]): SyncTransport {
		return {
			push: async (client, mutations) => {
				const answer = await transport.push(client, mutations);
				answers.push(answer);
				return answer;
			},
			pull: (cursor, limit) => transport.pull(cursor, limit)
		};
	}

	/** A device database holding the server's copy of these deficits. */
	async function deviceWith(name: string, deficitIds: string[]): Promise<AppDatabase> {
		const device = new AppDatabase(`${name}-${id()}`);
		const { rows: found } = await db.pool.query(`select to_jsonb(x) as r from public.deficits x where id = any($1)`, [
			deficitIds
		]);
		await device.table('deficits').bulkPut(found.map((r) => fromServer(r.r)));
		return device;
	}

	it('a deadlock between two devices moving the same rows in opposite order ends with both devices’ writes applied', async () => {
		const N = 12;
		const deficits = Array.from({ length: N }, () => id());
		for (const d of deficits)
			await insertRow(
				db.pool,
				'deficits',
				build.deficit({ id: d, teacher_id: owner().profileId, status: 'identified' })
			);
		// Every update holds its row a little, so the two devices meet in the middle; a deadlock
		// is then found after 50 ms instead of a second.
		await db.pool.query(`
			create function public.test_slow_update() returns trigger language plpgsql as $$ begin perform pg_sleep(0.03); return new; end $$;
			create trigger test_slow before update on public.deficits for each row execute function public.test_slow_update();
			alter database ${db.name} set deadlock_timeout = '50ms';`);
		const pool = new pg.Pool({ connectionString: db.url, max: 4 });
		const teacherDevice = await deviceWith('teacher', deficits);
		const mentorDevice = await deviceWith('mentor', deficits);
		try {
			// Alternating columns keep each change a step of its own, applied in seq order: a run of
			// edits would be one UPDATE locking its rows in index order, and two of those never deadlock.
			const teacherEdit = (n: number) => (n % 2 ? { description: 'Описание учителя' } : { competencyId: 'planning' });
			const mentorEdit = (n: number) =>
				n % 2 ? { status: 'in_progress' as const } : { indicatorIds: ['evaluation.2'] };
			for (const [n, d] of deficits.entries())
				await rows.update(teacherDevice, 'deficits', d, teacherEdit(n), { profileId: owner().profileId });
			for (const [n, d] of [...deficits].reverse().entries())
				await rows.update(mentorDevice, 'deficits', d, mentorEdit(n), { profileId: a.people.mentor.profileId });
			const answers: PushResponse[] = [];
			const quick = { wait: (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 100))) };

			const summaries = await Promise.all([
				pushOutbox(teacherDevice, recording(pgTransport(pool, owner().userId), answers), {
					clientId: await clientId(teacherDevice),
					...quick
				}),
				pushOutbox(mentorDevice, recording(pgTransport(pool, a.people.mentor.userId), answers), {
					clientId: await clientId(mentorDevice),
					...quick
				})
			]);

			expect(answers.some((r) => !isRefused(r) && r.retry?.code === '40P01')).toBe(true);
			expect(summaries).toEqual([
				{ applied: N, rejected: 0, conflicts: 0 },
				{ applied: N, rejected: 0, conflicts: 0 }
			]);
			expect(await outbox.list(teacherDevice)).toEqual([]);
			expect(await outbox.list(mentorDevice)).toEqual([]);
			const { rows: after } = await db.pool.query(
				`select id, description, competency_id, status, indicator_ids from public.deficits where id = any($1)`,
				[deficits]
			);
			const byId = new Map(after.map((r) => [r.id, r]));
			for (const [n, d] of deficits.entries()) {
				const m = N - 1 - n;
				expect(byId.get(d)).toMatchObject({
					...(n % 2 ? { description: 'Описание учителя' } : { competency_id: 'planning' }),
					...(m % 2 ? { status: 'in_progress' } : { indicator_ids: ['evaluation.2'] })
				});
			}
			for (const device of [teacherDevice, mentorDevice]) {
				const recorded = await ledger(await clientId(device));
				expect(recorded.map((r) => r.status)).toEqual(deficits.map(() => 'applied'));
			}
		} finally {
			teacherDevice.close();
			mentorDevice.close();
			await pool.end();
			await db.pool.query(
				`drop trigger test_slow on public.deficits; drop function public.test_slow_update(); alter database ${db.name} reset deadlock_timeout;`
			);
		}
	});

	it('a row locked elsewhere: the call commits what came before, asks for the rest again, and records no refusal', async () => {
		const client = id();
		const locked = newActivity(1);
		expect(codes(await push(owner().userId, client, [locked]))).toEqual(['applied']);
		const before = newActivity(2);
		const edit = mutation(3, 'activities', locked.row_id, { title: 'Правка' }, { title: locked.fields.title });
		const after = newActivity(4);
		await db.pool.query(`alter database ${db.name} set lock_timeout = '100ms'`);
		const pool = new pg.Pool({ connectionString: db.url, max: 2 });
		const holder = await db.pool.connect();
		try {
			await holder.query('begin');
			await holder.query(`select 1 from public.activities where id = $1 for update`, [locked.row_id]);

			const stopped = await pgTransport(pool, owner().userId).push(client, [before, edit, after]);

			expect(stopped).toEqual({
				last_seq: 2,
				results: [{ seq: 2, status: 'applied' }],
				retry: { seq: 3, code: '55P03' }
			});
			expect(await exists('activities', before.row_id)).toBe(true);
			expect(await exists('activities', after.row_id)).toBe(false);
			expect((await ledger(client)).map((r) => r.seq)).toEqual(['1', '2']);

			await holder.query('commit');
			const resumed = await pgTransport(pool, owner().userId).push(client, [edit, after]);
			expect(codes(resumed)).toEqual(['applied', 'applied']);
			expect((await ledger(client)).map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
		} finally {
			await holder.query('rollback').catch(() => {});
			holder.release();
			await pool.end();
			await db.pool.query(`alter database ${db.name} reset lock_timeout`);
		}
	});
});

describe('transient errors inside a run', () => {
	it('a run of edits meeting a locked row: what came before it is applied and answered, the rest asked for again', async () => {
		const client = id();
		const rowsOf = [newActivity(1), newActivity(2), newActivity(3)];
		expect(codes(await push(owner().userId, client, rowsOf))).toEqual(['applied', 'applied', 'applied']);
		const edits = rowsOf.map((r, n) =>
			mutation(4 + n, 'activities', r.row_id, { title: `Правка ${n}` }, { title: r.fields.title })
		);
		await db.pool.query(`alter database ${db.name} set lock_timeout = '100ms'`);
		const pool = new pg.Pool({ connectionString: db.url, max: 2 });
		const holder = await db.pool.connect();
		try {
			await holder.query('begin');
			await holder.query(`select 1 from public.activities where id = $1 for update`, [rowsOf[1]!.row_id]);

			const stopped = await pgTransport(pool, owner().userId).push(client, edits);

			expect(stopped).toEqual({
				last_seq: 4,
				results: [{ seq: 4, status: 'applied' }],
				retry: { seq: 5, code: '55P03' }
			});
			const titles = async () =>
				(
					await db.pool.query(`select title from public.activities where id = any($1) order by title`, [
						rowsOf.map((r) => r.row_id)
					])
				).rows.map((r) => r.title);
			expect(await titles()).toEqual([rowsOf[1]!.fields.title, rowsOf[2]!.fields.title, 'Правка 0'].sort());

			await holder.query('commit');
			expect(codes(await pgTransport(pool, owner().userId).push(client, edits.slice(1)))).toEqual([
				'applied',
				'applied'
			]);
			expect(await titles()).toEqual(['Правка 0', 'Правка 1', 'Правка 2']);
			expect((await ledger(client)).map((r) => r.status)).toEqual(Array(6).fill('applied'));
		} finally {
			await holder.query('rollback').catch(() => {});
			holder.release();
			await pool.end();
			await db.pool.query(`alter database ${db.name} reset lock_timeout`);
		}
	});
});

describe('a device’s numbering', () => {
	it('a seq already processed that comes with another mutation is refused as a whole, and nothing is applied', async () => {
		const client = id();
		const first = newActivity(1);
		expect(codes(await push(owner().userId, client, [first]))).toEqual(['applied']);
		const other = newActivity(1);
		const next = newActivity(2);

		expect(await push(owner().userId, client, [other, next])).toEqual({ error: 'seq_reused', seq: 1, last_seq: 1 });
		expect(await exists('activities', other.row_id)).toBe(false);
		expect(await exists('activities', next.row_id)).toBe(false);
		expect((await ledger(client)).map((r) => r.mutation_id)).toEqual([first.mutation_id]);
		expect(
			(await db.pool.query(`select last_seq from public.sync_clients where client_id = $1`, [client])).rows[0].last_seq
		).toBe('1');
		// The mutation that really had that seq is still answered as before.
		expect(codes(await push(owner().userId, client, [first, next]))).toEqual(['duplicate', 'applied']);
	});

	it('a new seq carrying a mutation the user’s ledger holds (another client id) is answered with that outcome and not applied again', async () => {
		const row = newActivity(1);
		const edit = mutation(2, 'activities', row.row_id, { title: 'Первая правка' }, { title: row.fields.title });
		const c1 = id();
		expect(codes(await push(owner().userId, c1, [row, edit]))).toEqual(['applied', 'applied']);
		const version = (await db.pool.query(`select version from public.activities where id = $1`, [row.row_id])).rows[0]
			.version;

		const c2 = id();
		const answer = await push(owner().userId, c2, [
			{ ...row, seq: 1 },
			{ ...edit, seq: 2 },
			{ ...edit, seq: 3 },
			mutation(4, 'activities', row.row_id, { title: 'Вторая правка' }, { title: 'Первая правка' })
		]);

		expect(answer).toEqual({
			last_seq: 4,
			results: [
				{ seq: 1, status: 'duplicate', outcome: 'applied' },
				{ seq: 2, status: 'duplicate', outcome: 'applied' },
				{ seq: 3, status: 'duplicate', outcome: 'applied' },
				{ seq: 4, status: 'applied' }
			]
		});
		expect(
			(await db.pool.query(`select version, title from public.activities where id = $1`, [row.row_id])).rows[0]
		).toEqual({ version: version + 1, title: 'Вторая правка' });
		expect((await ledger(c2)).map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
	});

	it('the same mutation twice in one call is applied once', async () => {
		const row = newActivity(1);
		const answer = await push(owner().userId, id(), [row, { ...row, seq: 2 }]);
		expect(answer).toEqual({
			last_seq: 2,
			results: [
				{ seq: 1, status: 'applied' },
				{ seq: 2, status: 'duplicate', outcome: 'applied' }
			]
		});
	});

	it('another user’s ledger is not consulted: a mutation id known only there is applied as new', async () => {
		const mine = newActivity(1);
		expect(codes(await push(owner().userId, id(), [mine]))).toEqual(['applied']);
		const { id: rowId, ...fields } = build.activity({ teacher_id: a.people.colleague.profileId });
		const theirs = { ...mutation(1, 'activities', rowId as string, fields), mutation_id: mine.mutation_id };
		expect(codes(await push(a.people.colleague.userId, id(), [theirs]))).toEqual(['applied']);
	});

	it('a device restored from a copy of another device’s database renumbers and loses nothing', async () => {
		const actor = { profileId: owner().profileId };
		const original = new AppDatabase(`original-${id()}`);
		const copy = new AppDatabase(`copy-${id()}`);
		try {
			const shared = await clientId(original);
			const create = (device: AppDatabase, title: string) => {
				const { id: _id, teacher_id: _t, ...draft } = build.activity({ title });
				return rows.insert(
					device,
					'activities',
					{ ...fromServer(draft), teacherId: owner().profileId } as never,
					actor
				);
			};
			await create(original, 'До копии 1');
			await create(original, 'До копии 2');
			// The copy: the same rows, queue and client id (a restored browser profile).
			await copy.table('activities').bulkPut(await original.table('activities').toArray());
			await copy.outbox.bulkPut(await original.outbox.toArray());
			await copy.meta.bulkPut(await original.meta.toArray());
			await create(original, 'Только на первом');
			await create(copy, 'Только на копии 1');
			await create(copy, 'Только на копии 2');
			const transport = pgTransport(db.pool, owner().userId);

			expect(await pushOutbox(original, transport, { clientId: shared })).toMatchObject({ applied: 3, rejected: 0 });
			expect(await pushOutbox(copy, transport, { clientId: shared })).toMatchObject({ applied: 4, rejected: 0 });

			expect(await clientId(copy)).not.toBe(shared);
			expect((await copy.meta.get(CLIENT_ID))?.value).toBe(await clientId(copy));
			expect(await outbox.list(copy)).toEqual([]);
			const titles = (
				await db.pool.query(
					`select title from public.activities where title like '%копи%' or title like 'Только%' order by title`
				)
			).rows.map((r) => r.title);
			expect(titles).toEqual([
				'До копии 1',
				'До копии 2',
				'Только на копии 1',
				'Только на копии 2',
				'Только на первом'
			]);
			expect((await ledger(await clientId(copy))).map((r) => r.status)).toEqual([
				'applied',
				'applied',
				'applied',
				'applied'
			]);
		} finally {
			original.close();
			copy.close();
		}
	});
});

describe('the constraints refuse what the app cannot read, whoever writes', () => {
	it('every instant a device writes has a validated 1950–2100 constraint', async () => {
		const { rows: columns } = await db.pool.query(`
			select c.relname as table_name, a.attname as column_name,
			       exists (select 1 from pg_constraint k where k.conrelid = c.oid and k.conname = c.relname || '_' || a.attname || '_range' and k.convalidated) as constrained
			from pg_attribute a join pg_class c on c.oid = a.attrelid
			where c.relnamespace = 'public'::regnamespace and c.relname = any (private.synced_table_names())
			  and a.atttypid = 'timestamptz'::regtype and a.attnum > 0 and not a.attisdropped and a.attname <> 'updated_at'
			order by 1, 2`);
		const named = columns.map((c) => `${c.table_name}.${c.column_name}`);
		for (const expected of [
			'assessments.started_at',
			'assessments.submitted_at',
			'deficits.confirmed_at',
			'development_plans.approved_at',
			'plan_actions.completed_at',
			'mentoring_sessions.acknowledged_at',
			'observations.acknowledged_at',
			'recommendations.done_at',
			'recommendations.created_at',
			'activities.deleted_at',
			'profiles.deleted_at'
		]) {
			expect(named).toContain(expected);
		}
		expect(columns.filter((c) => !c.constrained)).toEqual([]);
	});

	it('a plain INSERT as the superuser: infinity, -infinity, year 9999 and BC instants', async () => {
		const teacher = owner().profileId;
		for (const at of ['infinity', '-infinity', '9999-01-01T00:00:00Z', '0001-01-01T00:00:00Z BC']) {
			const outcomes = [
				await insertRow(db.pool, 'assessments', build.assessment({ teacher_id: teacher, started_at: at })).then(
					() => 'inserted',
					(e) => e.code
				),
				await insertRow(db.pool, 'deficits', build.deficit({ teacher_id: teacher, confirmed_at: at })).then(
					() => 'inserted',
					(e) => e.code
				),
				await insertRow(db.pool, 'activities', build.activity({ teacher_id: teacher, deleted_at: at })).then(
					() => 'inserted',
					(e) => e.code
				)
			];
			expect(outcomes, at).toEqual(['23514', '23514', '23514']);
		}
	});

	it('a plain INSERT as the superuser: scores outside 0–3', async () => {
		const teacher = owner().profileId;
		for (const score of [4, -1, 2.5, '1', null, 1_000_000]) {
			const assessment = await insertRow(
				db.pool,
				'assessments',
				build.assessment({ teacher_id: teacher, scores: { 'goal-setting.1': score } })
			).then(
				() => 'inserted',
				(e) => e.code
			);
			const observation = await insertRow(
				db.pool,
				'observations',
				build.observation({
					observer_id: a.people.mentor.profileId,
					teacher_id: teacher,
					scores: { 'evaluation.1': score }
				})
			).then(
				() => 'inserted',
				(e) => e.code
			);
			expect([assessment, observation], String(score)).toEqual(['23514', '23514']);
		}
		await insertRow(
			db.pool,
			'assessments',
			build.assessment({ teacher_id: teacher, scores: { 'goal-setting.1': 0, 'goal-setting.2': 3 } })
		);
	});

	it('a plain INSERT as the superuser: titles, names and bodies blank after trimming every Unicode space', async () => {
		const teacher = owner().profileId;
		for (const blank of ['\u00a0', '\u3000\u3000', '\u2000\u200a', '\ufeff', '\u205f\u202f', '\u1680', '\u2028']) {
			const outcomes = [
				await insertRow(db.pool, 'activities', build.activity({ teacher_id: teacher, title: blank })).then(
					() => 'inserted',
					(e) => e.code
				),
				await insertRow(db.pool, 'profiles', build.profile({ full_name: blank })).then(
					() => 'inserted',
					(e) => e.code
				),
				await insertRow(db.pool, 'organizations', build.organization({ name: blank, parent_id: a.municipality })).then(
					() => 'inserted',
					(e) => e.code
				)
			];
			expect(outcomes, JSON.stringify(blank)).toEqual(['23514', '23514', '23514']);
		}
		// A space inside text is text.
		await insertRow(db.pool, 'activities', build.activity({ teacher_id: teacher, title: '\u00a0Курс\u00a0ПК\u3000' }));
		await insertRow(db.pool, 'profiles', build.profile({ full_name: 'Анна\u00a0Петровна' }));
	});
});

describe('the migration on a database that already holds such rows', () => {
	it('keeps them, says so, and refuses new ones', async () => {
		const server = inject('databaseUrl');
		const name = `t_old_${id().replaceAll('-', '').slice(0, 12)}`;
		const admin = new pg.Client({ connectionString: server });
		await admin.connect();
		await admin.query(`create database ${name}`);
		const url = withDatabase(server, name);
		const client = new pg.Client({ connectionString: url });
		try {
			const files = migrationFiles();
			const mine = files.findIndex((f) => f.endsWith('20261207000200_sync_push.sql'));
			expect(mine).toBeGreaterThan(0);
			await applyFiles(url, ['tests/db/supabase-shim.sql', ...files.slice(0, mine)]);
			await client.connect();
			const notices: string[] = [];
			client.on('notice', (n) => notices.push(n.message ?? ''));
			const teacher = id();
			const school = id();
			await insertRow(client, 'organizations', build.organization({ id: school, kind: 'region', name: 'Область' }));
			await insertRow(client, 'profiles', build.profile({ id: teacher, school_id: school }));
			const old = id();
			await insertRow(client, 'deficits', build.deficit({ id: old, teacher_id: teacher, confirmed_at: 'infinity' }));
			const blank = id();
			await insertRow(client, 'activities', build.activity({ id: blank, teacher_id: teacher, title: '\u00a0\u00a0' }));

			await client.query(readFileSync(files[mine]!, 'utf8'));

			expect(notices.some((n) => n.includes('deficits_confirmed_at_range') && n.includes('1 existing row'))).toBe(true);
			expect(notices.some((n) => n.includes('activities_title_required') && n.includes('1 existing row'))).toBe(true);
			const { rows: state } = await client.query(
				`select conname, convalidated from pg_constraint where conname in ('deficits_confirmed_at_range', 'assessments_started_at_range') order by 1`
			);
			expect(state).toEqual([
				{ conname: 'assessments_started_at_range', convalidated: true },
				{ conname: 'deficits_confirmed_at_range', convalidated: false }
			]);
			expect(
				(await client.query(`select count(*)::int as n from public.deficits where id = $1`, [old])).rows[0].n
			).toBe(1);
			const refused = await insertRow(
				client,
				'deficits',
				build.deficit({ teacher_id: teacher, confirmed_at: '-infinity' })
			).then(
				() => 'inserted',
				(e) => e.code
			);
			expect(refused).toBe('23514');
		} finally {
			await client.end().catch(() => {});
			await admin.query(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	});
});
