import { afterEach, describe, expect, it } from 'vitest';
import { buildActivity, IDS } from '$lib/domain/testing/builders';
import type { Activity } from '$lib/domain/activity';
import type { Draft } from '$lib/domain/common';
import { activitySchema } from '$lib/domain/schemas/activity';
import * as activities from './activities';
import * as outbox from './outbox';
import * as rows from './rows';
import { LocalWriteError, toLocalWriteError } from './errors';
import { freshDatabase } from './testing/fresh';
import type { AppDatabase } from './database';

const actor = { profileId: IDS.teacher };
const dbs: AppDatabase[] = [];
function open() {
	const db = freshDatabase();
	dbs.push(db);
	return db;
}
afterEach(() => {
	for (const db of dbs.splice(0)) db.close();
});

function draft(overrides: Partial<Draft<Activity>> = {}): Draft<Activity> {
	const { id: _id, version: _v, updatedAt: _u, updatedBy: _b, deletedAt: _d, ...fields } = buildActivity(overrides);
	return fields;
}

describe('a local write', () => {
	it('stores the row and its outbox entry together', async () => {
		const db = open();
		const row = await activities.create(db, draft({ title: 'Курсы ПК «Формирующее оценивание»' }), actor);

		expect(await db.activities.get(row.id)).toMatchObject({
			title: 'Курсы ПК «Формирующее оценивание»',
			version: 0,
			deletedAt: null,
			updatedBy: IDS.teacher
		});
		const entries = await outbox.list(db);
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({
			seq: 1,
			table: 'activities',
			rowId: row.id,
			op: 'upsert',
			status: 'pending',
			base: {}
		});
		expect(entries[0]!.fields).toMatchObject({ title: 'Курсы ПК «Формирующее оценивание»', teacherId: IDS.teacher });
		expect(entries[0]!.fields).not.toHaveProperty('version');
	});

	it('numbers outbox entries without gaps across tables and operations', async () => {
		const db = open();
		const a = await activities.create(db, draft(), actor);
		const b = await activities.create(db, draft({ title: 'Второе' }), actor);
		await activities.update(db, a.id, { title: 'Новое название' }, actor);
		await activities.remove(db, b.id, actor);
		await activities.create(db, draft({ title: 'Третье' }), actor);
		expect((await outbox.list(db)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
	});

	it('writes many rows in bulk exactly as one by one: rows, entries, seqs and only changed fields', async () => {
		const db = open();
		const first = await activities.create(db, draft({ title: 'Первое' }), actor);
		const made = await rows.insertMany(
			db,
			'activities',
			[draft({ title: 'Второе' }), draft({ title: 'Третье' })],
			actor,
			(d) => activitySchema.validate(d)
		);
		expect(await db.activities.get(made[1]!.id)).toMatchObject({
			title: 'Третье',
			version: 0,
			deletedAt: null,
			updatedBy: IDS.teacher
		});
		await rows.updateMany(
			db,
			'activities',
			[
				{ id: first.id, patch: { title: 'Первое, исправлено' } },
				{ id: made[0]!.id, patch: { title: 'Второе' } }
			],
			actor
		);
		const entries = await outbox.list(db);
		expect(entries.map((e) => [e.seq, e.rowId])).toEqual([
			[1, first.id],
			[2, made[0]!.id],
			[3, made[1]!.id],
			[4, first.id]
		]);
		expect(entries[3]).toMatchObject({ fields: { title: 'Первое, исправлено' }, base: { title: 'Первое' } });
		expect(await db.meta.get('outbox.nextSeq')).toEqual({ key: 'outbox.nextSeq', value: 5 });
	});

	it('writes none of many rows when one is invalid, and says which', async () => {
		const db = open();
		const error = await rows
			.insertMany(db, 'activities', [draft(), draft({ title: '' })], actor, (d) => activitySchema.validate(d))
			.catch((e: unknown) => e);
		expect((error as LocalWriteError).issues.map((i) => i.path)).toEqual(['1.title']);
		const a = await activities.create(db, draft(), actor);
		const refused = await rows
			.updateMany(
				db,
				'activities',
				[
					{ id: a.id, patch: { title: 'ok' } },
					{ id: a.id, patch: { hours: -1 } }
				],
				actor,
				(d) => activitySchema.validate(d)
			)
			.catch((e: unknown) => e);
		expect((refused as LocalWriteError).issues.map((i) => i.path)).toEqual(['1.hours']);
		expect(await db.activities.count()).toBe(1);
		expect(await db.outbox.count()).toBe(1);
	});

	it('writes nothing when validation fails, and says which field', async () => {
		const db = open();
		const error = await activities.create(db, draft({ title: '', hours: -2 }), actor).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(LocalWriteError);
		expect((error as LocalWriteError).reason).toBe('invalid');
		expect((error as LocalWriteError).issues.map((i) => i.path).sort()).toEqual(['hours', 'title']);
		expect(await db.activities.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
	});

	it('leaves neither row nor entry nor a used sequence number when the transaction fails midway', async () => {
		const db = open();
		const first = await activities.create(db, draft(), actor);
		// The same id again: the row insert fails after the transaction started.
		const error = await rows.insert(db, 'activities', { ...draft(), id: first.id }, actor).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(LocalWriteError);
		expect(await db.activities.count()).toBe(1);
		expect(await db.outbox.count()).toBe(1);
		await activities.create(db, draft({ title: 'После сбоя' }), actor);
		expect((await outbox.list(db)).map((e) => e.seq)).toEqual([1, 2]);
	});

	it('reports a full disk as "quota" and rolls the whole write back', async () => {
		const db = open();
		db.outbox.hook('creating', () => {
			throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		});
		const error = await activities.create(db, draft(), actor).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(LocalWriteError);
		expect((error as LocalWriteError).reason).toBe('quota');
		expect(await db.activities.count()).toBe(0);
	});

	it('reports a closed database as "closed", not as a silent loss', async () => {
		const db = open();
		db.close({ disableAutoOpen: true });
		const error = await activities.create(db, draft(), actor).catch((e: unknown) => e);
		expect((error as LocalWriteError).reason).toBe('closed');
	});
});

describe('an update', () => {
	it('queues only the fields that changed, with the values they had before', async () => {
		const db = open();
		const a = await activities.create(db, draft({ title: 'Старое', hours: 36 }), actor);
		await activities.create(db, draft({ title: 'Другое' }), actor);
		await activities.update(db, a.id, { title: 'Новое', hours: 36 }, actor);
		const [, , entry] = await outbox.list(db);
		expect(entry!.fields).toEqual({ title: 'Новое' });
		expect(entry!.base).toEqual({ title: 'Старое' });
	});

	it('folds consecutive edits of one row into the newest pending entry, keeping the first base', async () => {
		const db = open();
		const a = await activities.create(db, draft({ title: 'Черновик', hours: 16 }), actor);
		await activities.update(db, a.id, { title: 'Второй вариант' }, actor);
		await activities.update(db, a.id, { title: 'Третий вариант', hours: 24 }, actor);
		const entries = await outbox.list(db);
		expect(entries.map((e) => e.seq)).toEqual([1]);
		expect(entries[0]!.fields).toMatchObject({ title: 'Третий вариант', hours: 24 });
		// Still a creation: the server had nothing to compare with.
		expect(entries[0]!.base).toEqual({});
	});

	it('never folds an edit into an entry that other rows’ changes came after', async () => {
		const db = open();
		const a = await activities.create(db, draft({ title: 'Первое' }), actor);
		const b = await activities.create(db, draft({ title: 'Второе' }), actor);
		await activities.update(db, a.id, { title: 'Первое, исправлено' }, actor);
		const entries = await outbox.list(db);
		expect(entries.map((e) => [e.seq, e.rowId])).toEqual([
			[1, a.id],
			[2, b.id],
			[3, a.id]
		]);
		expect(entries[2]!.base).toEqual({ title: 'Первое' });
	});

	it('never changes an entry that is no longer pending', async () => {
		const db = open();
		const a = await activities.create(db, draft({ title: 'Отправляется' }), actor);
		await db.outbox.update(1, { status: 'rejected', reason: 'check_violation' });
		await activities.update(db, a.id, { title: 'После отказа' }, actor);
		const entries = await outbox.list(db);
		expect(entries).toHaveLength(2);
		expect(entries[0]!.fields).toMatchObject({ title: 'Отправляется' });
	});

	it('that changes nothing writes nothing', async () => {
		const db = open();
		const a = await activities.create(db, draft({ title: 'Как было' }), actor);
		await activities.update(db, a.id, { title: 'Как было' }, actor);
		expect(await db.outbox.count()).toBe(1);
	});

	it('validates the row as it would be after the change', async () => {
		const db = open();
		const a = await activities.create(db, draft({ startDate: '2026-10-01', endDate: '2026-10-05' }), actor);
		const error = await activities.update(db, a.id, { endDate: '2026-09-01' }, actor).catch((e: unknown) => e);
		expect((error as LocalWriteError).issues[0]).toMatchObject({ path: 'endDate', code: 'date_before' });
		expect((await db.activities.get(a.id))!.endDate).toBe('2026-10-05');
	});
});

describe('pasted text', () => {
	it('loses its stray control characters on insert and on update, in the row and in its outbox entry', async () => {
		const db = open();
		const row = await activities.create(db, draft({ title: 'Курсы\u0000 ПК', provider: 'ИРО\r\n' }), actor);
		expect(await db.activities.get(row.id)).toMatchObject({ title: 'Курсы ПК', provider: 'ИРО\n' });
		await rows.update(db, 'activities', row.id, { result: 'призёр\u0007' }, actor);

		expect(await db.activities.get(row.id)).toMatchObject({ result: 'призёр' });
		expect((await outbox.list(db)).map((e) => [e.fields.title, e.fields.result])).toEqual([['Курсы ПК', 'призёр']]);
	});

	it('with half an emoji in it is refused beside the field, and nothing is written', async () => {
		const db = open();
		const error = await activities.create(db, draft({ title: 'Курс \ud83d' }), actor).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(LocalWriteError);
		expect((error as LocalWriteError).issues).toEqual([{ path: 'title', code: 'invalid_character' }]);
		expect(await db.activities.count()).toBe(0);
		expect(await outbox.list(db)).toEqual([]);
	});
});

describe('a delete', () => {
	it('keeps a tombstone and queues it, so the deletion reaches other devices', async () => {
		const db = open();
		const a = await activities.create(db, draft(), actor);
		await activities.remove(db, a.id, actor);
		expect((await db.activities.get(a.id))!.deletedAt).not.toBeNull();
		expect(await activities.listForTeacher(db, IDS.teacher)).toEqual([]);
		expect((await outbox.list(db))[1]).toMatchObject({ op: 'delete', rowId: a.id });
	});
});

describe('toLocalWriteError', () => {
	it('finds the reason inside wrapped errors', () => {
		const wrapped = Object.assign(new Error('AbortError'), {
			name: 'AbortError',
			inner: new DOMException('full', 'QuotaExceededError')
		});
		expect(toLocalWriteError(wrapped).reason).toBe('quota');
		// What Chromium says when the disk itself is full (seen with a small disk under the profile).
		const log = new DOMException(
			'Connection is closing because of: IO error: .../000003.log: FILE_ERROR_NO_SPACE (ChromeMethodBFE: 3::WritableFileAppend::1)',
			'UnknownError'
		);
		expect(toLocalWriteError(Object.assign(new Error('AbortError'), { name: 'AbortError', inner: log })).reason).toBe(
			'quota'
		);
		expect(toLocalWriteError(new DOMException('Failed to write blobs (IOError)', 'DataError')).reason).toBe('quota');
		expect(toLocalWriteError(new DOMException('Failed to read', 'DataError')).reason).toBe('unknown');
		expect(toLocalWriteError(new Error('boom')).reason).toBe('unknown');
	});

	it('finds the reason of a bulk write inside its BulkError (the first failure)', () => {
		const bulk = Object.assign(new Error('deficits.bulkAdd(): 3 of 3 operations failed'), {
			name: 'BulkError',
			failures: [new DOMException('The quota has been exceeded.', 'QuotaExceededError')]
		});
		expect(toLocalWriteError(bulk).reason).toBe('quota');
	});
});

it('the schema used by the repository is the domain schema', () => {
	expect(activitySchema.validate(draft())).toEqual([]);
});
