-- The indicators the methodist sees (DOMAIN.md), computed in the database for a scope and year.
-- The definitions are those of src/lib/domain/indicators.ts, stated there in full; the two must
-- give the same numbers (tests/db/indicators.db.ts compares them on one generated dataset).
--
-- public.report_indicators(p_org, p_year, p_stage, p_threshold) → jsonb:
--   { scope, year, stage, threshold, access, teachers, suppressed, indicators: [...],
--     schools: [{ school_id, name, low_results, adverse_conditions, program500, teachers, suppressed, indicators }] }
-- schools only for a municipality or region. An indicator:
--   { code, numerator, denominator, value, noData, target, previous, suppressed }
-- Municipal methodists and admins get aggregates only, and nothing over fewer than 5 teachers
-- (or 1–4 units of a denominator): such a figure is null with suppressed true. Nothing in the
-- answer names a teacher.

-- ——— Submitted assessments, compact ——————————————————————————————————————————————————————
-- Growth needs each submitted assessment's mean score per competency group. Taking it from the
-- scores JSON at report time costs one row per answered indicator (≈ 35 per assessment, millions
-- for a region), and even reading the wide assessments rows dominates a regional report. So a
-- trigger keeps one narrow row per live submitted assessment with its group sums; a report reads
-- only these. Framework revisions are immutable once published, so the sums never go stale.

create table private.assessment_facts (
  assessment_id uuid primary key references public.assessments (id),
  teacher_id uuid not null,
  academic_year integer not null,
  kind text not null,
  stage text not null,
  framework_id uuid not null,
  submitted_at timestamptz not null,
  -- Sums of small integers, exact in double precision; dividing them in double precision gives
  -- the very means TypeScript computes.
  meta_sum double precision not null,
  meta_count integer not null,
  subject_sum double precision not null,
  subject_count integer not null
);
create index assessment_facts_teacher_idx on private.assessment_facts (teacher_id, academic_year);
alter table private.assessment_facts enable row level security;
revoke all on private.assessment_facts from public, anon, authenticated;

-- Which group each indicator of each framework belongs to, kept from frameworks.competencies (a
-- large document: reading it for every assessment would dominate the cost of writing one).
create table private.framework_indicators (
  framework_id uuid not null references public.frameworks (id),
  indicator_id text not null,
  grp text not null,
  primary key (framework_id, indicator_id)
);
alter table private.framework_indicators enable row level security;
revoke all on private.framework_indicators from public, anon, authenticated;

create function private.keep_framework_indicators() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  delete from private.framework_indicators where framework_id = new.id;
  insert into private.framework_indicators (framework_id, indicator_id, grp)
  select distinct on (ind ->> 'id') new.id, ind ->> 'id', c ->> 'group'
  from jsonb_array_elements(new.competencies) c, jsonb_array_elements(c -> 'indicators') ind
  where ind ->> 'id' is not null and c ->> 'group' is not null;
  return null;
end
$$;

create trigger z_framework_indicators after insert or update of competencies on public.frameworks
  for each row execute function private.keep_framework_indicators();

insert into private.framework_indicators (framework_id, indicator_id, grp)
select distinct on (f.id, ind ->> 'id') f.id, ind ->> 'id', c ->> 'group'
from public.frameworks f, jsonb_array_elements(f.competencies) c, jsonb_array_elements(c -> 'indicators') ind
where ind ->> 'id' is not null and c ->> 'group' is not null;

-- Sums over the scores of the framework's indicators (keys outside the framework are ignored,
-- as in src/lib/domain/scoring.ts).
create function private.group_sums(p_framework uuid, p_scores jsonb)
returns table (meta_sum double precision, meta_count integer, subject_sum double precision, subject_count integer)
language sql stable security definer set search_path = ''
as $$
  select coalesce(sum(s.score) filter (where i.grp = 'meta'), 0),
         (count(*) filter (where i.grp = 'meta'))::integer,
         coalesce(sum(s.score) filter (where i.grp = 'subject'), 0),
         (count(*) filter (where i.grp = 'subject'))::integer
  from (
    select e.key, (e.value #>> '{}')::double precision as score from jsonb_each(p_scores) e where jsonb_typeof(e.value) = 'number'
  ) s
  join private.framework_indicators i on i.framework_id = p_framework and i.indicator_id = s.key
$$;

-- Security definer: the writer of an assessment has no rights on the private table.
create function private.keep_assessment_facts() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if new.status = 'submitted' and new.deleted_at is null and new.submitted_at is not null then
    insert into private.assessment_facts (assessment_id, teacher_id, academic_year, kind, stage, framework_id, submitted_at,
                                          meta_sum, meta_count, subject_sum, subject_count)
    select new.id, new.teacher_id, new.academic_year, new.kind, new.stage, new.framework_id, new.submitted_at,
           g.meta_sum, g.meta_count, g.subject_sum, g.subject_count
    from private.group_sums(new.framework_id, new.scores) g
    on conflict (assessment_id) do update
      set teacher_id = excluded.teacher_id, academic_year = excluded.academic_year, kind = excluded.kind, stage = excluded.stage,
          framework_id = excluded.framework_id, submitted_at = excluded.submitted_at,
          meta_sum = excluded.meta_sum, meta_count = excluded.meta_count,
          subject_sum = excluded.subject_sum, subject_count = excluded.subject_count;
  else
    delete from private.assessment_facts where assessment_id = new.id;
  end if;
  return null;
end
$$;

create trigger z_assessment_facts after insert or update on public.assessments
  for each row execute function private.keep_assessment_facts();

insert into private.assessment_facts (assessment_id, teacher_id, academic_year, kind, stage, framework_id, submitted_at,
                                      meta_sum, meta_count, subject_sum, subject_count)
select a.id, a.teacher_id, a.academic_year, a.kind, a.stage, a.framework_id, a.submitted_at,
       g.meta_sum, g.meta_count, g.subject_sum, g.subject_count
from public.assessments a, private.group_sums(a.framework_id, a.scores) g
where a.status = 'submitted' and a.deleted_at is null and a.submitted_at is not null;

-- Report queries pick a year's submitted assessments, plans and observations of many teachers.
create index development_plans_report_idx on public.development_plans (academic_year, teacher_id) where deleted_at is null;

-- ——— Counts per teacher, summed per school and for the whole scope ——————————————————————
-- For the teachers given (with their schools) and the years p_year − 1 and p_year at once (the
-- report shows the previous year beside each figure): per year, one row per school with teachers
-- (is_total false) and one for all of them (is_total true).
-- Dynamic SQL on purpose: EXECUTE plans with the actual arrays, so the planner knows whether it
-- looks up 1,500 teachers by index (a municipality) or scans the tables for 30,000 (a region).
create function private.indicator_counts(p_teachers uuid[], p_schools uuid[], p_year integer, p_threshold numeric)
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
  return query execute $q$
  with y as (
    select v.y, make_date(v.y, 9, 1) as ys, make_date(v.y + 1, 8, 31) as ye
    from (values ($3 - 1), ($3)) v (y)
  ),
  b as (
    select to_char(make_date($3 - 1, 9, 1), 'YYYY-MM-DD') as s1, to_char(make_date($3, 8, 31), 'YYYY-MM-DD') as e1,
           to_char(make_date($3, 9, 1), 'YYYY-MM-DD') as s2, to_char(make_date($3 + 1, 8, 31), 'YYYY-MM-DD') as e2
  ),
  t as (select u.teacher_id, u.school_id from unnest($1::uuid[], $2::uuid[]) u (teacher_id, school_id)),
  act as (
    select a.teacher_id, y.y,
      bool_or(a.kind = 'course' and a.completed and a.quality_related and a.end_date between y.ys and y.ye) as pd_quality,
      bool_or(a.kind = 'course' and a.completed and a.end_date between y.ys and y.ye) as pd_any,
      bool_or(a.kind in ('community', 'competition') and a.start_date <= y.ye
        and (coalesce(a.end_date, a.start_date) >= y.ys or (a.kind = 'community' and a.end_date is null))) as community,
      bool_or(a.kind = 'competition' and a.start_date <= y.ye and coalesce(a.end_date, a.start_date) >= y.ys) as competition
    from public.activities a cross join y
    where a.teacher_id = any ($1) and a.deleted_at is null
    group by a.teacher_id, y.y
  ),
  iom as (
    select distinct p.teacher_id, p.academic_year as y from public.development_plans p
    where p.teacher_id = any ($1) and p.deleted_at is null and p.academic_year in ($3 - 1, $3) and p.status in ('active', 'completed')
  ),
  -- The latest submitted entry and final assessment of each kind and year.
  latest as materialized (
    select distinct on (a.teacher_id, a.academic_year, a.kind, a.stage) a.teacher_id, a.academic_year as y, a.kind, a.stage, a.framework_id,
      a.meta_sum, a.meta_count, a.subject_sum, a.subject_count
    from private.assessment_facts a
    where a.teacher_id = any ($1) and a.academic_year in ($3 - 1, $3) and a.stage in ('entry', 'final')
    order by a.teacher_id, a.academic_year, a.kind, a.stage, a.submitted_at desc, a.assessment_id desc
  ),
  -- Growth per kind; null where the pair does not answer the group. Exactly at the threshold
  -- counts (the slack absorbs rounding of the means, as MEAN_EPSILON does in TypeScript).
  pairs as (
    select e.teacher_id, e.y, array_position(array['self', 'expert', 'test', 'observation'], e.kind) as rank,
      case when e.meta_count > 0 and f.meta_count > 0
        then f.meta_sum / f.meta_count - e.meta_sum / e.meta_count >= $4 - 1e-9 end as meta,
      case when e.subject_count > 0 and f.subject_count > 0
        then f.subject_sum / f.subject_count - e.subject_sum / e.subject_count >= $4 - 1e-9 end as subject
    from latest e
    join latest f on f.teacher_id = e.teacher_id and f.y = e.y and f.kind = e.kind and f.stage = 'final' and f.framework_id = e.framework_id
    where e.stage = 'entry'
  ),
  -- The first kind (self, expert, test, observation) that answers the group decides: the least
  -- rank * 2 + (0 grew, 1 did not) is even exactly when that kind shows growth.
  growth as (
    select p.teacher_id, p.y,
      (min(p.rank * 2 + case when p.meta then 0 else 1 end) filter (where p.meta is not null)) % 2 = 0 as meta,
      (min(p.rank * 2 + case when p.subject then 0 else 1 end) filter (where p.subject is not null)) % 2 = 0 as subject
    from pairs p group by p.teacher_id, p.y
  ),
  -- A deficit was open in a year when it was open on 1 September or moved to an open status in
  -- the year; it was closed when, being so, it moved to overcome in the year (UTC dates). One
  -- pass over each history gives both years.
  def_each as (
    select d.teacher_id, s.*
    from public.deficits d
    cross join b
    cross join lateral (
      select
        coalesce(bool_or(h.open) filter (where h.day between b.s1 and b.e1), false)
          or coalesce((array_agg(h.open order by h.n desc) filter (where h.day < b.s1))[1], false) as open1,
        coalesce(bool_or(h.status = 'overcome') filter (where h.day between b.s1 and b.e1), false) as closed1,
        coalesce(bool_or(h.open) filter (where h.day between b.s2 and b.e2), false)
          or coalesce((array_agg(h.open order by h.n desc) filter (where h.day < b.s2))[1], false) as open2,
        coalesce(bool_or(h.status = 'overcome') filter (where h.day between b.s2 and b.e2), false) as closed2
      from (
        select x.e ->> 'status' as status, coalesce(x.e ->> 'status' in ('identified', 'in_progress'), false) as open,
               left(x.e ->> 'at', 10) as day, x.n
        from jsonb_array_elements(d.history) with ordinality x (e, n)
      ) h
    ) s
    where d.teacher_id = any ($1) and d.deleted_at is null
  ),
  def as (
    select e.teacher_id, $3 - 1 as y, (count(*) filter (where e.open1))::integer as open, (count(*) filter (where e.open1 and e.closed1))::integer as closed
    from def_each e group by e.teacher_id
    union all
    select e.teacher_id, $3, (count(*) filter (where e.open2))::integer, (count(*) filter (where e.open2 and e.closed2))::integer
    from def_each e group by e.teacher_id
  ),
  supported as (
    select distinct s.mentee_id as teacher_id, y.y
    from public.mentoring_sessions s
    join public.mentoring_pairs p on p.id = s.pair_id and p.mentee_id = s.mentee_id and p.deleted_at is null
    join y on s.date between y.ys and y.ye
    where s.mentee_id = any ($1) and s.deleted_at is null
      and p.start_date <= y.ye and (p.end_date is null or p.end_date >= y.ys)
  ),
  observed as (
    select distinct o.teacher_id, y.y from public.observations o join y on o.date between y.ys and y.ye
    where o.teacher_id = any ($1) and o.deleted_at is null and o.status = 'submitted'
  ),
  per as (
    select y.y, t.school_id,
      coalesce(act.pd_quality, false) as pd_quality,
      coalesce(act.pd_any, false) as pd_any,
      (pr.category in ('highest', 'first') and pr.category_expires_on >= y.ye) is true as category,
      coalesce(act.community, false) as community,
      coalesce(act.competition, false) as competition,
      iom.teacher_id is not null as iom,
      g.meta, g.subject,
      coalesce(def.open, 0) as deficits_open, coalesce(def.closed, 0) as deficits_closed,
      pr.experience_years < 3 as young,
      sup.teacher_id is not null as supported,
      obs.teacher_id is not null as observed
    from t
    join public.profiles pr on pr.id = t.teacher_id
    cross join y
    left join act on act.teacher_id = t.teacher_id and act.y = y.y
    left join iom on iom.teacher_id = t.teacher_id and iom.y = y.y
    left join growth g on g.teacher_id = t.teacher_id and g.y = y.y
    left join def on def.teacher_id = t.teacher_id and def.y = y.y
    left join supported sup on sup.teacher_id = t.teacher_id and sup.y = y.y
    left join observed obs on obs.teacher_id = t.teacher_id and obs.y = y.y
    where pr.id = any ($1)
  )
  select per.y, grouping(per.school_id) = 1, case when grouping(per.school_id) = 0 then per.school_id end, count(*)::integer,
    (count(*) filter (where per.pd_quality))::integer,
    (count(*) filter (where per.pd_any))::integer,
    (count(*) filter (where per.category))::integer,
    (count(*) filter (where per.community))::integer,
    (count(*) filter (where per.competition))::integer,
    (count(*) filter (where per.iom))::integer,
    (count(*) filter (where per.meta))::integer, count(per.meta)::integer, (count(*) filter (where per.meta is null))::integer,
    (count(*) filter (where per.subject))::integer, count(per.subject)::integer, (count(*) filter (where per.subject is null))::integer,
    coalesce(sum(per.deficits_closed), 0)::integer, coalesce(sum(per.deficits_open), 0)::integer,
    (count(*) filter (where per.young and per.supported))::integer, (count(*) filter (where per.young))::integer,
    (count(*) filter (where per.observed))::integer
  from per
  group by grouping sets ((per.y, per.school_id), (per.y))
  $q$ using p_teachers, p_schools, p_year, p_threshold;
end
$fn$;

-- One indicator as JSON, with the k ≥ 5 rule for aggregate-only callers (privacy.ts, indicators.ts isSuppressed).
create function private.indicator_json(
  p_code text, p_numerator integer, p_denominator integer, p_no_data integer, p_teachers integer,
  p_prev_numerator integer, p_prev_denominator integer, p_target numeric, p_suppress boolean
) returns jsonb
language sql immutable set search_path = ''
as $$
  select case
    when p_suppress and (p_teachers < 5 or (p_denominator > 0 and p_denominator < 5)) then
      jsonb_build_object('code', p_code, 'numerator', null, 'denominator', null, 'value', null, 'noData', 0,
                         'target', p_target, 'previous', null, 'suppressed', true)
    else
      jsonb_build_object('code', p_code, 'numerator', p_numerator, 'denominator', p_denominator,
        'value', case when p_denominator > 0 then p_numerator::numeric / p_denominator end,
        'noData', p_no_data, 'target', p_target,
        'previous', case
          when p_suppress and (p_teachers < 5 or (p_prev_denominator > 0 and p_prev_denominator < 5)) then null
          when p_prev_denominator > 0 then p_prev_numerator::numeric / p_prev_denominator
        end,
        'suppressed', false)
  end
$$;

create function private.report_indicators(p_org uuid, p_year integer, p_stage text, p_threshold numeric)
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
  if p_stage is not null and p_stage not in ('entry', 'intermediate', 'final') then
    raise exception using errcode = '22023', message = 'stage must be entry, intermediate or final';
  end if;
  if p_threshold is null or p_threshold < 0 or p_threshold > 3 then
    raise exception using errcode = '22023', message = 'threshold must be between 0 and 3';
  end if;
  select o.kind into v_kind from public.organizations o where o.id = p_org;
  select coalesce(array_agg(r.teacher_id), '{}'), coalesce(array_agg(r.school_id), '{}') into v_teachers, v_schools
  from private.report_teachers(p_org, p_year) r;

  with recursive
  counts as materialized (select * from private.indicator_counts(v_teachers, v_schools, p_year, p_threshold)),
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
      jsonb_agg(private.indicator_json(v.code, v.num, v.den, v.no_data, coalesce(c.teachers, 0), v.pnum, v.pden, tg.value, v_suppress)
                order by v.ord) as indicators
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

-- The RPC. Security invoker: it only hands over to private.report_indicators, which checks the
-- caller's access first and runs with the rights the aggregate needs (migrations.db.ts keeps
-- every security definer function out of the exposed schema).
create function public.report_indicators(p_org uuid, p_year integer, p_stage text default null, p_threshold numeric default 0.25)
returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.report_indicators(p_org, p_year, p_stage, p_threshold) $$;

revoke all on function public.report_indicators(uuid, integer, text, numeric) from public, anon;
grant execute on function public.report_indicators(uuid, integer, text, numeric) to authenticated;

revoke all on function private.group_sums(uuid, jsonb), private.keep_assessment_facts(), private.keep_framework_indicators(), private.indicator_counts(uuid[], uuid[], integer, numeric),
  private.indicator_json(text, integer, integer, integer, integer, integer, integer, numeric, boolean),
  private.report_indicators(uuid, integer, text, numeric)
  from public, anon, authenticated;
grant execute on function private.report_indicators(uuid, integer, text, numeric) to authenticated, service_role;
grant execute on function private.group_sums(uuid, jsonb), private.indicator_counts(uuid[], uuid[], integer, numeric),
  private.indicator_json(text, integer, integer, integer, integer, integer, integer, numeric, boolean)
  to service_role;
