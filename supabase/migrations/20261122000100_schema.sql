-- Schema of the synced tables. Names mirror the client (src/lib/db/database.ts SYNCED_TABLES);
-- columns are the snake_case of the client's fields, plus sync_txid (server only). Checks repeat
-- the client's schemas (src/lib/domain/schemas/*.ts): the client is not a security boundary.
--
-- Every synced table has the same meta columns, kept by private.stamp_row():
--   id         made on the device
--   version    1 on insert, +1 on every update
--   updated_at / updated_by   display only; updated_by is the writer's PROFILE id
--   deleted_at tombstone: synced rows are never hard-deleted
--   sync_txid  the writing transaction, for the gap-free pull cursor (see sync_pull)

create schema if not exists private;
revoke all on schema private from public;

-- ——— Helper: the caller's profile ————————————————————————————————————————————————
-- Declared here because the stamp trigger needs it; the other RLS helpers are in the rls migration.
-- security definer: reads profiles without going through profiles' own policies (no recursion).

create table public.profiles (
  id uuid primary key,
  version integer not null default 0,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  deleted_at timestamptz,
  sync_txid xid8 not null default pg_current_xact_id(),
  user_id uuid unique references auth.users (id) on delete set null,
  full_name text not null,
  email text,
  school_id uuid,
  association_id uuid,
  position text,
  subjects jsonb not null default '[]'::jsonb,
  experience_years integer not null default 0,
  category text not null default 'none',
  category_expires_on date,
  education text not null default 'higher',
  birth_year integer not null,
  constraint profiles_full_name_required check (btrim(full_name, E' \t\r\n') <> ''),
  constraint profiles_full_name_length check (char_length(full_name) <= 200),
  constraint profiles_email_length check (char_length(email) <= 254),
  constraint profiles_email_format check (email ~ '^[^[:space:]@]+@[^[:space:]@]+\.[^[:space:]@]+$'),
  constraint profiles_position_length check (char_length(position) <= 200),
  constraint profiles_subjects_type check (jsonb_typeof(subjects) = 'array' and jsonb_array_length(subjects) <= 20),
  constraint profiles_experience_years_range check (experience_years between 0 and 60),
  constraint profiles_category_option check (category in ('highest', 'first', 'conformity', 'none')),
  constraint profiles_category_expires_on_range check (category_expires_on between date '1950-01-01' and date '2100-12-31'),
  constraint profiles_category_expiry check ((category = 'none') = (category_expires_on is null)),
  constraint profiles_education_option check (education in ('higher', 'vocational')),
  constraint profiles_birth_year_range check (birth_year between 1940 and 2010)
);

create function private.my_profile_id() returns uuid
language sql stable security definer set search_path = ''
as $$
  select p.id from public.profiles p
  where p.user_id = (select auth.uid()) and p.deleted_at is null
  limit 1
$$;

-- ——— Meta columns ——————————————————————————————————————————————————————————————————

create function private.stamp_row() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    new.version := 1;
  else
    new.id := old.id;
    new.version := old.version + 1;
  end if;
  new.updated_at := now();
  new.updated_by := private.my_profile_id();
  new.sync_txid := pg_current_xact_id();
  return new;
end
$$;

-- Shared text rules as functions keep the checks short and identical everywhere.
create function private.is_blank(value text) returns boolean
language sql immutable set search_path = ''
as $$ select btrim(value, E' \t\r\n') = '' $$;

create function private.is_plausible_date(value date) returns boolean
language sql immutable set search_path = ''
as $$ select value between date '1950-01-01' and date '2100-12-31' $$;

-- ——— Organisations ————————————————————————————————————————————————————————————————

create table public.organizations (
  id uuid primary key,
  version integer not null default 0,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  deleted_at timestamptz,
  sync_txid xid8 not null default pg_current_xact_id(),
  kind text not null,
  name text not null,
  short_name text,
  parent_id uuid references public.organizations (id),
  low_results boolean not null default false,
  adverse_conditions boolean not null default false,
  program500 boolean not null default false,
  constraint organizations_kind_option check (kind in ('region', 'municipality', 'school', 'methodical_association')),
  constraint organizations_name_required check (not private.is_blank(name)),
  constraint organizations_name_length check (char_length(name) <= 200),
  constraint organizations_short_name_length check (char_length(short_name) <= 200),
  constraint organizations_parent check ((kind = 'region') = (parent_id is null)),
  constraint organizations_flags check (kind = 'school' or not (low_results or adverse_conditions or program500))
);

alter table public.profiles
  add constraint profiles_school_id_fkey foreign key (school_id) references public.organizations (id),
  add constraint profiles_association_id_fkey foreign key (association_id) references public.organizations (id);

create table public.memberships (
  id uuid primary key,
  version integer not null default 0,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  deleted_at timestamptz,
  sync_txid xid8 not null default pg_current_xact_id(),
  profile_id uuid not null references public.profiles (id),
  organization_id uuid not null references public.organizations (id),
  role text not null,
  constraint memberships_role_option check (role in ('teacher', 'mentor', 'school_methodist', 'municipal_methodist', 'admin'))
);

-- ——— Competency frameworks ————————————————————————————————————————————————————————

create table public.frameworks (
  id uuid primary key,
  version integer not null default 0,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  deleted_at timestamptz,
  sync_txid xid8 not null default pg_current_xact_id(),
  code text not null,
  revision integer not null default 1,
  title text not null,
  scale jsonb not null,
  competencies jsonb not null,
  constraint frameworks_code_format check (char_length(code) <= 50 and code ~ '^[a-z0-9][a-z0-9-]*$'),
  constraint frameworks_revision_range check (revision between 1 and 10000),
  constraint frameworks_title_required check (not private.is_blank(title)),
  constraint frameworks_title_length check (char_length(title) <= 300),
  constraint frameworks_scale_type check (jsonb_typeof(scale) = 'array' and jsonb_array_length(scale) = 4),
  constraint frameworks_competencies_type check (
    jsonb_typeof(competencies) = 'array' and jsonb_array_length(competencies) between 1 and 50
  )
);

-- ——— Teacher-owned tables ——————————————————————————————————————————————————————————

create table public.assessments (
  id uuid primary key,
  version integer not null default 0,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  deleted_at timestamptz,
  sync_txid xid8 not null default pg_current_xact_id(),
  teacher_id uuid not null references public.profiles (id),
  assessor_id uuid references public.profiles (id),
  framework_id uuid not null references public.frameworks (id),
  framework_version integer not null,
  kind text not null,
  stage text not null,
  academic_year integer not null,
  status text not null default 'draft',
  scores jsonb not null default '{}'::jsonb,
  current_competency_id text,
  started_at timestamptz not null,
  submitted_at timestamptz,
  constraint assessments_framework_version_range check (framework_version >= 1),
  constraint assessments_kind_option check (kind in ('self', 'expert', 'test', 'observation')),
  constraint assessments_stage_option check (stage in ('entry', 'intermediate', 'final')),
  constraint assessments_academic_year_range check (academic_year between 2000 and 2100),
  constraint assessments_status_option check (status in ('draft', 'submitted')),
  constraint assessments_scores_type check (jsonb_typeof(scores) = 'object'),
  constraint assessments_current_competency_id_format check (
    char_length(current_competency_id) <= 100 and current_competency_id ~ '^[a-z][a-z0-9-]*$'
  ),
  constraint assessments_submitted check ((status = 'submitted') = (submitted_at is not null)),
  constraint assessments_submitted_after_start check (submitted_at >= started_at),
  constraint assessments_assessor check (
    case kind
      when 'self' then assessor_id is null or assessor_id = teacher_id
      when 'expert' then assessor_id is not null and assessor_id <> teacher_id
      else true
    end
  )
);

create table public.deficits (
  id uuid primary key,
  version integer not null default 0,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  deleted_at timestamptz,
  sync_txid xid8 not null default pg_current_xact_id(),
  teacher_id uuid not null references public.profiles (id),
  competency_id text not null,
  indicator_ids jsonb not null default '[]'::jsonb,
  source text not null,
  description text not null default '',
  status text not null,
  confirmed_at timestamptz,
  source_assessment_id uuid,
  source_observation_id uuid,
  history jsonb not null default '[]'::jsonb,
  constraint deficits_competency_id_format check (char_length(competency_id) <= 100 and competency_id ~ '^[a-z][a-z0-9-]*$'),
  constraint deficits_indicator_ids_type check (jsonb_typeof(indicator_ids) = 'array' and jsonb_array_length(indicator_ids) <= 6),
  constraint deficits_source_option check (
    source in ('self_assessment', 'gia_analysis', 'lesson_observation', 'vsoko', 'noko', 'testing', 'expert_review')
  ),
  constraint deficits_description_length check (char_length(description) <= 4000),
  constraint deficits_status_option check (status in ('proposed', 'identified', 'in_progress', 'overcome', 'dismissed')),
  constraint deficits_history_type check (jsonb_typeof(history) = 'array' and jsonb_array_length(history) <= 200)
);

create table public.development_plans (
  id uuid primary key,
  version integer not null default 0,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  deleted_at timestamptz,
  sync_txid xid8 not null default pg_current_xact_id(),
  teacher_id uuid not null references public.profiles (id),
  academic_year integer not null,
  goals text not null default '',
  deficit_ids jsonb not null default '[]'::jsonb,
  status text not null default 'draft',
  approved_by uuid references public.profiles (id),
  approved_at timestamptz,
  constraint development_plans_academic_year_range check (academic_year between 2000 and 2100),
  constraint development_plans_goals_length check (char_length(goals) <= 4000),
  constraint development_plans_deficit_ids_type check (jsonb_typeof(deficit_ids) = 'array' and jsonb_array_length(deficit_ids) <= 100),
  constraint development_plans_status_option check (status in ('draft', 'active', 'completed')),
  constraint development_plans_approval check ((approved_by is null) = (approved_at is null)),
  constraint development_plans_approver check (approved_by <> teacher_id)
);

create table public.plan_actions (
  id uuid primary key,
  version integer not null default 0,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  deleted_at timestamptz,
  sync_txid xid8 not null default pg_current_xact_id(),
  plan_id uuid not null references public.development_plans (id),
  teacher_id uuid not null references public.profiles (id),
  deficit_id uuid,
  type text not null,
  title text not null,
  result_form text not null default '',
  deadline date,
  hours numeric,
  status text not null default 'planned',
  evidence jsonb not null default '[]'::jsonb,
  reflection text not null default '',
  completed_at timestamptz,
  source_observation_id uuid,
  constraint plan_actions_type_option check (
    type in ('course', 'self_study', 'methodical_association', 'peer_visit', 'master_class', 'internship',
             'competition', 'mentoring', 'open_lesson', 'other')
  ),
  constraint plan_actions_title_required check (not private.is_blank(title)),
  constraint plan_actions_title_length check (char_length(title) <= 300),
  constraint plan_actions_result_form_length check (char_length(result_form) <= 300),
  constraint plan_actions_deadline_range check (private.is_plausible_date(deadline)),
  constraint plan_actions_hours_range check (hours > 0 and hours <= 2000),
  constraint plan_actions_status_option check (status in ('planned', 'in_progress', 'done', 'cancelled')),
  constraint plan_actions_evidence_type check (jsonb_typeof(evidence) = 'array' and jsonb_array_length(evidence) <= 20),
  constraint plan_actions_reflection_length check (char_length(reflection) <= 4000),
  constraint plan_actions_completed check ((status = 'done') = (completed_at is not null))
);

create table public.activities (
  id uuid primary key,
  version integer not null default 0,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  deleted_at timestamptz,
  sync_txid xid8 not null default pg_current_xact_id(),
  teacher_id uuid not null references public.profiles (id),
  kind text not null,
  title text not null,
  start_date date not null,
  end_date date,
  provider text not null default '',
  hours numeric,
  certificate text not null default '',
  quality_related boolean not null default false,
  completed boolean not null default false,
  community_type text,
  competition_level text,
  result text not null default '',
  constraint activities_kind_option check (
    kind in ('course', 'community', 'competition', 'open_lesson', 'publication', 'methodical_day', 'internship')
  ),
  constraint activities_title_required check (not private.is_blank(title)),
  constraint activities_title_length check (char_length(title) <= 300),
  constraint activities_start_date_range check (private.is_plausible_date(start_date)),
  constraint activities_end_date_range check (private.is_plausible_date(end_date)),
  constraint activities_end_after_start check (end_date >= start_date),
  constraint activities_provider_length check (char_length(provider) <= 300),
  constraint activities_hours_range check (hours > 0 and hours <= 2000),
  constraint activities_certificate_length check (char_length(certificate) <= 200),
  constraint activities_result_length check (char_length(result) <= 300),
  constraint activities_community_type_option check (community_type in ('shmo', 'rmo', 'tgpr', 'pos', 'network')),
  constraint activities_competition_level_option check (competition_level in ('school', 'municipal', 'regional', 'federal')),
  constraint activities_completed_course_end check (not (kind = 'course' and completed and end_date is null)),
  constraint activities_community_type check ((kind = 'community') = (community_type is not null)),
  constraint activities_competition_level check ((kind = 'competition') = (competition_level is not null)),
  constraint activities_quality_related check (kind = 'course' or not quality_related)
);

-- ——— Mentoring ——————————————————————————————————————————————————————————————————————

create table public.mentoring_pairs (
  id uuid primary key,
  version integer not null default 0,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  deleted_at timestamptz,
  sync_txid xid8 not null default pg_current_xact_id(),
  school_id uuid not null references public.organizations (id),
  mentor_id uuid not null references public.profiles (id),
  mentee_id uuid not null references public.profiles (id),
  model text not null,
  start_date date not null,
  end_date date,
  status text not null default 'active',
  goals text not null default '',
  deficit_ids jsonb not null default '[]'::jsonb,
  planned_meetings jsonb not null default '[]'::jsonb,
  expected_results text not null default '',
  constraint mentoring_pairs_model_option check (
    model in ('experienced_young', 'leader_struggling', 'subject_expert_novice', 'head_teacher', 'group', 'peer')
  ),
  constraint mentoring_pairs_start_date_range check (private.is_plausible_date(start_date)),
  constraint mentoring_pairs_end_date_range check (private.is_plausible_date(end_date)),
  constraint mentoring_pairs_end_after_start check (end_date >= start_date),
  constraint mentoring_pairs_status_option check (status in ('active', 'completed', 'terminated')),
  constraint mentoring_pairs_finished_end check (status = 'active' or end_date is not null),
  constraint mentoring_pairs_distinct check (mentor_id <> mentee_id),
  constraint mentoring_pairs_goals_length check (char_length(goals) <= 4000),
  constraint mentoring_pairs_deficit_ids_type check (jsonb_typeof(deficit_ids) = 'array' and jsonb_array_length(deficit_ids) <= 100),
  constraint mentoring_pairs_planned_meetings_type check (
    jsonb_typeof(planned_meetings) = 'array' and jsonb_array_length(planned_meetings) <= 100
  ),
  constraint mentoring_pairs_expected_results_length check (char_length(expected_results) <= 4000)
);

create table public.mentoring_sessions (
  id uuid primary key,
  version integer not null default 0,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  deleted_at timestamptz,
  sync_txid xid8 not null default pg_current_xact_id(),
  pair_id uuid not null references public.mentoring_pairs (id),
  mentor_id uuid not null references public.profiles (id),
  mentee_id uuid not null references public.profiles (id),
  date date not null,
  format text not null,
  topic text not null,
  notes text not null default '',
  duration_minutes integer not null,
  next_steps text not null default '',
  acknowledged_at timestamptz,
  constraint mentoring_sessions_date_range check (private.is_plausible_date(date)),
  constraint mentoring_sessions_format_option check (
    format in ('consultation', 'joint_planning', 'lesson_review', 'lesson_visit', 'master_class')
  ),
  constraint mentoring_sessions_topic_required check (not private.is_blank(topic)),
  constraint mentoring_sessions_topic_length check (char_length(topic) <= 300),
  constraint mentoring_sessions_notes_length check (char_length(notes) <= 4000),
  constraint mentoring_sessions_duration_minutes_range check (duration_minutes between 5 and 600),
  constraint mentoring_sessions_next_steps_length check (char_length(next_steps) <= 4000),
  constraint mentoring_sessions_distinct check (mentor_id <> mentee_id)
);

-- ——— Lesson observations ————————————————————————————————————————————————————————————

create table public.observations (
  id uuid primary key,
  version integer not null default 0,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  deleted_at timestamptz,
  sync_txid xid8 not null default pg_current_xact_id(),
  observer_id uuid not null references public.profiles (id),
  teacher_id uuid not null references public.profiles (id),
  observer_role text not null,
  mode text not null default 'quick',
  status text not null default 'draft',
  date date not null,
  class_name text not null default '',
  subject text not null default '',
  topic text not null default '',
  purpose text not null default '',
  framework_id uuid not null references public.frameworks (id),
  framework_version integer not null,
  scores jsonb not null default '{}'::jsonb,
  duration_minutes integer,
  strengths text not null default '',
  notes text not null default '',
  recommendations jsonb not null default '[]'::jsonb,
  acknowledged_at timestamptz,
  reflection text not null default '',
  constraint observations_observer_role_option check (observer_role in ('mentor', 'methodist', 'peer')),
  constraint observations_mode_option check (mode in ('quick', 'full')),
  constraint observations_status_option check (status in ('draft', 'submitted')),
  constraint observations_date_range check (private.is_plausible_date(date)),
  constraint observations_class_name_length check (char_length(class_name) <= 200),
  constraint observations_subject_length check (char_length(subject) <= 200),
  constraint observations_topic_length check (char_length(topic) <= 300),
  constraint observations_purpose_length check (char_length(purpose) <= 4000),
  constraint observations_framework_version_range check (framework_version >= 1),
  constraint observations_scores_type check (jsonb_typeof(scores) = 'object'),
  constraint observations_duration_minutes_range check (duration_minutes between 1 and 600),
  constraint observations_strengths_length check (char_length(strengths) <= 4000),
  constraint observations_notes_length check (char_length(notes) <= 4000),
  constraint observations_recommendations_type check (
    jsonb_typeof(recommendations) = 'array' and jsonb_array_length(recommendations) <= 50
  ),
  constraint observations_reflection_length check (char_length(reflection) <= 4000),
  constraint observations_distinct check (observer_id <> teacher_id),
  constraint observations_acknowledged check (status = 'submitted' or acknowledged_at is null)
);

-- ——— Comments (insert-only) ——————————————————————————————————————————————————————————

create table public.comments (
  id uuid primary key,
  version integer not null default 0,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  deleted_at timestamptz,
  sync_txid xid8 not null default pg_current_xact_id(),
  target_table text not null,
  target_id uuid not null,
  author_id uuid not null references public.profiles (id),
  body text not null,
  constraint comments_target_table_option check (
    target_table in ('mentoring_sessions', 'observations', 'plan_actions', 'deficits')
  ),
  constraint comments_body_required check (not private.is_blank(body)),
  constraint comments_body_length check (char_length(body) <= 4000)
);

-- ——— Sync bookkeeping ———————————————————————————————————————————————————————————————

-- One row per device database. A client id belongs to the auth user who first pushed with it.
create table public.sync_clients (
  client_id uuid primary key,
  user_id uuid not null default auth.uid(),
  last_seq bigint not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint sync_clients_last_seq_range check (last_seq >= 0)
);

-- The outcome of every mutation, so a repeated seq answers what the first delivery did.
create table public.sync_ledger (
  client_id uuid not null references public.sync_clients (client_id),
  seq bigint not null,
  user_id uuid not null default auth.uid(),
  mutation_id uuid,
  table_name text,
  row_id uuid,
  status text not null,
  code text,
  message text,
  conflicts jsonb,
  created_at timestamptz not null default now(),
  primary key (client_id, seq),
  constraint sync_ledger_status_option check (status in ('applied', 'rejected'))
);

-- A field overwritten although the writer had not seen its current value: both values are kept
-- so either party can restore theirs.
create table public.sync_conflicts (
  id uuid primary key default gen_random_uuid(),
  table_name text not null,
  row_id uuid not null,
  field text not null,
  base jsonb,
  overwritten jsonb,
  value jsonb,
  overwritten_by uuid,
  profile_id uuid,
  user_id uuid not null default auth.uid(),
  created_at timestamptz not null default now(),
  sync_txid xid8 not null default pg_current_xact_id()
);

-- ——— Triggers and indexes common to the synced tables —————————————————————————————

do $$
declare
  t text;
begin
  foreach t in array array['organizations', 'memberships', 'profiles', 'frameworks', 'assessments', 'deficits',
    'development_plans', 'plan_actions', 'activities', 'mentoring_pairs', 'mentoring_sessions', 'observations', 'comments']
  loop
    execute format('create trigger a_stamp_row before insert or update on public.%I
                    for each row execute function private.stamp_row()', t);
    execute format('create index %I on public.%I (sync_txid, id)', t || '_sync_txid_idx', t);
  end loop;
end
$$;

create index sync_conflicts_sync_txid_idx on public.sync_conflicts (sync_txid, id);

-- Columns the policies filter on.
create index profiles_school_id_idx on public.profiles (school_id);
create unique index profiles_email_key on public.profiles (lower(email)) where deleted_at is null and email is not null;
create index organizations_parent_id_idx on public.organizations (parent_id);
create index memberships_profile_id_idx on public.memberships (profile_id);
create index memberships_organization_id_idx on public.memberships (organization_id, role);
create index assessments_teacher_id_idx on public.assessments (teacher_id);
create index assessments_assessor_id_idx on public.assessments (assessor_id);
create index deficits_teacher_id_idx on public.deficits (teacher_id);
create index development_plans_teacher_id_idx on public.development_plans (teacher_id);
create index plan_actions_teacher_id_idx on public.plan_actions (teacher_id);
create index plan_actions_plan_id_idx on public.plan_actions (plan_id);
create index activities_teacher_id_idx on public.activities (teacher_id);
create index mentoring_pairs_mentor_id_idx on public.mentoring_pairs (mentor_id);
create index mentoring_pairs_mentee_id_idx on public.mentoring_pairs (mentee_id);
create index mentoring_pairs_school_id_idx on public.mentoring_pairs (school_id);
create index mentoring_sessions_pair_id_idx on public.mentoring_sessions (pair_id);
create index mentoring_sessions_mentor_id_idx on public.mentoring_sessions (mentor_id);
create index mentoring_sessions_mentee_id_idx on public.mentoring_sessions (mentee_id);
create index observations_observer_id_idx on public.observations (observer_id);
create index observations_teacher_id_idx on public.observations (teacher_id);
create index comments_target_idx on public.comments (target_table, target_id);
create index comments_author_id_idx on public.comments (author_id);
create index sync_clients_user_id_idx on public.sync_clients (user_id);
create index sync_ledger_user_id_idx on public.sync_ledger (user_id);
create index sync_conflicts_profile_id_idx on public.sync_conflicts (profile_id);
create index sync_conflicts_overwritten_by_idx on public.sync_conflicts (overwritten_by);
create index sync_conflicts_user_id_idx on public.sync_conflicts (user_id);
