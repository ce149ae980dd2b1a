/**
 * The migrations as the Supabase CLI would run them: in file-name order on a clean database
 * (here after the shim that stands in for what Supabase provides), then seed.sql.
 */
import { randomUUID } from 'node:crypto';
import { basename, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { applyFiles, migrationFiles, withDatabase } from './global-setup';
import { attempt } from './cluster';

const server = inject('databaseUrl');
const name = `m_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
const url = withDatabase(server, name);
let pool: pg.Pool;

async function admin(sql: string): Promise<void> {
	const client = new pg.Client({ connectionString: server });
	await client.connect();
	try {
		await client.query(sql);
	} finally {
		await client.end();
	}
}

beforeAll(async () => {
	await admin(`create database ${name}`);
	pool = new pg.Pool({ connectionString: url, max: 4 });
});
afterAll(async () => {
	await pool?.end();
	await admin(`drop database if exists ${name} with (force)`);
});

const SYNCED = [
	'organizations',
	'memberships',
	'profiles',
	'frameworks',
	'assessments',
	'deficits',
	'development_plans',
	'plan_actions',
	'activities',
	'mentoring_pairs',
	'mentoring_sessions',
	'observations',
	'comments',
	'indicator_targets',
	'recommendations'
];

describe('migrations', () => {
	it('are named so that file-name order is the intended order, one concern each', () => {
		const names = migrationFiles().map((f) => basename(f));
		expect(names).toEqual([
			'20261122000100_schema.sql',
			'20261122000200_rls.sql',
			'20261122000300_invitations.sql',
			'20261122000400_sync.sql',
			'20261122000500_default_framework.sql',
			'20261122000600_reports_scope.sql',
			'20261122000700_indicators.sql',
			'20261122000800_competence_reports.sql',
			'20261122000900_staff_import.sql',
			'20261122001000_recommendations.sql',
			'20261122001100_report_stages.sql',
			'20261122001200_recommendation_created.sql',
			'20261207000100_sync_partitions.sql',
			...(names.includes('20261207000200_sync_push.sql') ? ['20261207000200_sync_push.sql'] : []),
			...(names.includes('20261207000300_dates_ages_zones.sql') ? ['20261207000300_dates_ages_zones.sql'] : []),
			'20261207000400_staff_import_municipal.sql',
			...(names.includes('20261207000500_edits_and_meeting_links.sql')
				? ['20261207000500_edits_and_meeting_links.sql']
				: []),
			'20261207000600_reject_volatile.sql',
			'20261207000700_disclosure_control.sql',
			'20261207000750_indicator_counts_linear.sql',
			'20261207000800_admin_console.sql',
			'20261207000900_plan_approval.sql',
			'20261207001000_methodist_visits.sql',
			...(names.includes('20261207001100_evidence_storage.sql') ? ['20261207001100_evidence_storage.sql'] : []),
			'20261207001200_data_rights.sql'
		]);
	});

	it('apply in order to a clean PostgreSQL 15 after the shim, and the shim may run twice', async () => {
		const shim = resolve('tests/db/supabase-shim.sql');
		await applyFiles(url, [shim, shim, ...migrationFiles()]);
		const { rows } = await pool.query(
			`select c.relname, c.relrowsecurity from pg_class c join pg_namespace n on n.oid = c.relnamespace
			 where n.nspname = 'public' and c.relkind = 'r' order by c.relname`
		);
		expect(rows.map((r) => r.relname)).toEqual(
			[
				...SYNCED,
				'audit_log',
				'erasure_requests',
				'region_settings',
				'sync_clients',
				'sync_conflicts',
				'sync_ledger'
			].sort()
		);
		expect(rows.filter((r) => !r.relrowsecurity)).toEqual([]);
	});

	it('give every synced table the meta columns, a stamp trigger and an index that ends in (sync_txid, id) for the pull', async () => {
		for (const table of SYNCED) {
			const cols = await pool.query(
				`select column_name, data_type from information_schema.columns where table_schema = 'public' and table_name = $1`,
				[table]
			);
			const types = Object.fromEntries(cols.rows.map((r) => [r.column_name, r.data_type]));
			expect(types, table).toMatchObject({
				id: 'uuid',
				version: 'integer',
				updated_at: 'timestamp with time zone',
				updated_by: 'uuid',
				deleted_at: 'timestamp with time zone',
				sync_txid: 'xid8'
			});
			const idx = await pool.query(`select indexdef from pg_indexes where schemaname = 'public' and tablename = $1`, [
				table
			]);
			expect(idx.rows.map((r) => r.indexdef).join('\n'), table).toMatch(/[(, ]sync_txid, id\)/);
		}
	});

	it('write policies for authenticated only, grant anon nothing, and never grant DELETE or TRUNCATE', async () => {
		const policies = await pool.query(
			`select tablename, policyname, roles::text[] as roles, cmd from pg_policies where schemaname = 'public'`
		);
		expect(policies.rows.filter((p) => p.roles.join() !== 'authenticated')).toEqual([]);
		expect(policies.rows.filter((p) => p.cmd === 'DELETE' || p.cmd === 'ALL')).toEqual([]);
		const grants = await pool.query(
			`select table_name, grantee, privilege_type from information_schema.role_table_grants
			 where table_schema = 'public' and (grantee = 'anon' or (grantee = 'authenticated' and privilege_type in ('DELETE', 'TRUNCATE')))`
		);
		expect(grants.rows).toEqual([]);
	});

	it('pin search_path on every function they define, and keep elevated helpers out of reach of anon', async () => {
		const { rows } = await pool.query(
			`select n.nspname || '.' || p.proname as fn, p.proconfig, p.prosecdef,
			        has_function_privilege('anon', p.oid, 'execute') as anon_can, has_function_privilege('public', p.oid, 'execute') as public_can
			 from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname in ('public', 'private')`
		);
		expect(rows.length).toBeGreaterThan(20);
		// Rules inlined into CHECK constraints may not carry a SET clause (it forbids inlining); their
		// bodies name every function, operator and type by schema instead.
		const inlined = [
			'private.is_blank',
			'private.is_plausible_date',
			'private.is_plausible_instant',
			// Ages and стаж in the report queries (20261207000300_dates_ages_zones.sql).
			'private.full_years',
			'private.experience_on',
			'private.age_on',
			'private.is_young_in',
			// ФИО as the staff import compares it, in an index and per row (20261207000400_staff_import_municipal.sql).
			'private.person_key'
		];
		expect(
			rows.filter((r) => !(r.proconfig ?? []).includes('search_path=""') && !inlined.includes(r.fn)).map((r) => r.fn)
		).toEqual([]);
		// A search_path that puts other functions and operators of those names first changes nothing.
		const client = await pool.connect();
		try {
			await client.query('begin');
			await client.query(`
				create schema evil;
				create function evil.btrim(text, text) returns text language sql as 'select ''x''';
				create function evil.no(text, text) returns boolean language sql as 'select false';
				create function evil.no(date, date) returns boolean language sql as 'select false';
				create function evil.no(timestamptz, timestamptz) returns boolean language sql as 'select false';
				create operator evil.= (leftarg = text, rightarg = text, function = evil.no);
				create operator evil.>= (leftarg = date, rightarg = date, function = evil.no);
				create operator evil.<= (leftarg = date, rightarg = date, function = evil.no);
				create operator evil.>= (leftarg = timestamptz, rightarg = timestamptz, function = evil.no);
				create operator evil.< (leftarg = timestamptz, rightarg = timestamptz, function = evil.no);
				set local search_path = evil, pg_catalog;`);
			const r = await client.query(
				`select private.is_blank(' ' || chr(160)) as blank, private.is_blank('x') as not_blank,
				        private.is_plausible_date('2000-01-01') as date, private.is_plausible_instant('2000-01-01T00:00:00Z') as instant`
			);
			expect(r.rows[0]).toEqual({ blank: true, not_blank: false, date: true, instant: true });
			// The age and стаж rules, with every arithmetic operator they use shadowed too.
			await client.query(`
				create function evil.zero_i(integer, integer) returns integer language sql as 'select 0';
				create function evil.zero_d(double precision, double precision) returns double precision language sql as 'select 0::double precision';
				create function evil.no_d(double precision, double precision) returns boolean language sql as 'select false';
				create function evil.no_i(integer, integer) returns boolean language sql as 'select false';
				create operator evil.- (leftarg = integer, rightarg = integer, function = evil.zero_i);
				create operator evil.+ (leftarg = integer, rightarg = integer, function = evil.zero_i);
				create operator evil.* (leftarg = double precision, rightarg = double precision, function = evil.zero_d);
				create operator evil.+ (leftarg = double precision, rightarg = double precision, function = evil.zero_d);
				create operator evil.- (leftarg = double precision, rightarg = double precision, function = evil.zero_d);
				create operator evil.>= (leftarg = double precision, rightarg = double precision, function = evil.no_d);
				create operator evil.= (leftarg = double precision, rightarg = double precision, function = evil.no_d);
				create operator evil.< (leftarg = integer, rightarg = integer, function = evil.no_i);
				create operator evil.>= (leftarg = integer, rightarg = integer, function = evil.no_i);`);
			const ages = await client.query(
				`select private.full_years('2000-02-29', '2025-02-28') as leap, private.age_on(null, 2001, '2027-01-01') as age,
				        private.experience_on(2, '2022-09-01', '2027-01-01') as years, private.is_young_in(0, '2027-02-01', 2026) as young`
			);
			expect(ages.rows[0]).toEqual({ leap: 25, age: 25, years: 6, young: true });
		} finally {
			await client.query('rollback');
			client.release();
		}
		expect(rows.filter((r) => r.anon_can || r.public_can).map((r) => r.fn)).toEqual([]);
		const definers = rows.filter((r) => r.prosecdef).map((r) => r.fn);
		expect(definers.filter((fn) => !fn.startsWith('private.'))).toEqual([]);
		expect(rows.filter((r) => r.fn.startsWith('public.sync_')).map((r) => [r.fn, r.prosecdef])).toEqual(
			expect.arrayContaining([
				['public.sync_push', false],
				['public.sync_pull', false]
			])
		);
	});

	it('then take seed.sql: demo organisations, invited users linked to their profiles, one of every role', async () => {
		await applyFiles(url, [resolve('supabase/seed.sql')]);
		const schools = await pool.query(
			`select name, low_results from public.organizations where kind = 'school' order by name`
		);
		expect(schools.rowCount).toBeGreaterThanOrEqual(2);
		expect(schools.rows.some((s) => s.low_results)).toBe(true);
		const roles = await pool.query(`select distinct role from public.memberships order by role`);
		expect(roles.rows.map((r) => r.role)).toEqual([
			'admin',
			'mentor',
			'municipal_methodist',
			'school_methodist',
			'teacher'
		]);
		const linked = await pool.query(
			`select count(*)::int as n from auth.users u join public.profiles p on p.user_id = u.id
			 where u.encrypted_password = extensions.crypt('password', u.encrypted_password)`
		);
		expect(linked.rows[0].n).toBe(6);
		const teacher = await pool.query(`select id from auth.users where email = 'teacher@demo.test'`);
		const pulled = await attempt(pool, teacher.rows[0].id, `select public.sync_pull(null, 500) as r`);
		expect((pulled.rows[0]!.r as { scope: { teacher_ids: string[] } }).scope.teacher_ids).toHaveLength(1);
	});

	it('admit a sign-up only by invitation, link it case-insensitively, and bootstrap the first administrator', async () => {
		const uninvited = pool.query(
			`insert into auth.users (id, email, email_confirmed_at) values (gen_random_uuid(), 'stranger@example.test', now())`
		);
		await expect(uninvited).rejects.toMatchObject({ code: '42501' });
		await pool.query(
			`insert into public.profiles (id, full_name, email, birth_year) values (gen_random_uuid(), 'Приглашённая', 'Invited.Person@Example.test', 1990)`
		);
		const user = await pool.query(
			`insert into auth.users (id, email, email_confirmed_at) values (gen_random_uuid(), 'invited.person@example.test', now()) returning id`
		);
		const profile = await pool.query(`select user_id from public.profiles where email = 'Invited.Person@Example.test'`);
		expect(profile.rows[0].user_id).toBe(user.rows[0].id);

		const first = await pool.query(
			`select private.bootstrap_admin('Chief@Example.test', 'Главный администратор') as id`
		);
		const again = await pool.query(
			`select private.bootstrap_admin('chief@example.test', 'Главный администратор') as id`
		);
		expect(again.rows[0].id).toBe(first.rows[0].id);
		const admins = await pool.query(
			`select count(*)::int as n from public.memberships where profile_id = $1 and role = 'admin'`,
			[first.rows[0].id]
		);
		expect(admins.rows[0].n).toBe(1);
		const chief = await pool.query(
			`insert into auth.users (id, email, email_confirmed_at) values (gen_random_uuid(), 'chief@example.test', now()) returning id`
		);
		const isAdmin = await attempt(pool, chief.rows[0].id, `select private.is_admin() as yes`);
		expect(isAdmin.rows[0]).toEqual({ yes: true });
		const byUser = await attempt(pool, chief.rows[0].id, `select private.bootstrap_admin('x@example.test', 'X')`);
		expect(byUser).toMatchObject({ ok: false, code: '42501' });
	});

	it('link an invitation only once the e-mail is confirmed (magic link / confirmation letter)', async () => {
		const email = `late.${randomUUID().slice(0, 8)}@example.test`;
		const profile = await pool.query(
			`insert into public.profiles (id, full_name, email, birth_year) values (gen_random_uuid(), 'Неподтверждённая', $1, 1990) returning id`,
			[email]
		);
		const linked = async () =>
			(await pool.query(`select user_id from public.profiles where id = $1`, [profile.rows[0].id])).rows[0].user_id;
		// Signed up but not confirmed: whoever typed the address has proven nothing yet.
		const user = await pool.query(`insert into auth.users (id, email) values (gen_random_uuid(), $1) returning id`, [
			email
		]);
		expect(await linked()).toBeNull();
		await pool.query(`update auth.users set last_sign_in_at = now() where id = $1`, [user.rows[0].id]);
		expect(await linked()).toBeNull();
		await pool.query(`update auth.users set email_confirmed_at = now() where id = $1`, [user.rows[0].id]);
		expect(await linked()).toBe(user.rows[0].id);
		// Confirming again (a second letter) changes nothing and fails nothing.
		await pool.query(`update auth.users set email_confirmed_at = now() where id = $1`, [user.rows[0].id]);
		expect(await linked()).toBe(user.rows[0].id);

		// bootstrap_admin does not hand the administrator's profile to an unconfirmed account either.
		const chiefEmail = `chief.${randomUUID().slice(0, 8)}@example.test`;
		await pool.query(
			`insert into public.profiles (id, full_name, email, birth_year) values (gen_random_uuid(), 'Шеф', $1, 1970)`,
			[chiefEmail]
		);
		const early = await pool.query(`insert into auth.users (id, email) values (gen_random_uuid(), $1) returning id`, [
			chiefEmail
		]);
		const admin = await pool.query(`select private.bootstrap_admin($1, 'Шеф') as id`, [chiefEmail]);
		expect(
			(await pool.query(`select user_id from public.profiles where id = $1`, [admin.rows[0].id])).rows[0].user_id
		).toBeNull();
		await pool.query(`update auth.users set email_confirmed_at = now() where id = $1`, [early.rows[0].id]);
		expect(
			(await pool.query(`select user_id from public.profiles where id = $1`, [admin.rows[0].id])).rows[0].user_id
		).toBe(early.rows[0].id);
	});
});
