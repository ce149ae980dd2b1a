-- Согласование ИОМ (docs/workflows.md; the domain's twin is src/lib/domain/plan-approval.ts).
--
-- - development_plans gains approval_status (not_submitted → submitted → approved | returned;
--   returned → submitted; approved → submitted), approval_comment (why it was returned) and
--   submitted_at. approved_by / approved_at stay: who decided and when, for a return as well.
-- - The teacher only sends her plan; the approver (the school methodist of the teacher's school,
--   or her active mentor where the school allows it) only approves or returns a plan that waits,
--   and a return says why. private.development_plans_rules holds it for every write through the
--   API, sync_push included (the push's column whitelist is the table's columns, so the new ones
--   travel like every other).
-- - A substantive change of an approved plan's actions (an action added or removed, its title,
--   type, deadline, hours or deficit changed) sends the plan back to «на согласовании»; progress
--   (status, evidence, reflection, completion) does not. The device does the same in the same
--   transaction and pushes the plan first, so the trigger below finds nothing left to do; it is
--   there for every other writer (an older app, a script through the API).
-- - organizations.mentors_approve_plans: the school lets mentors approve. Its school methodist
--   sets it with public.set_mentors_approve_plans (organisations are otherwise the administrator's).

-- ——— Columns and what they must agree on ————————————————————————————————————————————————————

alter table public.development_plans
  add column approval_status text not null default 'not_submitted',
  add column approval_comment text not null default '',
  add column submitted_at timestamptz,
  add column approver_name text not null default '';

-- Plans signed before: approved, sent when they were signed.
update public.development_plans p
   set approval_status = 'approved', submitted_at = p.approved_at,
       approver_name = coalesce((select a.full_name from public.profiles a where a.id = p.approved_by), '')
 where p.approved_by is not null;

alter table public.development_plans
  add constraint development_plans_approval_status_option
    check (approval_status in ('not_submitted', 'submitted', 'approved', 'returned')),
  add constraint development_plans_approval_comment_length check (char_length(approval_comment) <= 2000),
  add constraint development_plans_approver_name_length check (char_length(approver_name) <= 300),
  -- A decision (approved or returned) is signed; a plan not decided on has no signature.
  add constraint development_plans_approval_decided
    check ((approval_status in ('approved', 'returned')) = (approved_by is not null)),
  -- A return says why.
  add constraint development_plans_approval_returned_comment
    check (approval_status <> 'returned' or not private.is_blank(approval_comment)),
  -- A plan sent has its date; one never sent has none.
  add constraint development_plans_approval_submitted
    check ((approval_status = 'not_submitted') = (submitted_at is null)),
  add constraint development_plans_submitted_at_range check (private.is_plausible_instant(submitted_at));

comment on column public.development_plans.approval_status is
  'Согласование: not_submitted, submitted (waits for the approver), approved, returned (with approval_comment).';
comment on column public.development_plans.approver_name is
  'The decider''s full name, written by the server (c_approver_name): the teacher reads no methodist''s profile, yet her plan says who approved it.';
comment on column public.development_plans.approved_by is
  'Who decided (approved or returned): the school methodist, or the active mentor where the school allows it.';

-- The methodist's queue: plans waiting, oldest first.
create index development_plans_waiting_idx on public.development_plans (submitted_at)
  where approval_status = 'submitted' and deleted_at is null;

alter table public.organizations add column mentors_approve_plans boolean not null default false;
alter table public.organizations add constraint organizations_mentors_approve_plans_school
  check (kind = 'school' or not mentors_approve_plans);
comment on column public.organizations.mentors_approve_plans is
  'The school lets a teacher''s active mentor approve her ИОМ besides the school methodist.';

-- ——— Who may decide ——————————————————————————————————————————————————————————————————————————

-- Never one's own plan; the methodist of the teacher's school; her active mentor where the
-- school allows it. Twin of plan-approval.ts mayApprove.
create function private.may_approve_plan(teacher uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select teacher is distinct from private.my_profile_id() and (
    private.is_school_methodist_of(teacher)
    or (private.is_active_mentor_of(teacher) and exists (
      select 1 from public.profiles t join public.organizations o on o.id = t.school_id
      where t.id = teacher and o.mentors_approve_plans and o.deleted_at is null)))
$$;

-- ——— The plan's column rules, with the approval's moves —————————————————————————————————————

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
      -- Sent (again) by the teacher; an approved plan also by her active mentor, whose change of
      -- its actions sends it back.
      if not (old.teacher_id = me or (old.approval_status = 'approved' and private.is_active_mentor_of(old.teacher_id))) then
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

-- The decider's name is the server's to write, from the profile that signed (whatever a device sent:
-- it writes the name it knows, which the pull then corrects if they differ). Runs after b_rules
-- (names fire in order), for every writer.
create function private.plan_approver_name() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if new.approved_by is null then
    new.approver_name := '';
  elsif tg_op = 'INSERT' or new.approved_by is distinct from old.approved_by or new.approved_at is distinct from old.approved_at then
    new.approver_name := coalesce((select a.full_name from public.profiles a where a.id = new.approved_by), '');
  end if;
  return new;
end
$$;

create trigger c_approver_name before insert or update on public.development_plans
  for each row execute function private.plan_approver_name();

-- ——— A change of an approved plan's actions sends it back ——————————————————————————————————

-- Security definer: the move is the system's, not the writer's (a mentor adding an action may not
-- otherwise touch the plan's approval), so the plan's column rules, which hold API requests only,
-- let it through.
create function private.plan_actions_reopen_approval() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    if new.deleted_at is not null then
      return null;
    end if;
  elsif not ((old.deleted_at is null) <> (new.deleted_at is null)
             or (new.deleted_at is null
                 and (old.title, old.type, old.deadline, old.hours, old.deficit_id)
                     is distinct from (new.title, new.type, new.deadline, new.hours, new.deficit_id))) then
    return null;
  end if;
  update public.development_plans p
     set approval_status = 'submitted', approval_comment = '', submitted_at = now(), approved_by = null, approved_at = null,
         approver_name = ''
   where p.id = new.plan_id and p.approval_status = 'approved';
  return null;
end
$$;

create trigger z_reopen_approval after insert or update on public.plan_actions
  for each row execute function private.plan_actions_reopen_approval();

-- ——— The school's switch —————————————————————————————————————————————————————————————————————

create function private.set_mentors_approve_plans(p_school uuid, p_allowed boolean) returns void
language plpgsql security definer set search_path = ''
as $$
begin
  if not (private.is_school_methodist_of_school(p_school) or private.is_admin()) then
    raise exception using errcode = '42501', message = 'only the school''s methodist decides who approves its plans';
  end if;
  update public.organizations o set mentors_approve_plans = coalesce(p_allowed, false)
   where o.id = p_school and o.kind = 'school' and o.deleted_at is null;
  if not found then
    raise exception using errcode = 'P0002', message = 'no such school';
  end if;
end
$$;

-- As every RPC: the API's function is security invoker and calls the private one.
create function public.set_mentors_approve_plans(p_school uuid, p_allowed boolean) returns void
language sql security invoker set search_path = ''
as $$ select private.set_mentors_approve_plans(p_school, p_allowed) $$;

-- ——— Privileges ———————————————————————————————————————————————————————————————————————————————

revoke all on function private.may_approve_plan(uuid), private.plan_actions_reopen_approval(), private.plan_approver_name(),
  private.set_mentors_approve_plans(uuid, boolean), public.set_mentors_approve_plans(uuid, boolean)
  from public, anon;
-- Triggers run as the writer.
grant execute on function private.may_approve_plan(uuid), private.plan_actions_reopen_approval(), private.plan_approver_name()
  to authenticated, service_role;
grant execute on function private.set_mentors_approve_plans(uuid, boolean), public.set_mentors_approve_plans(uuid, boolean)
  to authenticated;
