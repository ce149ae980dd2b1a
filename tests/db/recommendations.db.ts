/**
 * Addressed recommendations and the indicators' planned values through sync_push / sync_pull, as
 * the app writes them: who may write to whom, who reads what, who marks a recommendation done,
 * and that a municipal methodist learns nothing about one teacher this way.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, createActors, day, id, type ActorName, type Actors } from './actors';
import { attempt, freshDatabase, insertRow, type TestDatabase } from './cluster';
import { applyFiles } from './global-setup';
import { pgTransport, type Mutation, type PullResponse } from './transport';
import { isRefused } from '../../src/lib/sync/transport';

let db: TestDatabase;
let a: Actors;
/** A school of another municipality. */
let farSchool: string;

beforeAll(async () => {
	db = await freshDatabase();
	a = await createActors(db.pool);
	const farMunicipality = id();
	farSchool = id();
	await insertRow(
		db.pool,
		'organizations',
		build.organization({ id: farMunicipality, kind: 'municipality', name: 'Другой округ', parent_id: a.region })
	);
	await insertRow(
		db.pool,
		'organizations',
		build.organization({ id: farSchool, name: 'Школа № 9', parent_id: farMunicipality })
	);
});
afterAll(() => db?.drop());

/** One device per person: its client id and the next seq. */
const devices = new Map<ActorName, { client: string; seq: number }>();

type Outcome = { status: string; code?: string };

async function push(
	who: ActorName,
	table: string,
	rowId: string,
	fields: Record<string, unknown>,
	base: Record<string, unknown> = {},
	op: Mutation['op'] = 'upsert'
): Promise<Outcome> {
	const device = devices.get(who) ?? { client: id(), seq: 1 };
	devices.set(who, device);
	const answer = await pgTransport(db.pool, a.people[who].userId).push(device.client, [
		{ seq: device.seq++, mutation_id: id(), table, row_id: rowId, op, fields, base }
	]);
	if (isRefused(answer)) throw new Error(`push refused: ${JSON.stringify(answer)}`);
	const result = answer.results[0] as Outcome;
	return { status: result.status, ...(result.code ? { code: result.code } : {}) };
}

async function pulled(who: ActorName, table: string): Promise<Record<string, unknown>[]> {
	const transport = pgTransport(db.pool, a.people[who].userId);
	const rows: Record<string, unknown>[] = [];
	let cursor: string | null = null;
	for (;;) {
		const page: PullResponse = await transport.pull(cursor, 500);
		rows.push(...page.changes.filter((c) => c.table === table).map((c) => c.row));
		cursor = page.cursor;
		if (!page.has_more) return rows;
	}
}

const profile = (who: ActorName) => a.people[who].profileId;
const applied = { status: 'applied' };
const forbidden = { status: 'rejected', code: 'forbidden' };

function recommendation(author: ActorName, o: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		author_id: profile(author),
		organization_id: a.school,
		teacher_id: null,
		body: 'Провести методический день по оцениванию',
		due_on: day(30),
		...o
	};
}

describe('writing a recommendation', () => {
	it('lets the school methodist write to the school and to one of its teachers, never to another school or its teachers', async () => {
		expect(await push('methodist', 'recommendations', id(), recommendation('methodist'))).toEqual(applied);
		expect(
			await push('methodist', 'recommendations', id(), recommendation('methodist', { teacher_id: profile('owner') }))
		).toEqual(applied);
		expect(
			await push('methodist', 'recommendations', id(), recommendation('methodist', { organization_id: a.otherSchool }))
		).toEqual(forbidden);
		expect(
			await push(
				'methodist',
				'recommendations',
				id(),
				recommendation('methodist', { teacher_id: profile('otherMethodist') })
			)
		).toEqual(forbidden);
		// Signed with someone else's name.
		expect(await push('methodist', 'recommendations', id(), recommendation('otherMethodist'))).toEqual(forbidden);
	});

	it('lets a municipal methodist write to a school of the municipality as a whole only', async () => {
		expect(await push('municipalMethodist', 'recommendations', id(), recommendation('municipalMethodist'))).toEqual(
			applied
		);
		expect(
			await push(
				'municipalMethodist',
				'recommendations',
				id(),
				recommendation('municipalMethodist', { teacher_id: profile('owner') })
			)
		).toEqual(forbidden);
		expect(
			await push(
				'municipalMethodist',
				'recommendations',
				id(),
				recommendation('municipalMethodist', { organization_id: farSchool })
			)
		).toEqual(forbidden);
		// A municipality is not a school.
		expect(
			await push(
				'municipalMethodist',
				'recommendations',
				id(),
				recommendation('municipalMethodist', { organization_id: a.municipality })
			)
		).toEqual(forbidden);
	});

	it('refuses teachers and mentors as authors, a new row already done, and text out of bounds', async () => {
		expect(await push('owner', 'recommendations', id(), recommendation('owner'))).toEqual(forbidden);
		expect(
			await push('mentor', 'recommendations', id(), recommendation('mentor', { teacher_id: profile('owner') }))
		).toEqual(forbidden);
		expect(
			await push(
				'methodist',
				'recommendations',
				id(),
				recommendation('methodist', {
					teacher_id: profile('owner'),
					done_at: new Date().toISOString(),
					done_by: profile('owner')
				})
			)
		).toEqual(forbidden);
		expect(
			await push('methodist', 'recommendations', id(), recommendation('methodist', { body: 'я'.repeat(2001) }))
		).toEqual({ status: 'rejected', code: 'too_long' });
		expect(await push('methodist', 'recommendations', id(), recommendation('methodist', { body: '  ' }))).toEqual({
			status: 'rejected',
			code: 'invalid_value'
		});
		expect(
			await push('admin', 'recommendations', id(), recommendation('admin', { teacher_id: profile('owner') }))
		).toEqual(applied);
	});
});

describe('reading and marking done', () => {
	let toSchool: string;
	let toOwner: string;
	let fromMunicipality: string;

	beforeAll(async () => {
		toSchool = id();
		toOwner = id();
		fromMunicipality = id();
		expect(
			await push('methodist', 'recommendations', toSchool, recommendation('methodist', { body: 'Всей школе' }))
		).toEqual(applied);
		expect(
			await push(
				'methodist',
				'recommendations',
				toOwner,
				recommendation('methodist', { teacher_id: profile('owner'), body: 'Лично' })
			)
		).toEqual(applied);
		expect(
			await push(
				'municipalMethodist',
				'recommendations',
				fromMunicipality,
				recommendation('municipalMethodist', { body: 'От муниципалитета' })
			)
		).toEqual(applied);
	});

	it('shows one to a teacher only to that teacher, the author and the school methodists; one to the school to its teachers too', async () => {
		const ids = async (who: ActorName) => new Set((await pulled(who, 'recommendations')).map((r) => r.id as string));
		const owner = await ids('owner');
		expect([owner.has(toSchool), owner.has(toOwner), owner.has(fromMunicipality)]).toEqual([true, true, true]);
		const colleague = await ids('colleague');
		expect([colleague.has(toSchool), colleague.has(toOwner), colleague.has(fromMunicipality)]).toEqual([
			true,
			false,
			true
		]);
		const methodist = await ids('methodist');
		expect([methodist.has(toSchool), methodist.has(toOwner), methodist.has(fromMunicipality)]).toEqual([
			true,
			true,
			true
		]);
		const other = await ids('otherMethodist');
		expect([other.has(toSchool), other.has(toOwner), other.has(fromMunicipality)]).toEqual([false, false, false]);
	});

	it('gives a municipal methodist only what they wrote: no recommendation to one teacher, no teacher id', async () => {
		const rows = await pulled('municipalMethodist', 'recommendations');
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.every((r) => r.author_id === profile('municipalMethodist') && r.teacher_id === null)).toBe(true);
		const teachers = (['owner', 'colleague', 'mentor', 'formerMentor'] as const).map(profile);
		expect(teachers.filter((t) => JSON.stringify(rows).includes(t))).toEqual([]);
	});

	it('lets the addressed teacher mark it done in their own name and change nothing else', async () => {
		const at = new Date().toISOString();
		expect(await push('owner', 'recommendations', toOwner, { body: 'Переписала' }, { body: 'Лично' })).toEqual(
			forbidden
		);
		expect(await push('owner', 'recommendations', toOwner, { due_on: day(90) })).toEqual(forbidden);
		expect(await push('owner', 'recommendations', toOwner, { done_at: at, done_by: profile('colleague') })).toEqual(
			forbidden
		);
		expect(await push('owner', 'recommendations', toOwner, { deleted_at: at })).toEqual(forbidden);
		expect(await push('owner', 'recommendations', toOwner, { done_at: at, done_by: profile('owner') })).toEqual(
			applied
		);
		// A colleague cannot, nor can the teacher mark the school's own.
		expect(await push('colleague', 'recommendations', toOwner, { done_at: null, done_by: null })).toEqual(forbidden);
		expect(await push('owner', 'recommendations', toSchool, { done_at: at, done_by: profile('owner') })).toEqual(
			forbidden
		);
		const row = (await pulled('methodist', 'recommendations')).find((r) => r.id === toOwner)!;
		expect(row).toMatchObject({ done_by: profile('owner'), body: 'Лично' });
		expect(row.done_at).not.toBeNull();
	});

	it('lets the school methodist mark a school-wide one done, the municipal one included', async () => {
		const at = new Date().toISOString();
		expect(
			await push('methodist', 'recommendations', fromMunicipality, { done_at: at, done_by: profile('methodist') })
		).toEqual(applied);
		expect(await push('methodist', 'recommendations', fromMunicipality, { body: 'Иначе' })).toEqual(forbidden);
		expect(
			await push('otherMethodist', 'recommendations', toSchool, { done_at: at, done_by: profile('otherMethodist') })
		).toEqual(forbidden);
		const mine = (await pulled('municipalMethodist', 'recommendations')).find((r) => r.id === fromMunicipality)!;
		expect(mine.done_by).toBe(profile('methodist'));
	});

	it('lets the author edit the text and due date and withdraw it, never readdress it', async () => {
		expect(
			await push(
				'methodist',
				'recommendations',
				toSchool,
				{ body: 'Всей школе, уточнено', due_on: day(60) },
				{ body: 'Всей школе' }
			)
		).toEqual(applied);
		expect(await push('methodist', 'recommendations', toSchool, { teacher_id: profile('colleague') })).toEqual(
			forbidden
		);
		expect(await push('methodist', 'recommendations', toSchool, { organization_id: a.otherSchool })).toEqual(forbidden);
		expect(await push('methodist', 'recommendations', toSchool, { author_id: profile('admin') })).toEqual(forbidden);
		expect(await push('admin', 'recommendations', toSchool, { organization_id: a.otherSchool })).toEqual(forbidden);
		expect(await push('methodist', 'recommendations', toSchool, {}, {}, 'delete')).toEqual(applied);
		const row = (await pulled('colleague', 'recommendations')).find((r) => r.id === toSchool)!;
		expect(row.deleted_at).not.toBeNull();
	});

	it('keeps a conflict on a recommendation readable by both parties', async () => {
		const rec = id();
		expect(
			await push('methodist', 'recommendations', rec, recommendation('methodist', { body: 'Первый вариант' }))
		).toEqual(applied);
		expect(await push('methodist', 'recommendations', rec, { body: 'Второй' }, { body: 'Первый вариант' })).toEqual(
			applied
		);
		// A stale edit from another device of the same methodist still wins, and leaves a conflict.
		devices.delete('methodist');
		const answer = await push('methodist', 'recommendations', rec, { body: 'Третий' }, { body: 'Первый вариант' });
		expect(answer).toEqual(applied);
		const conflicts = (await pulled('methodist', 'sync_conflicts')).filter((c) => c.row_id === rec);
		expect(conflicts).toHaveLength(1);
	});
});

describe('when a recommendation was written', () => {
	/** Written on a device, offline, well before it reached the server. */
	const writtenAt = '2026-10-05T09:15:00.123Z';
	const later = '2026-11-01T09:00:00.000Z';
	let rec: string;
	const stored = async (rowId: string) =>
		(await db.pool.query(`select created_at, updated_at, body from public.recommendations where id = $1`, [rowId]))
			.rows[0] as { created_at: Date; updated_at: Date; body: string };

	beforeAll(async () => {
		rec = id();
		expect(
			await push(
				'methodist',
				'recommendations',
				rec,
				recommendation('methodist', { teacher_id: profile('owner'), body: 'Лично', created_at: writtenAt })
			)
		).toEqual(applied);
	});

	it('keeps the time the device wrote it, not the time it arrived, and gives it to every reader on pull', async () => {
		const row = await stored(rec);
		expect(row.created_at.toISOString()).toBe(writtenAt);
		expect(row.updated_at.getTime()).toBeGreaterThan(row.created_at.getTime());
		for (const who of ['methodist', 'owner', 'admin'] as const) {
			const pulledRow = (await pulled(who, 'recommendations')).find((r) => r.id === rec);
			expect(Date.parse(pulledRow?.created_at as string), who).toBe(Date.parse(writtenAt));
		}
	});

	it('takes the time it arrives when the push leaves it out (an app from before the column)', async () => {
		const old = id();
		expect(await push('methodist', 'recommendations', old, recommendation('methodist'))).toEqual(applied);
		const row = await stored(old);
		expect(row.created_at.getTime()).toBe(row.updated_at.getTime());
	});

	it('lets nobody but the admin change it afterwards: the author and the recipient are refused', async () => {
		expect(await push('methodist', 'recommendations', rec, { created_at: later })).toEqual(forbidden);
		// Not even alongside a change the author may make.
		expect(
			await push('methodist', 'recommendations', rec, { body: 'Лично, уточнено', created_at: later }, { body: 'Лично' })
		).toEqual(forbidden);
		expect(await push('owner', 'recommendations', rec, { created_at: later })).toEqual(forbidden);
		expect(
			await push('owner', 'recommendations', rec, { done_at: later, done_by: profile('owner'), created_at: later })
		).toEqual(forbidden);
		// Straight at the table, the way PostgREST would run it.
		const direct = await attempt(
			db.pool,
			a.people.methodist.userId,
			`update public.recommendations set created_at = $2 where id = $1`,
			[rec, later]
		);
		expect(direct).toMatchObject({ ok: false, code: '42501', message: 'this user may not change created_at' });
		expect((await stored(rec)).created_at.toISOString()).toBe(writtenAt);

		// An edit (which never sends it) keeps it; the admin may correct it.
		expect(await push('methodist', 'recommendations', rec, { body: 'Лично, уточнено' }, { body: 'Лично' })).toEqual(
			applied
		);
		expect(await stored(rec)).toMatchObject({ body: 'Лично, уточнено' });
		expect((await stored(rec)).created_at.toISOString()).toBe(writtenAt);
		expect(await push('admin', 'recommendations', rec, { created_at: later })).toEqual(applied);
		expect((await stored(rec)).created_at.toISOString()).toBe(later);
	});

	it('came in with the rows before it dated by their last change, their sync stamps untouched', async () => {
		// The database as it was before 20261122001200, with a recommendation in it; then the migration.
		const before = await freshDatabase({ max: 2 });
		try {
			await before.pool.query(`alter table public.recommendations drop column created_at`);
			const people = await createActors(before.pool);
			const old = id();
			await insertRow(before.pool, 'recommendations', {
				id: old,
				author_id: people.people.methodist.profileId,
				organization_id: people.school,
				body: 'Написана давно'
			});
			const stamp = `select version, updated_at, updated_by, sync_txid::text from public.recommendations where id = $1`;
			const stampBefore = (await before.pool.query(stamp, [old])).rows[0];
			await applyFiles(before.url, [resolve('supabase/migrations/20261122001200_recommendation_created.sql')]);
			const row = (
				await before.pool.query(`select created_at, updated_at from public.recommendations where id = $1`, [old])
			).rows[0];
			expect(row.created_at.getTime()).toBe(row.updated_at.getTime());
			expect((await before.pool.query(stamp, [old])).rows[0]).toEqual(stampBefore);
			// The stamp trigger is back on, and a new row without it gets the default.
			const enabled = await before.pool.query(
				`select tgenabled from pg_trigger where tgrelid = 'public.recommendations'::regclass and tgname = 'a_stamp_row'`
			);
			expect(enabled.rows[0].tgenabled).toBe('O');
			const fresh = id();
			await insertRow(before.pool, 'recommendations', {
				id: fresh,
				author_id: people.people.methodist.profileId,
				organization_id: people.school,
				body: 'Новая'
			});
			const made = (
				await before.pool.query(`select created_at, version from public.recommendations where id = $1`, [fresh])
			).rows[0];
			expect(made.created_at).not.toBeNull();
			expect(made.version).toBe(1);
			const nullable = (
				await before.pool.query(
					`select is_nullable from information_schema.columns where table_schema = 'public' and table_name = 'recommendations' and column_name = 'created_at'`
				)
			).rows[0];
			expect(nullable.is_nullable).toBe('NO');
		} finally {
			await before.drop();
		}
	});
});

describe('planned values through sync', () => {
	it('are written by the school and municipal methodists of the scope, pulled by them, and keep their key', async () => {
		const target = id();
		const row = { organization_id: a.school, academic_year: 2026, code: 'IOM', value: 0.5 };
		expect(await push('owner', 'indicator_targets', target, row)).toEqual(forbidden);
		expect(await push('otherMethodist', 'indicator_targets', target, row)).toEqual(forbidden);
		expect(await push('methodist', 'indicator_targets', target, row)).toEqual(applied);
		expect(await push('municipalMethodist', 'indicator_targets', target, { value: 0.6 }, { value: 0.5 })).toEqual(
			applied
		);
		expect(await push('methodist', 'indicator_targets', target, { code: 'PD_ANY' })).toEqual(forbidden);
		expect(await push('municipalMethodist', 'indicator_targets', target, { organization_id: a.otherSchool })).toEqual(
			forbidden
		);
		for (const who of ['methodist', 'municipalMethodist', 'admin'] as const) {
			expect(
				(await pulled(who, 'indicator_targets')).find((r) => r.id === target),
				who
			).toMatchObject({ value: 0.6, code: 'IOM' });
		}
		for (const who of ['owner', 'otherMethodist'] as const) {
			expect(
				(await pulled(who, 'indicator_targets')).find((r) => r.id === target),
				who
			).toBeUndefined();
		}
		expect(await push('methodist', 'indicator_targets', target, {}, {}, 'delete')).toEqual(applied);
		// Cleared, then set again under the same id (the device revives its tombstone).
		expect(await push('methodist', 'indicator_targets', target, { value: 0.7, deleted_at: null })).toEqual(applied);
		expect((await pulled('methodist', 'indicator_targets')).find((r) => r.id === target)).toMatchObject({
			value: 0.7,
			deleted_at: null
		});
	});

	it('refuse a second live target of the same scope, year and indicator', async () => {
		const row = { organization_id: a.school, academic_year: 2027, code: 'PD_ANY', value: 0.2 };
		expect(await push('methodist', 'indicator_targets', id(), row)).toEqual(applied);
		expect(await push('municipalMethodist', 'indicator_targets', id(), row)).toEqual({
			status: 'rejected',
			code: 'invalid_value'
		});
	});
});
