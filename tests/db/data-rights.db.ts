/**
 * A person's rights over her data (issue 17 item 6, supabase/migrations/20261207001200_data_rights.sql):
 * the export holds exactly the rows naming the caller; an erasure request is hers alone to make or
 * withdraw and an administrator's alone to carry out; after it no public row names her, her
 * account is gone, the audit log says so, and the reports count what they counted before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { generateMunicipality, insertDataset, type Dataset } from './report-data';

type Who = ActorName | 'anon';
const WHO: Who[] = [...ACTOR_NAMES, 'anon'];

let db: TestDatabase;
let a: Actors;
let rows: OwnerRows;
/** The colleague's own self-assessment: never in anyone else's export. */
let colleagueAssessment: string;
/** The mentor's observation of the colleague that mentions the owner by name. */
let mentionObservation: string;
const hasStorage = { value: false };

const userOf = (who: Who): string | null => (who === 'anon' ? null : a.people[who].userId);
const sql = (who: Who, text: string, params: unknown[] = [], options: { commit?: boolean } = {}) =>
	attempt(db.pool, userOf(who), text, params, { rollback: !options.commit });

async function exportOf(
	who: Who
): Promise<{ profile_id: string; tables: Record<string, Record<string, unknown>[]>; files: string[] }> {
	const r = await sql(who, 'select public.my_data_export() as x');
	expect(r.ok, r.message).toBe(true);
	return r.rows[0]!.x as { profile_id: string; tables: Record<string, Record<string, unknown>[]>; files: string[] };
}

const idsIn = (x: { tables: Record<string, Record<string, unknown>[]> }, table: string): string[] =>
	(x.tables[table] ?? []).map((r) => r.id as string);

/** Rows of every public table whose text contains `needle` (case-insensitively), by table. */
async function tablesContaining(needle: string): Promise<Record<string, number>> {
	const { rows: tables } = await db.pool.query(
		`select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
		 where n.nspname = 'public' and c.relkind = 'r' order by 1`
	);
	const found: Record<string, number> = {};
	for (const { relname } of tables) {
		const { rows: r } = await db.pool.query(
			`select count(*)::int as n from public.${relname} t where strpos(lower(t::text), lower($1)) > 0`,
			[needle]
		);
		if (r[0].n > 0) found[relname] = r[0].n;
	}
	return found;
}

/** An object of the bucket 'evidence', written as the Storage API would (as the superuser here). */
async function putObject(name: string): Promise<void> {
	await db.pool.query(
		`insert into storage.objects (bucket_id, name, metadata) values ('evidence', $1, '{"size": 10, "mimetype": "image/jpeg"}')`,
		[name]
	);
}

beforeAll(async () => {
	db = await freshDatabase();
	a = await createActors(db.pool);
	rows = await createOwnerRows(db.pool, a);
	colleagueAssessment = id();
	await insertRow(
		db.pool,
		'assessments',
		build.assessment({ id: colleagueAssessment, teacher_id: a.people.colleague.profileId })
	);
	mentionObservation = id();
	await insertRow(
		db.pool,
		'observations',
		build.observation({
			id: mentionObservation,
			observer_id: a.people.mentor.profileId,
			teacher_id: a.people.colleague.profileId,
			notes: `Урок вместе с Actor owner (${a.people.owner.email})`
		})
	);
	// A recommendation to the owner and one comment on her deficit by her mentor.
	await insertRow(db.pool, 'recommendations', {
		id: id(),
		author_id: a.people.methodist.profileId,
		organization_id: a.school,
		teacher_id: a.people.owner.profileId,
		body: 'Посетить семинар'
	});
	await insertRow(
		db.pool,
		'comments',
		build.comment({ target_table: 'deficits', target_id: rows.deficit, author_id: a.people.mentor.profileId })
	);
	const { rows: s } = await db.pool.query(`select to_regclass('storage.objects') is not null as ok`);
	hasStorage.value = s[0].ok;
	if (hasStorage.value) {
		await db.pool.query(
			`insert into storage.buckets (id, name) values ('evidence', 'evidence') on conflict do nothing`
		);
		await putObject(`${a.people.owner.profileId}/plan_actions/${rows.action}/${id()}`);
		await putObject(`${a.people.colleague.profileId}/activities/${id()}/${id()}`);
	}
});
afterAll(() => db?.drop());

describe('my_data_export', () => {
	it('holds the caller’s own rows of every table, and nobody else’s', async () => {
		const x = await exportOf('owner');
		expect(x.profile_id).toBe(a.people.owner.profileId);
		expect(idsIn(x, 'profiles')).toEqual([a.people.owner.profileId]);
		expect(idsIn(x, 'assessments')).toEqual([rows.assessment]);
		expect(idsIn(x, 'deficits')).toEqual([rows.deficit]);
		expect(idsIn(x, 'development_plans')).toEqual([rows.plan]);
		expect(idsIn(x, 'plan_actions')).toEqual([rows.action]);
		expect(idsIn(x, 'activities')).toEqual([rows.activity]);
		expect(idsIn(x, 'mentoring_sessions')).toEqual([rows.session]);
		expect(idsIn(x, 'observations')).toEqual([rows.observation]);
		expect(idsIn(x, 'mentoring_pairs').sort()).toEqual([a.activePair, a.endedPair].sort());
		expect(idsIn(x, 'memberships')).toEqual([rows.membership]);
		expect(idsIn(x, 'recommendations')).toHaveLength(1);
		// Her own comment and her mentor's comment on her deficit.
		expect(idsIn(x, 'comments')).toHaveLength(2);
		expect(idsIn(x, 'comments')).toContain(rows.comment);
		const text = JSON.stringify(x);
		expect(text).not.toContain(colleagueAssessment);
		expect(text).not.toContain(mentionObservation);
		expect(text).not.toContain(a.people.colleague.profileId);
		expect(text).not.toContain('sync_txid');
		// The shim has Supabase's storage schema and the bucket (20261207001100_evidence_storage.sql).
		expect(hasStorage.value).toBe(true);
		if (hasStorage.value) {
			expect(x.files).toHaveLength(1);
			expect(x.files[0]).toMatch(new RegExp(`^${a.people.owner.profileId}/plan_actions/${rows.action}/`));
		}
	});

	it('gives a mentor her own rows (the pair, her sessions and observations), not her mentee’s answers', async () => {
		const x = await exportOf('mentor');
		expect(idsIn(x, 'profiles')).toEqual([a.people.mentor.profileId]);
		expect(idsIn(x, 'mentoring_pairs')).toEqual([a.activePair]);
		expect(idsIn(x, 'mentoring_sessions')).toEqual([rows.session]);
		expect(idsIn(x, 'observations').sort()).toEqual([rows.observation, mentionObservation].sort());
		expect(x.tables.assessments).toBeUndefined();
		expect(x.tables.deficits).toBeUndefined();
		expect(x.tables.plan_actions).toBeUndefined();
		expect(JSON.stringify(x)).not.toContain(rows.assessment);
		expect(x.files).toEqual([]);
	});

	it('answers nobody who is not signed in', async () => {
		const r = await sql('anon', 'select public.my_data_export() as x');
		expect(r.ok).toBe(false);
	});
});

// prettier-ignore
/** RLS-matrix cells for the integrator (tests/db/rls-matrix.db.ts format): the sample is the owner's waiting request. */
const EXPECTED: Record<string, Record<Who, string>> = {
	erasure_requests:   { owner: 'SIU', colleague: '',  mentor: '',    formerMentor: '',  methodist: '',    otherMethodist: '',  municipalMethodist: '',  admin: 'S',   anon: '' }
};

describe('erasure requests', () => {
	let sample: string;
	beforeAll(async () => {
		sample = id();
		await db.pool.query(`insert into public.erasure_requests (id, profile_id) values ($1, $2)`, [
			sample,
			a.people.owner.profileId
		]);
	});

	it('row-level security: only the person asks for and withdraws her own; administrators read all', async () => {
		const actual = {} as Record<Who, string>;
		for (const who of WHO) {
			let cell = '';
			const selected = await sql(who, `select 1 from public.erasure_requests where id = $1`, [sample]);
			if (selected.ok && selected.rowCount > 0) cell += 'S';
			const inserted = await sql(who, `insert into public.erasure_requests (id, profile_id) values ($1, $2)`, [
				id(),
				a.people.owner.profileId
			]);
			if (inserted.ok && inserted.rowCount === 1) cell += 'I';
			const updated = await sql(who, `update public.erasure_requests set status = 'withdrawn' where id = $1`, [sample]);
			if (updated.ok && updated.rowCount > 0) cell += 'U';
			const deleted = await sql(who, `delete from public.erasure_requests where id = $1`, [sample]);
			if (deleted.ok && deleted.rowCount > 0) cell += 'D';
			actual[who] = cell;
		}
		expect(actual).toEqual(EXPECTED.erasure_requests);
	});

	it('lets nobody mark a request done or change whose it is by hand, the person and the admin included', async () => {
		for (const who of ['owner', 'admin'] as const) {
			expect(
				(await sql(who, `update public.erasure_requests set status = 'done' where id = $1`, [sample])).rowCount
			).toBe(0);
			const moved = await sql(who, `update public.erasure_requests set profile_id = $2 where id = $1`, [
				sample,
				a.people.colleague.profileId
			]);
			expect(moved.ok).toBe(false);
			const stamped = await sql(who, `update public.erasure_requests set carried_out_at = now() where id = $1`, [
				sample
			]);
			expect(stamped.ok).toBe(false);
		}
	});

	it('lets only an administrator list requests, see the files left and carry one out', async () => {
		for (const who of ['owner', 'methodist', 'municipalMethodist', 'mentor'] as const) {
			expect((await sql(who, 'select * from public.erasure_request_list()')).code).toBe('42501');
			expect((await sql(who, 'select public.erasure_files($1)', [sample])).code).toBe('42501');
			expect((await sql(who, 'select public.carry_out_erasure($1)', [sample])).code).toBe('42501');
		}
		const list = await sql('admin', 'select * from public.erasure_request_list()');
		expect(list.rows).toEqual([
			expect.objectContaining({
				id: sample,
				full_name: 'Actor owner',
				email: a.people.owner.email,
				school_name: 'Школа № 1',
				status: 'requested',
				files: hasStorage.value ? 1 : 0
			})
		]);
	});

	it('refuses to carry out while the person’s files remain in storage (none without the Storage schema)', async () => {
		const files = await sql('admin', 'select public.erasure_files($1) as f', [sample]);
		expect(files.rows[0]!.f).toHaveLength(hasStorage.value ? 1 : 0);
		if (hasStorage.value) {
			const r = await sql('admin', 'select public.carry_out_erasure($1)', [sample]);
			expect(r.code).toBe('P0001');
			expect(r.message).toMatch(/still in storage/);
		}
	});

	it('after carrying out, no public row names her, her account is gone, the audit says so and her figures stay', async () => {
		const owner = a.people.owner;
		if (hasStorage.value) {
			// As the admin's client does through the Storage API: a DELETE under the bucket's policies.
			const files = (await sql('admin', 'select public.erasure_files($1) as f', [sample])).rows[0]!.f as string[];
			const removed = await sql(
				'admin',
				`delete from storage.objects where bucket_id = 'evidence' and name = any($1) returning name`,
				[files],
				{ commit: true }
			);
			expect(removed.rows.map((r) => r.name)).toEqual(files);
		}
		const before = await tablesContaining(owner.profileId);
		expect(Object.keys(before)).toEqual(
			expect.arrayContaining(['profiles', 'assessments', 'comments', 'observations'])
		);
		expect(Object.keys(await tablesContaining('Actor owner'))).toEqual(
			expect.arrayContaining(['profiles', 'observations'])
		);

		const r = await sql('admin', 'select public.carry_out_erasure($1) as anon', [sample], { commit: true });
		expect(r.ok, r.message).toBe(true);
		const anon = r.rows[0]!.anon as string;

		expect(await tablesContaining(owner.profileId)).toEqual({});
		expect(await tablesContaining('Actor owner')).toEqual({});
		expect(await tablesContaining(owner.email)).toEqual({});
		expect((await db.pool.query(`select 1 from auth.users where id = $1`, [owner.userId])).rowCount).toBe(0);

		const { rows: p } = await db.pool.query(`select * from public.profiles where id = $1`, [anon]);
		expect(p[0]).toMatchObject({
			full_name: 'Удалённый профиль',
			email: null,
			user_id: null,
			birth_date: null,
			school_id: a.school
		});
		// What the reports count is kept, keyed to the anonymous profile; her words are not.
		const { rows: kept } = await db.pool.query(
			`select (select teacher_id from public.assessments where id = $1) as assessment,
			        (select teacher_id from public.plan_actions where id = $2) as action_teacher,
			        (select title from public.plan_actions where id = $2) as action_title,
			        (select mentee_id from public.mentoring_pairs where id = $3) as mentee,
			        (select deleted_at is not null from public.comments where id = $4) as comment_gone,
			        (select notes from public.observations where id = $5) as mention,
			        (select count(*)::int from public.memberships where profile_id = $6 and deleted_at is null and role = 'teacher') as teaching`,
			[rows.assessment, rows.action, a.activePair, rows.comment, mentionObservation, anon]
		);
		expect(kept[0]).toEqual({
			assessment: anon,
			action_teacher: anon,
			action_title: 'Удалено',
			mentee: anon,
			comment_gone: true,
			mention: 'Урок вместе с [удалено] ([удалено])',
			teaching: 1
		});

		const request = await sql('admin', 'select * from public.erasure_request_list()');
		expect(request.rows[0]).toMatchObject({
			id: sample,
			status: 'done',
			profile_id: anon,
			full_name: 'Удалённый профиль'
		});
		const { rows: audit } = await db.pool.query(`select * from public.audit_log where action = 'erase'`);
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({
			actor_profile_id: a.people.admin.profileId,
			profile_id: anon,
			organization_id: a.school,
			details: expect.objectContaining({ request_id: sample })
		});
		// The mentor's device pulls the re-keyed rows: each has a new sync_txid after the erasure.
		const pulled = await sql('mentor', `select id from public.mentoring_sessions where mentee_id = $1`, [anon]);
		expect(pulled.rows.map((x) => x.id)).toEqual([rows.session]);
		// The triggers are on again: the column rules refuse moving a row to another teacher.
		const moved = await sql('mentor', `update public.observations set teacher_id = $2 where id = $1`, [
			mentionObservation,
			a.people.formerMentor.profileId
		]);
		expect(moved.ok).toBe(false);
		// A request already done is not carried out twice.
		expect((await sql('admin', 'select public.carry_out_erasure($1)', [sample])).code).toBe('P0001');
	});
});

describe('the reports after an erasure', () => {
	let ds: Dataset;
	let municipal: string;
	let adminUser: string;
	const YEAR = 2026;

	beforeAll(async () => {
		ds = generateMunicipality({ year: YEAR, schoolSizes: [7, 6], seed: 17, regionId: a.region });
		await insertDataset(db.pool, ds);
		municipal = await signUp(db.pool, ds.municipalMethodistEmail);
		adminUser = a.people.admin.userId;
	});

	async function reports(): Promise<unknown[]> {
		const out: unknown[] = [];
		for (const org of [ds.municipality, ds.schools[0]!.id])
			for (const text of [
				'select public.report_indicators($1, $2) as r',
				'select public.report_staff_profile($1, $2) as r',
				`select public.report_competence($1, $2, 'self') as r`
			]) {
				const r = await attempt(db.pool, municipal, text, [org, YEAR], { rollback: true });
				expect(r.ok, r.message).toBe(true);
				out.push(r.rows[0]!.r);
			}
		return out;
	}

	it('count what they counted before, the municipality’s and the school’s', async () => {
		const school = ds.schools[0]!;
		// The teacher with a full birth date and most rows in the dataset, so the test moves much.
		const { rows: busiest } = await db.pool.query(
			`select p.id, p.full_name from public.profiles p where p.id = any($1) and p.birth_date is not null
			 order by (select count(*) from public.assessments x where x.teacher_id = p.id)
			        + (select count(*) from public.activities x where x.teacher_id = p.id) desc, p.full_name desc limit 1`,
			[school.teacherIds]
		);
		const person = busiest[0] as { id: string; full_name: string };
		const before = await reports();
		expect(JSON.stringify(before).length).toBeGreaterThan(500);

		const request = id();
		await db.pool.query(`insert into public.erasure_requests (id, profile_id) values ($1, $2)`, [request, person.id]);
		const r = await attempt(db.pool, adminUser, 'select public.carry_out_erasure($1)', [request]);
		expect(r.ok, r.message).toBe(true);

		expect(busiest).toHaveLength(1);
		expect(await tablesContaining(person.id)).toEqual({});
		expect(await reports()).toEqual(before);
	});
});
