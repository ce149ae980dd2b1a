-- Report scope: who may see aggregates of which organisation, the teachers a report counts, and
-- the planned values (плановые значения) of the indicators per scope and year.
--
-- Report RPCs (indicators, competence reports) call private.report_access first and return only
-- aggregates to municipal users and admins, suppressing groups of fewer than 5 teachers
-- (src/lib/domain/privacy.ts MIN_GROUP_SIZE). A school methodist sees the own school fully.

-- ——— Scope helpers ———————————————————————————————————————————————————————————————————

-- The organisation and every ancestor (live ones), nearest first.
create function private.org_ancestors(p_org uuid) returns setof uuid
language sql stable security definer set search_path = ''
as $$
  with recursive up (id, parent_id, depth) as (
    select o.id, o.parent_id, 0 from public.organizations o where o.id = p_org and o.deleted_at is null
    union all
    select o.id, o.parent_id, up.depth + 1 from public.organizations o join up on o.id = up.parent_id
    where o.deleted_at is null and up.depth < 10
  )
  select up.id from up order by up.depth
$$;

-- The organisation and everything under it (live ones).
create function private.org_subtree(p_org uuid) returns setof uuid
language sql stable security definer set search_path = ''
as $$
  with recursive down (id, depth) as (
    select o.id, 0 from public.organizations o where o.id = p_org and o.deleted_at is null
    union all
    select o.id, down.depth + 1 from public.organizations o join down on o.parent_id = down.id
    where o.deleted_at is null and down.depth < 10
  )
  select down.id from down
$$;

-- The caller's access to reports of p_org, or null when none: 'school' (school methodist of that
-- school: everything, per teacher), 'municipal' (municipal methodist of p_org or an ancestor:
-- aggregates of ≥ 5 teachers), 'admin' (aggregates of ≥ 5 teachers everywhere).
create function private.report_access_or_null(p_org uuid) returns text
language sql stable security definer set search_path = ''
as $$
  select case
    when exists (
      select 1 from public.memberships m join public.organizations o on o.id = m.organization_id
      where m.profile_id = private.my_profile_id() and m.organization_id = p_org and m.role = 'school_methodist'
        and m.deleted_at is null and o.kind = 'school' and o.deleted_at is null
    ) then 'school'
    when exists (
      select 1 from public.memberships m
      where m.profile_id = private.my_profile_id() and m.role = 'municipal_methodist' and m.deleted_at is null
        and m.organization_id in (select private.org_ancestors(p_org))
    ) then 'municipal'
    when private.is_admin() and exists (select 1 from public.organizations o where o.id = p_org and o.deleted_at is null)
      then 'admin'
  end
$$;

create function private.has_report_access(p_org uuid) returns boolean
language sql stable security definer set search_path = ''
as $$ select private.report_access_or_null(p_org) is not null $$;

-- As report_access_or_null, but raising insufficient_privilege (42501) when the caller has none.
create function private.report_access(p_org uuid) returns text
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_access text := private.report_access_or_null(p_org);
begin
  if v_access is null then
    raise exception using errcode = '42501', message = 'no access to reports of this organisation';
  end if;
  return v_access;
end
$$;

-- Teachers active in the scope (the indicators' denominator): live profiles with a live teacher
-- or mentor membership in a live school that is p_org or under it. A person with memberships in
-- two schools counts once, in the school of the profile when it is one of them.
-- p_year is part of the contract: memberships carry no dates yet, so today's staff is every
-- year's staff.
-- Not granted to authenticated: it names teachers; report RPCs (security definer) call it.
create function private.report_teachers(p_org uuid, p_year int) returns table (teacher_id uuid, school_id uuid)
language sql stable security definer set search_path = ''
as $$
  select distinct on (p.id) p.id, m.organization_id
  from public.memberships m
  join public.organizations s on s.id = m.organization_id and s.kind = 'school' and s.deleted_at is null
  join public.profiles p on p.id = m.profile_id and p.deleted_at is null
  where m.deleted_at is null and m.role in ('teacher', 'mentor')
    and m.organization_id in (select private.org_subtree(p_org))
  order by p.id, (m.organization_id = p.school_id) desc, m.organization_id
$$;

-- Targets may be edited by the admin, a municipal methodist for organisations in their scope,
-- and a school methodist for the own school.
create function private.can_edit_targets(p_org uuid) returns boolean
language sql stable security definer set search_path = ''
as $$ select private.report_access_or_null(p_org) in ('school', 'municipal', 'admin') $$;

-- ——— Planned values ————————————————————————————————————————————————————————————————————

create table public.indicator_targets (
  id uuid primary key,
  version integer not null default 0,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  deleted_at timestamptz,
  sync_txid xid8 not null default pg_current_xact_id(),
  organization_id uuid not null references public.organizations (id),
  academic_year integer not null,
  code text not null,
  value numeric not null,
  constraint indicator_targets_academic_year_range check (academic_year between 2000 and 2100),
  constraint indicator_targets_code_option check (
    code in ('PD_QUALITY', 'PD_ANY', 'CATEGORY', 'COMMUNITY', 'COMPETITION', 'IOM', 'GROWTH_META', 'GROWTH_SUBJECT',
             'DEFICITS_CLOSED', 'YOUNG_SUPPORTED', 'OBSERVED')
  ),
  constraint indicator_targets_value_range check (value between 0 and 1)
);

create trigger a_stamp_row before insert or update on public.indicator_targets
  for each row execute function private.stamp_row();
create index indicator_targets_sync_txid_idx on public.indicator_targets (sync_txid, id);
create unique index indicator_targets_live_key on public.indicator_targets (organization_id, academic_year, code)
  where deleted_at is null;

alter table public.indicator_targets enable row level security;

create policy indicator_targets_select on public.indicator_targets for select to authenticated
  using (private.has_report_access(organization_id));
create policy indicator_targets_insert on public.indicator_targets for insert to authenticated
  with check (private.can_edit_targets(organization_id));
-- Both the old and the new organisation must be the writer's: a target is never moved out of scope.
create policy indicator_targets_update on public.indicator_targets for update to authenticated
  using (private.can_edit_targets(organization_id)) with check (private.can_edit_targets(organization_id));

revoke all on public.indicator_targets from anon, authenticated;
grant select, insert, update on public.indicator_targets to authenticated;

-- ——— Privileges ————————————————————————————————————————————————————————————————————————

revoke all on function private.org_ancestors(uuid), private.org_subtree(uuid), private.report_access_or_null(uuid),
  private.has_report_access(uuid), private.report_access(uuid), private.report_teachers(uuid, int),
  private.can_edit_targets(uuid)
  from public, anon;
grant execute on function private.org_ancestors(uuid), private.org_subtree(uuid), private.report_access_or_null(uuid),
  private.has_report_access(uuid), private.report_access(uuid), private.can_edit_targets(uuid)
  to authenticated, service_role;
revoke all on function private.report_teachers(uuid, int) from authenticated;
grant execute on function private.report_teachers(uuid, int) to service_role;
