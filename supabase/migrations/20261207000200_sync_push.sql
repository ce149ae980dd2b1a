-- A push that cannot be jammed or fooled, and that applies a batch with few statements.
-- The JSON contract is docs/sync-protocol.md; what this migration changes is docs/sync-push-notes.md.
--
-- 1. Every item is answered on its own. An item may be an envelope {seq, mutation_id, mutation}
--    whose `mutation` is the mutation as JSON *text*: the call's JSON stays flat and valid whatever
--    a field holds, and the server parses each item's text by itself, so a U+0000, a lone UTF-16
--    surrogate or JSON nested 50,000 deep is that item's refusal, recorded under its seq, and the
--    queue moves on. A plain mutation object (the format of older apps) is still accepted.
-- 2. Transient errors (40001, 40P01, 55P03) are never a refusal: the item is tried again, and if
--    it still fails the call stops there, commits what applied and answers
--    "retry": {"seq", "code"}; the device sends the rest again later with the same seqs.
-- 3. A seq already processed that comes with another mutation_id is refused as a whole
--    ("seq_reused"), never answered "duplicate"; a new seq carrying a mutation_id the user's
--    ledger already holds is answered with that outcome and not applied again.
-- 4. The database refuses what the app cannot read: instants outside 1950–2100 (infinity
--    included), scores other than 0–3, required text made only of Unicode spaces.
-- 5. Throughput: one statement decodes and checks the whole batch; consecutive new rows, edits or
--    tombstones of one table are applied with one statement per run; the ledger is written in one
--    statement; nothing is written (so no transaction id holds back other users' pull horizon)
--    until the batch is checked.

-- ——— Columns a client never writes ————————————————————————————————————————————————————————
-- 20261207000100_sync_partitions.sql defines it (with the pull's partition columns); this keeps
-- the push migration self-contained without replacing a newer definition.

do $$
begin
  if pg_catalog.to_regprocedure('private.server_columns()') is null then
    execute $fn$
      create function private.server_columns() returns text[]
      language sql immutable set search_path = ''
      as $body$
        select array['version', 'updated_at', 'updated_by', 'sync_txid', 'access_txid', 'target_teacher_id', 'target_party_id']
      $body$
    $fn$;
  end if;
end
$$;

-- ——— What the domain constrains, the database constrains —————————————————————————————————

-- The three rules below are called by CHECK constraints on every row written, so they are written
-- to be inlined (no SET clause, which would forbid it: a call per rule per row cost more than the
-- rule). Instead of a pinned search_path their bodies name every function, operator and type by
-- schema, so no search_path can change what they mean (tests/db/migrations.db.ts lists them).

-- Blank means what String.prototype.trim() removes, so the app and the database agree on what
-- "nothing" is: a title of non-breaking spaces (U+00A0) or ideographic spaces (U+3000) is
-- blank on both sides. The set is ECMAScript's WhiteSpace and LineTerminator.
create or replace function private.is_blank(value text) returns boolean
language sql immutable
as $$
  select pg_catalog.btrim(value, E'\t\n\u000B\f\r \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF')
         operator(pg_catalog.=) ''::pg_catalog.text
$$;

create or replace function private.is_plausible_date(value date) returns boolean
language sql immutable
as $$
  select value operator(pg_catalog.>=) '1950-01-01'::pg_catalog.date and value operator(pg_catalog.<=) '2100-12-31'::pg_catalog.date
$$;

-- An instant a device can show: JavaScript reads infinity, BC dates and years past 9999 as an
-- Invalid Date. The same window as private.is_plausible_date, to the microsecond, in UTC.
create function private.is_plausible_instant(value timestamptz) returns boolean
language sql immutable
as $$
  select value operator(pg_catalog.>=) '1950-01-01 00:00:00+00'::pg_catalog.timestamptz
     and value operator(pg_catalog.<) '2101-01-01 00:00:00+00'::pg_catalog.timestamptz
$$;

-- Indicator scores: an object whose every value is a whole number 0–3 (src/lib/domain/framework.ts
-- SCORES; the client's schema allows nothing else, null included). Strict mode: a value [1] is
-- an array, not a score (lax mode would unwrap it).
create function private.is_score_map(value jsonb) returns boolean
language sql immutable set search_path = ''
as $$
  select jsonb_typeof(value) = 'object'
     and not jsonb_path_exists(value, 'strict $.* ? (@.type() != "number" || !(@ == 0 || @ == 1 || @ == 2 || @ == 3))')
$$;

alter table public.profiles drop constraint profiles_full_name_required;
alter table public.profiles add constraint profiles_full_name_required check (not private.is_blank(full_name)) not valid;
alter table public.assessments add constraint assessments_scores_values check (private.is_score_map(scores)) not valid;
alter table public.observations add constraint observations_scores_values check (private.is_score_map(scores)) not valid;

-- Every instant a device writes (started_at, submitted_at, confirmed_at, approved_at,
-- completed_at, acknowledged_at, done_at, created_at, every deleted_at): all timestamptz columns
-- of the synced tables but updated_at, which only the server sets.
do $$
declare
  c record;
begin
  for c in
    select cl.relname::text as table_name, a.attname::text as column_name
    from pg_catalog.pg_attribute a
    join pg_catalog.pg_class cl on cl.oid = a.attrelid
    where cl.relnamespace = 'public'::regnamespace and cl.relname = any (private.synced_table_names())
      and a.atttypid = 'timestamptz'::regtype and a.attnum > 0 and not a.attisdropped and a.attname <> 'updated_at'
    order by 1, 2
  loop
    execute format('alter table public.%I add constraint %I check (private.is_plausible_instant(%I)) not valid',
      c.table_name, c.table_name || '_' || c.column_name || '_range', c.column_name);
  end loop;
end
$$;

-- Validate what the rows written so far allow. A database that already holds such a row keeps
-- it (the migration must not fail on data, nor change it): the NOTICE names the constraint and
-- the count, and until an administrator corrects those rows an update of one is refused.
do $$
declare
  c record;
  bad bigint;
begin
  for c in
    select k.conrelid::regclass as rel, k.conname, pg_catalog.pg_get_expr(k.conbin, k.conrelid) as expr
    from pg_catalog.pg_constraint k
    where k.contype = 'c' and not k.convalidated and k.connamespace = 'public'::regnamespace
      and (k.conname like '%\_range' or k.conname in ('profiles_full_name_required', 'assessments_scores_values', 'observations_scores_values'))
    order by 1, 2
  loop
    begin
      execute format('alter table %s validate constraint %I', c.rel, c.conname);
    exception when check_violation then
      execute format('select count(*) from %s where not (%s)', c.rel, c.expr) into bad;
      raise notice 'constraint % on % left NOT VALID: % existing row(s) violate it; correct them', c.conname, c.rel, bad;
    end;
  end loop;
  -- is_blank is stricter now, but constraints already valid are not checked again by PostgreSQL.
  for c in
    select k.conrelid::regclass as rel, k.conname, pg_catalog.pg_get_expr(k.conbin, k.conrelid) as expr
    from pg_catalog.pg_constraint k
    where k.contype = 'c' and k.convalidated and k.connamespace = 'public'::regnamespace
      and pg_catalog.pg_get_expr(k.conbin, k.conrelid) like '%is_blank%'
    order by 1, 2
  loop
    execute format('select count(*) from %s where not (%s)', c.rel, c.expr) into bad;
    if bad > 0 then
      raise notice 'constraint % on %: % existing row(s) are blank by the Unicode rule; correct them', c.conname, c.rel, bad;
    end if;
  end loop;
end
$$;

-- ——— Ledger lookups by mutation ————————————————————————————————————————————————————————————

-- A mutation sent again under another seq (a device that had to renumber) is found by its id,
-- among the caller's own rows (the ledger's RLS adds user_id = auth.uid() to every lookup). The
-- pair replaces the index on user_id alone, which it serves as well: one index less to write
-- per mutation.
create index sync_ledger_user_mutation_idx on public.sync_ledger (user_id, mutation_id);
drop index public.sync_ledger_user_id_idx;

-- The ledger's insert policy asked, for every row, whether its client id is the caller's: one
-- subquery per mutation. The same rule with the caller's client ids as an init plan, once per
-- statement (the ledger of a batch is one statement).
drop policy sync_ledger_insert on public.sync_ledger;
create policy sync_ledger_insert on public.sync_ledger for insert to authenticated with check (
  user_id = (select auth.uid())
  and client_id = any ((select array_agg(c.client_id) from public.sync_clients c where c.user_id = (select auth.uid()))::uuid[])
);

-- ——— The writer's profile, once per transaction ————————————————————————————————————————————
-- private.stamp_row sets updated_by (display only) on every row it stamps: a batch of 200 new
-- rows asked private.my_profile_id() 200 times. The answer is kept for the rest of the
-- transaction under the auth user it belongs to (PostgREST runs each request as one transaction
-- with one user).
create or replace function private.stamp_row() returns trigger
language plpgsql set search_path = ''
as $$
declare
  v_uid text := coalesce(auth.uid()::text, '');
  v_cached text := current_setting('trajectory.stamp_profile', true);
  v_profile uuid;
begin
  if tg_op = 'INSERT' then
    new.version := 1;
  else
    new.id := old.id;
    new.version := old.version + 1;
  end if;
  if v_cached is not null and v_cached like v_uid || '=%' then
    v_profile := nullif(substr(v_cached, length(v_uid) + 2), '')::uuid;
  else
    v_profile := private.my_profile_id();
    perform set_config('trajectory.stamp_profile', v_uid || '=' || coalesce(v_profile::text, ''), true);
  end if;
  new.updated_at := now();
  new.updated_by := v_profile;
  new.sync_txid := pg_current_xact_id();
  return new;
end
$$;

-- ——— One item of a call, decoded and checked ————————————————————————————————————————————————

create type private.sync_item as (
  i integer,            -- position in the call, from 1
  seq bigint,           -- null: no usable seq (answered malformed, never recorded)
  raw_seq jsonb,        -- what was sent as seq, to echo it in that answer
  mutation_id uuid,
  table_name text,
  row_id uuid,
  op text,
  fields jsonb,         -- without id
  base jsonb,           -- without id and the server's columns
  columns text[],       -- the keys of fields (jsonb's canonical order): consecutive rows with the same go together
  first_i integer,      -- an earlier item of this call with the same mutation_id
  code text,            -- a refusal found before anything is applied
  message text
);

-- Transient: the same mutation may well succeed a moment later. Never recorded as a refusal.
create function private.is_transient(state text) returns boolean
language sql immutable set search_path = ''
as $$ select state in ('40001', '40P01', '55P03') $$;

-- Turns an error raised while applying a mutation into the code the client shows.
create or replace function private.error_code(state text, detail text, hint text, constraint_name text) returns text
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
    -- A character the database cannot store (U+0000).
    when state = '22P05' then 'invalid_value'
    when state in ('22P02', '22007', '22008', '42804') then 'invalid_type'
    when state like '22%' then 'invalid_value'
    -- Nested beyond the server's stack; and a value over one of its size limits.
    when state = '54001' then 'malformed'
    when state like '54%' then 'too_long'
    else 'error'
  end
$$;

-- Why an envelope's text could not be parsed, as a refusal: [code, message].
create function private.unreadable(state text, message text, detail text) returns text[]
language sql immutable set search_path = ''
as $$
  select case
    when state = '22P05' then array['invalid_value', 'text contains U+0000 (NUL), which cannot be stored']
    when state = '22P02' and concat(message, ' ', detail) ilike '%surrogate%'
      then array['invalid_value', 'text contains a lone UTF-16 surrogate, which is not a character']
    when state = '54001' then array['malformed', 'the mutation is nested too deeply']
    when state like '22%' then array['malformed', left('the mutation is not valid JSON: ' || message, 500)]
    else array['error', left(message, 500)]
  end
$$;

-- Every check that needs nothing but the item and the schema, for the whole call in one
-- statement, in the order of docs/sync-protocol.md (the first failing check gives the code).
-- An envelope's text is parsed here, unless p_decoded holds the texts already parsed one by one
-- (with p_code and p_message saying why one could not be): then a text that is not storable JSON
-- (U+0000, a lone surrogate, nesting past the stack) is that item's refusal, not the call's.
-- plpgsql rather than sql: the statement's plan is kept for the session instead of made per call.
create function private.check_items(p_mutations jsonb, p_decoded jsonb[] default null, p_code text[] default null,
                                    p_message text[] default null)
returns setof private.sync_item
language plpgsql stable set search_path = ''
as $$
begin
  return query
  -- Each item's parts, typed. Materialized, and the parsed text in an OFFSET 0 subquery: each
  -- value is computed once per item, not once for every use below. The seq and uuid checks are
  -- written out rather than through private.mutation_seq and private.try_uuid: a function call
  -- (or the regex engine) per item costs more here than the checks themselves.
  with typed as materialized (
    select e.i::integer as i, e.v as item, x.envelope, d.m, e.code as decode_code, e.message as decode_message, d.is_object,
           r.raw_seq, r.table_name, r.fields, r.base,
           case when r.seq_number >= 1 and r.seq_number <= 9007199254740991 and r.seq_number = trunc(r.seq_number)
                then r.seq_number::bigint end as seq,
           -- A uuid as private.try_uuid takes it: 8-4-4-4-12 hex digits (dashes where LIKE puts
           -- them, and only there).
           case when r.mid_text like '________-____-____-____-____________' and r.mid_text !~ '[^-0-9a-fA-F]'
                     and octet_length(replace(r.mid_text, '-', '')) = 32
                then r.mid_text::uuid end as mutation_id,
           case when r.row_text like '________-____-____-____-____________' and r.row_text !~ '[^-0-9a-fA-F]'
                     and octet_length(replace(r.row_text, '-', '')) = 32
                then r.row_text::uuid end as row_id
    -- ROWS FROM walks the call and the texts decoded one by one (if they were) side by side.
    from rows from (jsonb_array_elements(p_mutations), unnest(p_decoded), unnest(p_code), unnest(p_message))
         with ordinality e (v, m, code, message, i)
    cross join lateral (select jsonb_typeof(e.v) = 'object' and e.v ? 'mutation' as envelope) x
    cross join lateral (select y.m, jsonb_typeof(y.m) = 'object' as is_object
                        from (select case when not x.envelope then e.v
                                          when p_decoded is not null then e.m
                                          when jsonb_typeof(e.v -> 'mutation') = 'string' and octet_length(e.v ->> 'mutation') <= 1048576
                                            then (e.v ->> 'mutation')::jsonb
                                     end as m offset 0) y offset 0) d
    cross join lateral (
      select case when x.envelope then e.v -> 'seq' when d.is_object then d.m -> 'seq' end as raw_seq,
             case when jsonb_typeof(case when x.envelope then e.v -> 'seq' when d.is_object then d.m -> 'seq' end) = 'number'
                  then (case when x.envelope then e.v -> 'seq' else d.m -> 'seq' end)::numeric end as seq_number,
             case when x.envelope then e.v ->> 'mutation_id' when d.is_object then d.m ->> 'mutation_id' end as mid_text,
             case when d.is_object then d.m ->> 'table' end as table_name,
             case when d.is_object and jsonb_typeof(d.m -> 'row_id') = 'string' then d.m ->> 'row_id' end as row_text,
             case when d.is_object then coalesce(nullif(d.m -> 'fields', 'null'), '{}') end as fields,
             case when d.is_object then coalesce(nullif(d.m -> 'base', 'null'), '{}') end as base
      offset 0) r
    where e.v is not null
  ),
  cols as (
    -- The whitelist: the own columns of each synced table the call names, and the JSON type a
    -- value must have. Tables found by name through to_regclass (an index probe each), not by a
    -- scan of pg_class.
    select c.table_name,
           jsonb_object_agg(a.attname, case
             when t.typname in ('text', 'uuid', 'date', 'timestamptz') then 'string'
             when t.typname in ('int2', 'int4', 'int8', 'numeric') then 'number'
             when t.typname = 'bool' then 'boolean'
             else 'any' end) as expected,
           jsonb_object_agg(a.attname, case
             when t.typname in ('text', 'uuid', 'date', 'timestamptz') then 'string'
             when t.typname in ('int2', 'int4', 'int8', 'numeric') then 'number'
             when t.typname = 'bool' then 'boolean'
             else 'any' end) filter (where a.attname <> 'id' and a.attname <> all (private.server_columns())) as writable -- by a client
    from (select distinct ty.table_name from typed ty where ty.table_name = any (private.synced_table_names())) c
    join pg_catalog.pg_attribute a
      on a.attrelid = pg_catalog.to_regclass('public.' || pg_catalog.quote_ident(c.table_name)) and a.attnum > 0 and not a.attisdropped
    join pg_catalog.pg_type t on t.oid = a.atttypid
    group by c.table_name
  ),
  checked as materialized (
    select s.i, s.seq, s.raw_seq, s.mutation_id, s.table_name, s.row_id, s.m ->> 'op' as op, s.fields, s.base, fk.columns,
      case
        when s.decode_code is not null then array[s.decode_code, s.decode_message]
        when s.envelope and jsonb_typeof(s.item -> 'mutation') is distinct from 'string'
          then array['malformed', 'an envelope''s mutation is the mutation as JSON text']
        when s.envelope and s.m is null then array['too_long', 'a mutation may carry at most 256 KiB']
        when not s.is_object then array['malformed', 'a mutation is a JSON object']
        when s.envelope and ((s.m ? 'seq' and s.m -> 'seq' <> s.item -> 'seq')
                             or (s.m ? 'mutation_id' and s.m -> 'mutation_id' <> s.item -> 'mutation_id'))
          then array['malformed', 'the mutation and its envelope disagree on seq or mutation_id']
        when s.mutation_id is null then array['malformed', 'mutation_id must be a uuid']
        when jsonb_typeof(s.m -> 'table') is distinct from 'string' then array['malformed', 'table must be a string']
        when c.expected is null then array['unknown_table', format('unknown table %s', left(s.table_name, 100))]
        when s.row_id is null then array['malformed', 'row_id must be a uuid']
        when jsonb_typeof(s.m -> 'op') is distinct from 'string' or s.m ->> 'op' not in ('upsert', 'delete')
          then array['malformed', 'op must be "upsert" or "delete"']
        when jsonb_typeof(s.fields) <> 'object' or jsonb_typeof(s.base) <> 'object'
          then array['malformed', 'fields and base must be objects']
        -- The binary size bounds the text's from below: only a large one is serialised to be measured.
        when pg_catalog.pg_column_size(s.m) > 131072
             and (octet_length(s.fields::text) > 262144 or octet_length(s.base::text) > 262144)
          then array['too_long', 'a mutation may carry at most 256 KiB']
        else coalesce(
          case
            when fk.bad is null then null
            when fk.bad = 'id' then array['invalid_value', 'id differs from row_id']
            when fk.bad = any (private.server_columns()) then array['forbidden', format('%s is set by the server', fk.bad)]
            when not (c.expected ? fk.bad) then array['unknown_column', format('unknown column %s.%s', s.table_name, left(fk.bad, 100))]
            else array['invalid_type', format('%s must be a %s', fk.bad, c.expected ->> fk.bad)]
          end,
          (select array['unknown_column', format('unknown column %s.%s in base', s.table_name, left(k, 100))]
           from jsonb_object_keys(s.base) k
           where not (c.expected ? k)
           limit 1))
      end as problem
    from typed s
    left join cols c on c.table_name = s.table_name
    -- One pass over each item's fields: its columns, and the first that is not the client's to
    -- write or has the wrong JSON type (keys come in jsonb's canonical order).
    cross join lateral (
      select array_agg(f.key) filter (where f.key <> 'id') as columns,
             (array_agg(f.key) filter (where case coalesce(c.writable ->> f.key, '')
                                              when '' then f.key <> 'id' or f.value is distinct from to_jsonb(s.row_id::text)
                                              when 'any' then false
                                              else jsonb_typeof(f.value) not in (c.writable ->> f.key, 'null')
                                            end))[1] as bad
      from jsonb_each(case when jsonb_typeof(s.fields) = 'object' then s.fields end) f) fk
  )
  select k.i, k.seq, k.raw_seq, k.mutation_id, left(k.table_name, 100), k.row_id, k.op,
         case when k.problem is null then case when k.fields ? 'id' then k.fields - 'id' else k.fields end end,
         case when k.problem is null then case when k.base = '{}' then k.base else k.base - ('{id}'::text[] || private.server_columns()) end end,
         -- jsonb keeps an object's keys in one canonical order: equal key sets give equal arrays.
         case when k.problem is null then coalesce(k.columns, '{}') end,
         -- The same mutation earlier in this call (answered as that one's duplicate).
         nullif(d.first, k.i),
         k.problem[1], k.problem[2]
  from checked k
  left join (select c.mutation_id, min(c.i) as first from checked c
             where c.seq is not null and c.mutation_id is not null
             group by c.mutation_id having count(*) > 1) d on d.mutation_id = k.mutation_id
  order by k.i;
end
$$;

-- ——— Applying ——————————————————————————————————————————————————————————————————————————————

-- Applies one checked mutation under the caller's RLS. Returns the per-field conflicts (a JSON
-- array). Raises on any refusal; the caller runs it in a sub-transaction, so a refusal writes nothing.
drop function private.apply_mutation(jsonb);
create function private.apply_mutation(it private.sync_item) returns jsonb
language plpgsql set search_path = ''
as $$
declare
  v_key text;
  v_current jsonb;
  v_norm_base jsonb;
  v_norm_new jsonb;
  v_conflicts jsonb := '[]'::jsonb;
  v_count integer;
  v_deleted_at timestamptz;
begin
  execute format('select to_jsonb(x) from public.%I x where x.id = $1', it.table_name) into v_current using it.row_id;

  if it.op = 'delete' then
    if v_current is null then
      perform private.reject('not_found', 'no such row, or not visible to you');
    end if;
    if v_current -> 'deleted_at' <> 'null'::jsonb then
      return v_conflicts; -- already a tombstone: deleting again changes nothing
    end if;
    v_deleted_at := case when jsonb_typeof(it.fields -> 'deleted_at') = 'string' then (it.fields ->> 'deleted_at')::timestamptz
      -- Milliseconds, as a device writes instants: the tombstone compares equal on both sides.
      else date_trunc('milliseconds', now()) end;
    execute format('update public.%I x set deleted_at = $2 where x.id = $1', it.table_name) using it.row_id, v_deleted_at;
    get diagnostics v_count = row_count;
    if v_count = 0 then
      perform private.reject('forbidden', 'you may not delete this row');
    end if;
    return v_conflicts;
  end if;

  if v_current is null then
    -- New on the server (base {} is the usual case). If the id exists but is invisible, the
    -- primary key says so and the refusal is "forbidden".
    execute format('insert into public.%I (id%s) select $1%s from jsonb_populate_record(null::public.%I, $2) r',
      it.table_name,
      (select coalesce(string_agg(', ' || quote_ident(c), ''), '') from unnest(it.columns) c),
      (select coalesce(string_agg(', r.' || quote_ident(c), ''), '') from unnest(it.columns) c),
      it.table_name) using it.row_id, it.fields;
    return v_conflicts;
  end if;

  if cardinality(it.columns) = 0 then
    return v_conflicts;
  end if;

  -- Per-field conflicts: the server's value is not what the device started from. Both sides are
  -- compared after a round trip through the column types ('2026-09-01T10:00:00Z' equals
  -- '2026-09-01T13:00:00+03:00'). The later arrival still wins; the loser is kept.
  if it.base <> '{}'::jsonb then
    execute format('select to_jsonb(jsonb_populate_record(null::public.%I, $1)), to_jsonb(jsonb_populate_record(null::public.%I, $2))',
      it.table_name, it.table_name) into v_norm_base, v_norm_new using it.base, it.fields;
    for v_key in select c from unnest(it.columns) c where it.base ? c order by c loop
      if (v_current -> v_key) is distinct from (v_norm_base -> v_key)
         and (v_current -> v_key) is distinct from (v_norm_new -> v_key) then
        v_conflicts := v_conflicts || jsonb_build_array(jsonb_build_object(
          'field', v_key, 'base', v_norm_base -> v_key, 'overwritten', v_current -> v_key, 'value', v_norm_new -> v_key));
      end if;
    end loop;
  end if;

  execute format('update public.%I x set %s from jsonb_populate_record(null::public.%I, $2) r where x.id = $1',
    it.table_name,
    (select string_agg(format('%I = r.%I', c, c), ', ') from unnest(it.columns) c),
    it.table_name) using it.row_id, it.fields;
  get diagnostics v_count = row_count;
  if v_count = 0 then
    perform private.reject('forbidden', 'you may not change this row');
  end if;

  if jsonb_array_length(v_conflicts) > 0 then
    perform private.record_conflicts(it.table_name, it.row_id, v_conflicts, private.try_uuid(v_current ->> 'updated_by'));
  end if;

  return v_conflicts;
end
$$;

-- One mutation in its own sub-transaction, as its answer without the seq: {"status":"applied"
-- [, "conflicts"]} or {"status":"rejected", "code", "message"}; or {"retry": sqlstate} when a
-- transient error outlasted the attempts.
--
-- Attempts: a lock timeout (55P03) three times, a short pause between; a deadlock (40P01) twice —
-- a cycle inside this one mutation is gone once the other side's statement finishes, but one
-- through rows this call changed earlier comes back on every attempt, and only committing what
-- applied (and answering "retry") breaks it; a serialization failure (40001) once — under
-- repeatable read or serializable the call's snapshot is fixed, so only a new call can succeed.
create function private.try_apply(it private.sync_item) returns jsonb
language plpgsql set search_path = ''
as $$
declare
  v_attempt integer := 0;
  v_conflicts jsonb;
  v_state text;
  v_message text;
  v_detail text;
  v_hint text;
  v_constraint text;
begin
  loop
    v_attempt := v_attempt + 1;
    begin
      v_conflicts := private.apply_mutation(it);
      if jsonb_array_length(v_conflicts) > 0 then
        return jsonb_build_object('status', 'applied', 'conflicts', v_conflicts);
      end if;
      return '{"status": "applied"}'::jsonb;
    exception when others then
      get stacked diagnostics v_state = returned_sqlstate, v_message = message_text, v_detail = pg_exception_detail,
        v_hint = pg_exception_hint, v_constraint = constraint_name;
    end;
    if not private.is_transient(v_state) then
      return jsonb_build_object('status', 'rejected', 'code', private.error_code(v_state, v_detail, v_hint, v_constraint),
        'message', left(v_message, 500));
    end if;
    if v_attempt >= (case v_state when '55P03' then 3 when '40P01' then 2 else 1 end) then
      return jsonb_build_object('retry', v_state);
    end if;
    if v_state = '55P03' then
      perform pg_sleep(0.02 * v_attempt);
    end if;
  end loop;
end
$$;

-- The kind of run an item can join: consecutive items of one kind, table (and for new rows and
-- updates the same columns) are applied with one statement. 'insert': a row the device made
-- (base {}); 'update': a change of listed columns with their base; 'delete': a tombstone.
create function private.run_kind(it private.sync_item) returns text
language sql immutable set search_path = ''
as $$
  select case
    when it.op = 'delete' then 'delete'
    when cardinality(it.columns) = 0 then null   -- nothing to write: applied alone
    when it.base = '{}'::jsonb then 'insert'
    else 'update'
  end
$$;

-- A run of p_members (positions in p_items, in seq order, distinct rows, one kind and table),
-- applied with one statement per attempt:
-- - insert: one INSERT … SELECT;
-- - update: one query reads the rows and finds the per-field conflicts (as apply_mutation does),
--   one UPDATE … FROM writes them, and the conflicts are kept; a row not visible or not
--   updatable is left to try_apply (which inserts it, or says why not);
-- - delete: one query reads which rows are visible and already tombstones, one UPDATE sets the
--   others' deleted_at; a row not found or not deletable is left to try_apply.
-- Rows are found by their ids (`x.id = any ($3)`): a join on the items alone may be planned as
-- a scan of every row the caller can see.
-- A failed attempt (a refusal of any row fails the statement) is split in halves, each tried the
-- same way, so k bad rows among n cost about k·log2(n) extra statements and every bad row still
-- gets its own reason from try_apply. A transient failure goes to try_apply row by row at once
-- (it retries; halving would only wait on the same lock again). Returns the answers in the order
-- of p_members; after a "retry" the rest are null (not applied).
create function private.apply_run(p_items private.sync_item[], p_members integer[]) returns jsonb[]
language plpgsql set search_path = ''
as $$
declare
  v_first private.sync_item := p_items[p_members[1]];
  v_kind text := private.run_kind(p_items[p_members[1]]);
  v_table text := p_items[p_members[1]].table_name;
  v_read text;
  v_write text;
  v_found jsonb;
  v_targets integer[];
  v_written integer[];
  v_out jsonb[] := array_fill(null::jsonb, array[cardinality(p_members)]);
  v_from integer[] := array[1];          -- a stack of ranges of p_members still to apply
  v_to integer[] := array[cardinality(p_members)];
  v_alone integer[];
  v_a integer;
  v_b integer;
  v_mid integer;
  v_state text;
  v_conflicts jsonb;
  k integer;
begin
  if v_kind = 'insert' then
    v_write := format(
      'insert into public.%I (id%s) select it.row_id%s from unnest($1) it cross join lateral jsonb_populate_record(null::public.%I, it.fields) r
       where it.i = any ($2) order by it.i',
      v_table,
      (select coalesce(string_agg(', ' || quote_ident(c), ''), '') from unnest(v_first.columns) c),
      (select coalesce(string_agg(', r.' || quote_ident(c), ''), '') from unnest(v_first.columns) c),
      v_table);
  elsif v_kind = 'update' then
    -- Conflicts exactly as apply_mutation finds them: both sides through the column types.
    v_read := format(
      $q$select coalesce(jsonb_object_agg(it.i::text, jsonb_build_object('by', x.updated_by, 'conflicts', coalesce(c.conflicts, '[]'::jsonb))), '{}')
         from unnest($1) it
         join public.%1$I x on x.id = it.row_id
         cross join lateral (select to_jsonb(x) as cur,
                                    to_jsonb(jsonb_populate_record(null::public.%1$I, it.base)) as nb,
                                    to_jsonb(jsonb_populate_record(null::public.%1$I, it.fields)) as nn) n
         left join lateral (
           select jsonb_agg(jsonb_build_object('field', f, 'base', n.nb -> f, 'overwritten', n.cur -> f, 'value', n.nn -> f) order by f) as conflicts
           from unnest(it.columns) f
           where it.base ? f and (n.cur -> f) is distinct from (n.nb -> f) and (n.cur -> f) is distinct from (n.nn -> f)) c on true
         where it.i = any ($2) and x.id = any ($3)$q$,
      v_table);
    v_write := format(
      'with w as (update public.%I x set %s from unnest($1) it cross join lateral jsonb_populate_record(null::public.%I, it.fields) r
                  where it.i = any ($2) and x.id = it.row_id and x.id = any ($3) returning it.i)
       select coalesce(array_agg(w.i), ''{}'') from w',
      v_table,
      (select string_agg(format('%I = r.%I', c, c), ', ') from unnest(v_first.columns) c),
      v_table);
  else
    v_read := format(
      'select coalesce(jsonb_object_agg(it.i::text, x.deleted_at is not null), ''{}'')
       from unnest($1) it join public.%I x on x.id = it.row_id where it.i = any ($2) and x.id = any ($3)',
      v_table);
    -- Milliseconds, as a device writes instants: the tombstone compares equal on both sides.
    v_write := format(
      'with w as (update public.%I x set deleted_at = case when jsonb_typeof(it.fields -> ''deleted_at'') = ''string''
                    then (it.fields ->> ''deleted_at'')::timestamptz else date_trunc(''milliseconds'', now()) end
                  from unnest($1) it where it.i = any ($2) and x.id = it.row_id and x.id = any ($3) returning it.i)
       select coalesce(array_agg(w.i), ''{}'') from w',
      v_table);
  end if;

  while cardinality(v_from) > 0 loop
    v_a := v_from[cardinality(v_from)];
    v_b := v_to[cardinality(v_to)];
    v_from := v_from[1:cardinality(v_from) - 1];
    v_to := v_to[1:cardinality(v_to) - 1];
    if v_a = v_b then
      v_out[v_a] := private.try_apply(p_items[p_members[v_a]]);
      if v_out[v_a] ? 'retry' then
        return v_out;
      end if;
      continue;
    end if;
    v_state := null;
    begin
      if v_kind = 'insert' then
        execute v_write using p_items, p_members[v_a:v_b];
      else
        execute v_read into v_found using p_items, p_members[v_a:v_b], array(select p_items[m].row_id from unnest(p_members[v_a:v_b]) m);
        v_targets := array(select m from unnest(p_members[v_a:v_b]) m
                           where v_found ? m::text and (v_kind = 'update' or not (v_found -> m::text)::boolean));
        execute v_write into v_written using p_items, v_targets, array(select p_items[m].row_id from unnest(v_targets) m);
        if v_kind = 'update' then
          for k in select unnest(v_written) loop
            v_conflicts := v_found -> k::text -> 'conflicts';
            if jsonb_array_length(v_conflicts) > 0 then
              perform private.record_conflicts(v_table, p_items[k].row_id, v_conflicts, (v_found -> k::text ->> 'by')::uuid);
            end if;
          end loop;
        end if;
      end if;
    exception when others then
      get stacked diagnostics v_state = returned_sqlstate;
    end;
    if v_state is null then
      v_alone := '{}';
      for k in v_a .. v_b loop
        if v_kind = 'insert' or p_members[k] = any (v_written)
           or (v_kind = 'delete' and coalesce((v_found -> p_members[k]::text)::boolean, false)) then
          v_conflicts := case when v_kind = 'update' then v_found -> p_members[k]::text -> 'conflicts' end;
          v_out[k] := case when jsonb_array_length(v_conflicts) > 0 then jsonb_build_object('status', 'applied', 'conflicts', v_conflicts)
                           else '{"status": "applied"}'::jsonb end;
        else
          -- Not visible, or not writable by this user: the mutation on its own says what it is.
          v_alone := v_alone || k;
        end if;
      end loop;
      for k in select x from unnest(v_alone) x order by x desc loop
        v_from := v_from || k;
        v_to := v_to || k;
      end loop;
    elsif private.is_transient(v_state) then
      for k in reverse v_b .. v_a loop
        v_from := v_from || k;
        v_to := v_to || k;
      end loop;
    else
      -- The second half goes on the stack first, so the first half is applied first: order is kept.
      v_mid := (v_a + v_b) / 2;
      v_from := v_from || array[v_mid + 1, v_a];
      v_to := v_to || array[v_b, v_mid];
    end if;
  end loop;
  return v_out;
end
$$;

-- ——— sync_push ————————————————————————————————————————————————————————————————————————————

create or replace function public.sync_push(p_client_id uuid, p_mutations jsonb) returns jsonb
language plpgsql security invoker set search_path = '' set timezone = 'UTC'
-- Its statements are small but estimated from JSON functions as large: JIT would cost more than the work.
set jit = off
as $$
declare
  v_uid uuid := auth.uid();
  v_count integer;
  v_decoded jsonb[];
  v_codes text[];
  v_messages text[];
  v_items private.sync_item[];
  v_it private.sync_item;
  v_e jsonb;
  v_k integer;
  v_refusal text[];
  v_state text;
  v_message text;
  v_detail text;
  v_last bigint;
  v_gap boolean;
  v_reused bigint;
  v_repeats jsonb;
  v_known jsonb;
  v_touched uuid[] := '{}';
  v_answers jsonb[];
  v_order integer[] := '{}';     -- positions of the items that write, in order
  v_steps integer[] := '{}';     -- where each step starts in v_order; a step is one item or a run
  v_kind text;
  v_run_kind text;
  v_run_table text;
  v_run_columns text[];
  v_run_open boolean := false;
  v_s integer;
  v_members integer[];
  v_done jsonb[];
  v_answer jsonb;
  v_j integer;
  v_stop integer;
  v_retry jsonb;
  v_first jsonb;
  v_results jsonb;
  v_new_last bigint;
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
  v_count := jsonb_array_length(p_mutations);
  if v_count > 1000 then
    return jsonb_build_object('error', 'malformed', 'message', 'at most 1000 mutations per call');
  end if;

  -- Decode and check before taking any lock or transaction id: nothing here writes, so the pull
  -- horizon of every other user is not held back while a large batch is parsed.
  begin
    select coalesce(array_agg(c order by c.i), '{}') into v_items from private.check_items(p_mutations) c;
  exception when others then
    -- Some envelope's text is not storable JSON: parse them one by one to know whose.
    v_decoded := array_fill(null::jsonb, array[v_count]);
    v_codes := array_fill(null::text, array[v_count]);
    v_messages := array_fill(null::text, array[v_count]);
    v_k := 0;
    for v_e in select e.value from jsonb_array_elements(p_mutations) e loop
      v_k := v_k + 1;
      if jsonb_typeof(v_e) = 'object' and jsonb_typeof(v_e -> 'mutation') = 'string' and octet_length(v_e ->> 'mutation') <= 1048576 then
        begin
          v_decoded[v_k] := (v_e ->> 'mutation')::jsonb;
        exception when others then
          get stacked diagnostics v_state = returned_sqlstate, v_message = message_text, v_detail = pg_exception_detail;
          v_refusal := private.unreadable(v_state, v_message, v_detail);
          v_codes[v_k] := v_refusal[1];
          v_messages[v_k] := v_refusal[2];
        end;
      end if;
    end loop;
    select coalesce(array_agg(c order by c.i), '{}') into v_items
    from private.check_items(p_mutations, v_decoded, v_codes, v_messages) c;
  end;

  -- One user's devices push one at a time (a transaction-scoped advisory lock keyed by the auth
  -- user), so a mutation sent by two devices at once is still applied once. Other users never
  -- wait for it. Class 7007 keeps the key apart from any other advisory lock.
  perform pg_advisory_xact_lock(7007, hashtext(v_uid::text));

  insert into public.sync_clients (client_id, user_id) values (p_client_id, v_uid) on conflict (client_id) do nothing;
  select c.last_seq into v_last from public.sync_clients c where c.client_id = p_client_id;
  if not found then
    -- The row exists (the insert did nothing) but RLS hides it: another user's device.
    return jsonb_build_object('error', 'client_owned_by_other_user');
  end if;

  -- Gap check before anything is applied: new seqs continue last_seq without a hole.
  select bool_or(x.seq <> v_last + x.n) into v_gap
  from (select it.seq, row_number() over (order by it.i) as n from unnest(v_items) it where it.seq > v_last) x;
  if v_gap then
    return jsonb_build_object('error', 'seq_gap', 'expected', v_last + 1, 'last_seq', v_last);
  end if;

  -- Seqs already processed: the stored outcome, unless the device numbered another mutation
  -- with that seq (a copy of its database pushed first). Then nothing is applied: answering
  -- "duplicate" would drop this mutation silently.
  select coalesce(jsonb_object_agg(it.seq::text, jsonb_strip_nulls(jsonb_build_object(
           'status', 'duplicate', 'outcome', l.status, 'code', l.code, 'message', l.message,
           'conflicts', nullif(l.conflicts, '[]'::jsonb)))), '{}'),
         min(it.seq) filter (where l.seq is not null and l.mutation_id is distinct from it.mutation_id)
  into v_repeats, v_reused
  from unnest(v_items) it
  left join public.sync_ledger l on l.client_id = p_client_id and l.seq = it.seq
  where it.seq <= v_last;
  if v_reused is not null then
    return jsonb_build_object('error', 'seq_reused', 'seq', v_reused, 'last_seq', v_last);
  end if;

  -- New seqs carrying a mutation this user's ledger already holds (sent before under another
  -- client id or seq): its first outcome, and it is not applied again.
  -- One index probe per mutation (user_id, mutation_id), whatever the ledger's statistics say.
  select coalesce(jsonb_object_agg(m.id::text, x.answer), '{}') into v_known
  from (select distinct it.mutation_id as id from unnest(v_items) it where it.seq > v_last and it.code is null) m
  cross join lateral (
    select jsonb_strip_nulls(jsonb_build_object('status', 'duplicate', 'outcome', l.status, 'code', l.code,
             'message', l.message, 'conflicts', nullif(l.conflicts, '[]'::jsonb))) as answer
    from public.sync_ledger l
    where l.mutation_id = m.id
    order by l.created_at, l.seq
    limit 1) x;

  -- Plan: answer what needs no write, and cut what writes into steps. A step is one mutation, or
  -- a run of consecutive mutations of one kind (private.run_kind) and table, each of a row this
  -- call has not written yet (what does not write may sit between them). Order across steps is
  -- seq order. If a row of an 'insert' run exists after all (someone else's, or an upsert of a
  -- row the device had), the INSERT fails and apply_run finds it and applies it alone — an update,
  -- or the refusal it deserves.
  v_answers := array_fill(null::jsonb, array[greatest(v_count, 1)]);
  foreach v_it in array v_items loop
    if v_it.seq is null then
      v_answers[v_it.i] := jsonb_build_object('status', 'rejected', 'code', coalesce(v_it.code, 'malformed'),
        'message', case when v_it.code = 'malformed' or v_it.code is null then 'a mutation is an object with an integer seq >= 1'
                        else v_it.message end);
    elsif v_it.seq <= v_last then
      v_answers[v_it.i] := v_repeats -> v_it.seq::text;
    elsif v_known ? v_it.mutation_id::text then
      v_answers[v_it.i] := v_known -> v_it.mutation_id::text;
    elsif v_it.first_i is not null then
      null; -- answered once the first is (below)
    elsif v_it.code is not null then
      v_answers[v_it.i] := jsonb_build_object('status', 'rejected', 'code', v_it.code, 'message', v_it.message);
    elsif (v_it.op = 'delete' or cardinality(v_it.columns) > 0) and not (v_it.row_id = any (v_touched)) then
      -- private.run_kind, written out: a function call per item costs more than the whole test.
      v_kind := case when v_it.op = 'delete' then 'delete' when v_it.base = '{}'::jsonb then 'insert' else 'update' end;
      if not (v_run_open and v_kind = v_run_kind and v_it.table_name = v_run_table
              and (v_kind = 'delete' or v_it.columns = v_run_columns)) then
        v_steps := v_steps || (cardinality(v_order) + 1);
        v_run_open := true;
        v_run_kind := v_kind;
        v_run_table := v_it.table_name;
        v_run_columns := v_it.columns;
      end if;
      v_order := v_order || v_it.i;
      v_touched := v_touched || v_it.row_id;
    else
      v_steps := v_steps || (cardinality(v_order) + 1);
      v_order := v_order || v_it.i;
      v_touched := v_touched || v_it.row_id;
      v_run_open := false;
    end if;
  end loop;
  v_steps := v_steps || (cardinality(v_order) + 1);

  -- Apply, step by step. A transient failure that outlasts its attempts stops the call there.
  for v_s in 1 .. cardinality(v_steps) - 1 loop
    v_members := v_order[v_steps[v_s]:v_steps[v_s + 1] - 1];
    if cardinality(v_members) = 1 then
      v_done := array[private.try_apply(v_items[v_members[1]])];
    else
      v_done := private.apply_run(v_items, v_members);
    end if;
    for v_j in 1 .. cardinality(v_members) loop
      v_k := v_members[v_j];
      v_answer := v_done[v_j];
      exit when v_answer is null;
      if v_answer ? 'retry' then
        v_stop := v_k;
        v_retry := jsonb_build_object('seq', v_items[v_k].seq, 'code', v_answer ->> 'retry');
        exit;
      end if;
      v_answers[v_k] := v_answer;
    end loop;
    exit when v_stop is not null;
  end loop;

  -- Later copies of a mutation of this call take the first one's outcome.
  foreach v_it in array v_items loop
    if v_it.first_i is not null and v_answers[v_it.i] is null and (v_stop is null or v_it.i < v_stop) then
      v_first := v_answers[v_it.first_i];
      v_answers[v_it.i] := jsonb_strip_nulls(jsonb_build_object('status', 'duplicate',
        'outcome', coalesce(v_first ->> 'outcome', v_first ->> 'status'), 'code', v_first ->> 'code',
        'message', v_first ->> 'message', 'conflicts', v_first -> 'conflicts'));
    end if;
  end loop;

  -- Record and answer what came before the stop (everything, without one): the ledger in one statement.
  v_stop := coalesce(v_stop, v_count + 1);
  insert into public.sync_ledger (client_id, seq, user_id, mutation_id, table_name, row_id, status, code, message, conflicts)
  select p_client_id, it.seq, v_uid, it.mutation_id, it.table_name, it.row_id,
         coalesce(a ->> 'outcome', a ->> 'status'), a ->> 'code', a ->> 'message', coalesce(a -> 'conflicts', '[]'::jsonb)
  from unnest(v_items) it
  cross join lateral (select v_answers[it.i] as a) x
  where it.i < v_stop and it.seq > v_last;

  select coalesce(jsonb_agg(jsonb_build_object('seq', coalesce(to_jsonb(it.seq), it.raw_seq)) || v_answers[it.i] order by it.i), '[]'),
         coalesce(max(it.seq) filter (where it.seq > v_last), v_last)
  into v_results, v_new_last
  from unnest(v_items) it
  where it.i < v_stop;

  update public.sync_clients set last_seq = v_new_last, updated_at = now() where client_id = p_client_id;
  if v_retry is not null then
    return jsonb_build_object('last_seq', v_new_last, 'results', v_results, 'retry', v_retry);
  end if;
  return jsonb_build_object('last_seq', v_new_last, 'results', v_results);
end
$$;

-- ——— Privileges ————————————————————————————————————————————————————————————————————————————

revoke all on function public.sync_push(uuid, jsonb) from public, anon;
grant execute on function public.sync_push(uuid, jsonb) to authenticated;

revoke all on function private.is_plausible_instant(timestamptz), private.is_score_map(jsonb), private.is_transient(text),
  private.unreadable(text, text, text), private.check_items(jsonb, jsonb[], text[], text[]), private.apply_mutation(private.sync_item),
  private.try_apply(private.sync_item), private.run_kind(private.sync_item), private.apply_run(private.sync_item[], integer[])
  from public, anon;
grant execute on function private.is_plausible_instant(timestamptz), private.is_score_map(jsonb), private.is_transient(text),
  private.unreadable(text, text, text), private.check_items(jsonb, jsonb[], text[], text[]), private.apply_mutation(private.sync_item),
  private.try_apply(private.sync_item), private.run_kind(private.sync_item), private.apply_run(private.sync_item[], integer[])
  to authenticated, service_role;
revoke all on function private.server_columns() from public, anon;
grant execute on function private.server_columns() to authenticated, service_role;
