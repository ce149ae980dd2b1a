/**
 * Evidence files in Supabase Storage (20261207001100_evidence_storage.sql): the bucket's policies
 * on storage.objects, per owner table and per kind of person, as the Storage API runs them — an
 * upload is an INSERT, a download a SELECT, a removal a DELETE, each as the caller under
 * row-level security — and the bucket's size and type limits (the shim enforces them as the
 * Storage server does).
 *
 * Cells as in rls-matrix.db.ts (for the integrator to merge): S select, I insert (a new object on
 * the row), U update, D delete.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	ACTOR_NAMES,
	build,
	createActors,
	createOwnerRows,
	id,
	type ActorName,
	type Actors,
	type OwnerRows
} from './actors';
import { attempt, freshDatabase, insertRow, type TestDatabase } from './cluster';

type Who = ActorName | 'anon';
const WHO: Who[] = [...ACTOR_NAMES, 'anon'];
type OwnerTable = 'plan_actions' | 'activities' | 'observations';

// prettier-ignore
const EXPECTED: Record<string, Record<Who, string>> = {
	//                                 owner    colleague  mentor  formerMentor methodist otherMethodist municipalMethodist admin  anon
	// A file of the owner's ИОМ action / activity: the teacher writes it, whoever reads the row reads it, the admin erases it.
	'storage.objects:plan_actions': { owner: 'SID', colleague: '', mentor: 'S',   formerMentor: '', methodist: 'S', otherMethodist: '', municipalMethodist: '', admin: 'SD', anon: '' },
	'storage.objects:activities':   { owner: 'SID', colleague: '', mentor: 'S',   formerMentor: '', methodist: 'S', otherMethodist: '', municipalMethodist: '', admin: 'SD', anon: '' },
	// A file of an observation of the owner's lesson (the active mentor observed): the observer writes it.
	'storage.objects:observations': { owner: 'S',   colleague: '', mentor: 'SID', formerMentor: '', methodist: 'S', otherMethodist: '', municipalMethodist: '', admin: 'SD', anon: '' }
};

const AUTHOR: Record<OwnerTable, ActorName> = { plan_actions: 'owner', activities: 'owner', observations: 'mentor' };

let db: TestDatabase;
let a: Actors;
let rows: OwnerRows;

const owner = () => a.people.owner.profileId;
const rowOf = (table: OwnerTable) =>
	table === 'plan_actions' ? rows.action : table === 'activities' ? rows.activity : rows.observation;
const pathOf = (table: OwnerTable, attachment: string = id(), teacher = owner(), row = rowOf(table)) =>
	`${teacher}/${table}/${row}/${attachment}`;
const samples = new Map<OwnerTable, string>();

const JPEG = { size: 120_000, mimetype: 'image/jpeg' };

async function putObject(name: string, author: ActorName, metadata: Record<string, unknown> = JPEG): Promise<string> {
	const objectId = id();
	await db.pool.query(
		`insert into storage.objects (id, bucket_id, name, owner, owner_id, metadata) values ($1, 'evidence', $2, $3::uuid, $3::text, $4)`,
		[objectId, name, a.people[author].userId, JSON.stringify(metadata)]
	);
	return objectId;
}

/** An upload as the Storage API makes it: the caller's INSERT, owner set from the token. */
function upload(who: Who, name: string, metadata: Record<string, unknown> = JPEG) {
	const userId = who === 'anon' ? null : a.people[who].userId;
	return attempt(
		db.pool,
		userId,
		`insert into storage.objects (bucket_id, name, owner, owner_id, metadata)
		 values ('evidence', $1, $2::uuid, $2::text, $3) returning id`,
		[name, userId, JSON.stringify(metadata)],
		{ rollback: true }
	);
}

beforeAll(async () => {
	db = await freshDatabase();
	a = await createActors(db.pool);
	rows = await createOwnerRows(db.pool, a);
	for (const table of ['plan_actions', 'activities', 'observations'] as const) {
		const name = pathOf(table);
		await putObject(name, AUTHOR[table]);
		samples.set(table, name);
	}
});
afterAll(() => db?.drop());

async function cell(table: OwnerTable, who: Who): Promise<string> {
	const userId = who === 'anon' ? null : a.people[who].userId;
	const sample = samples.get(table)!;
	let result = '';
	const selected = await attempt(
		db.pool,
		userId,
		`select 1 from storage.objects where bucket_id = 'evidence' and name = $1`,
		[sample],
		{ rollback: true }
	);
	if (selected.ok && selected.rowCount > 0) result += 'S';
	const inserted = await upload(who, pathOf(table));
	if (inserted.ok && inserted.rowCount === 1) result += 'I';
	const updated = await attempt(
		db.pool,
		userId,
		`update storage.objects set metadata = metadata || '{"x": 1}' where bucket_id = 'evidence' and name = $1`,
		[sample],
		{ rollback: true }
	);
	if (updated.ok && updated.rowCount > 0) result += 'U';
	// As the Storage API removes: DELETE … RETURNING (so the select policy applies too).
	const deleted = await attempt(
		db.pool,
		userId,
		`delete from storage.objects where bucket_id = 'evidence' and name = any($1) returning name`,
		[[sample]],
		{ rollback: true }
	);
	if (deleted.ok && deleted.rowCount > 0) result += 'D';
	return result;
}

describe('the evidence bucket: who may do what with a file, by the row it belongs to', () => {
	for (const [key, expected] of Object.entries(EXPECTED)) {
		const table = key.split(':')[1] as OwnerTable;
		it(`${key}: ${WHO.map((w) => `${w} ${expected[w] || '—'}`).join(', ')}`, async () => {
			const actual: Record<string, string> = {};
			for (const who of WHO) actual[who] = await cell(table, who);
			expect(actual).toEqual(expected);
		});
	}
});

describe('uploads', () => {
	it('the bucket is private, 10 MB at most, and lists the types it takes', async () => {
		const bucket = await db.pool.query(
			`select public, file_size_limit, allowed_mime_types from storage.buckets where id = 'evidence'`
		);
		expect(bucket.rows[0].public).toBe(false);
		expect(Number(bucket.rows[0].file_size_limit)).toBe(10 * 1024 * 1024);
		expect(bucket.rows[0].allowed_mime_types).toEqual(expect.arrayContaining(['image/jpeg', 'application/pdf']));
	});

	it('refuses a file over 10 MB and a type outside the list, and takes a PDF and a Word document', async () => {
		const big = await upload('owner', pathOf('plan_actions'), { size: 10 * 1024 * 1024 + 1, mimetype: 'image/jpeg' });
		expect(big).toMatchObject({ ok: false, code: '54000' });
		const exe = await upload('owner', pathOf('plan_actions'), { size: 1000, mimetype: 'application/x-msdownload' });
		expect(exe).toMatchObject({ ok: false, code: '22023' });
		const limit = await upload('owner', pathOf('plan_actions'), {
			size: 10 * 1024 * 1024,
			mimetype: 'application/pdf'
		});
		expect(limit.ok).toBe(true);
		const docx = await upload('owner', pathOf('activities'), {
			size: 20_000,
			mimetype: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
		});
		expect(docx.ok).toBe(true);
	});

	it('the same path twice is refused (one object per attachment id; the device treats it as already there)', async () => {
		const name = pathOf('plan_actions');
		await putObject(name, 'owner');
		const again = await upload('owner', name);
		expect(again).toMatchObject({ ok: false, code: '23505' });
		const count = await db.pool.query(`select count(*)::int as n from storage.objects where name = $1`, [name]);
		expect(count.rows[0].n).toBe(1);
	});

	it('refuses a file for a row the server does not have yet, and a path that names another teacher', async () => {
		expect((await upload('owner', pathOf('plan_actions', id(), owner(), id()))).ok).toBe(false);
		// The owner's action under the colleague's folder: the path must name the row's teacher.
		expect((await upload('owner', pathOf('plan_actions', id(), a.people.colleague.profileId))).ok).toBe(false);
		// The action's id under activities: the table named must hold the row.
		expect((await upload('owner', `${owner()}/activities/${rows.action}/${id()}`)).ok).toBe(false);
	});

	it('refuses malformed paths without failing on them, and another bucket', async () => {
		for (const name of [
			`${owner()}/plan_actions/${rows.action}`,
			`${owner()}/plan_actions/${rows.action}/photo.jpg`,
			`${owner()}/plan_actions/${rows.action}/${id()}/extra`,
			`not-a-uuid/plan_actions/${rows.action}/${id()}`,
			`${owner()}/deficits/${rows.deficit}/${id()}`
		]) {
			const result = await upload('owner', name);
			expect(result.ok, name).toBe(false);
			expect(result.code, name).toBe('42501');
		}
		const selected = await attempt(
			db.pool,
			a.people.owner.userId,
			`select name from storage.objects where name like 'not-a-uuid/%'`
		);
		expect(selected).toMatchObject({ ok: true, rowCount: 0 });
	});

	it("the owner cannot set another person as the object's owner", async () => {
		const forged = await attempt(
			db.pool,
			a.people.owner.userId,
			`insert into storage.objects (bucket_id, name, owner_id, metadata) values ('evidence', $1, $2, $3)`,
			[pathOf('plan_actions'), a.people.mentor.userId, JSON.stringify(JPEG)],
			{ rollback: true }
		);
		expect(forged.ok).toBe(false);
	});
});

describe('a deleted row', () => {
	it('takes no new file, but its author may still remove the ones it has', async () => {
		const action = id();
		await insertRow(db.pool, 'plan_actions', build.action({ id: action, plan_id: rows.plan, teacher_id: owner() }));
		const name = pathOf('plan_actions', id(), owner(), action);
		await putObject(name, 'owner');
		await db.pool.query(`update public.plan_actions set deleted_at = now() where id = $1`, [action]);
		expect((await upload('owner', pathOf('plan_actions', id(), owner(), action))).ok).toBe(false);
		const removed = await attempt(
			db.pool,
			a.people.owner.userId,
			`delete from storage.objects where bucket_id = 'evidence' and name = any($1) returning name`,
			[[name]]
		);
		expect(removed).toMatchObject({ ok: true, rowCount: 1 });
	});

	it('a mentor whose pair has ended no longer reads the files', async () => {
		// formerMentor's pair ended: the matrix shows no S; the active mentor reads the same object.
		const name = samples.get('plan_actions')!;
		const q = `select 1 from storage.objects where name = $1`;
		expect((await attempt(db.pool, a.people.formerMentor.userId, q, [name])).rowCount).toBe(0);
		expect((await attempt(db.pool, a.people.mentor.userId, q, [name])).rowCount).toBe(1);
	});
});

describe('storage helpers as Supabase has them', () => {
	it('foldername, filename and extension split a path', async () => {
		const r = await db.pool.query(
			`select storage.foldername('a/b/c/file.tar.gz') as f, storage.filename('a/b/c/file.tar.gz') as n, storage.extension('a/b/c/file.tar.gz') as e`
		);
		expect(r.rows[0]).toEqual({ f: ['a', 'b', 'c'], n: 'file.tar.gz', e: 'gz' });
	});
});
