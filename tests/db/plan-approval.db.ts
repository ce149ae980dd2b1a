/**
 * Согласование ИОМ (20261207000900_plan_approval.sql): who may move a plan's approval, that a
 * return needs a comment, that a substantive change of an approved plan's actions sends it back
 * and progress does not, through SQL as PostgREST runs it and through sync_push.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACTOR_NAMES, build, createActors, createOwnerRows, id, type Actors, type OwnerRows } from './actors';
import { attempt, freshDatabase, insertRow, type TestDatabase } from './cluster';
import { pgTransport, type Mutation } from './transport';
import { isRefused } from '../../src/lib/sync/transport';

let db: TestDatabase;
let a: Actors;
let rows: OwnerRows;

beforeAll(async () => {
	db = await freshDatabase();
	a = await createActors(db.pool);
	rows = await createOwnerRows(db.pool, a);
});
afterAll(() => db?.drop());

const owner = () => a.people.owner;

/** Put the sample plan in a state as the superuser (no rules), and the school's switch. */
async function setPlan(fields: Record<string, unknown>, mentorsApprove = false): Promise<void> {
	const base = {
		approval_status: 'not_submitted',
		approval_comment: '',
		submitted_at: null,
		approved_by: null,
		approved_at: null
	};
	const all = { ...base, ...fields };
	const cols = Object.keys(all);
	await db.pool.query(
		`update public.development_plans set ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')} where id = $1`,
		[rows.plan, ...cols.map((c) => all[c as keyof typeof all])]
	);
	await db.pool.query(`update public.organizations set mentors_approve_plans = $2 where id = $1`, [
		a.school,
		mentorsApprove
	]);
}

const submitted = () => ({ approval_status: 'submitted', submitted_at: '2026-11-01T09:00:00Z' });
const approvedBy = (who: string) => ({
	approval_status: 'approved',
	submitted_at: '2026-11-01T09:00:00Z',
	approved_by: who,
	approved_at: '2026-11-02T09:00:00Z'
});

async function planRow(): Promise<Record<string, unknown>> {
	return (await db.pool.query(`select * from public.development_plans where id = $1`, [rows.plan])).rows[0];
}

/** One UPDATE of the sample plan as a person (rolled back unless `keep`). */
function update(who: (typeof ACTOR_NAMES)[number], set: string, keep = false) {
	return attempt(
		db.pool,
		a.people[who].userId,
		`update public.development_plans set ${set} where id = $1 and $2::uuid is not distinct from $2::uuid`,
		[rows.plan, a.people[who].profileId],
		{ rollback: !keep }
	);
}

/** INSERT … SELECT of the given columns, as insertRow writes them (the others take their defaults). */
function insertSql(table: string, row: Record<string, unknown>): string {
	const cols = Object.keys(row).map((c) => `"${c}"`);
	return `insert into public.${table} (${cols.join(', ')}) select ${cols.map((c) => `r.${c}`).join(', ')} from jsonb_populate_record(null::public.${table}, $1) r`;
}

const SUBMIT = `approval_status = 'submitted', approval_comment = '', submitted_at = now(), approved_by = null, approved_at = null`;
const APPROVE = `approval_status = 'approved', approved_by = $2, approved_at = now()`;
const RETURN = `approval_status = 'returned', approval_comment = 'Уточните сроки', approved_by = $2, approved_at = now()`;

describe('who may move a plan’s approval', () => {
	beforeEach(() => setPlan({}));

	it('only the teacher sends her plan; nobody else', async () => {
		for (const who of ['mentor', 'methodist', 'colleague', 'otherMethodist', 'admin'] as const) {
			const r = await update(who, SUBMIT);
			expect(r.ok && r.rowCount > 0, who).toBe(false);
		}
		expect(await update('owner', SUBMIT)).toMatchObject({ ok: true, rowCount: 1 });
	});

	it('the school methodist approves or returns a plan that waits; the teacher, another school’s methodist and the admin do not', async () => {
		await setPlan(submitted());
		expect(await update('methodist', APPROVE)).toMatchObject({ ok: true, rowCount: 1 });
		expect(await update('methodist', RETURN)).toMatchObject({ ok: true, rowCount: 1 });
		expect(await update('owner', APPROVE)).toMatchObject({ ok: false, code: '42501' });
		for (const who of ['otherMethodist', 'municipalMethodist', 'admin', 'colleague', 'formerMentor'] as const) {
			const r = await update(who, APPROVE);
			expect(r.ok && r.rowCount > 0, who).toBe(false);
		}
	});

	it('the active mentor approves only where the school allows mentors to', async () => {
		await setPlan(submitted(), false);
		expect(await update('mentor', APPROVE)).toMatchObject({ ok: false, code: '42501' });
		await setPlan(submitted(), true);
		expect(await update('mentor', APPROVE)).toMatchObject({ ok: true, rowCount: 1 });
		// The former mentor, whose pair has ended, does not, whatever the school says.
		const former = await update('formerMentor', APPROVE);
		expect(former.ok && former.rowCount > 0).toBe(false);
	});

	it('a decision is made only on a plan that waits, and is signed by whoever makes it', async () => {
		// Not sent yet: nothing to decide on.
		expect(await update('methodist', APPROVE)).toMatchObject({ ok: false, code: '42501' });
		await setPlan(approvedBy(a.people.methodist.profileId));
		expect(await update('methodist', RETURN)).toMatchObject({ ok: false, code: '42501' });
		await setPlan(submitted());
		const forged = `approval_status = 'approved', approved_by = '${owner().profileId}', approved_at = now()`;
		expect(await update('methodist', forged)).toMatchObject({ ok: false });
		const other = `approval_status = 'approved', approved_by = '${a.people.mentor.profileId}', approved_at = now()`;
		expect(await update('methodist', other)).toMatchObject({ ok: false, code: '42501' });
	});

	it('the approval’s fields change only with its status (a comment is not rewritten afterwards)', async () => {
		await setPlan({
			...approvedBy(a.people.methodist.profileId),
			approval_status: 'returned',
			approval_comment: 'Сроки'
		});
		expect(await update('methodist', `approval_comment = 'Другое'`)).toMatchObject({ ok: false, code: '42501' });
		expect(await update('owner', `approval_comment = ''`)).toMatchObject({ ok: false, code: '42501' });
		// The teacher sends it again: the comment and the decision go.
		expect(await update('owner', SUBMIT)).toMatchObject({ ok: true, rowCount: 1 });
	});

	it('a return needs a comment that is not blank', async () => {
		await setPlan(submitted());
		for (const comment of ['', '   ', '\u00a0\u3000']) {
			const r = await update(
				'methodist',
				`approval_status = 'returned', approval_comment = '${comment}', approved_by = $2, approved_at = now()`
			);
			expect(r, JSON.stringify(comment)).toMatchObject({ ok: false, code: '23514' });
		}
	});

	it('a new plan is born not sent, or sent by its teacher; never approved', async () => {
		const plan = (o: Record<string, unknown>) =>
			build.plan({ teacher_id: owner().profileId, academic_year: 2040, ...o });
		const insert = (who: (typeof ACTOR_NAMES)[number], row: Record<string, unknown>) =>
			attempt(db.pool, a.people[who].userId, insertSql('development_plans', row), [JSON.stringify(row)], {
				rollback: true
			});
		expect(
			await insert('owner', plan({ approval_status: 'submitted', submitted_at: '2026-11-01T09:00:00Z' }))
		).toMatchObject({
			ok: true
		});
		expect(await insert('owner', plan({ ...approvedBy(a.people.mentor.profileId) }))).toMatchObject({
			ok: false,
			code: '42501'
		});
		expect(
			await insert('mentor', plan({ approval_status: 'submitted', submitted_at: '2026-11-01T09:00:00Z' }))
		).toMatchObject({
			ok: false,
			code: '42501'
		});
		expect(await insert('mentor', plan({}))).toMatchObject({ ok: true });
	});
});

describe('a change of an approved plan’s actions', () => {
	beforeEach(() => setPlan(approvedBy(a.people.methodist.profileId)));

	async function asOwner(sql: string, params: unknown[]) {
		const r = await attempt(db.pool, owner().userId, sql, params);
		expect(r, r.message).toMatchObject({ ok: true });
	}

	it.each([
		['its title', `title = title || ' (уточнено)'`],
		['its type', `type = 'self_study'`],
		['its deadline', `deadline = '2027-04-30'`],
		['its hours', `hours = 72`],
		['its deficit', `deficit_id = '${'00000000-0000-4000-8000-0000000000aa'}'`],
		['removing it', `deleted_at = now()`]
	])('sends it back for approval: %s', async (_what, set) => {
		if (set.startsWith('deficit_id')) {
			const deficit = id();
			await insertRow(db.pool, 'deficits', build.deficit({ id: deficit, teacher_id: owner().profileId }));
			set = `deficit_id = '${deficit}'`;
		}
		await asOwner(`update public.plan_actions set ${set} where id = $1`, [rows.action]);
		expect(await planRow()).toMatchObject({ approval_status: 'submitted', approved_by: null, approved_at: null });
		expect((await planRow()).submitted_at).not.toBeNull();
		await db.pool.query(`update public.plan_actions set deleted_at = null where id = $1`, [rows.action]);
	});

	it('sends it back for approval: an action added, by the teacher or by her mentor', async () => {
		const mine = build.action({ plan_id: rows.plan, teacher_id: owner().profileId });
		await asOwner(insertSql('plan_actions', mine), [JSON.stringify(mine)]);
		expect(await planRow()).toMatchObject({ approval_status: 'submitted' });
		await setPlan(approvedBy(a.people.methodist.profileId));
		const theirs = build.action({ plan_id: rows.plan, teacher_id: owner().profileId });
		const r = await attempt(db.pool, a.people.mentor.userId, insertSql('plan_actions', theirs), [
			JSON.stringify(theirs)
		]);
		expect(r, r.message).toMatchObject({ ok: true });
		expect(await planRow()).toMatchObject({ approval_status: 'submitted' });
	});

	it('leaves it approved: progress (status, evidence, reflection, completion)', async () => {
		await asOwner(
			`update public.plan_actions set status = 'done', completed_at = now(), reflection = 'Применяю на уроках',
			 evidence = '[{"id":"00000000-0000-4000-8000-0000000000ee","kind":"certificate","value":"№ 123","note":""}]'
			 where id = $1`,
			[rows.action]
		);
		await asOwner(`update public.plan_actions set result_form = 'Удостоверение' where id = $1`, [rows.action]);
		expect(await planRow()).toMatchObject({ approval_status: 'approved', approved_by: a.people.methodist.profileId });
		await db.pool.query(
			`update public.plan_actions set status = 'planned', completed_at = null, reflection = '', evidence = '[]' where id = $1`,
			[rows.action]
		);
	});

	it('leaves a plan that waits or was returned as it is', async () => {
		await setPlan(submitted());
		const before = (await planRow()).submitted_at;
		await asOwner(`update public.plan_actions set hours = 36 where id = $1`, [rows.action]);
		expect(await planRow()).toMatchObject({ approval_status: 'submitted', submitted_at: before });
		await setPlan({
			...approvedBy(a.people.methodist.profileId),
			approval_status: 'returned',
			approval_comment: 'Сроки'
		});
		await asOwner(`update public.plan_actions set hours = 48 where id = $1`, [rows.action]);
		expect(await planRow()).toMatchObject({ approval_status: 'returned', approval_comment: 'Сроки' });
	});
});

describe('through sync_push, as the devices write', () => {
	function mutation(seq: number, table: string, rowId: string, fields: Record<string, unknown>, base = {}): Mutation {
		return { seq, mutation_id: id(), table, row_id: rowId, op: 'upsert', fields, base };
	}
	const statuses = async (userId: string, mutations: Mutation[]) => {
		const r = await pgTransport(db.pool, userId).push(id(), mutations);
		return isRefused(r)
			? r
			: r.results.map((x) => (x.status === 'rejected' ? `${x.seq}:${x.code}` : `${x.seq}:${x.status}`));
	};

	it('the teacher sends, the methodist returns with a comment, the teacher sends again, the methodist approves', async () => {
		await setPlan({});
		const sent = {
			approval_status: 'submitted',
			approval_comment: '',
			submitted_at: '2026-11-01T09:00:00.000Z',
			approved_by: null,
			approved_at: null
		};
		expect(await statuses(owner().userId, [mutation(1, 'development_plans', rows.plan, sent)])).toEqual(['1:applied']);
		const methodist = a.people.methodist;
		expect(
			await statuses(methodist.userId, [
				mutation(1, 'development_plans', rows.plan, {
					approval_status: 'returned',
					approval_comment: ' ',
					approved_by: methodist.profileId,
					approved_at: '2026-11-02T09:00:00.000Z'
				}),
				mutation(2, 'development_plans', rows.plan, {
					approval_status: 'returned',
					approval_comment: 'Добавьте часы',
					approved_by: methodist.profileId,
					approved_at: '2026-11-02T09:00:00.000Z'
				})
			])
		).toEqual(['1:invalid_value', '2:applied']);
		expect(await planRow()).toMatchObject({ approval_status: 'returned', approval_comment: 'Добавьте часы' });
		expect(
			await statuses(owner().userId, [
				mutation(1, 'development_plans', rows.plan, {
					approval_status: 'approved',
					approval_comment: '',
					approved_by: owner().profileId,
					approved_at: '2026-11-03T09:00:00.000Z'
				}),
				mutation(2, 'development_plans', rows.plan, { ...sent, submitted_at: '2026-11-03T09:00:00.000Z' })
			])
		).toEqual(['1:forbidden', '2:applied']);
		expect(
			await statuses(methodist.userId, [
				mutation(1, 'development_plans', rows.plan, {
					approval_status: 'approved',
					approved_by: methodist.profileId,
					approved_at: '2026-11-04T09:00:00.000Z'
				})
			])
		).toEqual(['1:applied']);
		const row = await planRow();
		expect(row).toMatchObject({ approval_status: 'approved', approved_by: methodist.profileId });
		// The decider's name is the server's, from the signing profile, so the teacher can show it.
		const name = (await db.pool.query(`select full_name from public.profiles where id = $1`, [methodist.profileId]))
			.rows[0];
		expect(row.approver_name).toBe(name.full_name);
	});

	it('the methodist sets the school’s switch; a teacher and another school’s methodist may not', async () => {
		const call = (who: (typeof ACTOR_NAMES)[number], school: string, allowed: boolean) =>
			attempt(db.pool, a.people[who].userId, `select public.set_mentors_approve_plans($1, $2)`, [school, allowed]);
		expect(await call('owner', a.school, true)).toMatchObject({ ok: false, code: '42501' });
		expect(await call('otherMethodist', a.school, true)).toMatchObject({ ok: false, code: '42501' });
		expect(await call('methodist', a.school, true)).toMatchObject({ ok: true });
		const row = (
			await db.pool.query(`select mentors_approve_plans from public.organizations where id = $1`, [a.school])
		).rows[0];
		expect(row.mentors_approve_plans).toBe(true);
		expect(await call('methodist', a.municipality, true)).toMatchObject({ ok: false });
		await call('methodist', a.school, false);
	});
});

/**
 * The RLS matrix's development_plans cells for a plan that WAITS for approval (the matrix in
 * rls-matrix.db.ts uses a plan not yet sent, on which no one but the teacher and the mentor
 * may change anything). Same format: S select, U update (a teacher's field or a decision).
 * The school allows mentors to approve here.
 */
// prettier-ignore
const EXPECTED_WAITING: Record<(typeof ACTOR_NAMES)[number] | 'anon', string> = {
	owner: 'SU', colleague: '', mentor: 'SU', formerMentor: '', methodist: 'SU', otherMethodist: '', municipalMethodist: '', admin: '', anon: ''
};

describe('RLS matrix: development_plans, a plan waiting for approval', () => {
	it.each([...ACTOR_NAMES, 'anon' as const])('%s', async (who) => {
		await setPlan(submitted(), true);
		const userId = who === 'anon' ? null : a.people[who].userId;
		const me = who === 'anon' ? null : a.people[who].profileId;
		let cell = '';
		const selected = await attempt(
			db.pool,
			userId,
			`select 1 from public.development_plans where id = $1`,
			[rows.plan],
			{
				rollback: true
			}
		);
		if (selected.ok && selected.rowCount > 0) cell += 'S';
		for (const set of [`goals = 'Новые цели'`, APPROVE, RETURN]) {
			const r = await attempt(
				db.pool,
				userId,
				`update public.development_plans set ${set} where id = $1 and $2::uuid is not distinct from $2::uuid`,
				[rows.plan, me],
				{ rollback: true }
			);
			if (r.ok && r.rowCount > 0) {
				cell += 'U';
				break;
			}
		}
		expect(cell).toBe(EXPECTED_WAITING[who]);
	});
});
