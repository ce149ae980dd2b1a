-- Staff profile (кадровый состав) and competence growth reports: read-only aggregates for a scope
-- and an academic year. Same definitions as src/lib/domain/staff-profile.ts and
-- src/lib/domain/competence-report.ts (read their module comments); tests/db/competence-reports.db.ts
-- compares every figure on one generated municipality.
--
-- Scope and privacy (20261122000600_reports_scope.sql): private.report_access first (42501 when
-- the caller has none); the teachers are private.report_teachers. For 'municipal' and 'admin'
-- callers a group of fewer than 5 teachers (src/lib/domain/privacy.ts MIN_GROUP_SIZE) has every
-- figure null and "suppressed": true, and inside a shown group any mean or share resting on fewer
-- than 5 teachers is withheld the same way. No function here returns a per-teacher row.

-- ——— Staff profile ——————————————————————————————————————————————————————————————————————

-- Every group's breakdowns in one set-based pass: the scope (school_id null: all of p_teachers)
-- and each school of p_school_list (the teachers whose p_schools entry, parallel to p_teachers, is
-- that school). Bands as in src/lib/domain/bands.ts: [min, max), max null open-ended. Age at the
-- period end from the birth year (profile.ts ageOn): (p_year + 1) − birth_year. The category
-- counts when still valid on 31 August closing the year (the expiry day counts), else it is
-- 'none'. Shares are unrounded: display rounding is the client's (displayPercents).
create function private.staff_profile_blocks(
  p_teachers uuid[], p_schools uuid[], p_school_list uuid[], p_year int, p_access text
) returns table (school_id uuid, block jsonb)
language sql stable set search_path = ''
as $$
  with mem as (
    select '00000000-0000-0000-0000-000000000000'::uuid as gid, u.tid from unnest(p_teachers) u (tid)
    union all
    select u.sid, u.tid from unnest(p_teachers, p_schools) u (tid, sid) join unnest(p_school_list) s (id) on s.id = u.sid
  ),
  sizes as (select m.gid, count(*)::integer as n from mem m group by m.gid),
  grp as (
    select x.gid, x.school_id, coalesce(z.n, 0) as n
    from (
      select '00000000-0000-0000-0000-000000000000'::uuid as gid, null::uuid as school_id
      union all
      select s.id, s.id from unnest(p_school_list) s (id)
    ) x left join sizes z on z.gid = x.gid
  ),
  age_bands (key, lo, hi, ord) as (
    values ('under-25', 0, 25, 1), ('25-29', 25, 30, 2), ('30-34', 30, 35, 3), ('35-39', 35, 40, 4),
      ('40-44', 40, 45, 5), ('45-49', 45, 50, 6), ('50-54', 50, 55, 7), ('55-59', 55, 60, 8),
      ('60-64', 60, 65, 9), ('65-plus', 65, null::integer, 10)
  ),
  experience_bands (key, lo, hi, ord) as (
    values ('under-3', 0, 3, 1), ('3-5', 3, 5, 2), ('5-10', 5, 10, 3), ('10-15', 10, 15, 4),
      ('15-20', 15, 20, 5), ('20-plus', 20, null::integer, 6)
  ),
  education_levels (key, ord) as (values ('higher', 1), ('vocational', 2)),
  categories (key, ord) as (values ('highest', 1), ('first', 2), ('conformity', 3), ('none', 4)),
  keys (breakdown, key, ord) as (
    select 'age', key, ord from age_bands
    union all select 'experience', key, ord from experience_bands
    union all select 'education', key, ord from education_levels
    union all select 'category', key, ord from categories
  ),
  -- Each teacher's keys, once (a teacher outside every band counts in none).
  t as (
    select p.id,
      (select b.key from age_bands b where p_year + 1 - p.birth_year >= b.lo
        and (b.hi is null or p_year + 1 - p.birth_year < b.hi)) as age,
      (select b.key from experience_bands b where p.experience_years >= b.lo
        and (b.hi is null or p.experience_years < b.hi)) as experience,
      p.education,
      case when p.category <> 'none' and p.category_expires_on is not null
          and make_date(p_year + 1, 8, 31) <= p.category_expires_on
        then p.category else 'none' end as category
    from public.profiles p
    where p.id = any (p_teachers)
  ),
  tk (id, breakdown, key) as (
    select id, 'age', age from t
    union all select id, 'experience', experience from t
    union all select id, 'education', education from t
    union all select id, 'category', category from t
  ),
  hits as (
    select m.gid, tk.breakdown, tk.key, count(*) as n
    from mem m join tk on tk.id = m.tid
    group by m.gid, tk.breakdown, tk.key
  ),
  rows_ as (
    select g.gid, k.breakdown, jsonb_agg(jsonb_build_object(
        'key', k.key, 'count', coalesce(h.n, 0),
        'share', case when g.n = 0 then null else coalesce(h.n, 0)::numeric / g.n end) order by k.ord) as rows
    from grp g cross join keys k
    left join hits h on h.gid = g.gid and h.breakdown = k.breakdown and h.key = k.key
    where p_access = 'school' or g.n >= 5
    group by g.gid, k.breakdown
  ),
  blocks as (
    select r.gid, jsonb_object_agg(r.breakdown, r.rows) as b from rows_ r group by r.gid
  )
  select g.school_id, case when p_access <> 'school' and g.n < 5
      then jsonb_build_object('teachers', g.n, 'suppressed', true,
        'age', null, 'experience', null, 'education', null, 'category', null)
      else jsonb_build_object('teachers', g.n, 'suppressed', false) || b.b end
  from grp g left join blocks b on b.gid = g.gid
$$;

-- One group's breakdowns (the scope block of staff_profile_blocks).
create function private.staff_profile_block(p_teachers uuid[], p_year int, p_access text) returns jsonb
language sql stable set search_path = ''
as $$
  select b.block from private.staff_profile_blocks(p_teachers, null, '{}', p_year, p_access) b where b.school_id is null
$$;

-- What both reports group by: the scope's teachers with their schools (parallel arrays, in
-- teacher id order) and the live schools under a municipal or regional scope ({} for a school,
-- whose report has no per-school part). Called by the report functions after report_access.
create function private.report_groups(p_org uuid, p_year int, out teachers uuid[], out schools uuid[], out school_list uuid[])
language plpgsql stable set search_path = ''
as $$
begin
  select coalesce(array_agg(r.teacher_id order by r.teacher_id), '{}'), coalesce(array_agg(r.school_id order by r.teacher_id), '{}')
    into teachers, schools
  from private.report_teachers(p_org, p_year) r;
  select coalesce(array_agg(s.id order by s.id), '{}') into school_list
  from public.organizations s
  where s.kind = 'school' and s.deleted_at is null and s.id in (select private.org_subtree(p_org))
    and not exists (select 1 from public.organizations o where o.id = p_org and o.kind = 'school');
end
$$;

-- {"org", "year", "access", "scope": block, "schools": [{"schoolId", …block}]}; a block is
-- {"teachers", "suppressed", "age" | "experience" | "education" | "category": [{"key", "count", "share"}] | null}.
-- "schools" lists every live school under a municipal (or regional) scope in id order; [] for a school.
create function private.report_staff_profile(p_org uuid, p_year int) returns jsonb
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
  select g.teachers, g.schools, g.school_list into v_teachers, v_schools, v_school_list
  from private.report_groups(p_org, p_year) g;

  select (array_agg(b.block) filter (where b.school_id is null))[1],
      coalesce(jsonb_agg(jsonb_build_object('schoolId', b.school_id) || b.block order by b.school_id)
        filter (where b.school_id is not null), '[]'::jsonb)
    into v_scope, v_blocks
  from private.staff_profile_blocks(coalesce(v_teachers, '{}'), coalesce(v_schools, '{}'),
    coalesce(v_school_list, '{}'), p_year, v_access) b;

  return jsonb_build_object(
    'org', p_org,
    'year', p_year,
    'access', v_access,
    'scope', v_scope,
    'schools', v_blocks
  );
end
$$;

-- ——— Competence growth ——————————————————————————————————————————————————————————————————

-- Every group's figures (competence-report.ts competenceBlock + suppressBlock) in one set-based
-- pass: the scope (school_id null: all of p_teachers) and each school of p_school_list (the
-- teachers whose p_schools entry, parallel to p_teachers, is that school). Per-teacher facts are
-- computed once, each counted assessment's scores read once, then summed per group. Counted
-- assessments: live, submitted, of p_kind, p_framework and p_year; per stage a teacher's latest
-- submission (then greatest id). Means over teachers of each teacher's indicator mean. Growth:
-- final − entry group mean ≥ threshold, with the 1e-9 slack of growth.ts (exact numeric makes it
-- moot, kept so both sides read the same rule).
create function private.competence_blocks(
  p_teachers uuid[], p_schools uuid[], p_school_list uuid[],
  p_year int, p_kind text, p_framework uuid, p_threshold numeric, p_access text
) returns table (school_id uuid, block jsonb)
language sql stable set search_path = ''
as $$
  with mem as (
    select '00000000-0000-0000-0000-000000000000'::uuid as gid, u.tid from unnest(p_teachers) u (tid)
    union all
    select u.sid, u.tid from unnest(p_teachers, p_schools) u (tid, sid) join unnest(p_school_list) s (id) on s.id = u.sid
  ),
  sizes as (select m.gid, count(*)::integer as n from mem m group by m.gid),
  grp as (
    select x.gid, x.school_id, coalesce(z.n, 0) as n
    from (
      select '00000000-0000-0000-0000-000000000000'::uuid as gid, null::uuid as school_id
      union all
      select s.id, s.id from unnest(p_school_list) s (id)
    ) x left join sizes z on z.gid = x.gid
  ),
  -- The groups shown (the others are suppressed whole).
  shown as (select g.gid, g.n from grp g where p_access = 'school' or g.n >= 5),
  comp as (
    select c.value ->> 'id' as competency_id, c.value ->> 'group' as grp, c.ord, i.value ->> 'id' as indicator_id
    from public.frameworks f
    cross join lateral jsonb_array_elements(f.competencies) with ordinality c (value, ord)
    cross join lateral jsonb_array_elements(c.value -> 'indicators') i (value)
    where f.id = p_framework
  ),
  comp_list as (select distinct competency_id, grp, ord from comp),
  group_list (grp, ord) as (values ('meta', 1), ('subject', 2)),
  asm as (
    select a.id, a.teacher_id, a.stage, a.scores, a.submitted_at
    from public.assessments a
    where a.teacher_id = any (p_teachers) and a.deleted_at is null and a.status = 'submitted'
      and a.kind = p_kind and a.framework_id = p_framework and a.academic_year = p_year
  ),
  picked (which, teacher_id, scores) as (
    select 'entry', e.teacher_id, e.scores from (
      select distinct on (teacher_id) teacher_id, scores from asm where stage = 'entry'
      order by teacher_id, submitted_at desc, id desc) e
    union all
    select 'final', f.teacher_id, f.scores from (
      select distinct on (teacher_id) teacher_id, scores from asm where stage = 'final'
      order by teacher_id, submitted_at desc, id desc) f
    union all
    select 'latest', l.teacher_id, l.scores from (
      select distinct on (teacher_id) teacher_id, scores from asm
      order by teacher_id, case stage when 'entry' then 1 when 'intermediate' then 2 else 3 end desc,
        submitted_at desc, id desc) l
  ),
  -- Each picked assessment's scores read once: one row per framework indicator it answers.
  answer as (
    select p.which, p.teacher_id, k.competency_id, k.grp, e.value
    from picked p
    cross join lateral jsonb_each_text(p.scores) e (key, value)
    join comp k on k.indicator_id = e.key
  ),
  -- A teacher's mean per competency and per group (over indicators, not competency means).
  tc as (
    select a.which, a.teacher_id, a.competency_id, avg(a.value::numeric) as m
    from answer a group by a.which, a.teacher_id, a.competency_id
  ),
  tg as (
    select a.which, a.teacher_id, a.grp, avg(a.value::numeric) as m
    from answer a group by a.which, a.teacher_id, a.grp
  ),
  pc as (
    select e.competency_id, e.teacher_id, e.m as em, f.m as fm
    from tc e join tc f on f.which = 'final' and f.teacher_id = e.teacher_id and f.competency_id = e.competency_id
    where e.which = 'entry'
  ),
  pgroup as (
    select e.grp, e.teacher_id, e.m as em, f.m as fm
    from tg e join tg f on f.which = 'final' and f.teacher_id = e.teacher_id and f.grp = e.grp
    where e.which = 'entry'
  ),
  comp_agg as (
    select m.gid, p.competency_id, count(*)::integer as n, avg(p.em) as entry, avg(p.fm) as final
    from mem m join pc p on p.teacher_id = m.tid
    group by m.gid, p.competency_id
  ),
  group_agg as (
    select m.gid, p.grp, count(*)::integer as n, avg(p.em) as entry, avg(p.fm) as final,
      (count(*) filter (where p.fm - p.em >= p_threshold - 1e-9))::integer as grown
    from mem m join pgroup p on p.teacher_id = m.tid
    group by m.gid, p.grp
  ),
  latest_agg as (
    select m.gid, l.competency_id, count(*)::integer as assessed, avg(l.m) as mean
    from mem m join tc l on l.teacher_id = m.tid and l.which = 'latest'
    group by m.gid, l.competency_id
  ),
  open_deficits as (
    select distinct d.teacher_id, d.competency_id
    from public.deficits d
    where d.teacher_id = any (p_teachers) and d.deleted_at is null and d.status in ('identified', 'in_progress')
  ),
  deficit_agg as (
    select m.gid, d.competency_id, count(*)::integer as n
    from mem m join open_deficits d on d.teacher_id = m.tid
    group by m.gid, d.competency_id
  ),
  plan_t as (
    select p.teacher_id, (count(*) filter (where a.status = 'done'))::integer as done, count(*)::integer as total
    from public.plan_actions a
    join public.development_plans p on p.id = a.plan_id
    where p.teacher_id = any (p_teachers) and p.deleted_at is null and p.academic_year = p_year
      and a.deleted_at is null and a.status <> 'cancelled'
    group by p.teacher_id
  ),
  young_t as (
    select p.id,
      exists (
        select 1 from public.mentoring_pairs mp
        where mp.mentee_id = p.id and mp.deleted_at is null
          and mp.start_date <= make_date(p_year + 1, 8, 31)
          and (mp.end_date is null or mp.end_date >= make_date(p_year, 9, 1))
      ) as covered
    from public.profiles p
    where p.id = any (p_teachers) and p.experience_years < 3
  ),
  observed_t as (
    select o.teacher_id, count(*)::integer as n
    from public.observations o
    where o.teacher_id = any (p_teachers) and o.deleted_at is null and o.status = 'submitted'
      and o.date between make_date(p_year, 9, 1) and make_date(p_year + 1, 8, 31)
    group by o.teacher_id
  ),
  counts as (
    select m.gid,
      coalesce(sum(pl.done), 0)::integer as plan_done, coalesce(sum(pl.total), 0)::integer as plan_total,
      (count(y.id) filter (where y.covered))::integer as young_covered, count(y.id)::integer as young_total,
      coalesce(sum(ob.n), 0)::integer as observed
    from mem m
    left join plan_t pl on pl.teacher_id = m.tid
    left join young_t y on y.id = m.tid
    left join observed_t ob on ob.teacher_id = m.tid
    group by m.gid
  ),
  competencies_json as (
    select g.gid, jsonb_agg(jsonb_build_object(
        'competencyId', k.competency_id, 'group', k.grp, 'teachers', coalesce(r.n, 0),
        'entry', case when p_access <> 'school' and coalesce(r.n, 0) < 5 then null else r.entry end,
        'final', case when p_access <> 'school' and coalesce(r.n, 0) < 5 then null else r.final end,
        'suppressed', p_access <> 'school' and coalesce(r.n, 0) < 5) order by k.ord) as j
    from shown g cross join comp_list k
    left join comp_agg r on r.gid = g.gid and r.competency_id = k.competency_id
    group by g.gid
  ),
  groups_json as (
    select g.gid, jsonb_agg(case when p_access <> 'school' and coalesce(r.n, 0) < 5 then jsonb_build_object(
          'group', k.grp, 'teachers', coalesce(r.n, 0), 'entry', null, 'final', null, 'suppressed', true,
          'growth', jsonb_build_object('numerator', null, 'denominator', null, 'value', null, 'noData', null))
        else jsonb_build_object(
          'group', k.grp, 'teachers', coalesce(r.n, 0), 'entry', r.entry, 'final', r.final, 'suppressed', false,
          'growth', jsonb_build_object('numerator', coalesce(r.grown, 0), 'denominator', coalesce(r.n, 0),
            'value', case when coalesce(r.n, 0) = 0 then null else r.grown::numeric / r.n end,
            'noData', g.n - coalesce(r.n, 0)))
        end order by k.ord) as j
    from shown g cross join group_list k
    left join group_agg r on r.gid = g.gid and r.grp = k.grp
    group by g.gid
  ),
  heatmap_json as (
    select g.gid, jsonb_agg(jsonb_build_object(
        'competencyId', k.competency_id, 'assessed', coalesce(r.assessed, 0),
        'mean', case when p_access <> 'school' and coalesce(r.assessed, 0) < 5 then null else r.mean end,
        'deficitTeachers', coalesce(d.n, 0),
        'deficitShare', case when g.n = 0 then null else coalesce(d.n, 0)::numeric / g.n end,
        'suppressed', p_access <> 'school' and coalesce(r.assessed, 0) < 5) order by k.ord) as j
    from shown g cross join comp_list k
    left join latest_agg r on r.gid = g.gid and r.competency_id = k.competency_id
    left join deficit_agg d on d.gid = g.gid and d.competency_id = k.competency_id
    group by g.gid
  ),
  deficits_json as (
    select d.gid, jsonb_agg(jsonb_build_object('competencyId', d.competency_id, 'teachers', d.n)
        order by d.n desc, d.competency_id collate "C") as j
    from deficit_agg d group by d.gid
  )
  select g.school_id, case when p_access <> 'school' and g.n < 5
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
        'mentoring', case when p_access <> 'school' and coalesce(c.young_total, 0) < 5
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
$$;

-- One group's figures (the scope block of competence_blocks).
create function private.competence_block(
  p_teachers uuid[], p_year int, p_kind text, p_framework uuid, p_threshold numeric, p_access text
) returns jsonb
language sql stable set search_path = ''
as $$
  select b.block
  from private.competence_blocks(p_teachers, null, '{}', p_year, p_kind, p_framework, p_threshold, p_access) b
  where b.school_id is null
$$;

-- {"org", "year", "kind", "threshold", "access", "scope": block, "schools": [{"schoolId", …block}]};
-- a block is competence-report.ts CompetenceBlock. p_kind: the assessment kind compared (self
-- by default); p_framework: the framework revision the assessments were taken against.
create function private.report_competence(
  p_org uuid,
  p_year int,
  p_kind text default 'self',
  p_framework uuid default '00000000-0000-4000-8000-000000000001',
  p_threshold numeric default 0.25
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
  select g.teachers, g.schools, g.school_list into v_teachers, v_schools, v_school_list
  from private.report_groups(p_org, p_year) g;

  select (array_agg(b.block) filter (where b.school_id is null))[1],
      coalesce(jsonb_agg(jsonb_build_object('schoolId', b.school_id) || b.block order by b.school_id)
        filter (where b.school_id is not null), '[]'::jsonb)
    into v_scope, v_blocks
  from private.competence_blocks(coalesce(v_teachers, '{}'), coalesce(v_schools, '{}'),
    coalesce(v_school_list, '{}'), p_year, p_kind, p_framework, p_threshold, v_access) b;

  return jsonb_build_object(
    'org', p_org,
    'year', p_year,
    'kind', p_kind,
    'threshold', p_threshold,
    'access', v_access,
    'scope', v_scope,
    'schools', v_blocks
  );
end
$$;

-- ——— The RPCs ——————————————————————————————————————————————————————————————————————————

-- Exposed wrappers run as the caller; the elevated work stays in schema private (as
-- report_indicators in 0700), so every security definer function lives outside the API schema.
create function public.report_staff_profile(p_org uuid, p_year int) returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.report_staff_profile(p_org, p_year) $$;

create function public.report_competence(
  p_org uuid,
  p_year int,
  p_kind text default 'self',
  p_framework uuid default '00000000-0000-4000-8000-000000000001',
  p_threshold numeric default 0.25
) returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.report_competence(p_org, p_year, p_kind, p_framework, p_threshold) $$;

-- ——— Privileges ————————————————————————————————————————————————————————————————————————

-- The block functions take any teacher list: only the report functions (security definer, after
-- report_access) may call them.
revoke all on function private.report_groups(uuid, int),
  private.staff_profile_block(uuid[], int, text),
  private.staff_profile_blocks(uuid[], uuid[], uuid[], int, text),
  private.competence_block(uuid[], int, text, uuid, numeric, text),
  private.competence_blocks(uuid[], uuid[], uuid[], int, text, uuid, numeric, text)
  from public, anon, authenticated;
revoke all on function private.report_staff_profile(uuid, int),
  private.report_competence(uuid, int, text, uuid, numeric),
  public.report_staff_profile(uuid, int),
  public.report_competence(uuid, int, text, uuid, numeric)
  from public, anon;
grant execute on function private.report_staff_profile(uuid, int),
  private.report_competence(uuid, int, text, uuid, numeric),
  public.report_staff_profile(uuid, int),
  public.report_competence(uuid, int, text, uuid, numeric)
  to authenticated;
