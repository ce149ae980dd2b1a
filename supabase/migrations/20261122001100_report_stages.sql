-- Reports by monitoring stage, and fast enough for a region.
--
-- Stage (DOMAIN.md: every indicator is computed for a scope, a year and optionally a stage). The
-- stage is the monitoring point the methodist looks at — входная, промежуточная, итоговая — and
-- the figures are those standing at that point (src/lib/domain/report-stage.ts says the same):
-- - growth compares the entry assessment with the chosen stage's (итоговая when none is chosen,
--   which is DOMAIN's rule); at the entry stage there is nothing to compare, so no teacher has a
--   pair and growth is «нет данных»;
-- - the heat map's mean level takes each teacher's latest assessment at or before the chosen stage;
-- - yearly counts (courses, categories, plans, deficits, mentoring, observations) belong to the
--   whole academic year and do not change with the stage.
--
-- Speed (`npm run bench`: 30,000 teachers, 600 schools, ≤ 300 ms for a municipality, ≤ 1 s for the
-- region). Report time used to go into reading every counted assessment's scores (≈ 38 rows per
-- assessment) and into sorting a year's assessments to find each teacher's latest one. Now
-- triggers keep, beside private.assessment_facts (which gains each assessment's per-competency
-- means), one row per teacher, year and kind with the latest assessment of each stage already
-- picked (private.assessment_kind_stages, and per framework private.assessment_framework_stages),
-- so a report reads one narrow row per teacher and aggregates once per school. The report
-- functions also run without JIT and with more work_mem (see the end of this file).

-- ——— Facts: competency means and the latest of each slot ————————————————————————————————

-- The competency's position in the framework (1-based), so a competency's mean has a fixed index.
alter table private.framework_indicators add column competency_ord integer;

create or replace function private.keep_framework_indicators() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  delete from private.framework_indicators where framework_id = new.id;
  insert into private.framework_indicators (framework_id, indicator_id, grp, competency_ord)
  select distinct on (ind ->> 'id') new.id, ind ->> 'id', c.value ->> 'group', c.ord::integer
  from jsonb_array_elements(new.competencies) with ordinality c (value, ord)
    cross join lateral jsonb_array_elements(c.value -> 'indicators') ind
  where ind ->> 'id' is not null and c.value ->> 'group' is not null
  order by ind ->> 'id', c.ord;
  return null;
end
$$;

update private.framework_indicators i set competency_ord = x.ord
from (
  select distinct on (f.id, ind ->> 'id') f.id as framework_id, ind ->> 'id' as indicator_id, c.ord::integer as ord
  from public.frameworks f
    cross join lateral jsonb_array_elements(f.competencies) with ordinality c (value, ord)
    cross join lateral jsonb_array_elements(c.value -> 'indicators') ind
  order by f.id, ind ->> 'id', c.ord
) x
where x.framework_id = i.framework_id and x.indicator_id = i.indicator_id;

-- Per competency (by position) the mean of its answered indicators; null where none is answered
-- (scoring.ts competencyMean). Sums of small integers are exact in double precision, so each mean
-- is the one TypeScript computes.
create function private.competency_means(p_framework uuid, p_scores jsonb) returns double precision[]
language sql stable security definer set search_path = ''
as $$
  with s as (
    select i.competency_ord as ord, avg((e.value #>> '{}')::double precision) as mean
    from jsonb_each(p_scores) e
    join private.framework_indicators i on i.framework_id = p_framework and i.indicator_id = e.key
    where jsonb_typeof(e.value) = 'number'
    group by i.competency_ord
  )
  select coalesce(array_agg(s.mean order by c.ord), '{}')
  from generate_series(1, (select coalesce(max(i.competency_ord), 0) from private.framework_indicators i
                           where i.framework_id = p_framework)) c (ord)
  left join s on s.ord = c.ord
$$;

alter table private.assessment_facts add column competency_means double precision[] not null default '{}';

-- Each teacher's year and assessment kind in one row: the latest submission (then greatest id) of
-- each stage, whatever its framework — what the indicators count. A report reads one narrow row
-- per teacher instead of sorting and pivoting the year's assessments.
create table private.assessment_kind_stages (
  teacher_id uuid not null,
  academic_year integer not null,
  kind text not null,
  -- Per stage: the framework of the latest assessment and its group means (null: no such
  -- assessment, or none of the group's indicators answered).
  entry_framework uuid, entry_meta double precision, entry_subject double precision,
  intermediate_framework uuid, intermediate_meta double precision, intermediate_subject double precision,
  final_framework uuid, final_meta double precision, final_subject double precision,
  primary key (academic_year, teacher_id, kind)
);

-- The same per framework — what the competence report counts (its framework's latest of each
-- stage) — with the per-competency means too.
create table private.assessment_framework_stages (
  teacher_id uuid not null,
  academic_year integer not null,
  kind text not null,
  framework_id uuid not null,
  entry_means double precision[], entry_meta double precision, entry_subject double precision,
  intermediate_means double precision[], intermediate_meta double precision, intermediate_subject double precision,
  final_means double precision[], final_meta double precision, final_subject double precision,
  primary key (academic_year, kind, framework_id, teacher_id)
);

alter table private.assessment_kind_stages enable row level security;
alter table private.assessment_framework_stages enable row level security;
revoke all on private.assessment_kind_stages, private.assessment_framework_stages from public, anon, authenticated;

-- What the two tables should hold, computed from the facts. The refresh below filters these
-- views on one teacher, year and kind: the planner pushes that filter down to the facts' index,
-- so one definition serves the trigger and the full rebuild alike.
create view private.assessment_kind_stages_computed as
select x.teacher_id, x.academic_year, x.kind,
  (array_agg(x.framework_id) filter (where x.stage = 'entry'))[1] as entry_framework,
  max(x.meta) filter (where x.stage = 'entry') as entry_meta, max(x.subject) filter (where x.stage = 'entry') as entry_subject,
  (array_agg(x.framework_id) filter (where x.stage = 'intermediate'))[1] as intermediate_framework,
  max(x.meta) filter (where x.stage = 'intermediate') as intermediate_meta, max(x.subject) filter (where x.stage = 'intermediate') as intermediate_subject,
  (array_agg(x.framework_id) filter (where x.stage = 'final'))[1] as final_framework,
  max(x.meta) filter (where x.stage = 'final') as final_meta, max(x.subject) filter (where x.stage = 'final') as final_subject
from (
  -- The latest submission (then greatest id) of each stage; one row each, so max() picks it.
  select distinct on (f.teacher_id, f.academic_year, f.kind, f.stage) f.teacher_id, f.academic_year, f.kind, f.stage, f.framework_id,
    case when f.meta_count > 0 then f.meta_sum / f.meta_count end as meta,
    case when f.subject_count > 0 then f.subject_sum / f.subject_count end as subject
  from private.assessment_facts f
  order by f.teacher_id, f.academic_year, f.kind, f.stage, f.submitted_at desc, f.assessment_id desc
) x
group by x.teacher_id, x.academic_year, x.kind;

create view private.assessment_framework_stages_computed as
select x.teacher_id, x.academic_year, x.kind, x.framework_id,
  max(x.means) filter (where x.stage = 'entry') as entry_means,
  max(x.meta) filter (where x.stage = 'entry') as entry_meta, max(x.subject) filter (where x.stage = 'entry') as entry_subject,
  max(x.means) filter (where x.stage = 'intermediate') as intermediate_means,
  max(x.meta) filter (where x.stage = 'intermediate') as intermediate_meta, max(x.subject) filter (where x.stage = 'intermediate') as intermediate_subject,
  max(x.means) filter (where x.stage = 'final') as final_means,
  max(x.meta) filter (where x.stage = 'final') as final_meta, max(x.subject) filter (where x.stage = 'final') as final_subject
from (
  select distinct on (f.teacher_id, f.academic_year, f.kind, f.framework_id, f.stage) f.teacher_id, f.academic_year, f.kind, f.framework_id, f.stage,
    f.competency_means as means,
    case when f.meta_count > 0 then f.meta_sum / f.meta_count end as meta,
    case when f.subject_count > 0 then f.subject_sum / f.subject_count end as subject
  from private.assessment_facts f
  order by f.teacher_id, f.academic_year, f.kind, f.framework_id, f.stage, f.submitted_at desc, f.assessment_id desc
) x
group by x.teacher_id, x.academic_year, x.kind, x.framework_id;

revoke all on private.assessment_kind_stages_computed, private.assessment_framework_stages_computed from public, anon, authenticated;

-- Rebuild both rows of one teacher, year and kind from the facts (a handful of rows).
create function private.refresh_assessment_stages(p_teacher uuid, p_year integer, p_kind text) returns void
language sql security definer set search_path = ''
as $$
  delete from private.assessment_kind_stages where teacher_id = p_teacher and academic_year = p_year and kind = p_kind;
  delete from private.assessment_framework_stages where teacher_id = p_teacher and academic_year = p_year and kind = p_kind;
  insert into private.assessment_kind_stages
  select * from private.assessment_kind_stages_computed c
  where c.teacher_id = p_teacher and c.academic_year = p_year and c.kind = p_kind;
  insert into private.assessment_framework_stages
  select * from private.assessment_framework_stages_computed c
  where c.teacher_id = p_teacher and c.academic_year = p_year and c.kind = p_kind;
$$;

create or replace function private.keep_assessment_facts() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if new.status = 'submitted' and new.deleted_at is null and new.submitted_at is not null then
    insert into private.assessment_facts (assessment_id, teacher_id, academic_year, kind, stage, framework_id, submitted_at,
                                          meta_sum, meta_count, subject_sum, subject_count, competency_means)
    select new.id, new.teacher_id, new.academic_year, new.kind, new.stage, new.framework_id, new.submitted_at,
           g.meta_sum, g.meta_count, g.subject_sum, g.subject_count, private.competency_means(new.framework_id, new.scores)
    from private.group_sums(new.framework_id, new.scores) g
    on conflict (assessment_id) do update
      set teacher_id = excluded.teacher_id, academic_year = excluded.academic_year, kind = excluded.kind, stage = excluded.stage,
          framework_id = excluded.framework_id, submitted_at = excluded.submitted_at,
          meta_sum = excluded.meta_sum, meta_count = excluded.meta_count,
          subject_sum = excluded.subject_sum, subject_count = excluded.subject_count,
          competency_means = excluded.competency_means;
  elsif tg_op = 'UPDATE' and old.status = 'submitted' and old.deleted_at is null then
    delete from private.assessment_facts where assessment_id = new.id;
  else
    -- A draft: not in the facts, nothing to refresh.
    return null;
  end if;
  -- The teacher's year and kind the row was in, if it moved, and the one it is in now.
  if tg_op = 'UPDATE' and (old.teacher_id, old.academic_year, old.kind) is distinct from (new.teacher_id, new.academic_year, new.kind) then
    perform private.refresh_assessment_stages(old.teacher_id, old.academic_year, old.kind);
  end if;
  perform private.refresh_assessment_stages(new.teacher_id, new.academic_year, new.kind);
  return null;
end
$$;

-- Everything the triggers keep, recomputed from the assessments in set-based statements: for
-- this migration's existing rows, for a bulk load made with triggers off (`npm run bench`), or
-- after repairing data by hand.
create function private.rebuild_assessment_facts() returns void
language sql security definer set search_path = ''
as $$
  delete from private.assessment_facts;
  insert into private.assessment_facts (assessment_id, teacher_id, academic_year, kind, stage, framework_id, submitted_at,
                                        meta_sum, meta_count, subject_sum, subject_count, competency_means)
  select a.id, a.teacher_id, a.academic_year, a.kind, a.stage, a.framework_id, a.submitted_at,
         g.meta_sum, g.meta_count, g.subject_sum, g.subject_count, private.competency_means(a.framework_id, a.scores)
  from public.assessments a, private.group_sums(a.framework_id, a.scores) g
  where a.status = 'submitted' and a.deleted_at is null and a.submitted_at is not null;
  delete from private.assessment_kind_stages;
  delete from private.assessment_framework_stages;
  insert into private.assessment_kind_stages select * from private.assessment_kind_stages_computed;
  insert into private.assessment_framework_stages select * from private.assessment_framework_stages_computed;
$$;

select private.rebuild_assessment_facts();

-- ——— Stage ——————————————————————————————————————————————————————————————————————————————

-- The stage a report compares the entry with: the chosen one, итоговая when none is chosen.
create function private.report_stage(p_stage text) returns text
language plpgsql immutable set search_path = ''
as $$
begin
  if p_stage is not null and p_stage not in ('entry', 'intermediate', 'final') then
    raise exception using errcode = '22023', message = 'stage must be entry, intermediate or final';
  end if;
  return coalesce(p_stage, 'final');
end
$$;

-- ——— The scope's teachers in the report queries ———————————————————————————————————————

-- A report query marks each table it reads per teacher with /*in scope: <teacher column>*/.
-- For a scope holding a good part of all teachers (a region) the marks are dropped: reading the
-- whole table and keeping the scope's teachers at the final join with them is cheaper than
-- joining 30,000 ids into every read (measured: 14 against 40 ms a table). Otherwise each mark
-- becomes a join with the scope's distinct teacher ids, query parameter $p_param.
create function private.in_scope(p_sql text, p_teachers integer, p_param integer) returns text
language sql stable set search_path = ''
as $$
  select case
    when p_teachers * 4 >= (select greatest(c.reltuples, 1) from pg_catalog.pg_class c where c.oid = 'public.profiles'::regclass)
      then regexp_replace(p_sql, '/\*in scope: [a-z_.]+\*/', '', 'g')
    else regexp_replace(p_sql, '/\*in scope: ([a-z_.]+)\*/', format('join unnest($%s::uuid[]) ids (id) on ids.id = \1', p_param), 'g')
  end
$$;

-- ——— Indicators ——————————————————————————————————————————————————————————————————————————

-- The same counts as 20261122000700_indicators.sql (definitions: src/lib/domain/indicators.ts),
-- for the compared stage $5: growth pairs the entry with the chosen stage. Reshaped for speed: one
-- row per teacher carrying both years (the report shows the previous year beside each figure)
-- instead of one per teacher and year, each source grouped by teacher once, the latest
-- assessments read from their marks instead of sorted, and growth pivoted per teacher, year and
-- kind instead of a self-join. $6 is the distinct teacher ids: joining them (rather than
-- `= any` over a 30,000-element array) keeps planning cheap and the row estimates right.
drop function private.indicator_counts(uuid[], uuid[], integer, numeric);
create function private.indicator_counts(p_teachers uuid[], p_schools uuid[], p_year integer, p_threshold numeric, p_stage text)
returns table (
  year integer, is_total boolean, school_id uuid, teachers integer,
  pd_quality integer, pd_any integer, category integer, community integer, competition integer, iom integer,
  growth_meta integer, growth_meta_den integer, growth_meta_no_data integer,
  growth_subject integer, growth_subject_den integer, growth_subject_no_data integer,
  deficits_closed integer, deficits_open integer, young_supported integer, young integer, observed integer
)
language plpgsql stable security definer set search_path = ''
as $fn$
begin
  return query execute private.in_scope($q$
  with b as (
    -- Year 1 is the previous academic year, year 2 the reported one; deficit histories hold
    -- ISO instants, compared by their UTC date.
    select make_date($3 - 1, 9, 1) as s1, make_date($3, 8, 31) as e1, make_date($3, 9, 1) as s2, make_date($3 + 1, 8, 31) as e2,
      to_char(make_date($3 - 1, 9, 1), 'YYYY-MM-DD') as s1t, to_char(make_date($3, 8, 31), 'YYYY-MM-DD') as e1t,
      to_char(make_date($3, 9, 1), 'YYYY-MM-DD') as s2t, to_char(make_date($3 + 1, 8, 31), 'YYYY-MM-DD') as e2t
  ),
  t as (select u.teacher_id, u.school_id from unnest($1::uuid[], $2::uuid[]) u (teacher_id, school_id)),
  -- A course counts in the year it was completed; a community or competition when it overlaps
  -- the year (a community without an end is ongoing).
  act as (
    select a.teacher_id,
      bool_or(a.kind = 'course' and a.completed and a.quality_related and a.end_date between b.s1 and b.e1) as pd_quality1,
      bool_or(a.kind = 'course' and a.completed and a.quality_related and a.end_date between b.s2 and b.e2) as pd_quality2,
      bool_or(a.kind = 'course' and a.completed and a.end_date between b.s1 and b.e1) as pd_any1,
      bool_or(a.kind = 'course' and a.completed and a.end_date between b.s2 and b.e2) as pd_any2,
      bool_or(a.kind in ('community', 'competition') and a.start_date <= b.e1
        and (coalesce(a.end_date, a.start_date) >= b.s1 or (a.kind = 'community' and a.end_date is null))) as community1,
      bool_or(a.kind in ('community', 'competition') and a.start_date <= b.e2
        and (coalesce(a.end_date, a.start_date) >= b.s2 or (a.kind = 'community' and a.end_date is null))) as community2,
      bool_or(a.kind = 'competition' and a.start_date <= b.e1 and coalesce(a.end_date, a.start_date) >= b.s1) as competition1,
      bool_or(a.kind = 'competition' and a.start_date <= b.e2 and coalesce(a.end_date, a.start_date) >= b.s2) as competition2
    from public.activities a /*in scope: a.teacher_id*/ cross join b
    where a.deleted_at is null
    group by a.teacher_id
  ),
  iom as (
    select p.teacher_id, bool_or(p.academic_year = $3 - 1) as iom1, bool_or(p.academic_year = $3) as iom2
    from public.development_plans p /*in scope: p.teacher_id*/
    where p.deleted_at is null and p.academic_year in ($3 - 1, $3) and p.status in ('active', 'completed')
    group by p.teacher_id
  ),
  -- Per teacher, year and kind: the group means of the latest entry and of the latest assessment
  -- of the compared stage (none at the entry stage), and whether both were taken against one framework.
  kinds as (
    select k.teacher_id, k.academic_year as y, array_position(array['self', 'expert', 'test', 'observation'], k.kind) as rank,
      k.entry_meta, k.entry_subject,
      case $5 when 'intermediate' then k.intermediate_meta when 'final' then k.final_meta end as compared_meta,
      case $5 when 'intermediate' then k.intermediate_subject when 'final' then k.final_subject end as compared_subject,
      k.entry_framework = case $5 when 'intermediate' then k.intermediate_framework when 'final' then k.final_framework end as one_framework
    from private.assessment_kind_stages k /*in scope: k.teacher_id*/
    where k.academic_year in ($3 - 1, $3)
  ),
  -- Growth per kind; null where the pair does not answer the group. Exactly at the threshold
  -- counts (the slack absorbs rounding of the means, as MEAN_EPSILON does in TypeScript).
  pairs as (
    select k.teacher_id, k.y, k.rank,
      case when k.one_framework and k.entry_meta is not null and k.compared_meta is not null
        then k.compared_meta - k.entry_meta >= $4 - 1e-9 end as meta,
      case when k.one_framework and k.entry_subject is not null and k.compared_subject is not null
        then k.compared_subject - k.entry_subject >= $4 - 1e-9 end as subject
    from kinds k
  ),
  -- The first kind (self, expert, test, observation) that answers the group decides: the least
  -- rank * 2 + (0 grew, 1 did not) is even exactly when that kind shows growth.
  growth as (
    select p.teacher_id,
      (min(p.rank * 2 + case when p.meta then 0 else 1 end) filter (where p.meta is not null and p.y = $3 - 1)) % 2 = 0 as meta1,
      (min(p.rank * 2 + case when p.meta then 0 else 1 end) filter (where p.meta is not null and p.y = $3)) % 2 = 0 as meta2,
      (min(p.rank * 2 + case when p.subject then 0 else 1 end) filter (where p.subject is not null and p.y = $3 - 1)) % 2 = 0 as subject1,
      (min(p.rank * 2 + case when p.subject then 0 else 1 end) filter (where p.subject is not null and p.y = $3)) % 2 = 0 as subject2
    from pairs p group by p.teacher_id
  ),
  -- A deficit was open in a year when it was open on 1 September or moved to an open status in
  -- the year; it was closed when, being so, it moved to overcome in the year (UTC dates). One
  -- pass over each history gives both years. Its status on 1 September is that of the last
  -- change before it in the history's order: the greatest n * 2 + open, whose parity is open —
  -- an aggregate without the sort an ordered array_agg would need per deficit.
  def as (
    select d.teacher_id,
      (count(*) filter (where s.open1))::integer as open1, (count(*) filter (where s.open1 and s.closed1))::integer as closed1,
      (count(*) filter (where s.open2))::integer as open2, (count(*) filter (where s.open2 and s.closed2))::integer as closed2
    from public.deficits d
    /*in scope: d.teacher_id*/
    cross join b
    cross join lateral (
      select
        coalesce(bool_or(h.open) filter (where h.day between b.s1t and b.e1t), false)
          or coalesce((max(h.n * 2 + h.open::integer) filter (where h.day < b.s1t)) % 2 = 1, false) as open1,
        coalesce(bool_or(h.status = 'overcome') filter (where h.day between b.s1t and b.e1t), false) as closed1,
        coalesce(bool_or(h.open) filter (where h.day between b.s2t and b.e2t), false)
          or coalesce((max(h.n * 2 + h.open::integer) filter (where h.day < b.s2t)) % 2 = 1, false) as open2,
        coalesce(bool_or(h.status = 'overcome') filter (where h.day between b.s2t and b.e2t), false) as closed2
      from (
        select x.e ->> 'status' as status, coalesce(x.e ->> 'status' in ('identified', 'in_progress'), false) as open,
               left(x.e ->> 'at', 10) as day, x.n
        from jsonb_array_elements(d.history) with ordinality x (e, n)
      ) h
    ) s
    where d.deleted_at is null
    group by d.teacher_id
  ),
  -- A session in the year within a pairing that was active in the year.
  supported as (
    select s.mentee_id as teacher_id,
      bool_or(s.date between b.s1 and b.e1 and p.start_date <= b.e1 and (p.end_date is null or p.end_date >= b.s1)) as supported1,
      bool_or(s.date between b.s2 and b.e2 and p.start_date <= b.e2 and (p.end_date is null or p.end_date >= b.s2)) as supported2
    from public.mentoring_sessions s
    /*in scope: s.mentee_id*/
    join public.mentoring_pairs p on p.id = s.pair_id and p.mentee_id = s.mentee_id and p.deleted_at is null
    cross join b
    where s.deleted_at is null
    group by s.mentee_id
  ),
  observed as (
    select o.teacher_id, bool_or(o.date between b.s1 and b.e1) as observed1, bool_or(o.date between b.s2 and b.e2) as observed2
    from public.observations o /*in scope: o.teacher_id*/ cross join b
    where o.deleted_at is null and o.status = 'submitted'
    group by o.teacher_id
  ),
  per as (
    select t.school_id,
      (pr.category in ('highest', 'first') and pr.category_expires_on >= b.e1) is true as category1,
      (pr.category in ('highest', 'first') and pr.category_expires_on >= b.e2) is true as category2,
      pr.experience_years < 3 as young,
      act.pd_quality1, act.pd_quality2, act.pd_any1, act.pd_any2, act.community1, act.community2,
      act.competition1, act.competition2, iom.iom1, iom.iom2,
      g.meta1, g.meta2, g.subject1, g.subject2,
      def.open1, def.closed1, def.open2, def.closed2,
      sup.supported1, sup.supported2, obs.observed1, obs.observed2
    from t
    join public.profiles pr on pr.id = t.teacher_id
    cross join b
    left join act on act.teacher_id = t.teacher_id
    left join iom on iom.teacher_id = t.teacher_id
    left join growth g on g.teacher_id = t.teacher_id
    left join def on def.teacher_id = t.teacher_id
    left join supported sup on sup.teacher_id = t.teacher_id
    left join observed obs on obs.teacher_id = t.teacher_id
  ),
  sums as (
    select grouping(per.school_id) = 1 as is_total, per.school_id, count(*)::integer as teachers,
      (count(*) filter (where per.pd_quality1))::integer as pd_quality1, (count(*) filter (where per.pd_quality2))::integer as pd_quality2,
      (count(*) filter (where per.pd_any1))::integer as pd_any1, (count(*) filter (where per.pd_any2))::integer as pd_any2,
      (count(*) filter (where per.category1))::integer as category1, (count(*) filter (where per.category2))::integer as category2,
      (count(*) filter (where per.community1))::integer as community1, (count(*) filter (where per.community2))::integer as community2,
      (count(*) filter (where per.competition1))::integer as competition1, (count(*) filter (where per.competition2))::integer as competition2,
      (count(*) filter (where per.iom1))::integer as iom1, (count(*) filter (where per.iom2))::integer as iom2,
      (count(*) filter (where per.meta1))::integer as meta1, count(per.meta1)::integer as meta_den1,
      (count(*) filter (where per.meta2))::integer as meta2, count(per.meta2)::integer as meta_den2,
      (count(*) filter (where per.subject1))::integer as subject1, count(per.subject1)::integer as subject_den1,
      (count(*) filter (where per.subject2))::integer as subject2, count(per.subject2)::integer as subject_den2,
      coalesce(sum(per.closed1), 0)::integer as closed1, coalesce(sum(per.open1), 0)::integer as open1,
      coalesce(sum(per.closed2), 0)::integer as closed2, coalesce(sum(per.open2), 0)::integer as open2,
      (count(*) filter (where per.young and per.supported1))::integer as supported1,
      (count(*) filter (where per.young and per.supported2))::integer as supported2,
      (count(*) filter (where per.young))::integer as young,
      (count(*) filter (where per.observed1))::integer as observed1, (count(*) filter (where per.observed2))::integer as observed2
    from per
    group by grouping sets ((per.school_id), ())
  )
  select v.*
  from sums s
  cross join lateral (values
    ($3 - 1, s.is_total, case when not s.is_total then s.school_id end, s.teachers,
      s.pd_quality1, s.pd_any1, s.category1, s.community1, s.competition1, s.iom1,
      s.meta1, s.meta_den1, s.teachers - s.meta_den1, s.subject1, s.subject_den1, s.teachers - s.subject_den1,
      s.closed1, s.open1, s.supported1, s.young, s.observed1),
    ($3, s.is_total, case when not s.is_total then s.school_id end, s.teachers,
      s.pd_quality2, s.pd_any2, s.category2, s.community2, s.competition2, s.iom2,
      s.meta2, s.meta_den2, s.teachers - s.meta_den2, s.subject2, s.subject_den2, s.teachers - s.subject_den2,
      s.closed2, s.open2, s.supported2, s.young, s.observed2)
  ) v
  $q$, cardinality(p_teachers), 6) using p_teachers, p_schools, p_year, p_threshold, private.report_stage(p_stage),
    array(select distinct u.id from unnest(p_teachers) u (id));
end
$fn$;

create or replace function private.report_indicators(p_org uuid, p_year integer, p_stage text, p_threshold numeric)
returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_access text := private.report_access(p_org);
  v_suppress boolean := v_access <> 'school';
  v_kind text;
  v_teachers uuid[];
  v_schools uuid[];
  v_result jsonb;
begin
  if p_year is null or p_year not between 2000 and 2100 then
    raise exception using errcode = '22023', message = 'year must be between 2000 and 2100';
  end if;
  perform private.report_stage(p_stage);
  if p_threshold is null or p_threshold < 0 or p_threshold > 3 then
    raise exception using errcode = '22023', message = 'threshold must be between 0 and 3';
  end if;
  select o.kind into v_kind from public.organizations o where o.id = p_org;
  select coalesce(array_agg(r.teacher_id), '{}'), coalesce(array_agg(r.school_id), '{}') into v_teachers, v_schools
  from private.report_teachers(p_org, p_year) r;

  with recursive
  counts as materialized (select * from private.indicator_counts(v_teachers, v_schools, p_year, p_threshold, p_stage)),
  cur as (select * from counts k where k.year = p_year),
  prev as (select * from counts k where k.year = p_year - 1),
  -- The scope itself (school_id null) and, for a municipality or region, each of its schools.
  units as (
    select null::uuid as school_id, p_org as org_id
    union all
    select o.id, o.id from public.organizations o
    where v_kind in ('municipality', 'region') and o.kind = 'school' and o.deleted_at is null
      and o.id in (select private.org_subtree(p_org))
  ),
  -- A target of the unit, else of its nearest ancestor.
  chain (org_id, anc_id, depth) as (
    select u.org_id, u.org_id, 0 from units u
    union all
    select c.org_id, o.parent_id, c.depth + 1 from chain c join public.organizations o on o.id = c.anc_id
    where o.parent_id is not null and c.depth < 10
  ),
  targets as (
    select distinct on (c.org_id, x.code) c.org_id, x.code, x.value
    from chain c join public.indicator_targets x on x.organization_id = c.anc_id
    where x.academic_year = p_year and x.deleted_at is null
    order by c.org_id, x.code, c.depth
  ),
  figures as (
    select u.school_id, u.org_id, coalesce(c.teachers, 0) as teachers,
      -- One indicator as JSON with the k ≥ 5 rule (privacy.ts; indicators.ts isSuppressed), written
      -- out here rather than called: a function with a SET clause costs a GUC save and restore on
      -- every call, 100 ms over a region's 6,600 figures.
      jsonb_agg(case
          when v_suppress and (coalesce(c.teachers, 0) < 5 or (v.den > 0 and v.den < 5)) then
            jsonb_build_object('code', v.code, 'numerator', null, 'denominator', null, 'value', null, 'noData', 0,
                               'target', tg.value, 'previous', null, 'suppressed', true)
          else
            jsonb_build_object('code', v.code, 'numerator', v.num, 'denominator', v.den,
              'value', case when v.den > 0 then v.num::numeric / v.den end,
              'noData', v.no_data, 'target', tg.value,
              'previous', case
                when v_suppress and (coalesce(c.teachers, 0) < 5 or (v.pden > 0 and v.pden < 5)) then null
                when v.pden > 0 then v.pnum::numeric / v.pden
              end,
              'suppressed', false)
        end order by v.ord) as indicators
    from units u
    -- The scope's row has no school: an all-zero uuid stands for it so the joins can hash.
    left join cur c on coalesce(c.school_id, '00000000-0000-0000-0000-000000000000') = coalesce(u.school_id, '00000000-0000-0000-0000-000000000000')
    left join prev p on coalesce(p.school_id, '00000000-0000-0000-0000-000000000000') = coalesce(u.school_id, '00000000-0000-0000-0000-000000000000')
    cross join lateral (values
      (1, 'PD_QUALITY', c.pd_quality, c.teachers, 0, p.pd_quality, p.teachers),
      (2, 'PD_ANY', c.pd_any, c.teachers, 0, p.pd_any, p.teachers),
      (3, 'CATEGORY', c.category, c.teachers, 0, p.category, p.teachers),
      (4, 'COMMUNITY', c.community, c.teachers, 0, p.community, p.teachers),
      (5, 'COMPETITION', c.competition, c.teachers, 0, p.competition, p.teachers),
      (6, 'IOM', c.iom, c.teachers, 0, p.iom, p.teachers),
      (7, 'GROWTH_META', c.growth_meta, c.growth_meta_den, c.growth_meta_no_data, p.growth_meta, p.growth_meta_den),
      (8, 'GROWTH_SUBJECT', c.growth_subject, c.growth_subject_den, c.growth_subject_no_data, p.growth_subject, p.growth_subject_den),
      (9, 'DEFICITS_CLOSED', c.deficits_closed, c.deficits_open, 0, p.deficits_closed, p.deficits_open),
      (10, 'YOUNG_SUPPORTED', c.young_supported, c.young, 0, p.young_supported, p.young),
      (11, 'OBSERVED', c.observed, c.teachers, 0, p.observed, p.teachers)
    ) as v0 (ord, code, num, den, no_data, pnum, pden)
    cross join lateral (select v0.ord, v0.code, coalesce(v0.num, 0) as num, coalesce(v0.den, 0) as den,
                               coalesce(v0.no_data, 0) as no_data, coalesce(v0.pnum, 0) as pnum, coalesce(v0.pden, 0) as pden) v
    left join targets tg on tg.org_id = u.org_id and tg.code = v.code
    group by u.school_id, u.org_id, c.teachers
  )
  select jsonb_build_object(
    'scope', p_org, 'year', p_year, 'stage', p_stage, 'threshold', p_threshold, 'access', v_access,
    'teachers', f.teachers, 'suppressed', v_suppress and f.teachers < 5, 'indicators', f.indicators)
    || case when v_kind in ('municipality', 'region') then jsonb_build_object('schools', (
      select coalesce(jsonb_agg(jsonb_build_object(
          'school_id', s.school_id, 'name', o.name, 'low_results', o.low_results,
          'adverse_conditions', o.adverse_conditions, 'program500', o.program500,
          'teachers', s.teachers, 'suppressed', v_suppress and s.teachers < 5, 'indicators', s.indicators)
        order by o.name, o.id), '[]'::jsonb)
      from figures s join public.organizations o on o.id = s.school_id
      where s.school_id is not null))
    else '{}'::jsonb end
  into v_result
  from figures f where f.school_id is null;
  return v_result;
end
$$;


-- Written out in report_indicators above; nothing else calls it.
drop function private.indicator_json(text, integer, integer, integer, integer, integer, integer, numeric, boolean);

-- ——— Competence growth ———————————————————————————————————————————————————————————————————

drop function private.competence_block(uuid[], int, text, uuid, numeric, text);
drop function public.report_competence(uuid, int, text, uuid, numeric);
drop function private.report_competence(uuid, int, text, uuid, numeric);
drop function private.competence_blocks(uuid[], uuid[], uuid[], int, text, uuid, numeric, text);

-- Every group's figures (competence-report.ts competenceBlock + suppressBlock), as in
-- 20261122000800_competence_reports.sql, for the compared stage p_stage: the scope (school_id
-- null: every row of p_teachers) and each school of p_school_list (the teachers whose p_schools
-- entry, parallel to p_teachers, is that school).
-- Per teacher one row: the competency means (arrays by position) and group means of the entry,
-- of the compared stage and of the latest stage up to it. Then one aggregation with grouping sets
-- gives every school and the scope; per competency k it sums into arrays, written out for the
-- framework's K competencies (hence dynamic SQL; EXECUTE also plans with the actual arrays).
-- Means are sums over teachers divided by their count, in double precision like TypeScript.
-- For aggregate-only readers a group under 5 teachers is withheld whole, and inside a shown group
-- a figure resting on 1–4 teachers; one resting on none stays «нет данных» (reveals nobody),
-- as the indicators treat an empty denominator.
create function private.competence_blocks(
  p_teachers uuid[], p_schools uuid[], p_school_list uuid[],
  p_year int, p_kind text, p_framework uuid, p_threshold numeric, p_access text, p_stage text
) returns table (school_id uuid, block jsonb)
language plpgsql stable set search_path = ''
as $fn$
declare
  v_stage text := private.report_stage(p_stage);
  v_rank integer := case private.report_stage(p_stage) when 'entry' then 1 when 'intermediate' then 2 else 3 end;
  v_k integer;
  v_pair_n text;
  v_pair_e text;
  v_pair_c text;
  v_latest_n text;
  v_latest_s text;
  v_columns text;
begin
  select coalesce(max(i.competency_ord), 0) into v_k from private.framework_indicators i where i.framework_id = p_framework;
  select
    'array[' || coalesce(string_agg(format('count(p.e%1$s)', k), ', '), '') || ']::integer[]',
    'array[' || coalesce(string_agg(format('sum(p.e%1$s)', k), ', '), '') || ']::double precision[]',
    'array[' || coalesce(string_agg(format('sum(p.c%1$s)', k), ', '), '') || ']::double precision[]',
    'array[' || coalesce(string_agg(format('count(p.l%1$s)', k), ', '), '') || ']::integer[]',
    'array[' || coalesce(string_agg(format('sum(p.l%1$s)', k), ', '), '') || ']::double precision[]',
    coalesce(string_agg(format(
      ', case when x.c[%1$s] is not null then x.e[%1$s] end as e%1$s, case when x.e[%1$s] is not null then x.c[%1$s] end as c%1$s, x.l[%1$s] as l%1$s', k), ''), '')
    into v_pair_n, v_pair_e, v_pair_c, v_latest_n, v_latest_s, v_columns
  from generate_series(1, v_k) k;

  return query execute private.in_scope(format($q$
  with t as (select u.tid, u.sid from unnest($1::uuid[], $2::uuid[]) u (tid, sid)),
  -- One row per teacher, from the counted assessments (each stage's latest of this year, kind and
  -- framework): e the entry, c the compared stage (none at the entry stage), l the latest stage
  -- taken up to the compared one.
  x as (
    select s.teacher_id,
      s.entry_means as e,
      case $6 when 'intermediate' then s.intermediate_means when 'final' then s.final_means end as c,
      coalesce(case when $7 >= 3 then s.final_means end, case when $7 >= 2 then s.intermediate_means end, s.entry_means) as l,
      s.entry_meta as e_meta,
      case $6 when 'intermediate' then s.intermediate_meta when 'final' then s.final_meta end as c_meta,
      s.entry_subject as e_subject,
      case $6 when 'intermediate' then s.intermediate_subject when 'final' then s.final_subject end as c_subject
    from private.assessment_framework_stages s /*in scope: s.teacher_id*/
    where s.academic_year = $3 and s.kind = $4 and s.framework_id = $5
  ),
  -- The means as columns e1, c1, l1, …, each array read once per teacher here rather than in
  -- every aggregate below; e and c only where the teacher has both (a pair), so the aggregates
  -- need no filters.
  p as (select x.teacher_id, x.e_meta, x.c_meta, x.e_subject, x.c_subject %6$s from x),
  -- Per school first; the scope's figures are the schools' sums (an aggregate per school and
  -- one more for the scope would feed every teacher's row through twice).
  by_school as (
    select t.sid as gid, count(*)::integer as n,
      %1$s as pair_n, %2$s as pair_e, %3$s as pair_c, %4$s as latest_n, %5$s as latest_s,
      (count(*) filter (where p.e_meta is not null and p.c_meta is not null))::integer as meta_n,
      sum(p.e_meta) filter (where p.c_meta is not null) as meta_e,
      sum(p.c_meta) filter (where p.e_meta is not null) as meta_c,
      (count(*) filter (where p.c_meta - p.e_meta >= $8 - 1e-9))::integer as meta_grown,
      (count(*) filter (where p.e_subject is not null and p.c_subject is not null))::integer as subject_n,
      sum(p.e_subject) filter (where p.c_subject is not null) as subject_e,
      sum(p.c_subject) filter (where p.e_subject is not null) as subject_c,
      (count(*) filter (where p.c_subject - p.e_subject >= $8 - 1e-9))::integer as subject_grown
    from t left join p on p.teacher_id = t.tid
    group by t.sid
  ),
  -- Element-wise sums of the schools' arrays.
  scope_arrays as (
    select
      array_agg(x.pair_n order by x.k) as pair_n, array_agg(x.pair_e order by x.k) as pair_e,
      array_agg(x.pair_c order by x.k) as pair_c, array_agg(x.latest_n order by x.k) as latest_n,
      array_agg(x.latest_s order by x.k) as latest_s
    from (
      select k.k, sum(b.pair_n[k.k])::integer as pair_n, sum(b.pair_e[k.k]) as pair_e, sum(b.pair_c[k.k]) as pair_c,
        sum(b.latest_n[k.k])::integer as latest_n, sum(b.latest_s[k.k]) as latest_s
      from generate_series(1, $12) k (k) cross join by_school b
      group by k.k
    ) x
  ),
  agg as (
    select b.gid, b.n, b.pair_n, b.pair_e, b.pair_c, b.latest_n, b.latest_s, b.meta_n, b.meta_e, b.meta_c, b.meta_grown,
      b.subject_n, b.subject_e, b.subject_c, b.subject_grown
    from by_school b
    union all
    select '00000000-0000-0000-0000-000000000000'::uuid, coalesce(sum(b.n), 0)::integer,
      (select a.pair_n from scope_arrays a), (select a.pair_e from scope_arrays a), (select a.pair_c from scope_arrays a),
      (select a.latest_n from scope_arrays a), (select a.latest_s from scope_arrays a),
      coalesce(sum(b.meta_n), 0)::integer, sum(b.meta_e), sum(b.meta_c), coalesce(sum(b.meta_grown), 0)::integer,
      coalesce(sum(b.subject_n), 0)::integer, sum(b.subject_e), sum(b.subject_c), coalesce(sum(b.subject_grown), 0)::integer
    from by_school b
  ),
  grp as (
    select x.gid, x.school_id, coalesce(a.n, 0) as n
    from (
      select '00000000-0000-0000-0000-000000000000'::uuid as gid, null::uuid as school_id
      union all
      select s.id, s.id from unnest($10::uuid[]) s (id)
    ) x left join agg a on a.gid = x.gid
  ),
  -- The groups shown (the others are suppressed whole).
  shown as (select g.gid, g.n from grp g where $9 = 'school' or g.n >= 5),
  comp_list as (
    select c.ord::integer as ord, c.value ->> 'id' as competency_id, c.value ->> 'group' as grp
    from public.frameworks fw cross join lateral jsonb_array_elements(fw.competencies) with ordinality c (value, ord)
    where fw.id = $5
  ),
  group_list (grp, ord) as (values ('meta', 1), ('subject', 2)),
  open_deficits as (
    select distinct d.teacher_id, d.competency_id
    from public.deficits d /*in scope: d.teacher_id*/
    where d.deleted_at is null and d.status in ('identified', 'in_progress')
  ),
  deficit_agg as (
    select case when grouping(t.sid) = 1 then '00000000-0000-0000-0000-000000000000'::uuid else t.sid end as gid,
      d.competency_id, count(*)::integer as n
    from t join open_deficits d on d.teacher_id = t.tid
    group by grouping sets ((t.sid, d.competency_id), (d.competency_id))
  ),
  plan_t as (
    select p.teacher_id, (count(*) filter (where a.status = 'done'))::integer as done, count(*)::integer as total
    from public.plan_actions a
    join public.development_plans p on p.id = a.plan_id
    /*in scope: p.teacher_id*/
    where p.deleted_at is null and p.academic_year = $3
      and a.deleted_at is null and a.status <> 'cancelled'
    group by p.teacher_id
  ),
  young_t as (
    select pr.id, exists (
        select 1 from public.mentoring_pairs mp
        where mp.mentee_id = pr.id and mp.deleted_at is null
          and mp.start_date <= make_date($3 + 1, 8, 31)
          and (mp.end_date is null or mp.end_date >= make_date($3, 9, 1))
      ) as covered
    from public.profiles pr /*in scope: pr.id*/
    where pr.experience_years < 3
  ),
  observed_t as (
    select o.teacher_id, count(*)::integer as n
    from public.observations o /*in scope: o.teacher_id*/
    where o.deleted_at is null and o.status = 'submitted'
      and o.date between make_date($3, 9, 1) and make_date($3 + 1, 8, 31)
    group by o.teacher_id
  ),
  counts as (
    select case when grouping(t.sid) = 1 then '00000000-0000-0000-0000-000000000000'::uuid else t.sid end as gid,
      coalesce(sum(pl.done), 0)::integer as plan_done, coalesce(sum(pl.total), 0)::integer as plan_total,
      (count(y.id) filter (where y.covered))::integer as young_covered, count(y.id)::integer as young_total,
      coalesce(sum(ob.n), 0)::integer as observed
    from t
    left join plan_t pl on pl.teacher_id = t.tid
    left join young_t y on y.id = t.tid
    left join observed_t ob on ob.teacher_id = t.tid
    group by grouping sets ((t.sid), ())
  ),
  competencies_json as (
    select g.gid, jsonb_agg(jsonb_build_object(
        'competencyId', k.competency_id, 'group', k.grp, 'teachers', x.n,
        'entry', case when $9 <> 'school' and x.n between 1 and 4 or x.n = 0 then null else a.pair_e[k.ord] / x.n end,
        'final', case when $9 <> 'school' and x.n between 1 and 4 or x.n = 0 then null else a.pair_c[k.ord] / x.n end,
        'suppressed', $9 <> 'school' and x.n between 1 and 4) order by k.ord) as j
    from shown g cross join comp_list k
    left join agg a on a.gid = g.gid
    cross join lateral (select coalesce(a.pair_n[k.ord], 0) as n) x
    group by g.gid
  ),
  groups_json as (
    select g.gid, jsonb_agg(case when $9 <> 'school' and x.n between 1 and 4 then jsonb_build_object(
          'group', k.grp, 'teachers', x.n, 'entry', null, 'final', null, 'suppressed', true,
          'growth', jsonb_build_object('numerator', null, 'denominator', null, 'value', null, 'noData', null))
        else jsonb_build_object(
          'group', k.grp, 'teachers', x.n,
          'entry', case when x.n > 0 then x.e / x.n end, 'final', case when x.n > 0 then x.c / x.n end, 'suppressed', false,
          'growth', jsonb_build_object('numerator', x.grown, 'denominator', x.n,
            'value', case when x.n = 0 then null else x.grown::numeric / x.n end,
            'noData', g.n - x.n))
        end order by k.ord) as j
    from shown g cross join group_list k
    left join agg a on a.gid = g.gid
    cross join lateral (
      select case k.grp when 'meta' then coalesce(a.meta_n, 0) else coalesce(a.subject_n, 0) end as n,
             case k.grp when 'meta' then a.meta_e else a.subject_e end as e,
             case k.grp when 'meta' then a.meta_c else a.subject_c end as c,
             case k.grp when 'meta' then coalesce(a.meta_grown, 0) else coalesce(a.subject_grown, 0) end as grown
    ) x
    group by g.gid
  ),
  heatmap_json as (
    select g.gid, jsonb_agg(jsonb_build_object(
        'competencyId', k.competency_id, 'assessed', x.n,
        'mean', case when $9 <> 'school' and x.n between 1 and 4 or x.n = 0 then null else a.latest_s[k.ord] / x.n end,
        'deficitTeachers', coalesce(d.n, 0),
        'deficitShare', case when g.n = 0 then null else coalesce(d.n, 0)::numeric / g.n end,
        'suppressed', $9 <> 'school' and x.n between 1 and 4) order by k.ord) as j
    from shown g cross join comp_list k
    left join agg a on a.gid = g.gid
    cross join lateral (select coalesce(a.latest_n[k.ord], 0) as n) x
    left join deficit_agg d on d.gid = g.gid and d.competency_id = k.competency_id
    group by g.gid
  ),
  deficits_json as (
    select d.gid, jsonb_agg(jsonb_build_object('competencyId', d.competency_id, 'teachers', d.n)
        order by d.n desc, d.competency_id collate "C") as j
    from deficit_agg d group by d.gid
  )
  select g.school_id, case when $9 <> 'school' and g.n < 5
      then jsonb_build_object('teachers', g.n, 'suppressed', true, 'competencies', null, 'groups', null,
        'heatmap', null, 'topDeficits', null, 'planCompletion', null, 'mentoring', null, 'observations', null)
      else jsonb_build_object('teachers', g.n, 'suppressed', false,
        'competencies', coalesce(cj.j, '[]'::jsonb),
        'groups', gj.j,
        'heatmap', coalesce(hj.j, '[]'::jsonb),
        'topDeficits', coalesce(dj.j, '[]'::jsonb),
        'planCompletion', jsonb_build_object('numerator', coalesce(c.plan_done, 0), 'denominator', coalesce(c.plan_total, 0),
          'value', case when coalesce(c.plan_total, 0) = 0 then null else c.plan_done::numeric / c.plan_total end,
          'suppressed', false),
        'mentoring', case when $9 <> 'school' and coalesce(c.young_total, 0) between 1 and 4
          then jsonb_build_object('numerator', null, 'denominator', null, 'value', null, 'suppressed', true)
          else jsonb_build_object('numerator', coalesce(c.young_covered, 0), 'denominator', coalesce(c.young_total, 0),
            'value', case when coalesce(c.young_total, 0) = 0 then null else c.young_covered::numeric / c.young_total end,
            'suppressed', false)
          end,
        'observations', jsonb_build_object('count', coalesce(c.observed, 0), 'teachers', g.n,
          'perTeacher', case when g.n = 0 then null else coalesce(c.observed, 0)::numeric / g.n end))
      end
  from grp g
  left join counts c on c.gid = g.gid
  left join competencies_json cj on cj.gid = g.gid
  left join groups_json gj on gj.gid = g.gid
  left join heatmap_json hj on hj.gid = g.gid
  left join deficits_json dj on dj.gid = g.gid
  $q$, v_pair_n, v_pair_e, v_pair_c, v_latest_n, v_latest_s, v_columns), cardinality(p_teachers), 11)
  using p_teachers, p_schools, p_year, p_kind, p_framework, v_stage, v_rank, p_threshold, p_access, p_school_list,
    array(select distinct u.id from unnest(p_teachers) u (id)), v_k;
end
$fn$;

-- One group's figures (the scope block of competence_blocks).
create function private.competence_block(
  p_teachers uuid[], p_year int, p_kind text, p_framework uuid, p_threshold numeric, p_access text, p_stage text
) returns jsonb
language sql stable set search_path = ''
as $$
  select b.block
  from private.competence_blocks(p_teachers, null, '{}', p_year, p_kind, p_framework, p_threshold, p_access, p_stage) b
  where b.school_id is null
$$;

-- As in 20261122000800_competence_reports.sql, with the stage: {"org", "year", "kind", "stage",
-- "threshold", "access", "scope": block, "schools": [{"schoolId", …block}]}.
create function private.report_competence(
  p_org uuid,
  p_year int,
  p_kind text default 'self',
  p_framework uuid default '00000000-0000-4000-8000-000000000001',
  p_threshold numeric default 0.25,
  p_stage text default null
) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_access text := private.report_access(p_org);
  v_teachers uuid[];
  v_schools uuid[];
  v_school_list uuid[];
  v_scope jsonb;
  v_blocks jsonb;
begin
  if p_year is null or p_year not between 2000 and 2100 then
    raise exception using errcode = '22023', message = 'academic year out of range';
  end if;
  if p_kind is null or p_kind not in ('self', 'expert', 'test', 'observation') then
    raise exception using errcode = '22023', message = 'unknown assessment kind';
  end if;
  if p_threshold is null or p_threshold not between 0 and 3 then
    raise exception using errcode = '22023', message = 'growth threshold out of range';
  end if;
  perform private.report_stage(p_stage);
  select g.teachers, g.schools, g.school_list into v_teachers, v_schools, v_school_list
  from private.report_groups(p_org, p_year) g;

  select (array_agg(b.block) filter (where b.school_id is null))[1],
      coalesce(jsonb_agg(jsonb_build_object('schoolId', b.school_id) || b.block order by b.school_id)
        filter (where b.school_id is not null), '[]'::jsonb)
    into v_scope, v_blocks
  from private.competence_blocks(coalesce(v_teachers, '{}'), coalesce(v_schools, '{}'),
    coalesce(v_school_list, '{}'), p_year, p_kind, p_framework, p_threshold, v_access, p_stage) b;

  return jsonb_build_object(
    'org', p_org,
    'year', p_year,
    'kind', p_kind,
    'stage', p_stage,
    'threshold', p_threshold,
    'access', v_access,
    'scope', v_scope,
    'schools', v_blocks
  );
end
$$;

-- The RPC runs as the caller; the elevated work stays in schema private.
create function public.report_competence(
  p_org uuid,
  p_year int,
  p_kind text default 'self',
  p_framework uuid default '00000000-0000-4000-8000-000000000001',
  p_threshold numeric default 0.25,
  p_stage text default null
) returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.report_competence(p_org, p_year, p_kind, p_framework, p_threshold, p_stage) $$;

-- ——— Planner settings for the report functions ——————————————————————————————————————
-- Set per function, for the three report functions only; every query they run inherits them.
-- Measured with `npm run bench` on the region (30,000 teachers):
-- - jit = off: JIT compilation is on by default in PostgreSQL 15, and these plans' estimated
--   costs cross its thresholds; compiling took seconds for queries that run in under one
--   (report_competence 4.3 s with JIT, 0.9 s without).
-- - work_mem = 32MB: a region's per-teacher rows outgrow the default 4 MB and spill hash joins
--   and aggregates to disk.
-- - max_parallel_workers_per_gather = 0: starting workers cost more than they saved here.
-- - random_page_cost = 1.1 (SSD storage, as Supabase runs on): with the default 4 a municipality's
--   1,500 teachers were looked up by scanning whole tables instead of by index (280 → 125 ms).
alter function private.report_indicators(uuid, integer, text, numeric)
  set jit = off set work_mem = '32MB' set max_parallel_workers_per_gather = 0 set random_page_cost = 1.1;
alter function private.report_competence(uuid, int, text, uuid, numeric, text)
  set jit = off set work_mem = '32MB' set max_parallel_workers_per_gather = 0 set random_page_cost = 1.1;
alter function private.report_staff_profile(uuid, int)
  set jit = off set work_mem = '32MB' set max_parallel_workers_per_gather = 0 set random_page_cost = 1.1;

-- ——— Privileges ————————————————————————————————————————————————————————————————————————

revoke all on function private.competency_means(uuid, jsonb),
  private.in_scope(text, integer, integer),
  private.refresh_assessment_stages(uuid, integer, text),
  private.rebuild_assessment_facts(),
  private.report_stage(text),
  private.indicator_counts(uuid[], uuid[], integer, numeric, text),
  private.competence_block(uuid[], int, text, uuid, numeric, text, text),
  private.competence_blocks(uuid[], uuid[], uuid[], int, text, uuid, numeric, text, text)
  from public, anon, authenticated;
grant execute on function private.indicator_counts(uuid[], uuid[], integer, numeric, text) to service_role;
revoke all on function private.report_competence(uuid, int, text, uuid, numeric, text),
  public.report_competence(uuid, int, text, uuid, numeric, text)
  from public, anon;
grant execute on function private.report_competence(uuid, int, text, uuid, numeric, text),
  public.report_competence(uuid, int, text, uuid, numeric, text)
  to authenticated;
