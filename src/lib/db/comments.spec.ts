import { afterEach, describe, expect, it } from 'vitest';
import { buildComment, codesOf, IDS, uuid } from '$lib/domain/testing/builders';
import * as comments from './comments';
import * as outbox from './outbox';
import { LocalWriteError } from './errors';
import { freshDatabase } from './testing/fresh';
import type { AppDatabase } from './database';

const dbs: AppDatabase[] = [];
function open() {
	const db = freshDatabase('comments');
	dbs.push(db);
	return db;
}
afterEach(() => {
	for (const db of dbs.splice(0)) db.close();
});

function fail(promise: Promise<unknown>): Promise<LocalWriteError> {
	return promise.then(
		() => {
			throw new Error('expected the write to fail');
		},
		(e: unknown) => e as LocalWriteError
	);
}

const onSession = { targetTable: 'mentoring_sessions' as const, targetId: IDS.session };

describe('comments', () => {
	it('are inserted with their outbox entry, the body trimmed', async () => {
		const db = open();
		const row = await comments.add(
			db,
			{ ...onSession, authorId: IDS.teacher, body: '  Спасибо, попробую  ' },
			{ profileId: IDS.teacher }
		);
		expect(row).toMatchObject({ ...onSession, authorId: IDS.teacher, body: 'Спасибо, попробую' });
		const [entry] = await outbox.list(db);
		expect(entry).toMatchObject({ table: 'comments', rowId: row.id, op: 'upsert', base: {} });
	});

	it('are insert-only: the module offers no way to change or delete one', () => {
		expect(Object.keys(comments).sort()).toEqual(['add', 'draftOf', 'listFor', 'listForMany', 'validate']);
	});

	it('refuse an empty body and an author other than the person writing', async () => {
		const db = open();
		expect(
			codesOf(
				(await fail(comments.add(db, { ...onSession, authorId: IDS.teacher, body: '   ' }, { profileId: IDS.teacher })))
					.issues
			)
		).toEqual(['body:required']);
		expect(
			codesOf(
				(
					await fail(
						comments.add(db, { ...onSession, authorId: IDS.mentor, body: 'Текст' }, { profileId: IDS.teacher })
					)
				).issues
			)
		).toEqual(['authorId:mismatch']);
		expect(await db.comments.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
	});

	it('are listed oldest first, per record', async () => {
		const db = open();
		await db.comments.bulkPut([
			buildComment({ id: uuid(1), ...onSession, body: 'второй', updatedAt: '2026-10-02T10:00:00.000Z' }),
			buildComment({ id: uuid(2), ...onSession, body: 'первый', updatedAt: '2026-10-01T10:00:00.000Z' }),
			buildComment({ id: uuid(3), ...onSession, body: 'удалён', deletedAt: '2026-10-03T10:00:00.000Z' }),
			buildComment({ id: uuid(4), targetTable: 'mentoring_sessions', targetId: uuid(703), body: 'чужой' }),
			buildComment({ id: uuid(5), targetTable: 'observations', targetId: IDS.session, body: 'другая таблица' })
		]);
		expect((await comments.listFor(db, 'mentoring_sessions', IDS.session)).map((c) => c.body)).toEqual([
			'первый',
			'второй'
		]);
		const threads = await comments.listForMany(db, 'mentoring_sessions', [IDS.session, uuid(703), uuid(704)]);
		expect([...threads.entries()].map(([id, list]) => [id, list.map((c) => c.body)])).toEqual([
			[IDS.session, ['первый', 'второй']],
			[uuid(703), ['чужой']],
			[uuid(704), []]
		]);
	});

	it('written one after another keep their order', async () => {
		const db = open();
		const actor = { profileId: IDS.teacher };
		await comments.add(db, { ...onSession, authorId: IDS.teacher, body: 'раз' }, actor);
		await new Promise((r) => setTimeout(r, 5));
		await comments.add(db, { ...onSession, authorId: IDS.teacher, body: 'два' }, actor);
		expect((await comments.listFor(db, 'mentoring_sessions', IDS.session)).map((c) => c.body)).toEqual(['раз', 'два']);
	});
});
