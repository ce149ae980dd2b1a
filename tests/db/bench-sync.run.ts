/**
 * `npm run bench`, sync section (scripts/bench.mjs runs this file; it is not a *.db.ts file, so
 * `npm test` never does). Issue 11, item 5: what a device waits for when it syncs against a server
 * holding a whole region.
 *
 * The region: 30,000 teachers in 600 schools of 20 municipalities (one school of exactly 60
 * teachers, the school methodist's case), a school methodist per school, a municipal methodist per
 * municipality, and a school year and a term of synced rows — assessments (entry, intermediate,
 * final, drafts, expert ones), deficits with their history, plans with 8–10 actions each,
 * activities, mentoring pairs and sessions, observations with recommendations, comments,
 * addressed recommendations and indicator targets — over a million rows, generated set-based in
 * SQL. One teacher has about 10,000 rows of her own. Row times spread over 2025-09-01…2026-12-01
 * and each row's sync_txid follows its time over 400,000 real (consumed) transaction ids, so a
 * teacher's rows lie scattered among everybody else's in pull order, as they do on a real server,
 * and pages cross many transactions.
 *
 * Times are taken in Node around `asUser(… select public.sync_pull($1, $2))`, page by page, the
 * answer's transfer and parsing included, with the app's page size (PULL_PAGE; BENCH_SYNC_PAGE
 * overrides it). Each figure is the median of repeats after a first run that warms the caches;
 * a case whose first run is slow is timed by that run alone, and a pull that needs more than 60 s
 * in all is cut and reported. A second database holding only the teacher's own school (same
 * generator) gives the empty pull's cost without the rest of the region. A missed goal is printed,
 * never thrown.
 */
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { afterAll, it } from 'vitest';
import { DEFAULT_FRAMEWORK_ID } from '../../src/lib/domain/frameworks/default-id';
import { PULL_PAGE } from '../../src/lib/sync/pull';
import { signUp } from './actors';
import {
	MUNICIPALITIES,
	SCHOOLS,
	TEACHERS,
	MENTORS_APPROVE,
	median,
	municipalityOf,
	organizationsSql,
	teachersSql,
	uuidOf
} from './bench-region';
import { asUser, freshDatabase, type TestDatabase } from './cluster';

const PAGE = Number(process.env.BENCH_SYNC_PAGE) || PULL_PAGE;
/**
 * Timed runs after the warm-up: RUNS for a first pull, EMPTY_RUNS for an empty one. A case whose
 * warm-up took longer than SLOW_MS (first pull) or SLOW_EMPTY_MS (empty pull) is timed by the
 * warm-up alone, so the bench stays minutes long against a slow pull.
 */
const RUNS = 5;
const EMPTY_RUNS = 15;
const SLOW_MS = 10_000;
const SLOW_EMPTY_MS = 2_000;
/** A pull (all its pages) is cut after this long: the bench reports it instead of hanging. */
const CAP_MS = 60_000;

const GOAL = { heavyFirstPull: 5_000, emptyPull: 20, page: 1_000, ratio: 1.5 };

// ——— The people whose devices are timed ——————————————————————————————————————————————————

/** An ordinary teacher of school 2 with an active mentor (teacher 91) and a former one (89). */
const TEACHER = 90;
/** A teacher of school 3 with about 10,000 rows of her own. */
const HEAVY = 120;
const HEAVY_ROWS = { plan_actions: 4_000, activities: 3_000, deficits: 1_000, assessments: 1_000, comments: 1_000 };
/** School 1 has exactly 60 teachers; its school methodist has an account. */
const BIG_SCHOOL = 1;
const BIG_SCHOOL_SIZE = 60;
/** The municipality whose municipal methodist has an account. */
const MUNICIPALITY = 1;
/** The school that writes 100,000 rows while the others are up to date (another municipality). */
const WRITER_SCHOOL = SCHOOLS;
const WRITTEN_ROWS = 100_000;

const EMAIL = {
	teacher: 'bench.teacher@example.test',
	heavy: 'bench.heavy@example.test',
	methodist: 'bench.methodist@example.test',
	municipal: 'bench.municipal@example.test'
};

// ——— Generation ——————————————————————————————————————————————————————————————————————————

/** The window the rows were written in; sync_txid follows the time linearly across it. */
const FROM = '2025-09-01 00:00:00+00';
const TO = '2026-12-01 00:00:00+00';
/** Transaction ids consumed for the window: about 2.6 rows per transaction, as many small pushes. */
const XIDS = 400_000;

/** School 1 holds teachers 1–60, schools 2… hold 50 each in order (the last school the 40 left). */
const schoolOfTeacher = `case when t <= ${BIG_SCHOOL_SIZE} then 1 else 2 + (t - ${BIG_SCHOOL_SIZE + 1}) / 50 end`;

/**
 * Organisations, people and memberships: written before the school year (sync_txid below the
 * window), with the triggers on, as the staff import writes them. `schools`: an SQL condition on
 * the school number `s`.
 */
function peopleSql(schools: string): string {
	return `
create schema bench;

-- The teachers to generate, with the colleagues their rows name. Mentees are every sixth teacher
-- (mentored by the next one of the school); every thirtieth also had a mentor last year (the
-- previous one). r: per-teacher random fractions that place the teacher's rows in time.
create table bench.teachers as
select t, s, ${uuidOf("'t' || t")} as id, ${uuidOf("'s' || s")} as school_id, ${uuidOf("'sm' || s")} as methodist,
  case when t % 6 = 0 then ${uuidOf("'t' || lead(t) over w")} end as mentor,
  case when t % 30 = 0 then ${uuidOf("'t' || lag(t) over w")} end as former,
  ${uuidOf("'t' || coalesce(lead(t) over w, first_value(t) over w)")} as peer,
  array(select random() + 0 * t from generate_series(1, 16)) as r
from (select t, ${schoolOfTeacher} as s from generate_series(1, ${TEACHERS}) t) x
where ${schools}
window w as (partition by s order by t);
alter table bench.teachers add primary key (t);

${organizationsSql(schools)}
${teachersSql('bench.teachers', `case t when ${TEACHER} then '${EMAIL.teacher}' when ${HEAVY} then '${EMAIL.heavy}' end`)}

insert into public.profiles (id, full_name, email, school_id, position, experience_years, category, category_expires_on, education, birth_year)
select ${uuidOf("'sm' || s")}, 'Методист школы ' || s, case when s = ${BIG_SCHOOL} then '${EMAIL.methodist}' end, ${uuidOf("'s' || s")},
  'заместитель директора', 20, 'highest', date '2028-05-01', 'higher', 1975
from generate_series(1, ${SCHOOLS}) s where ${schools};
insert into public.memberships (id, profile_id, organization_id, role)
select gen_random_uuid(), ${uuidOf("'sm' || s")}, ${uuidOf("'s' || s")}, 'school_methodist' from generate_series(1, ${SCHOOLS}) s where ${schools};

insert into public.profiles (id, full_name, email, position, birth_year)
select ${uuidOf("'mm' || o.m")}, 'Муниципальный методист ' || o.m, case when o.m = ${MUNICIPALITY} then '${EMAIL.municipal}' end, 'методист', 1972
from (select distinct ${municipalityOf('s')} as m from generate_series(1, ${SCHOOLS}) s where ${schools}) o;
insert into public.memberships (id, profile_id, organization_id, role)
select gen_random_uuid(), ${uuidOf("'mm' || o.m")}, ${uuidOf("'m' || o.m")}, 'municipal_methodist'
from (select distinct ${municipalityOf('s')} as m from generate_series(1, ${SCHOOLS}) s where ${schools}) o;

insert into public.memberships (id, profile_id, organization_id, role)
select gen_random_uuid(), p.mentor, p.school_id, 'mentor'
from (select mentor, school_id from bench.teachers where mentor is not null
      union select former, school_id from bench.teachers where former is not null) p;
`;
}

/**
 * Consumes XIDS transaction ids (sub-transactions that each write a row) and returns the range:
 * rows given a sync_txid inside it are then older than the horizon, as committed rows are.
 */
async function consumeXids(client: pg.ClientBase): Promise<{ lo: bigint; hi: bigint }> {
	const lo = BigInt((await client.query(`select pg_current_xact_id()::text as x`)).rows[0].x);
	await client.query(`create temporary table burnt (n int)`);
	await client.query(
		`do $$ begin for i in 1..${XIDS} loop begin insert into burnt values (i); exception when others then null; end; end loop; end $$`
	);
	await client.query(`drop table burnt`);
	const hi = BigInt((await client.query(`select pg_current_xact_id()::text as x`)).rows[0].x);
	return { lo: lo + 1n, hi };
}

/**
 * The school year's rows, bulk-loaded: the row triggers are off (session_replication_role =
 * replica), so the meta columns are written here — version as the row's edits made it, updated_at
 * the last edit, updated_by its writer, sync_txid the transaction of that time.
 */
function yearSql(schools: string, xids: { lo: bigint; hi: bigint }, competencies: number): string {
	const span = xids.hi - xids.lo;
	const fw = `'${DEFAULT_FRAMEWORK_ID}'`;
	/** A time `days` after `from`, placed by the fraction `r` (a column of random numbers). */
	const at = (from: string, days: number, r: string) => `bench.at(timestamptz '${from}', ${days}, ${r})`;
	return `
set session_replication_role = replica;

create function bench.at(base timestamptz, days float8, r float8) returns timestamptz
language sql immutable as $$ select least(base + r * days * interval '1 day', timestamptz '${TO}' - interval '1 minute') $$;
-- The transaction that wrote at a time: the window maps linearly onto the consumed ids.
create function bench.x(ts timestamptz) returns xid8
language sql immutable as $$
  select (${xids.lo} + least(greatest(floor(extract(epoch from ts - timestamptz '${FROM}')
    / extract(epoch from timestamptz '${TO}' - timestamptz '${FROM}') * ${span}), 0), ${span - 1n})::bigint)::text::xid8
$$;
create function bench.iso(ts timestamptz) returns text
language sql immutable as $$ select to_char(ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;

create table bench.comp as
select row_number() over () - 1 as n, c ->> 'id' as id, array(select i ->> 'id' from jsonb_array_elements(c -> 'indicators') i) as inds
from public.frameworks f, jsonb_array_elements(f.competencies) c where f.id = ${fw};
create table bench.fw as select array_agg(i order by n, i) as inds from bench.comp, unnest(inds) i;

-- Profiles edited during the year (a category renewed, a subject added).
update public.profiles p set version = 2, updated_at = w.at, sync_txid = bench.x(w.at), updated_by = tt.methodist, position = 'учитель'
from bench.teachers tt cross join lateral (select ${at('2025-10-01', 420, 'tt.r[16]')} as at) w
where p.id = tt.id and tt.t % 3 = 0;
-- Who wrote the people and when (the staff import, before the school year).
update public.organizations set updated_at = timestamptz '${FROM}' - interval '20 days';
update public.profiles set updated_at = timestamptz '${FROM}' - interval '10 days' where version = 1;
update public.memberships set updated_at = timestamptz '${FROM}' - interval '10 days';

-- ——— Assessments: the school year 2025/26 (entry, intermediate, final) and the autumn of 2026
-- (entry, drafts of it, an intermediate in progress), expert ones by the school methodist.
insert into public.assessments (id, version, updated_at, updated_by, sync_txid, teacher_id, assessor_id, framework_id, framework_version,
  kind, stage, academic_year, status, scores, current_competency_id, started_at, submitted_at)
select ${uuidOf("'a' || tt.t || ':' || a.k")}, a.version, w.saved, case when a.kind = 'expert' then tt.methodist else tt.id end, bench.x(w.saved),
  tt.id, case when a.kind = 'expert' then tt.methodist end, ${fw}, 1, a.kind, a.stage, a.year, w.status,
  (select jsonb_object_agg(i, least(3, floor(random() * 3)::int + a.lift + 0 * tt.t))
   from unnest(case when w.status = 'draft' then fw.inds[1:12] else fw.inds end) i),
  case when w.status = 'draft' then 'technology' end, w.started, case when w.status = 'submitted' then w.saved end
from bench.teachers tt cross join bench.fw fw
cross join (values
  (1, 'self', 'entry', 2025, 0, timestamptz '2025-09-08', 30, 4),
  (2, 'self', 'intermediate', 2025, 0, timestamptz '2026-01-12', 30, 3),
  (3, 'self', 'final', 2025, 1, timestamptz '2026-05-04', 25, 3),
  (4, 'self', 'entry', 2026, 0, timestamptz '2026-09-07', 30, 4),
  (5, 'self', 'intermediate', 2026, 0, timestamptz '2026-11-16', 10, 2),
  (6, 'expert', 'entry', 2026, 0, timestamptz '2026-10-05', 40, 2)
) a (k, kind, stage, year, lift, opens, days, version)
cross join lateral (select bench.at(a.opens, a.days, tt.r[a.k]) as started,
  case when a.k = 5 or (a.k = 4 and tt.t % 5 = 0) then 'draft' else 'submitted' end as status) w0
cross join lateral (select w0.started, w0.status, least(w0.started + tt.r[a.k + 6] * interval '3 days', timestamptz '${TO}' - interval '1 minute') as saved) w
where (a.k <> 5 or tt.t % 3 = 0) and (a.k <> 6 or tt.t % 10 = 0);

-- ——— Deficits with their history: one overcome last year, one in progress, one new (proposed after
-- an observation for every fourth teacher).
insert into public.deficits (id, version, updated_at, updated_by, sync_txid, teacher_id, competency_id, indicator_ids, source, description,
  status, confirmed_at, source_assessment_id, history)
select ${uuidOf("'d' || tt.t || ':' || k")}, cardinality(h.steps), h.last_at, h.last_by, bench.x(h.last_at), tt.id, c.id, to_jsonb(c.inds[1:2]),
  case when k = 3 and tt.t % 4 = 0 then 'lesson_observation' else 'self_assessment' end,
  'Дефицит по компетенции «' || c.id || '»: приёмы формирующего оценивания на уроке',
  h.steps[cardinality(h.steps)], case when k < 3 then h.first_at + interval '5 days' end,
  case when k = 1 then ${uuidOf("'a' || tt.t || ':1'")} when k = 2 or tt.t % 4 <> 0 then ${uuidOf("'a' || tt.t || ':4'")} end,
  (select jsonb_agg(jsonb_build_object('status', s.status, 'at', bench.iso(h.times[s.n]), 'by', case when s.n = 1 then null else h.last_by end) order by s.n)
   from unnest(h.steps) with ordinality s (status, n))
from bench.teachers tt cross join generate_series(1, 3) k
join bench.comp c on c.n = (tt.t * 7 + k * 3) % ${competencies}
cross join lateral (select
  case k when 1 then array['identified', 'in_progress', 'overcome'] when 2 then array['identified', 'in_progress']
    else array[case when tt.t % 4 = 0 then 'proposed' else 'identified' end] end as steps,
  case k
    when 1 then array[${at('2025-09-20', 30, 'tt.r[1]')}, ${at('2025-10-25', 30, 'tt.r[2]')}, ${at('2026-05-04', 25, 'tt.r[3]')}]
    when 2 then array[${at('2026-09-20', 25, 'tt.r[4]')}, ${at('2026-10-20', 35, 'tt.r[5]')}]
    else array[${at('2026-10-01', 55, 'tt.r[6]')}] end as times,
  case when k = 3 then tt.id else coalesce(tt.mentor, tt.methodist) end as last_by) h0
cross join lateral (select h0.steps, h0.times, h0.last_by, h0.times[1] as first_at, h0.times[cardinality(h0.times)] as last_at) h;

-- ——— Development plans: last year's (completed, approved) and this year's (20261207000900_plan_approval.sql):
-- active and approved; every twentieth active one returned with a comment and another sent again
-- (its actions changed after the approval); every fourth a draft, half of those waiting for approval,
-- half never sent. The decider is the school methodist, or the active mentor where the school lets
-- mentors approve; approver_name is the trigger's (off here), so it is written from the profile.
insert into public.development_plans (id, version, updated_at, updated_by, sync_txid, teacher_id, academic_year, goals, deficit_ids, status,
  approval_status, approval_comment, submitted_at, approved_by, approved_at, approver_name)
select ${uuidOf("'pl' || tt.t || ':' || y")}, p.version, p.at, p.by, bench.x(p.at), tt.id, y,
  'Освоить приёмы формирующего оценивания и применить их в ' || (5 + tt.t % 7) || '-х классах',
  case when y = 2025 then jsonb_build_array(${uuidOf("'d' || tt.t || ':1'")}) else jsonb_build_array(${uuidOf("'d' || tt.t || ':2'")}, ${uuidOf("'d' || tt.t || ':3'")}) end,
  p.status, p.approval, case when p.approval = 'returned' then 'Уточните сроки и форму отчёта по курсам повышения квалификации' else '' end,
  p.submitted_at, p.approver, p.decided_at, coalesce((select a.full_name from public.profiles a where a.id = p.approver), '')
from bench.teachers tt cross join (values (2025), (2026)) years (y)
cross join lateral (select
  case when y = 2025 then 'completed' when tt.t % 4 = 0 then 'draft' else 'active' end as status,
  case when y = 2025 then 'approved' when tt.t % 8 = 0 then 'not_submitted' when tt.t % 4 = 0 then 'submitted'
    when tt.t % 20 = 3 then 'returned' when tt.t % 20 = 7 then 'submitted' else 'approved' end as approval,
  case when tt.mentor is not null and ${MENTORS_APPROVE('tt.s')} then tt.mentor else tt.methodist end as decider,
  case when y = 2025 then ${at('2025-10-15', 20, 'tt.r[7]')} else ${at('2026-10-10', 30, 'tt.r[8]')} end as decided,
  case when y = 2025 then ${at('2026-06-01', 20, 'tt.r[9]')} when tt.t % 4 = 0 then ${at('2026-10-01', 40, 'tt.r[8]')} end as edited) p0
cross join lateral (select p0.status, p0.approval,
  case when p0.approval in ('approved', 'returned') then p0.decider end as approver,
  case when p0.approval in ('approved', 'returned') then p0.decided end as decided_at,
  -- Sent a day or four before the decision; a plan waiting was sent at its last edit.
  case when p0.approval in ('approved', 'returned') then p0.decided - (1 + tt.r[9] * 3) * interval '1 day'
    when p0.approval = 'submitted' then coalesce(p0.edited, p0.decided) end as submitted_at,
  case when y = 2025 then 3 when p0.approval = 'not_submitted' then 1 when p0.approval = 'approved' or tt.t % 4 = 0 then 2 else 3 end as version,
  coalesce(p0.edited, p0.decided) as at,
  case when y = 2025 or p0.approval in ('not_submitted', 'submitted') then tt.id else p0.decider end as by) p;

-- ——— Plan actions: 8–10 per teacher; four in last year's plan (three done, one cancelled), the rest
-- in this year's (done, in progress, planned); every tenth teacher deleted one.
insert into public.plan_actions (id, version, updated_at, updated_by, deleted_at, sync_txid, plan_id, teacher_id, deficit_id, type, title,
  result_form, deadline, hours, status, evidence, reflection, completed_at)
select ${uuidOf("'pa' || tt.t || ':' || k")}, a.version + case when a.deleted then 1 else 0 end, a.at, tt.id, case when a.deleted then a.at end, bench.x(a.at),
  ${uuidOf("'pl' || tt.t || ':' || case when k <= 4 then 2025 else 2026 end")}, tt.id,
  ${uuidOf("'d' || tt.t || ':' || case when k <= 4 then 1 when k <= 6 then 2 else 3 end")}, a.type,
  (array['Курсы повышения квалификации', 'Изучение методической литературы', 'Выступление на ШМО', 'Взаимопосещение уроков коллег',
         'Мастер-класс', 'Стажировка', 'Участие в конкурсе', 'Работа с наставником', 'Открытый урок', 'Разработка дидактических материалов'])[1 + (tt.t + k) % 10]
    || ' (' || k || ')',
  'справка', case when k <= 4 then date '2026-05-31' else date '2027-05-31' end, case when a.type = 'course' then 36 end, a.status,
  case when a.status = 'done' then jsonb_build_array(jsonb_build_object('id', ${uuidOf("'ev' || tt.t || ':' || k")}, 'kind', 'certificate',
    'value', 'УД-' || tt.t || '-' || k, 'note', '')) else '[]'::jsonb end,
  case when a.status = 'done' then 'Применила на уроках, результат обсудили на ШМО' else '' end,
  case when a.status = 'done' then a.at end
from bench.teachers tt cross join lateral generate_series(1, 8 + tt.t % 3) k
cross join lateral (select
  (array['course', 'self_study', 'methodical_association', 'peer_visit', 'master_class', 'internship', 'competition', 'mentoring',
         'open_lesson', 'other'])[1 + (tt.t + k) % 10] as type,
  case when k <= 3 then 'done' when k = 4 then 'cancelled' when k <= 6 then case when tt.t % 2 = 0 then 'done' else 'in_progress' end
    else 'planned' end as status,
  case when k <= 3 then 3 when k = 4 then 2 when k <= 6 then 2 + tt.t % 2 else 1 end as version,
  case when k <= 4 then ${at('2025-10-20', 200, 'tt.r[k]')} when k <= 6 then ${at('2026-10-12', 48, 'tt.r[k]')}
    else ${at('2026-10-05', 50, 'tt.r[k]')} end as at,
  tt.t % 10 = 0 and k = 8 as deleted) a;

-- ——— Activities: two courses, a professional community, an open lesson, a competition or a publication.
insert into public.activities (id, version, updated_at, updated_by, sync_txid, teacher_id, kind, title, start_date, end_date, provider, hours,
  certificate, quality_related, completed, community_type, competition_level, result)
select ${uuidOf("'ac' || tt.t || ':' || k")}, case when a.completed then 2 else 1 end, a.at, tt.id, bench.x(a.at), tt.id, a.kind, a.title,
  a.start, a.finish, case when a.kind = 'course' then 'ИРО' else '' end, case when a.kind = 'course' then 36 * k end,
  case when a.kind = 'course' and a.completed then 'ПК-' || tt.t || '-' || k else '' end,
  a.kind = 'course' and tt.t % (k + 2) = 0, a.completed,
  case when a.kind = 'community' then (array['shmo', 'rmo', 'tgpr', 'pos', 'network'])[1 + tt.t % 5] end,
  case when a.kind = 'competition' then (array['school', 'municipal', 'regional', 'federal'])[1 + tt.t / 4 % 4] end,
  case when a.kind = 'competition' then 'участник' else '' end
from bench.teachers tt cross join generate_series(1, 5) k
cross join lateral (select
  case k when 1 then 'course' when 2 then 'course' when 3 then 'community' when 4 then 'open_lesson'
    else case when tt.t % 4 = 0 then 'competition' else 'publication' end end as kind,
  case k when 1 then 'Функциональная грамотность' when 2 then 'Формирующее оценивание' when 3 then 'Методическое объединение'
    when 4 then 'Открытый урок' else 'Конкурс / публикация' end as title,
  (case k when 1 then ${at('2025-10-01', 120, 'tt.r[10]')} when 2 then ${at('2026-09-14', 40, 'tt.r[11]')}
    when 3 then ${at('2025-09-01', 60, 'tt.r[12]')} when 4 then ${at('2026-02-01', 110, 'tt.r[13]')} else ${at('2026-03-01', 200, 'tt.r[14]')} end)::date as start,
  k <> 3 and (k <> 2 or tt.t % 2 = 0) as completed) a0
cross join lateral (select a0.kind, a0.title, a0.start, a0.completed,
  case a0.kind when 'course' then a0.start + 20 when 'community' then null else a0.start end as finish,
  least(a0.start + case when a0.completed then 22 else 1 end + interval '9 hours', timestamptz '${TO}' - interval '1 minute') as at) a;

-- ——— Mentoring: active pairs of this year, pairs completed last year; sessions every six weeks.
insert into public.mentoring_pairs (id, version, updated_at, updated_by, sync_txid, school_id, mentor_id, mentee_id, model, start_date, end_date,
  status, goals, deficit_ids, planned_meetings, expected_results)
select ${uuidOf('p.key || tt.t')}, 2, p.at, tt.methodist, bench.x(p.at), tt.school_id, p.mentor, tt.id, 'experienced_young',
  date '2025-09-15', p.finish, p.status, 'Адаптация молодого специалиста', jsonb_build_array(${uuidOf("'d' || tt.t || ':2'")}),
  jsonb_build_array(jsonb_build_object('date', '2026-12-14', 'topic', 'Разбор урока'), jsonb_build_object('date', '2027-01-25', 'topic', 'Планирование четверти')),
  'Уверенное ведение уроков'
from bench.teachers tt
cross join lateral (values
  ('mp', tt.mentor, null::date, 'active', ${at('2026-09-01', 20, 'tt.r[15]')}),
  ('mpf', tt.former, date '2026-05-31', 'completed', ${at('2026-05-31', 5, 'tt.r[15]')})) p (key, mentor, finish, status, at)
where p.mentor is not null;

insert into public.mentoring_sessions (id, version, updated_at, updated_by, sync_txid, pair_id, mentor_id, mentee_id, date, format, topic, notes,
  duration_minutes, next_steps, acknowledged_at)
select ${uuidOf("'ms' || p.key || tt.t || ':' || k")}, case when s.ack is null then 1 else 2 end, coalesce(s.ack, s.written), case when s.ack is null then p.mentor else tt.id end,
  bench.x(coalesce(s.ack, s.written)), ${uuidOf("'mp' || p.key || tt.t")}, p.mentor, tt.id, s.day,
  (array['consultation', 'joint_planning', 'lesson_review', 'lesson_visit', 'master_class'])[1 + k % 5], 'Встреча ' || k,
  'Обсудили цели урока и приёмы обратной связи', 45, 'Подготовить технологическую карту', s.ack
from bench.teachers tt
cross join lateral (values ('', tt.mentor, 10, date '2025-10-01', 42), ('f', tt.former, 6, date '2025-10-05', 35)) p (key, mentor, sessions, first, every)
cross join lateral generate_series(1, p.sessions) k
cross join lateral (select p.first + (k - 1) * p.every as day) d
cross join lateral (select d.day, d.day + interval '18 hours' as written,
  case when k <= p.sessions - 2 then d.day + interval '2 days 10 hours' end as ack) s
where p.mentor is not null;

-- ——— Observations: a colleague's visit (взаимопосещение), the school methodist's, and two by the
-- mentor for mentees; each with recommendations, most acknowledged with a reflection.
insert into public.observations (id, version, updated_at, updated_by, sync_txid, observer_id, teacher_id, observer_role, mode, status, date,
  class_name, subject, topic, purpose, framework_id, framework_version, scores, duration_minutes, strengths, notes, recommendations,
  acknowledged_at, reflection)
select ${uuidOf("'o' || tt.t || ':' || o.k")}, case when w.ack is null then 1 else 2 end, coalesce(w.ack, w.written),
  case when w.ack is null then o.observer else tt.id end, bench.x(coalesce(w.ack, w.written)), o.observer, tt.id, o.role,
  case when o.role = 'methodist' then 'full' else 'quick' end, w.status, w.day, (5 + tt.t % 7) || 'А', 'математика', 'Решение уравнений',
  'Формирующее оценивание на уроке', ${fw}, 1,
  (select jsonb_object_agg(i, floor(random() * 4)::int + 0 * tt.t) from unnest(fw.inds[1 + o.k * 3:6 + o.k * 3]) i), 45,
  'Чёткая постановка целей', '',
  jsonb_build_array(
    jsonb_build_object('id', ${uuidOf("'or' || tt.t || ':' || o.k || ':1'")}, 'text', 'Использовать листы самооценки', 'competencyId', 'evaluation',
      'indicatorId', 'evaluation.1', 'deficitId', null, 'actionId', null),
    jsonb_build_object('id', ${uuidOf("'or' || tt.t || ':' || o.k || ':2'")}, 'text', 'Давать обратную связь по критериям', 'competencyId', 'evaluation',
      'indicatorId', null, 'deficitId', case when o.k = 2 then ${uuidOf("'d' || tt.t || ':3'")} end, 'actionId', null)),
  w.ack, case when w.ack is null then '' else 'Согласна, попробую на следующей неделе' end
from bench.teachers tt cross join bench.fw fw
cross join lateral (values
  (1, tt.peer, 'peer', ${at('2025-11-10', 150, 'tt.r[3]')}),
  (2, tt.methodist, 'methodist', ${at('2026-01-20', 310, 'tt.r[4]')}),
  (3, tt.mentor, 'mentor', ${at('2025-12-01', 60, 'tt.r[5]')}),
  (4, tt.mentor, 'mentor', ${at('2026-10-01', 55, 'tt.r[6]')})) o (k, observer, role, at)
cross join lateral (select o.at::date as day, o.at as written,
  case when o.k = 4 and tt.t % 3 = 0 then 'draft' else 'submitted' end as status) w0
cross join lateral (select w0.day, w0.written, w0.status,
  case when w0.status = 'submitted' and tt.t % 4 <> 1 then least(w0.written + interval '2 days', timestamptz '${TO}' - interval '1 minute') end as ack) w
where o.observer is not null and (o.k <> 1 or tt.t % 3 <> 0);

-- ——— Comments: the mentor's or methodist's on an overcome deficit, the teacher's on a new one and on
-- the methodist's observation, the methodist's on an action, the mentee's on a session.
insert into public.comments (id, version, updated_at, updated_by, sync_txid, target_table, target_id, author_id, body)
select ${uuidOf("'c' || tt.t || ':' || c.k")}, 1, c.at, c.author, bench.x(c.at), c.target_table, c.target_id, c.author, c.body
from bench.teachers tt
cross join lateral (values
  (1, 'deficits', ${uuidOf("'d' || tt.t || ':1'")}, coalesce(tt.mentor, tt.methodist), 'Дефицит преодолён, видно по урокам', ${at('2026-05-10', 25, 'tt.r[7]')}),
  (2, 'deficits', ${uuidOf("'d' || tt.t || ':2'")}, tt.id, 'Прошу включить в план стажировку', ${at('2026-10-15', 40, 'tt.r[8]')}),
  (3, 'observations', ${uuidOf("'o' || tt.t || ':2'")}, tt.id, 'Спасибо за разбор урока', ${at('2026-01-25', 310, 'tt.r[4]')}),
  (4, 'plan_actions', ${uuidOf("'pa' || tt.t || ':5'")}, tt.methodist, 'Приложите справку о выполнении', ${at('2026-10-20', 40, 'tt.r[9]')}),
  (5, 'mentoring_sessions', ${uuidOf("'ms' || tt.t || ':1'")}, case when tt.mentor is not null then tt.id end, 'Было полезно', timestamptz '2025-10-02 12:00+00')
) c (k, target_table, target_id, author, body, at)
where c.author is not null;

-- ——— Addressed recommendations: to each school from the municipal methodist and the school
-- methodist (half marked done), and one to each teacher from the school methodist.
insert into public.recommendations (id, version, updated_at, updated_by, sync_txid, author_id, organization_id, teacher_id, body, due_on,
  done_at, done_by, created_at)
select ${uuidOf("'r' || r.who || s.s || ':' || k")}, case when k <= 2 then 2 else 1 end, coalesce(r.done_at, r.at),
  case when k <= 2 then ${uuidOf("'sm' || s.s")} else r.author end, bench.x(coalesce(r.done_at, r.at)), r.author, ${uuidOf("'s' || s.s")}, null,
  'Провести методический день по формирующему оцениванию (' || k || ')', date '2026-06-30',
  r.done_at, case when k <= 2 then ${uuidOf("'sm' || s.s")} end, r.at
from (select distinct s from bench.teachers) s cross join generate_series(1, 4) k
cross join lateral (values ('m', ${uuidOf(`'mm' || ${municipalityOf('s.s')}`)}), ('s', ${uuidOf("'sm' || s.s")})) a (who, author)
cross join lateral (select a.who, a.author, ${at('2025-09-15', 420, "((s.s * 0.618 + k * 0.273 + case a.who when 'm' then 0.137 else 0.5 end) % 1)")} as at) r0
cross join lateral (select r0.who, r0.author, r0.at,
  case when k <= 2 then least(r0.at + interval '20 days', timestamptz '${TO}' - interval '1 minute') end as done_at) r;

insert into public.recommendations (id, version, updated_at, updated_by, sync_txid, author_id, organization_id, teacher_id, body, due_on,
  done_at, done_by, created_at)
select ${uuidOf("'rt' || tt.t")}, case when r.done_at is null then 1 else 2 end, coalesce(r.done_at, r.at),
  case when r.done_at is null then tt.methodist else tt.id end, bench.x(coalesce(r.done_at, r.at)), tt.methodist, tt.school_id, tt.id,
  'Посетить уроки наставника и составить технологическую карту', date '2027-03-01', r.done_at, case when r.done_at is not null then tt.id end, r.at
from bench.teachers tt
cross join lateral (select ${at('2026-02-01', 300, 'tt.r[10]')} as at) r0
cross join lateral (select r0.at, case when tt.t % 2 = 0 then least(r0.at + interval '14 days', timestamptz '${TO}' - interval '1 minute') end as done_at) r;

-- ——— Indicator targets for both school years: each school (by its municipal methodist), each
-- municipality and the region.
insert into public.indicator_targets (id, version, updated_at, updated_by, sync_txid, organization_id, academic_year, code, value)
select ${uuidOf("'it' || o.id || ':' || y || ':' || c.code")}, 1, w.at, o.writer, bench.x(w.at), o.id, y, c.code, round((0.3 + c.n * 0.05)::numeric, 2)
from (
  select ${uuidOf("'s' || s")} as id, ${uuidOf(`'mm' || ${municipalityOf('s')}`)} as writer, s as key from (select distinct s from bench.teachers) x
  union all select ${uuidOf("'m' || m")}, ${uuidOf("'mm' || m")}, 1000 + m from generate_series(1, ${MUNICIPALITIES}) m
    where exists (select 1 from public.organizations o where o.id = ${uuidOf("'m' || m")})
  union all select o.id, null, 2000 from public.organizations o where o.kind = 'region'
) o
cross join (values (2025), (2026)) years (y)
cross join unnest(array['PD_QUALITY', 'PD_ANY', 'CATEGORY', 'COMMUNITY', 'COMPETITION', 'IOM', 'GROWTH_META', 'GROWTH_SUBJECT',
  'DEFICITS_CLOSED', 'YOUNG_SUPPORTED', 'OBSERVED']) with ordinality c (code, n)
cross join lateral (select ${at(`2025-09-05`, 20, '((o.key * 0.618) % 1)')} + (y - 2025) * interval '1 year' as at) w;

-- ——— The teacher with about 10,000 rows of her own: years of actions, activities, deficits, test
-- attempts and notes.
insert into public.plan_actions (id, version, updated_at, updated_by, sync_txid, plan_id, teacher_id, type, title, deadline, status)
select ${uuidOf("'pah' || n")}, 1, w.at, tt.id, bench.x(w.at), ${uuidOf("'pl' || tt.t || ':2026'")}, tt.id, 'self_study', 'Самообразование: тема ' || n,
  date '2027-05-31', 'planned'
from bench.teachers tt cross join generate_series(1, ${HEAVY_ROWS.plan_actions}) n
cross join lateral (select ${at(FROM, 455, '((n * 0.6180339887) % 1)')} as at) w where tt.t = ${HEAVY};
insert into public.activities (id, version, updated_at, updated_by, sync_txid, teacher_id, kind, title, start_date, end_date, completed)
select ${uuidOf("'ach' || n")}, 1, w.at, tt.id, bench.x(w.at), tt.id, 'methodical_day', 'Методический день ' || n, w.at::date, w.at::date, true
from bench.teachers tt cross join generate_series(1, ${HEAVY_ROWS.activities}) n
cross join lateral (select ${at(FROM, 455, '((n * 0.7548776662) % 1)')} as at) w where tt.t = ${HEAVY};
insert into public.deficits (id, version, updated_at, updated_by, sync_txid, teacher_id, competency_id, source, description, status, history)
select ${uuidOf("'dh' || n")}, 1, w.at, tt.id, bench.x(w.at), tt.id, 'evaluation', 'testing', 'Результат тестирования ' || n, 'identified',
  jsonb_build_array(jsonb_build_object('status', 'identified', 'at', bench.iso(w.at), 'by', null))
from bench.teachers tt cross join generate_series(1, ${HEAVY_ROWS.deficits}) n
cross join lateral (select ${at(FROM, 455, '((n * 0.5698402910) % 1)')} as at) w where tt.t = ${HEAVY};
insert into public.assessments (id, version, updated_at, updated_by, sync_txid, teacher_id, framework_id, framework_version, kind, stage,
  academic_year, status, scores, started_at, submitted_at)
select ${uuidOf("'ah' || n")}, 1, w.at, tt.id, bench.x(w.at), tt.id, ${fw}, 1, 'test', (array['entry', 'intermediate', 'final'])[1 + n % 3],
  case when w.at < timestamptz '2026-09-01' then 2025 else 2026 end, 'submitted', jsonb_build_object('evaluation.1', n % 4, 'evaluation.2', (n + 1) % 4),
  w.at - interval '30 minutes', w.at
from bench.teachers tt cross join generate_series(1, ${HEAVY_ROWS.assessments}) n
cross join lateral (select ${at('2025-09-02', 453, '((n * 0.4142135624) % 1)')} as at) w where tt.t = ${HEAVY};
insert into public.comments (id, version, updated_at, updated_by, sync_txid, target_table, target_id, author_id, body)
select ${uuidOf("'ch' || n")}, 1, w.at, tt.id, bench.x(w.at), 'plan_actions', ${uuidOf("'pah' || n")}, tt.id, 'Заметка ' || n
from bench.teachers tt cross join generate_series(1, ${HEAVY_ROWS.comments}) n
cross join lateral (select ${at(FROM, 455, '((n * 0.6180339887) % 1)')} + interval '1 hour' as at) w where tt.t = ${HEAVY};

set session_replication_role = origin;
-- The reports' facts, which the row triggers would have kept.
select private.rebuild_assessment_facts();
drop schema bench cascade;
`;
}

/** The synced tables, as the pull sends them. */
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
] as const;

interface Built {
	db: TestDatabase;
	counts: Record<string, number>;
	total: number;
	seconds: number;
	users: { teacher: string; heavy?: string; methodist?: string; municipal?: string };
}

/** A database with the generated schools (`schools`: an SQL condition on the school number `s`). */
async function build(schools: string): Promise<Built> {
	const db = await freshDatabase({ max: 3 });
	const started = performance.now();
	const client = await db.pool.connect();
	try {
		await client.query(peopleSql(schools));
		const xids = await consumeXids(client);
		const competencies = Number(
			(
				await client.query(`select jsonb_array_length(competencies) as n from public.frameworks where id = $1`, [
					DEFAULT_FRAMEWORK_ID
				])
			).rows[0].n
		);
		await client.query(yearSql(schools, xids, competencies));
	} finally {
		client.release();
	}
	// As autovacuum would have: visibility map set, statistics current.
	await db.pool.query('vacuum analyze');
	const seconds = (performance.now() - started) / 1000;
	const r = await db.pool.query(
		`select ${SYNCED.map((t) => `(select count(*) from public.${t})::int as ${t}`).join(', ')}`
	);
	const counts = r.rows[0] as Record<string, number>;
	const total = Object.values(counts).reduce((a, b) => a + b, 0);
	const has = async (email: string) =>
		(await db.pool.query(`select 1 from public.profiles where email = $1`, [email])).rowCount === 1;
	const users: Built['users'] = { teacher: await signUp(db.pool, EMAIL.teacher) };
	if (await has(EMAIL.heavy)) users.heavy = await signUp(db.pool, EMAIL.heavy);
	if (await has(EMAIL.methodist)) users.methodist = await signUp(db.pool, EMAIL.methodist);
	if (await has(EMAIL.municipal)) users.municipal = await signUp(db.pool, EMAIL.municipal);
	return { db, counts, total, seconds, users };
}

/** Another school's devices push WRITTEN_ROWS new rows, in transactions of 10,000. */
async function writeElsewhere(db: TestDatabase): Promise<number> {
	const first = (
		await db.pool.query(
			`select min(t) as t from generate_series(1, ${TEACHERS}) t where ${schoolOfTeacher} = ${WRITER_SCHOOL}`
		)
	).rows[0].t;
	const size = TEACHERS - first + 1;
	const started = performance.now();
	for (let n = 0; n < WRITTEN_ROWS; n += 10_000) {
		await db.pool.query(`
with w as (select n, ${first} + n % ${size} as t from generate_series(${n + 1}, ${n + 5_000}) n),
actions as (
  insert into public.plan_actions (id, plan_id, teacher_id, type, title, deadline, status)
  select gen_random_uuid(), ${uuidOf("'pl' || t || ':2026'")}, ${uuidOf("'t' || t")}, 'self_study', 'Самообразование ' || n, date '2027-05-31', 'planned' from w
)
insert into public.activities (id, teacher_id, kind, title, start_date, end_date, completed)
select gen_random_uuid(), ${uuidOf("'t' || t")}, 'methodical_day', 'Методический день ' || n, date '2026-12-01', date '2026-12-01', true from w`);
	}
	// No vacuum or analyze: devices pull within seconds of such writes, before autovacuum has run.
	return (performance.now() - started) / 1000;
}

// ——— Timing ——————————————————————————————————————————————————————————————————————————————————

interface Pull {
	rows: number;
	pages: number;
	ms: number;
	pageMs: number[];
	cursor: string | null;
	/** Stopped at CAP_MS before the last page. */
	cut: boolean;
}

interface PullPage {
	changes: unknown[];
	cursor: string | null;
	has_more: boolean;
}

/**
 * Pulls from `cursor` until has_more is false, as the device does: each page one PostgREST-like
 * request, timed in Node around asUser. The statement timeout (set outside the timed request)
 * cuts a page that would run past the pull's CAP_MS.
 */
async function pullAll(db: TestDatabase, userId: string, cursor: string | null): Promise<Pull> {
	const client = await db.pool.connect();
	const pull: Pull = { rows: 0, pages: 0, ms: 0, pageMs: [], cursor, cut: false };
	try {
		for (;;) {
			const left = CAP_MS - pull.ms;
			if (left <= 0) return { ...pull, cut: true };
			await client.query(`set statement_timeout = ${Math.max(1, Math.ceil(left))}`);
			const started = performance.now();
			let page: PullPage;
			try {
				page = await asUser(
					client,
					userId,
					async (c) => (await c.query(`select public.sync_pull($1, $2) as r`, [pull.cursor, PAGE])).rows[0].r
				);
			} catch (error) {
				const took = performance.now() - started;
				if ((error as { code?: string }).code !== '57014') throw error;
				return { ...pull, ms: pull.ms + took, pageMs: [...pull.pageMs, took], cut: true };
			}
			const took = performance.now() - started;
			pull.ms += took;
			pull.pageMs.push(took);
			pull.pages += 1;
			pull.rows += page.changes.length;
			pull.cursor = page.cursor;
			if (!page.has_more) return pull;
		}
	} finally {
		await client.query('reset statement_timeout').catch(() => {});
		client.release();
	}
}

interface Case {
	/** The timed runs (the warm-up alone when it was slow or cut). */
	runs: Pull[];
	warmUpOnly: boolean;
}

/** A warm-up, then `runs` timed runs unless the warm-up was slower than `slowMs` or cut. */
async function repeat(fn: () => Promise<Pull>, runs: number, slowMs: number): Promise<Case> {
	const warm = await fn();
	if (warm.cut || warm.ms > slowMs) return { runs: [warm], warmUpOnly: true };
	const timed: Pull[] = [];
	for (let i = 0; i < runs; i += 1) {
		const run = await fn();
		timed.push(run);
		if (run.cut) break;
	}
	return { runs: timed, warmUpOnly: false };
}

interface Read {
	/** Heap rows read: seq_tup_read + idx_tup_fetch, summed over every user table. */
	rows: number;
	/** Index entries returned by index scans (index-only scans read no heap row). */
	entries: number;
	/** The tables read most, e.g. "plan_actions 100,000". */
	top: string;
}

/** Per table: heap rows and index entries read by this backend and not yet flushed to the shared statistics. */
const READ_COUNTERS = `
select t.relid::int as relid, t.schemaname || '.' || t.relname as name, (t.seq_tup_read + coalesce(t.idx_tup_fetch, 0))::bigint as rows,
       coalesce((select sum(pg_stat_get_xact_tuples_returned(i.indexrelid)) from pg_index i where i.indrelid = t.relid), 0)::bigint as entries
from pg_stat_xact_user_tables t`;

/**
 * What one pull from `cursor` reads: pg_stat_xact_user_tables read right before and right after
 * the call, in its transaction. The difference, because these counters also hold what earlier
 * transactions of the same connection read until the backend flushes them (at most once a
 * second). NaN when the pull was cut.
 */
async function rowsRead(db: TestDatabase, userId: string, cursor: string | null): Promise<Read> {
	const client = await db.pool.connect();
	try {
		await client.query(`set statement_timeout = ${CAP_MS}`);
		return await asUser(client, userId, async (c) => {
			const counters = async () =>
				new Map(
					(await c.query(READ_COUNTERS)).rows.map((x) => [
						x.relid as number,
						{ name: x.name as string, rows: Number(x.rows), entries: Number(x.entries) }
					])
				);
			const before = await counters();
			await c.query(`select public.sync_pull($1, $2)`, [cursor, PAGE]);
			const after = await counters();
			const tables = [...after].map(([relid, t]) => ({
				name: t.name,
				rows: t.rows - (before.get(relid)?.rows ?? 0),
				entries: t.entries - (before.get(relid)?.entries ?? 0)
			}));
			tables.sort((a, b) => b.rows - a.rows || b.entries - a.entries);
			return {
				rows: tables.reduce((a, t) => a + t.rows, 0),
				entries: tables.reduce((a, t) => a + t.entries, 0),
				top: tables
					.filter((t) => t.rows + t.entries > 0)
					.slice(0, 5)
					.map(
						(t) => `${t.name.replace(/^public\./, '')} ${fmt(t.rows)}${t.entries ? ` (+${fmt(t.entries)} idx)` : ''}`
					)
					.join(', ')
			};
		});
	} catch (error) {
		if ((error as { code?: string }).code === '57014') return { rows: NaN, entries: NaN, top: 'cut' };
		throw error;
	} finally {
		await client.query('reset statement_timeout').catch(() => {});
		client.release();
	}
}

/**
 * The cursor a finished first pull would have ended on, for a first pull that was cut: the last
 * row the caller can select (as the caller, under RLS) in pull order (sync_txid, table, id), in
 * the `v1:` format of today's sync_pull. Null if even that takes too long.
 */
async function cursorAtEnd(db: TestDatabase, userId: string): Promise<string | null> {
	const client = await db.pool.connect();
	try {
		await client.query(`set statement_timeout = ${2 * CAP_MS}`);
		const r = await asUser(client, userId, async (c) =>
			c.query(
				`select x.txid, x.t, x.id from (${[...SYNCED, 'sync_conflicts']
					.map(
						(t) =>
							`(select sync_txid::text::numeric as txid, '${t}'::text as t, id from public.${t}
							  where sync_txid < pg_snapshot_xmin(pg_current_snapshot()) order by sync_txid desc, id desc limit 1)`
					)
					.join(' union all ')}) x order by x.txid desc, x.t collate "C" desc, x.id desc limit 1`
			)
		);
		const last = r.rows[0];
		return last ? `v1:${last.txid}:${last.t}:${last.id}` : null;
	} catch (error) {
		if ((error as { code?: string }).code === '57014') return null;
		throw error;
	} finally {
		await client.query('reset statement_timeout').catch(() => {});
		client.release();
	}
}

// ——— The bench ———————————————————————————————————————————————————————————————————————————————

let region: Built | undefined;
let ownSchool: Built | undefined;

afterAll(async () => {
	await region?.db.drop();
	await ownSchool?.db.drop();
});

const fmt = (n: number) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: 0 }) : '—');
const ms = (n: number) => (Number.isFinite(n) ? (n < 100 ? n.toFixed(1) : n.toFixed(0)) : '—');
const mark = (ok: boolean) => (ok ? '✓' : '✗');

it('times first and empty pulls on a region of 30,000 teachers', async () => {
	const log = (line: string) => console.log(`bench-sync: ${line}`);
	log(`page size ${PAGE}; building the region…`);
	region = await build('true');
	log(`region: ${fmt(region.total)} synced rows in ${region.seconds.toFixed(0)} s: ${JSON.stringify(region.counts)}`);
	const ownSchoolNo = 2 + Math.floor((TEACHER - BIG_SCHOOL_SIZE - 1) / 50);
	ownSchool = await build(`s = ${ownSchoolNo}`);
	log(
		`own school only (school ${ownSchoolNo}): ${fmt(ownSchool.total)} synced rows in ${ownSchool.seconds.toFixed(0)} s`
	);

	const R = region;
	const own = ownSchool;
	const users = R.users as Required<Built['users']>;
	const rows: string[][] = [];
	const pages: number[] = [];
	const notes: string[] = [];
	const add = (row: string[]) => {
		rows.push(row);
		log(row.filter(Boolean).join(' | '));
	};

	/** One table line for a first pull. */
	const firstPull = async (label: string, userId: string, goalMs?: number): Promise<Case> => {
		const c = await repeat(() => pullAll(R.db, userId, null), RUNS, SLOW_MS);
		const last = c.runs[c.runs.length - 1]!;
		for (const run of c.runs) pages.push(...run.pageMs);
		const mid = median(c.runs.map((r) => r.ms));
		add([
			label,
			last.cut ? `${fmt(last.rows)} before the cut` : fmt(last.rows),
			last.cut ? `${last.pages}+` : String(last.pages),
			last.cut ? `cut at ${fmt(CAP_MS)}` : ms(mid),
			c.warmUpOnly ? '1 (warm-up)' : String(c.runs.length),
			ms(Math.max(...c.runs.flatMap((r) => r.pageMs))),
			'',
			goalMs === undefined ? '' : `≤ ${fmt(goalMs)} ms ${mark(!last.cut && mid <= goalMs)}`
		]);
		return c;
	};

	/**
	 * The cursor an up-to-date device holds: the one its next pull after the first full pull
	 * returned (the pull may move it on to the horizon). When the first pull was cut, its end is
	 * computed as the last row the user can select.
	 */
	const upToDate = async (name: string, db: TestDatabase, userId: string, c: Case): Promise<string | null> => {
		const last = c.runs[c.runs.length - 1]!;
		let end = last.cursor;
		if (last.cut) {
			end = await cursorAtEnd(db, userId);
			notes.push(
				`${name}: the first pull was cut, so its end was computed as the last row the user can select (${end ?? 'too slow: no empty pull'}).`
			);
			if (!end) return null;
		}
		const next = await pullAll(db, userId, end);
		pages.push(...next.pageMs);
		if (next.rows > 0) notes.push(`${name}: the pull after the first full pull still brought ${fmt(next.rows)} rows.`);
		return next.cut ? end : next.cursor;
	};

	interface Device {
		label: string;
		db: TestDatabase;
		userId: string;
		cursor: string;
	}

	/**
	 * One table line per device for an empty pull from the cursor it holds, and what that pull
	 * reads. The devices' runs alternate, so a load that comes and goes on the machine weighs on
	 * all of them alike (the region/own-school ratio compares two of them).
	 */
	const emptyPulls = async (devices: Device[]) => {
		const warm: Pull[] = [];
		for (const d of devices) warm.push(await pullAll(d.db, d.userId, d.cursor));
		const slow = warm.map((w) => w.cut || w.ms > SLOW_EMPTY_MS);
		const timed: Pull[][] = devices.map((_, i) => (slow[i] ? [warm[i]!] : []));
		for (let run = 0; run < EMPTY_RUNS; run += 1) {
			for (const [i, d] of devices.entries()) if (!slow[i]) timed[i]!.push(await pullAll(d.db, d.userId, d.cursor));
		}
		const results = [];
		for (const [i, d] of devices.entries()) {
			const runs = timed[i]!;
			for (const run of slow[i] ? runs : [warm[i]!, ...runs]) pages.push(...run.pageMs);
			const cut = runs.some((r) => r.cut);
			// A pull that was cut cannot be counted (its transaction is gone); no second minute for it.
			const read: Read = cut ? { rows: NaN, entries: NaN, top: '' } : await rowsRead(d.db, d.userId, d.cursor);
			const mid = median(runs.map((r) => r.ms));
			add([
				d.label,
				cut ? '—' : fmt(runs[0]!.rows),
				cut ? '—' : String(runs[0]!.pages),
				cut ? `cut at ${fmt(CAP_MS)}` : ms(mid),
				slow[i] ? '1 (warm-up)' : String(runs.length),
				'',
				cut ? 'cut' : fmt(read.rows),
				`≤ ${GOAL.emptyPull} ms ${mark(!cut && mid <= GOAL.emptyPull)}`
			]);
			if (!cut)
				notes.push(
					`${d.label} reads ${fmt(read.rows)} rows and ${fmt(read.entries)} index entries; most from ${read.top || 'nothing'}.`
				);
			results.push({ ms: cut ? Infinity : mid, read });
		}
		return results;
	};

	const teacher = await firstPull(`teacher's first pull`, users.teacher);
	await firstPull(
		`first pull, teacher with ${fmt(Object.values(HEAVY_ROWS).reduce((a, b) => a + b, 0))}+ rows`,
		users.heavy,
		GOAL.heavyFirstPull
	);
	const methodist = await firstPull(`school methodist's first pull (${BIG_SCHOOL_SIZE} teachers)`, users.methodist);
	await firstPull(`municipal methodist's first pull`, users.municipal);

	const teacherCursor = await upToDate('teacher', R.db, users.teacher, teacher);
	const methodistCursor = await upToDate('school methodist', R.db, users.methodist, methodist);
	// The same teacher on a server that holds only her school.
	const ownFirst = await repeat(() => pullAll(own.db, own.users.teacher, null), 1, SLOW_MS);
	pages.push(...ownFirst.runs.flatMap((r) => r.pageMs));
	notes.push(
		`own-school database: the teacher's first pull there brings ${fmt(ownFirst.runs[0]!.rows)} rows in ${ms(ownFirst.runs[0]!.ms)} ms.`
	);
	const ownCursor = await upToDate('teacher (own school only)', own.db, own.users.teacher, ownFirst);

	const devices: (Device & { key: string })[] = [];
	if (teacherCursor)
		devices.push({
			key: 'teacher',
			label: `teacher's empty pull`,
			db: R.db,
			userId: users.teacher,
			cursor: teacherCursor
		});
	if (ownCursor)
		devices.push({
			key: 'own',
			label: `teacher's empty pull, own school only`,
			db: own.db,
			userId: own.users.teacher,
			cursor: ownCursor
		});
	if (methodistCursor)
		devices.push({
			key: 'methodist',
			label: `school methodist's empty pull`,
			db: R.db,
			userId: users.methodist,
			cursor: methodistCursor
		});
	const empty = new Map((await emptyPulls(devices)).map((r, i) => [devices[i]!.key, r]));
	const teacherEmpty = empty.get('teacher');
	const ownEmpty = empty.get('own');
	const methodistEmpty = empty.get('methodist');
	const ratio = teacherEmpty && ownEmpty ? teacherEmpty.ms / ownEmpty.ms : NaN;
	add([
		'empty pull, region / own school',
		'',
		'',
		Number.isFinite(ratio) ? `× ${ratio.toFixed(2)}` : '—',
		'',
		'',
		teacherEmpty && ownEmpty ? `${fmt(teacherEmpty.read.rows)} / ${fmt(ownEmpty.read.rows)}` : '',
		`≤ ${GOAL.ratio} ${mark(ratio <= GOAL.ratio)}`
	]);

	// Another school, in another municipality, writes 100,000 rows; devices that were up to date
	// pull again from the cursor they hold. What the pull reads is counted right before and right
	// after the writes, so nothing else lies between the two counts.
	const again = [
		{ name: 'teacher', userId: users.teacher, cursor: teacherCursor, empty: teacherEmpty },
		{ name: 'school methodist', userId: users.methodist, cursor: methodistCursor, empty: methodistEmpty }
	].filter((d) => d.cursor && d.empty && Number.isFinite(d.empty.ms));
	const before = new Map<string, Read>();
	for (const d of again) before.set(d.name, await rowsRead(R.db, d.userId, d.cursor!));
	const wrote = await writeElsewhere(R.db);
	log(`school ${WRITER_SCHOOL} wrote ${fmt(WRITTEN_ROWS)} rows in ${wrote.toFixed(0)} s`);
	const after = await emptyPulls(
		again.map((d) => ({
			label: `${d.name}'s empty pull after another school wrote ${fmt(WRITTEN_ROWS)}`,
			db: R.db,
			userId: d.userId,
			cursor: d.cursor!
		}))
	);
	for (const [i, d] of again.entries()) {
		const was = before.get(d.name)!.rows;
		const now = after[i]!.read.rows;
		rows[rows.length - again.length + i]![6] =
			`${fmt(was)} → ${Number.isFinite(now) ? fmt(now) : 'cut'} ${mark(was === now)}`;
	}
	// Every page of every pull above: first pulls, the pulls that bring a device up to date, empty pulls.
	const slowestPage = Math.max(...pages);
	add([
		'slowest page seen (any pull above)',
		'',
		'',
		ms(slowestPage),
		'',
		'',
		'',
		`≤ ${fmt(GOAL.page)} ms ${mark(slowestPage <= GOAL.page)}`
	]);

	const header = ['case', 'rows', 'pages', 'median ms', 'runs', 'slowest page ms', 'rows read', 'goal'];
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
	const line = (r: string[]) => `| ${r.map((c, i) => (c ?? '').padEnd(widths[i]!)).join(' | ')} |`;
	console.log(
		[
			'',
			`sync bench: a region of ${fmt(TEACHERS)} teachers in ${SCHOOLS} schools of ${MUNICIPALITIES} municipalities, ${fmt(R.total)} synced rows ` +
				`(built in ${R.seconds.toFixed(0)} s); the own-school database holds ${fmt(own.total)}. Page size ${PAGE}; medians after a warm-up run; ` +
				`a pull is cut after ${CAP_MS / 1000} s. Rows read: seq_tup_read + idx_tup_fetch in the pull's transaction.`,
			`rows per table: ${SYNCED.map((t) => `${t} ${fmt(R.counts[t]!)}`).join(', ')}`,
			line(header),
			line(widths.map((w) => '-'.repeat(w))),
			...rows.map(line),
			...notes.map((n) => `note: ${n}`),
			''
		].join('\n')
	);
}, 3_600_000);
