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

-- One group's breakdowns. Bands as in src/lib/domain/bands.ts: [min, max), max null open-ended.
-- Age at the period end from the birth year (profile.ts ageOn): (p_year + 1) − birth_year. The
-- category counts when still valid on 31 August closing the year (the expiry day counts), else
-- it is 'none'. Shares are unrounded: display rounding is the client's (displayPercents).
create function private.staff_profile_block(p_teachers uuid[], p_year int, p_access text) returns jsonb
language plpgsql stable set search_path = ''
as $$
declare
  v_n integer := coalesce(cardinality(p_teachers), 0);
  v_end date := make_date(p_year + 1, 8, 31);
  v_result jsonb;
begin
  if p_access <> 'school' and v_n < 5 then
    return jsonb_build_object('teachers', v_n, 'suppressed', true,
      'age', null, 'experience', null, 'education', null, 'category', null);
  end if;

  with t as (
    select p.id, p_year + 1 - p.birth_year as age, p.experience_years, p.education,
      case when p.category <> 'none' and p.category_expires_on is not null and v_end <= p.category_expires_on
        then p.category else 'none' end as category
    from public.profiles p
    where p.id = any (p_teachers)
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
  counts (breakdown, key, ord, n) as (
    select 'age', b.key, b.ord, count(t.id) from age_bands b
      left join t on t.age >= b.lo and (b.hi is null or t.age < b.hi) group by b.key, b.ord
    union all
    select 'experience', b.key, b.ord, count(t.id) from experience_bands b
      left join t on t.experience_years >= b.lo and (b.hi is null or t.experience_years < b.hi) group by b.key, b.ord
    union all
    select 'education', e.key, e.ord, count(t.id) from education_levels e left join t on t.education = e.key group by e.key, e.ord
    union all
    select 'category', c.key, c.ord, count(t.id) from categories c left join t on t.category = c.key group by c.key, c.ord
  )
  select jsonb_object_agg(breakdown, rows) into v_result
  from (
    select breakdown, jsonb_agg(jsonb_build_object(
        'key', key, 'count', n, 'share', case when v_n = 0 then null else n::numeric / v_n end) order by ord) as rows
    from counts group by breakdown
  ) b;

  return jsonb_build_object('teachers', v_n, 'suppressed', false) || v_result;
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
  v_is_school boolean;
begin
  if p_year is null or p_year not between 2000 and 2100 then
    raise exception using errcode = '22023', message = 'academic year out of range';
  end if;
  select array_agg(r.teacher_id order by r.teacher_id), array_agg(r.school_id order by r.teacher_id)
    into v_teachers, v_schools
  from private.report_teachers(p_org, p_year) r;
  select o.kind = 'school' into v_is_school from public.organizations o where o.id = p_org;

  return jsonb_build_object(
    'org', p_org,
    'year', p_year,
    'access', v_access,
    'scope', private.staff_profile_block(coalesce(v_teachers, '{}'), p_year, v_access),
    'schools', case when v_is_school then '[]'::jsonb else (
      select coalesce(jsonb_agg(jsonb_build_object('schoolId', s.id) || private.staff_profile_block(
          array(select u.tid from unnest(v_teachers, v_schools) u (tid, sid) where u.sid = s.id), p_year, v_access)
        order by s.id), '[]'::jsonb)
      from public.organizations s
      where s.kind = 'school' and s.deleted_at is null and s.id in (select private.org_subtree(p_org))
    ) end
  );
end
$$;

-- ——— Competence growth ——————————————————————————————————————————————————————————————————

-- One group's figures (competence-report.ts competenceBlock + suppressBlock). Counted assessments:
-- live, submitted, of p_kind, p_framework and p_year; per stage a teacher's latest submission
-- (then greatest id). Means over teachers of each teacher's indicator mean. Growth: final − entry
-- group mean ≥ threshold, with the 1e-9 slack of growth.ts (exact numeric makes it moot, kept so
-- both sides read the same rule).
create function private.competence_block(
  p_teachers uuid[], p_year int, p_kind text, p_framework uuid, p_threshold numeric, p_access text
) returns jsonb
language plpgsql stable set search_path = ''
as $$
declare
  v_n integer := coalesce(cardinality(p_teachers), 0);
  v_hide boolean := p_access <> 'school';
  v_start date := make_date(p_year, 9, 1);
  v_end date := make_date(p_year + 1, 8, 31);
  v_result jsonb;
begin
  if v_hide and v_n < 5 then
    return jsonb_build_object('teachers', v_n, 'suppressed', true, 'competencies', null, 'groups', null,
      'heatmap', null, 'topDeficits', null, 'planCompletion', null, 'mentoring', null, 'observations', null);
  end if;

  with comp as (
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
  -- A teacher's mean per competency and per group (over indicators, not competency means).
  tc as (
    select p.which, p.teacher_id, k.competency_id, avg((p.scores ->> k.indicator_id)::numeric) as m
    from picked p join comp k on p.scores ? k.indicator_id
    group by p.which, p.teacher_id, k.competency_id
  ),
  tg as (
    select p.which, p.teacher_id, k.grp, avg((p.scores ->> k.indicator_id)::numeric) as m
    from picked p join comp k on p.scores ? k.indicator_id
    group by p.which, p.teacher_id, k.grp
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
  comp_rows as (
    select k.competency_id, k.grp, k.ord, count(p.teacher_id)::integer as n, avg(p.em) as entry, avg(p.fm) as final
    from comp_list k left join pc p on p.competency_id = k.competency_id
    group by k.competency_id, k.grp, k.ord
  ),
  group_rows as (
    select g.grp, g.ord, count(p.teacher_id)::integer as n, avg(p.em) as entry, avg(p.fm) as final,
      (count(p.teacher_id) filter (where p.fm - p.em >= p_threshold - 1e-9))::integer as grown
    from group_list g left join pgroup p on p.grp = g.grp
    group by g.grp, g.ord
  ),
  open_deficits as (
    select distinct d.teacher_id, d.competency_id
    from public.deficits d
    where d.teacher_id = any (p_teachers) and d.deleted_at is null and d.status in ('identified', 'in_progress')
  ),
  heat_rows as (
    select k.competency_id, k.ord, count(l.teacher_id)::integer as assessed, avg(l.m) as mean,
      (select count(*) from open_deficits d where d.competency_id = k.competency_id)::integer as deficit_teachers
    from comp_list k left join tc l on l.which = 'latest' and l.competency_id = k.competency_id
    group by k.competency_id, k.ord
  ),
  plan_counts as (
    select (count(*) filter (where a.status = 'done'))::integer as done, count(*)::integer as total
    from public.plan_actions a
    join public.development_plans p on p.id = a.plan_id
    where p.teacher_id = any (p_teachers) and p.deleted_at is null and p.academic_year = p_year
      and a.deleted_at is null and a.status <> 'cancelled'
  ),
  young as (
    select p.id,
      exists (
        select 1 from public.mentoring_pairs mp
        where mp.mentee_id = p.id and mp.deleted_at is null
          and mp.start_date <= v_end and (mp.end_date is null or mp.end_date >= v_start)
      ) as covered
    from public.profiles p
    where p.id = any (p_teachers) and p.experience_years < 3
  ),
  young_counts as (
    select (count(*) filter (where covered))::integer as covered, count(*)::integer as total from young
  ),
  observed as (
    select count(*)::integer as n
    from public.observations o
    where o.teacher_id = any (p_teachers) and o.deleted_at is null and o.status = 'submitted'
      and o.date between v_start and v_end
  )
  select jsonb_build_object(
    'competencies', (
      select coalesce(jsonb_agg(jsonb_build_object(
          'competencyId', r.competency_id, 'group', r.grp, 'teachers', r.n,
          'entry', case when v_hide and r.n < 5 then null else r.entry end,
          'final', case when v_hide and r.n < 5 then null else r.final end,
          'suppressed', v_hide and r.n < 5) order by r.ord), '[]'::jsonb)
      from comp_rows r),
    'groups', (
      select jsonb_agg(case when v_hide and r.n < 5 then jsonb_build_object(
          'group', r.grp, 'teachers', r.n, 'entry', null, 'final', null, 'suppressed', true,
          'growth', jsonb_build_object('numerator', null, 'denominator', null, 'value', null, 'noData', null))
        else jsonb_build_object(
          'group', r.grp, 'teachers', r.n, 'entry', r.entry, 'final', r.final, 'suppressed', false,
          'growth', jsonb_build_object('numerator', r.grown, 'denominator', r.n,
            'value', case when r.n = 0 then null else r.grown::numeric / r.n end, 'noData', v_n - r.n))
        end order by r.ord)
      from group_rows r),
    'heatmap', (
      select coalesce(jsonb_agg(jsonb_build_object(
          'competencyId', r.competency_id, 'assessed', r.assessed,
          'mean', case when v_hide and r.assessed < 5 then null else r.mean end,
          'deficitTeachers', r.deficit_teachers,
          'deficitShare', case when v_n = 0 then null else r.deficit_teachers::numeric / v_n end,
          'suppressed', v_hide and r.assessed < 5) order by r.ord), '[]'::jsonb)
      from heat_rows r),
    'topDeficits', (
      select coalesce(jsonb_agg(jsonb_build_object('competencyId', x.competency_id, 'teachers', x.n)
          order by x.n desc, x.competency_id collate "C"), '[]'::jsonb)
      from (select d.competency_id, count(*)::integer as n from open_deficits d group by d.competency_id) x),
    'planCompletion', (
      select jsonb_build_object('numerator', c.done, 'denominator', c.total,
        'value', case when c.total = 0 then null else c.done::numeric / c.total end, 'suppressed', false)
      from plan_counts c),
    'mentoring', (
      select case when v_hide and c.total < 5
        then jsonb_build_object('numerator', null, 'denominator', null, 'value', null, 'suppressed', true)
        else jsonb_build_object('numerator', c.covered, 'denominator', c.total,
          'value', case when c.total = 0 then null else c.covered::numeric / c.total end, 'suppressed', false)
        end
      from young_counts c),
    'observations', (
      select jsonb_build_object('count', o.n, 'teachers', v_n,
        'perTeacher', case when v_n = 0 then null else o.n::numeric / v_n end)
      from observed o)
  ) into v_result;

  return jsonb_build_object('teachers', v_n, 'suppressed', false) || v_result;
end
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
  v_is_school boolean;
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
  select array_agg(r.teacher_id order by r.teacher_id), array_agg(r.school_id order by r.teacher_id)
    into v_teachers, v_schools
  from private.report_teachers(p_org, p_year) r;
  select o.kind = 'school' into v_is_school from public.organizations o where o.id = p_org;

  return jsonb_build_object(
    'org', p_org,
    'year', p_year,
    'kind', p_kind,
    'threshold', p_threshold,
    'access', v_access,
    'scope', private.competence_block(coalesce(v_teachers, '{}'), p_year, p_kind, p_framework, p_threshold, v_access),
    'schools', case when v_is_school then '[]'::jsonb else (
      select coalesce(jsonb_agg(jsonb_build_object('schoolId', s.id) || private.competence_block(
          array(select u.tid from unnest(v_teachers, v_schools) u (tid, sid) where u.sid = s.id),
          p_year, p_kind, p_framework, p_threshold, v_access)
        order by s.id), '[]'::jsonb)
      from public.organizations s
      where s.kind = 'school' and s.deleted_at is null and s.id in (select private.org_subtree(p_org))
    ) end
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
revoke all on function private.staff_profile_block(uuid[], int, text),
  private.competence_block(uuid[], int, text, uuid, numeric, text)
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
