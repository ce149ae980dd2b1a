-- The staff import (кадровый состав, docs/staff-import.md). The staff list gives a full date of
-- birth; the import tells two namesakes apart by ФИО + дата рождения, so the date is kept.
-- Null when only the year is known (invited staff, profiles filled in by the teacher).
-- Writes come through the sync push like any other field (its whitelist is the table's columns)
-- and are owned as before: the person and their school methodist may set it (profiles_rules).

alter table public.profiles add column birth_date date;

-- The same bounds as the client (src/lib/domain/profile.ts BIRTH_DATES) and as birth_year;
-- a lost digit («0985-03-12») is refused rather than stored.
alter table public.profiles add constraint profiles_birth_date_range
  check (birth_date between date '1940-01-01' and date '2010-12-31');

-- Age bands read birth_year, the import matches on birth_date: the two never disagree.
alter table public.profiles add constraint profiles_birth_date_year
  check (birth_date is null or extract(year from birth_date)::integer = birth_year);

comment on column public.profiles.birth_date is
  'Дата рождения from the staff list; null when only birth_year is known. Its year equals birth_year.';
