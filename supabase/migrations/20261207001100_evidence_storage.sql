-- Evidence files (photos, documents) in Supabase Storage: a private bucket and policies on
-- storage.objects that mirror the row the file belongs to (docs/files.md).
--
-- Object path: {teacher_profile_id}/{owner_table}/{owner_row_id}/{attachment_id} — the attachment
-- id is the device's id for the file, so an upload tried again after an interruption writes the
-- same path and never a second object. The file's own name lives in the object's metadata.
--
-- Who may do what with an object (the owner row decides, read under the caller's own row-level
-- security through EXISTS on the table):
--   select  whoever may select the owner row (the teacher, her active mentor, her school's
--           methodist; for an observation also its observer);
--   insert  the row's author only: the teacher for her plan actions and activities, the observer
--           for an observation; the row must already be on the server (never a file for a row it
--           has not accepted) and not deleted, and the path must name the row's teacher;
--   update  nobody: objects are immutable, a new file is a new attachment id;
--   delete  the row's author (evidence removed, row deleted) and an administrator, who carries out
--           an erasure request (20261207001200_data_rights.sql). PostgreSQL applies the select
--           policy to a DELETE … WHERE too, so the administrator may also select the bucket's objects.

-- 10 MB per file; photos (the device sends JPEG of at most 1 MB after compressing; HEIC as taken on
-- an iPhone when kept as a file), PDF and office documents (Microsoft and OpenDocument).
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values (
  'evidence', 'evidence', false, 10485760,
  array[
    'image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif',
    'application/pdf',
    'application/msword',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.ms-excel',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.ms-powerpoint',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'application/vnd.oasis.opendocument.text',
    'application/vnd.oasis.opendocument.spreadsheet',
    'application/vnd.oasis.opendocument.presentation'
  ]
)
on conflict (id) do update set
  public = excluded.public,
  file_size_limit = excluded.file_size_limit,
  allowed_mime_types = excluded.allowed_mime_types;

-- A path segment as a uuid, or null when it is not one (a policy must never fail on a bad path).
create function private.path_uuid(segment text) returns uuid
language sql immutable set search_path = ''
as $$
  select case
    when segment ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' then segment::uuid
  end
$$;

-- Whether an object name is a well-formed evidence path: three folders and a file named by a uuid.
create function private.is_evidence_path(name text) returns boolean
language sql immutable set search_path = ''
as $$
  select coalesce(array_length(string_to_array(name, '/'), 1) = 4, false)
    and private.path_uuid(split_part(name, '/', 1)) is not null
    and split_part(name, '/', 2) in ('plan_actions', 'activities', 'observations')
    and private.path_uuid(split_part(name, '/', 3)) is not null
    and private.path_uuid(split_part(name, '/', 4)) is not null
$$;

revoke all on function private.path_uuid(text), private.is_evidence_path(text) from public;
grant execute on function private.path_uuid(text), private.is_evidence_path(text) to authenticated, service_role;

-- The owner rows are read as the caller (no security definer): their own select policies decide.
create policy evidence_select on storage.objects for select to authenticated using (
  bucket_id = 'evidence'
  and (
    (select private.is_admin())
    or (
      private.is_evidence_path(name)
      and case (storage.foldername(name))[2]
        when 'plan_actions' then exists (
          select 1 from public.plan_actions r
          where r.id = private.path_uuid((storage.foldername(name))[3])
            and r.teacher_id = private.path_uuid((storage.foldername(name))[1]))
        when 'activities' then exists (
          select 1 from public.activities r
          where r.id = private.path_uuid((storage.foldername(name))[3])
            and r.teacher_id = private.path_uuid((storage.foldername(name))[1]))
        when 'observations' then exists (
          select 1 from public.observations r
          where r.id = private.path_uuid((storage.foldername(name))[3])
            and r.teacher_id = private.path_uuid((storage.foldername(name))[1]))
        else false
      end
    )
  )
);

create policy evidence_insert on storage.objects for insert to authenticated with check (
  bucket_id = 'evidence'
  and private.is_evidence_path(name)
  and owner_id = (select auth.uid())::text
  and case (storage.foldername(name))[2]
    when 'plan_actions' then exists (
      select 1 from public.plan_actions r
      where r.id = private.path_uuid((storage.foldername(name))[3])
        and r.teacher_id = private.path_uuid((storage.foldername(name))[1])
        and r.teacher_id = (select private.my_profile_id()) and r.deleted_at is null)
    when 'activities' then exists (
      select 1 from public.activities r
      where r.id = private.path_uuid((storage.foldername(name))[3])
        and r.teacher_id = private.path_uuid((storage.foldername(name))[1])
        and r.teacher_id = (select private.my_profile_id()) and r.deleted_at is null)
    when 'observations' then exists (
      select 1 from public.observations r
      where r.id = private.path_uuid((storage.foldername(name))[3])
        and r.teacher_id = private.path_uuid((storage.foldername(name))[1])
        and r.observer_id = (select private.my_profile_id()) and r.deleted_at is null)
    else false
  end
);

create policy evidence_delete on storage.objects for delete to authenticated using (
  bucket_id = 'evidence'
  and (
    (select private.is_admin())
    or (
      private.is_evidence_path(name)
      and case (storage.foldername(name))[2]
        when 'plan_actions' then exists (
          select 1 from public.plan_actions r
          where r.id = private.path_uuid((storage.foldername(name))[3])
            and r.teacher_id = private.path_uuid((storage.foldername(name))[1])
            and r.teacher_id = (select private.my_profile_id()))
        when 'activities' then exists (
          select 1 from public.activities r
          where r.id = private.path_uuid((storage.foldername(name))[3])
            and r.teacher_id = private.path_uuid((storage.foldername(name))[1])
            and r.teacher_id = (select private.my_profile_id()))
        when 'observations' then exists (
          select 1 from public.observations r
          where r.id = private.path_uuid((storage.foldername(name))[3])
            and r.teacher_id = private.path_uuid((storage.foldername(name))[1])
            and r.observer_id = (select private.my_profile_id()))
        else false
      end
    )
  )
);
