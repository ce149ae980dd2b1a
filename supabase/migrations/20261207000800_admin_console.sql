-- The administrator's console (issue 16): organisations that open, move and close, monitoring
-- windows, framework versions, who may grant which role, an audit log of every role and
-- membership change, invitations, moving a teacher, and the staff profile's reference date.
-- The rules are in docs/admin.md; the tests are tests/db/admin-console.db.ts (and the rows added
-- to tests/db/rls-matrix.db.ts).
--
-- - organizations.closed_on: a closed organisation keeps its history. A school closed on D is no
--   unit of, and its teachers count in no, report of an academic year that starts (1 September)
--   on or after D; earlier years keep it. An organisation is closed only after its children.
-- - organizations.monitoring: the entry / intermediate / final windows of a region or a
--   municipality per academic year, inside that year; a municipality narrows its region's.
-- - The tree: each kind's parent is the kind just above it (region → municipality → school → ШМО).
-- - frameworks: versions of one code (revision), drafts the administrator edits, published
--   versions that never change and name the first academic year they apply to. An assessment or
--   observation is taken against a published version only.
-- - A municipal methodist invites school methodists (and teachers, mentors) of the municipality's
--   schools and ends those memberships; only the administrator grants administrator and municipal
--   methodist (as before).
-- - public.audit_log: who granted, changed, ended, invited, withdrew or moved whom, when. Written
--   by triggers only; nobody may change or delete a row, the administrator included.
-- - RPCs: audit_log_page, pending_invitations, withdraw_invitation, move_teacher.
-- - region_settings.staff_reference: the staff profile's reference date inside the academic year.
--
-- Every new column of organizations and frameworks travels through sync_push and sync_pull like
-- any other: the push's whitelist and the pull's rows are read from the table's columns
-- (20261207000200_sync_push.sql, 20261207000100_sync_partitions.sql). published_at is set by the
-- server whatever a device sends.

-- ——— Organisations: closing ——————————————————————————————————————————————————————————————————

alter table public.organizations add column closed_on date;
alter table public.organizations add constraint organizations_closed_on_range check (private.is_plausible_date(closed_on));
comment on column public.organizations.closed_on is
  'Closed from this date (history kept): not a unit of reports of academic years starting on or after it.';

-- ——— Organisations: monitoring windows ———————————————————————————————————————————————————————

-- {"2026": {"entry": {"from": "2026-09-01", "to": "2026-10-15"}, "intermediate": …, "final": …}}:
-- keys are academic years (the start year), stages may be absent, each window lies inside its
-- year (Y-09-01 … Y+1-08-31) with from ≤ to. Only a region or a municipality has windows.
-- False instead of an error, so a CHECK can use it (and it stays immutable without raising):
-- every cast is behind a test that it cannot fail, dates compare as ISO text in the C collation.
create function private.is_monitoring(p_kind text, p_value jsonb) returns boolean
language plpgsql immutable set search_path = ''
as $$
declare
  v_y record;
  v_s record;
  v_year integer;
begin
  if jsonb_typeof(p_value) is distinct from 'object' then
    return false;
  end if;
  if p_value = '{}'::jsonb then
    return true;
  end if;
  if p_kind is null or p_kind not in ('region', 'municipality') then
    return false;
  end if;
  for v_y in select e.key, e.value from jsonb_each(p_value) e loop
    if v_y.key !~ '^[0-9]{4}$' or jsonb_typeof(v_y.value) <> 'object' then
      return false;
    end if;
    v_year := v_y.key::integer;
    if v_year not between 2000 and 2100 then
      return false;
    end if;
    for v_s in select e.key, e.value from jsonb_each(v_y.value) e loop
      if v_s.key not in ('entry', 'intermediate', 'final') or jsonb_typeof(v_s.value) <> 'object' then
        return false;
      end if;
      if (select count(*) from jsonb_object_keys(v_s.value)) <> 2
         or jsonb_typeof(v_s.value -> 'from') is distinct from 'string' or jsonb_typeof(v_s.value -> 'to') is distinct from 'string' then
        return false;
      end if;
      if not private.is_iso_date_text(v_s.value ->> 'from') or not private.is_iso_date_text(v_s.value ->> 'to') then
        return false;
      end if;
      if (v_s.value ->> 'from') collate "C" > (v_s.value ->> 'to') collate "C"
         or (v_s.value ->> 'from') collate "C" < (v_year::text || '-09-01') collate "C"
         or (v_s.value ->> 'to') collate "C" > ((v_year + 1)::text || '-08-31') collate "C" then
        return false;
      end if;
    end loop;
  end loop;
  return true;
end
$$;

-- Every window of p_inner that p_outer also has (same year and stage) lies inside it. Shapes are
-- checked first (private.is_monitoring); anything else is read as empty rather than raising.
create function private.monitoring_inside(p_inner jsonb, p_outer jsonb) returns boolean
language sql immutable set search_path = ''
as $$
  select not exists (
    select 1
    from jsonb_each(case when jsonb_typeof(p_inner) = 'object' then p_inner else '{}'::jsonb end) y
    cross join lateral jsonb_each(case when jsonb_typeof(y.value) = 'object' then y.value else '{}'::jsonb end) s
    where jsonb_typeof(p_outer -> y.key -> s.key) = 'object'
      and ((s.value ->> 'from') collate "C" < (p_outer -> y.key -> s.key ->> 'from') collate "C"
        or (s.value ->> 'to') collate "C" > (p_outer -> y.key -> s.key ->> 'to') collate "C")
  )
$$;

alter table public.organizations add column monitoring jsonb not null default '{}'::jsonb;
alter table public.organizations add constraint organizations_monitoring_valid check (private.is_monitoring(kind, monitoring));
comment on column public.organizations.monitoring is
  'Monitoring windows by academic year and stage (region or municipality only); a municipality''s lie inside its region''s.';

-- ——— Organisations: the tree, closing, windows inside the region's ————————————————————————————

-- What one row of the tree may be, given its neighbours (23514, which sync_push reports as
-- invalid_value). Security invoker: every signed-in person reads every organisation, and
-- private.is_api_request must see the writer's role, not the owner's.
-- - The parent is of the kind just above (a region has none: organizations_parent). Held for
--   requests through the API (the console): migrations, seeds and tests may still place a school
--   straight under a region, as a few fixtures do (a school without a live municipality is a
--   group of its own in the reports, private.disclosure_top).
-- - Nothing open under something closed: an organisation closes after its children (a child
--   closed later than it counts as open), and no open child is put under a closed one.
-- - A municipality's windows lie inside its region's, for every year and stage the region has.
create function private.organizations_rules() returns trigger
language plpgsql set search_path = ''
as $$
declare
  v_parent public.organizations;
  v_expected text := case new.kind when 'municipality' then 'region' when 'school' then 'municipality'
                                   when 'methodical_association' then 'school' end;
begin
  if new.parent_id is not null then
    select * into v_parent from public.organizations o where o.id = new.parent_id;
  end if;
  if private.is_api_request() and (tg_op = 'INSERT' or new.parent_id is distinct from old.parent_id or new.kind <> old.kind) then
    if new.parent_id is not null and (v_parent.id is null or v_parent.deleted_at is not null or v_parent.kind is distinct from v_expected) then
      raise exception using errcode = '23514',
        message = format('the parent of a %s must be a live %s', new.kind, coalesce(v_expected, 'nothing'));
    end if;
    if tg_op = 'UPDATE' and new.kind <> old.kind
       and exists (select 1 from public.organizations c where c.parent_id = new.id and c.deleted_at is null) then
      raise exception using errcode = '23514', message = 'an organisation with live children cannot change its kind';
    end if;
  end if;
  if new.deleted_at is null then
    if new.closed_on is not null and (tg_op = 'INSERT' or new.closed_on is distinct from old.closed_on)
       and exists (select 1 from public.organizations c
                   where c.parent_id = new.id and c.deleted_at is null and (c.closed_on is null or c.closed_on > new.closed_on)) then
      raise exception using errcode = '23514', message = 'close the organisations under it first';
    end if;
    if v_parent.closed_on is not null and (new.closed_on is null or new.closed_on > v_parent.closed_on)
       and (tg_op = 'INSERT' or new.parent_id is distinct from old.parent_id or new.closed_on is distinct from old.closed_on) then
      raise exception using errcode = '23514', message = 'an organisation under a closed one must be closed too';
    end if;
  end if;
  -- Windows: checked when their shape is valid (else the CHECK refuses the row with its own name).
  if private.is_monitoring(new.kind, new.monitoring) then
    if new.kind = 'municipality' and v_parent.kind = 'region'
       and not private.monitoring_inside(new.monitoring, v_parent.monitoring) then
      raise exception using errcode = '23514', message = 'a municipality''s monitoring window must lie inside its region''s';
    end if;
    if new.kind = 'region' and (tg_op = 'INSERT' or new.monitoring is distinct from old.monitoring)
       and exists (select 1 from public.organizations c
                   where c.parent_id = new.id and c.kind = 'municipality' and c.deleted_at is null
                     and not private.monitoring_inside(c.monitoring, new.monitoring)) then
      raise exception using errcode = '23514', message = 'a municipality''s monitoring window would lie outside the region''s';
    end if;
  end if;
  return new;
end
$$;

create trigger b_rules before insert or update on public.organizations
  for each row execute function private.organizations_rules();

-- ——— Frameworks: versions ————————————————————————————————————————————————————————————————————

-- Rows already here are the versions in use: published, from the start (academic_year null).
-- published_at stays null for them: when they were published was not recorded.
alter table public.frameworks
  add column status text not null default 'published',
  add column academic_year integer,
  add column published_at timestamptz;
alter table public.frameworks
  add constraint frameworks_status_option check (status in ('draft', 'published')),
  add constraint frameworks_academic_year_range check (academic_year between 2000 and 2100),
  add constraint frameworks_published_at_range check (private.is_plausible_instant(published_at));
-- One row per version of a code. A draft thrown away (a tombstone) frees its revision; a published
-- version is never tombstoned (below).
create unique index frameworks_code_revision_key on public.frameworks (code, revision) where deleted_at is null;

-- A draft is the administrator's to edit (the policies let only them write). Publishing — a new
-- row or a draft becoming published through the API — needs the first academic year it applies to
-- and the next revision of its code (one above the highest published). Once published a version
-- is immutable for everyone: assessments are bound to what it said (42501, "published").
create function private.frameworks_rules() returns trigger
language plpgsql set search_path = ''
as $$
declare
  v_highest integer;
begin
  if tg_op = 'UPDATE' and old.status = 'published' then
    if cardinality(private.changed_columns(to_jsonb(old), to_jsonb(new))) > 0 then
      raise exception using errcode = '42501', message = 'a published framework version cannot change: copy it into a draft';
    end if;
    return new;
  end if;
  if new.status = 'published' then
    if private.is_api_request() then
      if new.academic_year is null then
        raise exception using errcode = '23514', message = 'a framework version is published for an academic year';
      end if;
      select max(f.revision) into v_highest from public.frameworks f
      where f.code = new.code and f.status = 'published' and f.id <> new.id;
      if new.revision <> coalesce(v_highest, 0) + 1 then
        raise exception using errcode = '23514',
          message = format('the published revision of %s must be %s', new.code, coalesce(v_highest, 0) + 1);
      end if;
    end if;
    new.published_at := now();
  else
    new.published_at := null;
  end if;
  return new;
end
$$;

create trigger b_rules before insert or update on public.frameworks
  for each row execute function private.frameworks_rules();

-- An assessment or observation is taken against a published version only: a draft may still
-- change under it.
create function private.framework_published_rules() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if exists (select 1 from public.frameworks f where f.id = new.framework_id and f.status <> 'published') then
    raise exception using errcode = '23514', message = 'assessments are taken against a published framework version only';
  end if;
  return new;
end
$$;

create trigger c_framework_published before insert or update of framework_id on public.assessments
  for each row execute function private.framework_published_rules();
create trigger c_framework_published before insert or update of framework_id on public.observations
  for each row execute function private.framework_published_rules();

-- ——— Who may grant what: the municipal methodist —————————————————————————————————————————————

-- The organisations under the caller's live municipal methodist memberships (the membership's
-- own organisation included), through live ones, as private.sync_grants walks them for 'org'.
create function private.municipal_org_ids() returns uuid[]
language sql stable security definer set search_path = ''
as $$
  with recursive down (id, depth) as (
    select o.id, 0
    from public.memberships m
    join public.organizations o on o.id = m.organization_id and o.deleted_at is null
    where m.profile_id = private.my_profile_id() and m.role = 'municipal_methodist' and m.deleted_at is null
    union all
    select o.id, d.depth + 1 from public.organizations o join down d on o.parent_id = d.id
    where o.deleted_at is null and d.depth < 10
  )
  select coalesce(array_agg(distinct d.id), '{}') from down d
$$;

-- Of those, the schools: where a municipal methodist invites and ends memberships.
create function private.municipal_school_ids() returns uuid[]
language sql stable security definer set search_path = ''
as $$
  select coalesce(array_agg(o.id), '{}') from public.organizations o
  where o.id = any (private.municipal_org_ids()) and o.kind = 'school'
$$;

-- Memberships: the municipal methodist reads the school methodist memberships of the
-- organisations under them (whom they appoint; never a teacher's: DOMAIN.md, Privacy), grants
-- teacher, mentor and school methodist in their schools to live profiles of the school, and ends
-- a school methodist membership there (the column rule lets a non-admin change role and
-- deleted_at only; the policy keeps the role school methodist). The administrator alone grants
-- administrator and municipal methodist, as before.
drop policy memberships_select on public.memberships;
create policy memberships_select on public.memberships for select to authenticated using (
  profile_id = (select private.my_profile_id())
  or private.is_school_methodist_of_school(organization_id)
  or (role = 'school_methodist' and organization_id = any ((select private.municipal_org_ids())::uuid[]))
  or (select private.is_admin())
);
drop policy memberships_insert on public.memberships;
create policy memberships_insert on public.memberships for insert to authenticated with check (
  (private.is_school_methodist_of_school(organization_id) and role in ('teacher', 'mentor')
    and private.is_live_profile_of_school(profile_id, organization_id))
  or (organization_id = any ((select private.municipal_school_ids())::uuid[]) and role in ('teacher', 'mentor', 'school_methodist')
    and private.is_live_profile_of_school(profile_id, organization_id))
  or (select private.is_admin())
);
drop policy memberships_update on public.memberships;
create policy memberships_update on public.memberships for update to authenticated
  using ((private.is_school_methodist_of_school(organization_id) and role in ('teacher', 'mentor'))
    or (organization_id = any ((select private.municipal_school_ids())::uuid[]) and role = 'school_methodist')
    or (select private.is_admin()))
  with check ((private.is_school_methodist_of_school(organization_id) and role in ('teacher', 'mentor'))
    or (organization_id = any ((select private.municipal_school_ids())::uuid[]) and role = 'school_methodist')
    or (select private.is_admin()));

-- Profiles: the municipal methodist adds the person an invitation is for (a profile of one of
-- their schools) but reads no profile beyond their own (DOMAIN.md, Privacy): their pending
-- invitations come from public.pending_invitations.
drop policy profiles_insert on public.profiles;
create policy profiles_insert on public.profiles for insert to authenticated with check (
  private.is_school_methodist_of_school(school_id)
  or school_id = any ((select private.municipal_school_ids())::uuid[])
  or (select private.is_admin())
);

-- The pull: a municipal methodist's 'org' grant now also reads the school methodist memberships
-- of each organisation under them (exactly what memberships_select lets them read), by the
-- (organization_id, sync_txid, id) index. As 20261207000100_sync_partitions.sql, one row more.
-- Like every partition keyed by a column that can change, a row that leaves it (the
-- administrator changes such a membership's role or organisation) is not sent again to the
-- device that had it; the console ends a membership and grants another instead.
create or replace function private.sync_partitions() returns table (kind text, table_name text, column_name text, exact boolean, condition text, ord integer)
language sql immutable set search_path = ''
as $$
  select p.*, (row_number() over (order by p.kind collate "C", p.table_name collate "C", p.column_name collate "C"))::integer
  from (values
    ('admin', 'indicator_targets', '', false, ''), ('admin', 'memberships', '', true, ''), ('admin', 'mentoring_pairs', '', true, ''),
    ('admin', 'profiles', '', true, ''), ('admin', 'recommendations', '', true, ''),
    ('all', 'frameworks', '', true, ''), ('all', 'organizations', '', true, ''),
    ('mentee', 'activities', 'teacher_id', true, ''), ('mentee', 'assessments', 'teacher_id', true, ''), ('mentee', 'comments', 'target_teacher_id', true, 'x.target_table <> ''mentoring_sessions'''),
    ('mentee', 'deficits', 'teacher_id', true, ''), ('mentee', 'development_plans', 'teacher_id', true, ''), ('mentee', 'observations', 'teacher_id', true, ''),
    ('mentee', 'plan_actions', 'teacher_id', true, ''),
    ('org', 'indicator_targets', 'organization_id', true, ''), ('org', 'memberships', 'organization_id', true, 'x.role = ''school_methodist'''),
    ('partner', 'profiles', 'id', true, ''),
    ('school', 'indicator_targets', 'organization_id', false, ''), ('school', 'memberships', 'organization_id', true, ''),
    ('school', 'mentoring_pairs', 'school_id', true, ''), ('school', 'profiles', 'school_id', true, ''), ('school', 'recommendations', 'organization_id', true, ''),
    ('schoolwide', 'recommendations', 'organization_id', true, 'x.teacher_id is null'),
    ('self', 'activities', 'teacher_id', true, ''), ('self', 'assessments', 'teacher_id', true, ''), ('self', 'comments', 'author_id', true, ''),
    ('self', 'comments', 'target_party_id', true, ''), ('self', 'comments', 'target_teacher_id', true, ''), ('self', 'deficits', 'teacher_id', true, ''),
    ('self', 'development_plans', 'teacher_id', true, ''), ('self', 'memberships', 'profile_id', true, ''), ('self', 'mentoring_pairs', 'mentee_id', true, ''),
    ('self', 'mentoring_pairs', 'mentor_id', true, ''), ('self', 'mentoring_sessions', 'mentee_id', true, ''), ('self', 'mentoring_sessions', 'mentor_id', true, ''),
    ('self', 'observations', 'observer_id', true, ''), ('self', 'observations', 'teacher_id', true, ''), ('self', 'plan_actions', 'teacher_id', true, ''),
    ('self', 'profiles', 'id', true, ''), ('self', 'recommendations', 'author_id', true, ''), ('self', 'recommendations', 'teacher_id', true, ''),
    ('self', 'sync_conflicts', 'overwritten_by', false, ''), ('self', 'sync_conflicts', 'profile_id', false, ''),
    ('staff', 'activities', 'teacher_id', true, ''), ('staff', 'assessments', 'teacher_id', true, ''), ('staff', 'comments', 'target_teacher_id', true, ''),
    ('staff', 'deficits', 'teacher_id', true, ''), ('staff', 'development_plans', 'teacher_id', true, ''), ('staff', 'mentoring_sessions', 'mentee_id', true, ''),
    ('staff', 'observations', 'teacher_id', true, ''), ('staff', 'plan_actions', 'teacher_id', true, ''),
    ('user', 'sync_conflicts', 'user_id', false, '')
  ) p (kind, table_name, column_name, exact, condition)
$$;

-- private.sync_read again from the new list (the generator of 20261207000100_sync_partitions.sql,
-- replacing the function instead of creating it). Partitions are numbered anew; cursors name a
-- partition by (kind, table, column), never by number, so a pull in progress goes on.
do $generate$
declare
  v_spec record;
  v_other record;
  v_in text;
  v_other_keys text;
  v_other_lowers text;
  v_seen text;
  v_bounds text;
  v_branches text := '';
begin
  for v_spec in select * from private.sync_partitions() order by ord loop
    v_seen := '';
    for v_other in select * from private.sync_partitions() o where o.table_name = v_spec.table_name and o.ord <> v_spec.ord order by o.ord loop
      v_in := case when v_other.condition = '' then '' else format(' and (%s)', v_other.condition) end;
      v_other_keys := format('(select p.keys from unnest(p_parts) p where p.ord = %s)', v_other.ord);
      v_other_lowers := format('(select p.lowers from unnest(p_parts) p where p.ord = %s)', v_other.ord);
      v_seen := v_seen || case
        -- An earlier partition sent its rows in this sweep, or (exact and old) the device had them.
        when v_other.ord < v_spec.ord and v_other.exact and v_other.column_name = '' then
          format(E'\n         and not coalesce(%s is not null%s, false)', v_other_keys, v_in)
        when v_other.ord < v_spec.ord and v_other.exact then
          format(E'\n         and not coalesce(x.%I = any (%s::uuid[])%s, false)', v_other.column_name, v_other_keys, v_in)
        when v_other.ord < v_spec.ord and v_other.column_name = '' then
          format(E'\n         and not coalesce(x.sync_txid >= (%s)[1]%s, false)', v_other_lowers, v_in)
        when v_other.ord < v_spec.ord then
          format(E'\n         and not exists (select 1 from unnest(%s, %s) e (k, l) where e.k = x.%I and x.sync_txid >= e.l%s)',
            v_other_keys, v_other_lowers, v_other.column_name, v_in)
        -- A later partition: only an exact one of an old grant says the device has the row.
        when not v_other.exact then ''
        when v_other.column_name = '' then
          format(E'\n         and not coalesce(x.sync_txid < (%s)[1]%s, false)', v_other_lowers, v_in)
        else
          format(E'\n         and not exists (select 1 from unnest(%s, %s) e (k, l) where e.k = x.%I and x.sync_txid < e.l%s)',
            v_other_keys, v_other_lowers, v_other.column_name, v_in)
      end;
    end loop;
    v_bounds := case v_spec.column_name
      when '' then '(x.sync_txid, x.id) > (k.from_txid, k.from_id) and x.sync_txid < p_target'
      when 'id' then 'x.id = k.key and ((x.sync_txid, x.id) > (k.from_txid, k.from_id) and x.sync_txid < p_target) is true'
      else format('x.%1$I = k.key and (x.%1$I, x.sync_txid, x.id) > (k.key, k.from_txid, k.from_id) and (x.%1$I, x.sync_txid) < (k.key, p_target)',
                  v_spec.column_name)
    end;
    v_branches := v_branches || format($branch$
  %s p_ord = %s then  -- %s %s.%s
    return query
      select k.key, x.sync_txid, x.id, to_jsonb(x) - array['access_txid', 'target_teacher_id', 'target_party_id']
      from unnest(p_keys, p_from_txids, p_from_ids) with ordinality k (key, from_txid, from_id, ord)
      cross join lateral (
        select * from public.%I x
        where %s%s%s
        order by x.sync_txid, x.id limit p_limit) x
      order by k.ord, x.sync_txid, x.id limit p_limit;$branch$,
      case when v_spec.ord = 1 then 'if' else 'elsif' end, v_spec.ord, v_spec.kind, v_spec.table_name, coalesce(nullif(v_spec.column_name, ''), '*'),
      v_spec.table_name, v_bounds,
      case when v_spec.condition = '' then '' else format(' and (%s)', v_spec.condition) end,
      v_seen);
  end loop;
  execute format($function$
create or replace function private.sync_read(p_ord integer, p_keys uuid[], p_from_txids xid8[], p_from_ids uuid[], p_target xid8,
  p_limit integer, p_parts private.sync_partition[])
returns table (key uuid, sync_txid xid8, id uuid, j jsonb)
language plpgsql stable security invoker set search_path = ''
as $body$
begin%s
  end if;
end
$body$$function$, v_branches);
end
$generate$;

-- ——— The audit log ——————————————————————————————————————————————————————————————————————————

-- One row per change of a role or membership: who (the writer's profile and account; null for
-- a migration or the service role), when, what (action), whose (profile_id), where and which role,
-- and what it was before (a change or a move). Not synced: the administrator reads it online
-- through public.audit_log_page. No foreign keys: the log outlives whatever it names.
--   invite    a membership given to a person who has not signed up yet (an invitation)
--   grant     a membership given to a signed-up person, or an ended one restored
--   change    a membership's role, organisation or person changed
--   end       a membership ended (its tombstone)
--   withdraw  an invitation withdrawn: the profile of a person who never signed up, tombstoned
--   move      a person's school changed (public.move_teacher, or the profile's school_id)
create table public.audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_profile_id uuid,
  actor_user_id uuid,
  action text not null,
  profile_id uuid,
  organization_id uuid,
  role text,
  old_organization_id uuid,
  old_role text,
  details jsonb not null default '{}'::jsonb,
  constraint audit_log_action_option check (action in ('grant', 'change', 'end', 'invite', 'withdraw', 'move'))
);
comment on table public.audit_log is
  'Every change of a role or membership (who, what, when). Written by triggers; never changed or deleted.';
create index audit_log_profile_id_idx on public.audit_log (profile_id, action);

-- Nobody writes it but the triggers (security definer, below): no grants, row-level security on
-- and no policy, so even a signed-in administrator neither reads nor writes the table itself. And
-- nobody changes history, whatever their privileges: an UPDATE, DELETE or TRUNCATE is refused by
-- a trigger, the owner's and a superuser's included (they would have to drop the trigger first,
-- which is a schema change, not an edit).
alter table public.audit_log enable row level security;
-- service_role too: Supabase grants it every new table of public by default, and the service key
-- must not be able to invent entries either.
revoke all on public.audit_log from public, anon, authenticated, service_role;

create function private.refuse_audit_edit() returns trigger
language plpgsql set search_path = ''
as $$
begin
  raise exception using errcode = '42501', message = 'the audit log cannot be changed or deleted';
end
$$;

create trigger a_no_edit before update or delete on public.audit_log
  for each row execute function private.refuse_audit_edit();
create trigger a_no_truncate before truncate on public.audit_log
  for each statement execute function private.refuse_audit_edit();

create function private.audit(p_action text, p_profile uuid, p_org uuid, p_role text, p_old_org uuid, p_old_role text,
                              p_details jsonb default '{}'::jsonb) returns void
language sql security definer set search_path = ''
as $$
  insert into public.audit_log (actor_profile_id, actor_user_id, action, profile_id, organization_id, role,
                                old_organization_id, old_role, details)
  values (private.my_profile_id(), auth.uid(), p_action, p_profile, p_org, p_role, p_old_org, p_old_role, coalesce(p_details, '{}'::jsonb))
$$;

-- Memberships: every insert and every change of whose, where, which role or whether it is live.
create function private.audit_membership() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    if new.deleted_at is null then
      perform private.audit(
        case when exists (select 1 from public.profiles p where p.id = new.profile_id and p.user_id is null) then 'invite' else 'grant' end,
        new.profile_id, new.organization_id, new.role, null, null, jsonb_build_object('membership_id', new.id));
    end if;
  elsif old.deleted_at is null and new.deleted_at is not null then
    perform private.audit('end', old.profile_id, old.organization_id, old.role, null, null, jsonb_build_object('membership_id', new.id));
  elsif old.deleted_at is not null and new.deleted_at is null then
    perform private.audit('grant', new.profile_id, new.organization_id, new.role, null, null,
      jsonb_build_object('membership_id', new.id, 'restored', true));
  elsif new.deleted_at is null then
    perform private.audit('change', new.profile_id, new.organization_id, new.role, old.organization_id, old.role,
      jsonb_build_object('membership_id', new.id) || case when new.profile_id <> old.profile_id
        then jsonb_build_object('old_profile_id', old.profile_id) else '{}'::jsonb end);
  end if;
  return null;
end
$$;

create trigger z_audit after insert on public.memberships
  for each row execute function private.audit_membership();
create trigger z_audit_update after update on public.memberships
  for each row when (old.deleted_at is distinct from new.deleted_at or old.role is distinct from new.role
                     or old.organization_id is distinct from new.organization_id or old.profile_id is distinct from new.profile_id)
  execute function private.audit_membership();

-- Profiles: a move (the school changes) and a withdrawn invitation (the profile of someone who
-- never signed up, tombstoned). The memberships that end or begin with them are logged by their
-- own trigger, so a move reads: move, end(s) at the old school, grant(s) at the new one.
create function private.audit_profile() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if old.deleted_at is null and new.deleted_at is not null then
    if new.user_id is null then
      perform private.audit('withdraw', new.id, old.school_id, null, null, null, jsonb_build_object('email', new.email));
    end if;
  elsif new.deleted_at is null and old.school_id is distinct from new.school_id then
    perform private.audit('move', new.id, new.school_id, null, old.school_id, null);
  end if;
  return null;
end
$$;

create trigger z_audit after update of school_id, deleted_at on public.profiles
  for each row when (old.school_id is distinct from new.school_id or old.deleted_at is distinct from new.deleted_at)
  execute function private.audit_profile();

-- The log for the administrator's console, newest first, a page of p_limit rows (1–500) with ids
-- below p_before. Names are today's: a renamed school shows its new name.
create function private.audit_log_page(p_before bigint, p_limit int)
returns table (id bigint, at timestamptz, action text, actor_name text, person_name text, person_email text,
               organization_name text, role text, old_organization_name text, old_role text)
language plpgsql stable security definer set search_path = ''
as $$
begin
  if not private.is_admin() then
    raise exception using errcode = '42501', message = 'only an administrator reads the audit log';
  end if;
  return query
    select l.id, l.at, l.action, ap.full_name, pp.full_name, pp.email, o.name, l.role, oo.name, l.old_role
    from public.audit_log l
    left join public.profiles ap on ap.id = l.actor_profile_id
    left join public.profiles pp on pp.id = l.profile_id
    left join public.organizations o on o.id = l.organization_id
    left join public.organizations oo on oo.id = l.old_organization_id
    where p_before is null or l.id < p_before
    order by l.id desc
    limit least(greatest(coalesce(p_limit, 50), 1), 500);
end
$$;

-- ——— Invitations ——————————————————————————————————————————————————————————————————————————————

-- Whether the caller manages this person's invitation: the administrator any; a municipal
-- methodist one whose every live membership is teacher, mentor or school methodist in their
-- schools; a school methodist one whose every live membership is teacher or mentor in their
-- school. A person with no live membership is managed by whoever manages the profile's school.
create function private.manages_invitation(p_profile uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  with m as (
    select m.organization_id, m.role from public.memberships m where m.profile_id = p_profile and m.deleted_at is null
  )
  select private.is_admin()
    or (exists (select 1 from m)
        and not exists (select 1 from m where not (m.organization_id = any (private.municipal_school_ids())
                                                   and m.role in ('teacher', 'mentor', 'school_methodist'))))
    or (exists (select 1 from m)
        and not exists (select 1 from m where not (private.is_school_methodist_of_school(m.organization_id)
                                                   and m.role in ('teacher', 'mentor'))))
    or (not exists (select 1 from m) and exists (
          select 1 from public.profiles p where p.id = p_profile
            and (p.school_id = any (private.municipal_school_ids()) or private.is_school_methodist_of_school(p.school_id))))
$$;

-- Invitations the caller manages: a profile with an e-mail and no account yet, one row per live
-- membership (a profile without any, for the administrator only, as one row with no
-- organisation). invited_at: when its first membership was given as an invitation (the log), else
-- when the profile last changed (invitations older than the log).
-- The administrator sees them all; a municipal methodist those in their schools; a school
-- methodist the teachers and mentors of their school.
create function private.pending_invitations()
returns table (profile_id uuid, full_name text, email text, organization_id uuid, organization_name text, role text,
               invited_at timestamptz)
language sql stable security definer set search_path = ''
as $$
  select p.id, p.full_name, p.email, m.organization_id, o.name, m.role,
    coalesce((select min(l.at) from public.audit_log l where l.profile_id = p.id and l.action = 'invite'), p.updated_at)
  from public.profiles p
  left join public.memberships m on m.profile_id = p.id and m.deleted_at is null
  left join public.organizations o on o.id = m.organization_id
  where p.user_id is null and p.deleted_at is null and p.email is not null
    and ((select private.is_admin())
      or (m.organization_id = any ((select private.municipal_school_ids())::uuid[]) and m.role in ('teacher', 'mentor', 'school_methodist'))
      or (private.is_school_methodist_of_school(m.organization_id) and m.role in ('teacher', 'mentor')))
  order by 7 desc, p.full_name, p.id, o.name
$$;

-- Withdraws an invitation: the profile and its memberships become tombstones (devices drop them
-- on their next pull; the e-mail can no longer sign up), in one transaction; the log gets
-- 'withdraw' and an 'end' per membership. 42501 when the caller does not manage it; 22023 when
-- there is no such invitation (no such live profile, or the person has signed up already: end
-- their memberships instead).
create function private.withdraw_invitation(p_profile uuid) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  v_user uuid;
begin
  -- An invitation has an e-mail to sign in with: a teacher of the staff list without one, who
  -- never signed in, is a member of staff with records, not an invitation to withdraw.
  select p.user_id into v_user from public.profiles p
  where p.id = p_profile and p.deleted_at is null and p.email is not null for update;
  if not found then
    raise exception using errcode = '22023', message = 'no such invitation';
  end if;
  if not private.manages_invitation(p_profile) then
    raise exception using errcode = '42501', message = 'this invitation is not yours to withdraw';
  end if;
  if v_user is not null then
    raise exception using errcode = '22023', message = 'the person has signed up: end their memberships instead';
  end if;
  update public.memberships m set deleted_at = now() where m.profile_id = p_profile and m.deleted_at is null;
  update public.profiles p set deleted_at = now() where p.id = p_profile;
end
$$;

-- ——— Moving a teacher ——————————————————————————————————————————————————————————————————————————

-- The administrator moves a teacher to another school: her profile's school becomes p_school, her
-- teacher and mentor memberships at the old school end and the same roles begin at the new one,
-- all in one transaction. Her records (assessments, plans, …) keep her profile id, so her history
-- goes with her; the old school's methodist stops reading it, the new one's starts. Logged as
-- 'move' plus the memberships' 'end' and 'grant'. 42501 for anyone else; 22023 for a person or a
-- school that is not live (or a school that is closed).
create function private.move_teacher(p_profile uuid, p_school uuid) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  v_old uuid;
  v_roles text[];
begin
  if not private.is_admin() then
    raise exception using errcode = '42501', message = 'only an administrator moves a teacher between schools';
  end if;
  select p.school_id into v_old from public.profiles p where p.id = p_profile and p.deleted_at is null for update;
  if not found then
    raise exception using errcode = '22023', message = 'no such person';
  end if;
  if not exists (select 1 from public.organizations o
                 where o.id = p_school and o.kind = 'school' and o.deleted_at is null
                   and (o.closed_on is null or o.closed_on > current_date)) then
    raise exception using errcode = '22023', message = 'the new school must be a live, open school';
  end if;
  if v_old is not distinct from p_school then
    return;
  end if;
  select coalesce(array_agg(distinct m.role), '{}') into v_roles from public.memberships m
  where m.profile_id = p_profile and m.organization_id = v_old and m.role in ('teacher', 'mentor') and m.deleted_at is null;
  update public.memberships m set deleted_at = now()
  where m.profile_id = p_profile and m.organization_id = v_old and m.role in ('teacher', 'mentor') and m.deleted_at is null;
  update public.profiles p set school_id = p_school where p.id = p_profile;
  insert into public.memberships (id, profile_id, organization_id, role)
  select gen_random_uuid(), p_profile, p_school, r from unnest(v_roles) r
  where not exists (select 1 from public.memberships m
                    where m.profile_id = p_profile and m.organization_id = p_school and m.role = r and m.deleted_at is null);
end
$$;

-- ——— The RPCs ————————————————————————————————————————————————————————————————————————————————————

-- As every RPC here: the API's function is security invoker and calls the private one, which is
-- security definer (tests/db/migrations.db.ts: no elevated function in the exposed schema).
create function public.audit_log_page(p_before bigint default null, p_limit int default 50)
returns table (id bigint, at timestamptz, action text, actor_name text, person_name text, person_email text,
               organization_name text, role text, old_organization_name text, old_role text)
language sql stable security invoker set search_path = ''
as $$ select * from private.audit_log_page(p_before, p_limit) $$;

create function public.pending_invitations()
returns table (profile_id uuid, full_name text, email text, organization_id uuid, organization_name text, role text,
               invited_at timestamptz)
language sql stable security invoker set search_path = ''
as $$ select * from private.pending_invitations() $$;

create function public.withdraw_invitation(p_profile uuid) returns void
language sql security invoker set search_path = ''
as $$ select private.withdraw_invitation(p_profile) $$;

create function public.move_teacher(p_profile uuid, p_school uuid) returns void
language sql security invoker set search_path = ''
as $$ select private.move_teacher(p_profile, p_school) $$;

-- ——— The staff profile's reference date ————————————————————————————————————————————————————

-- 'MM-DD' of a day every year has (29 February is not one): months 09–12 fall in the academic
-- year's first calendar year, 01–08 in its second. False instead of an error, for a CHECK.
create function private.is_month_day(p_value text) returns boolean
language sql immutable set search_path = ''
as $$
  select case when p_value ~ '^(0[1-9]|1[0-2])-[0-3][0-9]$'
    then substr(p_value, 4, 2)::integer between 1 and (case substr(p_value, 1, 2)
      when '02' then 28 when '04' then 30 when '06' then 30 when '09' then 30 when '11' then 30 else 31 end)
    else false end
$$;

alter table public.region_settings add column staff_reference text not null default '01-01';
alter table public.region_settings add constraint region_settings_staff_reference_format check (private.is_month_day(staff_reference));
comment on column public.region_settings.staff_reference is
  'The staff profile''s reference date inside an academic year, MM-DD (09–12: its first calendar year, 01–08: its second).';

-- The reference date of academic year p_year for an organisation: its region's setting (1 January
-- by default) in that year.
create function private.staff_reference_date(p_org uuid, p_year integer) returns date
language sql stable security definer set search_path = ''
as $$
  with recursive up (id, parent_id, depth) as (
    select o.id, o.parent_id, 0 from public.organizations o where o.id = p_org
    union all
    select o.id, o.parent_id, up.depth + 1 from public.organizations o join up on o.id = up.parent_id where up.depth < 10
  ),
  ref as (
    select coalesce((select s.staff_reference from public.region_settings s
                     where s.region_id = (select up.id from up order by up.depth desc limit 1)), '01-01') as md
  )
  select make_date(p_year + case when substr(r.md, 1, 2)::integer >= 9 then 0 else 1 end,
                   substr(r.md, 1, 2)::integer, substr(r.md, 4, 2)::integer)
  from ref r
$$;

-- ——— Reports: closed schools ——————————————————————————————————————————————————————————————————

-- As 20261207000300_dates_ages_zones.sql, without the schools closed by the start of the year: a
-- school closed on D counts no teacher in a year that starts (1 September) on or after D.
create or replace function private.report_teachers(p_org uuid, p_year int) returns table (teacher_id uuid, school_id uuid)
language sql stable security definer set search_path = ''
as $$
  select p.id, p.school_id
  from public.profiles p
  join public.organizations s on s.id = p.school_id and s.kind = 'school' and s.deleted_at is null
    and (s.closed_on is null or s.closed_on > make_date(p_year, 9, 1))
  where p.deleted_at is null
    and p.school_id in (select private.org_subtree(p_org))
    and exists (
      select 1 from public.memberships m
      where m.profile_id = p.id and m.organization_id = p.school_id and m.role in ('teacher', 'mentor') and m.deleted_at is null
    )
$$;

-- The schools a report of academic year p_year lists under an organisation, in id order: live,
-- and not closed by the start of the year.
create function private.live_schools_under(p_org uuid, p_year integer) returns uuid[]
language sql stable security definer set search_path = ''
as $$
  select coalesce(array_agg(s.id order by s.id), '{}')
  from public.organizations s
  where s.kind = 'school' and s.deleted_at is null and s.id in (select private.org_subtree(p_org))
    and (s.closed_on is null or s.closed_on > make_date(p_year, 9, 1))
$$;

-- A closed school left in the disclosure universe (private.disclosure_flags walks the tree) has
-- no teacher in the year: a group of 0 is never withheld for its size nor picked to protect
-- another (private.disclosure_protect picks schools with a measure above 0), so it changes no
-- answer.

-- The three reports as in 20261207000700_disclosure_control.sql, their units being the schools
-- open in the year (report_indicators' units, private.live_schools_under(…, p_year) for the
-- others); the staff profile's reference date is the region's (private.staff_reference_date).

create or replace function private.report_indicators(p_org uuid, p_year integer, p_stage text)
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
      and (o.closed_on is null or o.closed_on > make_date(p_year, 9, 1))
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
  v_ref date;
  v_teachers uuid[];
  v_schools uuid[];
  v_list uuid[];
  v_scope jsonb;
  v_blocks jsonb;
begin
  v_ref := private.staff_reference_date(p_org, p_year);
  v_date := coalesce(p_date, v_ref);
  if v_date <> v_ref then
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
  v_list := case when v_access = 'school' and v_kind = 'school' then '{}'::uuid[] else private.live_schools_under(v_top, p_year) end;

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
    select s, s, false, false from unnest(private.live_schools_under(p_org, p_year)) s where v_kind <> 'school'
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


create or replace function private.report_competence(
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
  v_list := case when v_access = 'school' and v_kind = 'school' then '{}'::uuid[] else private.live_schools_under(v_top, p_year) end;
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
    select s, s, false, false from unnest(private.live_schools_under(p_org, p_year)) s where v_kind <> 'school'
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


-- CREATE OR REPLACE keeps no SET clause it does not name: the report functions get theirs again
-- (20261122001100_report_stages.sql says why).
alter function private.report_indicators(uuid, integer, text)
  set jit = off set work_mem = '32MB' set max_parallel_workers_per_gather = 0 set random_page_cost = 1.1;
alter function private.report_staff_profile(uuid, int, date)
  set jit = off set work_mem = '32MB' set max_parallel_workers_per_gather = 0 set random_page_cost = 1.1;
alter function private.report_competence(uuid, int, text, uuid, text)
  set jit = off set work_mem = '32MB' set max_parallel_workers_per_gather = 0 set random_page_cost = 1.1;

-- ——— Privileges ———————————————————————————————————————————————————————————————————————————————

revoke all on function private.is_monitoring(text, jsonb), private.monitoring_inside(jsonb, jsonb),
  private.organizations_rules(), private.frameworks_rules(), private.framework_published_rules(),
  private.municipal_org_ids(), private.municipal_school_ids(),
  private.refuse_audit_edit(), private.audit(text, uuid, uuid, text, uuid, text, jsonb),
  private.audit_membership(), private.audit_profile(), private.manages_invitation(uuid),
  private.is_month_day(text), private.staff_reference_date(uuid, integer), private.live_schools_under(uuid, integer)
  from public, anon;
-- Constraints, triggers and policies run as the writer.
grant execute on function private.is_monitoring(text, jsonb), private.monitoring_inside(jsonb, jsonb),
  private.organizations_rules(), private.frameworks_rules(), private.framework_published_rules(),
  private.municipal_org_ids(), private.municipal_school_ids(), private.refuse_audit_edit(),
  private.audit_membership(), private.audit_profile(), private.is_month_day(text)
  to authenticated, service_role;
-- Called only from security definer functions and triggers (as their owner): writing the log
-- straight, or asking whose invitation a profile is, is not the caller's to do.
revoke all on function private.audit(text, uuid, uuid, text, uuid, text, jsonb), private.manages_invitation(uuid),
  private.staff_reference_date(uuid, integer), private.live_schools_under(uuid, integer)
  from authenticated;
grant execute on function private.audit(text, uuid, uuid, text, uuid, text, jsonb), private.manages_invitation(uuid),
  private.staff_reference_date(uuid, integer), private.live_schools_under(uuid, integer)
  to service_role;

revoke all on function private.audit_log_page(bigint, int), private.pending_invitations(), private.withdraw_invitation(uuid),
  private.move_teacher(uuid, uuid), public.audit_log_page(bigint, int), public.pending_invitations(), public.withdraw_invitation(uuid),
  public.move_teacher(uuid, uuid)
  from public, anon;
grant execute on function private.audit_log_page(bigint, int), private.pending_invitations(), private.withdraw_invitation(uuid),
  private.move_teacher(uuid, uuid), public.audit_log_page(bigint, int), public.pending_invitations(), public.withdraw_invitation(uuid),
  public.move_teacher(uuid, uuid)
  to authenticated;
