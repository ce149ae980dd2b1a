/**
 * The date rules of 20261207000300_dates_ages_zones.sql on a real PostgreSQL, against their
 * TypeScript twins (src/lib/domain/dates.ts, profile.ts, organization.ts) on many inputs; the стаж's
 * date kept on every write, through sync_push too; the time-zone and deficit-history checks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateInZone, fullYearsBetween } from '../../src/lib/domain/dates';
import { ageOn, experienceOn, isYoungSpecialistIn } from '../../src/lib/domain/profile';
import { createActors, id, type Actors } from './actors';
import { attempt, freshDatabase, insertRow, type TestDatabase } from './cluster';
import { pgTransport, type Mutation } from './transport';

let db: TestDatabase;
let a: Actors;

beforeAll(async () => {
	db = await freshDatabase();
	a = await createActors(db.pool);
}, 60_000);
afterAll(async () => {
	await db?.drop();
});

/** mulberry32, so a failing case can be replayed. */
function rng(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const addDays = (date: string, days: number) =>
	new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('full years, ages and стаж: SQL equals TypeScript', () => {
	it('on 3,000 date pairs, leap days and year ends included', async () => {
		const random = rng(13);
		const special = [
			'2000-02-29',
			'2004-02-29',
			'2023-02-28',
			'2024-02-29',
			'2025-02-28',
			'2025-03-01',
			'2026-12-31',
			'2027-01-01',
			'2027-08-31',
			'2026-09-01'
		];
		const pick = () =>
			random() < 0.3
				? special[Math.floor(random() * special.length)]!
				: addDays('1960-01-01', Math.floor(random() * 365 * 70));
		const pairs = Array.from({ length: 3000 }, () => [pick(), pick()] as const);
		const { rows } = await db.pool.query(
			`select private.full_years(f, t) as n from unnest($1::date[], $2::date[]) with ordinality u (f, t, k) order by k`,
			[pairs.map((p) => p[0]), pairs.map((p) => p[1])]
		);
		const wrong = pairs.filter((p, k) => rows[k]!.n !== fullYearsBetween(p[0], p[1]));
		expect(wrong).toEqual([]);
	});

	it('age from a birth date or only a year, стаж from the date it was recorded on, young specialists of a year', async () => {
		const random = rng(17);
		const cases = Array.from({ length: 1500 }, () => {
			const birthYear = 1960 + Math.floor(random() * 45);
			const birthDate =
				random() < 0.5
					? addDays(`${birthYear}-01-01`, Math.floor(random() * 365)).replace(/^\d{4}/, String(birthYear))
					: null;
			return {
				birthYear,
				birthDate:
					birthDate && /^\d{4}-\d{2}-\d{2}$/.test(birthDate) && !Number.isNaN(Date.parse(birthDate)) ? birthDate : null,
				experienceYears: Math.floor(random() * 6),
				experienceAsOf: random() < 0.1 ? null : addDays('2022-01-01', Math.floor(random() * 365 * 6)),
				on: addDays('2024-01-01', Math.floor(random() * 365 * 5)),
				year: 2023 + Math.floor(random() * 6)
			};
		});
		const { rows } = await db.pool.query(
			`select private.age_on(b, y, d) as age, private.experience_on(e, s, d) as experience, private.is_young_in(e, s, ay) as young
			 from unnest($1::date[], $2::int[], $3::int[], $4::date[], $5::date[], $6::int[]) with ordinality u (b, y, e, s, d, ay, k) order by k`,
			[
				cases.map((c) => c.birthDate),
				cases.map((c) => c.birthYear),
				cases.map((c) => c.experienceYears),
				cases.map((c) => c.experienceAsOf),
				cases.map((c) => c.on),
				cases.map((c) => c.year)
			]
		);
		const wrong = cases.filter((c, k) => {
			const r = rows[k]!;
			return (
				r.age !== ageOn(c, c.on) || r.experience !== experienceOn(c, c.on) || r.young !== isYoungSpecialistIn(c, c.year)
			);
		});
		expect(wrong).toEqual([]);
	});

	it('dates an instant in a zone as Intl does: 03:00 on 1 September in Kemerovo, midnight in Kaliningrad', async () => {
		const instants = [
			'2026-08-31T20:00:00.000Z',
			'2026-08-31T16:59:59.999Z',
			'2026-08-31T21:59:59Z',
			'2026-08-31T22:00:00+00:00',
			'2026-09-01T02:30:00+07:00',
			'2027-03-28T00:30:00Z'
		];
		const zones = ['Asia/Novokuznetsk', 'Europe/Kaliningrad', 'Europe/Moscow', 'Asia/Vladivostok', 'Europe/Samara'];
		for (const zone of zones) {
			const { rows } = await db.pool.query(
				`select ((i::timestamptz) at time zone $2)::date::text as d from unnest($1::text[]) with ordinality u (i, k) order by k`,
				[instants, zone]
			);
			expect(
				rows.map((r) => r.d),
				zone
			).toEqual(instants.map((i) => dateInZone(i, zone)));
		}
	});
});

describe('organisations carry a time zone', () => {
	it('inherit it from the parent, Moscow time at the top', async () => {
		const zone = async (org: string) => (await db.pool.query(`select private.org_time_zone($1) as z`, [org])).rows[0].z;
		expect(await zone(a.school)).toBe('Europe/Moscow');
		await db.pool.query(`update public.organizations set time_zone = 'Asia/Novokuznetsk' where id = $1`, [
			a.municipality
		]);
		try {
			expect(await zone(a.school)).toBe('Asia/Novokuznetsk');
			await db.pool.query(`update public.organizations set time_zone = 'Europe/Kaliningrad' where id = $1`, [
				a.otherSchool
			]);
			expect(await zone(a.otherSchool)).toBe('Europe/Kaliningrad');
		} finally {
			await db.pool.query(`update public.organizations set time_zone = null where id = any ($1)`, [
				[a.municipality, a.otherSchool]
			]);
		}
	});

	it('refuse a name that is no IANA zone, as the device does', async () => {
		for (const bad of ['Mars/Olympus', 'UTC+7', 'MSK', '']) {
			const r = await attempt(
				db.pool,
				a.people.admin.userId,
				`update public.organizations set time_zone = $2 where id = $1`,
				[a.school, bad],
				{ rollback: true }
			);
			expect(r, bad).toMatchObject({ ok: false, code: '23514' });
		}
		expect(
			await attempt(
				db.pool,
				a.people.admin.userId,
				`update public.organizations set time_zone = 'Asia/Novokuznetsk' where id = $1`,
				[a.school],
				{ rollback: true }
			)
		).toMatchObject({ ok: true });
	});
});

describe('the стаж is dated on every write', () => {
	const today = async (zone = 'Europe/Moscow') =>
		(await db.pool.query(`select (now() at time zone $1)::date::text as d`, [zone])).rows[0].d as string;
	const asOf = async (profile: string) =>
		(
			await db.pool.query(
				`select experience_years as years, experience_as_of::text as d from public.profiles where id = $1`,
				[profile]
			)
		).rows[0];

	it("a new profile without a date gets today in its school's zone; one with a date keeps it", async () => {
		const mine = id();
		await insertRow(db.pool, 'profiles', {
			id: mine,
			full_name: 'Новая',
			school_id: a.school,
			birth_year: 1990,
			experience_years: 2
		});
		expect(await asOf(mine)).toEqual({ years: 2, d: await today() });
		const dated = id();
		await insertRow(db.pool, 'profiles', {
			id: dated,
			full_name: 'Из списка',
			school_id: a.school,
			birth_year: 1990,
			experience_years: 4,
			experience_as_of: '2025-05-20'
		});
		expect(await asOf(dated)).toEqual({ years: 4, d: '2025-05-20' });
	});

	it('a стаж changed without a new date (an older app, the staff import, the console) is dated today; an unchanged one keeps its date', async () => {
		const p = id();
		await insertRow(db.pool, 'profiles', {
			id: p,
			full_name: 'Правка',
			school_id: a.school,
			birth_year: 1990,
			experience_years: 4,
			experience_as_of: '2022-09-01'
		});
		await db.pool.query(`update public.profiles set full_name = 'Правка имени' where id = $1`, [p]);
		expect(await asOf(p)).toEqual({ years: 4, d: '2022-09-01' });
		await db.pool.query(`update public.profiles set experience_years = 7 where id = $1`, [p]);
		expect(await asOf(p)).toEqual({ years: 7, d: await today() });
		await db.pool.query(
			`update public.profiles set experience_years = 8, experience_as_of = '2026-01-15' where id = $1`,
			[p]
		);
		expect(await asOf(p)).toEqual({ years: 8, d: '2026-01-15' });
	});

	it("through sync_push: a teacher's own стаж without a date is dated by the server, with one keeps it, and the pull brings the date", async () => {
		const owner = a.people.owner;
		const transport = pgTransport(db.pool, owner.userId);
		const client = id();
		const push = (seq: number, fields: Record<string, unknown>): Promise<unknown> =>
			transport.push(client, [
				{
					seq,
					mutation_id: id(),
					table: 'profiles',
					row_id: owner.profileId,
					op: 'upsert',
					fields,
					base: {}
				} satisfies Mutation
			]);
		await db.pool.query(
			`update public.profiles set experience_years = 1, experience_as_of = '2024-09-01' where id = $1`,
			[owner.profileId]
		);
		expect(await push(1, { experience_years: 3 })).toMatchObject({ results: [{ seq: 1, status: 'applied' }] });
		expect(await asOf(owner.profileId)).toEqual({ years: 3, d: await today() });
		expect(await push(2, { experience_years: 5, experience_as_of: '2026-10-01' })).toMatchObject({
			results: [{ seq: 2, status: 'applied' }]
		});
		expect(await asOf(owner.profileId)).toEqual({ years: 5, d: '2026-10-01' });
		expect(await push(3, { experience_as_of: '2026-02-30' })).toMatchObject({
			results: [{ seq: 3, status: 'rejected', code: 'invalid_type' }]
		});
		const pulled = await transport.pull(null, 500);
		const row = pulled.changes.find((c) => c.table === 'profiles' && c.row.id === owner.profileId)!.row as Record<
			string,
			unknown
		>;
		expect(row).toMatchObject({ experience_years: 5, experience_as_of: '2026-10-01' });
		const school = pulled.changes.find((c) => c.table === 'organizations' && c.row.id === a.school)!.row as Record<
			string,
			unknown
		>;
		expect(school).toHaveProperty('time_zone', null);
	});
});

describe('a category without a recorded expiry', () => {
	it('is a valid row; «без категории» still takes no expiry', async () => {
		await db.pool.query(`update public.profiles set category = 'first', category_expires_on = null where id = $1`, [
			a.people.colleague.profileId
		]);
		await expect(
			db.pool.query(`update public.profiles set category = 'none', category_expires_on = '2030-01-01' where id = $1`, [
				a.people.colleague.profileId
			])
		).rejects.toMatchObject({
			code: '23514'
		});
	});
});

describe("a deficit's history", () => {
	it("holds ISO instants with a zone only: the indicators date each status change in the school's zone", async () => {
		const insert = (at: unknown) =>
			db.pool.query(
				`insert into public.deficits (id, teacher_id, competency_id, indicator_ids, source, description, status, history)
				 values ($1, $2, 'evaluation', '[]', 'self_assessment', '', 'identified', $3)`,
				[id(), a.people.owner.profileId, JSON.stringify([{ status: 'identified', at, by: null }])]
			);
		await expect(insert('2026-09-01T03:00:00+07:00')).resolves.toBeDefined();
		for (const bad of ['2026-09-01', '2026-09-01 03:00', 'вчера', 7, '1900-01-01T00:00:00Z'])
			await expect(insert(bad), String(bad)).rejects.toMatchObject({ code: '23514' });
	});
});
