-- What a Supabase database provides before any migration runs, reduced to what our migrations and
-- tests touch. Applied to a plain PostgreSQL 15 by tests/db/global-setup.ts; never shipped to a
-- real Supabase (which has all of this already). Keep it idempotent.

-- Roles PostgREST switches to. service_role bypasses RLS, as on Supabase.
do $$
begin
  if not exists (select from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
end
$$;

create schema if not exists extensions;
create extension if not exists pgcrypto with schema extensions;
grant usage on schema extensions to anon, authenticated, service_role;

create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role;

-- The columns of GoTrue's auth.users that seeds and our triggers use (GoTrue has more).
create table if not exists auth.users (
  instance_id uuid,
  id uuid primary key,
  aud text,
  role text,
  email text unique,
  encrypted_password text,
  email_confirmed_at timestamptz,
  invited_at timestamptz,
  confirmation_token text,
  recovery_token text,
  email_change_token_new text,
  email_change text,
  recovery_sent_at timestamptz,
  last_sign_in_at timestamptz,
  raw_app_meta_data jsonb default '{}'::jsonb,
  raw_user_meta_data jsonb default '{}'::jsonb,
  is_super_admin boolean,
  created_at timestamptz default now(),
  updated_at timestamptz default now()
);

create table if not exists auth.identities (
  id uuid primary key default gen_random_uuid(),
  provider_id text not null,
  user_id uuid not null references auth.users (id) on delete cascade,
  identity_data jsonb not null,
  provider text not null,
  last_sign_in_at timestamptz,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  unique (provider_id, provider)
);

-- As on Supabase. The nullif(nullif(…)) form matters: once a transaction-local claim has ended,
-- current_setting returns '' (not null) for the rest of the session.
create or replace function auth.jwt() returns jsonb
language sql stable
as $$
  select coalesce(nullif(current_setting('request.jwt.claims', true), '')::jsonb, '{}'::jsonb)
$$;

create or replace function auth.uid() returns uuid
language sql stable
as $$
  select nullif(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub', '')::uuid
$$;

create or replace function auth.role() returns text
language sql stable
as $$
  select nullif(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role', '')::text
$$;

create or replace function auth.email() returns text
language sql stable
as $$
  select nullif(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email', '')::text
$$;

grant execute on function auth.jwt(), auth.uid(), auth.role(), auth.email() to anon, authenticated, service_role;

-- Supabase exposes public to the API roles and grants them every table by default; row-level
-- security is what actually protects the rows. Migrations narrow this where they need to.
grant usage on schema public to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;

-- ——— Storage (what the Storage API keeps in PostgreSQL) ———————————————————————————————————————
-- storage.buckets and storage.objects with Supabase's columns, row-level security on, and the
-- helpers policies use. The Storage server runs every API call as the caller's role under these
-- policies (an upload is an INSERT, a download a SELECT, a removal a DELETE … RETURNING). It also
-- checks the bucket's file_size_limit and allowed_mime_types before it writes; here a trigger does
-- that from the object's metadata (size, mimetype), so the limits are enforced in tests too.
create schema if not exists storage;
grant usage on schema storage to anon, authenticated, service_role;

create table if not exists storage.buckets (
  id text primary key,
  name text not null,
  owner uuid,
  owner_id text,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  public boolean default false,
  avif_autodetection boolean default false,
  file_size_limit bigint,
  allowed_mime_types text[]
);
create unique index if not exists bname on storage.buckets (name);

create table if not exists storage.objects (
  id uuid primary key default gen_random_uuid(),
  bucket_id text references storage.buckets (id),
  name text,
  owner uuid,
  owner_id text,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  last_accessed_at timestamptz default now(),
  metadata jsonb,
  path_tokens text[] generated always as (string_to_array(name, '/')) stored,
  version text,
  user_metadata jsonb
);
create unique index if not exists bucketid_objname on storage.objects (bucket_id, name);
create index if not exists name_prefix_search on storage.objects (name text_pattern_ops);

alter table storage.buckets enable row level security;
alter table storage.objects enable row level security;
grant all on storage.buckets, storage.objects to anon, authenticated, service_role;

create or replace function storage.foldername(name text) returns text[]
language plpgsql
as $$
declare
  _parts text[];
begin
  select string_to_array(name, '/') into _parts;
  return _parts[1:array_length(_parts, 1) - 1];
end
$$;

create or replace function storage.filename(name text) returns text
language plpgsql
as $$
declare
  _parts text[];
begin
  select string_to_array(name, '/') into _parts;
  return _parts[array_length(_parts, 1)];
end
$$;

create or replace function storage.extension(name text) returns text
language plpgsql
as $$
declare
  _parts text[];
  _filename text;
begin
  select string_to_array(name, '/') into _parts;
  select _parts[array_length(_parts, 1)] into _filename;
  return reverse(split_part(reverse(_filename), '.', 1));
end
$$;

grant execute on function storage.foldername(text), storage.filename(text), storage.extension(text)
  to anon, authenticated, service_role;

-- The Storage server's own checks (shim only): 54000 «The object exceeded the maximum allowed
-- size» (the API answers 413) and 22023 «mime type … is not supported» (415). A type may be
-- given as 'image/*'. Security definer: the caller cannot read storage.buckets.
create or replace function storage.shim_enforce_bucket_limits() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  b storage.buckets;
  size bigint := nullif(new.metadata ->> 'size', '')::bigint;
  mime text := lower(coalesce(new.metadata ->> 'mimetype', ''));
begin
  select * into b from storage.buckets where id = new.bucket_id;
  if b.file_size_limit is not null and coalesce(size, 0) > b.file_size_limit then
    raise exception 'The object exceeded the maximum allowed size' using errcode = '54000';
  end if;
  if b.allowed_mime_types is not null and cardinality(b.allowed_mime_types) > 0 and not exists (
    select 1 from unnest(b.allowed_mime_types) t
    where lower(t) = mime or (t like '%/*' and mime like lower(left(t, -1)) || '%')
  ) then
    raise exception 'mime type % is not supported', nullif(mime, '') using errcode = '22023';
  end if;
  return new;
end
$$;

drop trigger if exists shim_enforce_bucket_limits on storage.objects;
create trigger shim_enforce_bucket_limits before insert or update on storage.objects
  for each row execute function storage.shim_enforce_bucket_limits();
