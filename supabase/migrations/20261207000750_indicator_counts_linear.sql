-- The indicators got 10–40 times slower with 20261207000300 (npm run bench, region of 30,000
-- teachers: a municipality 149 ms → 1.9 s, the region 0.7 s → 26 s): the deficits were joined
-- both to the teachers' zones and to the scope, and the planner scanned the whole scope once per
-- teacher (quadratic in the number of teachers). The same function as in 20261207000300, the
-- deficits reached through the zones alone (which hold exactly the teachers in scope), the zone
-- looked up once per school; nothing else changes.

create or replace function private.indicator_counts(p_teachers uuid[], p_schools uuid[], p_year integer, p_threshold numeric, p_stage text)
returns table (
  year integer, is_total boolean, school_id uuid, teachers integer,
  pd_quality integer, pd_any integer, category integer, community integer, competition integer, iom integer,
  growth_meta integer, growth_meta_den integer, growth_meta_no_data integer,
  growth_subject integer, growth_subject_den integer, growth_subject_no_data integer,
  deficits_closed integer, deficits_open integer, young_supported integer, young integer, observed integer,
  has_data boolean
)
language plpgsql stable security definer set search_path = ''
as $fn$
begin
  return query execute private.in_scope($q$
  with b as (
    -- Year 1 is the previous academic year, year 2 the reported one.
    select make_date($3 - 1, 9, 1) as s1, make_date($3, 8, 31) as e1, make_date($3, 9, 1) as s2, make_date($3 + 1, 8, 31) as e2
  ),
  t as (select u.teacher_id, u.school_id from unnest($1::uuid[], $2::uuid[]) u (teacher_id, school_id)),
  -- The zone of each school, once; each teacher's, for dating her deficits' status changes.
  -- Materialized: inlined, the zone was looked up again for every deficit joined to it (a
  -- recursive walk up the organisation tree per row), 0.15 s → 1.9 s for a municipality.
  zones as materialized (select s.school_id, private.org_time_zone(s.school_id) as zone from (select distinct t.school_id from t) s),
  tz as materialized (select t.teacher_id, z.zone from t join zones z on z.school_id = t.school_id),
  -- A course counts in the year it was completed; a community or competition when it overlaps
  -- the year (a community without an end is ongoing); any activity overlapping a year is data.
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
      bool_or(a.kind = 'competition' and a.start_date <= b.e2 and coalesce(a.end_date, a.start_date) >= b.s2) as competition2,
      bool_or(a.start_date <= b.e1 and (coalesce(a.end_date, a.start_date) >= b.s1 or (a.kind = 'community' and a.end_date is null))) as data1,
      bool_or(a.start_date <= b.e2 and (coalesce(a.end_date, a.start_date) >= b.s2 or (a.kind = 'community' and a.end_date is null))) as data2
    from public.activities a /*in scope: a.teacher_id*/ cross join b
    where a.deleted_at is null
    group by a.teacher_id
  ),
  -- An active or completed plan counts for IOM; any plan of the year, a draft too, is data.
  iom as (
    select p.teacher_id,
      bool_or(p.academic_year = $3 - 1 and p.status in ('active', 'completed')) as iom1,
      bool_or(p.academic_year = $3 and p.status in ('active', 'completed')) as iom2,
      bool_or(p.academic_year = $3 - 1) as data1, bool_or(p.academic_year = $3) as data2
    from public.development_plans p /*in scope: p.teacher_id*/
    where p.deleted_at is null and p.academic_year in ($3 - 1, $3)
    group by p.teacher_id
  ),
  kinds as (
    select k.teacher_id, k.academic_year as y, array_position(array['self', 'expert', 'test', 'observation'], k.kind) as rank,
      k.entry_meta, k.entry_subject,
      case $5 when 'intermediate' then k.intermediate_meta when 'final' then k.final_meta end as compared_meta,
      case $5 when 'intermediate' then k.intermediate_subject when 'final' then k.final_subject end as compared_subject,
      k.entry_framework = case $5 when 'intermediate' then k.intermediate_framework when 'final' then k.final_framework end as one_framework
    from private.assessment_kind_stages k /*in scope: k.teacher_id*/
    where k.academic_year in ($3 - 1, $3)
  ),
  pairs as (
    select k.teacher_id, k.y, k.rank,
      case when k.one_framework and k.entry_meta is not null and k.compared_meta is not null
        then k.compared_meta - k.entry_meta >= $4 - 1e-9 end as meta,
      case when k.one_framework and k.entry_subject is not null and k.compared_subject is not null
        then k.compared_subject - k.entry_subject >= $4 - 1e-9 end as subject
    from kinds k
  ),
  -- As before; a row of assessment_kind_stages is a submitted assessment of that year: data.
  growth as (
    select p.teacher_id,
      (min(p.rank * 2 + case when p.meta then 0 else 1 end) filter (where p.meta is not null and p.y = $3 - 1)) % 2 = 0 as meta1,
      (min(p.rank * 2 + case when p.meta then 0 else 1 end) filter (where p.meta is not null and p.y = $3)) % 2 = 0 as meta2,
      (min(p.rank * 2 + case when p.subject then 0 else 1 end) filter (where p.subject is not null and p.y = $3 - 1)) % 2 = 0 as subject1,
      (min(p.rank * 2 + case when p.subject then 0 else 1 end) filter (where p.subject is not null and p.y = $3)) % 2 = 0 as subject2,
      bool_or(p.y = $3 - 1) as data1, bool_or(p.y = $3) as data2
    from pairs p group by p.teacher_id
  ),
  -- A deficit was open in a year when it was open on 1 September or moved to an open status in
  -- the year; it was closed when, being so, it moved to overcome in the year. A change is dated in
  -- the zone of the teacher's school. Its status on 1 September is that of the last change before
  -- it in the history's order: the greatest n * 2 + open, whose parity is open.
  def as (
    select d.teacher_id,
      (count(*) filter (where s.open1))::integer as open1, (count(*) filter (where s.open1 and s.closed1))::integer as closed1,
      (count(*) filter (where s.open2))::integer as open2, (count(*) filter (where s.open2 and s.closed2))::integer as closed2,
      bool_or(s.data1) as data1, bool_or(s.data2) as data2
    -- tz holds exactly the teachers in scope: no scope join besides it. With both, the planner
    -- rebuilt the scope's hash for every teacher (a municipality's 1,500² rows, a region's 30,000²).
    from tz
    join public.deficits d on d.teacher_id = tz.teacher_id
    cross join b
    cross join lateral (
      select
        coalesce(bool_or(h.open) filter (where h.day between b.s1 and b.e1), false)
          or coalesce((max(h.n * 2 + h.open::integer) filter (where h.day < b.s1)) % 2 = 1, false) as open1,
        coalesce(bool_or(h.status = 'overcome') filter (where h.day between b.s1 and b.e1), false) as closed1,
        coalesce(bool_or(h.open) filter (where h.day between b.s2 and b.e2), false)
          or coalesce((max(h.n * 2 + h.open::integer) filter (where h.day < b.s2)) % 2 = 1, false) as open2,
        coalesce(bool_or(h.status = 'overcome') filter (where h.day between b.s2 and b.e2), false) as closed2,
        coalesce(bool_or(h.day between b.s1 and b.e1), false) as data1,
        coalesce(bool_or(h.day between b.s2 and b.e2), false) as data2
      from (
        select x.e ->> 'status' as status, coalesce(x.e ->> 'status' in ('identified', 'in_progress'), false) as open,
               case when x.e ->> 'at' ~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$'
                 then ((x.e ->> 'at')::timestamptz at time zone tz.zone)::date end as day,
               x.n
        from jsonb_array_elements(d.history) with ordinality x (e, n)
      ) h
    ) s
    where d.deleted_at is null
    group by d.teacher_id
  ),
  -- A session in the year within a pairing of the mentee that was active in the year; any session
  -- of hers dated in a year is data.
  supported as (
    select s.mentee_id as teacher_id,
      bool_or(p.id is not null and s.date between b.s1 and b.e1 and p.start_date <= b.e1 and (p.end_date is null or p.end_date >= b.s1)) as supported1,
      bool_or(p.id is not null and s.date between b.s2 and b.e2 and p.start_date <= b.e2 and (p.end_date is null or p.end_date >= b.s2)) as supported2,
      bool_or(s.date between b.s1 and b.e1) as data1, bool_or(s.date between b.s2 and b.e2) as data2
    from public.mentoring_sessions s
    /*in scope: s.mentee_id*/
    left join public.mentoring_pairs p on p.id = s.pair_id and p.mentee_id = s.mentee_id and p.deleted_at is null
    cross join b
    where s.deleted_at is null
    group by s.mentee_id
  ),
  -- A submitted observation counts; any of the year, a draft too, is data.
  observed as (
    select o.teacher_id,
      bool_or(o.status = 'submitted' and o.date between b.s1 and b.e1) as observed1,
      bool_or(o.status = 'submitted' and o.date between b.s2 and b.e2) as observed2,
      bool_or(o.date between b.s1 and b.e1) as data1, bool_or(o.date between b.s2 and b.e2) as data2
    from public.observations o /*in scope: o.teacher_id*/ cross join b
    where o.deleted_at is null
    group by o.teacher_id
  ),
  per as (
    select t.school_id,
      pr.category in ('highest', 'first') and (pr.category_expires_on is null or pr.category_expires_on >= b.e1) as category1,
      pr.category in ('highest', 'first') and (pr.category_expires_on is null or pr.category_expires_on >= b.e2) as category2,
      private.is_young_in(pr.experience_years, pr.experience_as_of, $3 - 1) as young1,
      private.is_young_in(pr.experience_years, pr.experience_as_of, $3) as young2,
      act.pd_quality1, act.pd_quality2, act.pd_any1, act.pd_any2, act.community1, act.community2,
      act.competition1, act.competition2, iom.iom1, iom.iom2,
      g.meta1, g.meta2, g.subject1, g.subject2,
      def.open1, def.closed1, def.open2, def.closed2,
      sup.supported1, sup.supported2, obs.observed1, obs.observed2,
      coalesce(act.data1, false) or coalesce(iom.data1, false) or coalesce(g.data1, false) or coalesce(def.data1, false)
        or coalesce(sup.data1, false) or coalesce(obs.data1, false) as data1,
      coalesce(act.data2, false) or coalesce(iom.data2, false) or coalesce(g.data2, false) or coalesce(def.data2, false)
        or coalesce(sup.data2, false) or coalesce(obs.data2, false) as data2
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
      (count(*) filter (where per.young1 and per.supported1))::integer as supported1,
      (count(*) filter (where per.young2 and per.supported2))::integer as supported2,
      (count(*) filter (where per.young1))::integer as young1, (count(*) filter (where per.young2))::integer as young2,
      (count(*) filter (where per.observed1))::integer as observed1, (count(*) filter (where per.observed2))::integer as observed2,
      bool_or(per.data1) as data1, bool_or(per.data2) as data2
    from per
    group by grouping sets ((per.school_id), ())
  )
  select v.*
  from sums s
  cross join lateral (values
    ($3 - 1, s.is_total, case when not s.is_total then s.school_id end, s.teachers,
      s.pd_quality1, s.pd_any1, s.category1, s.community1, s.competition1, s.iom1,
      s.meta1, s.meta_den1, s.teachers - s.meta_den1, s.subject1, s.subject_den1, s.teachers - s.subject_den1,
      s.closed1, s.open1, s.supported1, s.young1, s.observed1, s.data1),
    ($3, s.is_total, case when not s.is_total then s.school_id end, s.teachers,
      s.pd_quality2, s.pd_any2, s.category2, s.community2, s.competition2, s.iom2,
      s.meta2, s.meta_den2, s.teachers - s.meta_den2, s.subject2, s.subject_den2, s.teachers - s.subject_den2,
      s.closed2, s.open2, s.supported2, s.young2, s.observed2, s.data2)
  ) v
  $q$, cardinality(p_teachers), 6) using p_teachers, p_schools, p_year, p_threshold, private.report_stage(p_stage),
    array(select distinct u.id from unnest(p_teachers) u (id));
end
$fn$;
