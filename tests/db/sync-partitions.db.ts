/**
 * sync_pull at region scale (supabase/migrations/20261207000100_sync_partitions.sql): a pull reads
 * the caller's own partitions only, returns exactly what the caller may select, sends what a
 * widened access grants (however old) and nothing else again, and costs the same whatever other
 * schools hold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTOR_NAMES, build, createActors, createOwnerRows, day, id, signUp, type Actors, type Person } from './actors';
import { asUser, freshDatabase, insertRow, type Queryable, type TestDatabase } from './cluster';
import { pgTransport, type PullResponse } from './transport';

const SYNCED = [
	'organizations',
	'memberships',
	'profiles',
	'frameworks',
	'assessments',
	'deficits',
	'development_plans',
	'plan_actions',
	'activities',
	'mentoring_pairs',
	'mentoring_sessions',
	'observations',
	'comments',
	'indicator_targets',
	'recommendations',
	'sync_conflicts'
];

type Change = PullResponse['changes'][number];
/** table/id → version (sync_conflicts have none: 0). */
type View = Map<string, number>;

const keyOf = (table: string, row: Record<string, unknown>) => `${table}/${row.id as string}`;

/** Every row the person may select, with its version: what a complete device should hold. */
async function selectable(db: Queryable, person: Person): Promise<View> {
	return asUser(db, person.userId, async (c) => {
		const view: View = new Map();
		for (const table of SYNCED) {
			const version = table === 'sync_conflicts' ? '0' : 'x.version';
			for (const r of (await c.query(`select x.id, ${version} as v from public.${table} x`)).rows)
				view.set(`${table}/${r.id}`, Number(r.v));
		}
		return view;
	});
}

/** Pulls from `cursor` until has_more is false. */
async function pullAll(
	db: Queryable,
	person: Person,
	cursor: string | null,
	limit = 500
): Promise<{ changes: Change[]; cursor: string | null; last: PullResponse; pages: number }> {
	const transport = pgTransport(db as never, person.userId);
	const changes: Change[] = [];
	let pages = 0;
	for (;;) {
		const page = await transport.pull(cursor, limit);
		pages++;
		changes.push(...page.changes);
		cursor = page.cursor;
		if (!page.has_more) return { changes, cursor, last: page, pages };
	}
}

function viewOf(changes: Change[]): View {
	return new Map(changes.map((c) => [keyOf(c.table, c.row), Number(c.row.version ?? 0)]));
}

/** Rows of `after` that are new or changed since `before`: what the next pull must bring. */
function newer(before: View, after: View): string[] {
	return [...after]
		.filter(([k, v]) => before.get(k) !== v)
		.map(([k]) => k)
		.sort();
}

const sentKeys = (changes: Change[]) => changes.map((c) => keyOf(c.table, c.row)).sort();

/** The actors plus rows of every kind a partition can hold: recommendations, targets, comments, conflicts. */
async function richFixture(db: TestDatabase): Promise<Actors & { farTeacher: Person; extraSchool: string }> {
	const a = await createActors(db.pool);
	const rows = await createOwnerRows(db.pool, a);
	const p = a.people;
	// A teacher of the other school, with rows of her own.
	const farProfile = id();
	const farEmail = `far.${farProfile.slice(0, 8)}@example.test`;
	await insertRow(
		db.pool,
		'profiles',
		build.profile({ id: farProfile, email: farEmail, school_id: a.otherSchool, full_name: 'Далёкая Учительница' })
	);
	await insertRow(
		db.pool,
		'memberships',
		build.membership({ profile_id: farProfile, organization_id: a.otherSchool, role: 'teacher' })
	);
	const farTeacher = { userId: await signUp(db.pool, farEmail), profileId: farProfile, email: farEmail };
	await insertRow(db.pool, 'activities', build.activity({ teacher_id: farProfile }));
	await insertRow(db.pool, 'deficits', build.deficit({ teacher_id: farProfile }));
	// Observations by the methodist and by a colleague (взаимопосещение), comments on a session and on an observation.
	const byMethodist = id();
	await insertRow(
		db.pool,
		'observations',
		build.observation({
			id: byMethodist,
			observer_id: p.methodist.profileId,
			teacher_id: p.owner.profileId,
			observer_role: 'methodist'
		})
	);
	await insertRow(
		db.pool,
		'observations',
		build.observation({ observer_id: p.colleague.profileId, teacher_id: p.owner.profileId, observer_role: 'peer' })
	);
	await insertRow(
		db.pool,
		'comments',
		build.comment({
			target_table: 'mentoring_sessions',
			target_id: rows.session,
			author_id: p.owner.profileId,
			body: 'Спасибо'
		})
	);
	await insertRow(
		db.pool,
		'comments',
		build.comment({
			target_table: 'observations',
			target_id: byMethodist,
			author_id: p.methodist.profileId,
			body: 'Обсудим'
		})
	);
	await insertRow(
		db.pool,
		'comments',
		build.comment({
			target_table: 'plan_actions',
			target_id: rows.action,
			author_id: p.mentor.profileId,
			body: 'Хорошо'
		})
	);
	// Recommendations: to school A, to the owner, to school B, from the municipality to school A.
	const rec = (o: Record<string, unknown>) => ({
		id: id(),
		body: 'Провести методический день',
		due_on: null,
		done_at: null,
		done_by: null,
		teacher_id: null,
		...o
	});
	await insertRow(db.pool, 'recommendations', rec({ author_id: p.methodist.profileId, organization_id: a.school }));
	await insertRow(
		db.pool,
		'recommendations',
		rec({ author_id: p.methodist.profileId, organization_id: a.school, teacher_id: p.owner.profileId })
	);
	await insertRow(
		db.pool,
		'recommendations',
		rec({ author_id: p.otherMethodist.profileId, organization_id: a.otherSchool })
	);
	await insertRow(
		db.pool,
		'recommendations',
		rec({ author_id: p.municipalMethodist.profileId, organization_id: a.school })
	);
	// Targets for every organisation of the municipality: 4 indicators × (municipality, A, B).
	for (const org of [a.municipality, a.school, a.otherSchool]) {
		for (const code of ['PD_ANY', 'IOM', 'OBSERVED', 'CATEGORY']) {
			await insertRow(db.pool, 'indicator_targets', {
				id: id(),
				organization_id: org,
				academic_year: 2026,
				code,
				value: 0.5
			});
		}
	}
	// A school outside the municipality (in the region), with targets of its own.
	const extraSchool = id();
	await insertRow(
		db.pool,
		'organizations',
		build.organization({ id: extraSchool, name: 'Школа № 7', parent_id: a.region })
	);
	await insertRow(db.pool, 'indicator_targets', {
		id: id(),
		organization_id: extraSchool,
		academic_year: 2026,
		code: 'PD_ANY',
		value: 0.4
	});
	// Conflicts: the owner overwrote the mentor's deficit status; one the mentor overwrote.
	const conflict = (o: Record<string, unknown>): Record<string, unknown> => ({
		table_name: 'deficits',
		row_id: rows.deficit,
		field: 'status',
		base: '"identified"',
		overwritten: '"in_progress"',
		value: '"overcome"',
		...o
	});
	for (const c of [
		conflict({ overwritten_by: p.mentor.profileId, profile_id: p.owner.profileId, user_id: p.owner.userId }),
		conflict({ overwritten_by: p.owner.profileId, profile_id: p.mentor.profileId, user_id: p.mentor.userId })
	]) {
		await db.pool.query(
			`insert into public.sync_conflicts (table_name, row_id, field, base, overwritten, value, overwritten_by, profile_id, user_id)
			 values ($1, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb, $7, $8, $9)`,
			[c.table_name, c.row_id, c.field, c.base, c.overwritten, c.value, c.overwritten_by, c.profile_id, c.user_id]
		);
	}
	return { ...a, farTeacher, extraSchool };
}

describe('what a pull returns', () => {
	let db: TestDatabase;
	let a: Awaited<ReturnType<typeof richFixture>>;
	beforeAll(async () => {
		db = await freshDatabase();
		a = await richFixture(db);
	});
	afterAll(() => db?.drop());

	it('is exactly what each person may select, each row once, at its current version, in small pages and in one', async () => {
		for (const person of [...ACTOR_NAMES.map((n) => a.people[n]), a.farTeacher]) {
			const expected = await selectable(db.pool, person);
			for (const limit of [7, 5000]) {
				const { changes } = await pullAll(db.pool, person, null, limit);
				const keys = changes.map((c) => keyOf(c.table, c.row));
				expect(new Set(keys).size, `${person.email} (pages of ${limit}): a row sent twice`).toBe(keys.length);
				expect(viewOf(changes), `${person.email} (pages of ${limit})`).toEqual(expected);
			}
		}
	});

	it('sends nothing to a device that is up to date, and leaves no server-only column in a row', async () => {
		for (const name of ACTOR_NAMES) {
			const { changes, cursor } = await pullAll(db.pool, a.people[name], null);
			for (const c of changes) expect(Object.keys(c.row)).not.toEqual(expect.arrayContaining(['access_txid']));
			expect(changes.filter((c) => c.table === 'comments').every((c) => !('target_teacher_id' in c.row))).toBe(true);
			const again = await pullAll(db.pool, a.people[name], cursor);
			expect(again.changes, name).toEqual([]);
			expect(again.last.has_more).toBe(false);
		}
	});

	it('starts over for a cursor of the pull before partitions (v1) and for another profile’s cursor', async () => {
		const owner = a.people.owner;
		const full = await pullAll(db.pool, owner, null);
		const v1 = await pullAll(db.pool, owner, `v1:1:activities:${id()}`);
		expect(sentKeys(v1.changes)).toEqual(sentKeys(full.changes));
		// A cursor made for the colleague's profile, used by the owner: nothing it covered is hers.
		const theirs = (await pullAll(db.pool, a.people.colleague, null)).cursor!;
		expect(sentKeys((await pullAll(db.pool, owner, theirs)).changes)).toEqual(sentKeys(full.changes));
	});
});

describe('access that widens', () => {
	let db: TestDatabase;
	let a: Awaited<ReturnType<typeof richFixture>>;
	beforeAll(async () => {
		db = await freshDatabase();
	});
	afterAll(() => db?.drop());

	/**
	 * Brings the person's device up to date, runs `change`, pulls again, and checks that the pull
	 * sent exactly the rows that are new or changed in what the person may select: the newly
	 * visible ones however old, and nothing they already had.
	 */
	async function grant(person: Person, change: () => Promise<void>): Promise<{ sent: string[]; last: PullResponse }> {
		const { cursor } = await pullAll(db.pool, person, null);
		const before = await selectable(db.pool, person);
		await change();
		const after = await selectable(db.pool, person);
		const next = await pullAll(db.pool, person, cursor, 5);
		const sent = sentKeys(next.changes);
		expect(sent).toEqual(newer(before, after));
		return { sent, last: next.last };
	}

	const tablesOf = (keys: string[]) => [...new Set(keys.map((k) => k.split('/')[0]))].sort();

	it('a membership added: a teacher joining a school receives its earlier school-wide recommendations', async () => {
		a = await richFixture(db);
		const { sent } = await grant(a.people.colleague, () =>
			insertRow(
				db.pool,
				'memberships',
				build.membership({ profile_id: a.people.colleague.profileId, organization_id: a.otherSchool, role: 'teacher' })
			)
		);
		expect(tablesOf(sent)).toEqual(['memberships', 'recommendations']);
	});

	it('a teacher moved to another school: its methodist receives all her rows, she receives only what is new to her', async () => {
		a = await richFixture(db);
		const owner = a.people.owner;
		const move = async () => {
			await db.pool.query(`update public.profiles set school_id = $2 where id = $1`, [owner.profileId, a.otherSchool]);
			await db.pool.query(`update public.memberships set organization_id = $2 where profile_id = $1`, [
				owner.profileId,
				a.otherSchool
			]);
		};
		// Both devices are brought up to date before the move; each checks its own delta.
		const methodist = a.people.otherMethodist;
		const { cursor: methodistCursor } = await pullAll(db.pool, methodist, null);
		const methodistBefore = await selectable(db.pool, methodist);
		const { sent } = await grant(owner, move);
		expect(tablesOf(sent)).toEqual(['memberships', 'profiles', 'recommendations']);
		const next = await pullAll(db.pool, methodist, methodistCursor, 5);
		expect(sentKeys(next.changes)).toEqual(newer(methodistBefore, await selectable(db.pool, methodist)));
		expect(tablesOf(sentKeys(next.changes))).toEqual(
			[
				'activities',
				'assessments',
				'comments',
				'deficits',
				'development_plans',
				'memberships',
				'mentoring_sessions',
				'observations',
				'plan_actions',
				'profiles'
			].sort()
		);
		// Her old school's methodist no longer has her in scope (the device purges her rows).
		const old = await pullAll(db.pool, a.people.methodist, null);
		expect(old.last.scope.teacher_ids).not.toContain(owner.profileId);
	});

	it('a municipal methodist role given to an existing account brings every existing target of the municipality', async () => {
		a = await richFixture(db);
		const colleague = a.people.colleague;
		const { sent } = await grant(colleague, () =>
			insertRow(
				db.pool,
				'memberships',
				build.membership({
					profile_id: colleague.profileId,
					organization_id: a.municipality,
					role: 'municipal_methodist'
				})
			)
		);
		expect(sent.filter((k) => k.startsWith('indicator_targets/'))).toHaveLength(12);
	});

	it('a school methodist role brings the school’s people, pairs, recommendations, targets and every teacher’s rows', async () => {
		a = await richFixture(db);
		const colleague = a.people.colleague;
		const { sent } = await grant(colleague, () =>
			insertRow(
				db.pool,
				'memberships',
				build.membership({ profile_id: colleague.profileId, organization_id: a.school, role: 'school_methodist' })
			)
		);
		expect(sent.length).toBeGreaterThan(20);
		expect(tablesOf(sent)).toContain('indicator_targets');
		expect(tablesOf(sent)).toContain('assessments');
	});

	it('a pair made: the mentor receives the mentee’s rows, the mentee the mentor’s profile', async () => {
		a = await richFixture(db);
		const mentor = a.people.mentor;
		const mentee = a.people.colleague;
		await insertRow(db.pool, 'deficits', build.deficit({ teacher_id: mentee.profileId }));
		await insertRow(db.pool, 'activities', build.activity({ teacher_id: mentee.profileId }));
		const { cursor: menteeCursor } = await pullAll(db.pool, mentee, null);
		const menteeBefore = await selectable(db.pool, mentee);
		const { sent } = await grant(mentor, () =>
			insertRow(
				db.pool,
				'mentoring_pairs',
				build.pair({ school_id: a.school, mentor_id: mentor.profileId, mentee_id: mentee.profileId })
			)
		);
		expect(tablesOf(sent)).toEqual(['activities', 'deficits', 'mentoring_pairs', 'profiles']);
		const next = await pullAll(db.pool, mentee, menteeCursor);
		expect(sentKeys(next.changes)).toEqual(newer(menteeBefore, await selectable(db.pool, mentee)));
		expect(sentKeys(next.changes)).toContain(`profiles/${mentor.profileId}`);
	});

	it('a school moved under another municipality: that municipality’s methodist receives its targets', async () => {
		a = await richFixture(db);
		const newMunicipality = id();
		await insertRow(
			db.pool,
			'organizations',
			build.organization({ id: newMunicipality, kind: 'municipality', name: 'Новый округ', parent_id: a.region })
		);
		const methodist = id();
		const email = `newmun.${methodist.slice(0, 8)}@example.test`;
		await insertRow(db.pool, 'profiles', build.profile({ id: methodist, email, school_id: null }));
		await insertRow(
			db.pool,
			'memberships',
			build.membership({ profile_id: methodist, organization_id: newMunicipality, role: 'municipal_methodist' })
		);
		const person = { userId: await signUp(db.pool, email), profileId: methodist, email };
		const { sent } = await grant(person, async () => {
			await db.pool.query(`update public.organizations set parent_id = $2 where id = $1`, [
				a.extraSchool,
				newMunicipality
			]);
		});
		// The school's own row (it changed) and its target, older than the cursor.
		expect(sent).toHaveLength(2);
		expect(tablesOf(sent)).toEqual(['indicator_targets', 'organizations']);
	});

	it('a change that grants nothing (a pair’s goals, a profile’s name) re-sends only that row', async () => {
		a = await richFixture(db);
		const mentor = a.people.mentor;
		const { sent } = await grant(mentor, async () => {
			await db.pool.query(`update public.mentoring_pairs set goals = 'Новые цели' where id = $1`, [a.activePair]);
			await db.pool.query(`update public.profiles set full_name = 'Новая Фамилия' where id = $1`, [mentor.profileId]);
		});
		expect(sent).toEqual([`mentoring_pairs/${a.activePair}`, `profiles/${mentor.profileId}`].sort());
	});

	it('a pair that became active since the device’s last pull brings the mentee’s rows', async () => {
		a = await richFixture(db);
		const mentor = a.people.mentor;
		const { cursor } = await pullAll(db.pool, mentor, null);
		// The device last pulled yesterday (before the pair's start today): the same cursor, a day earlier.
		const yesterday = day(-1).replaceAll('-', '');
		const stale = cursor!.replace(/^(v2:[^:]+:[0-9]+:)[0-9]{8}$/, `$1${yesterday}`);
		expect(stale).not.toBe(cursor);
		await db.pool.query(`update public.mentoring_pairs set start_date = current_date where id = $1`, [a.activePair]);
		const { cursor: fresh } = await pullAll(db.pool, mentor, stale);
		const again = await pullAll(db.pool, mentor, fresh!.replace(/^(v2:[^:]+:[0-9]+:)[0-9]{8}$/, `$1${yesterday}`));
		// Active today, not yesterday: every row of the mentee's comes (the pair's own row aside).
		expect(again.changes.some((c) => c.table === 'deficits' && c.row.teacher_id === a.people.owner.profileId)).toBe(
			true
		);
		expect(again.changes.some((c) => c.table === 'plan_actions')).toBe(true);
	});

	it('a grant made in the middle of a sweep reaches the device by the end of the next one', async () => {
		a = await richFixture(db);
		const mentor = a.people.mentor;
		const mentee = a.people.colleague;
		const deficit = id();
		await insertRow(db.pool, 'deficits', build.deficit({ id: deficit, teacher_id: mentee.profileId }));
		const transport = pgTransport(db.pool, mentor.userId);
		const first = await transport.pull(null, 3);
		expect(first.has_more).toBe(true);
		await insertRow(
			db.pool,
			'mentoring_pairs',
			build.pair({ school_id: a.school, mentor_id: mentor.profileId, mentee_id: mentee.profileId })
		);
		const rest = await pullAll(db.pool, mentor, first.cursor, 3);
		const more = await pullAll(db.pool, mentor, rest.cursor, 3);
		expect([...rest.changes, ...more.changes].map((c) => c.row.id)).toContain(deficit);
	});
});

describe('what a pull costs', () => {
	let db: TestDatabase;
	let a: Awaited<ReturnType<typeof richFixture>>;
	beforeAll(async () => {
		db = await freshDatabase();
		a = await richFixture(db);
		await db.pool.query(`
			create function public.test_reads() returns jsonb language sql as $$
			  -- Per table: rows read by sequential scans, and index entries read by index scans (an
			  -- index-only scan reads its entries whatever the visibility map says).
			  select coalesce(jsonb_object_agg(t.relname, jsonb_build_array(t.seq_tup_read + coalesce(i.entries, 0), t.seq_scan + coalesce(t.idx_scan, 0))), '{}')
			  from pg_stat_xact_user_tables t
			  left join (select x.indrelid, sum(pg_stat_get_xact_tuples_returned(x.indexrelid)) as entries from pg_index x group by x.indrelid) i
			    on i.indrelid = t.relid
			$$;
			create function public.test_pull_reads(p_cursor text) returns jsonb language plpgsql as $$
			declare
			  before jsonb := public.test_reads();
			  page jsonb := public.sync_pull(p_cursor, 500);
			  after jsonb := public.test_reads();
			begin
			  return jsonb_build_object('changes', jsonb_array_length(page -> 'changes'), 'tables', (
			    select jsonb_object_agg(a.key, jsonb_build_object('read', (a.value ->> 0)::bigint - coalesce((before -> a.key ->> 0)::bigint, 0),
			                                                      'scans', (a.value ->> 1)::bigint - coalesce((before -> a.key ->> 1)::bigint, 0)))
			    from jsonb_each(after) a
			    where a.value <> coalesce(before -> a.key, '[0, 0]'::jsonb)));
			end $$;
			grant execute on function public.test_reads() to authenticated;
			grant execute on function public.test_pull_reads(text) to authenticated;`);
	});
	afterAll(() => db?.drop());

	/**
	 * Table rows read (sequentially and by index) and scans made by one pull, as PostgreSQL counts
	 * them. Measured inside one statement: PostgreSQL 15 flushes a backend's pending counters when
	 * it goes idle, so a before/after pair of separate statements could straddle a flush.
	 */
	async function rowsRead(
		person: Person,
		cursor: string | null
	): Promise<{ changes: number; tables: Record<string, { read: number; scans: number }> }> {
		return asUser(
			db.pool,
			person.userId,
			async (c) => (await c.query(`select public.test_pull_reads($1) as r`, [cursor])).rows[0].r
		);
	}

	/** A school of `teachers` teachers under `parent`, each with `rows` rows across the teacher-owned tables. */
	async function school(tag: string, parent: string, teachers: number, rows: number): Promise<string> {
		const schoolId = id();
		await insertRow(
			db.pool,
			'organizations',
			build.organization({ id: schoolId, name: `Школа ${tag}`, parent_id: parent })
		);
		await db.pool.query(
			`insert into public.profiles (id, full_name, school_id, birth_year)
			 select md5($2 || t)::uuid, 'Педагог ' || t, $1, 1980 from generate_series(1, $3::int) t`,
			[schoolId, tag, teachers]
		);
		await db.pool.query(
			`insert into public.memberships (id, profile_id, organization_id, role)
			 select gen_random_uuid(), md5($2 || t)::uuid, $1, 'teacher' from generate_series(1, $3::int) t`,
			[schoolId, tag, teachers]
		);
		await db.pool.query(
			`insert into public.activities (id, teacher_id, kind, title, start_date)
			 select gen_random_uuid(), md5($1 || t)::uuid, 'course', 'Курс ' || k, date '2026-10-01'
			 from generate_series(1, $2::int) t, generate_series(1, $3::int / 2) k`,
			[tag, teachers, rows]
		);
		await db.pool.query(
			`insert into public.deficits (id, teacher_id, competency_id, source, status)
			 select gen_random_uuid(), md5($1 || t)::uuid, 'evaluation', 'self_assessment', 'identified'
			 from generate_series(1, $2::int) t, generate_series(1, $3::int - $3::int / 2 - 2) k`,
			[tag, teachers, rows]
		);
		// As autovacuum would: statistics current and the visibility map set (an index-only scan
		// then fetches no heap row), so the counts below depend on what is read, not on upkeep.
		await db.pool.query('vacuum analyze');
		return schoolId;
	}

	it('reads the same rows for an up-to-date device before and after another school writes 100,000 rows', async () => {
		// A municipality already in use (the planner sees tables of a real size, not a fixture's).
		await school('background', a.municipality, 300, 20);
		const readers = [a.people.owner, a.people.mentor, a.people.methodist, a.people.municipalMethodist];
		const cursors = new Map<Person, string>();
		for (const person of readers) cursors.set(person, (await pullAll(db.pool, person, null)).cursor!);
		const before = new Map<Person, Awaited<ReturnType<typeof rowsRead>>>();
		for (const person of readers) before.set(person, await rowsRead(person, cursors.get(person)!));

		// A school of another municipality (not in any reader's scope, the municipal methodist's
		// included): 1,000 teachers with 100 rows each (profile, membership, 98 teacher-owned rows).
		const farMunicipality = id();
		await insertRow(
			db.pool,
			'organizations',
			build.organization({ id: farMunicipality, kind: 'municipality', name: 'Дальний округ', parent_id: a.region })
		);
		const far = await school('far', farMunicipality, 1000, 100);
		const written = await db.pool.query(
			`select (select count(*) from public.activities x join public.profiles p on p.id = x.teacher_id where p.school_id = $1)
			      + (select count(*) from public.deficits x join public.profiles p on p.id = x.teacher_id where p.school_id = $1) + 2000 as n`,
			[far]
		);
		expect(Number(written.rows[0].n)).toBe(100_000);

		for (const person of readers) {
			// The new rows are another school's: nothing to send, and nothing more read to find that out.
			const { cursor } = await pullAll(db.pool, person, cursors.get(person)!);
			const after = await rowsRead(person, cursor);
			expect(after.changes, person.email).toBe(0);
			expect(after, person.email).toEqual(before.get(person));
		}
	});
});
