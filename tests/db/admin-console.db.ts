/**
 * The administrator's console on a real PostgreSQL (issue 16,
 * supabase/migrations/20261207000800_admin_console.sql): who may do each admin action, written
 * the way the app writes it (sync_push for organisations, frameworks, profiles, memberships and
 * targets; the RPCs; region_settings straight, as supabase-js does); the audit log; framework
 * versions; closed schools in the reports; monitoring windows; the staff profile's reference date.
 */
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FRAMEWORK_ID } from '../../src/lib/domain/frameworks/default-id';
import {
	build,
	createActors,
	createOwnerRows,
	id,
	signUp,
	type ActorName,
	type Actors,
	type OwnerRows
} from './actors';
import { attempt, freshDatabase, insertRow, type Attempt, type TestDatabase } from './cluster';
import { pgTransport, type Mutation } from './transport';

type Who = ActorName | 'anon';
/** The five kinds of person each admin action is tried as. */
const WHO: Who[] = ['admin', 'municipalMethodist', 'methodist', 'owner', 'anon'];
type Row = Record<string, unknown>;

let db: TestDatabase;
let a: Actors;
let rows: OwnerRows;
/** A municipality of the region other than the actors', with a school. */
let farMunicipality: string;
let farSchool: string;
let frameworkCode: string;
/** A draft of the default framework's next revision, for 2027. */
let draft: string;
/** An invitation to school A: a teacher who has not signed up. */
let pending: string;
/** The school methodist's membership at school A. */
let methodistMembership: string;

const userOf = (who: Who): string | null => (who === 'anon' ? null : a.people[who].userId);

/** The current academic year (1 September – 31 August), as the reports count it in Moscow time. */
function currentYear(): number {
	const now = new Date(Date.now() + 3 * 3_600_000);
	return now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
}

type Change = Omit<Mutation, 'seq' | 'mutation_id' | 'op' | 'base'> & Partial<Pick<Mutation, 'op' | 'base'>>;

/** A new row (built with its id) as the device sends it: the id is the row id. */
function upsert(table: string, row: Row): Change {
	const { id: rowId, ...fields } = row;
	return { table, row_id: rowId as string, fields };
}
interface Pushed {
	applied: boolean;
	results: { status: string; code?: string; message?: string }[];
	error?: string;
}

/** One sync_push call as `who` from a new device (rolled back unless `commit`). */
async function push(who: Who, changes: Change[], options: { commit?: boolean } = {}): Promise<Pushed> {
	const mutations: Mutation[] = changes.map((c, i) => ({
		seq: i + 1,
		mutation_id: id(),
		op: 'upsert',
		base: {},
		...c
	}));
	const r = await attempt(
		db.pool,
		userOf(who),
		'select public.sync_push($1::uuid, $2::jsonb) as r',
		[id(), JSON.stringify(mutations)],
		{ rollback: !options.commit }
	);
	if (!r.ok) return { applied: false, results: [], error: r.code };
	const results = (r.rows[0]!.r as { results: Pushed['results'] }).results;
	return { applied: results.length === changes.length && results.every((x) => x.status === 'applied'), results };
}

/** One statement as `who`, rolled back unless `commit`. */
const sql = (who: Who, text: string, params: unknown[] = [], options: { commit?: boolean } = {}): Promise<Attempt> =>
	attempt(db.pool, userOf(who), text, params, { rollback: !options.commit });

const invitation = (school: string, role: string, org = school): Change[] => {
	const profile = id();
	return [
		{
			table: 'profiles',
			row_id: profile,
			fields: {
				full_name: 'Приглашённая Мария Ивановна',
				email: `invite.${profile.slice(0, 8)}@example.test`,
				school_id: school,
				birth_year: 1985
			}
		},
		{ table: 'memberships', row_id: id(), fields: { profile_id: profile, organization_id: org, role } }
	];
};

async function serverRow(table: string, rowId: string): Promise<Row> {
	const { rows: found } = await db.pool.query(`select to_jsonb(x) as r from public.${table} x where id = $1`, [rowId]);
	return found[0]?.r as Row;
}

async function frameworkRow(code: string, revision: number, status: string, academicYear: number | null) {
	return {
		code,
		revision,
		status,
		academic_year: academicYear,
		...(
			await db.pool.query(`select title, scale, competencies from public.frameworks where id = $1`, [
				DEFAULT_FRAMEWORK_ID
			])
		).rows[0]
	} as Row;
}

beforeAll(async () => {
	db = await freshDatabase();
	a = await createActors(db.pool);
	rows = await createOwnerRows(db.pool, a);
	farMunicipality = id();
	farSchool = id();
	await insertRow(
		db.pool,
		'organizations',
		build.organization({ id: farMunicipality, kind: 'municipality', name: 'Дальний округ', parent_id: a.region })
	);
	await insertRow(
		db.pool,
		'organizations',
		build.organization({ id: farSchool, name: 'Дальняя школа', parent_id: farMunicipality })
	);
	frameworkCode = (await db.pool.query(`select code from public.frameworks where id = $1`, [DEFAULT_FRAMEWORK_ID]))
		.rows[0].code;
	draft = id();
	await insertRow(db.pool, 'frameworks', { id: draft, ...(await frameworkRow(frameworkCode, 2, 'draft', 2027)) });
	pending = id();
	await insertRow(
		db.pool,
		'profiles',
		build.profile({ id: pending, email: `pending.${pending.slice(0, 8)}@example.test`, school_id: a.school })
	);
	await insertRow(
		db.pool,
		'memberships',
		build.membership({ profile_id: pending, organization_id: a.school, role: 'teacher' })
	);
	methodistMembership = (
		await db.pool.query(`select id from public.memberships where profile_id = $1 and role = 'school_methodist'`, [
			a.people.methodist.profileId
		])
	).rows[0].id;
});
afterAll(() => db?.drop());

describe('who may do each admin action', () => {
	const target = (org: string): Change[] => [
		{
			table: 'indicator_targets',
			row_id: id(),
			fields: { organization_id: org, academic_year: 2026, code: 'IOM', value: 0.6 }
		}
	];
	const ACTIONS: { name: string; allowed: Who[]; run: (who: Who) => Promise<boolean> }[] = [
		{
			name: 'create a school in the municipality, with its time zone and flags',
			allowed: ['admin'],
			run: async (who) =>
				(
					await push(who, [
						{
							table: 'organizations',
							row_id: id(),
							fields: {
								kind: 'school',
								name: 'Новая школа',
								parent_id: a.municipality,
								time_zone: 'Asia/Novokuznetsk',
								low_results: true
							}
						}
					])
				).applied
		},
		{
			name: 'rename an organisation',
			allowed: ['admin'],
			run: async (who) =>
				(
					await push(who, [
						{
							table: 'organizations',
							row_id: a.school,
							fields: { name: 'Школа № 1 имени Пушкина' },
							base: { name: 'Школа № 1' }
						}
					])
				).applied
		},
		{
			name: 'move a school to another municipality',
			allowed: ['admin'],
			run: async (who) =>
				(await push(who, [{ table: 'organizations', row_id: a.otherSchool, fields: { parent_id: farMunicipality } }]))
					.applied
		},
		{
			name: 'close a school',
			allowed: ['admin'],
			run: async (who) =>
				(await push(who, [{ table: 'organizations', row_id: a.otherSchool, fields: { closed_on: '2027-06-30' } }]))
					.applied
		},
		{
			name: 'set a school’s flags and time zone',
			allowed: ['admin'],
			run: async (who) =>
				(
					await push(who, [
						{
							table: 'organizations',
							row_id: a.otherSchool,
							fields: { adverse_conditions: true, program500: true, time_zone: 'Asia/Krasnoyarsk' }
						}
					])
				).applied
		},
		{
			name: 'set the monitoring windows of the region and of its municipality',
			allowed: ['admin'],
			run: async (who) =>
				(
					await push(who, [
						{
							table: 'organizations',
							row_id: a.region,
							fields: { monitoring: { '2026': { entry: { from: '2026-09-01', to: '2026-10-31' } } } }
						},
						{
							table: 'organizations',
							row_id: a.municipality,
							fields: { monitoring: { '2026': { entry: { from: '2026-09-15', to: '2026-10-15' } } } }
						}
					])
				).applied
		},
		{
			name: 'insert a framework draft',
			allowed: ['admin'],
			run: async (who) =>
				(
					await push(who, [
						{ table: 'frameworks', row_id: id(), fields: await frameworkRow('lesson-rubric', 1, 'draft', null) }
					])
				).applied
		},
		{
			name: 'publish a framework draft',
			allowed: ['admin'],
			run: async (who) =>
				(
					await push(who, [
						{ table: 'frameworks', row_id: draft, fields: { status: 'published' }, base: { status: 'draft' } }
					])
				).applied
		},
		{
			name: 'invite a teacher to school A',
			allowed: ['admin', 'municipalMethodist', 'methodist'],
			run: async (who) => (await push(who, invitation(a.school, 'teacher'))).applied
		},
		{
			name: 'invite a school methodist of school A',
			allowed: ['admin', 'municipalMethodist'],
			run: async (who) => (await push(who, invitation(a.school, 'school_methodist'))).applied
		},
		{
			name: 'invite a school methodist of another municipality’s school',
			allowed: ['admin'],
			run: async (who) => (await push(who, invitation(farSchool, 'school_methodist'))).applied
		},
		{
			name: 'invite a municipal methodist',
			allowed: ['admin'],
			run: async (who) => (await push(who, invitation(a.school, 'municipal_methodist', a.municipality))).applied
		},
		{
			name: 'invite an administrator',
			allowed: ['admin'],
			run: async (who) => (await push(who, invitation(a.school, 'admin', a.region))).applied
		},
		{
			name: 'end a teacher’s membership at school A',
			allowed: ['admin', 'methodist'],
			run: async (who) =>
				(await push(who, [{ table: 'memberships', row_id: rows.membership, op: 'delete', fields: {} }])).applied
		},
		{
			name: 'end a school methodist’s membership at school A',
			allowed: ['admin', 'municipalMethodist'],
			run: async (who) =>
				(await push(who, [{ table: 'memberships', row_id: methodistMembership, op: 'delete', fields: {} }])).applied
		},
		{
			name: 'set the region’s settings (growth threshold, minimum group, reference date)',
			allowed: ['admin'],
			run: async (who) =>
				(
					await sql(
						who,
						`insert into public.region_settings (region_id, growth_threshold, min_group_size, staff_reference)
						 values ($1, 0.3, 6, '09-15')
						 on conflict (region_id) do update set growth_threshold = excluded.growth_threshold`,
						[a.region]
					)
				).ok
		},
		{
			name: 'set an indicator target for the municipality',
			allowed: ['admin', 'municipalMethodist'],
			run: async (who) => (await push(who, target(a.municipality))).applied
		},
		{
			name: 'set an indicator target for the region',
			allowed: ['admin'],
			run: async (who) => (await push(who, target(a.region))).applied
		},
		{
			name: 'read the audit log',
			allowed: ['admin'],
			run: async (who) => {
				const r = await sql(who, `select * from public.audit_log_page()`);
				return r.ok && r.rowCount > 0;
			}
		},
		{
			name: 'withdraw an invitation to school A',
			allowed: ['admin', 'municipalMethodist', 'methodist'],
			run: async (who) => (await sql(who, `select public.withdraw_invitation($1)`, [pending])).ok
		},
		{
			name: 'move a teacher to another school',
			allowed: ['admin'],
			run: async (who) =>
				(await sql(who, `select public.move_teacher($1, $2)`, [a.people.colleague.profileId, a.otherSchool])).ok
		}
	];

	for (const action of ACTIONS) {
		it(`${action.name}: ${action.allowed.join(', ')}`, async () => {
			const actual: Record<string, boolean> = {};
			for (const who of WHO) actual[who] = await action.run(who);
			expect(actual).toEqual(Object.fromEntries(WHO.map((w) => [w, action.allowed.includes(w)])));
		});
	}

	it('every action above left nothing behind (each ran in a rolled-back transaction)', async () => {
		expect((await serverRow('organizations', a.school)).name).toBe('Школа № 1');
		expect((await serverRow('frameworks', draft)).status).toBe('draft');
		expect((await serverRow('profiles', pending)).deleted_at).toBeNull();
	});
});

describe('organisations', () => {
	it('keeps the tree: each kind under the kind above it, a region at the top', async () => {
		const org = (fields: Row): Change[] => [{ table: 'organizations', row_id: id(), fields }];
		const refused = [
			{ kind: 'school', name: 'Школа в области', parent_id: a.region },
			{ kind: 'municipality', name: 'Округ в округе', parent_id: a.municipality },
			{ kind: 'methodical_association', name: 'ШМО округа', parent_id: a.municipality },
			{ kind: 'region', name: 'Область в области', parent_id: a.region }
		];
		for (const fields of refused) {
			const r = await push('admin', org(fields));
			expect(r.results[0], fields.name).toMatchObject({ status: 'rejected', code: 'invalid_value' });
		}
		for (const fields of [
			{ kind: 'methodical_association', name: 'ШМО математики', parent_id: a.school },
			{ kind: 'municipality', name: 'Новый округ', parent_id: a.region },
			{ kind: 'region', name: 'Новая область' }
		])
			expect((await push('admin', org(fields))).applied, fields.name).toBe(true);
		// A school changing its kind under its municipality breaks the rule too.
		const kind = await push('admin', [
			{ table: 'organizations', row_id: a.otherSchool, fields: { kind: 'municipality' } }
		]);
		expect(kind.results[0]).toMatchObject({ status: 'rejected' });
	});

	it('closes an organisation only after its children, and keeps its history', async () => {
		const municipality = id();
		const school = id();
		await push(
			'admin',
			[
				{
					table: 'organizations',
					row_id: municipality,
					fields: { kind: 'municipality', name: 'Закрываемый округ', parent_id: a.region }
				},
				{
					table: 'organizations',
					row_id: school,
					fields: { kind: 'school', name: 'Закрываемая школа', parent_id: municipality }
				}
			],
			{ commit: true }
		);
		const first = await push('admin', [
			{ table: 'organizations', row_id: municipality, fields: { closed_on: '2027-06-30' } }
		]);
		expect(first.results[0]).toMatchObject({ status: 'rejected', code: 'invalid_value' });
		expect(first.results[0]!.message).toMatch(/close the organisations under it first/);
		// A child closed later than its parent is still open on the parent's date.
		const later = await push('admin', [
			{ table: 'organizations', row_id: school, fields: { closed_on: '2027-08-31' } },
			{ table: 'organizations', row_id: municipality, fields: { closed_on: '2027-06-30' } }
		]);
		expect(later.results.map((r) => r.status)).toEqual(['applied', 'rejected']);
		const inOrder = await push(
			'admin',
			[
				{ table: 'organizations', row_id: school, fields: { closed_on: '2027-06-30' } },
				{ table: 'organizations', row_id: municipality, fields: { closed_on: '2027-06-30' } }
			],
			{ commit: true }
		);
		expect(inOrder.applied).toBe(true);
		expect(await serverRow('organizations', school)).toMatchObject({ closed_on: '2027-06-30', deleted_at: null });
		// Nothing open goes under a closed organisation.
		const underClosed = await push('admin', [
			{
				table: 'organizations',
				row_id: id(),
				fields: { kind: 'school', name: 'Новая школа', parent_id: municipality }
			}
		]);
		expect(underClosed.results[0]).toMatchObject({ status: 'rejected', code: 'invalid_value' });
	});

	it('refuses monitoring windows outside the academic year, with from after to, on a school, or outside the region’s', async () => {
		const region = id();
		const municipality = id();
		const created = await push(
			'admin',
			[
				{
					table: 'organizations',
					row_id: region,
					fields: {
						kind: 'region',
						name: 'Область с окнами',
						monitoring: {
							'2026': {
								entry: { from: '2026-09-01', to: '2026-10-31' },
								final: { from: '2027-04-01', to: '2027-05-31' }
							}
						}
					}
				},
				{
					table: 'organizations',
					row_id: municipality,
					fields: {
						kind: 'municipality',
						name: 'Округ с окнами',
						parent_id: region,
						monitoring: { '2026': { entry: { from: '2026-09-10', to: '2026-10-20' } } }
					}
				}
			],
			{ commit: true }
		);
		expect(created.applied).toBe(true);
		const windows = async (org: string, monitoring: unknown) =>
			(await push('admin', [{ table: 'organizations', row_id: org, fields: { monitoring } }])).results[0]!;
		const refused: [string, string, unknown][] = [
			['outside the academic year', municipality, { '2026': { entry: { from: '2026-08-20', to: '2026-09-20' } } }],
			['ends after the year', region, { '2026': { final: { from: '2027-08-01', to: '2027-09-01' } } }],
			['from after to', municipality, { '2026': { entry: { from: '2026-10-01', to: '2026-09-20' } } }],
			['no such date', municipality, { '2026': { entry: { from: '2026-09-31', to: '2026-10-05' } } }],
			['unknown stage', municipality, { '2026': { midterm: { from: '2026-09-10', to: '2026-10-05' } } }],
			['not a year', municipality, { autumn: { entry: { from: '2026-09-10', to: '2026-10-05' } } }],
			[
				'municipality outside the region',
				municipality,
				{ '2026': { entry: { from: '2026-09-01', to: '2026-11-15' } } }
			],
			[
				'region narrowed past its municipality',
				region,
				{ '2026': { entry: { from: '2026-09-15', to: '2026-10-31' } } }
			],
			['a school', a.school, { '2026': { entry: { from: '2026-09-10', to: '2026-10-05' } } }]
		];
		for (const [why, org, monitoring] of refused)
			expect(await windows(org, monitoring), why).toMatchObject({ status: 'rejected', code: 'invalid_value' });
		// Stages the region leaves open are the municipality's to set; inside the region's windows is fine.
		const accepted: [string, string, unknown][] = [
			[
				'narrower, and a stage the region has not set',
				municipality,
				{
					'2026': {
						entry: { from: '2026-09-20', to: '2026-10-10' },
						intermediate: { from: '2026-12-01', to: '2026-12-25' }
					}
				}
			],
			['the same as the region', municipality, { '2026': { entry: { from: '2026-09-01', to: '2026-10-31' } } }],
			['none', municipality, {}]
		];
		for (const [why, org, monitoring] of accepted)
			expect(await windows(org, monitoring), why).toMatchObject({ status: 'applied' });
	});

	it('sends the new columns of organisations and frameworks to every device', async () => {
		const pulled = await pgTransport(db.pool, a.people.owner.userId).pull(null, 5000);
		const organization = pulled.changes.find((c) => c.table === 'organizations' && c.row.id === a.school)!.row;
		expect(organization).toMatchObject({ closed_on: null, monitoring: {} });
		const framework = pulled.changes.find((c) => c.table === 'frameworks' && c.row.id === DEFAULT_FRAMEWORK_ID)!.row;
		expect(framework).toMatchObject({ status: 'published', academic_year: null, published_at: null });
		const drafted = pulled.changes.find((c) => c.table === 'frameworks' && c.row.id === draft)!.row;
		expect(drafted).toMatchObject({ status: 'draft', academic_year: 2027 });
	});
});

describe('framework versions', () => {
	it('lets the admin edit a draft and publish it once, for an academic year, as the next revision', async () => {
		const next = id();
		const created = await push(
			'admin',
			[{ table: 'frameworks', row_id: next, fields: await frameworkRow('versioned', 1, 'draft', null) }],
			{ commit: true }
		);
		expect(created.applied).toBe(true);
		const edited = await push(
			'admin',
			[{ table: 'frameworks', row_id: next, fields: { title: 'Рубрика, черновик' } }],
			{ commit: true }
		);
		expect(edited.applied).toBe(true);
		const withoutYear = await push('admin', [{ table: 'frameworks', row_id: next, fields: { status: 'published' } }]);
		expect(withoutYear.results[0]).toMatchObject({ status: 'rejected', code: 'invalid_value' });
		const published = await push(
			'admin',
			[{ table: 'frameworks', row_id: next, fields: { status: 'published', academic_year: 2026 } }],
			{ commit: true }
		);
		expect(published.applied).toBe(true);
		const row = await serverRow('frameworks', next);
		expect(row).toMatchObject({ status: 'published', academic_year: 2026, revision: 1 });
		expect(Date.now() - Date.parse(row.published_at as string)).toBeLessThan(60_000);

		// Revision 3 cannot be published while 2 is not; a second revision 1 is not a version at all.
		const skip = await push('admin', [
			{ table: 'frameworks', row_id: id(), fields: await frameworkRow('versioned', 3, 'published', 2027) }
		]);
		expect(skip.results[0]).toMatchObject({ status: 'rejected', code: 'invalid_value' });
		expect(skip.results[0]!.message).toMatch(/must be 2/);
		const twice = await push('admin', [
			{ table: 'frameworks', row_id: id(), fields: await frameworkRow('versioned', 1, 'draft', 2027) }
		]);
		expect(twice.results[0]).toMatchObject({ status: 'rejected', code: 'invalid_value' });
		const second = await push('admin', [
			{ table: 'frameworks', row_id: id(), fields: await frameworkRow('versioned', 2, 'published', 2027) }
		]);
		expect(second.applied).toBe(true);
	});

	it('never changes a published version: not its content, not its status, not even by a tombstone or the superuser', async () => {
		const version = (await serverRow('frameworks', DEFAULT_FRAMEWORK_ID)).version;
		for (const fields of [
			{ title: 'Другое название' },
			{ status: 'draft' },
			{ academic_year: 2030 },
			{ deleted_at: new Date().toISOString() }
		]) {
			const r = await push('admin', [{ table: 'frameworks', row_id: DEFAULT_FRAMEWORK_ID, fields }]);
			expect(r.results[0], JSON.stringify(fields)).toMatchObject({ status: 'rejected', code: 'forbidden' });
		}
		const deleted = await push('admin', [
			{ table: 'frameworks', row_id: DEFAULT_FRAMEWORK_ID, op: 'delete', fields: {} }
		]);
		expect(deleted.results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
		await expect(
			db.pool.query(`update public.frameworks set competencies = '[]' where id = $1`, [DEFAULT_FRAMEWORK_ID])
		).rejects.toMatchObject({ code: '42501', message: expect.stringMatching(/published/) });
		expect((await serverRow('frameworks', DEFAULT_FRAMEWORK_ID)).version).toBe(version);
	});

	it('refuses an assessment or observation against a draft', async () => {
		const owner = a.people.owner;
		const assessment = await push('owner', [
			upsert(
				'assessments',
				build.assessment({ teacher_id: owner.profileId, framework_id: draft, framework_version: 2 })
			)
		]);
		expect(assessment.results[0]).toMatchObject({ status: 'rejected', code: 'invalid_value' });
		expect(assessment.results[0]!.message).toMatch(/published framework version only/);
		const moved = await push('owner', [
			{ table: 'assessments', row_id: rows.assessment, fields: { framework_id: draft, framework_version: 2 } }
		]);
		expect(moved.results[0]).toMatchObject({ status: 'rejected', code: 'invalid_value' });
		await expect(
			insertRow(
				db.pool,
				'observations',
				build.observation({
					observer_id: a.people.mentor.profileId,
					teacher_id: owner.profileId,
					framework_id: draft,
					framework_version: 2
				})
			)
		).rejects.toMatchObject({ code: '23514' });
		const published = await push('owner', [upsert('assessments', build.assessment({ teacher_id: owner.profileId }))]);
		expect(published.applied).toBe(true);
	});

	it('keeps the reports of assessments taken against version 1 after version 2 is published, and reports version 2', async () => {
		const teachers = [a.people.owner, a.people.colleague, a.people.mentor];
		const submitted = (teacher: string, framework: string, revision: number, stage: string, year: number, s: number) =>
			build.assessment({
				teacher_id: teacher,
				framework_id: framework,
				framework_version: revision,
				stage,
				academic_year: year,
				status: 'submitted',
				scores: { 'goal-setting.1': s, 'goal-setting.2': s, 'evaluation.1': Math.min(3, s + 1) },
				started_at: `${year}-09-20T10:00:00.000Z`,
				submitted_at: `${year}-09-20T11:00:00.000Z`
			});
		for (const [i, t] of teachers.entries()) {
			await insertRow(db.pool, 'assessments', submitted(t.profileId, DEFAULT_FRAMEWORK_ID, 1, 'entry', 2026, i));
			await insertRow(db.pool, 'assessments', {
				...submitted(t.profileId, DEFAULT_FRAMEWORK_ID, 1, 'final', 2026, i + 1),
				submitted_at: '2027-05-20T11:00:00.000Z'
			});
		}
		const reports = async (year: number, framework: string, stage: string) => {
			const r = await sql(
				'methodist',
				`select public.report_indicators($1, $2, $4) as indicators,
				        public.report_competence($1, $2, 'self', $3, $4) as competence`,
				[a.school, year, framework, stage]
			);
			expect(r.ok, r.message).toBe(true);
			return r.rows[0] as { indicators: Row; competence: Row };
		};
		const before = await reports(2026, DEFAULT_FRAMEWORK_ID, 'final');
		const goals = (before.competence.scope as { heatmap: Row[] }).heatmap.find(
			(c) => c.competencyId === 'goal-setting'
		)!;
		expect(goals).toMatchObject({ assessed: 3, mean: 2 });

		// Version 2 is the draft copied from version 1: one indicator worded differently, for 2027,
		// edited and published through the admin's device.
		const v2 = draft;
		const revision = 2;
		const competencies = structuredClone((await serverRow('frameworks', v2)).competencies) as {
			indicators: { text: string }[];
		}[];
		competencies[0]!.indicators[0]!.text = 'Ставит цели урока вместе с учениками';
		expect(
			(await push('admin', [{ table: 'frameworks', row_id: v2, fields: { competencies } }], { commit: true })).applied
		).toBe(true);
		expect(
			(await push('admin', [{ table: 'frameworks', row_id: v2, fields: { status: 'published' } }], { commit: true }))
				.applied
		).toBe(true);

		expect(await reports(2026, DEFAULT_FRAMEWORK_ID, 'final')).toEqual(before);

		// A teacher's 2027 self-assessment against version 2, through her device.
		const owner = a.people.owner;
		expect(
			(
				await push('owner', [upsert('assessments', submitted(owner.profileId, v2, revision, 'entry', 2027, 3))], {
					commit: true
				})
			).applied
		).toBe(true);
		const v2Report = await reports(2027, v2, 'entry');
		const v2Goals = (v2Report.competence.scope as { heatmap: Row[] }).heatmap.find(
			(c) => c.competencyId === 'goal-setting'
		)!;
		expect(v2Goals).toMatchObject({ assessed: 1, mean: 3 });
		// Version 1's figures of 2027 do not count it: growth and means compare like with like.
		const v1Of2027 = await reports(2027, DEFAULT_FRAMEWORK_ID, 'entry');
		expect(
			(v1Of2027.competence.scope as { heatmap: Row[] }).heatmap.find((c) => c.competencyId === 'goal-setting')
		).toMatchObject({ assessed: 0 });
	});
});

describe('people and roles', () => {
	it('a municipal methodist invites a school methodist of its school, who signs up; not of another municipality', async () => {
		const changes = invitation(a.otherSchool, 'school_methodist');
		expect((await push('municipalMethodist', changes, { commit: true })).applied).toBe(true);
		const far = await push('municipalMethodist', invitation(farSchool, 'school_methodist'));
		expect(far.results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
		// Not even her own school's teacher made a municipal methodist or an administrator.
		const profile = changes[0]!.row_id;
		for (const [role, org] of [
			['municipal_methodist', a.municipality],
			['admin', a.region]
		] as const) {
			const r = await push('municipalMethodist', [
				{ table: 'memberships', row_id: id(), fields: { profile_id: profile, organization_id: org, role } }
			]);
			expect(r.results[0], role).toMatchObject({ status: 'rejected', code: 'forbidden' });
		}
		const userId = await signUp(db.pool, changes[0]!.fields.email as string);
		// School A's methodist does not read school B's new methodist.
		expect((await sql('methodist', `select 1 from public.profiles where id = $1`, [profile])).rowCount).toBe(0);
		const own = await attempt(db.pool, userId, `select role from public.memberships where profile_id = $1`, [profile]);
		expect(own.rows).toEqual([{ role: 'school_methodist' }]);
		// The municipal methodist's device receives the membership (not the profile) and may end it.
		const pulled = await pgTransport(db.pool, a.people.municipalMethodist.userId).pull(null, 5000);
		expect(pulled.changes.filter((c) => c.table === 'memberships').map((c) => c.row.profile_id)).toEqual(
			expect.arrayContaining([profile, a.people.methodist.profileId, a.people.otherMethodist.profileId])
		);
		expect(
			pulled.changes.filter((c) => c.table === 'memberships' && c.row.role !== 'school_methodist').map((c) => c.row.id)
		).toEqual([
			(
				await db.pool.query(`select id from public.memberships where profile_id = $1`, [
					a.people.municipalMethodist.profileId
				])
			).rows[0].id
		]);
		expect(pulled.changes.filter((c) => c.table === 'profiles').map((c) => c.row.id)).toEqual([
			a.people.municipalMethodist.profileId
		]);
		const membership = changes[1]!.row_id;
		expect(
			(await push('municipalMethodist', [{ table: 'memberships', row_id: membership, op: 'delete', fields: {} }]))
				.applied
		).toBe(true);
	});

	it('lists the pending invitations each person manages', async () => {
		const listed = async (who: Who) => {
			const r = await sql(who, `select profile_id, role, organization_name from public.pending_invitations()`);
			return r.rows.map((x) => x.profile_id as string);
		};
		const far = id();
		await insertRow(
			db.pool,
			'profiles',
			build.profile({ id: far, email: `far.${far.slice(0, 8)}@example.test`, school_id: farSchool })
		);
		await insertRow(
			db.pool,
			'memberships',
			build.membership({ profile_id: far, organization_id: farSchool, role: 'school_methodist' })
		);
		expect(await listed('admin')).toEqual(expect.arrayContaining([pending, far]));
		expect(await listed('municipalMethodist')).toContain(pending);
		expect(await listed('municipalMethodist')).not.toContain(far);
		expect(await listed('methodist')).toEqual([pending]);
		expect(await listed('owner')).toEqual([]);
		expect((await sql('anon', `select * from public.pending_invitations()`)).ok).toBe(false);
		const row = (await sql('methodist', `select * from public.pending_invitations()`)).rows[0]!;
		expect(row).toMatchObject({
			profile_id: pending,
			organization_id: a.school,
			organization_name: 'Школа № 1',
			role: 'teacher'
		});
		expect(row.email).toMatch(/^pending\./);
	});

	it('withdraws an invitation: the profile and its memberships end, and the e-mail can no longer sign up', async () => {
		const invited = invitation(a.school, 'teacher');
		await push('methodist', invited, { commit: true });
		const profile = invited[0]!.row_id;
		const email = invited[0]!.fields.email as string;
		const byOther = await sql('otherMethodist', `select public.withdraw_invitation($1)`, [profile]);
		expect(byOther).toMatchObject({ ok: false, code: '42501' });
		const signedUp = await sql('admin', `select public.withdraw_invitation($1)`, [a.people.owner.profileId]);
		expect(signedUp).toMatchObject({ ok: false, code: '22023' });
		expect(await sql('methodist', `select public.withdraw_invitation($1)`, [profile], { commit: true })).toMatchObject({
			ok: true
		});
		expect((await serverRow('profiles', profile)).deleted_at).not.toBeNull();
		expect((await serverRow('memberships', invited[1]!.row_id)).deleted_at).not.toBeNull();
		await expect(signUp(db.pool, email)).rejects.toMatchObject({ code: '42501' });
		const again = await sql('methodist', `select public.withdraw_invitation($1)`, [profile]);
		expect(again).toMatchObject({ ok: false, code: '22023' });
		// A teacher of the staff list without an e-mail, never signed in, is no invitation: she stays.
		const listed = id();
		await insertRow(db.pool, 'profiles', build.profile({ id: listed, email: null, school_id: a.school }));
		await insertRow(
			db.pool,
			'memberships',
			build.membership({ profile_id: listed, organization_id: a.school, role: 'teacher' })
		);
		expect(await sql('methodist', `select public.withdraw_invitation($1)`, [listed])).toMatchObject({
			ok: false,
			code: '22023'
		});
		expect((await serverRow('profiles', listed)).deleted_at).toBeNull();
	});

	it('moves a teacher between schools keeping her records: her roles go with her, the methodists swap', async () => {
		const teacher = id();
		const email = `moving.${teacher.slice(0, 8)}@example.test`;
		await insertRow(db.pool, 'profiles', build.profile({ id: teacher, email, school_id: a.school }));
		for (const role of ['teacher', 'mentor'])
			await insertRow(
				db.pool,
				'memberships',
				build.membership({ profile_id: teacher, organization_id: a.school, role })
			);
		await signUp(db.pool, email);
		const assessment = id();
		await insertRow(db.pool, 'assessments', build.assessment({ id: assessment, teacher_id: teacher }));
		const reads = async (who: 'methodist' | 'otherMethodist') =>
			(await attempt(db.pool, a.people[who].userId, `select 1 from public.assessments where id = $1`, [assessment]))
				.rowCount;
		expect([await reads('methodist'), await reads('otherMethodist')]).toEqual([1, 0]);

		const refused = await sql('admin', `select public.move_teacher($1, $2)`, [teacher, a.municipality]);
		expect(refused).toMatchObject({ ok: false, code: '22023' });
		expect(
			await sql('admin', `select public.move_teacher($1, $2)`, [teacher, a.otherSchool], { commit: true })
		).toMatchObject({ ok: true });
		expect((await serverRow('profiles', teacher)).school_id).toBe(a.otherSchool);
		const live = await db.pool.query(
			`select organization_id, role from public.memberships where profile_id = $1 and deleted_at is null order by role`,
			[teacher]
		);
		expect(live.rows).toEqual([
			{ organization_id: a.otherSchool, role: 'mentor' },
			{ organization_id: a.otherSchool, role: 'teacher' }
		]);
		expect((await serverRow('assessments', assessment)).teacher_id).toBe(teacher);
		expect([await reads('methodist'), await reads('otherMethodist')]).toEqual([0, 1]);
	});
});

describe('the audit log', () => {
	interface Entry {
		id: string;
		at: Date;
		action: string;
		actor_name: string | null;
		person_name: string | null;
		person_email: string | null;
		organization_name: string | null;
		role: string | null;
		old_organization_name: string | null;
		old_role: string | null;
	}
	const page = async (before: string | null = null, limit = 50): Promise<Entry[]> => {
		const r = await sql('admin', `select * from public.audit_log_page($1, $2)`, [before, limit]);
		expect(r.ok, r.message).toBe(true);
		return r.rows as unknown as Entry[];
	};

	it('records who invited, granted, changed, ended, moved and withdrew whom, and when', async () => {
		const started = (await page(null, 1))[0]!.id;
		const invited = invitation(a.school, 'teacher');
		const profile = invited[0]!.row_id;
		const email = invited[0]!.fields.email as string;
		await push('municipalMethodist', invited, { commit: true });
		await signUp(db.pool, email);
		const mentor = id();
		await push(
			'admin',
			[
				{
					table: 'memberships',
					row_id: mentor,
					fields: { profile_id: profile, organization_id: a.school, role: 'mentor' }
				}
			],
			{ commit: true }
		);
		await push(
			'admin',
			[{ table: 'memberships', row_id: mentor, fields: { role: 'school_methodist' }, base: { role: 'mentor' } }],
			{ commit: true }
		);
		await push('admin', [{ table: 'memberships', row_id: mentor, op: 'delete', fields: {} }], { commit: true });
		await sql('admin', `select public.move_teacher($1, $2)`, [profile, a.otherSchool], { commit: true });
		const withdrawn = invitation(a.otherSchool, 'teacher');
		expect((await push('otherMethodist', withdrawn, { commit: true })).applied).toBe(true);
		expect(
			(await sql('otherMethodist', `select public.withdraw_invitation($1)`, [withdrawn[0]!.row_id], { commit: true }))
				.ok
		).toBe(true);

		const entries = (await page()).filter((e) => BigInt(e.id) > BigInt(started)).reverse();
		const actorName = (who: string) => `Actor ${who}`;
		const mine = entries.filter((e) => e.person_email === email);
		expect(
			mine.map((e) => [e.action, e.actor_name, e.organization_name, e.role, e.old_organization_name, e.old_role])
		).toEqual([
			['invite', actorName('municipalMethodist'), 'Школа № 1', 'teacher', null, null],
			['grant', actorName('admin'), 'Школа № 1', 'mentor', null, null],
			['change', actorName('admin'), 'Школа № 1', 'school_methodist', 'Школа № 1', 'mentor'],
			['end', actorName('admin'), 'Школа № 1', 'school_methodist', null, null],
			['end', actorName('admin'), 'Школа № 1', 'teacher', null, null],
			['move', actorName('admin'), 'Школа № 2', null, 'Школа № 1', null],
			['grant', actorName('admin'), 'Школа № 2', 'teacher', null, null]
		]);
		expect(mine.every((e) => e.person_name === 'Приглашённая Мария Ивановна')).toBe(true);
		for (const e of mine) expect(Math.abs(Date.now() - new Date(e.at).getTime())).toBeLessThan(120_000);
		const gone = entries.filter((e) => e.person_email === withdrawn[0]!.fields.email);
		expect(gone.map((e) => [e.action, e.actor_name, e.role])).toEqual([
			['invite', actorName('otherMethodist'), 'teacher'],
			['end', actorName('otherMethodist'), 'teacher'],
			['withdraw', actorName('otherMethodist'), null]
		]);
		// Pages go back in time by id.
		const [newest, second] = await page(null, 2);
		expect((await page(newest!.id, 1))[0]!.id).toBe(second!.id);
	});

	it('cannot be written, edited or deleted, not by the administrator, not even by the database owner', async () => {
		const first = (await db.pool.query(`select min(id) as id from public.audit_log`)).rows[0].id as string;
		for (const text of [
			`select * from public.audit_log`,
			`insert into public.audit_log (action) values ('grant')`,
			`update public.audit_log set role = 'admin' where id = ${first}`,
			`delete from public.audit_log where id = ${first}`,
			`truncate public.audit_log`
		])
			expect(await sql('admin', text), text).toMatchObject({ ok: false, code: '42501' });
		for (const text of [
			`update public.audit_log set role = 'admin' where id = ${first}`,
			`delete from public.audit_log where id = ${first}`,
			`truncate public.audit_log`
		])
			await expect(db.pool.query(text), text).rejects.toMatchObject({
				code: '42501',
				message: 'the audit log cannot be changed or deleted'
			});
		// Nor by whoever holds the service key (Supabase grants service_role every new table by default).
		const service = await db.pool.connect();
		try {
			await service.query('begin');
			await service.query('set local role service_role');
			await expect(service.query(`insert into public.audit_log (action) values ('grant')`)).rejects.toMatchObject({
				code: '42501'
			});
		} finally {
			await service.query('rollback');
			service.release();
		}
		expect(
			(await db.pool.query(`select count(*)::int as n from public.audit_log where id = $1`, [first])).rows[0].n
		).toBe(1);
	});
});

describe('reports', () => {
	it('a closed school leaves the reports of the years starting after it closed, and stays in the years before', async () => {
		const year = currentYear();
		const school = id();
		await push(
			'admin',
			[
				{
					table: 'organizations',
					row_id: school,
					fields: { kind: 'school', name: 'Закрытая школа', parent_id: a.municipality }
				}
			],
			{ commit: true }
		);
		for (let i = 0; i < 6; i++) {
			const teacher = id();
			await insertRow(db.pool, 'profiles', build.profile({ id: teacher, school_id: school }));
			await insertRow(db.pool, 'memberships', build.membership({ profile_id: teacher, organization_id: school }));
		}
		const listed = async (y: number) => {
			const r = await sql(
				'municipalMethodist',
				`select public.report_indicators($1, $2) as i, public.report_competence($1, $2) as c,
				        public.report_staff_profile($1, $2) as s`,
				[a.municipality, y]
			);
			expect(r.ok, r.message).toBe(true);
			const { i, c, s } = r.rows[0] as { i: Row; c: Row; s: Row };
			return {
				teachers: i.teachers as number,
				indicators: (i.schools as Row[]).some((x) => x.school_id === school),
				competence: (c.schools as Row[]).some((x) => x.schoolId === school),
				staff: (s.schools as Row[]).some((x) => x.schoolId === school)
			};
		};
		const open = await listed(year);
		expect(open).toMatchObject({ indicators: true, competence: true, staff: true });
		expect(
			(
				await push('admin', [{ table: 'organizations', row_id: school, fields: { closed_on: `${year}-06-30` } }], {
					commit: true
				})
			).applied
		).toBe(true);
		expect(await listed(year)).toEqual({
			teachers: open.teachers - 6,
			indicators: false,
			competence: false,
			staff: false
		});
		expect(await listed(year - 1)).toMatchObject({ indicators: true, competence: true, staff: true });
		// The school's own report of this year counts nobody; its history is still there.
		const own = await sql('admin', `select public.report_indicators($1, $2) as i`, [school, year]);
		expect((own.rows[0]!.i as Row).teachers).toBe(0);
		const before = await sql('admin', `select public.report_indicators($1, $2) as i`, [school, year - 1]);
		expect((before.rows[0]!.i as Row).teachers).toBe(6);
	});

	it('puts the staff profile on the region’s reference date when none is asked for', async () => {
		const year = currentYear();
		const date = async (who: Who, org: string, asked: string | null = null) => {
			const r = await sql(who, `select public.report_staff_profile($1, $2, $3::date) as s`, [org, year, asked]);
			return r.ok ? ((r.rows[0]!.s as Row).date as string) : r.code;
		};
		expect(await date('methodist', a.school)).toBe(`${year + 1}-01-01`);
		expect(
			(
				await sql(
					'admin',
					`insert into public.region_settings (region_id, staff_reference) values ($1, '09-15')
					 on conflict (region_id) do update set staff_reference = excluded.staff_reference`,
					[a.region],
					{ commit: true }
				)
			).ok
		).toBe(true);
		expect(await date('methodist', a.school)).toBe(`${year}-09-15`);
		expect(await date('municipalMethodist', a.municipality)).toBe(`${year}-09-15`);
		// An aggregate-only reader gets the reference date only; 1 January is no longer it.
		expect(await date('municipalMethodist', a.municipality, `${year + 1}-01-01`)).toBe('22023');
		expect(await date('methodist', a.school, `${year + 1}-01-01`)).toBe(`${year + 1}-01-01`);
		for (const bad of ['02-29', '13-01', '9-15', '04-31'])
			expect(
				(
					await sql('admin', `update public.region_settings set staff_reference = $2 where region_id = $1`, [
						a.region,
						bad
					])
				).code,
				bad
			).toBe('23514');
	});
});

describe('npm run admin:create (the first administrator without SQL)', () => {
	/** The documented command, against this test's database. */
	const run = (args: string[], env: Record<string, string> = { DATABASE_URL: db.url }) =>
		new Promise<{ code: number; out: string; err: string }>((done) => {
			execFile(
				'npm',
				['run', '--silent', 'admin:create', '--', ...args],
				{ env: { ...process.env, ...env }, timeout: 60_000 },
				(error, out, err) => done({ code: error ? Number(error.code ?? 1) : 0, out, err })
			);
		});

	it('makes the administrator, says so in Russian, and changes nothing the second time', async () => {
		const email = `chief.${id().slice(0, 8)}@example.test`;
		const first = await run(['--email', email, '--name', 'Главная Анна Сергеевна']);
		expect(first, first.err).toMatchObject({ code: 0 });
		expect(first.out).toContain(
			`Готово: Главная Анна Сергеевна (${email}) — администратор региона «Тестовая область».`
		);
		expect(first.out).toContain('«Получить ссылку для входа»');
		const profile = /profile_id: ([0-9a-f-]{36})/.exec(first.out)![1]!;
		const admins = await db.pool.query(
			`select count(*)::int as n from public.memberships where profile_id = $1 and role = 'admin' and deleted_at is null`,
			[profile]
		);
		expect(admins.rows[0].n).toBe(1);
		// She signs up with the e-mail and is the administrator.
		const userId = await signUp(db.pool, email);
		expect((await attempt(db.pool, userId, `select private.is_admin() as yes`)).rows[0]).toEqual({ yes: true });

		const second = await run(['--email', email.toUpperCase(), '--name', 'Другое Имя']);
		expect(second, second.err).toMatchObject({ code: 0 });
		expect(second.out).toContain('уже администратор региона «Тестовая область»: ничего не изменено.');
		expect(second.out).toContain('Учётная запись с этим адресом уже есть и привязана');
		expect(
			(await db.pool.query(`select count(*)::int as n from public.profiles where lower(email) = $1`, [email])).rows[0].n
		).toBe(1);
	});

	it('explains a wrong command, a missing DATABASE_URL and an unreachable database', async () => {
		const noName = await run(['--email', 'chief@example.test']);
		expect(noName.code).toBe(2);
		expect(noName.err).toContain('Нужны оба параметра: --email и --name.');
		const badEmail = await run(['--email', 'не адрес', '--name', 'Кто-то']);
		expect(badEmail.code).toBe(2);
		expect(badEmail.err).toContain('не похож на адрес электронной почты');
		const noUrl = await run(['--email', 'chief@example.test', '--name', 'Кто-то'], { DATABASE_URL: '' });
		expect(noUrl.code).toBe(2);
		expect(noUrl.err).toContain('Не задана переменная DATABASE_URL');
		const nowhere = await run(['--email', 'chief@example.test', '--name', 'Кто-то'], {
			DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/postgres'
		});
		expect(nowhere.code).toBe(1);
		expect(nowhere.err).toContain('Не удалось подключиться к базе данных');
	});
});
