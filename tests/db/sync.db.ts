/**
 * sync_push / sync_pull semantics on a real PostgreSQL: the gap-free cursor under out-of-order
 * commits and concurrent writers, exactly-once push, gaps, per-mutation rejection, field
 * ownership, conflicts, tombstones and revocation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, createActors, createOwnerRows, day, id, type Actors, type OwnerRows } from './actors';
import { asUser, attempt, freshDatabase, insertRow, type TestDatabase } from './cluster';
import { pgTransport, type Mutation, type PullResponse, type PushResponse } from './transport';
import { isRefused } from '../../src/lib/sync/transport';
import type { ServerScope } from '../../src/lib/sync/scope';

let db: TestDatabase;
let a: Actors;
let rows: OwnerRows;

beforeAll(async () => {
	db = await freshDatabase({ max: 14 });
	a = await createActors(db.pool);
	rows = await createOwnerRows(db.pool, a);
});
afterAll(() => db?.drop());

type Change = PullResponse['changes'][number];

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

function push(userId: string, clientId: string, mutations: Mutation[]): Promise<PushResponse> {
	return pgTransport(db.pool, userId).push(clientId, mutations);
}

/** Pulls until has_more is false; returns every change and the final cursor. */
async function pullAll(
	userId: string,
	cursor: string | null = null,
	limit = 500
): Promise<{ changes: Change[]; cursor: string | null; last: PullResponse }> {
	const transport = pgTransport(db.pool, userId);
	const changes: Change[] = [];
	for (;;) {
		const page = await transport.pull(cursor, limit);
		changes.push(...page.changes);
		cursor = page.cursor;
		if (!page.has_more) return { changes, cursor, last: page };
	}
}

const idsOf = (changes: Change[], table: string) =>
	changes.filter((c) => c.table === table).map((c) => c.row.id as string);
/** The page's `scope.profile_ids`, sorted (undefined when the server does not send it). */
const profileIdsOf = (page: PullResponse) => (page.scope as ServerScope).profile_ids?.slice().sort();

async function serverRow(table: string, rowId: string): Promise<Record<string, unknown>> {
	const { rows: found } = await db.pool.query(`select to_jsonb(x) as r from public.${table} x where id = $1`, [rowId]);
	return found[0]?.r;
}

describe('the pull cursor', () => {
	it('still delivers a transaction that commits after a later one (hold T1, commit T2, pull, commit T1, pull)', async () => {
		const owner = a.people.owner;
		const start = await pullAll(owner.userId);
		const t1 = await db.pool.connect();
		const t2 = await db.pool.connect();
		const first = id();
		const second = id();
		try {
			await t1.query('begin');
			await insertRow(t1, 'activities', build.activity({ id: first, teacher_id: owner.profileId, title: 'T1' }));
			await t2.query('begin');
			await insertRow(t2, 'activities', build.activity({ id: second, teacher_id: owner.profileId, title: 'T2' }));
			await t2.query('commit');

			const during = await pullAll(owner.userId, start.cursor);
			// T2 committed but sits above the horizon while T1 runs; T1 is not visible at all.
			expect(idsOf(during.changes, 'activities')).not.toContain(first);
			expect(idsOf(during.changes, 'activities')).not.toContain(second);

			await t1.query('commit');
			const after = await pullAll(owner.userId, during.cursor);
			expect(idsOf(after.changes, 'activities').sort()).toEqual([first, second].sort());
		} finally {
			await t1.query('rollback').catch(() => {});
			t1.release();
			t2.release();
		}
	});

	it('loses no row with 8 concurrent writers × 50 transactions while a reader keeps pulling at the head', async () => {
		const owner = a.people.owner;
		const { cursor: startCursor } = await pullAll(owner.userId);
		const written = new Map<string, number>(); // id → the version its last committed write produced
		let done = false;
		const received = new Map<string, number>();
		let cursor = startCursor;
		const reader = (async () => {
			const transport = pgTransport(db.pool, owner.userId);
			for (;;) {
				const finished = done;
				const page = await transport.pull(cursor, 25);
				for (const c of page.changes)
					if (c.table === 'activities') received.set(c.row.id as string, c.row.version as number);
				cursor = page.cursor;
				if (finished && !page.has_more) return;
				if (!page.has_more) await new Promise((r) => setImmediate(r));
			}
		})();
		let seed = 20261122;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		const writer = async (w: number) => {
			const mine: string[] = [];
			for (let t = 0; t < 50; t++) {
				await asUser(db.pool, owner.userId, async (c) => {
					const count = 1 + Math.floor(random() * 2);
					const made: string[] = [];
					for (let i = 0; i < count; i++) {
						const rowId = id();
						await insertRow(
							c,
							'activities',
							build.activity({ id: rowId, teacher_id: owner.profileId, title: `w${w} t${t} #${i}` })
						);
						made.push(rowId);
					}
					// Hold the transaction open a little after its xid is taken: commits come out of order.
					await new Promise((r) => setTimeout(r, Math.floor(random() * 5)));
					let updated: { id: string; version: number } | null = null;
					if (mine.length && random() < 0.4) {
						const target = mine[Math.floor(random() * mine.length)]!;
						const r = await c.query(`update public.activities set result = $2 where id = $1 returning version`, [
							target,
							`t${t}`
						]);
						updated = { id: target, version: r.rows[0].version };
					}
					return { made, updated };
				}).then(({ made, updated }) => {
					for (const m of made) written.set(m, 1);
					if (updated) written.set(updated.id, updated.version);
					mine.push(...made);
				});
			}
		};
		await Promise.all(Array.from({ length: 8 }, (_, w) => writer(w)));
		done = true;
		await reader;
		expect(written.size).toBeGreaterThanOrEqual(400);
		const missing = [...written.keys()].filter((k) => !received.has(k));
		expect(missing).toEqual([]);
		const stale = [...written].filter(([k, v]) => received.get(k) !== v);
		expect(stale).toEqual([]);
	});

	it('pages by (transaction, table, id): a small limit returns the same rows as one big page', async () => {
		const owner = a.people.owner;
		const big = await pullAll(owner.userId, null, 5000);
		const small = await pullAll(owner.userId, null, 3);
		expect(small.changes.map((c) => `${c.table}/${c.row.id}`)).toEqual(
			big.changes.map((c) => `${c.table}/${c.row.id}`)
		);
		expect(big.last.scope.teacher_ids).toEqual([owner.profileId]);
	});
});

describe('sync_push', () => {
	it('applies a repeated batch once: the second delivery returns the stored outcomes and changes nothing', async () => {
		const owner = a.people.owner;
		const client = id();
		const activity = id();
		const batch = [
			mutation(1, 'activities', activity, build.activity({ teacher_id: owner.profileId, id: undefined })),
			mutation(2, 'activities', activity, { title: 'Исправленное название' }, { title: 'Функциональная грамотность' }),
			mutation(3, 'activities', id(), build.activity({ teacher_id: a.people.colleague.profileId, id: undefined }))
		];
		const first = await push(owner.userId, client, batch);
		expect(first).toMatchObject({
			last_seq: 3,
			results: [
				{ seq: 1, status: 'applied' },
				{ seq: 2, status: 'applied' },
				{ seq: 3, status: 'rejected', code: 'forbidden' }
			]
		});
		const before = await serverRow('activities', activity);
		expect(before).toMatchObject({ version: 2, title: 'Исправленное название' });

		const again = await push(owner.userId, client, batch);
		expect(again).toEqual({
			last_seq: 3,
			results: [
				{ seq: 1, status: 'duplicate', outcome: 'applied' },
				{ seq: 2, status: 'duplicate', outcome: 'applied' },
				{ seq: 3, status: 'duplicate', outcome: 'rejected', code: 'forbidden', message: expect.any(String) }
			]
		});
		expect(await serverRow('activities', activity)).toEqual(before);
		const ledger = await db.pool.query(`select seq, status from public.sync_ledger where client_id = $1 order by seq`, [
			client
		]);
		expect(ledger.rows).toEqual([
			{ seq: '1', status: 'applied' },
			{ seq: '2', status: 'applied' },
			{ seq: '3', status: 'rejected' }
		]);
	});

	it('applies nothing from a batch with a gap in seq', async () => {
		const owner = a.people.owner;
		const client = id();
		const kept = id();
		expect(
			await push(owner.userId, client, [
				mutation(1, 'activities', kept, build.activity({ teacher_id: owner.profileId, id: undefined }))
			])
		).toMatchObject({
			last_seq: 1
		});
		const two = id();
		const four = id();
		const gap = await push(owner.userId, client, [
			mutation(2, 'activities', two, build.activity({ teacher_id: owner.profileId, id: undefined })),
			mutation(4, 'activities', four, build.activity({ teacher_id: owner.profileId, id: undefined }))
		]);
		expect(gap).toEqual({ error: 'seq_gap', expected: 2, last_seq: 1 });
		const skipped = await push(owner.userId, client, [
			mutation(3, 'activities', four, build.activity({ teacher_id: owner.profileId, id: undefined }))
		]);
		expect(skipped).toEqual({ error: 'seq_gap', expected: 2, last_seq: 1 });
		expect(await serverRow('activities', two)).toBeUndefined();
		expect(await serverRow('activities', four)).toBeUndefined();
		const ledger = await db.pool.query(`select seq from public.sync_ledger where client_id = $1`, [client]);
		expect(ledger.rowCount).toBe(1);
		expect(
			(await db.pool.query(`select last_seq from public.sync_clients where client_id = $1`, [client])).rows[0].last_seq
		).toBe('1');
	});

	it('rejects a bad mutation with a reason, records it, and applies the next one', async () => {
		const owner = a.people.owner;
		const client = id();
		const bad = id();
		const good = id();
		const result = await push(owner.userId, client, [
			mutation(1, 'activities', bad, build.activity({ teacher_id: owner.profileId, id: undefined, hours: -5 })),
			mutation(2, 'activities', good, build.activity({ teacher_id: owner.profileId, id: undefined }))
		]);
		expect(result).toMatchObject({
			last_seq: 2,
			results: [
				{ seq: 1, status: 'rejected', code: 'invalid_value' },
				{ seq: 2, status: 'applied' }
			]
		});
		expect(await serverRow('activities', bad)).toBeUndefined();
		expect(await serverRow('activities', good)).toMatchObject({
			teacher_id: owner.profileId,
			version: 1,
			updated_by: owner.profileId
		});
		const ledger = await db.pool.query(
			`select seq, status, code, row_id from public.sync_ledger where client_id = $1 order by seq`,
			[client]
		);
		expect(ledger.rows).toEqual([
			{ seq: '1', status: 'rejected', code: 'invalid_value', row_id: bad },
			{ seq: '2', status: 'applied', code: null, row_id: good }
		]);
	});
});

describe('field ownership', () => {
	it('refuses the mentee a mentor-owned field: observation scores and recommendations, session notes', async () => {
		const owner = a.people.owner;
		const client = id();
		const result = await push(owner.userId, client, [
			mutation(
				1,
				'observations',
				rows.observation,
				{ scores: { 'evaluation.1': 3 } },
				{ scores: { 'evaluation.1': 1 } }
			),
			mutation(2, 'observations', rows.observation, { recommendations: [], strengths: 'Всё отлично' }, {}),
			mutation(3, 'mentoring_sessions', rows.session, { notes: 'Мои заметки' }, { notes: 'Обсудили цели' }),
			mutation(
				4,
				'observations',
				rows.observation,
				{ reflection: 'Согласна, буду работать', acknowledged_at: '2026-11-01T10:00:00.000Z' },
				{ reflection: '' }
			),
			mutation(
				5,
				'mentoring_sessions',
				rows.session,
				{ acknowledged_at: '2026-11-01T10:00:00.000Z' },
				{ acknowledged_at: null }
			)
		]);
		expect(result).toMatchObject({
			results: [
				{ seq: 1, status: 'rejected', code: 'forbidden' },
				{ seq: 2, status: 'rejected', code: 'forbidden' },
				{ seq: 3, status: 'rejected', code: 'forbidden' },
				{ seq: 4, status: 'applied' },
				{ seq: 5, status: 'applied' }
			]
		});
		expect(await serverRow('observations', rows.observation)).toMatchObject({
			scores: { 'evaluation.1': 1 },
			strengths: 'Темп',
			reflection: 'Согласна, буду работать'
		});
		expect(await serverRow('mentoring_sessions', rows.session)).toMatchObject({
			notes: 'Обсудили цели',
			acknowledged_at: '2026-11-01T10:00:00+00:00'
		});
	});

	it('refuses the mentor the teacher’s fields and lets the mentor move a deficit’s status, not approve a plan never sent', async () => {
		const mentor = a.people.mentor;
		const result = await push(mentor.userId, id(), [
			mutation(1, 'deficits', rows.deficit, { description: 'Переписал за учителя' }, {}),
			mutation(2, 'mentoring_sessions', rows.session, { acknowledged_at: '2026-11-02T10:00:00.000Z' }, {}),
			mutation(3, 'observations', rows.observation, { reflection: 'За учителя' }, {}),
			mutation(4, 'deficits', rows.deficit, { status: 'in_progress' }, { status: 'identified' }),
			mutation(
				5,
				'development_plans',
				rows.plan,
				{ approved_by: mentor.profileId, approved_at: '2026-11-03T09:00:00.000Z' },
				{ approved_by: null, approved_at: null }
			),
			mutation(6, 'development_plans', rows.plan, { goals: 'Другие цели' }, {})
		]);
		expect(result).toMatchObject({
			results: [
				{ seq: 1, status: 'rejected', code: 'forbidden' },
				{ seq: 2, status: 'rejected', code: 'forbidden' },
				{ seq: 3, status: 'rejected', code: 'forbidden' },
				{ seq: 4, status: 'applied' },
				// Approval is a move of a plan sent for it (plan-approval.db.ts); this one was never sent.
				{ seq: 5, status: 'rejected' },
				{ seq: 6, status: 'rejected', code: 'forbidden' }
			]
		});
		expect(await serverRow('development_plans', rows.plan)).toMatchObject({
			approved_by: null,
			goals: 'Освоить формирующее оценивание'
		});
	});
});

describe('field ownership on insert: nobody creates a row with the other party’s fields filled in', () => {
	/** A new row's fields for a push (the id travels as row_id). */
	const fieldsOf = (row: Record<string, unknown>) => {
		const { id: _id, ...fields } = row;
		return fields;
	};
	const insert = (seq: number, table: string, row: Record<string, unknown>) =>
		mutation(seq, table, id(), fieldsOf(row));
	const statuses = (r: PushResponse) =>
		isRefused(r) ? r : r.results.map((x) => (x.status === 'rejected' ? `${x.seq}:${x.code}` : `${x.seq}:${x.status}`));

	it('development_plans: a plan is born unapproved, whoever writes it (approval comes after it is sent)', async () => {
		const owner = a.people.owner;
		const mentor = a.people.mentor;
		const methodist = a.people.methodist;
		const approvedAt = '2026-11-03T09:00:00.000Z';
		const mine = await push(owner.userId, id(), [
			insert(
				1,
				'development_plans',
				build.plan({
					teacher_id: owner.profileId,
					academic_year: 2030,
					approved_by: mentor.profileId,
					approved_at: approvedAt
				})
			),
			insert(
				2,
				'development_plans',
				build.plan({
					teacher_id: owner.profileId,
					academic_year: 2030,
					approved_by: owner.profileId,
					approved_at: approvedAt
				})
			),
			insert(
				3,
				'development_plans',
				build.plan({ teacher_id: owner.profileId, academic_year: 2030, approved_by: null, approved_at: approvedAt })
			),
			insert(4, 'development_plans', build.plan({ teacher_id: owner.profileId, academic_year: 2030 }))
		]);
		expect(statuses(mine)).toEqual(['1:forbidden', '2:forbidden', '3:forbidden', '4:applied']);
		const byMentor = await push(mentor.userId, id(), [
			insert(
				1,
				'development_plans',
				build.plan({
					teacher_id: owner.profileId,
					academic_year: 2031,
					approved_by: methodist.profileId,
					approved_at: approvedAt
				})
			),
			insert(
				2,
				'development_plans',
				build.plan({
					teacher_id: owner.profileId,
					academic_year: 2031,
					approved_by: mentor.profileId,
					approved_at: approvedAt
				})
			)
		]);
		expect(statuses(byMentor)).toEqual(['1:forbidden', '2:forbidden']);
	});

	it('assessments: a teacher writes self-assessments and tests only; an expert assessment is the methodist’s', async () => {
		const owner = a.people.owner;
		const methodist = a.people.methodist;
		const byTeacher = await push(owner.userId, id(), [
			insert(
				1,
				'assessments',
				build.assessment({
					teacher_id: owner.profileId,
					kind: 'expert',
					assessor_id: methodist.profileId,
					status: 'submitted',
					submitted_at: '2026-09-21T10:00:00.000Z'
				})
			),
			insert(
				2,
				'assessments',
				build.assessment({ teacher_id: owner.profileId, kind: 'test', assessor_id: methodist.profileId })
			),
			insert(
				3,
				'assessments',
				build.assessment({ teacher_id: owner.profileId, kind: 'self', assessor_id: owner.profileId })
			),
			insert(4, 'assessments', build.assessment({ teacher_id: owner.profileId, kind: 'test', assessor_id: null }))
		]);
		expect(statuses(byTeacher)).toEqual(['1:forbidden', '2:forbidden', '3:applied', '4:applied']);
		const byMethodist = await push(methodist.userId, id(), [
			insert(
				1,
				'assessments',
				build.assessment({ teacher_id: owner.profileId, kind: 'expert', assessor_id: methodist.profileId })
			)
		]);
		expect(statuses(byMethodist)).toEqual(['1:applied']);
		// Nor can the teacher re-sign a test of her own with someone else's name afterwards.
		const test = (
			await db.pool.query(`select id from public.assessments where teacher_id = $1 and kind = 'test' limit 1`, [
				owner.profileId
			])
		).rows[0].id;
		const resigned = await push(owner.userId, id(), [
			mutation(1, 'assessments', test, { assessor_id: methodist.profileId }, { assessor_id: null })
		]);
		expect(statuses(resigned)).toEqual(['1:forbidden']);
	});

	it('mentoring_sessions: the mentor logs a meeting unacknowledged; observations start without the teacher’s answer', async () => {
		const owner = a.people.owner;
		const mentor = a.people.mentor;
		const colleague = a.people.colleague;
		const sessions = await push(mentor.userId, id(), [
			insert(
				1,
				'mentoring_sessions',
				build.session({
					pair_id: a.activePair,
					mentor_id: mentor.profileId,
					mentee_id: owner.profileId,
					acknowledged_at: '2026-11-01T10:00:00.000Z'
				})
			),
			insert(
				2,
				'mentoring_sessions',
				build.session({ pair_id: a.activePair, mentor_id: mentor.profileId, mentee_id: owner.profileId })
			),
			insert(
				3,
				'observations',
				build.observation({
					observer_id: mentor.profileId,
					teacher_id: owner.profileId,
					acknowledged_at: '2026-11-01T10:00:00.000Z'
				})
			),
			insert(
				4,
				'observations',
				build.observation({
					observer_id: mentor.profileId,
					teacher_id: owner.profileId,
					reflection: 'Со всем согласна'
				})
			),
			insert(5, 'observations', build.observation({ observer_id: mentor.profileId, teacher_id: owner.profileId }))
		]);
		expect(statuses(sessions)).toEqual(['1:forbidden', '2:applied', '3:forbidden', '4:forbidden', '5:applied']);
		// A colleague's visit (взаимопосещение) too.
		const peer = await push(colleague.userId, id(), [
			insert(
				1,
				'observations',
				build.observation({
					observer_id: colleague.profileId,
					observer_role: 'peer',
					teacher_id: owner.profileId,
					reflection: 'Спасибо'
				})
			),
			insert(
				2,
				'observations',
				build.observation({ observer_id: colleague.profileId, observer_role: 'peer', teacher_id: owner.profileId })
			)
		]);
		expect(statuses(peer)).toEqual(['1:forbidden', '2:applied']);
	});

	it('plan_actions: the mentor adds an action as planned; its progress is the teacher’s', async () => {
		const owner = a.people.owner;
		const mentor = a.people.mentor;
		const action = (o: Record<string, unknown> = {}) =>
			build.action({ plan_id: rows.plan, teacher_id: owner.profileId, ...o });
		const byMentor = await push(mentor.userId, id(), [
			insert(1, 'plan_actions', action({ status: 'done', completed_at: '2026-11-01T10:00:00.000Z' })),
			insert(2, 'plan_actions', action({ status: 'in_progress' })),
			insert(3, 'plan_actions', action({ evidence: [{ kind: 'link', value: 'https://example.test/cert' }] })),
			insert(4, 'plan_actions', action({ reflection: 'Курсы полезны' })),
			insert(5, 'plan_actions', action({ status: 'cancelled', completed_at: null })),
			insert(6, 'plan_actions', action())
		]);
		expect(statuses(byMentor)).toEqual([
			'1:forbidden',
			'2:forbidden',
			'3:forbidden',
			'4:forbidden',
			'5:forbidden',
			'6:applied'
		]);
		const byTeacher = await push(owner.userId, id(), [
			insert(1, 'plan_actions', action({ status: 'in_progress', reflection: 'Начала' }))
		]);
		expect(statuses(byTeacher)).toEqual(['1:applied']);
	});
});

describe('conflicts', () => {
	it('overwrites a field changed meanwhile, keeps both values in sync_conflicts, and both parties pull it', async () => {
		const owner = a.people.owner;
		const mentor = a.people.mentor;
		const deficit = id();
		await insertRow(db.pool, 'deficits', build.deficit({ id: deficit, teacher_id: owner.profileId }));
		const ownerStart = await pullAll(owner.userId);
		const mentorStart = await pullAll(mentor.userId);

		// The mentor moves the status; the teacher's phone, offline, had seen 'identified' too.
		expect(
			await push(mentor.userId, id(), [
				mutation(1, 'deficits', deficit, { status: 'in_progress' }, { status: 'identified' })
			])
		).toMatchObject({
			results: [{ seq: 1, status: 'applied' }]
		});
		const late = await push(owner.userId, id(), [
			mutation(
				1,
				'deficits',
				deficit,
				{ status: 'overcome', description: 'Освоено' },
				{ status: 'identified', description: 'Формирующее оценивание' }
			)
		]);
		const conflict = { field: 'status', base: 'identified', overwritten: 'in_progress', value: 'overcome' };
		expect(late).toEqual({ last_seq: 1, results: [{ seq: 1, status: 'applied', conflicts: [conflict] }] });
		expect(await serverRow('deficits', deficit)).toMatchObject({
			status: 'overcome',
			description: 'Освоено',
			version: 3
		});

		const stored = await db.pool.query(
			`select table_name, field, base, overwritten, value, overwritten_by, profile_id from public.sync_conflicts where row_id = $1`,
			[deficit]
		);
		expect(stored.rows).toEqual([
			{
				table_name: 'deficits',
				field: 'status',
				base: 'identified',
				overwritten: 'in_progress',
				value: 'overcome',
				overwritten_by: mentor.profileId,
				profile_id: owner.profileId
			}
		]);
		for (const [person, start] of [
			[owner, ownerStart],
			[mentor, mentorStart]
		] as const) {
			const { changes } = await pullAll(person.userId, start.cursor);
			expect(changes.filter((c) => c.table === 'sync_conflicts').map((c) => c.row)).toEqual([
				expect.objectContaining({ row_id: deficit, ...conflict })
			]);
		}
		// Not a conflict: a field nobody else changed, and a change equal to what the server has.
		const same = await push(owner.userId, id(), [
			mutation(1, 'deficits', deficit, { status: 'overcome' }, { status: 'identified' })
		]);
		expect(same).toEqual({ last_seq: 1, results: [{ seq: 1, status: 'applied' }] });
	});

	it('compares instants by value, not by spelling', async () => {
		const owner = a.people.owner;
		const result = await push(owner.userId, id(), [
			mutation(
				1,
				'assessments',
				rows.assessment,
				{ started_at: '2026-09-21T10:00:00.000Z' },
				{ started_at: '2026-09-20T13:00:00+03:00' }
			)
		]);
		expect(result).toEqual({ last_seq: 1, results: [{ seq: 1, status: 'applied' }] });
	});
});

describe('tombstones and revocation', () => {
	it('a tombstone reaches the other party’s pull', async () => {
		const owner = a.people.owner;
		const mentor = a.people.mentor;
		const action = id();
		await push(owner.userId, id(), [
			mutation(
				1,
				'plan_actions',
				action,
				build.action({ id: undefined, plan_id: rows.plan, teacher_id: owner.profileId })
			)
		]);
		const { cursor } = await pullAll(mentor.userId);
		const deleted = await push(owner.userId, id(), [
			mutation(1, 'plan_actions', action, { deleted_at: '2026-11-05T08:00:00.000Z' }, { deleted_at: null }, 'delete')
		]);
		expect(deleted).toMatchObject({ results: [{ seq: 1, status: 'applied' }] });
		const { changes } = await pullAll(mentor.userId, cursor);
		expect(changes.filter((c) => c.row.id === action).map((c) => c.row.deleted_at)).toEqual([
			'2026-11-05T08:00:00+00:00'
		]);
		// Nothing is hard-deleted, even by the owner through SQL.
		expect((await attempt(db.pool, owner.userId, `delete from public.plan_actions where id = $1`, [action])).ok).toBe(
			false
		);
		expect(await serverRow('plan_actions', action)).toBeDefined();
	});

	it('ending a pair hides the former mentee’s conflicts from the former mentor, on either side of them', async () => {
		const own = await freshDatabase();
		try {
			const x = await createActors(own.pool);
			const owner = x.people.owner;
			const mentor = x.people.mentor;
			const overwritten = id(); // the mentor's value is overwritten by the teacher
			const overwriting = id(); // the mentor overwrites the teacher's value
			await insertRow(own.pool, 'deficits', build.deficit({ id: overwritten, teacher_id: owner.profileId }));
			await insertRow(own.pool, 'deficits', build.deficit({ id: overwriting, teacher_id: owner.profileId }));
			const as = (userId: string) => pgTransport(own.pool, userId);
			expect(
				await as(mentor.userId).push(id(), [
					mutation(1, 'deficits', overwritten, { status: 'in_progress' }, { status: 'identified' })
				])
			).toMatchObject({
				results: [{ status: 'applied' }]
			});
			expect(
				await as(owner.userId).push(id(), [
					mutation(1, 'deficits', overwritten, { status: 'overcome' }, { status: 'identified' }),
					mutation(2, 'deficits', overwriting, { status: 'in_progress' }, { status: 'identified' })
				])
			).toMatchObject({ results: [{ status: 'applied', conflicts: [{ field: 'status' }] }, { status: 'applied' }] });
			expect(
				await as(mentor.userId).push(id(), [
					mutation(1, 'deficits', overwriting, { status: 'dismissed' }, { status: 'identified' })
				])
			).toMatchObject({
				results: [{ status: 'applied', conflicts: [{ field: 'status' }] }]
			});

			const conflictsOf = async (userId: string) => {
				const selected = await attempt(own.pool, userId, `select row_id from public.sync_conflicts order by row_id`);
				const pulled = await as(userId).pull(null, 5000);
				return {
					selected: selected.rows.map((r) => r.row_id as string).sort(),
					pulled: pulled.changes
						.filter((c) => c.table === 'sync_conflicts')
						.map((c) => c.row.row_id as string)
						.sort()
				};
			};
			const both = [overwritten, overwriting].sort();
			expect(await conflictsOf(mentor.userId)).toEqual({ selected: both, pulled: both });

			const ended = await as(x.people.methodist.userId).push(id(), [
				mutation(
					1,
					'mentoring_pairs',
					x.activePair,
					{ status: 'completed', end_date: day(-1) },
					{ status: 'active', end_date: null }
				)
			]);
			expect(ended).toMatchObject({ results: [{ seq: 1, status: 'applied' }] });

			expect(await conflictsOf(mentor.userId)).toEqual({ selected: [], pulled: [] });
			expect(await conflictsOf(owner.userId)).toEqual({ selected: both, pulled: both });
		} finally {
			await own.drop();
		}
	});

	it('ending a pair removes the mentee from the former mentor’s scope and from what the mentor can read', async () => {
		const own = await freshDatabase();
		try {
			const x = await createActors(own.pool);
			const xrows = await createOwnerRows(own.pool, x);
			const mentor = x.people.mentor;
			const before = await pgTransport(own.pool, mentor.userId).pull(null, 500);
			expect(before.scope.teacher_ids.sort()).toEqual([mentor.profileId, x.people.owner.profileId].sort());
			expect(before.changes.some((c) => c.table === 'development_plans' && c.row.id === xrows.plan)).toBe(true);

			const ended = await pgTransport(own.pool, x.people.methodist.userId).push(id(), [
				mutation(
					1,
					'mentoring_pairs',
					x.activePair,
					{ status: 'completed', end_date: day(-1) },
					{ status: 'active', end_date: null }
				)
			]);
			expect(ended).toMatchObject({ results: [{ seq: 1, status: 'applied' }] });

			const after = await pgTransport(own.pool, mentor.userId).pull(before.cursor, 500);
			expect(after.scope.teacher_ids).toEqual([mentor.profileId]);
			const plan = await attempt(own.pool, mentor.userId, `select id from public.development_plans where id = $1`, [
				xrows.plan
			]);
			expect(plan).toMatchObject({ ok: true, rowCount: 0 });
			// Rows the mentor wrote stay readable: the session and the observation.
			const authored = await attempt(
				own.pool,
				mentor.userId,
				`select id from public.mentoring_sessions where id = $1 union all select id from public.observations where id = $2`,
				[xrows.session, xrows.observation]
			);
			expect(authored.rowCount).toBe(2);
			// And the former mentor can no longer write a session in the pair.
			const late = await pgTransport(own.pool, mentor.userId).push(id(), [
				mutation(
					1,
					'mentoring_sessions',
					id(),
					build.session({
						id: undefined,
						pair_id: x.activePair,
						mentor_id: mentor.profileId,
						mentee_id: x.people.owner.profileId
					})
				)
			]);
			expect(late).toMatchObject({ results: [{ seq: 1, status: 'rejected', code: 'forbidden' }] });
		} finally {
			await own.drop();
		}
	});

	it('a pair made after the mentee’s pull brings her the mentor’s profile, though its row lies behind her cursor', async () => {
		const own = await freshDatabase();
		try {
			const x = await createActors(own.pool);
			// The colleague has no mentor yet: she reads only her own profile.
			const mentee = x.people.colleague;
			const mentor = x.people.mentor;
			// Something of hers written after every profile, so her cursor ends past the mentor's row.
			await insertRow(own.pool, 'activities', build.activity({ teacher_id: mentee.profileId }));
			const first = await pgTransport(own.pool, mentee.userId).pull(null, 500);
			expect(first.has_more).toBe(false);
			expect(profileIdsOf(first)).toEqual([mentee.profileId]);
			expect(idsOf(first.changes, 'profiles')).toEqual([mentee.profileId]);

			const pair = id();
			await insertRow(
				own.pool,
				'mentoring_pairs',
				build.pair({ id: pair, school_id: x.school, mentor_id: mentor.profileId, mentee_id: mentee.profileId })
			);

			// The pair grants her the mentor's profile: the server sends it although it is older than
			// her cursor; the mentor's teacher-owned rows are still not the mentee's to read.
			const next = await pgTransport(own.pool, mentee.userId).pull(first.cursor, 500);
			expect(idsOf(next.changes, 'mentoring_pairs')).toEqual([pair]);
			expect(idsOf(next.changes, 'profiles')).toEqual([mentor.profileId]);
			expect(next.changes).toHaveLength(2);
			expect(profileIdsOf(next)).toEqual([mentee.profileId, mentor.profileId].sort());
			expect(next.scope.teacher_ids).toEqual([mentee.profileId]);
		} finally {
			await own.drop();
		}
	});

	it('profile_ids lists exactly the live profiles the caller can select (all of them for an administrator, so none is sent)', async () => {
		const { people } = a;
		const selected = async (userId: string) =>
			(await attempt(db.pool, userId, `select id from public.profiles where deleted_at is null order by id`)).rows.map(
				(r) => r.id as string
			);
		for (const person of [
			people.owner,
			people.colleague,
			people.methodist,
			people.otherMethodist,
			people.municipalMethodist
		]) {
			const { last } = await pullAll(person.userId);
			expect(profileIdsOf(last)).toEqual((await selected(person.userId)).sort());
		}
		// An administrator reads every profile: the list (a whole region) is not sent, and the
		// device keeps the profiles it has.
		expect(profileIdsOf((await pullAll(people.admin.userId)).last)).toBeUndefined();
		expect(profileIdsOf((await pullAll(people.municipalMethodist.userId)).last)).toEqual([
			people.municipalMethodist.profileId
		]);
		expect(profileIdsOf((await pullAll(people.owner.userId)).last)).toEqual(
			[people.owner.profileId, people.mentor.profileId, people.formerMentor.profileId].sort()
		);
	});
});
