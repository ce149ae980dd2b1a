-- Records that say what they fulfil, so nothing is entered twice or counted by guesswork.
--
-- 1. A mentoring session names the planned meeting of its pair's programme it fulfils
--    (mentoring_sessions.planned_meeting). The programme keeps its meetings as a jsonb list of
--    {date, topic} without ids, and a pair is the methodist's to edit, so the key is the planned
--    date: 'YYYY-MM-DD'. 'none' says the session is not one of the programme's meetings (an extra
--    one); null says nothing — sessions logged before this column are matched to the programme by
--    date, within a week, as before. The mentor writes it, like the rest of the session's record.
-- 2. An activity made from a completed ИОМ action names that action (activities.plan_action_id),
--    so the course the plan led to is entered once and the plan shows where it went. The action
--    is the same teacher's.
--
-- Both columns travel through sync_push and sync_pull like every other column: the push applies
-- the fields it is sent and the pull sends whole rows (20261207000200_sync_push.sql,
-- 20261207000100_sync_partitions.sql); what needs saying here is who may write them.

-- ——— Sessions: which planned meeting ————————————————————————————————————————————————————————

-- A calendar date written as ISO text, or not: false instead of an error, so a CHECK can use it.
create function private.is_iso_date_text(value text) returns boolean
language plpgsql immutable set search_path = ''
as $$
begin
  if value is null or value !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' then
    return false;
  end if;
  return private.is_plausible_date(value::pg_catalog.date) and pg_catalog.to_char(value::pg_catalog.date, 'YYYY-MM-DD') = value;
exception when others then
  -- '2026-02-30' is no date.
  return false;
end
$$;

alter table public.mentoring_sessions add column planned_meeting text;
alter table public.mentoring_sessions add constraint mentoring_sessions_planned_meeting_key check (
  planned_meeting is null or planned_meeting = 'none' or private.is_iso_date_text(planned_meeting)
);

-- The mentor's record of the meeting now includes which planned meeting it was; the mentee
-- still only confirms it took place.
create or replace function private.mentoring_sessions_rules() returns trigger
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
    allowed := array['date', 'format', 'topic', 'notes', 'duration_minutes', 'next_steps', 'planned_meeting', 'deleted_at'];
  elsif old.mentee_id = me then
    allowed := array['acknowledged_at'];
  end if;
  perform private.require_only(changed, allowed, case when old.mentor_id = me then 'the mentor' else 'the mentee' end);
  return new;
end
$$;

-- ——— Activities: the ИОМ action they came from —————————————————————————————————————————————

alter table public.activities add column plan_action_id uuid references public.plan_actions (id);
create index activities_plan_action_id_idx on public.activities (plan_action_id) where plan_action_id is not null;

-- The teacher of an action, whoever asks: the check below must see an action the caller cannot.
create function private.action_teacher(action uuid) returns uuid
language sql stable security definer set search_path = ''
as $$ select a.teacher_id from public.plan_actions a where a.id = action $$;

-- An activity links only its own teacher's action: a link to someone else's would let the
-- portfolio claim work of another plan (and tell whether an action id exists).
create function private.activities_plan_action_rules() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if new.plan_action_id is not null and private.action_teacher(new.plan_action_id) is distinct from new.teacher_id then
    raise exception using errcode = '23514', message = 'the activity links another teacher''s plan action',
      constraint = 'activities_plan_action_teacher';
  end if;
  return new;
end
$$;

create trigger c_plan_action before insert or update of plan_action_id, teacher_id on public.activities
  for each row execute function private.activities_plan_action_rules();

-- ——— Privileges ————————————————————————————————————————————————————————————————————————————
-- As for every private function: the signed-in roles run them (RLS and the triggers call them as
-- the caller), anonymous callers never.
revoke all on function private.is_iso_date_text(text), private.action_teacher(uuid), private.activities_plan_action_rules() from public, anon;
grant execute on function private.is_iso_date_text(text), private.action_teacher(uuid), private.activities_plan_action_rules() to authenticated, service_role;
