/**
 * Addressed recommendations and the indicators' planned values through sync_push / sync_pull, as
 * the app writes them: who may write to whom, who reads what, who marks a recommendation done,
 * and that a municipal methodist learns nothing about one teacher this way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, createActors, day, id, type ActorName, type Actors } from './actors';
import { freshDatabase, insertRow, type TestDatabase } from './cluster';
import { pgTransport, type Mutation, type PullResponse } from './transport';
import { isRefused } from '../../src/lib/sync/transport';

let db: TestDatabase;
let a: Actors;
/** A school of another municipality. */
let farSchool: string;

beforeAll(async () => {
	db = await freshDatabase();
	a = await createActors(db.pool);
	const farMunicipality = id();
	farSchool = id();
	await insertRow(db.pool, 'organizations', build.organization({ id: farMunicipality, kind: 'municipality', name: 'Другой округ', parent_id: a.region }));
	await insertRow(db.pool, 'organizations', build.organization({ id: farSchool, name: 'Школа № 9', parent_id: farMunicipality }));
});
afterAll(() => db?.drop());

/** One device per person: its client id and the next seq. */
const devices = new Map<ActorName, { client: string; seq: number }>();

type Outcome = { status: string; code?: string };

async function push(who: ActorName, table: string, rowId: string, fields: Record<string, unknown>, base: Record<string, unknown> = {}, op: Mutation['op'] = 'upsert'): Promise<Outcome> {
	const device = devices.get(who) ?? { client: id(), seq: 1 };
	devices.set(who, device);
	const answer = await pgTransport(db.pool, a.people[who].userId).push(device.client, [
		{ seq: device.seq++, mutation_id: id(), table, row_id: rowId, op, fields, base }
	]);
	if (isRefused(answer)) throw new Error(`push refused: ${JSON.stringify(answer)}`);
	const result = answer.results[0] as Outcome;
	return { status: result.status, ...(result.code ? { code: result.code } : {}) };
}

async function pulled(who: ActorName, table: string): Promise<Record<string, unknown>[]> {
	const transport = pgTransport(db.pool, a.people[who].userId);
	const rows: Record<string, unknown>[] = [];
	let cursor: string | null = null;
	for (;;) {
		const page: PullResponse = await transport.pull(cursor, 500);
		rows.push(...page.changes.filter((c) => c.table === table).map((c) => c.row));
		cursor = page.cursor;
		if (!page.has_more) return rows;
	}
}

const profile = (who: ActorName) => a.people[who].profileId;
const applied = { status: 'applied' };
const forbidden = { status: 'rejected', code: 'forbidden' };

function recommendation(author: ActorName, o: Record<string, unknown> = {}): Record<string, unknown> {
	return { author_id: profile(author), organization_id: a.school, teacher_id: null, body: 'Провести методический день по оцениванию', due_on: day(30), ...o };
}

describe('writing a recommendation', () => {
	it('lets the school methodist write to the school and to one of its teachers, never to another school or its teachers', async () => {
		expect(await push('methodist', 'recommendations', id(), recommendation('methodist'))).toEqual(applied);
		expect(await push('methodist', 'recommendations', id(), recommendation('methodist', { teacher_id: profile('owner') }))).toEqual(applied);
		expect(await push('methodist', 'recommendations', id(), recommendation('methodist', { organization_id: a.otherSchool }))).toEqual(forbidden);
		expect(await push('methodist', 'recommendations', id(), recommendation('methodist', { teacher_id: profile('otherMethodist') }))).toEqual(forbidden);
		// Signed with someone else's name.
		expect(await push('methodist', 'recommendations', id(), recommendation('otherMethodist'))).toEqual(forbidden);
	});

	it('lets a municipal methodist write to a school of the municipality as a whole only', async () => {
		expect(await push('municipalMethodist', 'recommendations', id(), recommendation('municipalMethodist'))).toEqual(applied);
		expect(await push('municipalMethodist', 'recommendations', id(), recommendation('municipalMethodist', { teacher_id: profile('owner') }))).toEqual(forbidden);
		expect(await push('municipalMethodist', 'recommendations', id(), recommendation('municipalMethodist', { organization_id: farSchool }))).toEqual(forbidden);
		// A municipality is not a school.
		expect(await push('municipalMethodist', 'recommendations', id(), recommendation('municipalMethodist', { organization_id: a.municipality }))).toEqual(forbidden);
	});

	it('refuses teachers and mentors as authors, a new row already done, and text out of bounds', async () => {
		expect(await push('owner', 'recommendations', id(), recommendation('owner'))).toEqual(forbidden);
		expect(await push('mentor', 'recommendations', id(), recommendation('mentor', { teacher_id: profile('owner') }))).toEqual(forbidden);
		expect(
			await push('methodist', 'recommendations', id(), recommendation('methodist', { teacher_id: profile('owner'), done_at: new Date().toISOString(), done_by: profile('owner') }))
		).toEqual(forbidden);
		expect(await push('methodist', 'recommendations', id(), recommendation('methodist', { body: 'я'.repeat(2001) }))).toEqual({ status: 'rejected', code: 'too_long' });
		expect(await push('methodist', 'recommendations', id(), recommendation('methodist', { body: '  ' }))).toEqual({ status: 'rejected', code: 'invalid_value' });
		expect(await push('admin', 'recommendations', id(), recommendation('admin', { teacher_id: profile('owner') }))).toEqual(applied);
	});
});

describe('reading and marking done', () => {
	let toSchool: string;
	let toOwner: string;
	let fromMunicipality: string;

	beforeAll(async () => {
		toSchool = id();
		toOwner = id();
		fromMunicipality = id();
		expect(await push('methodist', 'recommendations', toSchool, recommendation('methodist', { body: 'Всей школе' }))).toEqual(applied);
		expect(await push('methodist', 'recommendations', toOwner, recommendation('methodist', { teacher_id: profile('owner'), body: 'Лично' }))).toEqual(applied);
		expect(await push('municipalMethodist', 'recommendations', fromMunicipality, recommendation('municipalMethodist', { body: 'От муниципалитета' }))).toEqual(applied);
	});

	it('shows one to a teacher only to that teacher, the author and the school methodists; one to the school to its teachers too', async () => {
		const ids = async (who: ActorName) => new Set((await pulled(who, 'recommendations')).map((r) => r.id as string));
		const owner = await ids('owner');
		expect([owner.has(toSchool), owner.has(toOwner), owner.has(fromMunicipality)]).toEqual([true, true, true]);
		const colleague = await ids('colleague');
		expect([colleague.has(toSchool), colleague.has(toOwner), colleague.has(fromMunicipality)]).toEqual([true, false, true]);
		const methodist = await ids('methodist');
		expect([methodist.has(toSchool), methodist.has(toOwner), methodist.has(fromMunicipality)]).toEqual([true, true, true]);
		const other = await ids('otherMethodist');
		expect([other.has(toSchool), other.has(toOwner), other.has(fromMunicipality)]).toEqual([false, false, false]);
	});

	it('gives a municipal methodist only what they wrote: no recommendation to one teacher, no teacher id', async () => {
		const rows = await pulled('municipalMethodist', 'recommendations');
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.every((r) => r.author_id === profile('municipalMethodist') && r.teacher_id === null)).toBe(true);
		const teachers = (['owner', 'colleague', 'mentor', 'formerMentor'] as const).map(profile);
		expect(teachers.filter((t) => JSON.stringify(rows).includes(t))).toEqual([]);
	});

	it('lets the addressed teacher mark it done in their own name and change nothing else', async () => {
		const at = new Date().toISOString();
		expect(await push('owner', 'recommendations', toOwner, { body: 'Переписала' }, { body: 'Лично' })).toEqual(forbidden);
		expect(await push('owner', 'recommendations', toOwner, { due_on: day(90) })).toEqual(forbidden);
		expect(await push('owner', 'recommendations', toOwner, { done_at: at, done_by: profile('colleague') })).toEqual(forbidden);
		expect(await push('owner', 'recommendations', toOwner, { deleted_at: at })).toEqual(forbidden);
		expect(await push('owner', 'recommendations', toOwner, { done_at: at, done_by: profile('owner') })).toEqual(applied);
		// A colleague cannot, nor can the teacher mark the school's own.
		expect(await push('colleague', 'recommendations', toOwner, { done_at: null, done_by: null })).toEqual(forbidden);
		expect(await push('owner', 'recommendations', toSchool, { done_at: at, done_by: profile('owner') })).toEqual(forbidden);
		const row = (await pulled('methodist', 'recommendations')).find((r) => r.id === toOwner)!;
		expect(row).toMatchObject({ done_by: profile('owner'), body: 'Лично' });
		expect(row.done_at).not.toBeNull();
	});

	it('lets the school methodist mark a school-wide one done, the municipal one included', async () => {
		const at = new Date().toISOString();
		expect(await push('methodist', 'recommendations', fromMunicipality, { done_at: at, done_by: profile('methodist') })).toEqual(applied);
		expect(await push('methodist', 'recommendations', fromMunicipality, { body: 'Иначе' })).toEqual(forbidden);
		expect(await push('otherMethodist', 'recommendations', toSchool, { done_at: at, done_by: profile('otherMethodist') })).toEqual(forbidden);
		const mine = (await pulled('municipalMethodist', 'recommendations')).find((r) => r.id === fromMunicipality)!;
		expect(mine.done_by).toBe(profile('methodist'));
	});

	it('lets the author edit the text and due date and withdraw it, never readdress it', async () => {
		expect(await push('methodist', 'recommendations', toSchool, { body: 'Всей школе, уточнено', due_on: day(60) }, { body: 'Всей школе' })).toEqual(applied);
		expect(await push('methodist', 'recommendations', toSchool, { teacher_id: profile('colleague') })).toEqual(forbidden);
		expect(await push('methodist', 'recommendations', toSchool, { organization_id: a.otherSchool })).toEqual(forbidden);
		expect(await push('methodist', 'recommendations', toSchool, { author_id: profile('admin') })).toEqual(forbidden);
		expect(await push('admin', 'recommendations', toSchool, { organization_id: a.otherSchool })).toEqual(forbidden);
		expect(await push('methodist', 'recommendations', toSchool, {}, {}, 'delete')).toEqual(applied);
		const row = (await pulled('colleague', 'recommendations')).find((r) => r.id === toSchool)!;
		expect(row.deleted_at).not.toBeNull();
	});

	it('keeps a conflict on a recommendation readable by both parties', async () => {
		const rec = id();
		expect(await push('methodist', 'recommendations', rec, recommendation('methodist', { body: 'Первый вариант' }))).toEqual(applied);
		expect(await push('methodist', 'recommendations', rec, { body: 'Второй' }, { body: 'Первый вариант' })).toEqual(applied);
		// A stale edit from another device of the same methodist still wins, and leaves a conflict.
		devices.delete('methodist');
		const answer = await push('methodist', 'recommendations', rec, { body: 'Третий' }, { body: 'Первый вариант' });
		expect(answer).toEqual(applied);
		const conflicts = (await pulled('methodist', 'sync_conflicts')).filter((c) => c.row_id === rec);
		expect(conflicts).toHaveLength(1);
	});
});

describe('planned values through sync', () => {
	it('are written by the school and municipal methodists of the scope, pulled by them, and keep their key', async () => {
		const target = id();
		const row = { organization_id: a.school, academic_year: 2026, code: 'IOM', value: 0.5 };
		expect(await push('owner', 'indicator_targets', target, row)).toEqual(forbidden);
		expect(await push('otherMethodist', 'indicator_targets', target, row)).toEqual(forbidden);
		expect(await push('methodist', 'indicator_targets', target, row)).toEqual(applied);
		expect(await push('municipalMethodist', 'indicator_targets', target, { value: 0.6 }, { value: 0.5 })).toEqual(applied);
		expect(await push('methodist', 'indicator_targets', target, { code: 'PD_ANY' })).toEqual(forbidden);
		expect(await push('municipalMethodist', 'indicator_targets', target, { organization_id: a.otherSchool })).toEqual(forbidden);
		for (const who of ['methodist', 'municipalMethodist', 'admin'] as const) {
			expect((await pulled(who, 'indicator_targets')).find((r) => r.id === target), who).toMatchObject({ value: 0.6, code: 'IOM' });
		}
		for (const who of ['owner', 'otherMethodist'] as const) {
			expect((await pulled(who, 'indicator_targets')).find((r) => r.id === target), who).toBeUndefined();
		}
		expect(await push('methodist', 'indicator_targets', target, {}, {}, 'delete')).toEqual(applied);
		// Cleared, then set again under the same id (the device revives its tombstone).
		expect(await push('methodist', 'indicator_targets', target, { value: 0.7, deleted_at: null })).toEqual(applied);
		expect((await pulled('methodist', 'indicator_targets')).find((r) => r.id === target)).toMatchObject({ value: 0.7, deleted_at: null });
	});

	it('refuse a second live target of the same scope, year and indicator', async () => {
		const row = { organization_id: a.school, academic_year: 2027, code: 'PD_ANY', value: 0.2 };
		expect(await push('methodist', 'indicator_targets', id(), row)).toEqual(applied);
		expect(await push('municipalMethodist', 'indicator_targets', id(), row)).toEqual({ status: 'rejected', code: 'invalid_value' });
	});
});
