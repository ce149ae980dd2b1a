-- Row-level security: the real boundary (DOMAIN.md, Roles and Privacy).
--
-- Who reads a teacher's own rows (assessments, deficits, plans, actions, activities): the
-- teacher, the teacher's ACTIVE mentor, the methodist of the teacher's school. Nobody else — not
-- a colleague of the same school, not a former mentor, not a municipal methodist, not the
-- administrator. Policies decide which rows a role may touch; BEFORE INSERT OR UPDATE triggers decide
-- which columns it may set or change (SQLSTATE 42501, which sync_push reports as "forbidden").
-- Nothing is ever deleted through the API: there are no DELETE policies, and DELETE/TRUNCATE are
-- not even granted.

-- ——— Helpers (not exposed: schema private is not in the API's schemas) ——————————————————

create function private.is_admin() returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.memberships m
    where m.profile_id = private.my_profile_id() and m.role = 'admin' and m.deleted_at is null
  )
$$;

-- Active pair: status active, not deleted, started, and not past its end date.
create function private.is_active_mentor_of(teacher uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.mentoring_pairs p
    where p.mentor_id = private.my_profile_id() and p.mentee_id = teacher
      and p.status = 'active' and p.deleted_at is null
      and p.start_date <= current_date and (p.end_date is null or p.end_date >= current_date)
  )
$$;

-- The active pair `pair` has me as mentor and `mentee` as mentee (sessions are written in it).
create function private.is_my_active_pair(pair uuid, mentee uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.mentoring_pairs p
    where p.id = pair and p.mentor_id = private.my_profile_id() and p.mentee_id = mentee
      and p.status = 'active' and p.deleted_at is null
      and p.start_date <= current_date and (p.end_date is null or p.end_date >= current_date)
  )
$$;

create function private.is_school_methodist_of_school(school uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.memberships m
    where m.profile_id = private.my_profile_id() and m.organization_id = school
      and m.role = 'school_methodist' and m.deleted_at is null
  )
$$;

-- Membership role school_methodist on the school of the teacher's profile.
create function private.is_school_methodist_of(teacher uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.profiles t
    join public.memberships m on m.organization_id = t.school_id
    where t.id = teacher and t.deleted_at is null
      and m.profile_id = private.my_profile_id() and m.role = 'school_methodist' and m.deleted_at is null
  )
$$;

create function private.can_read_teacher(teacher uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select teacher = private.my_profile_id()
    or private.is_active_mentor_of(teacher)
    or private.is_school_methodist_of(teacher)
$$;

-- Mentor and mentee see each other's profile whatever the pair's status (names on past records).
create function private.shares_pair_with(person uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.mentoring_pairs p
    where p.deleted_at is null
      and ((p.mentor_id = private.my_profile_id() and p.mentee_id = person)
        or (p.mentee_id = private.my_profile_id() and p.mentor_id = person))
  )
$$;

-- Взаимопосещение: a colleague of the same school may observe a lesson.
create function private.is_same_school_peer(teacher uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.profiles me
    join public.profiles t on t.school_id = me.school_id
    where me.id = private.my_profile_id() and t.id = teacher and t.id <> me.id
      and t.deleted_at is null and me.school_id is not null
  )
$$;

-- A live profile of that school: who a school's pairs and memberships may name.
create function private.is_live_profile_of_school(person uuid, school uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.profiles p
    where p.id = person and p.school_id = school and p.deleted_at is null
  )
$$;

-- Every live membership of the person is teacher or mentor (none at all counts too): the only
-- people a school methodist may edit. An administrator's or a fellow methodist's profile is not
-- theirs to change, even when it carries their school.
create function private.is_teacher_or_mentor_only(person uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select not exists (
    select 1 from public.memberships m
    where m.profile_id = person and m.deleted_at is null and m.role not in ('teacher', 'mentor')
  )
$$;

create function private.plan_teacher(plan uuid) returns uuid
language sql stable security definer set search_path = ''
as $$ select p.teacher_id from public.development_plans p where p.id = plan $$;

-- Security INVOKER on purpose: "can I read the target" is the target table's own policy.
create function private.can_read_target(target_table text, target_id uuid) returns boolean
language sql stable set search_path = ''
as $$
  select case target_table
    when 'mentoring_sessions' then exists (select 1 from public.mentoring_sessions x where x.id = target_id)
    when 'observations' then exists (select 1 from public.observations x where x.id = target_id)
    when 'plan_actions' then exists (select 1 from public.plan_actions x where x.id = target_id)
    when 'deficits' then exists (select 1 from public.deficits x where x.id = target_id)
    else false
  end
$$;

-- Whether the caller can read this row of a synced table right now. Security INVOKER on purpose:
-- the answer is the table's own select policy, so a conflict stops being readable the moment its
-- row does (a former mentor no longer reads the mentee's deficit history through sync_conflicts).
create function private.can_read_synced_row(target_table text, target_id uuid) returns boolean
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
    else false
  end
$$;

-- Profile ids whose teacher-owned rows the caller may read, own first. sync_pull returns it as
-- the scope; the client purges teachers that drop out of it.
create function private.readable_teacher_ids() returns uuid[]
language sql stable security definer set search_path = ''
as $$
  with me as (select private.my_profile_id() as id)
  select coalesce(array_agg(distinct t.id order by t.id), '{}')
  from (
    select me.id from me where me.id is not null
    union
    select p.mentee_id from public.mentoring_pairs p, me
    where p.mentor_id = me.id and p.status = 'active' and p.deleted_at is null
      and p.start_date <= current_date and (p.end_date is null or p.end_date >= current_date)
    union
    select t.id from public.profiles t
    join public.memberships m on m.organization_id = t.school_id, me
    where m.profile_id = me.id and m.role = 'school_methodist' and m.deleted_at is null and t.deleted_at is null
  ) t
$$;

-- ——— Column rules ——————————————————————————————————————————————————————————————————

-- Only requests through the API (PostgREST's roles) are held to the column rules; migrations,
-- seeds, the auth service and the service role are trusted.
create function private.is_api_request() returns boolean
language sql stable set search_path = ''
as $$ select current_user in ('authenticated', 'anon') $$;

-- Columns whose value differs between two versions of a row, meta columns left out.
create function private.changed_columns(old_row jsonb, new_row jsonb) returns text[]
language sql immutable set search_path = ''
as $$
  select coalesce(array_agg(n.key order by n.key), '{}')
  from jsonb_each(new_row) n
  where n.key not in ('id', 'version', 'updated_at', 'updated_by', 'sync_txid')
    and n.value is distinct from old_row -> n.key
$$;

create function private.require_only(changed text[], allowed text[], who text) returns void
language plpgsql immutable set search_path = ''
as $$
declare
  extra text[] := array(select c from unnest(changed) c where c <> all (allowed) order by c);
begin
  if cardinality(extra) > 0 then
    raise exception using errcode = '42501', message = format('%s may not change %s', who, array_to_string(extra, ', '));
  end if;
end
$$;

create function private.profiles_rules() returns trigger
language plpgsql set search_path = ''
as $$
declare
  changed text[];
begin
  if not private.is_api_request() then
    return new;
  end if;
  -- Accounts are linked by e-mail: once a person has signed up, their e-mail is fixed for everyone
  -- (changing an invitation's e-mail is how an invitation would be taken over).
  if tg_op = 'UPDATE' and old.user_id is not null and new.email is distinct from old.email then
    raise exception using errcode = '42501', message = 'the e-mail of a signed-up person cannot change';
  end if;
  if private.is_admin() then
    return new;
  end if;
  if tg_op = 'INSERT' then
    -- An account is linked by the sign-up trigger (by e-mail), never claimed by whoever writes.
    if new.user_id is not null then
      raise exception using errcode = '42501', message = 'user_id is set by sign-up';
    end if;
    return new;
  end if;
  changed := private.changed_columns(to_jsonb(old), to_jsonb(new));
  if old.id = private.my_profile_id() then
    -- One's own profile, methodists included: never one's account or school.
    perform private.require_only(changed, array(select c from unnest(private.columns_of('profiles')) c where c not in ('user_id', 'school_id')), 'a person');
  elsif private.is_school_methodist_of_school(old.school_id) then
    -- The school methodist edits the school's teachers and mentors, not its other methodists
    -- or an administrator whose profile carries the school.
    if not private.is_teacher_or_mentor_only(old.id) then
      raise exception using errcode = '42501', message = 'a methodist may edit only teachers and mentors';
    end if;
    perform private.require_only(changed, array(select c from unnest(private.columns_of('profiles')) c where c <> 'user_id'), 'a methodist');
  else
    perform private.require_only(changed, '{}', 'nobody');
  end if;
  return new;
end
$$;

create function private.memberships_rules() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if not private.is_api_request() or private.is_admin() then
    return new;
  end if;
  perform private.require_only(private.changed_columns(to_jsonb(old), to_jsonb(new)), array['role', 'deleted_at'], 'a methodist');
  return new;
end
$$;

create function private.assessments_rules() returns trigger
language plpgsql set search_path = ''
as $$
declare
  changed text[];
  me uuid := private.my_profile_id();
begin
  if not private.is_api_request() then
    return new;
  end if;
  if tg_op = 'INSERT' then
    -- An expert assessment is written by the expert (the teacher's school methodist or active
    -- mentor) about someone else; a teacher writes self-assessments and tests, signed by nobody
    -- else.
    if new.kind = 'expert' then
      if new.assessor_id is distinct from me or new.teacher_id = me
         or not (private.is_school_methodist_of(new.teacher_id) or private.is_active_mentor_of(new.teacher_id)) then
        raise exception using errcode = '42501', message = 'an expert assessment is written by the expert';
      end if;
    elsif new.assessor_id is distinct from me and new.assessor_id is not null then
      raise exception using errcode = '42501', message = 'assessor_id must be the assessor';
    end if;
    return new;
  end if;
  changed := private.changed_columns(to_jsonb(old), to_jsonb(new));
  -- An expert assessment is the expert's; a self-assessment or test is the teacher's.
  if old.kind = 'expert' and old.assessor_id is distinct from me then
    perform private.require_only(changed, '{}', 'only the expert');
  end if;
  perform private.require_only(changed,
    array(select c from unnest(private.columns_of('assessments')) c where c not in ('teacher_id', 'kind')
          and (c <> 'assessor_id' or old.kind <> 'expert')),
    'nobody');
  if 'assessor_id' = any (changed) and new.assessor_id is not null and new.assessor_id is distinct from me then
    raise exception using errcode = '42501', message = 'assessor_id must be the assessor';
  end if;
  return new;
end
$$;

create function private.deficits_rules() returns trigger
language plpgsql set search_path = ''
as $$
declare
  changed text[];
  allowed text[] := '{}';
begin
  if not private.is_api_request() then
    return new;
  end if;
  changed := private.changed_columns(to_jsonb(old), to_jsonb(new));
  if old.teacher_id = private.my_profile_id() then
    allowed := array(select c from unnest(private.columns_of('deficits')) c where c <> 'teacher_id');
  else
    if private.is_active_mentor_of(old.teacher_id) then
      allowed := allowed || array['status', 'history', 'confirmed_at', 'indicator_ids'];
    end if;
    if private.is_school_methodist_of(old.teacher_id) then
      allowed := allowed || array['status', 'history', 'confirmed_at'];
    end if;
  end if;
  perform private.require_only(changed, allowed, 'this user');
  return new;
end
$$;

create function private.development_plans_rules() returns trigger
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
    -- A plan is born unapproved unless its approver (the active mentor or the school methodist,
    -- never the teacher) writes it already approved, signed with their own profile.
    if (new.approved_by is not null or new.approved_at is not null)
       and (new.approved_by is distinct from me or new.teacher_id = me
            or not (private.is_active_mentor_of(new.teacher_id) or private.is_school_methodist_of(new.teacher_id))) then
      raise exception using errcode = '42501', message = 'only the mentor or the methodist approves a plan';
    end if;
    return new;
  end if;
  changed := private.changed_columns(to_jsonb(old), to_jsonb(new));
  if old.teacher_id = me then
    allowed := array(select c from unnest(private.columns_of('development_plans')) c
                     where c not in ('teacher_id', 'approved_by', 'approved_at'));
  end if;
  if private.is_active_mentor_of(old.teacher_id) then
    allowed := allowed || array['approved_by', 'approved_at', 'deficit_ids'];
  end if;
  if private.is_school_methodist_of(old.teacher_id) and old.teacher_id is distinct from me then
    allowed := allowed || array['approved_by', 'approved_at'];
  end if;
  perform private.require_only(changed, allowed, 'this user');
  -- Approval is signed by whoever gives it.
  if 'approved_by' = any (changed) and new.approved_by is not null and new.approved_by is distinct from me then
    raise exception using errcode = '42501', message = 'approved_by must be the approver';
  end if;
  return new;
end
$$;

create function private.plan_actions_rules() returns trigger
language plpgsql set search_path = ''
as $$
declare
  changed text[];
  allowed text[] := '{}';
begin
  if tg_op = 'INSERT' then
    if private.plan_teacher(new.plan_id) is distinct from new.teacher_id then
      raise exception using errcode = '23514', message = 'the action belongs to another teacher''s plan',
        constraint = 'plan_actions_plan_teacher';
    end if;
    -- A mentor adds an action as planned; its progress (status, evidence, reflection, completion)
    -- is the teacher's to report.
    if private.is_api_request() and new.teacher_id is distinct from private.my_profile_id()
       and (new.status <> 'planned' or new.evidence <> '[]'::jsonb or new.reflection <> '' or new.completed_at is not null) then
      raise exception using errcode = '42501', message = 'a mentor adds an action as planned; its progress is the teacher''s';
    end if;
    return new;
  end if;
  if not private.is_api_request() then
    return new;
  end if;
  changed := private.changed_columns(to_jsonb(old), to_jsonb(new));
  if old.teacher_id = private.my_profile_id() then
    allowed := array(select c from unnest(private.columns_of('plan_actions')) c where c not in ('teacher_id', 'plan_id'));
  elsif private.is_active_mentor_of(old.teacher_id) then
    allowed := array['deficit_id'];
  end if;
  perform private.require_only(changed, allowed, 'this user');
  return new;
end
$$;

create function private.teacher_owned_rules() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if not private.is_api_request() then
    return new;
  end if;
  perform private.require_only(private.changed_columns(to_jsonb(old), to_jsonb(new)),
    array(select c from unnest(private.columns_of(tg_table_name)) c where c <> 'teacher_id'), 'nobody');
  return new;
end
$$;

create function private.mentoring_pairs_rules() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if not private.is_api_request() then
    return new;
  end if;
  perform private.require_only(private.changed_columns(to_jsonb(old), to_jsonb(new)),
    array(select c from unnest(private.columns_of('mentoring_pairs')) c where c not in ('school_id', 'mentor_id', 'mentee_id')),
    'nobody');
  return new;
end
$$;

create function private.mentoring_sessions_rules() returns trigger
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
    -- Only the mentee acknowledges a meeting.
    if new.acknowledged_at is not null then
      raise exception using errcode = '42501', message = 'the mentor may not set acknowledged_at';
    end if;
    return new;
  end if;
  changed := private.changed_columns(to_jsonb(old), to_jsonb(new));
  if old.mentor_id = me then
    allowed := array['date', 'format', 'topic', 'notes', 'duration_minutes', 'next_steps', 'deleted_at'];
  elsif old.mentee_id = me then
    allowed := array['acknowledged_at'];
  end if;
  perform private.require_only(changed, allowed, case when old.mentor_id = me then 'the mentor' else 'the mentee' end);
  return new;
end
$$;

create function private.observations_rules() returns trigger
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
    -- The observed teacher's answer (acknowledged_at, reflection) is theirs alone.
    if new.acknowledged_at is not null or new.reflection <> '' then
      raise exception using errcode = '42501', message = 'the observer may not set acknowledged_at or reflection';
    end if;
    return new;
  end if;
  changed := private.changed_columns(to_jsonb(old), to_jsonb(new));
  if old.observer_id = me then
    allowed := array(select c from unnest(private.columns_of('observations')) c
                     where c not in ('observer_id', 'teacher_id', 'acknowledged_at', 'reflection'));
  elsif old.teacher_id = me then
    allowed := array['acknowledged_at', 'reflection'];
  end if;
  perform private.require_only(changed, allowed, case when old.observer_id = me then 'the observer' else 'the observed teacher' end);
  return new;
end
$$;

create function private.comments_rules() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if not private.is_api_request() then
    return new;
  end if;
  -- Insert-only: the author may only tombstone it.
  perform private.require_only(private.changed_columns(to_jsonb(old), to_jsonb(new)), array['deleted_at'], 'the author');
  return new;
end
$$;

-- Writable columns of a synced table: everything but the meta columns the server keeps.
create function private.columns_of(table_name text) returns text[]
language sql stable set search_path = ''
as $$
  select coalesce(array_agg(a.attname::text order by a.attnum), '{}')
  from pg_catalog.pg_attribute a
  where a.attrelid = pg_catalog.to_regclass('public.' || pg_catalog.quote_ident(table_name))
    and a.attnum > 0 and not a.attisdropped
    and a.attname not in ('id', 'version', 'updated_at', 'updated_by', 'sync_txid')
$$;

create trigger b_rules before insert or update on public.profiles for each row execute function private.profiles_rules();
create trigger b_rules before update on public.memberships for each row execute function private.memberships_rules();
create trigger b_rules before insert or update on public.assessments for each row execute function private.assessments_rules();
create trigger b_rules before update on public.deficits for each row execute function private.deficits_rules();
create trigger b_rules before insert or update on public.development_plans for each row execute function private.development_plans_rules();
create trigger b_rules before insert or update on public.plan_actions for each row execute function private.plan_actions_rules();
create trigger b_rules before update on public.activities for each row execute function private.teacher_owned_rules();
create trigger b_rules before update on public.mentoring_pairs for each row execute function private.mentoring_pairs_rules();
create trigger b_rules before insert or update on public.mentoring_sessions for each row execute function private.mentoring_sessions_rules();
create trigger b_rules before insert or update on public.observations for each row execute function private.observations_rules();
create trigger b_rules before update on public.comments for each row execute function private.comments_rules();

-- ——— Policies ——————————————————————————————————————————————————————————————————————

alter table public.organizations enable row level security;
alter table public.memberships enable row level security;
alter table public.profiles enable row level security;
alter table public.frameworks enable row level security;
alter table public.assessments enable row level security;
alter table public.deficits enable row level security;
alter table public.development_plans enable row level security;
alter table public.plan_actions enable row level security;
alter table public.activities enable row level security;
alter table public.mentoring_pairs enable row level security;
alter table public.mentoring_sessions enable row level security;
alter table public.observations enable row level security;
alter table public.comments enable row level security;
alter table public.sync_clients enable row level security;
alter table public.sync_ledger enable row level security;
alter table public.sync_conflicts enable row level security;

-- Organisations and frameworks: reference data every signed-in person reads; the admin writes.
create policy organizations_select on public.organizations for select to authenticated using (true);
create policy organizations_insert on public.organizations for insert to authenticated with check ((select private.is_admin()));
create policy organizations_update on public.organizations for update to authenticated
  using ((select private.is_admin())) with check ((select private.is_admin()));

create policy frameworks_select on public.frameworks for select to authenticated using (true);
create policy frameworks_insert on public.frameworks for insert to authenticated with check ((select private.is_admin()));
create policy frameworks_update on public.frameworks for update to authenticated
  using ((select private.is_admin())) with check ((select private.is_admin()));

-- Profiles: own, mentoring partners (any status), own school's teachers for its methodist, all for
-- the admin. Colleagues and municipal methodists do not read teacher profiles.
create policy profiles_select on public.profiles for select to authenticated using (
  id = (select private.my_profile_id())
  or private.shares_pair_with(id)
  or private.is_school_methodist_of_school(school_id)
  or (select private.is_admin())
);
create policy profiles_insert on public.profiles for insert to authenticated with check (
  private.is_school_methodist_of_school(school_id) or (select private.is_admin())
);
create policy profiles_update on public.profiles for update to authenticated
  using (id = (select private.my_profile_id()) or private.is_school_methodist_of_school(school_id) or (select private.is_admin()))
  with check (id = (select private.my_profile_id()) or private.is_school_methodist_of_school(school_id) or (select private.is_admin()));

-- Memberships: own; the school methodist manages teachers and mentors of the school.
create policy memberships_select on public.memberships for select to authenticated using (
  profile_id = (select private.my_profile_id())
  or private.is_school_methodist_of_school(organization_id)
  or (select private.is_admin())
);
-- A methodist grants only teacher and mentor, and only to a person of the school.
create policy memberships_insert on public.memberships for insert to authenticated with check (
  (private.is_school_methodist_of_school(organization_id) and role in ('teacher', 'mentor')
    and private.is_live_profile_of_school(profile_id, organization_id))
  or (select private.is_admin())
);
create policy memberships_update on public.memberships for update to authenticated
  using ((private.is_school_methodist_of_school(organization_id) and role in ('teacher', 'mentor')) or (select private.is_admin()))
  with check ((private.is_school_methodist_of_school(organization_id) and role in ('teacher', 'mentor')) or (select private.is_admin()));

-- Teacher-owned tables: read by the teacher, the active mentor, the school methodist.
create policy assessments_select on public.assessments for select to authenticated using (private.can_read_teacher(teacher_id));
create policy assessments_insert on public.assessments for insert to authenticated with check (
  teacher_id = (select private.my_profile_id())
  or (kind = 'expert' and assessor_id = (select private.my_profile_id()) and private.is_school_methodist_of(teacher_id))
);
create policy assessments_update on public.assessments for update to authenticated
  using (teacher_id = (select private.my_profile_id())
    or (kind = 'expert' and assessor_id = (select private.my_profile_id()) and private.is_school_methodist_of(teacher_id)))
  with check (teacher_id = (select private.my_profile_id())
    or (kind = 'expert' and assessor_id = (select private.my_profile_id()) and private.is_school_methodist_of(teacher_id)));

create policy deficits_select on public.deficits for select to authenticated using (private.can_read_teacher(teacher_id));
create policy deficits_insert on public.deficits for insert to authenticated with check (private.can_read_teacher(teacher_id));
create policy deficits_update on public.deficits for update to authenticated
  using (private.can_read_teacher(teacher_id)) with check (private.can_read_teacher(teacher_id));

create policy development_plans_select on public.development_plans for select to authenticated using (private.can_read_teacher(teacher_id));
create policy development_plans_insert on public.development_plans for insert to authenticated with check (
  teacher_id = (select private.my_profile_id()) or private.is_active_mentor_of(teacher_id)
);
create policy development_plans_update on public.development_plans for update to authenticated
  using (private.can_read_teacher(teacher_id)) with check (private.can_read_teacher(teacher_id));

create policy plan_actions_select on public.plan_actions for select to authenticated using (private.can_read_teacher(teacher_id));
create policy plan_actions_insert on public.plan_actions for insert to authenticated with check (
  teacher_id = (select private.my_profile_id()) or private.is_active_mentor_of(teacher_id)
);
create policy plan_actions_update on public.plan_actions for update to authenticated
  using (teacher_id = (select private.my_profile_id()) or private.is_active_mentor_of(teacher_id))
  with check (teacher_id = (select private.my_profile_id()) or private.is_active_mentor_of(teacher_id));

create policy activities_select on public.activities for select to authenticated using (private.can_read_teacher(teacher_id));
create policy activities_insert on public.activities for insert to authenticated with check (teacher_id = (select private.my_profile_id()));
create policy activities_update on public.activities for update to authenticated
  using (teacher_id = (select private.my_profile_id())) with check (teacher_id = (select private.my_profile_id()));

-- Mentoring pairs: the two people and the school methodist read; the methodist and admin write.
create policy mentoring_pairs_select on public.mentoring_pairs for select to authenticated using (
  mentor_id = (select private.my_profile_id())
  or mentee_id = (select private.my_profile_id())
  or private.is_school_methodist_of_school(school_id)
  or (select private.is_admin())
);
-- A methodist pairs people of their own school only: an active pair opens the mentee's rows to
-- the mentor, so both must be live profiles of the pair's school. A pair whose people have since
-- left the school may still be ended (never made active again).
create policy mentoring_pairs_insert on public.mentoring_pairs for insert to authenticated with check (
  (private.is_school_methodist_of_school(school_id)
    and private.is_live_profile_of_school(mentor_id, school_id) and private.is_live_profile_of_school(mentee_id, school_id))
  or (select private.is_admin())
);
create policy mentoring_pairs_update on public.mentoring_pairs for update to authenticated
  using (private.is_school_methodist_of_school(school_id) or (select private.is_admin()))
  with check (
    (private.is_school_methodist_of_school(school_id)
      and ((private.is_live_profile_of_school(mentor_id, school_id) and private.is_live_profile_of_school(mentee_id, school_id))
        or status <> 'active' or deleted_at is not null))
    or (select private.is_admin())
  );

-- Sessions: written by the mentor of an active pair; the mentee only acknowledges.
create policy mentoring_sessions_select on public.mentoring_sessions for select to authenticated using (
  mentor_id = (select private.my_profile_id())
  or mentee_id = (select private.my_profile_id())
  or private.is_school_methodist_of(mentee_id)
);
create policy mentoring_sessions_insert on public.mentoring_sessions for insert to authenticated with check (
  mentor_id = (select private.my_profile_id()) and private.is_my_active_pair(pair_id, mentee_id)
);
create policy mentoring_sessions_update on public.mentoring_sessions for update to authenticated
  using ((mentor_id = (select private.my_profile_id()) and private.is_my_active_pair(pair_id, mentee_id))
    or mentee_id = (select private.my_profile_id()))
  with check ((mentor_id = (select private.my_profile_id()) and private.is_my_active_pair(pair_id, mentee_id))
    or mentee_id = (select private.my_profile_id()));

-- Observations: the observer, the observed teacher, the active mentor and the school methodist.
create policy observations_select on public.observations for select to authenticated using (
  observer_id = (select private.my_profile_id())
  or private.can_read_teacher(teacher_id)
);
create policy observations_insert on public.observations for insert to authenticated with check (
  observer_id = (select private.my_profile_id())
  and (private.is_active_mentor_of(teacher_id) or private.is_school_methodist_of(teacher_id) or private.is_same_school_peer(teacher_id))
);
create policy observations_update on public.observations for update to authenticated
  using (observer_id = (select private.my_profile_id()) or teacher_id = (select private.my_profile_id()))
  with check (observer_id = (select private.my_profile_id()) or teacher_id = (select private.my_profile_id()));

-- Comments: insert-only by the author on a record the author can read.
create policy comments_select on public.comments for select to authenticated using (
  author_id = (select private.my_profile_id()) or private.can_read_target(target_table, target_id)
);
create policy comments_insert on public.comments for insert to authenticated with check (
  author_id = (select private.my_profile_id()) and private.can_read_target(target_table, target_id)
);
create policy comments_update on public.comments for update to authenticated
  using (author_id = (select private.my_profile_id())) with check (author_id = (select private.my_profile_id()));

-- Sync bookkeeping: own rows only; a conflict is readable by both parties while they can read its row.
create policy sync_clients_select on public.sync_clients for select to authenticated using (user_id = (select auth.uid()));
create policy sync_clients_insert on public.sync_clients for insert to authenticated with check (user_id = (select auth.uid()));
create policy sync_clients_update on public.sync_clients for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));

create policy sync_ledger_select on public.sync_ledger for select to authenticated using (user_id = (select auth.uid()));
-- Only into one's own client: a ledger row under someone else's client id would pre-empt their seq.
create policy sync_ledger_insert on public.sync_ledger for insert to authenticated with check (
  user_id = (select auth.uid())
  and exists (select 1 from public.sync_clients c where c.client_id = sync_ledger.client_id and c.user_id = (select auth.uid()))
);

-- A party reads a conflict only while they can still read its row: a mentor whose pair ended no
-- longer sees what was overwritten in the former mentee's records.
create policy sync_conflicts_select on public.sync_conflicts for select to authenticated using (
  (user_id = (select auth.uid())
    or profile_id = (select private.my_profile_id())
    or overwritten_by = (select private.my_profile_id()))
  and private.can_read_synced_row(table_name, row_id)
);
-- No insert policy: conflicts are recorded by sync_push (private.record_conflicts), never by hand,
-- so nobody can plant a "conflict" in another person's list.

-- ——— Privileges ————————————————————————————————————————————————————————————————————
-- Supabase grants everything in public to anon and authenticated; narrow it. anon gets nothing.

revoke all on all tables in schema public from anon;
revoke all on all tables in schema public from authenticated;
grant select, insert, update on
  public.organizations, public.memberships, public.profiles, public.frameworks, public.assessments, public.deficits,
  public.development_plans, public.plan_actions, public.activities, public.mentoring_pairs, public.mentoring_sessions,
  public.observations, public.comments, public.sync_clients
  to authenticated;
grant select, insert on public.sync_ledger to authenticated;
grant select on public.sync_conflicts to authenticated;

grant usage on schema private to authenticated, service_role;
revoke all on all functions in schema private from public, anon;
grant execute on all functions in schema private to authenticated, service_role;
