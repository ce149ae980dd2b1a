-- Accounts by invitation. A methodist or administrator first adds a person (a profile with an
-- e-mail) to an organisation with a role; only then can that e-mail sign up (password or magic
-- link). The new account is linked to the profile by e-mail, case-insensitively, and only once
-- the e-mail is confirmed: an account that has not proven it owns the address claims nobody's
-- invitation.

create function private.refuse_uninvited_sign_up() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if new.email is null or not exists (
    select 1 from public.profiles p
    where lower(p.email) = lower(new.email) and p.deleted_at is null and (p.user_id is null or p.user_id = new.id)
  ) then
    raise exception using errcode = '42501', message = 'Sign-up is by invitation only: no invitation for this e-mail';
  end if;
  return new;
end
$$;

-- On sign-up with an already confirmed e-mail (an invited or admin-made user), and when the
-- e-mail becomes confirmed (the link in the confirmation or magic-link letter is followed).
create function private.link_invited_profile() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if new.email_confirmed_at is null or new.email is null then
    return new;
  end if;
  update public.profiles p set user_id = new.id
  where lower(p.email) = lower(new.email) and p.deleted_at is null and p.user_id is null
    and not exists (select 1 from public.profiles mine where mine.user_id = new.id);
  return new;
end
$$;

create trigger trajectory_invitation_only before insert on auth.users
  for each row execute function private.refuse_uninvited_sign_up();
create trigger trajectory_link_profile after insert on auth.users
  for each row execute function private.link_invited_profile();
create trigger trajectory_link_profile_on_confirm after update of email_confirmed_at on auth.users
  for each row when (old.email_confirmed_at is null and new.email_confirmed_at is not null)
  execute function private.link_invited_profile();

-- The first administrator of a new deployment (README): run as the service role or in the SQL
-- editor, then sign in with that e-mail. Makes the profile (or reuses the one with that e-mail),
-- an admin membership on the first region (made if there is none), and links an existing account
-- whose e-mail is confirmed (an unconfirmed one is linked when it confirms).
create function private.bootstrap_admin(p_email text, p_full_name text) returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  v_profile uuid;
  v_region uuid;
begin
  if p_email is null or p_email !~ '^[^[:space:]@]+@[^[:space:]@]+\.[^[:space:]@]+$' then
    raise exception using errcode = '22023', message = 'a valid e-mail is required';
  end if;
  select o.id into v_region from public.organizations o
  where o.kind = 'region' and o.deleted_at is null order by o.updated_at, o.id limit 1;
  if v_region is null then
    v_region := gen_random_uuid();
    insert into public.organizations (id, kind, name) values (v_region, 'region', 'Регион');
  end if;
  select p.id into v_profile from public.profiles p where lower(p.email) = lower(p_email) and p.deleted_at is null;
  if v_profile is null then
    v_profile := gen_random_uuid();
    -- birth_year is required of every profile; the administrator corrects it in the app.
    insert into public.profiles (id, full_name, email, birth_year)
    values (v_profile, p_full_name, lower(p_email), 1980);
  end if;
  update public.profiles p set user_id = u.id
  from auth.users u where p.id = v_profile and p.user_id is null and lower(u.email) = lower(p_email)
    and u.email_confirmed_at is not null;
  if not exists (select 1 from public.memberships m where m.profile_id = v_profile and m.role = 'admin' and m.deleted_at is null) then
    insert into public.memberships (id, profile_id, organization_id, role) values (gen_random_uuid(), v_profile, v_region, 'admin');
  end if;
  return v_profile;
end
$$;

revoke all on function private.refuse_uninvited_sign_up(), private.link_invited_profile() from public, anon, authenticated;
revoke all on function private.bootstrap_admin(text, text) from public, anon, authenticated;
grant execute on function private.bootstrap_admin(text, text) to service_role;
