-- A person's rights over her data (152-ФЗ, issue 17 item 6): «Мои данные на сервере».
-- docs/privacy.md says what an export holds and exactly what an erasure deletes and keeps.
--
-- - public.my_data_export(): every row the server holds that names the caller (any uuid column
--   holding her profile or auth user id), table by table, and the paths of her files in the
--   bucket 'evidence'. Only ever the caller's own: the function takes no argument.
-- - public.erasure_requests: a person asks for her data to be deleted (and may withdraw while it
--   waits); an administrator reads every request and carries it out with
--   public.carry_out_erasure(request_id), which re-keys what the reports need to a new anonymous
--   profile of the same school, deletes or blanks everything else, deletes her profile and her
--   sign-in account, and writes an audit entry ('erase') that names only the anonymous profile.
-- - public.erasure_request_list() and public.erasure_files(request_id) for the admin's screen.
--
-- As every RPC: the API's function is security invoker and calls the private one, which is
-- security definer (tests/db/migrations.db.ts).

-- ——— Requests —————————————————————————————————————————————————————————————————————————————————————

create table public.erasure_requests (
  id uuid primary key default gen_random_uuid(),
  profile_id uuid not null references public.profiles (id),
  requested_at timestamptz not null default now(),
  status text not null default 'requested',
  carried_out_at timestamptz,
  carried_out_by uuid references public.profiles (id),
  note text not null default '',
  constraint erasure_requests_status_option check (status in ('requested', 'done', 'withdrawn')),
  constraint erasure_requests_done check ((status = 'done') = (carried_out_at is not null)),
  constraint erasure_requests_note_length check (char_length(note) <= 2000)
);
comment on table public.erasure_requests is
  'A person''s request that her data be deleted (152-ФЗ); carried out by an administrator (carry_out_erasure).';
create index erasure_requests_profile_id_idx on public.erasure_requests (profile_id);

alter table public.erasure_requests enable row level security;
revoke all on public.erasure_requests from public, anon, authenticated, service_role;
grant select on public.erasure_requests to authenticated;
grant insert (id, profile_id, note) on public.erasure_requests to authenticated;
grant update (status) on public.erasure_requests to authenticated;

create policy erasure_requests_select on public.erasure_requests for select to authenticated
  using (profile_id = private.my_profile_id() or private.is_admin());
-- Only for herself, and only a new request (status and carried_out_* keep their defaults: the
-- columns are not granted).
create policy erasure_requests_insert on public.erasure_requests for insert to authenticated
  with check (profile_id = private.my_profile_id() and status = 'requested');
-- Withdraw: her own waiting request becomes 'withdrawn'; nothing else is an update anyone makes
-- straight (carrying out is the RPC's).
create policy erasure_requests_withdraw on public.erasure_requests for update to authenticated
  using (profile_id = private.my_profile_id() and status = 'requested')
  with check (profile_id = private.my_profile_id() and status = 'withdrawn');

-- The audit log learns one more action: an erasure carried out (profile_id: the anonymous profile).
alter table public.audit_log drop constraint audit_log_action_option;
alter table public.audit_log add constraint audit_log_action_option
  check (action in ('grant', 'change', 'end', 'invite', 'withdraw', 'move', 'erase'));

-- ——— Helpers ——————————————————————————————————————————————————————————————————————————————————————

-- Object paths of the person's files: the bucket's paths begin with the teacher's profile id
-- (docs/files.md). Guarded: without the Storage schema there are none.
create function private.evidence_paths(p_profile uuid) returns text[]
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_paths text[];
begin
  if pg_catalog.to_regclass('storage.objects') is null then
    return '{}';
  end if;
  execute $q$select coalesce(array_agg(o.name order by o.name), '{}') from storage.objects o
             where o.bucket_id = 'evidence' and o.name like $1$q$
    into v_paths using p_profile::text || '/%';
  return v_paths;
end
$$;

-- Public tables and their uuid columns (the id too: a profile row names its person by its id).
create function private.uuid_columns() returns table (table_name text, columns text[])
language sql stable set search_path = ''
as $$
  select c.relname::text, array_agg(a.attname::text order by a.attnum)
  from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
  join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
  where c.relkind in ('r', 'p') and a.atttypid = 'uuid'::regtype and a.attname <> 'updated_by'
  group by c.relname
  order by c.relname
$$;

-- ——— Export ———————————————————————————————————————————————————————————————————————————————————————

-- Every row of every public table with a uuid column (other than updated_by, which only says who
-- last touched a row) holding the caller's profile id or auth user id: her profile, memberships,
-- assessments, deficits, plans, actions, activities, pairs and sessions on either side,
-- observations of her and by her, comments by her and on her rows, recommendations to her and by
-- her, sync conflicts and ledger entries of her account, audit entries about her or by her, her
-- erasure requests. A mentee's own answers name the mentee, not the mentor, so they are not in a
-- mentor's export. Server bookkeeping (sync_txid, access_txid) is left out.
create function private.my_data_export() returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_me uuid := private.my_profile_id();
  v_user uuid := (select auth.uid());
  v_tables jsonb := '{}'::jsonb;
  v_rows jsonb;
  r record;
begin
  if v_me is null then
    raise exception using errcode = '42501', message = 'only a signed-in person with a profile exports her data';
  end if;
  for r in select * from private.uuid_columns() loop
    execute format(
      $q$select coalesce(jsonb_agg(to_jsonb(t) - 'sync_txid' - 'access_txid' order by t.ctid), '[]'::jsonb)
         from public.%I t where %s$q$,
      r.table_name,
      (select string_agg(format('t.%I in ($1, $2)', c), ' or ') from unnest(r.columns) c))
      into v_rows using v_me, v_user;
    if jsonb_array_length(v_rows) > 0 then
      v_tables := v_tables || jsonb_build_object(r.table_name, v_rows);
    end if;
  end loop;
  return jsonb_build_object(
    'format', 1,
    'exported_at', now(),
    'profile_id', v_me,
    'tables', v_tables,
    'files', to_jsonb(private.evidence_paths(v_me)));
end
$$;

create function public.my_data_export() returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.my_data_export() $$;

-- ——— The admin's list ——————————————————————————————————————————————————————————————————————————————

create function private.erasure_request_list()
returns table (id uuid, profile_id uuid, full_name text, email text, school_name text, requested_at timestamptz,
               status text, carried_out_at timestamptz, note text, files integer)
language plpgsql stable security definer set search_path = ''
as $$
begin
  if not private.is_admin() then
    raise exception using errcode = '42501', message = 'only an administrator reads erasure requests';
  end if;
  return query
    select e.id, e.profile_id, p.full_name, p.email, o.name, e.requested_at, e.status, e.carried_out_at, e.note,
           coalesce(array_length(private.evidence_paths(e.profile_id), 1), 0)
    from public.erasure_requests e
    left join public.profiles p on p.id = e.profile_id
    left join public.organizations o on o.id = p.school_id
    order by (e.status = 'requested') desc, e.requested_at desc
    limit 500;
end
$$;

create function public.erasure_request_list()
returns table (id uuid, profile_id uuid, full_name text, email text, school_name text, requested_at timestamptz,
               status text, carried_out_at timestamptz, note text, files integer)
language sql stable security invoker set search_path = ''
as $$ select * from private.erasure_request_list() $$;

-- The files the admin's client removes through the Storage API before carrying a request out.
create function private.erasure_files(p_request uuid) returns text[]
language plpgsql stable security definer set search_path = ''
as $$
begin
  if not private.is_admin() then
    raise exception using errcode = '42501', message = 'only an administrator carries out erasure requests';
  end if;
  return private.evidence_paths((select e.profile_id from public.erasure_requests e
                                 where e.id = p_request and e.status = 'requested'));
end
$$;

create function public.erasure_files(p_request uuid) returns text[]
language sql stable security invoker set search_path = ''
as $$ select private.erasure_files(p_request) $$;

-- ——— Carrying out ——————————————————————————————————————————————————————————————————————————————————

-- Triggers left running while rows are re-keyed: the meta stamps (a new version and sync_txid, so
-- every device that holds a copy pulls the changed row) and the derived tables the reports read.
-- The column rules (nobody moves a row to another teacher, the admin included), the comment and
-- activity link checks, the membership and profile audit triggers (they would log the old id) and
-- the audit log's refusal to be changed are switched off for this one transaction only: ALTER
-- TABLE … DISABLE TRIGGER is transactional, and its lock makes every other writer of these tables
-- wait until the erasure commits, when the triggers are on again.
create function private.erasure_kept_triggers() returns text[]
language sql immutable set search_path = ''
as $$ select array['a_stamp_row', 'a_stamp_access', 'z_assessment_facts', 'c_stamp_experience_as_of'] $$;

create function private.set_erasure_triggers(p_enabled boolean) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  r record;
begin
  for r in
    select c.relname, t.tgname
    from pg_catalog.pg_trigger t
    join pg_catalog.pg_class c on c.oid = t.tgrelid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
    where not t.tgisinternal and t.tgname <> all (private.erasure_kept_triggers())
  loop
    execute format('alter table public.%I %s trigger %I', r.relname,
                   case when p_enabled then 'enable' else 'disable' end, r.tgname);
  end loop;
end
$$;

create function private.carry_out_erasure(p_request uuid) returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  v_request public.erasure_requests;
  v_person public.profiles;
  v_anon uuid := gen_random_uuid();
  v_admin uuid := private.my_profile_id();
  v_blank constant text := 'Удалено';
  v_left text[];
  v_count integer;
  v_counts jsonb := '{}'::jsonb;
  r record;
  c record;
begin
  if not private.is_admin() then
    raise exception using errcode = '42501', message = 'only an administrator carries out erasure requests';
  end if;
  select * into v_request from public.erasure_requests e where e.id = p_request for update;
  if v_request.id is null or v_request.status <> 'requested' then
    raise exception using errcode = 'P0001', message = 'no waiting erasure request with this id';
  end if;
  select * into v_person from public.profiles p where p.id = v_request.profile_id for update;
  if v_person.id = v_admin then
    raise exception using errcode = 'P0001', message = 'an administrator cannot erase herself; another administrator carries it out';
  end if;
  v_left := private.evidence_paths(v_person.id);
  if coalesce(array_length(v_left, 1), 0) > 0 then
    raise exception using errcode = 'P0001',
      message = format('%s files of the person are still in storage: remove them first', array_length(v_left, 1)),
      hint = 'erasure_files(request_id) lists them';
  end if;

  perform private.set_erasure_triggers(false);

  -- 1. The anonymous profile: the same school and the attributes the staff profile counts (birth
  --    year, стаж, category, education, subjects); no name, e-mail, birth date, position, account.
  insert into public.profiles
  select * from jsonb_populate_record(null::public.profiles,
    to_jsonb(v_person) || jsonb_build_object(
      'id', v_anon, 'full_name', 'Удалённый профиль', 'email', null, 'user_id', null, 'birth_date', null,
      'position', null, 'deleted_at', null));

  -- 2. Every uuid column of every public table that names her now names the anonymous profile
  --    (one UPDATE per table, so checks across columns — a self-assessment's assessor is its
  --    teacher — hold after it).
  for r in select * from private.uuid_columns() where table_name <> 'profiles' loop
    execute format('update public.%I t set %s where %s', r.table_name,
      (select string_agg(format('%1$I = case when %1$I = $1 then $2 else %1$I end', col), ', ') from unnest(r.columns) col),
      (select string_agg(format('t.%I = $1', col), ' or ') from unnest(r.columns) col))
      using v_person.id, v_anon;
    get diagnostics v_count = row_count;
    if v_count > 0 then
      v_counts := v_counts || jsonb_build_object(r.table_name, v_count);
    end if;
  end loop;

  -- 3. Free text about her or by her is blanked; what no report counts is tombstoned.
  -- A deficit's history keeps its statuses and instants (the indicators count opened and closed
  -- deficits from it), not who changed it or why.
  update public.deficits d set description = '', history = (
      select coalesce(jsonb_agg(jsonb_build_object('status', x.e -> 'status', 'at', x.e -> 'at') order by x.n), '[]'::jsonb)
      from jsonb_array_elements(d.history) with ordinality x (e, n))
    where d.teacher_id = v_anon;
  update public.development_plans set goals = '' where teacher_id = v_anon;
  update public.plan_actions set title = v_blank, result_form = '', reflection = '', evidence = '[]'::jsonb
    where teacher_id = v_anon;
  update public.activities set title = v_blank, provider = '', certificate = '', result = '' where teacher_id = v_anon;
  update public.mentoring_pairs set goals = '', expected_results = '', planned_meetings = '[]'::jsonb
    where v_anon in (mentor_id, mentee_id);
  update public.mentoring_sessions set topic = v_blank, notes = '', next_steps = '', planned_meeting = null
    where v_anon in (mentor_id, mentee_id);
  update public.observations set class_name = '', subject = '', topic = '', purpose = '', strengths = '', notes = '',
      reflection = '', recommendations = '[]'::jsonb
    where v_anon in (teacher_id, observer_id);
  update public.comments set body = v_blank, deleted_at = coalesce(deleted_at, now())
    where v_anon in (author_id, target_teacher_id, target_party_id);
  update public.recommendations set body = v_blank, deleted_at = coalesce(deleted_at, now()) where teacher_id = v_anon;
  -- Her roles other than teaching end (the anonymous teacher stays counted in her school).
  update public.memberships set deleted_at = now()
    where profile_id = v_anon and role not in ('teacher', 'mentor') and deleted_at is null;
  -- Columns added by later migrations that hold free text (a plan's approval comment).
  if exists (select 1 from pg_catalog.pg_attribute where attrelid = 'public.development_plans'::regclass
             and attname = 'approval_comment' and not attisdropped) then
    execute 'update public.development_plans set approval_comment = '''' where teacher_id = $1' using v_anon;
  end if;

  -- 4. Her account's sync bookkeeping and conflicts (old values of her rows) are deleted.
  delete from public.sync_conflicts where v_anon in (profile_id, overwritten_by)
    or (v_person.user_id is not null and user_id = v_person.user_id);
  if v_person.user_id is not null then
    delete from public.sync_ledger where user_id = v_person.user_id;
    delete from public.sync_clients where user_id = v_person.user_id;
    update public.audit_log set actor_user_id = null where actor_user_id = v_person.user_id;
  end if;

  -- 5. Her profile id, name or e-mail left in any text or jsonb column (someone's notes naming
  --    her, an id inside a jsonb list) is replaced, as spelled in her profile. A name shorter
  --    than 5 characters is not searched for: it would blank ordinary words.
  for c in
    select cl.relname::text as table_name, a.attname::text as column_name, a.atttypid = 'jsonb'::regtype as is_json
    from pg_catalog.pg_class cl
    join pg_catalog.pg_namespace n on n.oid = cl.relnamespace and n.nspname = 'public'
    join pg_catalog.pg_attribute a on a.attrelid = cl.oid and a.attnum > 0 and not a.attisdropped
    where cl.relkind in ('r', 'p') and a.atttypid in ('text'::regtype, 'jsonb'::regtype)
      and cl.relname <> 'profiles'
  loop
    for r in
      select x.needle, x.replacement from (values
        (v_person.id::text, v_anon::text),
        (case when char_length(v_person.full_name) >= 5 then v_person.full_name end, '[удалено]'),
        (v_person.email, '[удалено]')) x (needle, replacement)
      where x.needle is not null
    loop
      execute format(
        $q$update public.%1$I set %2$I = %3$s where strpos(%2$I::text, $1) > 0$q$,
        c.table_name, c.column_name,
        case when c.is_json then format('replace(%I::text, $1, $2)::jsonb', c.column_name)
             else format('replace(%I, $1, $2)', c.column_name) end)
        using r.needle, r.replacement;
    end loop;
  end loop;

  -- 6. Her profile and her sign-in account go.
  delete from public.profiles where id = v_person.id;
  if v_person.user_id is not null then
    delete from auth.users where id = v_person.user_id;
  end if;

  -- Every waiting request of hers is answered by this one (she may have asked twice).
  update public.erasure_requests
    set status = 'done', carried_out_at = now(), carried_out_by = v_admin
    where id = p_request or (profile_id = v_anon and status = 'requested');

  perform private.set_erasure_triggers(true);

  perform private.audit('erase', v_anon, v_person.school_id, null, null, null,
    jsonb_build_object('request_id', p_request, 'rows', v_counts));
  return v_anon;
end
$$;

create function public.carry_out_erasure(p_request uuid) returns uuid
language sql volatile security invoker set search_path = ''
as $$ select private.carry_out_erasure(p_request) $$;

-- ——— Privileges ——————————————————————————————————————————————————————————————————————————————————

revoke all on function private.evidence_paths(uuid), private.uuid_columns(),
  private.my_data_export(), private.erasure_request_list(), private.erasure_files(uuid),
  private.erasure_kept_triggers(), private.set_erasure_triggers(boolean), private.carry_out_erasure(uuid),
  public.my_data_export(), public.erasure_request_list(), public.erasure_files(uuid), public.carry_out_erasure(uuid)
  from public, anon;
grant execute on function private.my_data_export(), private.erasure_request_list(), private.erasure_files(uuid),
  private.carry_out_erasure(uuid),
  public.my_data_export(), public.erasure_request_list(), public.erasure_files(uuid), public.carry_out_erasure(uuid)
  to authenticated;
-- Only the security definer functions above call these (as their owner).
revoke all on function private.evidence_paths(uuid), private.uuid_columns(),
  private.erasure_kept_triggers(), private.set_erasure_triggers(boolean)
  from authenticated, service_role;
