-- Sync at region scale: a pull reads only the caller's own partitions, and access that widens
-- brings what it grants. The design and the figures are in docs/sync-protocol.md ("Partitions").
--
-- A grant is one reason the caller may read a set of rows, named by a kind and a key: 'self' (my
-- own rows), 'staff' T (a teacher of a school whose methodist I am), 'mentee' M, 'partner' X (the
-- other side of a pair: their profile), 'school' S (what a school methodist reads of the school),
-- 'schoolwide' S (recommendations to a school I teach at), 'org' O (targets under a municipal
-- methodist), 'admin', 'all' (organisations and frameworks), 'user' (conflicts of my account).
-- Each grant reads a fixed list of (table, column) partitions by an index on
-- (column, sync_txid, id): a pull never looks at a row of a partition it holds no grant for.
--
-- A pull is a sweep to a horizon fixed when it starts (the cursor carries it through the pages).
-- A grant the device held at its previous horizon sends only rows written since; a grant that is
-- new sends its whole partition. "New" is decided by data, never guessed by the client: the rows
-- that make a grant (memberships, pairs, profiles, organisations) carry access_txid, the
-- transaction that last changed a column access depends on. A grant all of whose rows were in
-- place before the previous horizon (and, for a pair, active on the previous pull's date) is one
-- the device already has.
--
-- sync_pull stays SECURITY INVOKER: the partitions only choose which rows to look at, and
-- row-level security still decides what is returned (tests/db/sync-partitions.db.ts compares a
-- full pull with what each person may select, table by table).

-- ——— Columns a client never writes ——————————————————————————————————————————————————————

create function private.server_columns() returns text[]
language sql immutable set search_path = ''
as $$
  select array['version', 'updated_at', 'updated_by', 'sync_txid', 'access_txid', 'target_teacher_id', 'target_party_id']
$$;

-- The column rules compare and list the columns a writer sets: the server's are left out.
create or replace function private.changed_columns(old_row jsonb, new_row jsonb) returns text[]
language sql immutable set search_path = ''
as $$
  select coalesce(array_agg(n.key order by n.key), '{}')
  from jsonb_each(new_row) n
  where n.key <> 'id' and n.key <> all (private.server_columns())
    and n.value is distinct from old_row -> n.key
$$;

create or replace function private.columns_of(table_name text) returns text[]
language sql stable set search_path = ''
as $$
  select coalesce(array_agg(a.attname::text order by a.attnum), '{}')
  from pg_catalog.pg_attribute a
  where a.attrelid = pg_catalog.to_regclass('public.' || pg_catalog.quote_ident(table_name))
    and a.attnum > 0 and not a.attisdropped
    and a.attname <> 'id' and a.attname <> all (private.server_columns())
$$;

-- ——— access_txid: when a row last changed what it grants ————————————————————————————————

-- Trigger arguments name the columns access depends on. A change of any other column (a pair's
-- goals, a profile's name) keeps access_txid, so it does not make anyone's grant new again.
create function private.stamp_access() returns trigger
language plpgsql set search_path = ''
as $$
declare
  o jsonb;
  n jsonb;
  c text;
begin
  if tg_op = 'INSERT' then
    new.access_txid := pg_current_xact_id();
    return new;
  end if;
  new.access_txid := old.access_txid;
  o := to_jsonb(old);
  n := to_jsonb(new);
  foreach c in array tg_argv loop
    if (o -> c) is distinct from (n -> c) then
      new.access_txid := pg_current_xact_id();
      exit;
    end if;
  end loop;
  return new;
end
$$;

-- The volatile default gives existing rows this migration's transaction.
alter table public.profiles add column access_txid xid8 not null default pg_current_xact_id();
alter table public.memberships add column access_txid xid8 not null default pg_current_xact_id();
alter table public.mentoring_pairs add column access_txid xid8 not null default pg_current_xact_id();
alter table public.organizations add column access_txid xid8 not null default pg_current_xact_id();

-- A profile's user_id is not here: whose profile the caller is, the cursor records (sync_pull).
create trigger a_stamp_access before insert or update on public.profiles
  for each row execute function private.stamp_access('school_id', 'deleted_at');
create trigger a_stamp_access before insert or update on public.memberships
  for each row execute function private.stamp_access('profile_id', 'organization_id', 'role', 'deleted_at');
create trigger a_stamp_access before insert or update on public.mentoring_pairs
  for each row execute function private.stamp_access('mentor_id', 'mentee_id', 'school_id', 'status', 'start_date', 'end_date', 'deleted_at');
create trigger a_stamp_access before insert or update on public.organizations
  for each row execute function private.stamp_access('parent_id', 'kind', 'deleted_at');

-- ——— Comments carry whose record they are on ——————————————————————————————————————————————
-- A comment is readable by whoever reads its target. Keyed by the target's teacher (deficits,
-- actions, observations: teacher_id; sessions: mentee_id) and the target's other party (the
-- observer, the session's mentor), it lands in the same partitions as its target.

alter table public.comments add column target_teacher_id uuid, add column target_party_id uuid;

-- Security definer: the parties of the target are recorded whatever the writer may read (the
-- insert policy has already checked the writer may read the target).
create function private.comment_target() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' and new.target_table = old.target_table and new.target_id = old.target_id then
    new.target_teacher_id := old.target_teacher_id;
    new.target_party_id := old.target_party_id;
    return new;
  end if;
  new.target_teacher_id := null;
  new.target_party_id := null;
  case new.target_table
    when 'deficits' then select x.teacher_id into new.target_teacher_id from public.deficits x where x.id = new.target_id;
    when 'plan_actions' then select x.teacher_id into new.target_teacher_id from public.plan_actions x where x.id = new.target_id;
    when 'observations' then
      select x.teacher_id, x.observer_id into new.target_teacher_id, new.target_party_id from public.observations x where x.id = new.target_id;
    when 'mentoring_sessions' then
      select x.mentee_id, x.mentor_id into new.target_teacher_id, new.target_party_id from public.mentoring_sessions x where x.id = new.target_id;
    else
      null;
  end case;
  return new;
end
$$;

-- Existing comments, without a new version or sync_txid: nothing about them changed for a device.
alter table public.comments disable trigger a_stamp_row;
update public.comments c set
  target_teacher_id = coalesce(d.teacher_id, a.teacher_id, o.teacher_id, s.mentee_id),
  target_party_id = coalesce(o.observer_id, s.mentor_id)
from public.comments c2
left join public.deficits d on c2.target_table = 'deficits' and d.id = c2.target_id
left join public.plan_actions a on c2.target_table = 'plan_actions' and a.id = c2.target_id
left join public.observations o on c2.target_table = 'observations' and o.id = c2.target_id
left join public.mentoring_sessions s on c2.target_table = 'mentoring_sessions' and s.id = c2.target_id
where c2.id = c.id;
alter table public.comments enable trigger a_stamp_row;

create trigger a_comment_target before insert or update on public.comments
  for each row execute function private.comment_target();

-- ——— Partition indexes: (key, sync_txid, id) ————————————————————————————————————————————————
-- Each replaces an index on the key alone, which its first column still serves.

drop index public.profiles_school_id_idx;
create index profiles_school_sync_idx on public.profiles (school_id, sync_txid, id);
drop index public.memberships_profile_id_idx;
create index memberships_profile_sync_idx on public.memberships (profile_id, sync_txid, id);
-- "Which roles do I hold": asked by nearly every policy (private.is_admin, the methodist checks).
-- Without it the planner may answer from (organization_id, role), reading every membership of
-- that role in the region.
create index memberships_profile_role_idx on public.memberships (profile_id, role) where deleted_at is null;
create index memberships_organization_sync_idx on public.memberships (organization_id, sync_txid, id);
-- Live roles by organisation (the reports' staff, the policies' methodist checks). Partial, so a
-- pull's partition by organisation, which does not ask for live rows only, cannot take it: it
-- would read the organisation's every membership instead of those since the last pull.
drop index public.memberships_organization_id_idx;
create index memberships_organization_role_idx on public.memberships (organization_id, role) where deleted_at is null;

drop index public.assessments_teacher_id_idx;
create index assessments_teacher_sync_idx on public.assessments (teacher_id, sync_txid, id);
drop index public.deficits_teacher_id_idx;
create index deficits_teacher_sync_idx on public.deficits (teacher_id, sync_txid, id);
drop index public.development_plans_teacher_id_idx;
create index development_plans_teacher_sync_idx on public.development_plans (teacher_id, sync_txid, id);
drop index public.plan_actions_teacher_id_idx;
create index plan_actions_teacher_sync_idx on public.plan_actions (teacher_id, sync_txid, id);
drop index public.activities_teacher_id_idx;
create index activities_teacher_sync_idx on public.activities (teacher_id, sync_txid, id);

drop index public.observations_teacher_id_idx;
create index observations_teacher_sync_idx on public.observations (teacher_id, sync_txid, id);
drop index public.observations_observer_id_idx;
create index observations_observer_sync_idx on public.observations (observer_id, sync_txid, id);

drop index public.mentoring_pairs_mentor_id_idx;
create index mentoring_pairs_mentor_sync_idx on public.mentoring_pairs (mentor_id, sync_txid, id);
drop index public.mentoring_pairs_mentee_id_idx;
create index mentoring_pairs_mentee_sync_idx on public.mentoring_pairs (mentee_id, sync_txid, id);
drop index public.mentoring_pairs_school_id_idx;
create index mentoring_pairs_school_sync_idx on public.mentoring_pairs (school_id, sync_txid, id);

drop index public.mentoring_sessions_mentor_id_idx;
create index mentoring_sessions_mentor_sync_idx on public.mentoring_sessions (mentor_id, sync_txid, id);
drop index public.mentoring_sessions_mentee_id_idx;
create index mentoring_sessions_mentee_sync_idx on public.mentoring_sessions (mentee_id, sync_txid, id);

drop index public.comments_author_id_idx;
create index comments_author_sync_idx on public.comments (author_id, sync_txid, id);
create index comments_target_teacher_sync_idx on public.comments (target_teacher_id, sync_txid, id);
create index comments_target_party_sync_idx on public.comments (target_party_id, sync_txid, id);

drop index public.recommendations_author_id_idx;
create index recommendations_author_sync_idx on public.recommendations (author_id, sync_txid, id);
drop index public.recommendations_teacher_id_idx;
create index recommendations_teacher_sync_idx on public.recommendations (teacher_id, sync_txid, id);
drop index public.recommendations_organization_id_idx;
create index recommendations_organization_sync_idx on public.recommendations (organization_id, sync_txid, id);

create index indicator_targets_organization_sync_idx on public.indicator_targets (organization_id, sync_txid, id);

drop index public.sync_conflicts_user_id_idx;
create index sync_conflicts_user_sync_idx on public.sync_conflicts (user_id, sync_txid, id);
drop index public.sync_conflicts_profile_id_idx;
create index sync_conflicts_profile_sync_idx on public.sync_conflicts (profile_id, sync_txid, id);
drop index public.sync_conflicts_overwritten_by_idx;
create index sync_conflicts_overwritten_by_sync_idx on public.sync_conflicts (overwritten_by, sync_txid, id);

-- Tables no grant reads whole lose their (sync_txid, id) index: a pull reads them by key only, and
-- with that index at hand the planner may take a range of every user's recent changes instead of
-- the caller's keys (it also costs every write an index entry).
drop index public.assessments_sync_txid_idx;
drop index public.deficits_sync_txid_idx;
drop index public.development_plans_sync_txid_idx;
drop index public.plan_actions_sync_txid_idx;
drop index public.activities_sync_txid_idx;
drop index public.mentoring_sessions_sync_txid_idx;
drop index public.observations_sync_txid_idx;
drop index public.comments_sync_txid_idx;
drop index public.sync_conflicts_sync_txid_idx;

-- ——— Teacher-owned rows without a function call per row —————————————————————————————————————
-- private.can_read_teacher (security definer, so never inlined) runs its queries once per row: a
-- teacher's first pull of 10,000 rows of her own spent nine tenths of its time there. The same
-- rule as one init plan per statement: private.readable_teacher_ids() is exactly the teachers
-- can_read_teacher admits (the caller, their active mentees, the live teachers of a school whose
-- methodist they are). The RLS matrix (tests/db/rls-matrix.db.ts) holds both to the same cells.

drop policy assessments_select on public.assessments;
create policy assessments_select on public.assessments for select to authenticated
  using (teacher_id = any ((select private.readable_teacher_ids())::uuid[]));
drop policy deficits_select on public.deficits;
create policy deficits_select on public.deficits for select to authenticated
  using (teacher_id = any ((select private.readable_teacher_ids())::uuid[]));
drop policy development_plans_select on public.development_plans;
create policy development_plans_select on public.development_plans for select to authenticated
  using (teacher_id = any ((select private.readable_teacher_ids())::uuid[]));
drop policy plan_actions_select on public.plan_actions;
create policy plan_actions_select on public.plan_actions for select to authenticated
  using (teacher_id = any ((select private.readable_teacher_ids())::uuid[]));
drop policy activities_select on public.activities;
create policy activities_select on public.activities for select to authenticated
  using (teacher_id = any ((select private.readable_teacher_ids())::uuid[]));
drop policy observations_select on public.observations;
create policy observations_select on public.observations for select to authenticated using (
  observer_id = (select private.my_profile_id())
  or teacher_id = any ((select private.readable_teacher_ids())::uuid[])
);

-- ——— Partitions and grants ——————————————————————————————————————————————————————————————————

-- Which partitions each kind of grant reads: (kind, table, column); column '' is the whole table
-- (kinds without a key). The order (C collation) is the order a sweep walks them in. A partition
-- is exact when holding the grant means reading every row of it (with its condition: a teacher
-- reads the school-wide recommendations of her school, a mentor not the comments on another
-- mentor's sessions); the others hold more than the grant shows (row-level security filters
-- them: nobody reads a conflict on a row they cannot read, an organisation's targets only while
-- it is live), so a row of theirs is not known to be on the device just because the grant is old.
create function private.sync_partitions() returns table (kind text, table_name text, column_name text, exact boolean, condition text, ord integer)
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
    ('org', 'indicator_targets', 'organization_id', true, ''),
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

-- The caller's grants for a sweep from (p_base, p_base_date) to (p_target, p_target_date).
-- A grant rests on one or more paths (a methodist may hold two memberships of the same school);
-- a path's txid is the latest access_txid of its rows. The sweep includes a grant that some path
-- gave before p_target (valid on p_target_date); the grant is fresh (its partitions are sent
-- whole) unless some path already gave it before p_base (valid on p_base_date).
-- Security definer: it reads memberships, pairs and profiles to name keys; the rows themselves
-- are read by sync_pull under the caller's row-level security.
create function private.sync_grants(p_base xid8, p_base_date date, p_target xid8, p_target_date date)
returns table (kind text, key uuid, fresh boolean)
language sql stable security definer set search_path = ''
as $$
  with recursive me as (
    select private.my_profile_id() as id
  ),
  mine as (
    select m.organization_id, m.role, m.access_txid
    from public.memberships m, me
    where m.profile_id = me.id and m.deleted_at is null
  ),
  -- Organisations under a municipal methodist's organisation, through live ones (as
  -- private.report_access_or_null walks them), with the latest access_txid on the way down.
  down (id, txid, depth) as (
    select o.id, greatest(m.access_txid, o.access_txid), 0
    from mine m
    cross join lateral (
      select o.id, o.access_txid from public.organizations o where o.id = m.organization_id and o.deleted_at is null offset 0
    ) o
    where m.role = 'municipal_methodist'
    union all
    select o.id, greatest(d.txid, o.access_txid), d.depth + 1
    from down d
    cross join lateral (
      select o.id, o.access_txid from public.organizations o where o.parent_id = d.id and o.deleted_at is null offset 0
    ) o
    where d.depth < 10
  ),
  paths (kind, key, txid, on_base, on_target) as (
    select 'all', '00000000-0000-0000-0000-000000000000'::uuid, '0'::xid8, true, true
    union all
    select 'user', auth.uid(), '0'::xid8, true, true where auth.uid() is not null
    union all
    select 'self', me.id, '0'::xid8, true, true from me where me.id is not null
    union all
    select 'admin', '00000000-0000-0000-0000-000000000000'::uuid, m.access_txid, true, true from mine m where m.role = 'admin'
    union all
    select 'school', m.organization_id,
      greatest(m.access_txid, coalesce((select o.access_txid from public.organizations o where o.id = m.organization_id), '0'::xid8)), true, true
    from mine m
    where m.role = 'school_methodist'
    union all
    select 'schoolwide', m.organization_id, m.access_txid, true, true from mine m where m.role in ('teacher', 'mentor')
    union all
    select 'staff', t.id, greatest(m.access_txid, t.access_txid), true, true
    from mine m
    cross join lateral (
      select t.id, t.access_txid from public.profiles t where t.school_id = m.organization_id and t.deleted_at is null offset 0
    ) t
    where m.role = 'school_methodist'
    union all
    select 'mentee', p.mentee_id, p.access_txid,
      p.start_date <= p_base_date and (p.end_date is null or p.end_date >= p_base_date),
      p.start_date <= p_target_date and (p.end_date is null or p.end_date >= p_target_date)
    from public.mentoring_pairs p, me
    where p.mentor_id = me.id and p.status = 'active' and p.deleted_at is null
    union all
    select 'partner', p.mentee_id, p.access_txid, true, true
    from public.mentoring_pairs p, me where p.mentor_id = me.id and p.deleted_at is null
    union all
    select 'partner', p.mentor_id, p.access_txid, true, true
    from public.mentoring_pairs p, me where p.mentee_id = me.id and p.deleted_at is null
    union all
    select 'org', d.id, d.txid, true, true from down d
  )
  select p.kind, p.key, not coalesce(bool_or(p.txid < p_base and p.on_base), false)
  from paths p
  group by p.kind, p.key
  having bool_or(p.txid < p_target and p.on_target)
$$;

-- Every live profile the caller can select, or null for an administrator (who reads them all:
-- the list would be the whole region on every pull). The same answer as
-- `select id from public.profiles where deleted_at is null` under the caller's RLS, by index.
-- Written as `= any (array(…))`, not as joins: the planner weighs a join against a merge join
-- by looking up the ends of the joined indexes, which reads other schools' entries.
create function private.sync_profile_scope() returns uuid[]
language sql stable security definer set search_path = ''
as $$
  select case when private.is_admin() then null else (
    select coalesce(array_agg(p.id order by p.id), '{}')
    from public.profiles p
    where p.deleted_at is null and p.id = any (array(
      select private.my_profile_id()
      union all
      select x.mentee_id from public.mentoring_pairs x where x.mentor_id = private.my_profile_id() and x.deleted_at is null
      union all
      select x.mentor_id from public.mentoring_pairs x where x.mentee_id = private.my_profile_id() and x.deleted_at is null
      union all
      select t.id from public.profiles t
      where t.school_id = any (array(
        select m.organization_id from public.memberships m
        where m.profile_id = private.my_profile_id() and m.role = 'school_methodist' and m.deleted_at is null)))))
  end
$$;

-- The teachers whose rows the caller may read (the scope's teacher_ids), by index as above. (No
-- `where id is not null` over the union: pushed into each branch it becomes an index condition
-- that walks a whole index; the caller without a profile is taken out of the array instead.)
create or replace function private.readable_teacher_ids() returns uuid[]
language sql stable security definer set search_path = ''
as $$
  select array_remove(coalesce(array_agg(distinct t.id order by t.id), '{}'), null)
  from (
    select private.my_profile_id() as id
    union all
    select p.mentee_id from public.mentoring_pairs p
    where p.mentor_id = private.my_profile_id() and p.status = 'active' and p.deleted_at is null
      and p.start_date <= current_date and (p.end_date is null or p.end_date >= current_date)
    union all
    select t.id from public.profiles t
    where t.deleted_at is null and t.school_id = any (array(
      select m.organization_id from public.memberships m
      where m.profile_id = private.my_profile_id() and m.role = 'school_methodist' and m.deleted_at is null))
  ) t
$$;

-- ——— sync_pull ————————————————————————————————————————————————————————————————————————————

-- One partition of a sweep: a (kind, table, column) and the keys the caller holds of that kind,
-- each with the txid its rows are read from (0 for a fresh grant, else the sweep's base).
create type private.sync_partition as (kind text, table_name text, column_name text, exact boolean, condition text, ord integer, keys uuid[], lowers xid8[]);

-- Of the teachers whose rows the caller reads (private.readable_teacher_ids), those with a row
-- in [p_base, p_target) in each teacher-keyed partition column. A methodist's empty pull would
-- otherwise probe every teacher of the school in every table (60 teachers × 8 tables), each probe
-- a statement that evaluates the row-level security's init plan; this is one index scan per table
-- over all of them. Security definer: it names only teachers the caller may read, and whether
-- they changed, which the caller's own pull would show.
create function private.sync_changed_teachers(p_base xid8, p_target xid8)
returns table (table_name text, column_name text, key uuid)
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_keys uuid[] := private.readable_teacher_ids();
begin
  return query
    select 'activities', 'teacher_id', x.teacher_id from (select distinct y.teacher_id from public.activities y
      where y.teacher_id = any (v_keys) and y.sync_txid >= p_base and y.sync_txid < p_target) x
    union all
    select 'assessments', 'teacher_id', x.teacher_id from (select distinct y.teacher_id from public.assessments y
      where y.teacher_id = any (v_keys) and y.sync_txid >= p_base and y.sync_txid < p_target) x
    union all
    select 'comments', 'target_teacher_id', x.target_teacher_id from (select distinct y.target_teacher_id from public.comments y
      where y.target_teacher_id = any (v_keys) and y.sync_txid >= p_base and y.sync_txid < p_target) x
    union all
    select 'deficits', 'teacher_id', x.teacher_id from (select distinct y.teacher_id from public.deficits y
      where y.teacher_id = any (v_keys) and y.sync_txid >= p_base and y.sync_txid < p_target) x
    union all
    select 'development_plans', 'teacher_id', x.teacher_id from (select distinct y.teacher_id from public.development_plans y
      where y.teacher_id = any (v_keys) and y.sync_txid >= p_base and y.sync_txid < p_target) x
    union all
    select 'mentoring_sessions', 'mentee_id', x.mentee_id from (select distinct y.mentee_id from public.mentoring_sessions y
      where y.mentee_id = any (v_keys) and y.sync_txid >= p_base and y.sync_txid < p_target) x
    union all
    select 'observations', 'teacher_id', x.teacher_id from (select distinct y.teacher_id from public.observations y
      where y.teacher_id = any (v_keys) and y.sync_txid >= p_base and y.sync_txid < p_target) x
    union all
    select 'plan_actions', 'teacher_id', x.teacher_id from (select distinct y.teacher_id from public.plan_actions y
      where y.teacher_id = any (v_keys) and y.sync_txid >= p_base and y.sync_txid < p_target) x;
end
$$;

-- The rows of one partition for a page: per key, one index range scan of (column, sync_txid, id)
-- from the key's start (after (lower, nil), or after the cursor for the key it stopped at) to the
-- sweep's horizon, at most p_limit in (key, txid, id) order.
--
-- Generated below from private.sync_partitions(): one branch per partition, each a static query,
-- so PL/pgSQL keeps its plan for the connection (planning a query with its row-level security was
-- most of an empty pull's time when each was built as text). The bounds are written so that only
-- the (column, sync_txid, id) index can serve them: given sync_txid bounds alone the planner may
-- prefer (sync_txid, id) when the range since the last pull looks small, and then reads every
-- user's changes in it. A profile by id is one primary-key lookup, its bounds only a filter.
--
-- Each row once. A branch leaves out the rows an earlier partition of the same table sent in this
-- sweep, and the rows the device already had through an exact partition of an old grant (the
-- methodist's own membership is both 'self' and 'school'; a teacher made methodist holds her
-- own rows). Those partitions' keys and lower bounds come from p_parts (null when not held).
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
create function private.sync_read(p_ord integer, p_keys uuid[], p_from_txids xid8[], p_from_ids uuid[], p_target xid8,
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

-- Cursor (opaque to the client):
--   v2:<me>:<base>:<base date>                      between sweeps: every grant is complete up to base
--   v2:<me>:<base>:<base date>:<target>:<target date>:<kind>:<table>:<column>:<key>:<txid>:<id>
--                                                   inside a sweep: the last row sent
-- <me> is the caller's profile id ('-' for none): a cursor made for another profile starts over.
-- A v1 cursor (the pull before partitions) starts over too.
-- Nested loops over index scans only: every read of a pull starts from the caller's own keys
-- and has an index that follows them, and a pull must cost what the caller can see. Otherwise the
-- planner may take a sequential scan, or a merge or hash join over a whole index, of a small or
-- skewed table (one large school among a few) because over the whole table that is cheaper, and
-- the caller pays for other schools' rows (tests/db/sync-partitions.db.ts counts them).
-- plan_cache_mode = force_generic_plan: private.sync_read's plans are made once per connection and
-- never with the horizon as a constant (a constant bound on sync_txid would have the planner look
-- up the ends of the (sync_txid, id) index on every call).
create or replace function public.sync_pull(p_cursor text default null, p_limit integer default 500) returns jsonb
language plpgsql security invoker set search_path = '' set timezone = 'UTC'
  set enable_seqscan = off set enable_hashjoin = off set enable_mergejoin = off set plan_cache_mode = force_generic_plan
as $$
declare
  c_nil constant uuid := '00000000-0000-0000-0000-000000000000';
  v_me uuid := private.my_profile_id();
  v_limit integer := least(greatest(coalesce(p_limit, 500), 1), 5000);
  v_cursor text := nullif(p_cursor, '');
  v_match text[];
  v_base xid8 := '0';
  v_base_date date := current_date;
  -- The horizon now: rows of transactions older than every transaction still running.
  v_now xid8 := pg_snapshot_xmin(pg_current_snapshot());
  v_target xid8 := v_now;
  v_target_date date := current_date;
  -- The last row sent: its partition (kind, table, column), key, txid and id.
  v_pkind text := '';
  v_ptable text := '';
  v_pcolumn text := '';
  v_pkey uuid := c_nil;
  v_ptxid xid8 := '0';
  v_pid uuid := c_nil;
  -- Where this call starts reading each key of the partition at hand.
  v_keys uuid[];
  v_from_txids xid8[];
  v_from_ids uuid[];
  v_parts private.sync_partition[];
  -- 'table.column.key' of the caller's teachers with a row since the base (sync_changed_teachers).
  v_changed text[];
  v_part private.sync_partition;
  v_got record;
  v_rows jsonb[] := '{}';
  v_count integer := 0;
  v_teachers uuid[];
  v_profiles uuid[];
begin
  if auth.uid() is null then
    raise exception using errcode = '42501', message = 'sync_pull needs a signed-in user';
  end if;
  if v_cursor is not null and v_cursor !~ '^v1:[0-9]{1,20}:[a-z_]{1,63}:[0-9a-f-]{36}$' then
    v_match := regexp_match(v_cursor,
      '^v2:([0-9a-f-]{36}|-):([0-9]{1,20}):([0-9]{8})(?::([0-9]{1,20}):([0-9]{8}):([a-z]{0,20}):([a-z_]{0,63}):([a-z_]{0,63}):([0-9a-f-]{36}):([0-9]{1,20}):([0-9a-f-]{36}))?$');
    if v_match is null then
      raise exception using errcode = '22023', message = 'invalid cursor';
    end if;
    -- Another profile's cursor (an account linked anew): nothing it covered is known to be ours.
    if v_match[1] = coalesce(v_me::text, '-') then
      v_base := v_match[2]::xid8;
      v_base_date := to_date(v_match[3], 'YYYYMMDD');
      if v_match[4] is not null then
        v_target := v_match[4]::xid8;
        v_target_date := to_date(v_match[5], 'YYYYMMDD');
        v_pkind := v_match[6];
        v_ptable := v_match[7];
        v_pcolumn := v_match[8];
        v_pkey := v_match[9]::uuid;
        v_ptxid := v_match[10]::xid8;
        v_pid := v_match[11]::uuid;
      end if;
    end if;
  end if;

  <<sweep>>
  loop
    select coalesce(array_agg(row(x.kind, x.table_name, x.column_name, x.exact, x.condition, x.ord, x.keys, x.lowers)::private.sync_partition
                              order by x.ord), '{}')
    into v_parts
    from (
      select s.kind, s.table_name, s.column_name, s.exact, s.condition, s.ord,
             array_agg(g.key order by g.key) as keys,
             array_agg(case when g.fresh then '0'::xid8 else v_base end order by g.key) as lowers
      from private.sync_partitions() s
      join private.sync_grants(v_base, v_base_date, v_target, v_target_date) g on g.kind = s.kind
      group by s.kind, s.table_name, s.column_name, s.exact, s.condition, s.ord
    ) x;

    foreach v_part in array v_parts loop
      -- Partitions before the cursor's are done; the cursor's resumes after its (key, txid, id);
      -- later ones start at their beginning.
      continue when (v_part.kind collate "C", v_part.table_name collate "C", v_part.column_name collate "C")
                    < (v_pkind collate "C", v_ptable collate "C", v_pcolumn collate "C");
      -- Where each key starts: after (lower, nil) — its rows from its lower bound — or, for the
      -- key the cursor stopped at, after the cursor's (txid, id). Keys before it are done.
      if (v_part.kind, v_part.table_name, v_part.column_name) = (v_pkind, v_ptable, v_pcolumn) then
        select coalesce(array_agg(u.k order by u.k), '{}'),
               coalesce(array_agg(case when u.k = v_pkey then v_ptxid else u.l end order by u.k), '{}'),
               coalesce(array_agg(case when u.k = v_pkey then v_pid else c_nil end order by u.k), '{}')
        into v_keys, v_from_txids, v_from_ids
        from unnest(v_part.keys, v_part.lowers) u (k, l)
        where u.k >= v_pkey;
      elsif cardinality(v_part.keys) > 4 and (v_part.table_name, v_part.column_name) in (
          ('activities', 'teacher_id'), ('assessments', 'teacher_id'), ('comments', 'target_teacher_id'), ('deficits', 'teacher_id'),
          ('development_plans', 'teacher_id'), ('mentoring_sessions', 'mentee_id'), ('observations', 'teacher_id'), ('plan_actions', 'teacher_id')) then
        -- Many teachers (a methodist's staff): only the fresh ones and those with a row since the
        -- base have anything to read.
        if v_changed is null then
          select coalesce(array_agg(c.table_name || '.' || c.column_name || '.' || c.key), '{}') into v_changed
          from private.sync_changed_teachers(v_base, v_target) c;
        end if;
        select coalesce(array_agg(u.k order by u.k), '{}'), coalesce(array_agg(u.l order by u.k), '{}'), coalesce(array_agg(c_nil), '{}')
        into v_keys, v_from_txids, v_from_ids
        from unnest(v_part.keys, v_part.lowers) u (k, l)
        where u.l = '0'::xid8 or (v_part.table_name || '.' || v_part.column_name || '.' || u.k) = any (v_changed);
      else
        v_keys := v_part.keys;
        v_from_txids := v_part.lowers;
        v_from_ids := array_fill(c_nil, array[cardinality(v_part.keys)]);
      end if;
      continue when cardinality(v_keys) = 0;
      -- One more row than asked for tells whether another page is waiting.
      for v_got in select * from private.sync_read(v_part.ord, v_keys, v_from_txids, v_from_ids, v_target, v_limit + 1 - v_count, v_parts)
      loop
        v_count := v_count + 1;
        exit when v_count > v_limit;
        -- An array append (not jsonb ||, which would copy the page so far for every row).
        v_rows := v_rows || jsonb_build_object('table', v_part.table_name, 'row', v_got.j);
        v_pkind := v_part.kind;
        v_ptable := v_part.table_name;
        v_pcolumn := v_part.column_name;
        v_pkey := v_got.key;
        v_ptxid := v_got.sync_txid;
        v_pid := v_got.id;
      end loop;
      exit when v_count > v_limit;
    end loop;
    exit sweep when v_count > v_limit;
    -- The sweep is complete. A sweep that began in an earlier call stops at that call's horizon;
    -- what committed since is this call's to send, so the page goes on with a new sweep from
    -- there (has_more = false must mean: up to date as of this call).
    exit sweep when v_target >= v_now;
    v_base := v_target;
    v_base_date := v_target_date;
    v_changed := null;
    v_target := v_now;
    v_target_date := current_date;
    v_pkind := '';
    v_ptable := '';
    v_pcolumn := '';
  end loop;

  v_teachers := private.readable_teacher_ids();
  if v_count > v_limit then
    return jsonb_build_object(
      'changes', to_jsonb(v_rows),
      'cursor', format('v2:%s:%s:%s:%s:%s:%s:%s:%s:%s:%s:%s', coalesce(v_me::text, '-'), v_base, to_char(v_base_date, 'YYYYMMDD'),
        v_target, to_char(v_target_date, 'YYYYMMDD'), v_pkind, v_ptable, v_pcolumn, v_pkey, v_ptxid, v_pid),
      'has_more', true,
      'scope', jsonb_build_object('teacher_ids', to_jsonb(v_teachers)));
  end if;
  -- The sweep is complete: every grant it included is now up to date at its horizon. The
  -- profiles to keep come on this last page only (the client purges once a sweep is done); an
  -- administrator's scope has none, as they read every profile.
  v_profiles := private.sync_profile_scope();
  return jsonb_build_object(
    'changes', to_jsonb(v_rows),
    'cursor', format('v2:%s:%s:%s', coalesce(v_me::text, '-'), v_target, to_char(v_target_date, 'YYYYMMDD')),
    'has_more', false,
    'scope', jsonb_strip_nulls(jsonb_build_object('teacher_ids', to_jsonb(v_teachers), 'profile_ids', to_jsonb(v_profiles))));
end
$$;

revoke all on function private.server_columns(), private.stamp_access(), private.comment_target(), private.sync_partitions(),
  private.sync_grants(xid8, date, xid8, date), private.sync_profile_scope(), private.readable_teacher_ids(),
  private.sync_changed_teachers(xid8, xid8), private.sync_read(integer, uuid[], xid8[], uuid[], xid8, integer, private.sync_partition[])
  from public, anon;
grant execute on function private.server_columns(), private.stamp_access(), private.comment_target(), private.sync_partitions(),
  private.sync_grants(xid8, date, xid8, date), private.sync_profile_scope(), private.readable_teacher_ids(),
  private.sync_changed_teachers(xid8, xid8), private.sync_read(integer, uuid[], xid8[], uuid[], xid8, integer, private.sync_partition[])
  to authenticated, service_role;
