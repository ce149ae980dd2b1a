-- The school methodist's lesson visits (посещение урока администрацией, issue 17).
--
-- A school methodist already observes any live teacher of her school (observations_insert) and
-- edits her own visit as its observer (observations_update, observations_rules). What a visit's
-- recommendations become was the mentor's alone: this lets the methodist turn a recommendation
-- of HER OWN visit into the teacher's work exactly as a mentor does (src/lib/db/observations.ts
-- recommendationToDeficit / recommendationToAction), and nothing more:
--   * a development plan for a teacher she has visited, when the teacher has none for the year
--     (born unapproved unless the methodist signs it; development_plans_rules already decides that);
--   * a plan action that names one of her own visits of that teacher as its source, added as
--     planned (plan_actions_rules keeps progress the teacher's);
--   * aiming such an action at a deficit afterwards (deficit_id only);
--   * confirming a live deficit with the look-for the visit saw (indicator_ids, as the mentor);
--   * sending an approved plan back to «на согласовании» when such an action changes it, as the
--     device does for every substantive change (20261207000900_plan_approval.sql; the rules
--     function below is that migration's with the methodist added to the mentor's case).
-- Any other action in the teacher's plan stays the teacher's and the active mentor's to write.

-- The visit `observation` is mine (I observed it) and observed `teacher`.
create function private.is_my_visit_of(observation uuid, teacher uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.observations o
    where o.id = observation and o.teacher_id = teacher
      and o.observer_id = private.my_profile_id() and o.deleted_at is null
  )
$$;

-- I have visited a lesson of `teacher` (any visit of mine, draft or handed over).
create function private.visited_by_me(teacher uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.observations o
    where o.teacher_id = teacher and o.observer_id = private.my_profile_id() and o.deleted_at is null
  )
$$;

revoke all on function private.is_my_visit_of(uuid, uuid), private.visited_by_me(uuid) from public, anon;
grant execute on function private.is_my_visit_of(uuid, uuid), private.visited_by_me(uuid) to authenticated, service_role;

drop policy development_plans_insert on public.development_plans;
create policy development_plans_insert on public.development_plans for insert to authenticated with check (
  teacher_id = (select private.my_profile_id())
  or private.is_active_mentor_of(teacher_id)
  or (private.is_school_methodist_of(teacher_id) and private.visited_by_me(teacher_id))
);

drop policy plan_actions_insert on public.plan_actions;
create policy plan_actions_insert on public.plan_actions for insert to authenticated with check (
  teacher_id = (select private.my_profile_id())
  or private.is_active_mentor_of(teacher_id)
  or (private.is_school_methodist_of(teacher_id) and private.is_my_visit_of(source_observation_id, teacher_id))
);

drop policy plan_actions_update on public.plan_actions;
create policy plan_actions_update on public.plan_actions for update to authenticated
  using (teacher_id = (select private.my_profile_id()) or private.is_active_mentor_of(teacher_id)
    or (private.is_school_methodist_of(teacher_id) and private.is_my_visit_of(source_observation_id, teacher_id)))
  with check (teacher_id = (select private.my_profile_id()) or private.is_active_mentor_of(teacher_id)
    or (private.is_school_methodist_of(teacher_id) and private.is_my_visit_of(source_observation_id, teacher_id)));

-- As in 20261122000200_rls.sql, plus: the methodist whose visit an action came from may aim it at
-- a deficit (deficit_id), and nothing else of it.
create or replace function private.plan_actions_rules() returns trigger
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
    -- A mentor (or the methodist, from her visit) adds an action as planned; its progress
    -- (status, evidence, reflection, completion) is the teacher's to report.
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
  elsif private.is_school_methodist_of(old.teacher_id) and private.is_my_visit_of(old.source_observation_id, old.teacher_id) then
    allowed := array['deficit_id'];
  end if;
  perform private.require_only(changed, allowed, 'this user');
  return new;
end
$$;

-- As in 20261122000200_rls.sql, plus: a visit of the methodist confirming a live deficit adds the
-- look-for it saw (indicator_ids), as a mentor's visit does.
create or replace function private.deficits_rules() returns trigger
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
      allowed := allowed || array['status', 'history', 'confirmed_at', 'indicator_ids'];
    end if;
  end if;
  perform private.require_only(changed, allowed, 'this user');
  return new;
end
$$;

-- As in 20261207000900_plan_approval.sql, plus: the school methodist, like the active mentor, may
-- send an approved plan back (her action from a visit changed it); the decision stays as it was.
create or replace function private.development_plans_rules() returns trigger
language plpgsql set search_path = ''
as $$
declare
  changed text[];
  allowed text[] := '{}';
  me uuid := private.my_profile_id();
  approval text[] := array['approval_status', 'approval_comment', 'submitted_at', 'approved_by', 'approved_at', 'approver_name'];
begin
  if not private.is_api_request() then
    return new;
  end if;
  if tg_op = 'INSERT' then
    -- A plan is born not sent, or sent by its own teacher (made and sent offline, it arrives as one
    -- insert). A decision is never born with the plan: it is made on a plan that waits.
    if new.approval_status in ('approved', 'returned') or new.approved_by is not null or new.approved_at is not null then
      raise exception using errcode = '42501', message = 'a plan is approved or returned after it is sent';
    end if;
    if new.approval_status = 'submitted' and new.teacher_id is distinct from me then
      raise exception using errcode = '42501', message = 'only the teacher sends her plan for approval';
    end if;
    return new;
  end if;
  changed := private.changed_columns(to_jsonb(old), to_jsonb(new));
  if old.teacher_id = me then
    allowed := array(select c from unnest(private.columns_of('development_plans')) c where c <> 'teacher_id');
  end if;
  if private.is_active_mentor_of(old.teacher_id) then
    allowed := allowed || array['deficit_ids'] || approval;
  end if;
  if private.is_school_methodist_of(old.teacher_id) and old.teacher_id is distinct from me then
    allowed := allowed || approval;
  end if;
  perform private.require_only(changed, allowed, 'this user');
  if changed && approval then
    if new.approval_status = old.approval_status then
      raise exception using errcode = '42501', message = 'the approval''s fields change only with its status';
    end if;
    if new.approval_status = 'submitted' then
      -- Sent (again) by the teacher; an approved plan also by her active mentor or her school's
      -- methodist, whose change of its actions (from a lesson visit) sends it back.
      if not (old.teacher_id = me or (old.approval_status = 'approved'
              and (private.is_active_mentor_of(old.teacher_id) or private.is_school_methodist_of(old.teacher_id)))) then
        raise exception using errcode = '42501', message = 'only the teacher sends her plan for approval';
      end if;
    elsif old.approval_status = 'submitted' and new.approval_status in ('approved', 'returned') then
      if not private.may_approve_plan(old.teacher_id) then
        raise exception using errcode = '42501',
          message = 'only the school methodist, or the active mentor where the school allows it, approves a plan';
      end if;
      if new.approved_by is distinct from me then
        raise exception using errcode = '42501', message = 'approved_by must be the approver';
      end if;
    else
      raise exception using errcode = '42501',
        message = format('approval may not move from %s to %s', old.approval_status, new.approval_status);
    end if;
  end if;
  return new;
end
$$;
