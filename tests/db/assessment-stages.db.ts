/**
 * The per-teacher summaries the reports read (supabase/migrations/20261122001100_report_stages.sql):
 * private.assessment_kind_stages and private.assessment_framework_stages hold, for each teacher,
 * year and kind, the latest submitted assessment of each stage. The report tests compare figures
 * on data written once; here the trigger must follow corrections, withdrawals and drafts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FRAMEWORK } from '../../src/lib/domain/frameworks/default';
import { frameworkIndicatorIds } from '../../src/lib/domain/framework';
import { id } from './actors';
import { freshDatabase, type TestDatabase } from './cluster';

let db: TestDatabase;
const teacher = id();
const META = frameworkIndicatorIds(DEFAULT_FRAMEWORK, 'meta');

beforeAll(async () => {
	db = await freshDatabase();
	await db.pool.query(`insert into public.profiles (id, full_name, birth_year) values ($1, 'Педагог', 1980)`, [
		teacher
	]);
});
afterAll(async () => {
	await db?.drop();
});

/** Every meta indicator scored `level`. */
const metaScores = (level: number) => Object.fromEntries(META.map((i) => [i, level]));

async function write(
	stage: string,
	level: number,
	submittedAt: string | null,
	extra: { id?: string; framework?: string } = {}
): Promise<string> {
	const row = extra.id ?? id();
	await db.pool.query(
		`insert into public.assessments (id, teacher_id, framework_id, framework_version, kind, stage, academic_year, status, scores, started_at, submitted_at)
		 values ($1, $2, $3, 1, 'self', $4, 2026, $5, $6, coalesce($7::timestamptz, now()), $7)`,
		[
			row,
			teacher,
			extra.framework ?? DEFAULT_FRAMEWORK.id,
			stage,
			submittedAt ? 'submitted' : 'draft',
			JSON.stringify(metaScores(level)),
			submittedAt
		]
	);
	return row;
}

async function kindRow() {
	const r = await db.pool.query(
		`select entry_meta, intermediate_meta, final_meta, entry_framework, final_framework
		 from private.assessment_kind_stages where teacher_id = $1 and academic_year = 2026 and kind = 'self'`,
		[teacher]
	);
	return r.rows[0] ?? null;
}

async function frameworkRows() {
	const r = await db.pool.query(
		`select framework_id, entry_meta, final_meta, final_means is not null as has_final_means
		 from private.assessment_framework_stages where teacher_id = $1 and academic_year = 2026 and kind = 'self' order by framework_id`,
		[teacher]
	);
	return r.rows;
}

describe('the latest assessment of each stage, kept per teacher, year and kind', () => {
	let correction = '';

	it('appears with the first submitted assessment; a draft adds nothing', async () => {
		await write('entry', 1, null);
		expect(await kindRow()).toBeNull();
		await write('entry', 1, '2026-09-20T10:00:00Z');
		await write('final', 2, '2027-05-20T10:00:00Z');
		expect(await kindRow()).toMatchObject({ entry_meta: 1, intermediate_meta: null, final_meta: 2 });
		expect(await frameworkRows()).toEqual([
			{ framework_id: DEFAULT_FRAMEWORK.id, entry_meta: 1, final_meta: 2, has_final_means: true }
		]);
	});

	it('follows a correction (a later submission of the stage) and its withdrawal', async () => {
		correction = await write('final', 3, '2027-05-25T10:00:00Z');
		expect(await kindRow()).toMatchObject({ final_meta: 3 });
		await db.pool.query(`update public.assessments set deleted_at = now() where id = $1`, [correction]);
		expect(await kindRow()).toMatchObject({ final_meta: 2 });
	});

	it('breaks equal submission times by the greater id, as the TypeScript side does', async () => {
		const low = '00000000-0000-4000-8000-00000000aaaa';
		const high = 'ffffffff-0000-4000-8000-00000000aaaa';
		await write('intermediate', 3, '2027-01-20T10:00:00Z', { id: high });
		await write('intermediate', 0, '2027-01-20T10:00:00Z', { id: low });
		expect(await kindRow()).toMatchObject({ intermediate_meta: 3 });
	});

	it('keeps each framework apart for the competence report; the indicators take the latest of any', async () => {
		const other = id();
		await db.pool.query(
			`insert into public.frameworks (id, code, revision, title, scale, competencies)
			 select $1, code || '-2', revision + 1, title, scale, competencies from public.frameworks where id = $2`,
			[other, DEFAULT_FRAMEWORK.id]
		);
		await write('final', 1, '2027-06-01T10:00:00Z', { framework: other });
		expect(await kindRow()).toMatchObject({
			final_meta: 1,
			entry_framework: DEFAULT_FRAMEWORK.id,
			final_framework: other
		});
		const rows = await frameworkRows();
		expect(rows.find((r) => r.framework_id === DEFAULT_FRAMEWORK.id)).toMatchObject({ entry_meta: 1, final_meta: 2 });
		expect(rows.find((r) => r.framework_id === other)).toMatchObject({ entry_meta: null, final_meta: 1 });
	});

	it('is gone when the teacher has no submitted assessment of the kind left', async () => {
		await db.pool.query(
			`update public.assessments set deleted_at = now() where teacher_id = $1 and deleted_at is null`,
			[teacher]
		);
		expect(await kindRow()).toBeNull();
		expect(await frameworkRows()).toEqual([]);
	});
});

describe('private.in_scope', () => {
	it('joins the scope’s ids into each marked read for a small scope, and drops the marks for most of all teachers', async () => {
		await db.pool.query('analyze public.profiles');
		const sql = 'select 1 from public.deficits d /*in scope: d.teacher_id*/ where true';
		const small = await db.pool.query(`select private.in_scope($1, 0, 6) as q`, [sql]);
		expect(small.rows[0].q).toBe(
			'select 1 from public.deficits d join unnest($6::uuid[]) ids (id) on ids.id = d.teacher_id where true'
		);
		const profiles = Number((await db.pool.query('select count(*) from public.profiles')).rows[0].count);
		const whole = await db.pool.query(`select private.in_scope($1, $2, 6) as q`, [sql, profiles]);
		expect(whole.rows[0].q).toBe('select 1 from public.deficits d  where true');
	});
});
