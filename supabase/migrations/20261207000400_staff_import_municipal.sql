-- The municipal staff import (docs/staff-import.md, "A municipality's list"): one file for every
-- school of a municipality, loaded by its municipal methodist or by the administrator.
--
-- A school methodist's import runs on the device (it holds the school's profiles) and syncs like
-- any write. A municipal methodist's device holds no teacher profiles — they read aggregates only
-- (DOMAIN.md, Privacy) — so their rows are matched to profiles and written HERE, in one
-- transaction, by the same rules as the device's (src/lib/domain/staff-import.ts match): by
-- e-mail, else by ФИО + date of birth (ФИО + year for a profile that knows only the year). The
-- answer says per line what happened (or would happen) and names no one. The schools' devices
-- receive the new and changed rows with their next pull (sync_txid, as for every write).
--
-- The client has read and checked the file and placed every row in the school the person
-- confirmed; this function trusts none of that: it checks the caller's right to every school,
-- repeats the in-file duplicate check, and the table constraints check every value written.

-- ——— ФИО as the import compares it ———————————————————————————————————————————————————————

-- The twin of staff-import.ts comparable(): case, ё/е, quotes and spacing (around № too) do not
-- count. Cyrillic is lower-cased by translate(), not lower(): lower() follows the database's
-- locale, and under LC_CTYPE=C it leaves «ПЕТРОВА» as it is.
-- No SET clause, so that it is inlined (a SET clause costs a configuration save and restore per
-- call: a whole municipality's list calls it tens of thousands of times); the body names every
-- function by schema instead, like the rules inlined into CHECK constraints.
create function private.person_key(full_name text) returns text
language sql immutable parallel safe
as $$
  select pg_catalog.btrim(pg_catalog.regexp_replace(pg_catalog.regexp_replace(
    pg_catalog.translate(pg_catalog.lower(full_name),
      'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯё"''«»“”„',
      'абвгдеежзийклмнопрстуфхцчшщъыьэюяе'),
    '[[:space:]\u00a0]*№[[:space:]\u00a0]*', '№', 'g'),
    '[[:space:]\u00a0]+', ' ', 'g'))
$$;

-- Matching by name reads this index, not every profile of the region. Not partial: with
-- «where deleted_at is null» the planner also took it as the list of every live profile for other
-- queries, and a sync pull read another municipality's profiles (tests/db/sync-partitions.db.ts).
create index profiles_person_key_idx on public.profiles (private.person_key(full_name));

-- ——— The import ————————————————————————————————————————————————————————————————————————

-- p_rows: [{line, school_id, full_name, birth_date, experience_years, education, category,
--           category_expires_on, subjects (array or null: keep), email (or null: keep)}]
-- p_as_of: the date the file's стаж is true on (its title's date, else the day of the import).
-- p_write: false — only say what would happen; true — write it.
-- Returns {rows: [{line, kind: create|update|same|problem, code?, column?, ref?}], warnings: [line]}.
-- Raises 42501 when the caller may not import into one of the schools (nothing is written).
create function private.staff_import(p_rows jsonb, p_as_of date, p_write boolean) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_me uuid := private.my_profile_id();
  v_admin boolean := private.is_admin();
  v_denied uuid;
  v_result jsonb;
begin
  if v_me is null then
    raise exception using errcode = '42501', message = 'staff import needs a signed-in person';
  end if;
  if pg_catalog.jsonb_typeof(p_rows) is distinct from 'array' or pg_catalog.jsonb_array_length(p_rows) > 10000 then
    raise exception using errcode = '22023', message = 'p_rows must be an array of at most 10000 rows';
  end if;

  -- The working table's shape for plpgsql_check (`supabase db lint`), which cannot see a table
  -- this function creates; at run time the statement evaluates a constant and does nothing.
  perform 'PRAGMA:TABLE: pg_temp.staff_rows (line integer, school_id uuid, full_name text, birth_date date, birth_year integer, '
    'experience_years integer, education text, category text, category_expires_on date, subjects jsonb, email text, person_key text, '
    'profile_id uuid, kind text, code text, problem_column text, ref integer, changed boolean, add_membership boolean, '
    'keep_expiry boolean, keep_experience boolean)';
  drop table if exists pg_temp.staff_rows;
  create temp table staff_rows (
    line integer primary key,
    school_id uuid not null,
    full_name text not null,
    birth_date date not null,
    birth_year integer not null,
    experience_years integer not null,
    education text not null,
    category text not null,
    category_expires_on date,
    subjects jsonb,
    email text,
    person_key text not null,
    profile_id uuid,
    kind text,
    code text,
    problem_column text,
    ref integer,
    changed boolean not null default false,
    add_membership boolean not null default false,
    keep_expiry boolean not null default false,
    keep_experience boolean not null default false
  ) on commit drop;

  insert into pg_temp.staff_rows (line, school_id, full_name, birth_date, birth_year, experience_years, education, category,
    category_expires_on, subjects, email, person_key)
  select r.line, r.school_id, pg_catalog.btrim(r.full_name), r.birth_date, pg_catalog.date_part('year', r.birth_date)::integer,
    r.experience_years, r.education, r.category, r.category_expires_on,
    case when pg_catalog.jsonb_typeof(r.subjects) = 'array' then r.subjects end,
    nullif(pg_catalog.lower(pg_catalog.btrim(r.email)), ''),
    private.person_key(r.full_name)
  from pg_catalog.jsonb_to_recordset(p_rows) as r(line integer, school_id uuid, full_name text, birth_date date, experience_years integer,
    education text, category text, category_expires_on date, subjects jsonb, email text);
  -- A temporary table has no statistics until analysed: without them the joins below are planned
  -- for a handful of rows and, for a whole municipality's list, run as nested loops for seconds.
  analyze pg_temp.staff_rows;

  -- Every school must be a live school the caller answers for: under their municipality (a
  -- municipal methodist), anywhere (the administrator).
  select s.school_id into v_denied
  from (select distinct r.school_id from pg_temp.staff_rows r) s
  where not exists (select 1 from public.organizations o where o.id = s.school_id and o.kind = 'school' and o.deleted_at is null)
     or not (v_admin or exists (
       select 1 from public.memberships m
       where m.profile_id = v_me and m.role = 'municipal_methodist' and m.deleted_at is null
         and m.organization_id in (select private.org_ancestors(s.school_id))))
  limit 1;
  if found then
    raise exception using errcode = '42501', message = pg_catalog.format('no right to import staff into organisation %s', v_denied);
  end if;

  -- A person listed twice keeps the first line (by e-mail, then by ФИО + date of birth).
  update pg_temp.staff_rows r set kind = 'problem', code = 'duplicate_in_file', problem_column = 'email', ref = d.first
  from (select x.line, pg_catalog.min(x.line) over (partition by x.email) as first from pg_temp.staff_rows x where x.email is not null) d
  where r.line = d.line and d.first <> r.line;
  update pg_temp.staff_rows r set kind = 'problem', code = 'duplicate_in_file', problem_column = 'fullName', ref = d.first
  from (select x.line, pg_catalog.min(x.line) over (partition by x.person_key, x.birth_date) as first from pg_temp.staff_rows x where x.kind is null) d
  where r.line = d.line and d.first <> r.line;

  -- By e-mail (the unique index on lower(email)).
  update pg_temp.staff_rows r set profile_id = p.id
  from public.profiles p
  where r.kind is null and r.email is not null and p.email is not null and pg_catalog.lower(p.email) = r.email and p.deleted_at is null;

  -- Else by ФИО + date of birth; only when no profile has that date, ФИО + year among the profiles
  -- that know only the year. Two candidates are ambiguous; one with another e-mail is refused.
  with candidates as (
    select r.line, p.id, p.email, p.birth_date is not null as by_date
    from pg_temp.staff_rows r
    join public.profiles p on private.person_key(p.full_name) = r.person_key and p.deleted_at is null
      and (p.birth_date = r.birth_date or (p.birth_date is null and p.birth_year = r.birth_year))
    where r.kind is null and r.profile_id is null
  ), chosen as (
    select c.line, pg_catalog.array_agg(c.id) as ids, pg_catalog.array_agg(c.email) as emails
    from candidates c
    where c.by_date or not exists (select 1 from candidates d where d.line = c.line and d.by_date)
    group by c.line
  )
  update pg_temp.staff_rows r set
    profile_id = case when pg_catalog.cardinality(ch.ids) = 1 and (r.email is null or ch.emails[1] is null or pg_catalog.lower(ch.emails[1]) = r.email) then ch.ids[1] end,
    kind = case when pg_catalog.cardinality(ch.ids) = 1 and (r.email is null or ch.emails[1] is null or pg_catalog.lower(ch.emails[1]) = r.email) then null else 'problem' end,
    code = case when pg_catalog.cardinality(ch.ids) > 1 then 'ambiguous_match'
                when r.email is not null and ch.emails[1] is not null and pg_catalog.lower(ch.emails[1]) <> r.email then 'email_mismatch' end,
    problem_column = case when pg_catalog.cardinality(ch.ids) > 1 then 'fullName'
                          when r.email is not null and ch.emails[1] is not null and pg_catalog.lower(ch.emails[1]) <> r.email then 'email' end
  from chosen ch
  where r.line = ch.line;

  -- A person whose profile belongs to another school is the administrator's to move.
  update pg_temp.staff_rows r set kind = 'problem', code = 'profile_elsewhere', problem_column = 'school'
  from public.profiles p
  where r.kind is null and p.id = r.profile_id and p.school_id is not null and p.school_id <> r.school_id;

  -- Two lines of the file found the same person.
  update pg_temp.staff_rows r set kind = 'problem', code = 'duplicate_in_file', problem_column = 'fullName', ref = d.first
  from (select x.line, pg_catalog.min(x.line) over (partition by x.profile_id) as first
        from pg_temp.staff_rows x where x.kind is null and x.profile_id is not null) d
  where r.line = d.line and d.first <> r.line;

  -- What a matched profile would change. The стаж on record holds when it has grown into the
  -- file's figure by the file's date (one recorded without a date takes the file's, so that it
  -- ages from now on); an expiry on record holds when the file repeats the category without one.
  update pg_temp.staff_rows r set
    keep_expiry = r.category <> 'none' and r.category_expires_on is null and p.category = r.category and p.category_expires_on is not null,
    keep_experience = case when p_as_of is null then p.experience_years = r.experience_years
                           else p.experience_as_of is not null and private.experience_on(p.experience_years, p.experience_as_of, p_as_of) = r.experience_years end,
    add_membership = not exists (
      select 1 from public.memberships m
      where m.profile_id = p.id and m.organization_id = r.school_id and m.role in ('teacher', 'mentor') and m.deleted_at is null)
  from public.profiles p
  where r.kind is null and p.id = r.profile_id;
  update pg_temp.staff_rows r set changed =
       p.full_name is distinct from r.full_name
    or p.school_id is distinct from r.school_id
    or p.birth_date is distinct from r.birth_date
    or p.birth_year is distinct from r.birth_year
    or p.education is distinct from r.education
    or p.category is distinct from r.category
    or (not r.keep_expiry and p.category_expires_on is distinct from r.category_expires_on)
    or (not r.keep_experience and (p.experience_years is distinct from r.experience_years or p.experience_as_of is distinct from p_as_of))
    or (r.subjects is not null and p.subjects is distinct from r.subjects)
    or (r.email is not null and p.email is distinct from r.email)
  from public.profiles p
  where r.kind is null and p.id = r.profile_id;
  update pg_temp.staff_rows r set kind = case when r.changed or r.add_membership then 'update' else 'same' end
  where r.kind is null and r.profile_id is not null;

  -- An administrator's or a municipal methodist's profile is not an import's to change.
  update pg_temp.staff_rows r set kind = 'problem', code = 'protected_profile', problem_column = 'fullName'
  where r.kind = 'update' and exists (
    select 1 from public.memberships m
    where m.profile_id = r.profile_id and m.role in ('admin', 'municipal_methodist') and m.deleted_at is null);

  update pg_temp.staff_rows r set kind = 'create' where r.kind is null;

  if p_write then
    update pg_temp.staff_rows r set profile_id = pg_catalog.gen_random_uuid(), add_membership = true where r.kind = 'create';
    insert into public.profiles (id, full_name, email, school_id, subjects, experience_years, experience_as_of, category,
      category_expires_on, education, birth_year, birth_date)
    select r.profile_id, r.full_name, r.email, r.school_id, coalesce(r.subjects, '[]'::jsonb), r.experience_years, p_as_of,
      r.category, r.category_expires_on, r.education, r.birth_year, r.birth_date
    from pg_temp.staff_rows r where r.kind = 'create'
    order by r.line;
    update public.profiles p set
      full_name = r.full_name,
      school_id = r.school_id,
      birth_date = r.birth_date,
      birth_year = r.birth_year,
      education = r.education,
      category = r.category,
      category_expires_on = case when r.keep_expiry then p.category_expires_on else r.category_expires_on end,
      experience_years = case when r.keep_experience then p.experience_years else r.experience_years end,
      experience_as_of = case when r.keep_experience then p.experience_as_of else p_as_of end,
      subjects = coalesce(r.subjects, p.subjects),
      email = coalesce(r.email, p.email)
    from pg_temp.staff_rows r
    where r.kind = 'update' and r.changed and p.id = r.profile_id;
    insert into public.memberships (id, profile_id, organization_id, role)
    select pg_catalog.gen_random_uuid(), r.profile_id, r.school_id, 'teacher'
    from pg_temp.staff_rows r where r.kind in ('create', 'update') and r.add_membership
    order by r.line;
  end if;

  select pg_catalog.jsonb_build_object(
    'rows', coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
      'line', r.line, 'kind', r.kind, 'code', r.code, 'column', r.problem_column, 'ref', r.ref)) order by r.line), '[]'::jsonb),
    'warnings', coalesce(pg_catalog.jsonb_agg(r.line order by r.line) filter (
      where r.kind in ('create', 'update') and r.category <> 'none' and r.category_expires_on is null and not r.keep_expiry), '[]'::jsonb))
  into v_result
  from pg_temp.staff_rows r;
  drop table pg_temp.staff_rows;
  return v_result;
end
$$;

-- The exposed wrapper runs as the caller; the elevated work stays in schema private.
create function public.staff_import(p_rows jsonb, p_as_of date default null, p_write boolean default false) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.staff_import(p_rows, p_as_of, p_write) $$;

revoke all on function private.person_key(text) from public, anon;
grant execute on function private.person_key(text) to authenticated, service_role;
revoke all on function private.staff_import(jsonb, date, boolean), public.staff_import(jsonb, date, boolean) from public, anon;
grant execute on function private.staff_import(jsonb, date, boolean), public.staff_import(jsonb, date, boolean) to authenticated;
