-- The sync API: sync_push (exactly-once, per-field conflicts) and sync_pull (gap-free cursor).
-- Both are SECURITY INVOKER: every read and write goes through the caller's row-level security.
-- The JSON contract is documented in docs/sync-protocol.md.

create function private.synced_table_names() returns text[]
language sql immutable set search_path = ''
as $$
  select array['organizations', 'memberships', 'profiles', 'frameworks', 'assessments', 'deficits', 'development_plans',
               'plan_actions', 'activities', 'mentoring_pairs', 'mentoring_sessions', 'observations', 'comments']
$$;

create function private.try_uuid(value text) returns uuid
language plpgsql immutable set search_path = ''
as $$
begin
  if value ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    return value::uuid;
  end if;
  return null;
end
$$;

-- The seq of a mutation: a whole JSON number ≥ 1, else null (the mutation is malformed).
create function private.mutation_seq(m jsonb) returns bigint
language plpgsql immutable set search_path = ''
as $$
declare
  n numeric;
begin
  if jsonb_typeof(m) is distinct from 'object' or jsonb_typeof(m -> 'seq') is distinct from 'number' then
    return null;
  end if;
  n := (m ->> 'seq')::numeric;
  if n < 1 or n <> trunc(n) or n > 9007199254740991 then
    return null;
  end if;
  return n::bigint;
end
$$;

-- A refusal with one of the protocol's codes (docs/sync-protocol.md, "Error codes").
create function private.reject(code text, message text) returns void
language plpgsql immutable set search_path = ''
as $$
begin
  raise exception using errcode = 'P0001', message = message, detail = code, hint = 'sync_push';
end
$$;

-- Turns an error raised while applying a mutation into the code the client shows.
create function private.error_code(state text, detail text, hint text, constraint_name text) returns text
language sql immutable set search_path = ''
as $$
  select case
    when state = 'P0001' and hint = 'sync_push' then detail
    when state = '42501' then 'forbidden'
    -- The row exists but the caller cannot see it: someone else's row.
    when state = '23505' and constraint_name like '%\_pkey' then 'forbidden'
    when state = '23503' then 'not_found'
    when state = '23514' and constraint_name like '%\_length' then 'too_long'
    when state in ('23502', '23505', '23514', '22003', '22023') then 'invalid_value'
    when state in ('22P02', '22007', '22008', '42804', '22P05') then 'invalid_type'
    when state like '22%' then 'invalid_value'
    else 'error'
  end
$$;

-- Keeps overwritten values. Security definer because nobody may insert conflicts directly; the
-- pusher is always the caller and the other party the row's previous writer.
create function private.record_conflicts(p_table text, p_row uuid, p_conflicts jsonb, p_overwritten_by uuid) returns void
language sql security definer set search_path = ''
as $$
  insert into public.sync_conflicts (table_name, row_id, field, base, overwritten, value, overwritten_by, profile_id, user_id)
  select p_table, p_row, c ->> 'field', c -> 'base', c -> 'overwritten', c -> 'value', p_overwritten_by,
         private.my_profile_id(), auth.uid()
  from jsonb_array_elements(p_conflicts) c
$$;

-- Applies one mutation under the caller's RLS. Returns the per-field conflicts (a JSON array).
-- Raises on any refusal; sync_push runs it in a sub-transaction, so a refusal writes nothing.
create function private.apply_mutation(m jsonb) returns jsonb
language plpgsql set search_path = '' set timezone = 'UTC'
as $$
declare
  v_table text;
  v_row uuid;
  v_op text;
  v_fields jsonb;
  v_base jsonb;
  v_types jsonb;
  v_key text;
  v_value jsonb;
  v_type text;
  v_expected text;
  v_current jsonb;
  v_norm_base jsonb;
  v_norm_new jsonb;
  v_conflicts jsonb := '[]'::jsonb;
  v_count integer;
  v_deleted_at timestamptz;
  v_cols text[];
begin
  if jsonb_typeof(m -> 'mutation_id') is distinct from 'string' or private.try_uuid(m ->> 'mutation_id') is null then
    perform private.reject('malformed', 'mutation_id must be a uuid');
  end if;
  if jsonb_typeof(m -> 'table') is distinct from 'string' then
    perform private.reject('malformed', 'table must be a string');
  end if;
  v_table := m ->> 'table';
  if not v_table = any (private.synced_table_names()) then
    perform private.reject('unknown_table', format('unknown table %s', left(v_table, 100)));
  end if;
  if jsonb_typeof(m -> 'row_id') is distinct from 'string' or private.try_uuid(m ->> 'row_id') is null then
    perform private.reject('malformed', 'row_id must be a uuid');
  end if;
  v_row := (m ->> 'row_id')::uuid;
  v_op := m ->> 'op';
  if jsonb_typeof(m -> 'op') is distinct from 'string' or v_op not in ('upsert', 'delete') then
    perform private.reject('malformed', 'op must be "upsert" or "delete"');
  end if;
  v_fields := coalesce(nullif(m -> 'fields', 'null'::jsonb), '{}'::jsonb);
  v_base := coalesce(nullif(m -> 'base', 'null'::jsonb), '{}'::jsonb);
  if jsonb_typeof(v_fields) <> 'object' or jsonb_typeof(v_base) <> 'object' then
    perform private.reject('malformed', 'fields and base must be objects');
  end if;
  if octet_length(v_fields::text) > 262144 or octet_length(v_base::text) > 262144 then
    perform private.reject('too_long', 'a mutation may carry at most 256 KiB');
  end if;

  -- The whitelist: the table's own columns; the meta columns are the server's.
  select jsonb_object_agg(a.attname, t.typname) into v_types
  from pg_catalog.pg_attribute a join pg_catalog.pg_type t on t.oid = a.atttypid
  where a.attrelid = pg_catalog.to_regclass('public.' || pg_catalog.quote_ident(v_table)) and a.attnum > 0 and not a.attisdropped;

  for v_key, v_value in select e.key, e.value from jsonb_each(v_fields) e loop
    if v_key = 'id' then
      if v_value is distinct from to_jsonb(v_row::text) then
        perform private.reject('invalid_value', 'id differs from row_id');
      end if;
      continue;
    end if;
    if v_key in ('version', 'updated_at', 'updated_by', 'sync_txid') then
      perform private.reject('forbidden', format('%s is set by the server', v_key));
    end if;
    if not v_types ? v_key then
      perform private.reject('unknown_column', format('unknown column %s.%s', v_table, left(v_key, 100)));
    end if;
    v_type := v_types ->> v_key;
    v_expected := case
      when v_type in ('text', 'uuid', 'date', 'timestamptz') then 'string'
      when v_type in ('int4', 'int8', 'numeric') then 'number'
      when v_type = 'bool' then 'boolean'
    end;
    if v_expected is not null and jsonb_typeof(v_value) not in (v_expected, 'null') then
      perform private.reject('invalid_type', format('%s must be a %s', v_key, v_expected));
    end if;
  end loop;
  for v_key in select jsonb_object_keys(v_base) loop
    if not v_types ? v_key then
      perform private.reject('unknown_column', format('unknown column %s.%s in base', v_table, left(v_key, 100)));
    end if;
  end loop;
  v_fields := v_fields - 'id';
  v_base := v_base - array['id', 'version', 'updated_at', 'updated_by', 'sync_txid'];

  execute format('select to_jsonb(x) from public.%I x where x.id = $1', v_table) into v_current using v_row;

  if v_op = 'delete' then
    if v_current is null then
      perform private.reject('not_found', 'no such row, or not visible to you');
    end if;
    if v_current -> 'deleted_at' <> 'null'::jsonb then
      return v_conflicts; -- already a tombstone: deleting again changes nothing
    end if;
    v_deleted_at := case when jsonb_typeof(v_fields -> 'deleted_at') = 'string' then (v_fields ->> 'deleted_at')::timestamptz
      -- Milliseconds, as a device writes instants: the tombstone compares equal on both sides.
      else date_trunc('milliseconds', now()) end;
    execute format('update public.%I x set deleted_at = $2 where x.id = $1', v_table) using v_row, v_deleted_at;
    get diagnostics v_count = row_count;
    if v_count = 0 then
      perform private.reject('forbidden', 'you may not delete this row');
    end if;
    return v_conflicts;
  end if;

  v_cols := array(select jsonb_object_keys(v_fields));

  if v_current is null then
    -- New on the server (base {} is the usual case). If the id exists but is invisible, the
    -- primary key says so and the refusal is "forbidden".
    execute format('insert into public.%I (id%s) select $1%s from jsonb_populate_record(null::public.%I, $2) r',
      v_table,
      (select coalesce(string_agg(', ' || quote_ident(c), ''), '') from unnest(v_cols) c),
      (select coalesce(string_agg(', r.' || quote_ident(c), ''), '') from unnest(v_cols) c),
      v_table) using v_row, v_fields;
    return v_conflicts;
  end if;

  if cardinality(v_cols) = 0 then
    return v_conflicts;
  end if;

  -- Per-field conflicts: the server's value is not what the device started from. Both sides are
  -- compared after a round trip through the column types ('2026-09-01T10:00:00Z' equals
  -- '2026-09-01T13:00:00+03:00'). The later arrival still wins; the loser is kept.
  if v_base <> '{}'::jsonb then
    execute format('select to_jsonb(jsonb_populate_record(null::public.%I, $1)), to_jsonb(jsonb_populate_record(null::public.%I, $2))',
      v_table, v_table) into v_norm_base, v_norm_new using v_base, v_fields;
    for v_key in select c from unnest(v_cols) c where v_base ? c order by c loop
      if (v_current -> v_key) is distinct from (v_norm_base -> v_key)
         and (v_current -> v_key) is distinct from (v_norm_new -> v_key) then
        v_conflicts := v_conflicts || jsonb_build_array(jsonb_build_object(
          'field', v_key, 'base', v_norm_base -> v_key, 'overwritten', v_current -> v_key, 'value', v_norm_new -> v_key));
      end if;
    end loop;
  end if;

  execute format('update public.%I x set %s from jsonb_populate_record(null::public.%I, $2) r where x.id = $1',
    v_table,
    (select string_agg(format('%I = r.%I', c, c), ', ') from unnest(v_cols) c),
    v_table) using v_row, v_fields;
  get diagnostics v_count = row_count;
  if v_count = 0 then
    perform private.reject('forbidden', 'you may not change this row');
  end if;

  perform private.record_conflicts(v_table, v_row, v_conflicts, private.try_uuid(v_current ->> 'updated_by'));

  return v_conflicts;
end
$$;

create function public.sync_push(p_client_id uuid, p_mutations jsonb) returns jsonb
language plpgsql security invoker set search_path = '' set timezone = 'UTC'
as $$
declare
  v_uid uuid := auth.uid();
  v_last bigint;
  v_next bigint;
  v_m jsonb;
  v_seq bigint;
  v_results jsonb := '[]'::jsonb;
  v_ledger public.sync_ledger;
  v_conflicts jsonb;
  v_code text;
  v_message text;
  v_state text;
  v_detail text;
  v_hint text;
  v_constraint text;
  v_result jsonb;
begin
  if v_uid is null then
    raise exception using errcode = '42501', message = 'sync_push needs a signed-in user';
  end if;
  if p_client_id is null then
    return jsonb_build_object('error', 'malformed', 'message', 'client id is required');
  end if;
  if p_mutations is null or jsonb_typeof(p_mutations) <> 'array' then
    return jsonb_build_object('error', 'malformed', 'message', 'mutations must be a JSON array');
  end if;
  if jsonb_array_length(p_mutations) > 1000 then
    return jsonb_build_object('error', 'malformed', 'message', 'at most 1000 mutations per call');
  end if;

  -- One device pushes at a time: the row lock serialises concurrent pushes of the same client.
  insert into public.sync_clients (client_id, user_id) values (p_client_id, v_uid) on conflict (client_id) do nothing;
  select c.last_seq into v_last from public.sync_clients c where c.client_id = p_client_id for update;
  if not found then
    -- The row exists (the insert did nothing) but RLS hides it: another user's device.
    return jsonb_build_object('error', 'client_owned_by_other_user');
  end if;

  -- Gap check before anything is applied: new seqs continue last_seq without a hole.
  v_next := v_last + 1;
  for v_m in select e.value from jsonb_array_elements(p_mutations) e loop
    v_seq := private.mutation_seq(v_m);
    if v_seq is not null and v_seq > v_last then
      if v_seq <> v_next then
        return jsonb_build_object('error', 'seq_gap', 'expected', v_last + 1, 'last_seq', v_last);
      end if;
      v_next := v_next + 1;
    end if;
  end loop;

  for v_m in select e.value from jsonb_array_elements(p_mutations) with ordinality e (value, ordinality) order by e.ordinality loop
    v_seq := private.mutation_seq(v_m);
    if v_seq is null then
      -- Without a seq there is nothing to record it under; it is answered, never applied.
      v_results := v_results || jsonb_build_array(jsonb_build_object(
        'seq', case when jsonb_typeof(v_m) = 'object' then v_m -> 'seq' end,
        'status', 'rejected', 'code', 'malformed', 'message', 'a mutation is an object with an integer seq >= 1'));
      continue;
    end if;

    if v_seq <= v_last then
      select * into v_ledger from public.sync_ledger l where l.client_id = p_client_id and l.seq = v_seq;
      v_results := v_results || jsonb_build_array(jsonb_strip_nulls(jsonb_build_object(
        'seq', v_seq, 'status', 'duplicate', 'outcome', v_ledger.status, 'code', v_ledger.code,
        'message', v_ledger.message, 'conflicts', nullif(v_ledger.conflicts, '[]'::jsonb))));
      continue;
    end if;

    v_code := null;
    v_message := null;
    v_conflicts := '[]'::jsonb;
    begin
      v_conflicts := private.apply_mutation(v_m);
    exception when others then
      get stacked diagnostics v_state = returned_sqlstate, v_message = message_text, v_detail = pg_exception_detail,
        v_hint = pg_exception_hint, v_constraint = constraint_name;
      v_code := private.error_code(v_state, v_detail, v_hint, v_constraint);
      v_message := left(v_message, 500);
      v_conflicts := '[]'::jsonb;
    end;

    insert into public.sync_ledger (client_id, seq, user_id, mutation_id, table_name, row_id, status, code, message, conflicts)
    values (p_client_id, v_seq, v_uid, private.try_uuid(v_m ->> 'mutation_id'), left(v_m ->> 'table', 100),
            private.try_uuid(v_m ->> 'row_id'), case when v_code is null then 'applied' else 'rejected' end,
            v_code, v_message, v_conflicts);
    v_last := v_seq;

    v_result := jsonb_build_object('seq', v_seq, 'status', case when v_code is null then 'applied' else 'rejected' end);
    if v_code is not null then
      v_result := v_result || jsonb_build_object('code', v_code, 'message', v_message);
    elsif jsonb_array_length(v_conflicts) > 0 then
      v_result := v_result || jsonb_build_object('conflicts', v_conflicts);
    end if;
    v_results := v_results || jsonb_build_array(v_result);
  end loop;

  update public.sync_clients set last_seq = v_last, updated_at = now() where client_id = p_client_id;
  return jsonb_build_object('last_seq', v_last, 'results', v_results);
end
$$;

-- Changes after the cursor, oldest transaction first. Only rows written by transactions older
-- than every transaction still running (the xid8 horizon) are returned, so a transaction that
-- commits late can never fall behind a cursor that has already moved past it.
create function public.sync_pull(p_cursor text default null, p_limit integer default 500) returns jsonb
language plpgsql security invoker set search_path = '' set timezone = 'UTC'
as $$
declare
  v_horizon xid8 := pg_snapshot_xmin(pg_current_snapshot());
  v_limit integer := least(greatest(coalesce(p_limit, 500), 1), 5000);
  v_txid xid8 := '0'::xid8;
  v_table text := '';
  v_id uuid := '00000000-0000-0000-0000-000000000000';
  v_match text[];
  v_parts text[] := '{}';
  v_t text;
  v_rows jsonb;
  v_count integer;
  v_last jsonb;
  v_cursor text := nullif(p_cursor, '');
begin
  if auth.uid() is null then
    raise exception using errcode = '42501', message = 'sync_pull needs a signed-in user';
  end if;
  if v_cursor is not null then
    v_match := regexp_match(v_cursor, '^v1:([0-9]{1,20}):([a-z_]{1,63}):([0-9a-f-]{36})$');
    if v_match is null then
      raise exception using errcode = '22023', message = 'invalid cursor';
    end if;
    v_txid := v_match[1]::xid8;
    v_table := v_match[2];
    v_id := v_match[3]::uuid;
  end if;

  -- Order: (sync_txid, table name in C collation, id). Each table contributes its first rows
  -- after the cursor; the merge keeps the first v_limit + 1 (one more tells has_more).
  foreach v_t in array private.synced_table_names() || array['sync_conflicts'] loop
    v_parts := v_parts || format(
      '(select %L::text as t, x.sync_txid, x.id, to_jsonb(x) as r from public.%I x
        where x.sync_txid < $2 and %s order by x.sync_txid, x.id limit $4)',
      v_t, v_t,
      case
        when v_t collate "C" > v_table collate "C" then 'x.sync_txid >= $1'
        when v_t = v_table then '(x.sync_txid > $1 or (x.sync_txid = $1 and x.id > $3))'
        else 'x.sync_txid > $1'
      end);
  end loop;
  execute format(
    'select coalesce(jsonb_agg(jsonb_build_object(''table'', s.t, ''row'', s.r) order by s.sync_txid, s.t collate "C", s.id), ''[]''::jsonb)
     from (select * from (%s) u order by u.sync_txid, u.t collate "C", u.id limit $4) s',
    array_to_string(v_parts, ' union all '))
  into v_rows using v_txid, v_horizon, v_id, v_limit + 1;

  v_count := jsonb_array_length(v_rows);
  if v_count > v_limit then
    v_rows := v_rows - v_limit; -- drop the extra row; it is the first of the next page
  end if;
  if jsonb_array_length(v_rows) > 0 then
    v_last := v_rows -> (jsonb_array_length(v_rows) - 1);
    v_cursor := format('v1:%s:%s:%s', v_last -> 'row' ->> 'sync_txid', v_last ->> 'table', v_last -> 'row' ->> 'id');
  end if;

  return jsonb_build_object(
    'changes', v_rows,
    'cursor', v_cursor,
    'has_more', v_count > v_limit,
    'scope', jsonb_build_object(
      'teacher_ids', to_jsonb(private.readable_teacher_ids()),
      -- Every live profile the caller can select (RLS decides: this function is security invoker).
      -- A profile that becomes readable has its row behind the cursor; the client starts over.
      'profile_ids', (select coalesce(jsonb_agg(p.id order by p.id), '[]'::jsonb)
                      from public.profiles p where p.deleted_at is null)));
end
$$;

revoke all on function public.sync_push(uuid, jsonb), public.sync_pull(text, integer) from public, anon;
grant execute on function public.sync_push(uuid, jsonb), public.sync_pull(text, integer) to authenticated;

revoke all on all functions in schema private from public, anon;
grant execute on function private.synced_table_names(), private.try_uuid(text), private.mutation_seq(jsonb),
  private.reject(text, text), private.error_code(text, text, text, text), private.apply_mutation(jsonb),
  private.record_conflicts(text, uuid, jsonb, uuid)
  to authenticated, service_role;
