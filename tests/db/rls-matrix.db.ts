/**
 * Every table × select / insert / update / delete × every kind of person, straight through SQL as
 * PostgREST would run it: row-level security is the boundary even without the sync functions.
 * Each cell runs in its own transaction and is rolled back, so every cell sees the same rows.
 *
 * A cell lists what the person may do with the table's sample row about the owner teacher:
 * S select, I insert (a new row of that kind about the owner), U update, D delete ('' nothing).
 * Insert and update try each way the rules allow someone to write (a teacher's field, a mentor's
 * field, …); the cell allows it when one of them succeeds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FRAMEWORK_ID } from '../../src/lib/domain/frameworks/default-id';
import {
	ACTOR_NAMES,
	build,
	createActors,
	createOwnerRows,
	id,
	signUp,
	type ActorName,
	type Actors,
	type OwnerRows
} from './actors';
import { attempt, freshDatabase, insertRow, type TestDatabase } from './cluster';

type Who = ActorName | 'anon';
const WHO: Who[] = [...ACTOR_NAMES, 'anon'];

// prettier-ignore
const EXPECTED: Record<string, Record<Who, string>> = {
	//                   owner    colleague  mentor  formerMentor methodist otherMethodist municipalMethodist admin   anon
	organizations:      { owner: 'S',   colleague: 'S', mentor: 'S',   formerMentor: 'S', methodist: 'S',   otherMethodist: 'S', municipalMethodist: 'S', admin: 'SIU', anon: '' },
	// The sample is a draft version: the admin edits it (a published version is immutable: admin-console.db.ts).
	frameworks:         { owner: 'S',   colleague: 'S', mentor: 'S',   formerMentor: 'S', methodist: 'S',   otherMethodist: 'S', municipalMethodist: 'S', admin: 'SIU', anon: '' },
	// The municipal methodist adds an invited person to a school of the municipality, but reads no teacher's profile.
	profiles:           { owner: 'SU',  colleague: '',  mentor: 'S',   formerMentor: 'S', methodist: 'SIU', otherMethodist: '',  municipalMethodist: 'I', admin: 'SIU', anon: '' },
	// The municipal methodist grants roles in the municipality's schools, but reads (and ends) school methodists' memberships only.
	memberships:        { owner: 'S',   colleague: '',  mentor: '',    formerMentor: '',  methodist: 'SIU', otherMethodist: '',  municipalMethodist: 'I', admin: 'SIU', anon: '' },
	assessments:        { owner: 'SIU', colleague: '',  mentor: 'S',   formerMentor: '',  methodist: 'SI',  otherMethodist: '',  municipalMethodist: '',  admin: '',    anon: '' },
	deficits:           { owner: 'SIU', colleague: '',  mentor: 'SIU', formerMentor: '',  methodist: 'SIU', otherMethodist: '',  municipalMethodist: '',  admin: '',    anon: '' },
	// The sample plan is not sent: the methodist decides only on a plan that waits (plan-approval.db.ts has those cells).
	development_plans:  { owner: 'SIU', colleague: '',  mentor: 'SIU', formerMentor: '',  methodist: 'S',   otherMethodist: '',  municipalMethodist: '',  admin: '',    anon: '' },
	plan_actions:       { owner: 'SIU', colleague: '',  mentor: 'SIU', formerMentor: '',  methodist: 'S',   otherMethodist: '',  municipalMethodist: '',  admin: '',    anon: '' },
	activities:         { owner: 'SIU', colleague: '',  mentor: 'S',   formerMentor: '',  methodist: 'S',   otherMethodist: '',  municipalMethodist: '',  admin: '',    anon: '' },
	mentoring_pairs:    { owner: 'S',   colleague: '',  mentor: 'S',   formerMentor: '',  methodist: 'SIU', otherMethodist: '',  municipalMethodist: '',  admin: 'SIU', anon: '' },
	mentoring_sessions: { owner: 'SU',  colleague: '',  mentor: 'SIU', formerMentor: '',  methodist: 'S',   otherMethodist: '',  municipalMethodist: '',  admin: '',    anon: '' },
	// A colleague of the same school (the former mentor is one too) may observe a lesson: взаимопосещение.
	observations:       { owner: 'SU',  colleague: 'I', mentor: 'SIU', formerMentor: 'I', methodist: 'SI',  otherMethodist: '',  municipalMethodist: '',  admin: '',    anon: '' },
	comments:           { owner: 'SIU', colleague: '',  mentor: 'SI',  formerMentor: '',  methodist: 'SI',  otherMethodist: '',  municipalMethodist: '',  admin: '',    anon: '' },
	// A recommendation to the owner from the school methodist; the municipal methodist writes only to the whole school.
	recommendations:    { owner: 'SU',  colleague: '',  mentor: '',    formerMentor: '',  methodist: 'SIU', otherMethodist: '',  municipalMethodist: 'I', admin: 'SIU', anon: '' },
	indicator_targets:  { owner: '',    colleague: '',  mentor: '',    formerMentor: '',  methodist: 'SIU', otherMethodist: '',  municipalMethodist: 'SIU', admin: 'SIU', anon: '' },
	sync_clients:       { owner: 'SIU', colleague: 'I', mentor: 'I',   formerMentor: 'I', methodist: 'I',   otherMethodist: 'I', municipalMethodist: 'I', admin: 'I',   anon: '' },
	sync_ledger:        { owner: 'SI',  colleague: '',  mentor: '',    formerMentor: '',  methodist: '',    otherMethodist: '',  municipalMethodist: '',  admin: '',    anon: '' },
	sync_conflicts:     { owner: 'S',   colleague: '',  mentor: 'S',   formerMentor: '',  methodist: '',    otherMethodist: '',  municipalMethodist: '',  admin: '',    anon: '' },
	// The administrator's console (20261207000800_admin_console.sql): settings everyone reads and the admin writes;
	// the audit log nobody touches directly (the admin reads it through public.audit_log_page).
	region_settings:    { owner: 'S',   colleague: 'S', mentor: 'S',   formerMentor: 'S', methodist: 'S',   otherMethodist: 'S', municipalMethodist: 'S', admin: 'SIU', anon: '' },
	audit_log:          { owner: '',    colleague: '',  mentor: '',    formerMentor: '',  methodist: '',    otherMethodist: '',  municipalMethodist: '',  admin: '',    anon: '' },
	// A person's request to erase her data (20261207001200_data_rights.sql): hers to ask and withdraw, the
	// administrator's to read (carry_out_erasure does the rest). Files: evidence-storage.db.ts; a plan that
	// waits for approval: plan-approval.db.ts.
	erasure_requests:   { owner: 'SIU', colleague: '',  mentor: '',    formerMentor: '',  methodist: '',    otherMethodist: '',  municipalMethodist: '',  admin: 'S',   anon: '' }
};

let db: TestDatabase;
let a: Actors;
let rows: OwnerRows & {
	organization: string;
	profile: string;
	framework: string;
	pair: string;
	client: string;
	conflict: string;
	recommendation: string;
	target: string;
	otherRegion: string;
	audit: string;
	erasure: string;
};

/** How each operation is tried on each table; `me` is the person's profile id. */
interface Ops {
	sample: () => string;
	inserts: (me: string | null, who: Who) => Record<string, unknown>[];
	/** Alternative SET clauses; $2 is the person's profile id. */
	updates: string[];
}

const owner = () => a.people.owner.profileId;

const OPS: Record<string, Ops> = {
	organizations: {
		sample: () => rows.organization,
		inserts: () => [build.organization({ parent_id: a.municipality })],
		updates: [`name = name || '.'`]
	},
	frameworks: {
		sample: () => rows.framework,
		inserts: () => [
			{ id: id(), code: 'custom', revision: 1, title: 'Своя', scale: [1, 2, 3, 4], competencies: [{}], status: 'draft' }
		],
		updates: [`title = title || '.'`]
	},
	profiles: {
		sample: () => rows.profile,
		inserts: () => [build.profile({ school_id: a.school, email: `new.${id().slice(0, 8)}@example.test` })],
		updates: [`position = 'заместитель директора'`]
	},
	memberships: {
		sample: () => rows.membership,
		inserts: () => [
			build.membership({ profile_id: a.people.colleague.profileId, organization_id: a.school, role: 'mentor' })
		],
		updates: [`role = 'mentor'`]
	},
	assessments: {
		sample: () => rows.assessment,
		inserts: (me) => [
			build.assessment({ teacher_id: owner() }),
			build.assessment({ teacher_id: owner(), kind: 'expert', assessor_id: me })
		],
		updates: [`scores = '{"goal-setting.1": 3}'`]
	},
	deficits: {
		sample: () => rows.deficit,
		inserts: () => [build.deficit({ teacher_id: owner() })],
		updates: [`status = 'in_progress'`]
	},
	development_plans: {
		sample: () => rows.plan,
		inserts: () => [build.plan({ teacher_id: owner() })],
		updates: [`goals = 'Новые цели'`, `deficit_ids = '["${'00000000-0000-4000-8000-0000000000aa'}"]'`]
	},
	plan_actions: {
		sample: () => rows.action,
		inserts: () => [build.action({ plan_id: rows.plan, teacher_id: owner() })],
		updates: [`title = 'Другое название'`, `deficit_id = '${'00000000-0000-4000-8000-0000000000aa'}'`]
	},
	activities: {
		sample: () => rows.activity,
		inserts: () => [build.activity({ teacher_id: owner() })],
		updates: [`title = 'Другой курс'`]
	},
	mentoring_pairs: {
		sample: () => rows.pair,
		inserts: () => [build.pair({ school_id: a.school, mentor_id: a.people.colleague.profileId, mentee_id: owner() })],
		updates: [`goals = 'Новые цели'`]
	},
	mentoring_sessions: {
		sample: () => rows.session,
		inserts: (me) => [
			build.session({ pair_id: a.activePair, mentor_id: me, mentee_id: owner() }),
			build.session({ pair_id: a.endedPair, mentor_id: me, mentee_id: owner() })
		],
		updates: [`notes = 'Дополнение'`, `acknowledged_at = now()`]
	},
	observations: {
		sample: () => rows.observation,
		inserts: (me) => [build.observation({ observer_id: me, teacher_id: owner() })],
		updates: [`notes = 'Дополнение'`, `reflection = 'Согласна'`]
	},
	comments: {
		sample: () => rows.comment,
		inserts: (me) => [build.comment({ author_id: me, target_table: 'deficits', target_id: rows.deficit })],
		updates: [`deleted_at = now()`]
	},
	recommendations: {
		sample: () => rows.recommendation,
		inserts: (me) => [
			{ id: id(), author_id: me, organization_id: a.school, teacher_id: owner(), body: 'Посетить открытый урок' },
			{ id: id(), author_id: me, organization_id: a.school, teacher_id: null, body: 'Методический день' }
		],
		updates: [`body = body || '.'`, `done_at = now(), done_by = $2`]
	},
	indicator_targets: {
		sample: () => rows.target,
		inserts: () => [{ id: id(), organization_id: a.school, academic_year: 2027, code: 'IOM', value: 0.5 }],
		updates: [`value = 0.9`]
	},
	sync_clients: {
		sample: () => rows.client,
		inserts: (_me, who) => [{ client_id: id(), user_id: who === 'anon' ? null : a.people[who].userId, last_seq: 0 }],
		updates: [`last_seq = last_seq`]
	},
	sync_ledger: {
		sample: () => `${rows.client}`,
		inserts: (_me, who) => [
			{ client_id: rows.client, seq: 99, user_id: who === 'anon' ? null : a.people[who].userId, status: 'applied' }
		],
		updates: [`code = 'x'`]
	},
	sync_conflicts: {
		sample: () => rows.conflict,
		inserts: (me, who) => [
			{
				table_name: 'deficits',
				row_id: rows.deficit,
				field: 'status',
				profile_id: me,
				user_id: who === 'anon' ? null : a.people[who].userId
			}
		],
		updates: [`field = 'x'`]
	},
	region_settings: {
		sample: () => a.region,
		inserts: () => [{ region_id: rows.otherRegion, growth_threshold: 0.3 }],
		updates: [`growth_threshold = 0.3`, `staff_reference = '09-15'`]
	},
	audit_log: {
		sample: () => rows.audit,
		inserts: (me) => [{ action: 'grant', profile_id: me, role: 'admin' }],
		updates: [`role = 'admin'`]
	},
	erasure_requests: {
		sample: () => rows.erasure,
		inserts: () => [{ id: id(), profile_id: owner() }],
		updates: [`status = 'withdrawn'`]
	}
};

const KEY: Record<string, string> = {
	sync_clients: 'client_id',
	sync_ledger: 'client_id',
	region_settings: 'region_id'
};

beforeAll(async () => {
	db = await freshDatabase();
	a = await createActors(db.pool);
	const owned = await createOwnerRows(db.pool, a);
	const client = id();
	await insertRow(db.pool, 'sync_clients', { client_id: client, user_id: a.people.owner.userId, last_seq: 1 });
	await insertRow(db.pool, 'sync_ledger', {
		client_id: client,
		seq: 1,
		user_id: a.people.owner.userId,
		status: 'applied'
	});
	const conflict = id();
	await insertRow(db.pool, 'sync_conflicts', {
		id: conflict,
		table_name: 'deficits',
		row_id: owned.deficit,
		field: 'status',
		base: 'identified',
		overwritten: 'in_progress',
		value: 'overcome',
		overwritten_by: a.people.mentor.profileId,
		profile_id: owner(),
		user_id: a.people.owner.userId
	});
	const recommendation = id();
	await insertRow(db.pool, 'recommendations', {
		id: recommendation,
		author_id: a.people.methodist.profileId,
		organization_id: a.school,
		teacher_id: owner(),
		body: 'Разобрать урок с наставником'
	});
	const target = id();
	await insertRow(db.pool, 'indicator_targets', {
		id: target,
		organization_id: a.school,
		academic_year: 2026,
		code: 'IOM',
		value: 0.5
	});
	// A draft version of the default framework: what the admin edits before publishing it.
	const draft = id();
	await db.pool.query(
		`insert into public.frameworks (id, code, revision, title, scale, competencies, status, academic_year)
		 select $1, code, revision + 1, title, scale, competencies, 'draft', 2027 from public.frameworks where id = $2`,
		[draft, DEFAULT_FRAMEWORK_ID]
	);
	const otherRegion = id();
	await insertRow(
		db.pool,
		'organizations',
		build.organization({ id: otherRegion, kind: 'region', name: 'Другая область' })
	);
	await insertRow(db.pool, 'region_settings', { region_id: a.region });
	const audit = (await db.pool.query(`select min(id)::text as id from public.audit_log`)).rows[0].id as string;
	const erasure = id();
	await insertRow(db.pool, 'erasure_requests', { id: erasure, profile_id: owner() });
	rows = {
		...owned,
		organization: a.school,
		profile: owner(),
		framework: draft,
		otherRegion,
		audit,
		erasure,
		pair: a.activePair,
		client,
		conflict,
		recommendation,
		target
	};
});
afterAll(() => db?.drop());

async function cell(table: string, who: Who): Promise<string> {
	const ops = OPS[table]!;
	const userId = who === 'anon' ? null : a.people[who].userId;
	const me = who === 'anon' ? null : a.people[who].profileId;
	const key = KEY[table] ?? 'id';
	const sample = ops.sample();
	let result = '';

	const selected = await attempt(db.pool, userId, `select 1 from public.${table} where ${key} = $1`, [sample], {
		rollback: true
	});
	if (selected.ok && selected.rowCount > 0) result += 'S';

	for (const row of ops.inserts(me, who)) {
		const cols = Object.keys(row).map((c) => `"${c}"`);
		const sql = `insert into public.${table} (${cols.join(', ')}) select ${cols.map((c) => `r.${c}`).join(', ')} from jsonb_populate_record(null::public.${table}, $1) r`;
		const inserted = await attempt(db.pool, userId, sql, [JSON.stringify(row)], { rollback: true });
		if (inserted.ok && inserted.rowCount === 1) {
			result += 'I';
			break;
		}
	}

	for (const set of ops.updates) {
		const updated = await attempt(
			db.pool,
			userId,
			`update public.${table} set ${set} where ${key} = $1 and $2::uuid is not distinct from $2::uuid`,
			[sample, me],
			{
				rollback: true
			}
		);
		if (updated.ok && updated.rowCount > 0) {
			result += 'U';
			break;
		}
	}

	const deleted = await attempt(db.pool, userId, `delete from public.${table} where ${key} = $1`, [sample], {
		rollback: true
	});
	if (deleted.ok && deleted.rowCount > 0) result += 'D';
	return result;
}

describe('row-level security matrix', () => {
	for (const table of Object.keys(EXPECTED)) {
		it(`${table}: each person may do exactly what DOMAIN.md allows`, async () => {
			const actual = {} as Record<Who, string>;
			for (const who of WHO) actual[who] = await cell(table, who);
			expect(actual).toEqual(EXPECTED[table]);
		});
	}

	it('the sample rows exist, so a denial is the policy and not a missing row', async () => {
		for (const table of Object.keys(OPS)) {
			const { rowCount } = await db.pool.query(`select 1 from public.${table} where ${KEY[table] ?? 'id'} = $1`, [
				OPS[table]!.sample()
			]);
			expect(rowCount, table).toBeGreaterThan(0);
		}
	});
});

/**
 * Attacks a reviewer reproduced against earlier versions of the policies. Each is tried straight
 * through SQL (as PostgREST would run it) and rolled back.
 */
describe('who a school methodist may pair and edit', () => {
	const methodist = () => a.people.methodist;
	const insertSql = (table: string, row: Record<string, unknown>) => {
		const cols = Object.keys(row).map((c) => `"${c}"`);
		return `insert into public.${table} (${cols.join(', ')}) select ${cols.map((c) => `r.${c}`).join(', ')} from jsonb_populate_record(null::public.${table}, $1) r`;
	};
	const tryInsert = (userId: string, table: string, row: Record<string, unknown>) =>
		attempt(db.pool, userId, insertSql(table, row), [JSON.stringify(row)], { rollback: true });
	const tryUpdate = (userId: string, sql: string, params: unknown[]) =>
		attempt(db.pool, userId, sql, params, { rollback: true });

	/** A person made as the superuser: profile (+ memberships), signed up unless `invited`. */
	async function person(
		school: string | null,
		roles: [string, string][],
		options: { invited?: boolean } = {}
	): Promise<{ profileId: string; userId: string | null; email: string }> {
		const profileId = id();
		const email = `extra.${profileId.slice(0, 8)}@example.test`;
		await insertRow(db.pool, 'profiles', build.profile({ id: profileId, email, school_id: school }));
		for (const [role, org] of roles)
			await insertRow(db.pool, 'memberships', build.membership({ profile_id: profileId, organization_id: org, role }));
		const userId = options.invited ? null : await signUp(db.pool, email);
		return { profileId, userId, email };
	}

	it('refuses a pair that names a person of another school, or a tombstoned profile; the admin may pair across schools', async () => {
		const foreign = await person(a.otherSchool, [['teacher', a.otherSchool]]);
		// The methodist makes themselves the mentor of another school's teacher: the pair would open her rows.
		const self = await tryInsert(
			methodist().userId,
			'mentoring_pairs',
			build.pair({ school_id: a.school, mentor_id: methodist().profileId, mentee_id: foreign.profileId })
		);
		expect(self).toMatchObject({ ok: false, code: '42501' });
		const asMentor = await tryInsert(
			methodist().userId,
			'mentoring_pairs',
			build.pair({ school_id: a.school, mentor_id: foreign.profileId, mentee_id: owner() })
		);
		expect(asMentor).toMatchObject({ ok: false, code: '42501' });
		const gone = await person(a.school, [['teacher', a.school]]);
		await db.pool.query(`update public.profiles set deleted_at = now() where id = $1`, [gone.profileId]);
		const tombstoned = await tryInsert(
			methodist().userId,
			'mentoring_pairs',
			build.pair({ school_id: a.school, mentor_id: methodist().profileId, mentee_id: gone.profileId })
		);
		expect(tombstoned).toMatchObject({ ok: false, code: '42501' });
		// Through the sync API too.
		const pushed = await attempt(
			db.pool,
			methodist().userId,
			`select public.sync_push($1::uuid, $2::jsonb) as r`,
			[
				id(),
				JSON.stringify([
					{
						seq: 1,
						mutation_id: id(),
						table: 'mentoring_pairs',
						row_id: id(),
						op: 'upsert',
						fields: {
							...build.pair({ school_id: a.school, mentor_id: methodist().profileId, mentee_id: foreign.profileId }),
							id: undefined
						},
						base: {}
					}
				])
			],
			{ rollback: true }
		);
		expect(pushed.rows[0]!.r).toMatchObject({ results: [{ seq: 1, status: 'rejected', code: 'forbidden' }] });
		// The foreign teacher's rows stay out of reach.
		const rows = await attempt(db.pool, methodist().userId, `select 1 from public.profiles where id = $1`, [
			foreign.profileId
		]);
		expect(rows.rowCount).toBe(0);

		const byAdmin = await tryInsert(
			a.people.admin.userId,
			'mentoring_pairs',
			build.pair({ school_id: a.school, mentor_id: a.people.mentor.profileId, mentee_id: foreign.profileId })
		);
		expect(byAdmin).toMatchObject({ ok: true, rowCount: 1 });
	});

	it('lets the methodist end a pair whose mentee has left the school, but not make it active again', async () => {
		const leaver = await person(a.school, [['teacher', a.school]]);
		const pair = id();
		await insertRow(
			db.pool,
			'mentoring_pairs',
			build.pair({ id: pair, school_id: a.school, mentor_id: a.people.mentor.profileId, mentee_id: leaver.profileId })
		);
		await db.pool.query(`update public.profiles set school_id = $2 where id = $1`, [leaver.profileId, a.otherSchool]);
		const ended = await tryUpdate(
			methodist().userId,
			`update public.mentoring_pairs set status = 'terminated', end_date = current_date where id = $1`,
			[pair]
		);
		expect(ended).toMatchObject({ ok: true, rowCount: 1 });
		const goals = await tryUpdate(
			methodist().userId,
			`update public.mentoring_pairs set goals = 'Другие' where id = $1`,
			[pair]
		);
		expect(goals).toMatchObject({ ok: false, code: '42501' });
	});

	it('grants a membership only to a person of the school', async () => {
		const foreign = await person(a.otherSchool, [['teacher', a.otherSchool]]);
		const refused = await tryInsert(
			methodist().userId,
			'memberships',
			build.membership({ profile_id: foreign.profileId, organization_id: a.school, role: 'mentor' })
		);
		expect(refused).toMatchObject({ ok: false, code: '42501' });
		const methodistRole = await tryInsert(
			methodist().userId,
			'memberships',
			build.membership({
				profile_id: a.people.colleague.profileId,
				organization_id: a.school,
				role: 'school_methodist'
			})
		);
		expect(methodistRole).toMatchObject({ ok: false, code: '42501' });
		const granted = await tryInsert(
			methodist().userId,
			'memberships',
			build.membership({ profile_id: a.people.colleague.profileId, organization_id: a.school, role: 'mentor' })
		);
		expect(granted).toMatchObject({ ok: true, rowCount: 1 });
	});

	it('refuses to take over a fellow methodist’s or an administrator’s invitation by changing its e-mail', async () => {
		const fellow = await person(a.school, [['school_methodist', a.school]], { invited: true });
		const schoolAdmin = await person(a.school, [['admin', a.region]], { invited: true });
		for (const target of [fellow, schoolAdmin]) {
			const hijack = await tryUpdate(
				methodist().userId,
				`update public.profiles set email = 'mine@example.test' where id = $1`,
				[target.profileId]
			);
			expect(hijack, target.email).toMatchObject({ ok: false, code: '42501' });
			const renamed = await tryUpdate(
				methodist().userId,
				`update public.profiles set full_name = 'Другое имя' where id = $1`,
				[target.profileId]
			);
			expect(renamed, target.email).toMatchObject({ ok: false, code: '42501' });
		}
		// A teacher's invitation is the methodist's to correct while nobody has signed up with it.
		const invitedTeacher = await person(a.school, [['teacher', a.school]], { invited: true });
		const fixed = await tryUpdate(
			methodist().userId,
			`update public.profiles set email = 'fixed.typo@example.test' where id = $1`,
			[invitedTeacher.profileId]
		);
		expect(fixed).toMatchObject({ ok: true, rowCount: 1 });
	});

	it('refuses a teacher moving herself to another school (her school is the methodist’s to set), and keeps her other fields hers', async () => {
		const move = await tryUpdate(a.people.owner.userId, `update public.profiles set school_id = $2 where id = $1`, [
			owner(),
			a.otherSchool
		]);
		expect(move).toMatchObject({ ok: false, code: '42501' });
		const own = await tryUpdate(
			a.people.owner.userId,
			`update public.profiles set position = 'учитель физики' where id = $1`,
			[owner()]
		);
		expect(own).toMatchObject({ ok: true, rowCount: 1 });
	});

	it('refuses to tombstone a fellow methodist or move the methodist’s own school; teachers and mentors stay editable', async () => {
		const fellow = await person(a.school, [
			['school_methodist', a.school],
			['teacher', a.school]
		]);
		const tomb = await tryUpdate(methodist().userId, `update public.profiles set deleted_at = now() where id = $1`, [
			fellow.profileId
		]);
		expect(tomb).toMatchObject({ ok: false, code: '42501' });
		const move = await tryUpdate(methodist().userId, `update public.profiles set school_id = $2 where id = $1`, [
			methodist().profileId,
			a.otherSchool
		]);
		expect(move).toMatchObject({ ok: false, code: '42501' });
		// Not even to another school where they are methodist too.
		const extra = id();
		await insertRow(
			db.pool,
			'memberships',
			build.membership({
				id: extra,
				profile_id: methodist().profileId,
				organization_id: a.otherSchool,
				role: 'school_methodist'
			})
		);
		try {
			const second = await tryUpdate(methodist().userId, `update public.profiles set school_id = $2 where id = $1`, [
				methodist().profileId,
				a.otherSchool
			]);
			expect(second).toMatchObject({ ok: false, code: '42501' });
			expect(second.message).toMatch(/may not change school_id/);
		} finally {
			await db.pool.query(`update public.memberships set deleted_at = now() where id = $1`, [extra]);
		}
		const ownName = await tryUpdate(
			methodist().userId,
			`update public.profiles set position = 'заместитель директора по УВР' where id = $1`,
			[methodist().profileId]
		);
		expect(ownName).toMatchObject({ ok: true, rowCount: 1 });
		for (const teacher of [a.people.owner, a.people.mentor]) {
			const edited = await tryUpdate(
				methodist().userId,
				`update public.profiles set position = 'учитель физики' where id = $1`,
				[teacher.profileId]
			);
			expect(edited, teacher.email).toMatchObject({ ok: true, rowCount: 1 });
		}
		const tombTeacher = await tryUpdate(
			methodist().userId,
			`update public.profiles set deleted_at = now() where id = $1`,
			[a.people.colleague.profileId]
		);
		expect(tombTeacher).toMatchObject({ ok: true, rowCount: 1 });
	});

	it('fixes the e-mail of a signed-up person for everyone: the methodist, the person, the admin', async () => {
		for (const who of [methodist(), a.people.owner, a.people.admin]) {
			const changed = await tryUpdate(
				who.userId,
				`update public.profiles set email = 'other.address@example.test' where id = $1`,
				[owner()]
			);
			expect(changed, who.email).toMatchObject({ ok: false, code: '42501' });
		}
		const same = await tryUpdate(
			a.people.owner.userId,
			`update public.profiles set email = email, position = 'учитель' where id = $1`,
			[owner()]
		);
		expect(same).toMatchObject({ ok: true, rowCount: 1 });
	});
});
