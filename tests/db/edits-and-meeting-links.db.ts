/**
 * Editing what was entered, through sync_push as the app sends it: the teacher corrects her
 * activities and ИОМ actions (and links an activity to the action it came from), the mentor says
 * which planned meeting a session fulfils — each only their own, and the pull brings it back.
 * supabase/migrations/20261207000500_edits_and_meeting_links.sql.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, createActors, createOwnerRows, day, id, type Actors, type OwnerRows } from './actors';
import { freshDatabase, insertRow, type TestDatabase } from './cluster';
import { pgTransport, type Mutation, type PullResponse } from './transport';
import type { PushAccepted } from '../../src/lib/sync/transport';

let db: TestDatabase;
let a: Actors;
let rows: OwnerRows;

beforeAll(async () => {
	db = await freshDatabase({ max: 6 });
	a = await createActors(db.pool);
	rows = await createOwnerRows(db.pool, a);
});
afterAll(() => db?.drop());

function mutation(
	seq: number,
	table: string,
	rowId: string,
	fields: Record<string, unknown>,
	base: Record<string, unknown> = {}
): Mutation {
	return { seq, mutation_id: id(), table, row_id: rowId, op: 'upsert', fields, base };
}

/** One push from a new device; every item answered (a refusal of the whole call fails the test). */
async function push(userId: string, mutations: Mutation[]): Promise<PushAccepted> {
	const response = await pgTransport(db.pool, userId).push(id(), mutations);
	if (!('results' in response)) throw new Error(`the push was refused whole: ${JSON.stringify(response)}`);
	return response as PushAccepted;
}

async function pullAll(userId: string): Promise<PullResponse['changes']> {
	const transport = pgTransport(db.pool, userId);
	const changes: PullResponse['changes'] = [];
	let cursor: string | null = null;
	for (;;) {
		const page = await transport.pull(cursor, 500);
		changes.push(...page.changes);
		cursor = page.cursor;
		if (!page.has_more) return changes;
	}
}

async function serverRow(table: string, rowId: string): Promise<Record<string, unknown>> {
	const { rows: found } = await db.pool.query(`select to_jsonb(x) as r from public.${table} x where id = $1`, [rowId]);
	return found[0]?.r;
}

describe('the teacher edits her activities and ИОМ actions', () => {
	it('marks a course finished later and corrects its hours, dates, title and certificate', async () => {
		const owner = a.people.owner;
		const activity = id();
		await insertRow(
			db.pool,
			'activities',
			build.activity({
				id: activity,
				teacher_id: owner.profileId,
				completed: false,
				end_date: null,
				hours: 56,
				certificate: ''
			})
		);
		const result = await push(owner.userId, [
			mutation(
				1,
				'activities',
				activity,
				{
					title: 'Школа современного учителя',
					completed: true,
					end_date: '2026-11-20',
					hours: 36,
					certificate: 'ПК-000123'
				},
				{ title: 'Функциональная грамотность', completed: false, end_date: null, hours: 56, certificate: '' }
			)
		]);
		expect(result.results).toEqual([{ seq: 1, status: 'applied' }]);
		expect(await serverRow('activities', activity)).toMatchObject({
			title: 'Школа современного учителя',
			completed: true,
			end_date: '2026-11-20',
			hours: 36,
			certificate: 'ПК-000123'
		});
	});

	it('moves an action’s deadline and corrects its title and hours', async () => {
		const owner = a.people.owner;
		const result = await push(owner.userId, [
			mutation(
				1,
				'plan_actions',
				rows.action,
				{ deadline: '2027-04-15', hours: 72, title: 'Курсы по формирующему оцениванию' },
				{ deadline: '2027-03-01', hours: 36, title: 'Курсы ПК по оцениванию' }
			)
		]);
		expect(result.results).toEqual([{ seq: 1, status: 'applied' }]);
		expect(await serverRow('plan_actions', rows.action)).toMatchObject({
			deadline: '2027-04-15',
			hours: 72,
			title: 'Курсы по формирующему оцениванию'
		});
	});

	it('refuses anyone else’s edit of her activity', async () => {
		const result = await push(a.people.mentor.userId, [
			mutation(1, 'activities', rows.activity, { hours: 1 }, { hours: 72 })
		]);
		expect(result.results).toMatchObject([{ seq: 1, status: 'rejected' }]);
		expect(await serverRow('activities', rows.activity)).toMatchObject({ hours: 72 });
	});

	it('links an activity to her own completed action, and the pull brings the link back', async () => {
		const owner = a.people.owner;
		const activity = id();
		const later = id();
		const { id: _id, ...fields } = build.activity({
			id: activity,
			teacher_id: owner.profileId,
			plan_action_id: rows.action
		});
		const result = await push(owner.userId, [
			mutation(1, 'activities', activity, fields),
			// An activity entered before the action was done is linked afterwards.
			mutation(2, 'activities', later, { ...build.activity({ teacher_id: owner.profileId }), id: undefined }),
			mutation(3, 'activities', later, { plan_action_id: rows.action }, { plan_action_id: null })
		]);
		expect(result.results).toEqual([
			{ seq: 1, status: 'applied' },
			{ seq: 2, status: 'applied' },
			{ seq: 3, status: 'applied' }
		]);
		const pulled = (await pullAll(owner.userId)).filter(
			(c) => c.table === 'activities' && (c.row.id === activity || c.row.id === later)
		);
		expect(pulled.map((c) => c.row.plan_action_id)).toEqual([rows.action, rows.action]);
	});

	it('refuses a link to another teacher’s action or to no action at all', async () => {
		const owner = a.people.owner;
		const colleague = a.people.colleague.profileId;
		const plan = id();
		const theirs = id();
		await insertRow(db.pool, 'development_plans', build.plan({ id: plan, teacher_id: colleague }));
		await insertRow(db.pool, 'plan_actions', build.action({ id: theirs, plan_id: plan, teacher_id: colleague }));
		const mine = id();
		const result = await push(owner.userId, [
			mutation(1, 'activities', mine, {
				...build.activity({ teacher_id: owner.profileId, plan_action_id: theirs }),
				id: undefined
			}),
			mutation(2, 'activities', mine, {
				...build.activity({ teacher_id: owner.profileId, plan_action_id: id() }),
				id: undefined
			}),
			mutation(3, 'activities', rows.activity, { plan_action_id: theirs }, { plan_action_id: null })
		]);
		// The same answer either way: a refusal does not tell whether someone else's action exists.
		expect(result.results).toMatchObject([
			{ seq: 1, status: 'rejected', code: 'invalid_value' },
			{ seq: 2, status: 'rejected', code: 'invalid_value' },
			{ seq: 3, status: 'rejected', code: 'invalid_value' }
		]);
		expect(await serverRow('activities', mine)).toBeUndefined();
		expect(await serverRow('activities', rows.activity)).toMatchObject({ plan_action_id: null });
	});
});

describe('a session names the planned meeting it fulfils', () => {
	it('is the mentor’s to say, on a new session and on an old one; the mentee’s pull shows it', async () => {
		const mentor = a.people.mentor;
		const planned = day(7);
		const fresh = id();
		const { id: _id, ...fields } = build.session({
			id: fresh,
			pair_id: a.activePair,
			mentor_id: mentor.profileId,
			mentee_id: a.people.owner.profileId,
			planned_meeting: 'none'
		});
		const result = await push(mentor.userId, [
			mutation(1, 'mentoring_sessions', fresh, fields),
			mutation(2, 'mentoring_sessions', rows.session, { planned_meeting: planned }, { planned_meeting: null })
		]);
		expect(result.results).toEqual([
			{ seq: 1, status: 'applied' },
			{ seq: 2, status: 'applied' }
		]);
		const pulled = (await pullAll(a.people.owner.userId)).filter((c) => c.table === 'mentoring_sessions');
		expect(Object.fromEntries(pulled.map((c) => [c.row.id, c.row.planned_meeting]))).toMatchObject({
			[fresh]: 'none',
			[rows.session]: planned
		});
	});

	it('is not the mentee’s to change', async () => {
		const before = (await serverRow('mentoring_sessions', rows.session)).planned_meeting;
		const result = await push(a.people.owner.userId, [
			mutation(1, 'mentoring_sessions', rows.session, { planned_meeting: 'none' }, { planned_meeting: before })
		]);
		expect(result.results).toMatchObject([{ seq: 1, status: 'rejected', code: 'forbidden' }]);
		expect((await serverRow('mentoring_sessions', rows.session)).planned_meeting).toBe(before);
	});

	it('is a real planned date or «none», nothing else', async () => {
		const mentor = a.people.mentor;
		const result = await push(
			mentor.userId,
			['2026-02-30', 'soon', '2026-2-3', '1900-01-01', ''].map((value, i) =>
				mutation(i + 1, 'mentoring_sessions', rows.session, { planned_meeting: value }, {})
			)
		);
		expect(result.results.map((r) => [r.status, 'code' in r ? (r as { code: string }).code : null])).toEqual(
			Array.from({ length: 5 }, () => ['rejected', 'invalid_value'])
		);
	});
});
