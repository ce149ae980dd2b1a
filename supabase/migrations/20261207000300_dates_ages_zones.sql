-- Ages, стаж and dates that are right on any date; one rule for who counts as a school's teacher.
--
-- DOMAIN.md ("Teacher profile", "Assessments", "Indicators the methodist sees") and issue 13,
-- items 2, 9, 16, 18, 19, 20. The TypeScript twins are src/lib/domain/profile.ts, dates.ts,
-- organization.ts, staff-profile.ts, indicators.ts and competence-report.ts; tests/db compares
-- every figure of both on one generated municipality.
--
-- - A school's teachers (report_teachers): live profiles whose school — the main school — is a
--   live school of the scope, with a live teacher or mentor membership in it. A membership in a
--   second school never counts a teacher there; a methodist who does not teach is not counted.
-- - Стаж is recorded with the date it was true on (profiles.experience_as_of); стаж on D =
--   recorded years + full years from that date to D (private.experience_on). A write that changes
--   experience_years without a new date is dated today in the school's zone (a trigger), so the
--   staff import, old clients and the admin console date every стаж they write.
-- - Age is in full years on a date (private.age_on), from the birth date, or from 1 July of the
--   birth year when only the year is known.
-- - Young specialists of an academic year: стаж < 3 on its reference date (1 January inside it)
--   and begun by its end (private.is_young_in), for YOUNG_SUPPORTED (each year by its own date,
--   so «прошлый год» counts last year's young specialists) and the mentoring coverage.
-- - Organisations carry an IANA time zone (time_zone; null: the parent's; Europe/Moscow at the
--   top): a deficit's status change is dated in the zone of the teacher's school.
-- - A category without a recorded expiry counts as valid; the staff profile counts them.
-- - The staff profile is on a reference date: 1 January inside the year, or a date in the year
--   the school methodist picks (an aggregate-only reader gets the reference date only).
-- - A year in which a scope recorded nothing is «нет данных» for every indicator (has_data).

-- ——— Columns —————————————————————————————————————————————————————————————————————————————

alter table public.profiles add column experience_as_of date;
alter table public.profiles add constraint profiles_experience_as_of_range
  check (experience_as_of between date '1950-01-01' and date '2100-12-31');
comment on column public.profiles.experience_as_of is
  'The date experience_years was true on: стаж on D = experience_years + full years from this date to D.';

-- «Без категории» has no term; a category's expiry may be unknown (real staff lists often lack
-- it) and then counts as valid.
alter table public.profiles drop constraint if exists profiles_category_expiry;
alter table public.profiles add constraint profiles_category_expiry
  check (category <> 'none' or category_expires_on is null);

-- An IANA zone name, as pg_timezone_names lists them (src/lib/domain/dates.ts isTimeZone says the
-- same through Intl): no abbreviations, no POSIX offsets ('UTC+3' reads its sign backwards here).
create function private.is_time_zone(p_zone text) returns boolean
language sql stable set search_path = ''
as $$
  select p_zone ~ '^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$' and p_zone !~* '^(UTC|GMT)[+-]'
    and exists (select 1 from pg_catalog.pg_timezone_names z where z.name = p_zone)
$$;

alter table public.organizations add column time_zone text;
alter table public.organizations add constraint organizations_time_zone_valid
  check (time_zone is null or private.is_time_zone(time_zone));
comment on column public.organizations.time_zone is
  'IANA time zone the organisation''s instants are dated in; null: the parent''s (Europe/Moscow at the top).';

-- ——— Dates —————————————————————————————————————————————————————————————————————————————————

-- The effective zone of an organisation: its own, else the nearest ancestor's, else Moscow time
-- (organization.ts effectiveTimeZone). Null for no organisation gives Moscow time too.
create function private.org_time_zone(p_org uuid) returns text
language sql stable security definer set search_path = ''
as $$
  with recursive up (id, parent_id, time_zone, depth) as (
    select o.id, o.parent_id, o.time_zone, 0 from public.organizations o where o.id = p_org
    union all
    select o.id, o.parent_id, o.time_zone, up.depth + 1 from public.organizations o join up on o.id = up.parent_id
    where up.time_zone is null and up.depth < 10
  )
  select coalesce((select up.time_zone from up where up.time_zone is not null order by up.depth limit 1), 'Europe/Moscow')
$$;

-- Full years from p_from to p_to (dates.ts fullYearsBetween): a year is complete on its
-- anniversary; the anniversary of 29 February is 28 February in a common year (ГК РФ, ст. 192);
-- rounded down, so an earlier p_to gives a negative count. Not pg_catalog.age, which reaches the
-- anniversary of 29 February on 1 March. Written to be inlined into the report queries (no SET
-- clause: every name is schema-qualified instead), as the rules of 20261207000200 are.
create function private.full_years(p_from date, p_to date) returns integer
language sql immutable
as $$
  -- OPERATOR(...) binds left to right at one precedence: every step is parenthesised.
  select (pg_catalog.date_part('year', p_to)::pg_catalog.int4 operator(pg_catalog.-) pg_catalog.date_part('year', p_from)::pg_catalog.int4)
    operator(pg_catalog.-) (case
      when ((pg_catalog.date_part('month', p_to) operator(pg_catalog.*) 100) operator(pg_catalog.+) pg_catalog.date_part('day', p_to))
        operator(pg_catalog.>=)
        (((pg_catalog.date_part('month', p_from) operator(pg_catalog.*) 100) operator(pg_catalog.+) pg_catalog.date_part('day', p_from))
          operator(pg_catalog.-) (case
            when (pg_catalog.date_part('month', p_from) operator(pg_catalog.=) 2)
              and (pg_catalog.date_part('day', p_from) operator(pg_catalog.=) 29)
              and (pg_catalog.date_part('doy', pg_catalog.make_date(pg_catalog.date_part('year', p_to)::pg_catalog.int4, 12, 31)) operator(pg_catalog.=) 365)
            then 1 else 0 end))
      then 0 else 1 end)
$$;

-- Стаж on p_on (profile.ts experienceOn): the recorded years plus the full years since the date
-- they were true on; below zero for a date before the teacher began; as recorded without a date.
create function private.experience_on(p_years integer, p_as_of date, p_on date) returns integer
language sql immutable
as $$
  select p_years operator(pg_catalog.+) coalesce(private.full_years(p_as_of, p_on), 0)
$$;

-- Age in full years on p_on (profile.ts ageOn): from the birth date, else from 1 July of the year.
create function private.age_on(p_birth_date date, p_birth_year integer, p_on date) returns integer
language sql immutable
as $$
  select private.full_years(coalesce(p_birth_date, pg_catalog.make_date(p_birth_year, 7, 1)), p_on)
$$;

-- A young specialist of academic year p_year (profile.ts isYoungSpecialistIn): стаж under three
-- years on 1 January inside it, and teaching by its last day.
create function private.is_young_in(p_years integer, p_as_of date, p_year integer) returns boolean
language sql immutable
as $$
  select (private.experience_on(p_years, p_as_of, pg_catalog.make_date((p_year operator(pg_catalog.+) 1), 1, 1)) operator(pg_catalog.<) 3)
     and (private.experience_on(p_years, p_as_of, pg_catalog.make_date((p_year operator(pg_catalog.+) 1), 8, 31)) operator(pg_catalog.>=) 0)
$$;

-- An instant as the devices write it (dates.ts isIsoDateTime): a date, a time and an explicit zone.
-- The report queries date a status change only when its text has this shape.
-- ^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$

-- Every status change of a deficit's history is such an instant, within the plausible window: the
-- indicators date them in the school's zone, and one the database cannot read would stop a report.
create function private.is_instant_history(p_history jsonb) returns boolean
language sql immutable set search_path = ''
as $$
  select coalesce(bool_and(case
      when jsonb_typeof(e) = 'object' and e ->> 'at' ~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$'
        then private.is_plausible_instant((e ->> 'at')::timestamptz)
      else false end), true)
  from jsonb_array_elements(case when jsonb_typeof(p_history) = 'array' then p_history else '[]'::jsonb end) e
$$;

alter table public.deficits add constraint deficits_history_instants check (private.is_instant_history(history)) not valid;
-- A database that already holds such a history keeps it (the migration must not fail on data):
-- the constraint stays NOT VALID, with a NOTICE, until an administrator corrects those rows.
do $$
begin
  alter table public.deficits validate constraint deficits_history_instants;
exception when check_violation or invalid_datetime_format or datetime_field_overflow then
  raise notice 'constraint deficits_history_instants on public.deficits left NOT VALID: an existing history holds an instant that is not ISO 8601 with a zone; correct it';
end
$$;

-- ——— The стаж's date: backfill and every write ———————————————————————————————————————

-- Rows written before the date was kept: the стаж as of the day the row was last written, in the
-- zone of its school — the latest date it is known to have been true on, so a стаж is never
-- overstated. Written without the stamp trigger, so version and updated_at stay as they were;
-- sync_txid moves, so every device pulls the date (a pull applies a row of the version it holds).
alter table public.profiles disable trigger a_stamp_row;
update public.profiles p
  set experience_as_of = (p.updated_at at time zone private.org_time_zone(p.school_id))::date,
      sync_txid = pg_current_xact_id()
  where p.experience_as_of is null;
alter table public.profiles enable trigger a_stamp_row;

-- A write that sets a стаж without a new date (the staff import, an older app, the admin console,
-- a migration) dates it today in the zone of the profile's school; so does a new profile without
-- one. After the rules (b_rules) so a person's own change is checked as sent.
create function private.stamp_experience_as_of() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if new.experience_as_of is null
    or (tg_op = 'UPDATE' and new.experience_years is distinct from old.experience_years
        and new.experience_as_of is not distinct from old.experience_as_of) then
    new.experience_as_of := (now() at time zone private.org_time_zone(new.school_id))::date;
  end if;
  return new;
end
$$;

create trigger c_stamp_experience_as_of before insert or update on public.profiles
  for each row execute function private.stamp_experience_as_of();

-- ——— Who counts as a school's teacher ————————————————————————————————————————————————————

-- Teachers active in the scope (the indicators' denominator, and every report's): live profiles
-- whose school is a live school at or under p_org, holding a live teacher or mentor membership in
-- that school (profile.ts schoolTeachers). One row per person, in the school of the profile.
-- p_year is part of the contract: memberships carry no dates yet, so today's staff is every
-- year's staff.
create or replace function private.report_teachers(p_org uuid, p_year int) returns table (teacher_id uuid, school_id uuid)
language sql stable security definer set search_path = ''
as $$
  select p.id, p.school_id
  from public.profiles p
  join public.organizations s on s.id = p.school_id and s.kind = 'school' and s.deleted_at is null
  where p.deleted_at is null
    and p.school_id in (select private.org_subtree(p_org))
    and exists (
      select 1 from public.memberships m
      where m.profile_id = p.id and m.organization_id = p.school_id and m.role in ('teacher', 'mentor') and m.deleted_at is null
    )
$$;

-- ——— Indicators ——————————————————————————————————————————————————————————————————————————

-- As 20261122001100_report_stages.sql, with (indicators.ts says the same):
-- - a deficit's status changes dated in the zone of the teacher's school (its text must be an
--   ISO instant with a zone; another counts in no year);
-- - young specialists of each year by their стаж on its reference date (young per year);
-- - a category without a recorded expiry valid;
-- - has_data: the unit recorded something in the year (indicators.ts yearHasData) — a live
--   activity overlapping it, a plan for it (a draft too), a submitted assessment of it, a deficit
--   status change, a mentoring session or an observation (a draft too) dated in it.
drop function private.indicator_counts(uuid[], uuid[], integer, numeric, text);
create function private.indicator_counts(p_teachers uuid[], p_schools uuid[], p_year integer, p_threshold numeric, p_stage text)
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
  zones as (select s.school_id, private.org_time_zone(s.school_id) as zone from (select distinct t.school_id from t) s),
  tz as (select t.teacher_id, z.zone from t join zones z on z.school_id = t.school_id),
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
    from public.deficits d
    /*in scope: d.teacher_id*/
    join tz on tz.teacher_id = d.teacher_id
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

-- As 20261122001100_report_stages.sql, with a year the unit recorded nothing in as «нет данных».
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
      -- A year the unit recorded nothing in (has_data false, or no teachers) is «нет данных»:
      -- numerator, denominator and value null (indicators.ts computeIndicators).
      jsonb_agg(case
          when v_suppress and (coalesce(c.teachers, 0) < 5 or (v.den > 0 and v.den < 5)) then
            jsonb_build_object('code', v.code, 'numerator', null, 'denominator', null, 'value', null, 'noData', 0,
                               'target', tg.value, 'previous', null, 'suppressed', true)
          else
            jsonb_build_object(
              'code', v.code,
              'numerator', case when coalesce(c.has_data, false) then v.num end,
              'denominator', case when coalesce(c.has_data, false) then v.den end,
              'value', case when coalesce(c.has_data, false) and v.den > 0 then v.num::numeric / v.den end,
              'noData', case when coalesce(c.has_data, false) then v.no_data else 0 end,
              'target', tg.value,
              'previous', case
                when not coalesce(p.has_data, false) then null
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
    group by u.school_id, u.org_id, c.teachers, c.has_data, p.has_data
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

-- ——— Staff profile on a reference date ——————————————————————————————————————————————————

drop function public.report_staff_profile(uuid, int);
drop function private.report_staff_profile(uuid, int);
drop function private.staff_profile_block(uuid[], int, text);
drop function private.staff_profile_blocks(uuid[], uuid[], uuid[], int, text);

-- As 20261122000800_competence_reports.sql, on p_date (staff-profile.ts staffProfile): age in full
-- years on it (private.age_on), стаж on it (private.experience_on; below zero — hired later —
-- counts as 0), the category held on it (an unknown expiry counts as held). Each block also says
-- its date and how many teachers hold a category whose expiry is unknown.
create function private.staff_profile_blocks(
  p_teachers uuid[], p_schools uuid[], p_school_list uuid[], p_year int, p_access text, p_date date
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
  v as (
    select p.id, private.age_on(p.birth_date, p.birth_year, p_date) as age,
      greatest(0, private.experience_on(p.experience_years, p.experience_as_of, p_date)) as experience,
      p.education, p.category, p.category_expires_on
    from public.profiles p
    where p.id = any (p_teachers)
  ),
  -- Each teacher's keys, once (a teacher outside every band counts in none).
  t as (
    select v.id,
      (select b.key from age_bands b where v.age >= b.lo and (b.hi is null or v.age < b.hi)) as age,
      (select b.key from experience_bands b where v.experience >= b.lo and (b.hi is null or v.experience < b.hi)) as experience,
      v.education,
      case when v.category <> 'none' and (v.category_expires_on is null or p_date <= v.category_expires_on)
        then v.category else 'none' end as category,
      v.category <> 'none' and v.category_expires_on is null as expiry_unknown
    from v
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
  unknown as (
    select m.gid, count(*) filter (where t.expiry_unknown) as n
    from mem m join t on t.id = m.tid
    group by m.gid
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
      then jsonb_build_object('date', p_date, 'teachers', g.n, 'suppressed', true,
        'age', null, 'experience', null, 'education', null, 'category', null, 'categoryExpiryUnknown', null)
      else jsonb_build_object('date', p_date, 'teachers', g.n, 'suppressed', false,
        'categoryExpiryUnknown', coalesce(u.n, 0)) || b.b end
  from grp g left join blocks b on b.gid = g.gid left join unknown u on u.gid = g.gid
$$;

create function private.staff_profile_block(p_teachers uuid[], p_year int, p_access text, p_date date) returns jsonb
language sql stable set search_path = ''
as $$
  select b.block from private.staff_profile_blocks(p_teachers, null, '{}', p_year, p_access, p_date) b where b.school_id is null
$$;

-- {"org", "year", "date", "access", "scope": block, "schools": [{"schoolId", …block}]}. p_date:
-- the date the profile is on, the reference date (1 January inside the year) when null. The
-- school methodist, who sees every teacher, may pick any date in the year; an aggregate-only
-- reader gets the reference date only (staff-profile.ts staffProfileDate): stepping a free date
-- day by day would show one teacher moving to the next age band on her birthday (DOMAIN.md,
-- "Disclosure control"). Another date is refused with 22023.
create function private.report_staff_profile(p_org uuid, p_year int, p_date date default null) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_access text := private.report_access(p_org);
  v_date date;
  v_teachers uuid[];
  v_schools uuid[];
  v_school_list uuid[];
  v_scope jsonb;
  v_blocks jsonb;
begin
  if p_year is null or p_year not between 2000 and 2100 then
    raise exception using errcode = '22023', message = 'academic year out of range';
  end if;
  v_date := coalesce(p_date, make_date(p_year + 1, 1, 1));
  if v_date <> make_date(p_year + 1, 1, 1) then
    if v_access <> 'school' then
      raise exception using errcode = '22023', message = 'an aggregate-only reader sees the staff profile on the reference date only';
    end if;
    if v_date not between make_date(p_year, 9, 1) and make_date(p_year + 1, 8, 31) then
      raise exception using errcode = '22023', message = 'the date must fall in the academic year';
    end if;
  end if;
  select g.teachers, g.schools, g.school_list into v_teachers, v_schools, v_school_list
  from private.report_groups(p_org, p_year) g;

  select (array_agg(b.block) filter (where b.school_id is null))[1],
      coalesce(jsonb_agg(jsonb_build_object('schoolId', b.school_id) || b.block order by b.school_id)
        filter (where b.school_id is not null), '[]'::jsonb)
    into v_scope, v_blocks
  from private.staff_profile_blocks(coalesce(v_teachers, '{}'), coalesce(v_schools, '{}'),
    coalesce(v_school_list, '{}'), p_year, v_access, v_date) b;

  return jsonb_build_object(
    'org', p_org,
    'year', p_year,
    'date', v_date,
    'access', v_access,
    'scope', v_scope,
    'schools', v_blocks
  );
end
$$;

create function public.report_staff_profile(p_org uuid, p_year int, p_date date default null) returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.report_staff_profile(p_org, p_year, p_date) $$;

-- ——— Competence growth ————————————————————————————————————————————————————————————————————

-- As 20261122001100_report_stages.sql, with the mentoring coverage over the young specialists of
-- the year (стаж < 3 on its reference date: private.is_young_in), as competence-report.ts counts.
create or replace function private.competence_blocks(
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
    where private.is_young_in(pr.experience_years, pr.experience_as_of, $3)
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

-- ——— Planner settings and privileges ————————————————————————————————————————————————————

-- CREATE OR REPLACE keeps no SET clause it does not name: the report functions get theirs again
-- (20261122001100_report_stages.sql says why).
alter function private.report_indicators(uuid, integer, text, numeric)
  set jit = off set work_mem = '32MB' set max_parallel_workers_per_gather = 0 set random_page_cost = 1.1;
alter function private.report_staff_profile(uuid, int, date)
  set jit = off set work_mem = '32MB' set max_parallel_workers_per_gather = 0 set random_page_cost = 1.1;

revoke all on function private.is_time_zone(text),
  private.org_time_zone(uuid),
  private.full_years(date, date),
  private.experience_on(integer, date, date),
  private.age_on(date, integer, date),
  private.is_young_in(integer, date, integer),
  private.is_instant_history(jsonb),
  private.stamp_experience_as_of(),
  private.indicator_counts(uuid[], uuid[], integer, numeric, text),
  private.staff_profile_block(uuid[], int, text, date),
  private.staff_profile_blocks(uuid[], uuid[], uuid[], int, text, date)
  from public, anon, authenticated;
-- Constraints and the stamp trigger run as the writer: the rules they call stay callable by the
-- API role (they reveal nothing but a zone name or a date).
grant execute on function private.is_time_zone(text), private.org_time_zone(uuid), private.is_instant_history(jsonb),
  private.stamp_experience_as_of()
  to authenticated, service_role;
grant execute on function private.indicator_counts(uuid[], uuid[], integer, numeric, text) to service_role;
revoke all on function private.report_staff_profile(uuid, int, date), public.report_staff_profile(uuid, int, date)
  from public, anon;
grant execute on function private.report_staff_profile(uuid, int, date), public.report_staff_profile(uuid, int, date)
  to authenticated;
