/**
 * The school methodist's lesson visits (20261207001000_methodist_visits.sql) through sync_push /
 * sync_pull, in the order the app writes them: the visit of a teacher who is nobody's mentee,
 * handed over, its recommendations made a deficit and an action in the teacher's plan; the
 * teacher's device pulls both. And what the methodist still may not write in someone's plan.
 *
 * RLS matrix (tests/db/rls-matrix.db.ts): no new table, and no cell of it changes — there the
 * methodist has not visited the owner, so she still inserts no plan or action about her; what she
 * may write from her own visit is tested here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, createActors, day, id, type ActorName, type Actors } from './actors';
import { freshDatabase, insertRow, type TestDatabase } from './cluster';
import { pgTransport, type Mutation, type PullResponse } from './transport';
import { isRefused } from '../../src/lib/sync/transport';

let db: TestDatabase;
let a: Actors;

beforeAll(async () => {
	db = await freshDatabase();
	a = await createActors(db.pool);
});
afterAll(() => db?.drop());

const devices = new Map<ActorName, { client: string; seq: number }>();
type Outcome = { status: string; code?: string };

async function push(
	who: ActorName,
	table: string,
	rowId: string,
	fields: Record<string, unknown>,
	base: Record<string, unknown> = {}
): Promise<Outcome> {
	const device = devices.get(who) ?? { client: id(), seq: 1 };
	devices.set(who, device);
	const answer = await pgTransport(db.pool, a.people[who].userId).push(device.client, [
		{ seq: device.seq++, mutation_id: id(), table, row_id: rowId, op: 'upsert' as Mutation['op'], fields, base }
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

function recommendation(o: Record<string, unknown> = {}) {
	return {
		id: id(),
		text: 'Давать обратную связь по критериям',
		competencyId: 'evaluation',
		indicatorId: 'evaluation.1',
		deficitId: null,
		actionId: null,
		...o
	};
}

/** The colleague is a teacher of the school and nobody's mentee. */
const teacher = () => profile('colleague');

describe('a lesson visit by the school methodist', () => {
	const visit = id();
	const plan = id();
	const action = id();
	const deficit = id();
	const rec = recommendation();

	it('records, hands over and edits a visit of any teacher of her school, not of another school', async () => {
		expect(
			await push(
				'methodist',
				'observations',
				visit,
				build.observation({
					id: undefined,
					observer_id: profile('methodist'),
					teacher_id: teacher(),
					observer_role: 'methodist',
					status: 'draft',
					scores: {}
				})
			)
		).toEqual(applied);
		expect(
			await push(
				'methodist',
				'observations',
				visit,
				{ scores: { 'evaluation.1': 1 }, status: 'submitted', recommendations: [rec] },
				{ scores: {}, status: 'draft', recommendations: [] }
			)
		).toEqual(applied);
		expect(
			await push(
				'otherMethodist',
				'observations',
				id(),
				build.observation({ id: undefined, observer_id: profile('otherMethodist'), teacher_id: teacher() })
			)
		).toEqual(forbidden);
	});

	it('lets her turn its recommendations into the teacher’s plan and deficit, as a mentor does', async () => {
		expect(
			await push('methodist', 'development_plans', plan, build.plan({ id: undefined, teacher_id: teacher() }))
		).toEqual(applied);
		expect(
			await push(
				'methodist',
				'plan_actions',
				action,
				build.action({
					id: undefined,
					plan_id: plan,
					teacher_id: teacher(),
					type: 'self_study',
					title: 'Давать обратную связь по критериям',
					hours: null,
					result_form: '',
					source_observation_id: visit
				})
			)
		).toEqual(applied);
		expect(
			await push(
				'methodist',
				'deficits',
				deficit,
				build.deficit({
					id: undefined,
					teacher_id: teacher(),
					source: 'lesson_observation',
					source_observation_id: visit,
					history: [{ status: 'identified', at: new Date().toISOString(), by: profile('methodist') }]
				})
			)
		).toEqual(applied);
		// «Сделать дефицитом» after «Добавить в ИОМ»: the action is aimed at the deficit.
		expect(await push('methodist', 'plan_actions', action, { deficit_id: deficit }, { deficit_id: null })).toEqual(
			applied
		);
		expect(
			await push(
				'methodist',
				'observations',
				visit,
				{ recommendations: [{ ...rec, deficitId: deficit, actionId: action }] },
				{ recommendations: [rec] }
			)
		).toEqual(applied);
		// A later visit confirms the live deficit and adds the look-for it saw.
		expect(
			await push(
				'methodist',
				'deficits',
				deficit,
				{ confirmed_at: new Date().toISOString(), indicator_ids: ['evaluation.1', 'evaluation.2'] },
				{ confirmed_at: null, indicator_ids: ['evaluation.1'] }
			)
		).toEqual(applied);
	});

	it('shows the teacher the visit, the deficit and the action in her plan on her device', async () => {
		const observations = await pulled('colleague', 'observations');
		expect(observations.find((o) => o.id === visit)).toMatchObject({ status: 'submitted', observer_role: 'methodist' });
		expect((await pulled('colleague', 'plan_actions')).find((r) => r.id === action)).toMatchObject({
			plan_id: plan,
			deficit_id: deficit,
			status: 'planned',
			source_observation_id: visit
		});
		expect((await pulled('colleague', 'deficits')).find((r) => r.id === deficit)).toMatchObject({
			indicator_ids: ['evaluation.1', 'evaluation.2']
		});
		expect((await pulled('colleague', 'development_plans')).map((r) => r.id)).toContain(plan);
	});

	it('leaves the action’s progress and wording the teacher’s', async () => {
		expect(await push('methodist', 'plan_actions', action, { title: 'Другое' }, { title: 'x' })).toEqual(forbidden);
		expect(await push('methodist', 'plan_actions', action, { status: 'done' }, { status: 'planned' })).toEqual(
			forbidden
		);
		expect(await push('colleague', 'plan_actions', action, { status: 'in_progress' }, { status: 'planned' })).toEqual(
			applied
		);
	});

	it('refuses an action in the plan that no visit of hers is the source of, or one added as done', async () => {
		const base = { plan_id: plan, teacher_id: teacher(), id: undefined };
		expect(await push('methodist', 'plan_actions', id(), build.action(base))).toEqual(forbidden);
		// The source is a visit of another observer (the teacher's peer).
		const peerVisit = id();
		expect(
			await push(
				'mentor',
				'observations',
				peerVisit,
				build.observation({
					id: undefined,
					observer_id: profile('mentor'),
					teacher_id: teacher(),
					observer_role: 'peer'
				})
			)
		).toEqual(applied);
		expect(
			await push('methodist', 'plan_actions', id(), build.action({ ...base, source_observation_id: peerVisit }))
		).toEqual(forbidden);
		expect(
			await push(
				'methodist',
				'plan_actions',
				id(),
				build.action({ ...base, source_observation_id: visit, status: 'done', completed_at: new Date().toISOString() })
			)
		).toEqual(forbidden);
		// Another school's methodist, even naming this visit.
		expect(
			await push('otherMethodist', 'plan_actions', id(), build.action({ ...base, source_observation_id: visit }))
		).toEqual(forbidden);
	});

	it('sends an approved plan back to «на согласовании» when her action from a visit changes it, as the device does', async () => {
		// The owner's plan, approved; a visit of the owner by the methodist.
		const approved = id();
		const ownerVisit = id();
		const at = new Date().toISOString();
		await insertRow(
			db.pool,
			'development_plans',
			build.plan({
				id: approved,
				teacher_id: profile('owner'),
				academic_year: 2027,
				approval_status: 'approved',
				submitted_at: at,
				approved_by: profile('methodist'),
				approved_at: at
			})
		);
		expect(
			await push(
				'methodist',
				'observations',
				ownerVisit,
				build.observation({ id: undefined, observer_id: profile('methodist'), teacher_id: profile('owner') })
			)
		).toEqual(applied);
		const sentBack = {
			approval_status: 'submitted',
			approval_comment: '',
			submitted_at: new Date().toISOString(),
			approved_by: null,
			approved_at: null,
			approver_name: ''
		};
		expect(
			await push('methodist', 'development_plans', approved, sentBack, {
				approval_status: 'approved',
				approval_comment: '',
				submitted_at: at,
				approved_by: profile('methodist'),
				approved_at: at,
				approver_name: ''
			})
		).toEqual(applied);
		expect(
			await push(
				'methodist',
				'plan_actions',
				id(),
				build.action({
					id: undefined,
					plan_id: approved,
					teacher_id: profile('owner'),
					source_observation_id: ownerVisit
				})
			)
		).toEqual(applied);
		const row = await db.pool.query('select approval_status from public.development_plans where id = $1', [approved]);
		expect(row.rows[0].approval_status).toBe('submitted');
		// Another school's methodist may not.
		expect(
			await push('otherMethodist', 'development_plans', approved, { approval_status: 'approved' }, sentBack)
		).toEqual(forbidden);
	});

	it('refuses her a plan for a teacher she never visited, and any plan outside her school', async () => {
		expect(
			await push(
				'methodist',
				'development_plans',
				id(),
				build.plan({ id: undefined, teacher_id: profile('formerMentor') })
			)
		).toEqual(forbidden);
		expect(
			await push(
				'otherMethodist',
				'development_plans',
				id(),
				build.plan({ id: undefined, teacher_id: teacher(), academic_year: 2027 })
			)
		).toEqual(forbidden);
	});

	it('keeps the mentor’s way as it was: a plan and an action for an active mentee without a visit', async () => {
		const menteePlan = id();
		expect(
			await push(
				'mentor',
				'development_plans',
				menteePlan,
				build.plan({ id: undefined, teacher_id: profile('owner'), academic_year: 2027 })
			)
		).toEqual(applied);
		expect(
			await push(
				'mentor',
				'plan_actions',
				id(),
				build.action({ id: undefined, plan_id: menteePlan, teacher_id: profile('owner'), deadline: day(60) })
			)
		).toEqual(applied);
	});
});
