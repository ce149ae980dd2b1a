import { afterEach, describe, expect, it } from 'vitest';
import { uuid } from '$lib/domain/testing/builders';
import { DEFAULT_FRAMEWORK } from '$lib/domain/frameworks/default';
import type { Framework } from '$lib/domain/framework';
import * as frameworks from './frameworks';
import * as outbox from './outbox';
import { LocalWriteError } from './errors';
import { freshDatabase } from './testing/fresh';
import type { AppDatabase } from './database';

const dbs: AppDatabase[] = [];
function open() {
	const db = freshDatabase('frameworks');
	dbs.push(db);
	return db;
}
afterEach(() => {
	for (const db of dbs.splice(0)) db.close();
});

const actor = { profileId: uuid(104) };

async function withDefault(db: AppDatabase): Promise<Framework> {
	await db.frameworks.put(structuredClone(DEFAULT_FRAMEWORK));
	return DEFAULT_FRAMEWORK;
}

describe('framework drafts on the device', () => {
	it('are created as a copy of the published version under the next revision, with their outbox entry', async () => {
		const db = open();
		const v1 = await withDefault(db);
		const { draft, existing } = await frameworks.createDraft(db, v1, 2027, actor);
		expect(existing).toBe(false);
		expect(draft.id).not.toBe(v1.id);
		expect(draft).toMatchObject({ code: v1.code, revision: 2, status: 'draft', academicYear: 2027, publishedAt: null });
		expect(draft.competencies).toEqual(v1.competencies);
		const entries = await outbox.list(db);
		expect(entries.map((e) => [e.op, e.table, e.rowId])).toEqual([['upsert', 'frameworks', draft.id]]);
		expect(entries[0]!.fields).toMatchObject({ status: 'draft', revision: 2 });
	});

	it('are one per code: a second request returns the draft there is and writes nothing', async () => {
		const db = open();
		const v1 = await withDefault(db);
		const first = await frameworks.createDraft(db, v1, 2027, actor);
		const second = await frameworks.createDraft(db, v1, 2028, actor);
		expect(second).toEqual({ draft: first.draft, existing: true });
		expect(await db.frameworks.count()).toBe(2);
		expect(await outbox.pendingCount(db)).toBe(1);
	});

	it('copy the built-in version when the device holds none of the default code', async () => {
		const db = open();
		const versions = await frameworks.versionsOf(db, DEFAULT_FRAMEWORK.code);
		expect(versions.map((v) => v.id)).toEqual([DEFAULT_FRAMEWORK.id]);
		const { draft } = await frameworks.createDraft(db, versions[0]!, 2027, actor);
		expect(draft.revision).toBe(2);
		expect((await frameworks.listByCode(db)).map((g) => [g.code, g.versions.map((v) => v.revision)])).toEqual([
			[DEFAULT_FRAMEWORK.code, [2, 1]]
		]);
	});

	it('are updated with validation, and a published version refuses any update', async () => {
		const db = open();
		const v1 = await withDefault(db);
		const { draft } = await frameworks.createDraft(db, v1, 2027, actor);
		const competencies = structuredClone(draft.competencies);
		competencies[0]!.indicators[0]!.text = 'Формулирует цели урока так, чтобы их достижение можно было проверить';
		const saved = await frameworks.updateDraft(db, draft.id, { competencies, academicYear: 2026 }, actor);
		expect(saved.competencies[0]!.indicators[0]).toEqual({
			id: 'goal-setting.1',
			text: 'Формулирует цели урока так, чтобы их достижение можно было проверить'
		});
		expect(saved.academicYear).toBe(2026);

		const empty = structuredClone(competencies);
		empty[0]!.indicators[0]!.text = '';
		await expect(frameworks.updateDraft(db, draft.id, { competencies: empty }, actor)).rejects.toMatchObject({
			reason: 'invalid',
			issues: [{ path: 'competencies.0.indicators.0.text', code: 'required' }]
		});

		const before = await outbox.list(db);
		await expect(frameworks.updateDraft(db, v1.id, { title: 'Другое' }, actor)).rejects.toMatchObject({
			reason: 'forbidden'
		});
		expect((await db.frameworks.get(v1.id))!.title).toBe(v1.title);
		expect(await outbox.list(db)).toEqual(before);
	});

	it('are published once valid and changed; afterwards they refuse every change', async () => {
		const db = open();
		const v1 = await withDefault(db);
		const { draft } = await frameworks.createDraft(db, v1, 2026, actor);

		const unchanged = frameworks.publish(db, draft.id, actor, 2026);
		await expect(unchanged).rejects.toBeInstanceOf(frameworks.PublishRefused);
		await expect(unchanged).rejects.toMatchObject({ refusals: ['unchanged'] });
		expect((await db.frameworks.get(draft.id))!.status).toBe('draft');

		const competencies = structuredClone(draft.competencies);
		competencies[0]!.indicators[0]!.text = 'Новая формулировка';
		await frameworks.updateDraft(db, draft.id, { competencies }, actor);
		const published = await frameworks.publish(db, draft.id, actor, 2026);
		expect(published.status).toBe('published');
		expect((await outbox.list(db)).at(-1)!.fields).toMatchObject({ status: 'published' });

		// It is now the version new assessments of 2026 take.
		expect((await frameworks.current(db, 2026)).id).toBe(draft.id);
		expect((await frameworks.current(db, 2025)).id).toBe(v1.id);

		await expect(frameworks.updateDraft(db, draft.id, { competencies: v1.competencies }, actor)).rejects.toBeInstanceOf(
			LocalWriteError
		);
		await expect(frameworks.publish(db, draft.id, actor, 2026)).rejects.toMatchObject({
			reason: 'forbidden',
			refusals: ['not-draft']
		});
		expect((await db.frameworks.get(draft.id))!.competencies[0]!.indicators[0]!.text).toBe('Новая формулировка');
		// The next draft is revision 3, copied from the new version.
		const next = await frameworks.createDraft(db, published, 2027, actor);
		expect(next.draft.revision).toBe(3);
	});

	it('are thrown away as a tombstone that frees their revision; a published version cannot be', async () => {
		const db = open();
		const v1 = await withDefault(db);
		const { draft } = await frameworks.createDraft(db, v1, 2027, actor);
		await frameworks.discardDraft(db, draft.id, actor);
		expect((await db.frameworks.get(draft.id))!.deletedAt).not.toBeNull();
		expect((await outbox.list(db)).at(-1)).toMatchObject({ op: 'delete', rowId: draft.id });
		const again = await frameworks.createDraft(db, v1, 2027, actor);
		expect(again).toMatchObject({ existing: false, draft: { revision: 2 } });
		await expect(frameworks.discardDraft(db, v1.id, actor)).rejects.toMatchObject({ reason: 'forbidden' });
		expect((await db.frameworks.get(v1.id))!.deletedAt).toBeNull();
	});

	it('refuse publishing an invalid draft and say why', async () => {
		const db = open();
		const v1 = await withDefault(db);
		const { draft } = await frameworks.createDraft(db, v1, 2027, actor);
		// A draft stored invalid (an older device, a sync) is refused too, not only a bad edit.
		await db.frameworks.put({ ...draft, academicYear: null, title: 'Другое' });
		await expect(frameworks.publish(db, draft.id, actor, 2026)).rejects.toMatchObject({ refusals: ['no-year'] });
	});
});
