import { afterEach, describe, expect, it } from 'vitest';
import { IDS } from '$lib/domain/testing/builders';
import { targetId } from '$lib/domain/indicator-target';
import * as targets from './indicator-targets';
import * as outbox from './outbox';
import { freshDatabase } from './testing/fresh';
import type { AppDatabase } from './database';

const dbs: AppDatabase[] = [];
function open() {
	const db = freshDatabase('targets');
	dbs.push(db);
	return db;
}
afterEach(() => {
	for (const db of dbs.splice(0)) db.close();
});

const actor = { profileId: IDS.methodist };

describe('planned values on the device', () => {
	it('give every device the same id for the same scope, year and indicator', () => {
		const id = targetId(IDS.school, 2026, 'IOM');
		expect(id).toBe(targetId(IDS.school, 2026, 'IOM'));
		expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(
			new Set([
				id,
				targetId(IDS.school, 2027, 'IOM'),
				targetId(IDS.school, 2026, 'PD_ANY'),
				targetId(IDS.municipality, 2026, 'IOM')
			]).size
		).toBe(4);
	});

	it('are set, changed and cleared as one synced row with its outbox entries', async () => {
		const db = open();
		const made = (await targets.set(db, IDS.school, 2026, 'IOM', 0.5, actor))!;
		expect(made).toMatchObject({ id: targetId(IDS.school, 2026, 'IOM'), value: 0.5, deletedAt: null });
		await targets.set(db, IDS.school, 2026, 'IOM', 1.4, actor);
		expect((await targets.list(db)).map((t) => t.value)).toEqual([1]);
		await targets.set(db, IDS.school, 2026, 'IOM', null, actor);
		expect(await targets.list(db)).toEqual([]);
		// The change folds into the still-unsent insert; the tombstone follows it.
		const entries = await outbox.list(db);
		expect(entries.map((e) => [e.op, e.table, e.rowId])).toEqual([
			['upsert', 'indicator_targets', made.id],
			['delete', 'indicator_targets', made.id]
		]);
		expect(entries[0]!.fields).toMatchObject({ organizationId: IDS.school, academicYear: 2026, code: 'IOM', value: 1 });
	});

	it('bring a cleared target back under its id rather than making a second row', async () => {
		const db = open();
		await targets.set(db, IDS.school, 2026, 'IOM', 0.5, actor);
		await targets.set(db, IDS.school, 2026, 'IOM', null, actor);
		const back = (await targets.set(db, IDS.school, 2026, 'IOM', 0.7, actor))!;
		expect(back).toMatchObject({ id: targetId(IDS.school, 2026, 'IOM'), value: 0.7, deletedAt: null });
		expect(await db.indicator_targets.count()).toBe(1);
		const last = (await outbox.list(db)).at(-1)!;
		expect(last).toMatchObject({ op: 'upsert', fields: { value: 0.7, deletedAt: null } });
		expect(last.base.value).toBe(0.5);
	});

	it('update a pulled target whatever its id', async () => {
		const db = open();
		const pulled = {
			id: '00000000-0000-4000-8000-00000000f001',
			version: 3,
			updatedAt: '2026-11-01T10:00:00.000Z',
			updatedBy: null,
			deletedAt: null,
			organizationId: IDS.school,
			academicYear: 2026,
			code: 'IOM' as const,
			value: 0.4
		};
		await db.indicator_targets.put(pulled);
		await targets.set(db, IDS.school, 2026, 'IOM', 0.6, actor);
		expect(await targets.list(db)).toEqual([expect.objectContaining({ id: pulled.id, value: 0.6 })]);
		expect((await outbox.list(db))[0]).toMatchObject({
			rowId: pulled.id,
			fields: { value: 0.6 },
			base: { value: 0.4 }
		});
	});

	it('are set and cleared several at once, all or none', async () => {
		const db = open();
		await targets.set(db, IDS.municipality, 2026, 'PD_ANY', 0.3, actor);
		await targets.setMany(db, IDS.municipality, 2026, { IOM: 0.6, PD_ANY: null }, actor);
		expect((await targets.listFor(db, IDS.municipality)).map((t) => [t.code, t.value])).toEqual([['IOM', 0.6]]);
		const refused = targets.setMany(
			db,
			IDS.municipality,
			2026,
			{ OBSERVED: 0.4, NOT_AN_INDICATOR: 0.5 } as unknown as Parameters<typeof targets.setMany>[3],
			actor
		);
		await expect(refused).rejects.toMatchObject({ reason: 'invalid' });
		expect((await targets.listFor(db, IDS.municipality)).map((t) => t.code)).toEqual(['IOM']);
	});
});
