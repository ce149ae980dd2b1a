-- Addressed recommendations (адресные рекомендации), and the planned values of the indicators
-- made synced tables.
--
-- A recommendation is written by a methodist to a school (teacher_id null) or to one teacher of
-- that school. The school methodist writes to the school and its teachers; a municipal methodist
-- writes to schools of their municipality, never to one teacher (municipal users see no
-- individuals); the admin writes anywhere. The recipient marks it done: the addressed teacher, or
-- for a school-wide one the school methodist. Readers: the author, the addressed teacher, the
-- school's methodists, and for a school-wide one every teacher of the school.
-- The JSON contract of the sync functions is docs/sync-protocol.md.

-- ——— Helpers ——————————————————————————————————————————————————————————————————————————

create function private.is_live_school(org uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (select 1 from public.organizations o where o.id = org and o.kind = 'school' and o.deleted_at is null)
$$;

-- A municipal methodist of the organisation or one of its ancestors.
create function private.is_municipal_methodist_over(org uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.memberships m
    where m.profile_id = private.my_profile_id() and m.role = 'municipal_methodist' and m.deleted_at is null
      and m.organization_id in (select private.org_ancestors(org))
  )
$$;

-- The caller teaches at the school: a live teacher or mentor membership there.
create function private.is_teacher_of_school(school uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.memberships m
    where m.profile_id = private.my_profile_id() and m.organization_id = school
      and m.role in ('teacher', 'mentor') and m.deleted_at is null
  )
$$;

-- Who may write (author) a recommendation to that school and addressee right now.
create function private.can_address(school uuid, teacher uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select private.is_live_school(school) and (
    (private.is_school_methodist_of_school(school)
      and (teacher is null or private.is_live_profile_of_school(teacher, school)))
    -- Municipal users see no individuals: only the whole school.
    or (teacher is null and private.is_municipal_methodist_over(school))
    or private.is_admin()
  )
$$;

-- The recipient who marks it done: the addressed teacher, or for a school-wide one the school's methodist.
create function private.is_recommendation_recipient(school uuid, teacher uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select case
    when teacher is null then private.is_school_methodist_of_school(school)
    else teacher = private.my_profile_id()
  end
$$;

-- ——— Table —————————————————————————————————————————————————————————————————————————

create table public.recommendations (
  id uuid primary key,
  version integer not null default 0,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  deleted_at timestamptz,
  sync_txid xid8 not null default pg_current_xact_id(),
  author_id uuid not null references public.profiles (id),
  organization_id uuid not null references public.organizations (id),
  teacher_id uuid references public.profiles (id),
  body text not null,
  due_on date,
  done_at timestamptz,
  done_by uuid references public.profiles (id),
  constraint recommendations_body_required check (not private.is_blank(body)),
  constraint recommendations_body_length check (char_length(body) <= 2000),
  constraint recommendations_due_on_range check (private.is_plausible_date(due_on)),
  constraint recommendations_done check ((done_at is null) = (done_by is null))
);

create trigger a_stamp_row before insert or update on public.recommendations
  for each row execute function private.stamp_row();
create index recommendations_sync_txid_idx on public.recommendations (sync_txid, id);
create index recommendations_organization_id_idx on public.recommendations (organization_id);
create index recommendations_teacher_id_idx on public.recommendations (teacher_id);
create index recommendations_author_id_idx on public.recommendations (author_id);

-- Column rules. The author (still entitled to write there) edits the text, the due date and the
-- tombstone; the recipient only marks it done (done_by = self) or undone. Nobody moves a
-- recommendation to another school or person, the admin included.
create function private.recommendations_rules() returns trigger
language plpgsql set search_path = ''
as $$
declare
  changed text[];
  allowed text[] := '{}';
  me uuid := private.my_profile_id();
begin
  if not private.is_api_request() then
    return new;
  end if;
  if tg_op = 'INSERT' then
    if private.is_admin() then
      return new;
    end if;
    -- Only the recipient marks it done: a new recommendation is open.
    if new.done_at is not null or new.done_by is not null then
      raise exception using errcode = '42501', message = 'a new recommendation is not done yet';
    end if;
    return new;
  end if;
  changed := private.changed_columns(to_jsonb(old), to_jsonb(new));
  perform private.require_only(changed,
    array(select c from unnest(private.columns_of('recommendations')) c where c not in ('author_id', 'organization_id', 'teacher_id')),
    'nobody');
  if private.is_admin() then
    return new;
  end if;
  if old.author_id = me and private.can_address(old.organization_id, old.teacher_id) then
    allowed := allowed || array['body', 'due_on', 'deleted_at'];
  end if;
  if private.is_recommendation_recipient(old.organization_id, old.teacher_id) then
    allowed := allowed || array['done_at', 'done_by'];
  end if;
  perform private.require_only(changed, allowed, 'this user');
  if 'done_by' = any (changed) and new.done_by is not null and new.done_by is distinct from me then
    raise exception using errcode = '42501', message = 'done_by must be the one who marks it done';
  end if;
  return new;
end
$$;

create trigger b_rules before insert or update on public.recommendations
  for each row execute function private.recommendations_rules();

alter table public.recommendations enable row level security;

create policy recommendations_select on public.recommendations for select to authenticated using (
  author_id = (select private.my_profile_id())
  or teacher_id = (select private.my_profile_id())
  or private.is_school_methodist_of_school(organization_id)
  or (teacher_id is null and private.is_teacher_of_school(organization_id))
  or (select private.is_admin())
);
create policy recommendations_insert on public.recommendations for insert to authenticated with check (
  author_id = (select private.my_profile_id()) and private.can_address(organization_id, teacher_id)
);
create policy recommendations_update on public.recommendations for update to authenticated
  using (
    (author_id = (select private.my_profile_id()) and private.can_address(organization_id, teacher_id))
    or private.is_recommendation_recipient(organization_id, teacher_id)
    or (select private.is_admin())
  )
  with check (
    (author_id = (select private.my_profile_id()) and private.can_address(organization_id, teacher_id))
    or private.is_recommendation_recipient(organization_id, teacher_id)
    or (select private.is_admin())
  );

revoke all on public.recommendations from anon, authenticated;
grant select, insert, update on public.recommendations to authenticated;

-- ——— Planned values: synced ————————————————————————————————————————————————————————————
-- indicator_targets (20261122000600) already has the meta columns, the stamp trigger and RLS. A
-- target is one scope, year and indicator: those never change, only its value and tombstone.

create function private.indicator_targets_rules() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if not private.is_api_request() then
    return new;
  end if;
  perform private.require_only(private.changed_columns(to_jsonb(old), to_jsonb(new)), array['value', 'deleted_at'], 'nobody');
  return new;
end
$$;

create trigger b_rules before update on public.indicator_targets
  for each row execute function private.indicator_targets_rules();

-- ——— Sync whitelist ————————————————————————————————————————————————————————————————————

create or replace function private.synced_table_names() returns text[]
language sql immutable set search_path = ''
as $$
  select array['organizations', 'memberships', 'profiles', 'frameworks', 'assessments', 'deficits', 'development_plans',
               'plan_actions', 'activities', 'mentoring_pairs', 'mentoring_sessions', 'observations', 'comments',
               'indicator_targets', 'recommendations']
$$;

-- A conflict stays readable exactly while its row is (see 20261122000200_rls.sql).
create or replace function private.can_read_synced_row(target_table text, target_id uuid) returns boolean
language sql stable set search_path = ''
as $$
  select case target_table
    when 'organizations' then exists (select 1 from public.organizations x where x.id = target_id)
    when 'memberships' then exists (select 1 from public.memberships x where x.id = target_id)
    when 'profiles' then exists (select 1 from public.profiles x where x.id = target_id)
    when 'frameworks' then exists (select 1 from public.frameworks x where x.id = target_id)
    when 'assessments' then exists (select 1 from public.assessments x where x.id = target_id)
    when 'deficits' then exists (select 1 from public.deficits x where x.id = target_id)
    when 'development_plans' then exists (select 1 from public.development_plans x where x.id = target_id)
    when 'plan_actions' then exists (select 1 from public.plan_actions x where x.id = target_id)
    when 'activities' then exists (select 1 from public.activities x where x.id = target_id)
    when 'mentoring_pairs' then exists (select 1 from public.mentoring_pairs x where x.id = target_id)
    when 'mentoring_sessions' then exists (select 1 from public.mentoring_sessions x where x.id = target_id)
    when 'observations' then exists (select 1 from public.observations x where x.id = target_id)
    when 'comments' then exists (select 1 from public.comments x where x.id = target_id)
    when 'indicator_targets' then exists (select 1 from public.indicator_targets x where x.id = target_id)
    when 'recommendations' then exists (select 1 from public.recommendations x where x.id = target_id)
    else false
  end
$$;

-- ——— Privileges ————————————————————————————————————————————————————————————————————————

revoke all on function private.is_live_school(uuid), private.is_municipal_methodist_over(uuid), private.is_teacher_of_school(uuid),
  private.can_address(uuid, uuid), private.is_recommendation_recipient(uuid, uuid), private.recommendations_rules(),
  private.indicator_targets_rules()
  from public, anon;
grant execute on function private.is_live_school(uuid), private.is_municipal_methodist_over(uuid), private.is_teacher_of_school(uuid),
  private.can_address(uuid, uuid), private.is_recommendation_recipient(uuid, uuid), private.recommendations_rules(),
  private.indicator_targets_rules()
  to authenticated, service_role;
