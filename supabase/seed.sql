-- Demo data for local development (`supabase db reset` runs it after the migrations).
-- Every password is "password". Sign in as:
--   admin@demo.test        администратор
--   municipal@demo.test    муниципальный методист (Демо-округ)
--   methodist@demo.test    методист ОО (Школа № 1, ШНОР)
--   mentor@demo.test       наставник (Школа № 1)
--   teacher@demo.test      педагог, молодой специалист (Школа № 1), наставляемый
--   teacher2@demo.test     педагог (Школа № 2)
-- Accounts are by invitation: profiles with the e-mail come first, then auth.users (the sign-up
-- trigger links them).

insert into public.organizations (id, kind, name, short_name, parent_id, low_results, adverse_conditions, program500) values
  ('10000000-0000-4000-8000-000000000001', 'region', 'Демонстрационная область', null, null, false, false, false),
  ('10000000-0000-4000-8000-000000000002', 'municipality', 'Демо-округ', null, '10000000-0000-4000-8000-000000000001', false, false, false),
  ('10000000-0000-4000-8000-000000000003', 'school', 'Средняя общеобразовательная школа № 1', 'СОШ № 1', '10000000-0000-4000-8000-000000000002', true, false, true),
  ('10000000-0000-4000-8000-000000000004', 'school', 'Средняя общеобразовательная школа № 2', 'СОШ № 2', '10000000-0000-4000-8000-000000000002', false, true, false),
  ('10000000-0000-4000-8000-000000000005', 'school', 'Гимназия № 3', 'Гимназия № 3', '10000000-0000-4000-8000-000000000002', false, false, false),
  ('10000000-0000-4000-8000-000000000006', 'methodical_association', 'ШМО учителей математики', 'ШМО математики', '10000000-0000-4000-8000-000000000003', false, false, false);

insert into public.profiles (id, full_name, email, school_id, association_id, position, subjects, experience_years, category, category_expires_on, education, birth_year) values
  ('20000000-0000-4000-8000-000000000001', 'Администраторова Ирина Львовна', 'admin@demo.test', null, null, 'администратор', '[]', 20, 'none', null, 'higher', 1975),
  ('20000000-0000-4000-8000-000000000002', 'Муниципальная Ольга Сергеевна', 'municipal@demo.test', null, null, 'методист', '[]', 25, 'highest', '2028-12-31', 'higher', 1970),
  ('20000000-0000-4000-8000-000000000003', 'Методистова Елена Викторовна', 'methodist@demo.test', '10000000-0000-4000-8000-000000000003', null, 'заместитель директора по УВР', '["математика"]', 22, 'highest', '2029-04-30', 'higher', 1972),
  ('20000000-0000-4000-8000-000000000004', 'Наставников Пётр Андреевич', 'mentor@demo.test', '10000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000006', 'учитель математики', '["математика", "информатика"]', 15, 'first', '2027-10-31', 'higher', 1980),
  ('20000000-0000-4000-8000-000000000005', 'Молодцова Анна Игоревна', 'teacher@demo.test', '10000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000006', 'учитель математики', '["математика"]', 1, 'none', null, 'higher', 2001),
  ('20000000-0000-4000-8000-000000000006', 'Учителев Сергей Николаевич', 'teacher2@demo.test', '10000000-0000-4000-8000-000000000004', null, 'учитель истории', '["история", "обществознание"]', 8, 'first', '2028-03-31', 'vocational', 1990);

insert into public.memberships (id, profile_id, organization_id, role) values
  ('30000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001', 'admin'),
  ('30000000-0000-4000-8000-000000000002', '20000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000002', 'municipal_methodist'),
  ('30000000-0000-4000-8000-000000000003', '20000000-0000-4000-8000-000000000003', '10000000-0000-4000-8000-000000000003', 'school_methodist'),
  ('30000000-0000-4000-8000-000000000004', '20000000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000003', 'teacher'),
  ('30000000-0000-4000-8000-000000000005', '20000000-0000-4000-8000-000000000004', '10000000-0000-4000-8000-000000000003', 'mentor'),
  ('30000000-0000-4000-8000-000000000006', '20000000-0000-4000-8000-000000000005', '10000000-0000-4000-8000-000000000003', 'teacher'),
  ('30000000-0000-4000-8000-000000000007', '20000000-0000-4000-8000-000000000006', '10000000-0000-4000-8000-000000000004', 'teacher');

-- GoTrue reads NULL token columns as an error, so they are empty strings.
insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, recovery_sent_at, last_sign_in_at,
                        raw_app_meta_data, raw_user_meta_data, created_at, updated_at, confirmation_token, email_change,
                        email_change_token_new, recovery_token)
select '00000000-0000-0000-0000-000000000000', u.id, 'authenticated', 'authenticated', u.email,
       extensions.crypt('password', extensions.gen_salt('bf')), now(), now(), now(),
       '{"provider": "email", "providers": ["email"]}', '{}', now(), now(), '', '', '', ''
from (values
  ('40000000-0000-4000-8000-000000000001'::uuid, 'admin@demo.test'),
  ('40000000-0000-4000-8000-000000000002'::uuid, 'municipal@demo.test'),
  ('40000000-0000-4000-8000-000000000003'::uuid, 'methodist@demo.test'),
  ('40000000-0000-4000-8000-000000000004'::uuid, 'mentor@demo.test'),
  ('40000000-0000-4000-8000-000000000005'::uuid, 'teacher@demo.test'),
  ('40000000-0000-4000-8000-000000000006'::uuid, 'teacher2@demo.test')
) as u (id, email);

insert into auth.identities (id, user_id, provider_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
select gen_random_uuid(), u.id, u.id::text, jsonb_build_object('sub', u.id::text, 'email', u.email, 'email_verified', true), 'email', now(), now(), now()
from auth.users u where u.email like '%@demo.test';

-- Наставник → молодой специалист, active from the start of the academic year.
insert into public.mentoring_pairs (id, school_id, mentor_id, mentee_id, model, start_date, end_date, status, goals, deficit_ids, planned_meetings, expected_results) values
  ('50000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000003', '20000000-0000-4000-8000-000000000004',
   '20000000-0000-4000-8000-000000000005', 'experienced_young', '2026-09-01', null, 'active',
   'Адаптация молодого специалиста, освоение формирующего оценивания', '[]',
   '[{"date": "2026-12-10", "topic": "Разбор урока"}, {"date": "2027-02-15", "topic": "Подготовка открытого урока"}]',
   'Проведён открытый урок, составлен ИОМ');
