import { afterEach, describe, expect, it } from 'vitest';
import { buildDeficit, IDS } from '$lib/domain/testing/builders';
import { deficitSchema } from '$lib/domain/schemas/deficit';
import * as deficits from './deficits';
import * as outbox from './outbox';
import { LocalWriteError } from './errors';
import { freshDatabase } from './testing/fresh';
import type { AppDatabase } from './database';

const actor = { profileId: IDS.teacher };
const dbs: AppDatabase[] = [];
function open() {
	const db = freshDatabase('deficits');
	dbs.push(db);
	return db;
}
afterEach(() => {
	for (const db of dbs.splice(0)) db.close();
});

/** A row as the server would have sent it: stored without an outbox entry. */
async function seed(db: AppDatabase, overrides: Parameters<typeof buildDeficit>[0] = {}) {
	const row = buildDeficit(overrides);
	await db.deficits.put(row);
	return row;
}

const proposal = {
	status: 'proposed' as const,
	history: [{ status: 'proposed' as const, at: '2026-09-16T10:00:00.000Z', by: null }]
};

describe('a deficit recorded by hand', () => {
	it('is stored as выявлен with its source, a history entry and an outbox entry', async () => {
		const db = open();
		const row = await deficits.create(
			db,
			{
				teacherId: IDS.teacher,
				competencyId: 'evaluation',
				indicatorIds: ['evaluation.2'],
				source: 'gia_analysis',
				description: '  Низкие результаты ВПР по геометрии '
			},
			actor
		);
		expect(await deficits.get(db, row.id)).toMatchObject({
			source: 'gia_analysis',
			status: 'identified',
			description: 'Низкие результаты ВПР по геометрии',
			confirmedAt: null,
			sourceAssessmentId: null
		});
		expect(row.history).toEqual([{ status: 'identified', at: expect.any(String), by: IDS.teacher }]);
		expect(deficitSchema.validate(row)).toEqual([]);
		const entries = await outbox.list(db);
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({ table: 'deficits', rowId: row.id, op: 'upsert' });
	});

	it('is refused with issues on the bad fields, and nothing is written', async () => {
		const db = open();
		const error = await deficits
			.create(
				db,
				{
					teacherId: IDS.teacher,
					competencyId: 'evaluation',
					indicatorIds: ['motivation.1'],
					source: 'rumour' as never,
					description: ''
				},
				actor
			)
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(LocalWriteError);
		expect((error as LocalWriteError).issues.map((i) => i.path).sort()).toEqual(['indicatorIds.0', 'source']);
		expect(await db.deficits.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
	});
});

describe('reviewing a proposed deficit', () => {
	it('confirming moves предложен → выявлен and records who did it', async () => {
		const db = open();
		await seed(db, proposal);
		const row = await deficits.confirm(db, IDS.deficit, actor);
		expect(row.status).toBe('identified');
		expect(row.history.map((h) => [h.status, h.by])).toEqual([
			['proposed', null],
			['identified', IDS.teacher]
		]);
		const [entry] = await outbox.list(db);
		expect(entry).toMatchObject({
			table: 'deficits',
			rowId: IDS.deficit,
			fields: { status: 'identified' },
			base: { status: 'proposed' }
		});
	});

	it('dismissing moves it to отклонён', async () => {
		const db = open();
		await seed(db, proposal);
		expect((await deficits.dismiss(db, IDS.deficit, actor)).status).toBe('dismissed');
		expect((await deficits.get(db, IDS.deficit))!.status).toBe('dismissed');
	});

	it('confirming anything but a proposal is refused', async () => {
		const db = open();
		await seed(db, { status: 'identified' });
		const error = await deficits.confirm(db, IDS.deficit, actor).catch((e: unknown) => e);
		expect((error as LocalWriteError).reason).toBe('invalid');
		expect(await db.outbox.count()).toBe(0);
	});
});

describe('a status change', () => {
	it('follows выявлен → в работе → преодолён, appending to the history', async () => {
		const db = open();
		await seed(db);
		await deficits.transition(db, IDS.deficit, 'in_progress', actor);
		const row = await deficits.transition(db, IDS.deficit, 'overcome', actor);
		expect(row.history.map((h) => h.status)).toEqual(['proposed', 'identified', 'in_progress', 'overcome']);
		expect(deficitSchema.validate(row)).toEqual([]);
	});

	it('that the domain forbids writes nothing and fails as invalid on status', async () => {
		const db = open();
		const before = await seed(db, {
			status: 'in_progress',
			history: [{ status: 'in_progress', at: '2026-09-17T10:00:00.000Z', by: IDS.teacher }]
		});
		const error = await deficits.transition(db, IDS.deficit, 'proposed', actor).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(LocalWriteError);
		expect((error as LocalWriteError).reason).toBe('invalid');
		expect((error as LocalWriteError).issues[0]).toMatchObject({ path: 'status', code: 'not_allowed' });
		expect(await db.deficits.get(IDS.deficit)).toEqual(before);
		expect(await db.outbox.count()).toBe(0);
	});

	it('of a deficit that does not exist fails as not-found', async () => {
		const db = open();
		const error = await deficits.transition(db, IDS.deficit, 'in_progress', actor).catch((e: unknown) => e);
		expect((error as LocalWriteError).reason).toBe('not-found');
	});
});

it('lists only the teacher’s live deficits', async () => {
	const db = open();
	await seed(db);
	await seed(db, { id: IDS.action, teacherId: IDS.mentor });
	await seed(db, { id: IDS.plan, deletedAt: '2026-09-20T10:00:00.000Z' });
	expect((await deficits.listForTeacher(db, IDS.teacher)).map((d) => d.id)).toEqual([IDS.deficit]);
	expect(await deficits.get(db, IDS.plan)).toBeUndefined();
});
