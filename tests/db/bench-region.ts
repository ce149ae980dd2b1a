/**
 * The region both benches generate (tests/db/bench.run.ts for the reports, tests/db/bench-sync.run.ts
 * for the sync): 30,000 teachers in 600 schools of 20 municipalities, built set-based in SQL. Ids are
 * md5 of a readable key ('t17' the 17th teacher, 's3' the 3rd school, 'm1' the first municipality),
 * so a bench finds its people again without keeping a list, and the same generator fills a database
 * holding only part of the region with the very same rows.
 */

export const YEAR = 2026;
export const MUNICIPALITIES = 20;
export const SCHOOLS = 600;
export const TEACHERS = 30_000;
export const SCHOOLS_PER_MUNICIPALITY = SCHOOLS / MUNICIPALITIES;

/** SQL for the uuid of a key expression (`uuidOf("'s' || s")`). */
export const uuidOf = (key: string) => `md5(${key})::uuid`;

/**
 * Whether school number `s` lets a teacher's active mentor approve her ИОМ
 * (organizations.mentors_approve_plans, 20261207000900_plan_approval.sql); an SQL expression.
 */
export const MENTORS_APPROVE = (s: string) => `(${s}) % 3 = 0`;

/** The municipality number of school number `s` (an SQL expression). */
export const municipalityOf = (s: string) => `((${s} - 1) / ${SCHOOLS_PER_MUNICIPALITY} + 1)`;

/**
 * The region, its municipalities and schools. `schools`: an SQL condition on the school number `s`
 * (a partial region keeps only those schools and the municipalities that hold them).
 */
export function organizationsSql(schools = 'true'): string {
	return `
insert into public.organizations (id, kind, name, parent_id)
values (${uuidOf("'region'")}, 'region', 'Область (бенчмарк)', null);

insert into public.organizations (id, kind, name, parent_id)
select ${uuidOf("'m' || m")}, 'municipality', 'Округ ' || m, ${uuidOf("'region'")} from generate_series(1, ${MUNICIPALITIES}) m
where exists (select 1 from generate_series(1, ${SCHOOLS}) s where ${municipalityOf('s')} = m and (${schools}));

-- Every third school lets a teacher's active mentor approve her ИОМ (mentorsApprovePlans).
insert into public.organizations (id, kind, name, parent_id, low_results, adverse_conditions, mentors_approve_plans)
select ${uuidOf("'s' || s")}, 'school', 'Школа ' || s, ${uuidOf(`'m' || ${municipalityOf('s')}`)}, s % 7 = 0, s % 11 = 0,
  ${MENTORS_APPROVE('s')}
from generate_series(1, ${SCHOOLS}) s where ${schools};
`;
}

/**
 * Teachers' profiles and their teacher memberships. `teachers`: a FROM item with columns `t` (the
 * teacher's number) and `s` (their school's number); `email`: an SQL expression of `t` (null for
 * people without an account).
 */
export function teachersSql(teachers: string, email = 'null'): string {
	return `
insert into public.profiles (id, full_name, email, school_id, experience_years, experience_as_of, category, category_expires_on, education, birth_year, birth_date)
select ${uuidOf("'t' || t")}, 'Педагог ' || t, ${email}, ${uuidOf("'s' || s")},
  case when t % 6 = 0 then t % 3 else 3 + t % 37 end, date '2022-09-01' + ((t::bigint * 613) % 1500)::int, x.cat,
  case when x.cat = 'none' or t % 9 = 0 then null else date '2025-06-01' + ((t::bigint * 7919) % 1500)::int end,
  case when t % 5 = 0 then 'vocational' else 'higher' end, 1960 + t % 42,
  case when t % 2 = 0 then make_date(1960 + t % 42, 1 + t % 12, 1 + t % 28) end
from ${teachers}
cross join lateral (select (array['highest', 'first', 'conformity', 'none'])[1 + (t * 31 + 7) % 4] as cat) x;

insert into public.memberships (id, profile_id, organization_id, role)
select gen_random_uuid(), ${uuidOf("'t' || t")}, ${uuidOf("'s' || s")}, 'teacher'
from ${teachers};
`;
}

/** The middle of the sorted values (the upper one of two). */
export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)]!;
}
