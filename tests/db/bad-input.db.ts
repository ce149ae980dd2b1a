/**
 * sync_push is fed what a broken or hostile client might send. Every mutation gets its own reason;
 * nothing that should not be written is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, createActors, createOwnerRows, id, type Actors, type OwnerRows } from './actors';
import { attempt, freshDatabase, type TestDatabase } from './cluster';

let db: TestDatabase;
let a: Actors;
let rows: OwnerRows;

beforeAll(async () => {
	db = await freshDatabase();
	a = await createActors(db.pool);
	rows = await createOwnerRows(db.pool, a);
});
afterAll(() => db?.drop());

// The answer is read as whatever shape sync_push gave to malformed input: that shape is under test.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RawAnswer = any;

/** Calls sync_push with any JSON at all (the transport's types would not let these through). */
async function rawPush(
	userId: string | null,
	clientId: string,
	mutations: unknown
): Promise<{ ok: boolean; result?: RawAnswer; code?: string }> {
	const r = await attempt(db.pool, userId, `select public.sync_push($1::uuid, $2::jsonb) as result`, [
		clientId,
		JSON.stringify(mutations)
	]);
	return r.ok ? { ok: true, result: r.rows[0]!.result } : { ok: false, code: r.code };
}

const teacher = () => a.people.owner;
const activity = (o: Record<string, unknown> = {}) => {
	const { id: _id, ...fields } = build.activity({ teacher_id: teacher().profileId, ...o });
	return fields;
};
const m = (seq: unknown, rest: Record<string, unknown> = {}) => ({
	seq,
	mutation_id: id(),
	table: 'activities',
	row_id: id(),
	op: 'upsert',
	fields: activity(),
	base: {},
	...rest
});

async function countActivities(): Promise<number> {
	return Number((await db.pool.query(`select count(*) from public.activities`)).rows[0].count);
}

describe('sync_push with malformed input', () => {
	it('refuses a payload that is not an array, as a whole and without writing', async () => {
		const before = await countActivities();
		for (const payload of [{}, 'mutations', 42, null, { seq: 1 }]) {
			const { result } = await rawPush(teacher().userId, id(), payload);
			expect(result).toMatchObject({ error: 'malformed' });
		}
		expect(await countActivities()).toBe(before);
	});

	it('answers each mutation that is not an object or has no usable seq as malformed, and records nothing for it', async () => {
		const client = id();
		const { result } = await rawPush(teacher().userId, client, [
			1,
			'x',
			null,
			[],
			m(undefined),
			m('1'),
			m(0),
			m(1.5),
			m(-3)
		]);
		expect(result.last_seq).toBe(0);
		expect(result.results.map((r: { status: string; code: string }) => `${r.status}:${r.code}`)).toEqual(
			Array(9).fill('rejected:malformed')
		);
		expect((await db.pool.query(`select 1 from public.sync_ledger where client_id = $1`, [client])).rowCount).toBe(0);
	});

	it('gives each broken mutation its own reason while the valid ones apply', async () => {
		const client = id();
		const good = id();
		const cases: [Record<string, unknown>, string][] = [
			[{ mutation_id: 'not-a-uuid' }, 'malformed'],
			[{ table: undefined }, 'malformed'],
			[{ row_id: '42' }, 'malformed'],
			[{ op: 'drop' }, 'malformed'],
			[{ fields: ['title'] }, 'malformed'],
			[{ base: 'x' }, 'malformed'],
			[{ table: 'auth.users' }, 'unknown_table'],
			[{ table: 'sync_ledger' }, 'unknown_table'],
			[{ table: 'activities; drop table public.activities' }, 'unknown_table'],
			[{ fields: activity({ colour: 'red' }) }, 'unknown_column'],
			[{ fields: activity({ 'title" = null; --': 'x' }) }, 'unknown_column'],
			[{ fields: activity(), base: { nonsense: 1 } }, 'unknown_column'],
			[{ fields: activity({ hours: 'many' }) }, 'invalid_type'],
			[{ fields: activity({ completed: 'yes' }) }, 'invalid_type'],
			[{ fields: activity({ title: 5 }) }, 'invalid_type'],
			[{ fields: activity({ teacher_id: 'me' }) }, 'invalid_type'],
			[{ fields: activity({ start_date: '2026-02-30' }) }, 'invalid_type'],
			[{ fields: activity({ start_date: '0026-10-01', end_date: null, completed: false }) }, 'invalid_value'],
			[{ fields: activity({ kind: 'webinar' }) }, 'invalid_value'],
			[{ fields: activity({ title: '   ' }) }, 'invalid_value'],
			[{ fields: activity({ title: null }) }, 'invalid_value'],
			[{ fields: activity({ title: 'я'.repeat(301) }) }, 'too_long'],
			[{ fields: activity({ result: 'x'.repeat(300_000) }) }, 'too_long'],
			[{ fields: activity({ version: 99 }) }, 'forbidden'],
			[{ fields: activity({ sync_txid: '1' }) }, 'forbidden'],
			[{ fields: activity({ updated_by: a.people.admin.profileId }) }, 'forbidden'],
			[{ fields: { ...activity(), id: id() } }, 'invalid_value']
		];
		const mutations = cases.map(([override], i) => m(i + 1, override));
		mutations.push(m(cases.length + 1, { row_id: good }));
		const before = await countActivities();
		const { result } = await rawPush(teacher().userId, client, mutations);
		expect(result.last_seq).toBe(cases.length + 1);
		const codes = result.results.map((r: { code?: string; status: string }) => r.code ?? r.status);
		expect(codes).toEqual([...cases.map(([, code]) => code), 'applied']);
		for (const r of result.results.slice(0, -1)) expect(typeof r.message).toBe('string');
		expect(await countActivities()).toBe(before + 1);
		const ledger = await db.pool.query(
			`select status, code from public.sync_ledger where client_id = $1 order by seq`,
			[client]
		);
		expect(ledger.rows.map((r) => r.code ?? r.status)).toEqual(codes);
	});

	it('refuses rows of other users: inserting for a colleague, changing or deleting a row one cannot see', async () => {
		const client = id();
		const colleagueRow = id();
		await db.pool.query(
			`insert into public.activities (id, teacher_id, kind, title, start_date, end_date, quality_related, completed) values ($1, $2, 'course', 'Чужой курс', '2026-10-01', '2026-10-05', false, true)`,
			[colleagueRow, a.people.colleague.profileId]
		);
		const { result } = await rawPush(teacher().userId, client, [
			m(1, { fields: activity({ teacher_id: a.people.colleague.profileId }) }),
			m(2, { row_id: colleagueRow, fields: { title: 'Моё' }, base: { title: 'Чужой курс' } }),
			m(3, { row_id: colleagueRow, fields: { deleted_at: '2026-11-01T00:00:00.000Z' }, base: {}, op: 'delete' }),
			m(4, {
				table: 'mentoring_pairs',
				row_id: a.activePair,
				fields: { status: 'terminated', end_date: '2026-11-01' },
				base: {}
			}),
			m(5, { table: 'deficits', row_id: rows.deficit, fields: { teacher_id: a.people.colleague.profileId }, base: {} }),
			m(6, { table: 'profiles', row_id: a.people.colleague.profileId, fields: { full_name: 'Взлом' }, base: {} }),
			m(7, {
				table: 'profiles',
				row_id: a.people.owner.profileId,
				fields: { user_id: a.people.admin.userId },
				base: {}
			})
		]);
		expect(result.results.map((r: { code?: string }) => r.code)).toEqual([
			'forbidden',
			'forbidden',
			'not_found',
			'forbidden',
			'forbidden',
			'forbidden',
			'forbidden'
		]);
		const { rows: after } = await db.pool.query(
			`select title, deleted_at, version from public.activities where id = $1`,
			[colleagueRow]
		);
		expect(after).toEqual([{ title: 'Чужой курс', deleted_at: null, version: 1 }]);
		const pair = await db.pool.query(`select status from public.mentoring_pairs where id = $1`, [a.activePair]);
		expect(pair.rows[0].status).toBe('active');
		const profiles = await db.pool.query(`select full_name, user_id from public.profiles where id = any($1)`, [
			[a.people.colleague.profileId, a.people.owner.profileId]
		]);
		expect(profiles.rows.map((p) => p.full_name).sort()).toEqual(['Actor colleague', 'Actor owner']);
		expect(profiles.rows.map((p) => p.user_id).sort()).toEqual(
			[a.people.colleague.userId, a.people.owner.userId].sort()
		);
	});

	it('refuses another user’s device id as a whole', async () => {
		const client = id();
		expect((await rawPush(teacher().userId, client, [m(1)])).result).toMatchObject({ last_seq: 1 });
		const before = await countActivities();
		const stolen = await rawPush(a.people.colleague.userId, client, [
			m(2, { fields: { ...activity(), teacher_id: a.people.colleague.profileId } })
		]);
		expect(stolen.result).toEqual({ error: 'client_owned_by_other_user' });
		expect(await countActivities()).toBe(before);
	});

	it('is not callable without signing in', async () => {
		expect(await rawPush(null, id(), [m(1)])).toEqual({ ok: false, code: '42501' });
		const pull = await attempt(db.pool, null, `select public.sync_pull(null, 10)`);
		expect(pull).toMatchObject({ ok: false, code: '42501' });
	});

	it('refuses a cursor it did not make', async () => {
		for (const cursor of ['v1:1:activities;drop:x', 'v2:-:1:20261207:x', 'v2:-:1:2026-12-07', `v3:-:1:20261207`]) {
			const pull = await attempt(db.pool, teacher().userId, `select public.sync_pull($1, 10)`, [cursor]);
			expect(pull, cursor).toMatchObject({ ok: false, code: '22023' });
		}
	});
});
