-- Disclosure control: no figure a reader who may not see individuals gets, and no sum or
-- difference of such figures, rests on fewer than N teachers (DOMAIN.md, "Privacy" → "Disclosure
-- control"; issue 14). The TypeScript twin is src/lib/domain/disclosure.ts with indicators.ts,
-- competence-report.ts and staff-profile.ts; tests/db compares the two figure by figure and
-- tests/db/disclosure.db.ts runs the attacks (subtraction, differencing, scanning, a second school).
--
-- - Settings of the region (public.region_settings, written by the administrator only): the
--   minimum group size N (5, never below), the growth threshold (0.25) — no longer an argument a
--   caller chooses, so it cannot be scanned — and the first academic year the dashboards offer
--   (by default two years before the current one). An aggregate-only reader may ask for those
--   years and the current one only; any other is refused with 22023.
-- - Families. A report's figures fall into families by the group they rest on: the whole staff of
--   a school (head counts, the staff profile, courses, categories, plans, observations, deficit
--   counts by competency), the teachers with a growth pair (per year and stage), with an open
--   deficit (per year), the young specialists (per year), the teachers with plan actions (per
--   year), and per competency and per group the teachers assessed (the heat map's latest
--   assessment and the rows' entry and compared assessments, per stage). A family's columns are
--   its figures at each stage or year; a teacher contributes to a column through an id (0: not in
--   its group; for means of scores, the stage of the assessment counted). Per school the measures
--   are each column's group and, per pair of columns, the teachers whose id differs.
-- - Rules (private.disclosure_protect), per municipality: a school is withheld from a family —
--   at every column at once — when a measure is 1 … N−1 (primary), when it is withheld whole,
--   or to bring the withheld schools' measures to N (complementary: the next-smallest school,
--   then the smallest id); when no school is left, the municipality's total of that column's
--   publication unit is withheld. A region's total is shown only when every municipality's is.
--   The whole-staff family decides which schools are withheld whole.
-- - Growth per group is shown by the indicators only: the competence report's growth is often
--   the same figure, and two protections of one figure could be played off each other.
-- - A teacher is counted in her profile's school (private.report_teachers, unchanged): a
--   membership in a second school counts her nowhere else, and a school methodist's report
--   counts exactly the teachers whose profiles she may read.

-- ——— Settings of the region ——————————————————————————————————————————————————————————————

create table public.region_settings (
  region_id uuid primary key references public.organizations (id),
  growth_threshold numeric not null default 0.25,
  min_group_size integer not null default 5,
  report_years_from integer,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  constraint region_settings_growth_threshold_range check (growth_threshold between 0 and 3),
  constraint region_settings_min_group_size_floor check (min_group_size between 5 and 1000),
  constraint region_settings_report_years_from_range check (report_years_from is null or report_years_from between 2000 and 2100)
);
comment on table public.region_settings is
  'Per region: minimum group size of aggregate reports (never below 5), growth threshold, first academic year the reports offer. Written by the administrator.';

-- Only a region carries settings; every write is stamped with its author.
create function private.region_settings_rules() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if not exists (select 1 from public.organizations o where o.id = new.region_id and o.kind = 'region' and o.deleted_at is null) then
    raise exception using errcode = '23514', message = 'settings belong to a live region';
  end if;
  new.updated_at := now();
  new.updated_by := private.my_profile_id();
  return new;
end
$$;

create trigger a_rules before insert or update on public.region_settings
  for each row execute function private.region_settings_rules();

alter table public.region_settings enable row level security;
-- The settings are no secret: every signed-in user may read them (the device could honour them).
create policy region_settings_select on public.region_settings for select to authenticated using (true);
create policy region_settings_insert on public.region_settings for insert to authenticated
  with check ((select private.is_admin()));
create policy region_settings_update on public.region_settings for update to authenticated
  using ((select private.is_admin())) with check ((select private.is_admin()));

revoke all on public.region_settings from anon, authenticated;
grant select, insert, update on public.region_settings to authenticated;

-- The settings that apply to an organisation: its region's, else the defaults; and the current
-- academic year in the region's time zone.
create function private.report_settings(p_org uuid, out min_group integer, out threshold numeric, out years_from integer, out current_year integer)
language sql stable security definer set search_path = ''
as $$
  with recursive up (id, parent_id, kind, depth) as (
    select o.id, o.parent_id, o.kind, 0 from public.organizations o where o.id = p_org
    union all
    select o.id, o.parent_id, o.kind, up.depth + 1 from public.organizations o join up on o.id = up.parent_id where up.depth < 10
  ),
  region as (select up.id from up order by up.depth desc limit 1),
  today as (select (now() at time zone private.org_time_zone((select r.id from region r)))::date as d)
  select coalesce(s.min_group_size, 5), coalesce(s.growth_threshold, 0.25), s.report_years_from,
    extract(year from t.d)::integer - case when extract(month from t.d) < 9 then 1 else 0 end
  from today t left join public.region_settings s on s.region_id = (select r.id from region r)
$$;

-- The years a report's figures may be shown for, checking the one asked for: an aggregate-only
-- reader may ask for the offered years only (the region's first year, by default two before the
-- current one, up to the current one). Returns every year a figure may show for — the offered
-- years and the one before the first («прошлый год» beside it) — the years disclosure control
-- protects together (disclosure.ts disclosureYears).
create function private.report_years(p_org uuid, p_year integer, p_access text) returns integer[]
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_from integer;
  v_current integer;
begin
  if p_year is null or p_year not between 2000 and 2100 then
    raise exception using errcode = '22023', message = 'academic year out of range';
  end if;
  select s.years_from, s.current_year into v_from, v_current from private.report_settings(p_org) s;
  -- At most ten years back: a signature holds two columns a year in 64 bits.
  v_from := greatest(least(coalesce(v_from, v_current - 2), v_current), v_current - 10);
  if p_access <> 'school' and p_year not between v_from and v_current then
    raise exception using errcode = '22023',
      message = format('an aggregate-only reader may ask for the academic years %s to %s only', v_from, v_current);
  end if;
  return array(select generate_series(v_from - 1, v_current));
end
$$;

-- ——— The rules ——————————————————————————————————————————————————————————————————————————

-- One family over the universe (disclosure.ts protectFamily). Columns: p_units holds each
-- column's publication unit. Teachers: a histogram of signatures per school (p_h_*), a signature
-- holding each column's id in two bits (column c in bits 2c, 2c+1). Schools: p_school with their
-- parents (the group complementary suppression protects) and whether each is forced out.
-- Aggregates: p_agg with their parent aggregates, children before parents.
-- Out: per school whether it is withheld (hidden) and its groups per column (school_bases, the
-- schools' rows one after another); per aggregate, per unit whether its total is withheld (off)
-- and its groups per column (agg_bases), likewise flattened.
create function private.disclosure_protect(
  p_units integer[],
  p_school uuid[], p_parent uuid[], p_forced boolean[],
  p_agg uuid[], p_agg_parent uuid[],
  p_h_school uuid[], p_h_sig bigint[], p_h_n integer[],
  p_min integer,
  out hidden boolean[], out off boolean[], out school_bases integer[], out agg_bases integer[]
)
language plpgsql stable set search_path = ''
as $$
declare
  v_c integer := coalesce(cardinality(p_units), 0);
  v_s integer := coalesce(cardinality(p_school), 0);
  v_a integer := coalesce(cardinality(p_agg), 0);
  v_u integer := coalesce((select max(x) from unnest(p_units) x), -1) + 1;
  v_m integer := coalesce(cardinality(p_units), 0) * (coalesce(cardinality(p_units), 0) + 1) / 2;
  v_mu integer[];
  v_meas integer[];
  v_sum integer[];
  v_group integer[];
  v_parent uuid;
  v_goff boolean[];
  v_added boolean;
  v_rem integer;
  v_best integer;
  v_at integer;
  v_i integer;
  v_j integer;
  v_a_at integer;
begin
  hidden := array_fill(false, array[v_s]);
  off := '{}';
  school_bases := '{}';
  agg_bases := '{}';
  if v_c = 0 or v_s = 0 then
    return;
  end if;
  -- Measures: each column's group (j = c), then each pair's difference (a < b); a measure's unit is
  -- its column's, a difference's its later column's.
  select array_agg(d.unit order by d.j) into v_mu
  from (
    select c as j, p_units[c + 1] as unit from generate_series(0, v_c - 1) c
    union all
    select v_c + a * (2 * v_c - a - 1) / 2 + (b - a - 1), p_units[b + 1]
    from generate_series(0, v_c - 1) a cross join generate_series(0, v_c - 1) b where a < b
  ) d;
  with d as (
    select c as j, c as a, null::integer as b from generate_series(0, v_c - 1) c
    union all
    select v_c + a * (2 * v_c - a - 1) / 2 + (b - a - 1), a, b
    from generate_series(0, v_c - 1) a cross join generate_series(0, v_c - 1) b where a < b
  ),
  h as (select x.sid, x.sig, x.n from unnest(p_h_school, p_h_sig, p_h_n) x (sid, sig, n)),
  m as (
    select h.sid, d.j, sum(h.n)::integer as cnt
    from h cross join d
    where case when d.b is null then (h.sig >> (2 * d.a)) & 3 <> 0
               else (h.sig >> (2 * d.a)) & 3 <> (h.sig >> (2 * d.b)) & 3 end
    group by h.sid, d.j
  )
  select coalesce(array_agg(coalesce(m.cnt, 0) order by s.i, d.j), '{}') into v_meas
  from unnest(p_school) with ordinality s (id, i) cross join d left join m on m.sid = s.id and m.j = d.j;

  -- Primary: forced out, or some measure of 1 … N−1 (set-based: a region's schools × measures).
  select array_agg(coalesce(p_forced[s.i], false) or coalesce(x.few, false) order by s.i) into hidden
  from generate_series(1, v_s) s (i)
  left join (
    select ((u.k - 1) / v_m + 1)::integer as i, bool_or(u.v between 1 and p_min - 1) as few
    from unnest(v_meas) with ordinality u (v, k) group by 1
  ) x on x.i = s.i;

  -- Per aggregate, per unit: the total is withheld (v_a × v_u); per measure the sums (v_a × v_m).
  off := array_fill(false, array[greatest(v_a * v_u, 1)]);
  v_sum := array_fill(0, array[greatest(v_a * v_m, 1)]);

  -- Complementary suppression per group of sibling schools (schools in id order: the smallest
  -- measure, then the smallest id, is withheld next). Most groups need none: a group is worked
  -- through measure by measure only when a remainder of 1 … N−1 is left at a unit its total keeps.
  for v_parent, v_goff, v_added in
    with per as (
      select p_parent[((u.k - 1) / v_m + 1)::integer] as par, ((u.k - 1) % v_m + 1)::integer as j,
        sum(u.v) as total, coalesce(sum(u.v) filter (where hidden[((u.k - 1) / v_m + 1)::integer]), 0) as rem
      from unnest(v_meas) with ordinality u (v, k) group by 1, 2
    ),
    units as (
      select per.par, v_mu[per.j] as unit, bool_or(per.total between 1 and p_min - 1) as off,
        bool_or(per.rem between 1 and p_min - 1) as few
      from per group by 1, 2
    )
    select un.par, array_agg(un.off order by un.unit), bool_or(un.few and not un.off)
    from (select x.par, g.unit, coalesce(un0.off, false) as off, coalesce(un0.few, false) as few
          from (select distinct p.par from per p) x cross join generate_series(0, v_u - 1) g (unit)
          left join units un0 on un0.par = x.par and un0.unit = g.unit) un
    group by un.par
  loop
    if v_added then
      v_group := array(select s.i::integer from unnest(p_school, p_parent) with ordinality s (id, par, i) where s.par = v_parent order by s.id);
      loop
        v_added := false;
        for v_j in 1 .. v_m loop
          continue when v_goff[v_mu[v_j] + 1];
          v_rem := 0;
          foreach v_i in array v_group loop
            if hidden[v_i] then
              v_rem := v_rem + v_meas[(v_i - 1) * v_m + v_j];
            end if;
          end loop;
          continue when v_rem not between 1 and p_min - 1;
          v_best := null;
          foreach v_i in array v_group loop
            if not hidden[v_i] and v_meas[(v_i - 1) * v_m + v_j] > 0
               and (v_best is null or v_meas[(v_i - 1) * v_m + v_j] < v_meas[(v_best - 1) * v_m + v_j]) then
              v_best := v_i;
            end if;
          end loop;
          if v_best is not null then
            hidden[v_best] := true;
            v_added := true;
            exit;
          end if;
          v_goff[v_mu[v_j] + 1] := true;
        end loop;
        exit when not v_added;
      end loop;
    end if;
    v_a_at := array_position(p_agg, v_parent);
    if v_a_at is not null then
      for v_at in 1 .. v_u loop
        off[(v_a_at - 1) * v_u + v_at] := v_goff[v_at];
      end loop;
    end if;
  end loop;

  -- The sums of each aggregate's own schools.
  select coalesce(array_agg(coalesce(x.total, 0) order by a.a, j.j), '{}') into v_sum
  from generate_series(1, v_a) a (a) cross join generate_series(1, v_m) j (j)
  left join (
    select p_parent[((u.k - 1) / v_m + 1)::integer] as par, ((u.k - 1) % v_m + 1)::integer as j, sum(u.v)::integer as total
    from unnest(v_meas) with ordinality u (v, k) group by 1, 2
  ) x on x.par = p_agg[a.a] and x.j = j.j;
  if v_a = 0 then
    v_sum := array_fill(0, array[1]);
  end if;

  -- Totals, children first: an aggregate's sums are its schools' and its child aggregates'; its
  -- total at a unit is withheld when a sum of that unit is 1 … N−1, its own group withheld it, or a
  -- child aggregate's total is withheld.
  for v_a_at in 1 .. v_a loop
    for v_at in 1 .. v_a_at - 1 loop
      if p_agg_parent[v_at] = p_agg[v_a_at] then
        for v_j in 1 .. v_m loop
          v_sum[(v_a_at - 1) * v_m + v_j] := v_sum[(v_a_at - 1) * v_m + v_j] + v_sum[(v_at - 1) * v_m + v_j];
        end loop;
        for v_i in 1 .. v_u loop
          off[(v_a_at - 1) * v_u + v_i] := off[(v_a_at - 1) * v_u + v_i] or off[(v_at - 1) * v_u + v_i];
        end loop;
      end if;
    end loop;
    for v_j in 1 .. v_m loop
      if v_sum[(v_a_at - 1) * v_m + v_j] between 1 and p_min - 1 then
        off[(v_a_at - 1) * v_u + v_mu[v_j] + 1] := true;
      end if;
    end loop;
  end loop;

  school_bases := array(select v_meas[(i - 1) * v_m + c] from generate_series(1, v_s) i cross join generate_series(1, v_c) c order by i, c);
  agg_bases := array(select v_sum[(a - 1) * v_m + c] from generate_series(1, v_a) a cross join generate_series(1, v_c) c order by a, c);
  if v_a = 0 then
    off := '{}';
  end if;
end
$$;

-- Every family of a report over the universe under p_top (disclosure.ts protectFamily, in the
-- order of p_spec): [{"family", "units": [unit per column], "forcedBy": [families whose withheld
-- schools it withholds too], "offBy": {family: [its unit per unit of this one]}}], the first being
-- "teachers" (the whole staff: which schools are withheld whole). Histogram rows p_h_* of every
-- family, sorted by family (each family's rows one run); the "teachers" family's rows are the
-- head counts (signature 1).
create function private.disclosure_flags(
  p_top uuid, p_min integer, p_spec jsonb,
  p_h_family text[], p_h_school uuid[], p_h_sig bigint[], p_h_n integer[]
) returns table (family text, org_id uuid, is_total boolean, hidden boolean, off boolean[], bases integer[])
language plpgsql stable set search_path = ''
as $$
declare
  v_school uuid[];
  v_parent uuid[];
  v_agg uuid[];
  v_agg_parent uuid[];
  v_s integer;
  v_a integer;
  v_whole boolean[];
  v_names text[] := '{}';
  -- Per family (in v_names order): its withheld schools (v_s each) and its totals' flags.
  v_hidden boolean[] := '{}';
  v_offs jsonb := '{}';
  v_f jsonb;
  v_name text;
  v_forced boolean[];
  v_units integer[];
  v_u integer;
  v_c integer;
  v_by text;
  v_at integer;
  v_map jsonb;
  v_i integer;
  v_k integer;
  v_units_of integer[] := '{}';
  v_stride integer;
  v_hid boolean[];
  v_off boolean[];
  v_sb integer[];
  v_ab integer[];
  v_ranges jsonb;
  v_lo integer;
  v_hi integer;
begin
  with recursive down (id, kind, parent_id, depth) as (
    select o.id, o.kind, o.parent_id, 0 from public.organizations o where o.id = p_top and o.deleted_at is null
    union all
    select o.id, o.kind, o.parent_id, d.depth + 1 from public.organizations o join down d on o.parent_id = d.id
    where o.deleted_at is null and d.depth < 10
  )
  select
    coalesce(array_agg(d.id order by d.id) filter (where d.kind = 'school'), '{}'),
    -- A school at the top (a school without a live municipality) is a group of its own.
    coalesce(array_agg(case when d.id = p_top then d.id else d.parent_id end order by d.id) filter (where d.kind = 'school'), '{}'),
    coalesce(array_agg(d.id order by d.depth desc, d.id) filter (where d.kind in ('region', 'municipality')), '{}'),
    coalesce(array_agg(case when d.id = p_top then null else d.parent_id end order by d.depth desc, d.id) filter (where d.kind in ('region', 'municipality')), '{}')
    into v_school, v_parent, v_agg, v_agg_parent
  from down d;
  v_s := cardinality(v_school);
  v_a := cardinality(v_agg);
  select coalesce(jsonb_object_agg(r.f, jsonb_build_array(r.lo, r.hi)), '{}') into v_ranges
  from (select h.f, min(h.i) as lo, max(h.i) as hi from unnest(p_h_family) with ordinality h (f, i) group by h.f) r;

  for v_f in select e from jsonb_array_elements(p_spec) e loop
    v_name := v_f ->> 'family';
    v_units := array(select u::integer from jsonb_array_elements_text(v_f -> 'units') u);
    v_c := cardinality(v_units);
    v_u := coalesce((select max(x) from unnest(v_units) x), -1) + 1;
    -- Forced out: withheld whole, or withheld by a family named in forcedBy.
    v_forced := case when v_name = 'teachers' then array_fill(false, array[v_s]) else v_whole end;
    for v_by in select b from jsonb_array_elements_text(coalesce(v_f -> 'forcedBy', '[]')) b loop
      v_k := array_position(v_names, v_by);
      continue when v_k is null;
      for v_i in 1 .. v_s loop
        v_forced[v_i] := v_forced[v_i] or v_hidden[(v_k - 1) * v_s + v_i];
      end loop;
    end loop;
    -- The family's histogram rows: a slice, the rows coming sorted by family.
    v_lo := coalesce((v_ranges -> v_name ->> 0)::integer, 1);
    v_hi := coalesce((v_ranges -> v_name ->> 1)::integer, 0);
    select x.hidden, x.off, x.school_bases, x.agg_bases into v_hid, v_off, v_sb, v_ab
    from private.disclosure_protect(
      v_units, v_school, v_parent, v_forced, v_agg, v_agg_parent,
      coalesce(p_h_school[v_lo : v_hi], '{}'), coalesce(p_h_sig[v_lo : v_hi], '{}'), coalesce(p_h_n[v_lo : v_hi], '{}'),
      p_min) x;
    -- A total withheld by another family's unit (a group's sums are, near enough, weighted sums of
    -- its competencies'): unit u of this family goes when unit map[u] of that one went.
    if v_f ? 'offBy' and v_a > 0 then
      for v_by, v_map in select b.key, b.value from jsonb_each(v_f -> 'offBy') b loop
        v_k := array_position(v_names, v_by);
        continue when v_k is null;
        v_stride := v_units_of[v_k];
        for v_at in 1 .. v_a loop
          for v_i in 1 .. v_u loop
            if (v_offs -> v_by ->> ((v_at - 1) * v_stride + (v_map ->> (v_i - 1))::integer))::boolean then
              v_off[(v_at - 1) * v_u + v_i] := true;
            end if;
          end loop;
        end loop;
      end loop;
    end if;
    v_names := v_names || v_name;
    v_units_of := v_units_of || v_u;
    v_hidden := v_hidden || v_hid;
    v_offs := v_offs || jsonb_build_object(v_name, to_jsonb(v_off));
    if v_name = 'teachers' then
      v_whole := array(
        select coalesce(x.n, 0) < p_min or coalesce(v_hid[s.i], false)
        from unnest(v_school) with ordinality s (id, i)
        left join (
          select h.sid, sum(h.n) as n from unnest(p_h_family, p_h_school, p_h_n) h (f, sid, n) where h.f = 'teachers' group by h.sid
        ) x on x.sid = s.id
        order by s.i);
    end if;
    return query
      select v_name, v_school[i], false, v_hid[i], null::boolean[], v_sb[(i - 1) * v_c + 1 : i * v_c]
      from generate_series(1, v_s) i
      union all
      select v_name, v_agg[a], true, null::boolean, v_off[(a - 1) * v_u + 1 : a * v_u], v_ab[(a - 1) * v_c + 1 : a * v_c]
      from generate_series(1, v_a) a;
  end loop;
end
$$;

-- ——— Who is in each family: the teachers' signatures ————————————————————————————————————

-- The indicators' families (indicators.ts indicatorSignatures): head counts ("teachers"); growth
-- per year × stage, intermediate and final (a usable pair of some kind: an entry and that
-- stage's assessment against one framework, both answering the group); an open deficit per year
-- (dated in the school's zone, as indicator_counts does); a young specialist per year. Rows:
-- family, school, signature, teachers (signature 0 left out).
create function private.indicator_signatures(p_teachers uuid[], p_schools uuid[], p_years integer[])
returns table (family text, school_id uuid, sig bigint, n integer)
language sql stable set search_path = ''
as $$
  with t as (select u.tid, u.sid from unnest(p_teachers, p_schools) u (tid, sid)),
  y as (select v.year, (v.i - 1)::integer as yi from unnest(p_years) with ordinality v (year, i)),
  pairs as (
    select k.teacher_id, y.yi,
      bool_or(k.entry_meta is not null and k.intermediate_meta is not null and k.entry_framework = k.intermediate_framework) as mi,
      bool_or(k.entry_meta is not null and k.final_meta is not null and k.entry_framework = k.final_framework) as mf,
      bool_or(k.entry_subject is not null and k.intermediate_subject is not null and k.entry_framework = k.intermediate_framework) as si,
      bool_or(k.entry_subject is not null and k.final_subject is not null and k.entry_framework = k.final_framework) as sf
    from private.assessment_kind_stages k
    join t on t.tid = k.teacher_id
    join y on y.year = k.academic_year
    group by k.teacher_id, y.yi
  ),
  growth as (
    select p.teacher_id,
      sum((p.mi::integer::bigint << (4 * p.yi)) | (p.mf::integer::bigint << (4 * p.yi + 2)))::bigint as meta,
      sum((p.si::integer::bigint << (4 * p.yi)) | (p.sf::integer::bigint << (4 * p.yi + 2)))::bigint as subject
    from pairs p group by p.teacher_id
  ),
  -- Materialized, each once: the zone of a school is a walk up the organisation tree, and a
  -- deficit's status changes are dated once for all years (20261207000650 says why).
  zones as materialized (select s.sid, private.org_time_zone(s.sid) as zone from (select distinct t.sid from t) s),
  -- Per deficit and academic year of its changes: the last change of that year (n * 2 + open, as
  -- indicator_counts orders them) and whether one of them opened it. A change whose instant cannot
  -- be read counts in no year.
  changes as materialized (
    select d.teacher_id, d.id as deficit_id, c.ay, max(c.n * 2 + c.open::integer) as last, bool_or(c.open) as opened
    from public.deficits d
    join t on t.tid = d.teacher_id
    join zones z on z.sid = t.sid
    cross join lateral (
      select x.n, coalesce(x.e ->> 'status' in ('identified', 'in_progress'), false) as open,
        case when x.e ->> 'at' ~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$'
          then ((x.e ->> 'at')::timestamptz at time zone z.zone)::date end as day
      from jsonb_array_elements(d.history) with ordinality x (e, n)
    ) h
    cross join lateral (select extract(year from h.day)::integer - case when extract(month from h.day) < 9 then 1 else 0 end as ay, h.n, h.open) c
    where d.deleted_at is null and h.day is not null
    group by d.teacher_id, d.id, c.ay
  ),
  -- Open in a year: opened during it, or open on its 1 September (the last change before it open).
  open_years as (
    select distinct c.teacher_id, y.yi
    from changes c cross join y
    group by c.teacher_id, c.deficit_id, y.yi, y.year
    having coalesce(bool_or(c.opened) filter (where c.ay = y.year), false)
        or coalesce((max(c.last) filter (where c.ay < y.year)) % 2 = 1, false)
  ),
  deficits as (select o.teacher_id, sum(1::bigint << (2 * o.yi))::bigint as sig from open_years o group by o.teacher_id),
  young as (
    select t.tid, sum(case when private.is_young_in(p.experience_years, p.experience_as_of, y.year) then 1::bigint << (2 * y.yi) else 0 end)::bigint as sig
    from t join public.profiles p on p.id = t.tid cross join y
    group by t.tid
  )
  select 'teachers', t.sid, 1::bigint, count(*)::integer from t group by t.sid
  union all
  select f.family, t.sid, f.sig, count(*)::integer
  from t
  left join growth g on g.teacher_id = t.tid
  left join deficits d on d.teacher_id = t.tid
  left join young yg on yg.tid = t.tid
  cross join lateral (values
    ('growth_meta', coalesce(g.meta, 0)), ('growth_subject', coalesce(g.subject, 0)),
    ('deficits', coalesce(d.sig, 0)), ('young', coalesce(yg.sig, 0))
  ) f (family, sig)
  where f.sig <> 0
  group by f.family, t.sid, f.sig
$$;

-- The competence report's families (competence-report.ts competenceSignatures): head counts;
-- per competency (by its position k) the columns heat at entry, intermediate, final, then the row's
-- entry and compared means at the intermediate stage and at the final one, each teacher's id the
-- stage of the assessment counted (1, 2, 3) or 0; per group the rows' four columns with group
-- means; a counted plan action per year; a young specialist per year.
create function private.competence_signatures(
  p_teachers uuid[], p_schools uuid[], p_years integer[], p_year integer, p_kind text, p_framework uuid
) returns table (family text, school_id uuid, sig bigint, n integer)
language sql stable set search_path = ''
as $$
  with t as (select u.tid, u.sid from unnest(p_teachers, p_schools) u (tid, sid)),
  y as (select v.year, (v.i - 1)::integer as yi from unnest(p_years) with ordinality v (year, i)),
  x as (
    select s.teacher_id, s.entry_means as e, s.intermediate_means as i, s.final_means as f,
      s.entry_meta, s.intermediate_meta, s.final_meta, s.entry_subject, s.intermediate_subject, s.final_subject
    from private.assessment_framework_stages s join t on t.tid = s.teacher_id
    where s.academic_year = p_year and s.kind = p_kind and s.framework_id = p_framework
  ),
  comp as (
    select x.teacher_id, c.k,
      (case when x.e[c.k] is not null then 1 else 0 end)
      | ((case when x.i is not null then (case when x.i[c.k] is not null then 2 else 0 end)
               when x.e[c.k] is not null then 1 else 0 end) << 2)
      | ((case when x.f is not null then (case when x.f[c.k] is not null then 3 else 0 end)
               when x.i is not null then (case when x.i[c.k] is not null then 2 else 0 end)
               when x.e[c.k] is not null then 1 else 0 end) << 4)
      | ((case when x.e[c.k] is not null and x.i[c.k] is not null then 1 | (2 << 2) else 0 end) << 6)
      | ((case when x.e[c.k] is not null and x.f[c.k] is not null then 1 | (3 << 2) else 0 end) << 10)::bigint as sig
    from x cross join generate_series(1, (select jsonb_array_length(fw.competencies) from public.frameworks fw where fw.id = p_framework)) c (k)
  ),
  grp as (
    select x.teacher_id, g.name,
      (case when g.e is not null and g.i is not null then 1 | (2 << 2) else 0 end)
      | ((case when g.e is not null and g.f is not null then 1 | (3 << 2) else 0 end) << 4)::bigint as sig
    from x cross join lateral (values
      ('meta', x.entry_meta, x.intermediate_meta, x.final_meta),
      ('subject', x.entry_subject, x.intermediate_subject, x.final_subject)
    ) g (name, e, i, f)
  ),
  plan as (
    select p.teacher_id, sum(1::bigint << (2 * y.yi))::bigint as sig
    from (
      select distinct p.teacher_id, p.academic_year
      from public.development_plans p
      join t on t.tid = p.teacher_id
      join public.plan_actions a on a.plan_id = p.id
      where p.deleted_at is null and a.deleted_at is null and a.status <> 'cancelled'
    ) p join y on y.year = p.academic_year
    group by p.teacher_id
  ),
  young as (
    select t.tid, sum(case when private.is_young_in(p.experience_years, p.experience_as_of, y.year) then 1::bigint << (2 * y.yi) else 0 end)::bigint as sig
    from t join public.profiles p on p.id = t.tid cross join y
    group by t.tid
  ),
  rows_ (teacher_id, family, sig) as (
    select c.teacher_id, 'comp:' || c.k, c.sig from comp c
    union all select g.teacher_id, 'group:' || g.name, g.sig from grp g
    union all select p.teacher_id, 'plan', p.sig from plan p
    union all select yg.tid, 'young', yg.sig from young yg
  )
  select 'teachers', t.sid, 1::bigint, count(*)::integer from t group by t.sid
  union all
  select r.family, t.sid, r.sig, count(*)::integer
  from rows_ r join t on t.tid = r.teacher_id
  where r.sig <> 0
  group by r.family, t.sid, r.sig
$$;

-- The organisation the protection is computed under: the scope, or for a school asked for by an
-- aggregate-only reader its municipality (its live parent), so that a school's figures are the
-- same in every answer.
create function private.disclosure_top(p_org uuid, p_access text) returns uuid
language sql stable security definer set search_path = ''
as $$
  select case when p_access <> 'school' and o.kind = 'school'
    then coalesce((select pa.id from public.organizations pa where pa.id = o.parent_id and pa.deleted_at is null), o.id)
    else o.id end
  from public.organizations o where o.id = p_org
$$;

-- The live schools under an organisation, in id order.
create function private.live_schools_under(p_org uuid) returns uuid[]
language sql stable security definer set search_path = ''
as $$
  select coalesce(array_agg(s.id order by s.id), '{}')
  from public.organizations s
  where s.kind = 'school' and s.deleted_at is null and s.id in (select private.org_subtree(p_org))
$$;

-- ——— Indicators ——————————————————————————————————————————————————————————————————————————

drop function public.report_indicators(uuid, integer, text, numeric);
drop function private.report_indicators(uuid, integer, text, numeric);

-- As 20261207000300_dates_ages_zones.sql, with the region's threshold and disclosure control
-- (indicators.ts indicatorsReport): a school withheld whole, or a growth, deficit or young
-- specialists' figure withheld by its family; «прошлый год» withheld where that year's figure is.
create function private.report_indicators(p_org uuid, p_year integer, p_stage text)
returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_access text := private.report_access(p_org);
  v_aggregate boolean := private.report_access(p_org) <> 'school';
  v_years integer[] := private.report_years(p_org, p_year, private.report_access(p_org));
  v_kind text;
  v_top uuid;
  v_min integer;
  v_threshold numeric;
  v_teachers uuid[];
  v_schools uuid[];
  v_y integer;
  v_stage_col integer;
  v_spec jsonb;
  v_h_family text[] := '{}';
  v_h_school uuid[] := '{}';
  v_h_sig bigint[] := '{}';
  v_h_n integer[] := '{}';
  v_result jsonb;
begin
  perform private.report_stage(p_stage);
  select s.min_group, s.threshold into v_min, v_threshold from private.report_settings(p_org) s;
  select o.kind into v_kind from public.organizations o where o.id = p_org;
  v_top := private.disclosure_top(p_org, v_access);
  select coalesce(array_agg(r.teacher_id), '{}'), coalesce(array_agg(r.school_id), '{}') into v_teachers, v_schools
  from private.report_teachers(v_top, p_year) r;
  -- The columns: growth per year × (intermediate, final); the other families per year.
  v_y := array_position(v_years, p_year) - 1;
  v_stage_col := case private.report_stage(p_stage) when 'intermediate' then 0 when 'final' then 1 end;
  if v_aggregate then
    v_spec := jsonb_build_array(
      jsonb_build_object('family', 'teachers', 'units', jsonb_build_array(0)),
      jsonb_build_object('family', 'growth_meta', 'units', (select jsonb_agg(u order by u) from generate_series(0, 2 * cardinality(v_years) - 1) u)),
      jsonb_build_object('family', 'growth_subject', 'units', (select jsonb_agg(u order by u) from generate_series(0, 2 * cardinality(v_years) - 1) u)),
      jsonb_build_object('family', 'deficits', 'units', (select jsonb_agg(u order by u) from generate_series(0, cardinality(v_years) - 1) u)),
      jsonb_build_object('family', 'young', 'units', (select jsonb_agg(u order by u) from generate_series(0, cardinality(v_years) - 1) u)));
    select coalesce(array_agg(h.family order by h.family, h.school_id, h.sig), '{}'), coalesce(array_agg(h.school_id order by h.family, h.school_id, h.sig), '{}'),
           coalesce(array_agg(h.sig order by h.family, h.school_id, h.sig), '{}'), coalesce(array_agg(h.n order by h.family, h.school_id, h.sig), '{}')
      into v_h_family, v_h_school, v_h_sig, v_h_n
    from private.indicator_signatures(v_teachers, v_schools, v_years) h;
  end if;

  with recursive
  counts as materialized (select * from private.indicator_counts(v_teachers, v_schools, p_year, v_threshold, p_stage)),
  cur as (select * from counts k where k.year = p_year),
  prev as (select * from counts k where k.year = p_year - 1),
  flags as materialized (
    select * from private.disclosure_flags(v_top, v_min, v_spec, v_h_family, v_h_school, v_h_sig, v_h_n) where v_aggregate
  ),
  -- The scope (the universe's total, or the school's own row) and, for a municipality or region,
  -- each of its schools. row_id: the counts row (the all-zero uuid for the total).
  units as (
    select p_org as org_id, case when v_kind = 'school' then p_org else '00000000-0000-0000-0000-000000000000'::uuid end as row_id,
      v_kind <> 'school' as is_total, true as is_scope
    union all
    select o.id, o.id, false, false from public.organizations o
    where v_kind in ('municipality', 'region') and o.kind = 'school' and o.deleted_at is null
      and o.id in (select private.org_subtree(p_org))
  ),
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
  unit_flags as (
    select u.org_id, u.row_id, u.is_total, u.is_scope, coalesce(c.teachers, 0) as teachers,
      v_aggregate and (coalesce(c.teachers, 0) < v_min or coalesce(case when u.is_total then w.off[1] else w.hidden end, false)) as whole
    from units u
    left join cur c on coalesce(c.school_id, '00000000-0000-0000-0000-000000000000') = u.row_id
    left join flags w on w.family = 'teachers' and w.org_id = u.org_id
  ),
  figures as (
    select u.org_id, u.is_scope, u.teachers, u.whole,
      jsonb_agg(case
          when u.whole then
            jsonb_build_object('code', v.code, 'numerator', null, 'denominator', null, 'value', null, 'noData', 0,
                               'target', tg.value, 'previous', null, 'suppressed', true, 'secondary', u.teachers >= v_min)
          when h.now_hidden then
            jsonb_build_object('code', v.code, 'numerator', null, 'denominator', null, 'value', null, 'noData', 0,
                               'target', tg.value, 'previous', null, 'suppressed', true,
                               'secondary', not coalesce(f.bases[h.now_col + 1] between 1 and v_min - 1, false))
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
                when h.prev_hidden then null
                when v.pden > 0 then v.pnum::numeric / v.pden
              end,
              'suppressed', false, 'secondary', false)
        end order by v.ord) as indicators
    from unit_flags u
    left join cur c on coalesce(c.school_id, '00000000-0000-0000-0000-000000000000') = u.row_id
    left join prev p on coalesce(p.school_id, '00000000-0000-0000-0000-000000000000') = u.row_id
    cross join lateral (values
      (1, 'PD_QUALITY', c.pd_quality, c.teachers, 0, p.pd_quality, p.teachers, null::text),
      (2, 'PD_ANY', c.pd_any, c.teachers, 0, p.pd_any, p.teachers, null),
      (3, 'CATEGORY', c.category, c.teachers, 0, p.category, p.teachers, null),
      (4, 'COMMUNITY', c.community, c.teachers, 0, p.community, p.teachers, null),
      (5, 'COMPETITION', c.competition, c.teachers, 0, p.competition, p.teachers, null),
      (6, 'IOM', c.iom, c.teachers, 0, p.iom, p.teachers, null),
      (7, 'GROWTH_META', c.growth_meta, c.growth_meta_den, c.growth_meta_no_data, p.growth_meta, p.growth_meta_den, 'growth_meta'),
      (8, 'GROWTH_SUBJECT', c.growth_subject, c.growth_subject_den, c.growth_subject_no_data, p.growth_subject, p.growth_subject_den, 'growth_subject'),
      (9, 'DEFICITS_CLOSED', c.deficits_closed, c.deficits_open, 0, p.deficits_closed, p.deficits_open, 'deficits'),
      (10, 'YOUNG_SUPPORTED', c.young_supported, c.young, 0, p.young_supported, p.young, 'young'),
      (11, 'OBSERVED', c.observed, c.teachers, 0, p.observed, p.teachers, null)
    ) as v0 (ord, code, num, den, no_data, pnum, pden, family)
    cross join lateral (select v0.ord, v0.code, v0.family, coalesce(v0.num, 0) as num, coalesce(v0.den, 0) as den,
                               coalesce(v0.no_data, 0) as no_data, coalesce(v0.pnum, 0) as pnum, coalesce(v0.pden, 0) as pden) v
    -- The family's columns now and a year earlier (growth: at the report's stage; none at the entry stage).
    cross join lateral (select
        case when v.family like 'growth%' then case when v_stage_col is not null then v_y * 2 + v_stage_col end else v_y end as now_col,
        case when v.family like 'growth%' then case when v_stage_col is not null then (v_y - 1) * 2 + v_stage_col end else v_y - 1 end as prev_col) cols
    left join flags f on f.family = v.family and f.org_id = u.org_id
    cross join lateral (select
        v_aggregate and v.family is not null and cols.now_col is not null
          and coalesce(case when u.is_total then f.off[cols.now_col + 1] else f.hidden end, false) as now_hidden,
        cols.now_col,
        v_aggregate and v.family is not null and cols.prev_col is not null and u.is_total
          and coalesce(f.off[cols.prev_col + 1], false) as prev_hidden) h
    left join targets tg on tg.org_id = u.org_id and tg.code = v.code
    group by u.org_id, u.is_scope, u.teachers, u.whole, c.has_data, p.has_data
  )
  select jsonb_build_object(
    'scope', p_org, 'year', p_year, 'stage', p_stage, 'threshold', v_threshold, 'access', v_access,
    'teachers', f.teachers, 'suppressed', f.whole, 'secondary', f.whole and f.teachers >= v_min, 'indicators', f.indicators)
    || case when v_kind in ('municipality', 'region') then jsonb_build_object('schools', (
      select coalesce(jsonb_agg(jsonb_build_object(
          'school_id', s.org_id, 'name', o.name, 'low_results', o.low_results,
          'adverse_conditions', o.adverse_conditions, 'program500', o.program500,
          'teachers', s.teachers, 'suppressed', s.whole, 'secondary', s.whole and s.teachers >= v_min, 'indicators', s.indicators)
        order by o.name, o.id), '[]'::jsonb)
      from figures s join public.organizations o on o.id = s.org_id
      where not s.is_scope))
    else '{}'::jsonb end
  into v_result
  from figures f where f.is_scope;
  return v_result;
end
$$;

-- The RPC: the growth threshold is the region's setting, not an argument.
create function public.report_indicators(p_org uuid, p_year integer, p_stage text default null)
returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.report_indicators(p_org, p_year, p_stage) $$;

-- ——— Staff profile ————————————————————————————————————————————————————————————————————————

-- As 20261207000300_dates_ages_zones.sql, for an aggregate-only reader under disclosure control
-- (staff-profile.ts staffProfileReport): every figure rests on a school's whole staff, so a school
-- is shown or withheld whole — below N teachers, or to protect such a school.
create or replace function private.report_staff_profile(p_org uuid, p_year int, p_date date default null) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_access text := private.report_access(p_org);
  v_years integer[] := private.report_years(p_org, p_year, private.report_access(p_org));
  v_kind text;
  v_top uuid;
  v_min integer;
  v_date date;
  v_teachers uuid[];
  v_schools uuid[];
  v_list uuid[];
  v_scope jsonb;
  v_blocks jsonb;
begin
  v_date := coalesce(p_date, make_date(p_year + 1, 1, 1));
  if v_date <> make_date(p_year + 1, 1, 1) then
    if v_access <> 'school' then
      raise exception using errcode = '22023', message = 'an aggregate-only reader sees the staff profile on the reference date only';
    end if;
    if v_date not between make_date(p_year, 9, 1) and make_date(p_year + 1, 8, 31) then
      raise exception using errcode = '22023', message = 'the date must fall in the academic year';
    end if;
  end if;
  select s.min_group into v_min from private.report_settings(p_org) s;
  select o.kind into v_kind from public.organizations o where o.id = p_org;
  v_top := private.disclosure_top(p_org, v_access);
  select coalesce(array_agg(r.teacher_id order by r.teacher_id), '{}'), coalesce(array_agg(r.school_id order by r.teacher_id), '{}')
    into v_teachers, v_schools
  from private.report_teachers(v_top, p_year) r;
  v_list := case when v_access = 'school' and v_kind = 'school' then '{}'::uuid[] else private.live_schools_under(v_top) end;

  with raw as materialized (
    select b.school_id, b.block from private.staff_profile_blocks(v_teachers, v_schools, v_list, p_year, 'school', v_date) b
  ),
  flags as materialized (
    select * from private.disclosure_flags(v_top, v_min, '[{"family": "teachers", "units": [0]}]'::jsonb,
      array(select 'teachers' from unnest(v_schools) s group by s order by s),
      array(select s from unnest(v_schools) s group by s order by s),
      array(select 1::bigint from unnest(v_schools) s group by s order by s),
      array(select count(*)::integer from unnest(v_schools) s group by s order by s))
    where v_access <> 'school'
  ),
  -- The scope (the universe's total, or the school's own row) and each school of an aggregate scope.
  units as (
    select p_org as org_id, case when v_kind = 'school' and v_access <> 'school' then p_org end as row_id, v_kind <> 'school' as is_total, true as is_scope
    union all
    select s, s, false, false from unnest(private.live_schools_under(p_org)) s where v_kind <> 'school'
  ),
  shown as (
    select u.org_id, u.is_scope, case
        when v_access <> 'school' and ((r.block ->> 'teachers')::integer < v_min
          or coalesce(case when u.is_total then w.off[1] else w.hidden end, false))
        then jsonb_build_object('date', v_date, 'teachers', (r.block ->> 'teachers')::integer, 'suppressed', true,
          'secondary', (r.block ->> 'teachers')::integer >= v_min,
          'age', null, 'experience', null, 'education', null, 'category', null, 'categoryExpiryUnknown', null)
        else r.block || '{"secondary": false}'::jsonb
      end as block
    from units u
    join raw r on r.school_id is not distinct from u.row_id
    left join flags w on w.family = 'teachers' and w.org_id = u.org_id
  )
  select (array_agg(s.block) filter (where s.is_scope))[1],
      coalesce(jsonb_agg(jsonb_build_object('schoolId', s.org_id) || s.block order by s.org_id) filter (where not s.is_scope), '[]'::jsonb)
    into v_scope, v_blocks
  from shown s;

  return jsonb_build_object('org', p_org, 'year', p_year, 'date', v_date, 'access', v_access, 'scope', v_scope, 'schools', v_blocks);
end
$$;

-- ——— Competence growth ———————————————————————————————————————————————————————————————————

drop function public.report_competence(uuid, int, text, uuid, numeric, text);
drop function private.report_competence(uuid, int, text, uuid, numeric, text);

-- As 20261122001100_report_stages.sql, with the region's threshold and disclosure control
-- (competence-report.ts competenceReport): the blocks as a school reader gets them
-- (private.competence_blocks), then per aggregate-only reader a school withheld whole, and within
-- a shown one each competency's heat-map mean and row, each group row, the plan completion and the
-- mentoring coverage by their families; growth per group left to the indicators.
create function private.report_competence(
  p_org uuid,
  p_year int,
  p_kind text default 'self',
  p_framework uuid default '00000000-0000-4000-8000-000000000001',
  p_stage text default null
) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_access text := private.report_access(p_org);
  v_aggregate boolean := private.report_access(p_org) <> 'school';
  v_years integer[] := private.report_years(p_org, p_year, private.report_access(p_org));
  v_kind text;
  v_top uuid;
  v_min integer;
  v_threshold numeric;
  v_teachers uuid[];
  v_schools uuid[];
  v_list uuid[];
  v_y integer;
  v_heat integer;
  v_row integer;
  v_spec jsonb;
  v_h_family text[] := '{}';
  v_h_school uuid[] := '{}';
  v_h_sig bigint[] := '{}';
  v_h_n integer[] := '{}';
  v_scope jsonb;
  v_blocks jsonb;
begin
  if p_kind is null or p_kind not in ('self', 'expert', 'test', 'observation') then
    raise exception using errcode = '22023', message = 'unknown assessment kind';
  end if;
  if not exists (select 1 from public.frameworks fw where fw.id = p_framework) then
    raise exception using errcode = '22023', message = 'unknown framework';
  end if;
  perform private.report_stage(p_stage);
  select s.min_group, s.threshold into v_min, v_threshold from private.report_settings(p_org) s;
  select o.kind into v_kind from public.organizations o where o.id = p_org;
  v_top := private.disclosure_top(p_org, v_access);
  select coalesce(array_agg(r.teacher_id order by r.teacher_id), '{}'), coalesce(array_agg(r.school_id order by r.teacher_id), '{}')
    into v_teachers, v_schools
  from private.report_teachers(v_top, p_year) r;
  v_list := case when v_access = 'school' and v_kind = 'school' then '{}'::uuid[] else private.live_schools_under(v_top) end;
  v_y := array_position(v_years, p_year) - 1;
  -- The heat map's unit is the stage's (0, 1, 2); a row's the comparing stage's (3, 4), none at the entry stage.
  v_heat := case private.report_stage(p_stage) when 'entry' then 0 when 'intermediate' then 1 else 2 end;
  v_row := case private.report_stage(p_stage) when 'entry' then null when 'intermediate' then 0 else 1 end;
  if v_aggregate then
    with comp as (
      select c.ord::integer as k, c.value ->> 'group' as grp
      from public.frameworks fw cross join lateral jsonb_array_elements(fw.competencies) with ordinality c (value, ord)
      where fw.id = p_framework
    )
    select jsonb_build_array(jsonb_build_object('family', 'teachers', 'units', jsonb_build_array(0)))
      || coalesce((select jsonb_agg(jsonb_build_object('family', 'comp:' || c.k, 'units', '[0, 1, 2, 3, 3, 4, 4]'::jsonb) order by c.k) from comp c), '[]')
      || coalesce((select jsonb_agg(jsonb_build_object('family', 'group:' || g.name, 'units', '[0, 0, 1, 1]'::jsonb,
            'forcedBy', coalesce((select jsonb_agg('comp:' || c.k order by c.k) from comp c where c.grp = g.name), '[]'),
            'offBy', coalesce((select jsonb_object_agg('comp:' || c.k, '[3, 4]'::jsonb) from comp c where c.grp = g.name), '{}'))
          order by g.ord) from (values ('meta', 1), ('subject', 2)) g (name, ord)), '[]')
      || jsonb_build_array(
        jsonb_build_object('family', 'plan', 'units', (select jsonb_agg(u order by u) from generate_series(0, cardinality(v_years) - 1) u)),
        jsonb_build_object('family', 'young', 'units', (select jsonb_agg(u order by u) from generate_series(0, cardinality(v_years) - 1) u)))
      into v_spec;
    select coalesce(array_agg(h.family order by h.family, h.school_id, h.sig), '{}'), coalesce(array_agg(h.school_id order by h.family, h.school_id, h.sig), '{}'),
           coalesce(array_agg(h.sig order by h.family, h.school_id, h.sig), '{}'), coalesce(array_agg(h.n order by h.family, h.school_id, h.sig), '{}')
      into v_h_family, v_h_school, v_h_sig, v_h_n
    from private.competence_signatures(v_teachers, v_schools, v_years, p_year, p_kind, p_framework) h;
  end if;

  with raw as materialized (
    select b.school_id, b.block
    from private.competence_blocks(v_teachers, v_schools, v_list, p_year, p_kind, p_framework, v_threshold, 'school', p_stage) b
  ),
  flags as materialized (
    select * from private.disclosure_flags(v_top, v_min, v_spec, v_h_family, v_h_school, v_h_sig, v_h_n) where v_aggregate
  ),
  units as (
    select p_org as org_id, case when v_kind = 'school' and v_aggregate then p_org end as row_id, v_kind <> 'school' as is_total, true as is_scope
    union all
    select s, s, false, false from unnest(private.live_schools_under(p_org)) s where v_kind <> 'school'
  ),
  u as (
    select u.org_id, u.is_total, u.is_scope, r.block, (r.block ->> 'teachers')::integer as teachers,
      v_aggregate and ((r.block ->> 'teachers')::integer < v_min
        or coalesce(case when u.is_total then w.off[1] else w.hidden end, false)) as whole
    from units u
    join raw r on r.school_id is not distinct from u.row_id
    left join flags w on w.family = 'teachers' and w.org_id = u.org_id
  ),
  -- Each list of a shown block taken apart, its rows joined to their families' flags (a hash join
  -- over every block at once, not a lookup per block), and put together again.
  comp_rows as (
    select u.org_id, c.k,
      case
        when v_aggregate and v_row is not null and coalesce(case when u.is_total then f.off[4 + v_row] else f.hidden end, false)
          then c.e || jsonb_build_object('entry', null, 'final', null, 'suppressed', true,
            'secondary', not coalesce(f.bases[4 + 2 * v_row] between 1 and v_min - 1, false))
        else c.e || '{"secondary": false}'::jsonb
      end as e
    from u cross join lateral jsonb_array_elements(u.block -> 'competencies') with ordinality c (e, k)
    left join flags f on f.family = 'comp:' || c.k and f.org_id = u.org_id
    where not u.whole
  ),
  heat_rows as (
    select u.org_id, c.k,
      case
        when v_aggregate and coalesce(case when u.is_total then f.off[1 + v_heat] else f.hidden end, false)
          then c.e || jsonb_build_object('mean', null, 'suppressed', true,
            'secondary', not coalesce(f.bases[1 + v_heat] between 1 and v_min - 1, false))
        else c.e || '{"secondary": false}'::jsonb
      end as e
    from u cross join lateral jsonb_array_elements(u.block -> 'heatmap') with ordinality c (e, k)
    left join flags f on f.family = 'comp:' || c.k and f.org_id = u.org_id
    where not u.whole
  ),
  group_rows as (
    select u.org_id, g.k,
      case
        when v_aggregate and v_row is not null and coalesce(case when u.is_total then f.off[1 + v_row] else f.hidden end, false)
          then g.e || jsonb_build_object('entry', null, 'final', null, 'suppressed', true,
            'secondary', not coalesce(f.bases[1 + 2 * v_row] between 1 and v_min - 1, false),
            'growth', jsonb_build_object('numerator', null, 'denominator', null, 'value', null, 'noData', null))
        when v_aggregate
          then g.e || jsonb_build_object('secondary', false,
            'growth', jsonb_build_object('numerator', null, 'denominator', null, 'value', null, 'noData', null))
        else g.e || '{"secondary": false}'::jsonb
      end as e
    from u cross join lateral jsonb_array_elements(u.block -> 'groups') with ordinality g (e, k)
    left join flags f on f.family = 'group:' || (g.e ->> 'group') and f.org_id = u.org_id
    where not u.whole
  ),
  comp_json as (select r.org_id, jsonb_agg(r.e order by r.k) as j from comp_rows r group by r.org_id),
  heat_json as (select r.org_id, jsonb_agg(r.e order by r.k) as j from heat_rows r group by r.org_id),
  group_json as (select r.org_id, jsonb_agg(r.e order by r.k) as j from group_rows r group by r.org_id),
  shown as (
    select u.org_id, u.is_scope, case
      when u.whole then jsonb_build_object('teachers', u.teachers, 'suppressed', true, 'secondary', u.teachers >= v_min,
        'competencies', null, 'groups', null, 'heatmap', null, 'topDeficits', null, 'planCompletion', null, 'mentoring', null, 'observations', null)
      else u.block || jsonb_build_object(
        'secondary', false,
        'competencies', coalesce(cj.j, '[]'::jsonb),
        'groups', coalesce(gj.j, '[]'::jsonb),
        'heatmap', coalesce(hj.j, '[]'::jsonb),
        'planCompletion', case
            when v_aggregate and coalesce(case when u.is_total then fp.off[1 + v_y] else fp.hidden end, false)
              then jsonb_build_object('numerator', null, 'denominator', null, 'value', null, 'suppressed', true,
                'secondary', not coalesce(fp.bases[1 + v_y] between 1 and v_min - 1, false))
            else (u.block -> 'planCompletion') || '{"secondary": false}'::jsonb end,
        'mentoring', case
            when v_aggregate and coalesce(case when u.is_total then fy.off[1 + v_y] else fy.hidden end, false)
              then jsonb_build_object('numerator', null, 'denominator', null, 'value', null, 'suppressed', true,
                'secondary', not coalesce(fy.bases[1 + v_y] between 1 and v_min - 1, false))
            else (u.block -> 'mentoring') || '{"secondary": false}'::jsonb end)
      end as block
    from u
    left join comp_json cj on cj.org_id = u.org_id
    left join heat_json hj on hj.org_id = u.org_id
    left join group_json gj on gj.org_id = u.org_id
    left join flags fp on fp.family = 'plan' and fp.org_id = u.org_id
    left join flags fy on fy.family = 'young' and fy.org_id = u.org_id
  )
  select (array_agg(s.block) filter (where s.is_scope))[1],
      coalesce(jsonb_agg(jsonb_build_object('schoolId', s.org_id) || s.block order by s.org_id) filter (where not s.is_scope), '[]'::jsonb)
    into v_scope, v_blocks
  from shown s;

  return jsonb_build_object(
    'org', p_org, 'year', p_year, 'kind', p_kind, 'stage', p_stage, 'threshold', v_threshold,
    'access', v_access, 'scope', v_scope, 'schools', v_blocks);
end
$$;

create function public.report_competence(
  p_org uuid,
  p_year int,
  p_kind text default 'self',
  p_framework uuid default '00000000-0000-4000-8000-000000000001',
  p_stage text default null
) returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.report_competence(p_org, p_year, p_kind, p_framework, p_stage) $$;

-- ——— Planner settings and privileges —————————————————————————————————————————————————————

-- As 20261122001100_report_stages.sql says why.
alter function private.report_indicators(uuid, integer, text)
  set jit = off set work_mem = '32MB' set max_parallel_workers_per_gather = 0 set random_page_cost = 1.1;
alter function private.report_staff_profile(uuid, int, date)
  set jit = off set work_mem = '32MB' set max_parallel_workers_per_gather = 0 set random_page_cost = 1.1;
alter function private.report_competence(uuid, int, text, uuid, text)
  set jit = off set work_mem = '32MB' set max_parallel_workers_per_gather = 0 set random_page_cost = 1.1;

revoke all on function private.region_settings_rules(),
  private.report_settings(uuid),
  private.report_years(uuid, integer, text),
  private.disclosure_protect(integer[], uuid[], uuid[], boolean[], uuid[], uuid[], uuid[], bigint[], integer[], integer),
  private.disclosure_flags(uuid, integer, jsonb, text[], uuid[], bigint[], integer[]),
  private.indicator_signatures(uuid[], uuid[], integer[]),
  private.competence_signatures(uuid[], uuid[], integer[], integer, text, uuid),
  private.disclosure_top(uuid, text),
  private.live_schools_under(uuid),
  private.report_indicators(uuid, integer, text),
  private.report_competence(uuid, int, text, uuid, text)
  from public, anon, authenticated;
-- The settings trigger runs as the writer.
grant execute on function private.region_settings_rules() to authenticated, service_role;
grant execute on function private.report_indicators(uuid, integer, text), private.report_competence(uuid, int, text, uuid, text)
  to authenticated, service_role;
revoke all on function public.report_indicators(uuid, integer, text), public.report_competence(uuid, int, text, uuid, text) from public, anon;
grant execute on function public.report_indicators(uuid, integer, text), public.report_competence(uuid, int, text, uuid, text) to authenticated;
