/**
 * The municipal staff import (public.staff_import, migration 20261207000400): a municipal
 * methodist's or the administrator's list for many schools, matched and written on the server,
 * by the same rules as the device's import (src/lib/domain/staff-import.ts). Who may import into
 * which school, what is matched, what is written and what the schools' devices then pull.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, createActors, id, type ActorName, type Actors } from './actors';
import { attempt, asUser, freshDatabase, insertRow, type TestDatabase } from './cluster';
import { pgTransport } from './transport';
import { comparable } from '../../src/lib/domain/staff-import';

let db: TestDatabase;
let a: Actors;
/** A school of another municipality of the region. */
let farSchool: string;

beforeAll(async () => {
	db = await freshDatabase();
	a = await createActors(db.pool);
	const farMunicipality = id();
	farSchool = id();
	await insertRow(
		db.pool,
		'organizations',
		build.organization({ id: farMunicipality, kind: 'municipality', name: 'Другой округ', parent_id: a.region })
	);
	await insertRow(
		db.pool,
		'organizations',
		build.organization({ id: farSchool, name: 'Школа № 9', parent_id: farMunicipality })
	);
});
afterAll(() => db?.drop());

type Row = Record<string, unknown>;
interface Answer {
	rows: {
		line: number;
		kind: 'create' | 'update' | 'same' | 'problem';
		code?: string;
		column?: string;
		ref?: number;
	}[];
	warnings: number[];
}

let nextLine = 2;
/** A checked row of a staff list, as the client sends it. */
function row(schoolId: string, o: Row = {}): Row {
	return {
		line: nextLine++,
		school_id: schoolId,
		full_name: `Учитель ${id().slice(0, 8)}`,
		birth_date: '1985-03-12',
		experience_years: 10,
		education: 'higher',
		category: 'first',
		category_expires_on: '2029-05-31',
		subjects: ['математика'],
		email: null,
		...o
	};
}

async function staffImport(
	who: ActorName,
	rows: Row[],
	options: { asOf?: string | null; write?: boolean } = {}
): Promise<Answer> {
	return asUser(db.pool, a.people[who].userId, async (c) => {
		const r = await c.query('select public.staff_import($1::jsonb, $2::date, $3) as out', [
			JSON.stringify(rows),
			options.asOf ?? null,
			options.write ?? false
		]);
		return r.rows[0].out as Answer;
	});
}

const kinds = (answer: Answer) =>
	answer.rows.map((r) => (r.kind === 'problem' ? `${r.line}:${r.code}:${r.column}` : `${r.line}:${r.kind}`));

async function profilesNamed(...names: string[]): Promise<Row[]> {
	const r = await db.pool.query(
		`select p.*, coalesce((select json_agg(json_build_object('org', m.organization_id, 'role', m.role)) from public.memberships m where m.profile_id = p.id and m.deleted_at is null), '[]') as memberships
		 from public.profiles p where p.full_name = any($1) order by p.full_name`,
		[names]
	);
	return r.rows;
}

describe('the municipal staff import', () => {
	it('says per line what would happen in each school of the municipality, and writes nothing', async () => {
		const rows = [
			row(a.school, { full_name: 'Новикова Анна Сергеевна' }),
			row(a.otherSchool, { full_name: 'Новиков Пётр Ильич', category: 'none', category_expires_on: null })
		];
		const answer = await staffImport('municipalMethodist', rows, { asOf: '2026-09-01' });
		expect(kinds(answer)).toEqual([`${rows[0]!.line}:create`, `${rows[1]!.line}:create`]);
		expect(await profilesNamed('Новикова Анна Сергеевна', 'Новиков Пётр Ильич')).toEqual([]);
	});

	it('writes every school’s rows in one go: profiles in their schools with a teacher membership, signed by the municipal methodist, and the school methodist’s next pull brings them', async () => {
		const rows = [
			row(a.school, {
				full_name: 'Зайцева Мария Олеговна',
				email: 'Zaitseva@Example.test',
				category: 'highest',
				category_expires_on: null
			}),
			row(a.otherSchool, {
				full_name: 'Зайцев Олег Петрович',
				category: 'none',
				category_expires_on: null,
				subjects: null
			})
		];
		const answer = await staffImport('municipalMethodist', rows, { asOf: '2026-09-01', write: true });
		expect(kinds(answer)).toEqual([`${rows[0]!.line}:create`, `${rows[1]!.line}:create`]);
		// A category with no expiry is written as of unknown expiry, and said so.
		expect(answer.warnings).toEqual([rows[0]!.line]);
		const [father, daughter] = await profilesNamed('Зайцев Олег Петрович', 'Зайцева Мария Олеговна');
		expect(daughter).toMatchObject({
			school_id: a.school,
			email: 'zaitseva@example.test',
			category: 'highest',
			category_expires_on: null,
			experience_years: 10,
			experience_as_of: expect.any(Date),
			birth_year: 1985,
			user_id: null,
			updated_by: a.people.municipalMethodist.profileId,
			memberships: [{ org: a.school, role: 'teacher' }]
		});
		expect(father).toMatchObject({
			school_id: a.otherSchool,
			subjects: [],
			memberships: [{ org: a.otherSchool, role: 'teacher' }]
		});

		const pulled = new Set<string>();
		const transport = pgTransport(db.pool, a.people.methodist.userId);
		let cursor: string | null = null;
		for (;;) {
			const page = await transport.pull(cursor, 500);
			for (const c of page.changes) if (c.table === 'profiles') pulled.add(String(c.row.full_name));
			cursor = page.cursor;
			if (!page.has_more) break;
		}
		expect(pulled.has('Зайцева Мария Олеговна')).toBe(true);
		expect(pulled.has('Зайцев Олег Петрович')).toBe(false);
	});

	it('matches people as the device does — by e-mail, else by ФИО and date of birth whatever the case, ё and spacing — changes only what differs, and changes nothing the second time', async () => {
		const invited = id();
		const known = id();
		await insertRow(
			db.pool,
			'profiles',
			build.profile({
				id: invited,
				full_name: 'Приглашённая',
				email: 'invited@example.test',
				school_id: a.school,
				birth_year: 1990,
				experience_years: 1
			})
		);
		await insertRow(
			db.pool,
			'profiles',
			build.profile({
				id: known,
				full_name: 'Ёлкина  Вера Ивановна',
				school_id: a.otherSchool,
				birth_year: 1980,
				birth_date: '1980-06-01',
				category: 'first',
				category_expires_on: '2028-01-01'
			})
		);
		await insertRow(
			db.pool,
			'memberships',
			build.membership({ profile_id: known, organization_id: a.otherSchool, role: 'teacher' })
		);
		const rows = [
			row(a.school, {
				full_name: 'Приглашённая Ольга Петровна',
				email: 'INVITED@example.test',
				birth_date: '1990-02-03',
				experience_years: 4
			}),
			row(a.otherSchool, {
				full_name: 'ЕЛКИНА Вера Ивановна',
				birth_date: '1980-06-01',
				experience_years: 5,
				category: 'first',
				category_expires_on: null,
				subjects: ['математика']
			})
		];
		const first = await staffImport('municipalMethodist', rows, { asOf: '2026-09-01', write: true });
		expect(kinds(first)).toEqual([`${rows[0]!.line}:update`, `${rows[1]!.line}:update`]);
		// The expiry on record stays when the file repeats the category without one: no warning.
		expect(first.warnings).toEqual([]);
		const after = await db.pool.query(
			'select id, full_name, birth_date::text, experience_years, category_expires_on::text, version from public.profiles where id = any($1) order by birth_year',
			[[known, invited]]
		);
		expect(after.rows.map((r) => [r.id, r.full_name, r.birth_date, r.experience_years, r.category_expires_on])).toEqual(
			[
				[known, 'ЕЛКИНА Вера Ивановна', '1980-06-01', 5, '2028-01-01'],
				[invited, 'Приглашённая Ольга Петровна', '1990-02-03', 4, '2029-05-31']
			]
		);
		const memberships = await db.pool.query(
			`select profile_id, organization_id from public.memberships where profile_id = any($1) and deleted_at is null`,
			[[known, invited]]
		);
		expect(memberships.rows).toHaveLength(2);

		const again = await staffImport('municipalMethodist', rows, { asOf: '2026-09-01', write: true });
		expect(kinds(again)).toEqual([`${rows[0]!.line}:same`, `${rows[1]!.line}:same`]);
		const versions = await db.pool.query('select version from public.profiles where id = any($1) order by birth_year', [
			[known, invited]
		]);
		expect(versions.rows.map((r) => r.version)).toEqual(after.rows.map((r) => r.version));
		// A year on, the стаж on record has grown into next year's list: still nothing to change.
		const nextYear = await staffImport('municipalMethodist', [{ ...rows[1], experience_years: 6 }], {
			asOf: '2027-09-01'
		});
		expect(kinds(nextYear)).toEqual([`${rows[1]!.line}:same`]);
	});

	it('refuses, line by line, what the device refuses: a profile of another school, two namesakes, a name found with another e-mail, a person listed twice, an administrator', async () => {
		const twin1 = id();
		const twin2 = id();
		for (const twin of [twin1, twin2])
			await insertRow(
				db.pool,
				'profiles',
				build.profile({
					id: twin,
					full_name: 'Близнец Иван',
					school_id: a.school,
					birth_year: 1991,
					birth_date: '1991-01-01'
				})
			);
		await insertRow(
			db.pool,
			'profiles',
			build.profile({
				full_name: 'Почтовая Анна',
				email: 'anna@mail.example',
				school_id: a.school,
				birth_year: 1992,
				birth_date: '1992-01-01'
			})
		);
		const rows = [
			row(a.otherSchool, { full_name: 'Actor owner', email: a.people.owner.email }),
			row(a.school, { full_name: 'Близнец Иван', birth_date: '1991-01-01' }),
			row(a.school, { full_name: 'Почтовая Анна', birth_date: '1992-01-01', email: 'other@mail.example' }),
			row(a.school, { full_name: 'Дважды Указанный', email: 'twice@example.test' }),
			row(a.school, { full_name: 'Дважды Указанный Иначе', email: 'twice@example.test' }),
			row(a.school, { full_name: 'Actor admin', email: a.people.admin.email })
		];
		const answer = await staffImport('municipalMethodist', rows, { write: true });
		const [l1, l2, l3, l4, l5, l6] = rows.map((r) => r.line);
		expect(answer.rows).toEqual([
			{ line: l1, kind: 'problem', code: 'profile_elsewhere', column: 'school' },
			{ line: l2, kind: 'problem', code: 'ambiguous_match', column: 'fullName' },
			{ line: l3, kind: 'problem', code: 'email_mismatch', column: 'email' },
			{ line: l4, kind: 'create' },
			{ line: l5, kind: 'problem', code: 'duplicate_in_file', column: 'email', ref: l4 },
			{ line: l6, kind: 'problem', code: 'protected_profile', column: 'fullName' }
		]);
		expect((await profilesNamed('Actor admin'))[0]).toMatchObject({ school_id: null });
		expect(await profilesNamed('Дважды Указанный Иначе')).toEqual([]);
	});

	it('lets a municipal methodist import only into the schools of their municipality, the administrator anywhere, and nobody else at all', async () => {
		const far = [row(farSchool, { full_name: 'Дальняя Ирина' })];
		const mixed = [row(a.school, { full_name: 'Ближняя Ирина' }), ...far];
		for (const [who, rows] of [
			['municipalMethodist', mixed],
			['methodist', [row(a.school)]],
			['owner', [row(a.school)]],
			['otherMethodist', [row(a.otherSchool)]]
		] as const) {
			const r = await attempt(db.pool, a.people[who].userId, 'select public.staff_import($1::jsonb, null, true)', [
				JSON.stringify(rows)
			]);
			expect([who, r.ok, r.code]).toEqual([who, false, '42501']);
		}
		expect(await profilesNamed('Ближняя Ирина', 'Дальняя Ирина')).toEqual([]);
		const anon = await attempt(db.pool, null, 'select public.staff_import($1::jsonb, null, true)', [
			JSON.stringify(far)
		]);
		expect(anon.ok).toBe(false);

		const byAdmin = await staffImport('admin', far, { write: true });
		expect(kinds(byAdmin)).toEqual([`${far[0]!.line}:create`]);
		expect((await profilesNamed('Дальняя Ирина'))[0]).toMatchObject({
			school_id: farSchool,
			memberships: [{ org: farSchool, role: 'teacher' }]
		});
	});

	it('compares names as the device does (private.person_key is comparable())', async () => {
		const names = [
			'ПЕТРОВА  Анна Сергеевна',
			'Ёлкина Вера',
			'ёлкина вера',
			'  «Школа  №  5» ',
			'Иванов\u00a0Иван',
			'O\'Brien "Джон"',
			'Щукин Ъ Ыы ЭЮЯ',
			'Mary-Ann Smith'
		];
		const r = await db.pool.query(
			'select private.person_key(n) as key from unnest($1::text[]) with ordinality as t(n, i) order by i',
			[names]
		);
		expect(r.rows.map((x) => x.key)).toEqual(names.map(comparable));
	});

	it('refuses a value the table does not allow, writing none of the file', async () => {
		const rows = [
			row(a.school, { full_name: 'Годная Строка' }),
			row(a.school, { full_name: 'Негодная Строка', experience_years: 70 })
		];
		const r = await attempt(
			db.pool,
			a.people.municipalMethodist.userId,
			'select public.staff_import($1::jsonb, null, true)',
			[JSON.stringify(rows)]
		);
		expect([r.ok, r.code]).toEqual([false, '23514']);
		expect(await profilesNamed('Годная Строка', 'Негодная Строка')).toEqual([]);
	});
});
