// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { buildActivity, IDS } from '$lib/domain/testing/builders';
import * as activities from './activities';
import { live } from './live.svelte';
import { freshDatabase } from './testing/fresh';
import type { AppDatabase } from './database';

const dbs: AppDatabase[] = [];
afterEach(() => {
	for (const db of dbs.splice(0)) db.close();
});

async function until(check: () => boolean, ms = 2000): Promise<void> {
	const start = Date.now();
	while (!check()) {
		if (Date.now() - start > ms) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 10));
		flushSync();
	}
}

describe('the live-query adapter', () => {
	it('gives an effect the query result and the next one after a write, without the reader subscribing', async () => {
		const db = freshDatabase('live');
		dbs.push(db);
		const titles = live(async () => (await activities.listForTeacher(db, IDS.teacher)).map((a) => a.title));
		const seen: (string[] | undefined)[] = [];
		const stop = $effect.root(() => {
			$effect(() => {
				seen.push(titles.current);
			});
		});
		await until(() => titles.loading === false);
		expect(titles.current).toEqual([]);

		const {
			id: _id,
			version: _v,
			updatedAt: _u,
			updatedBy: _b,
			deletedAt: _d,
			...draft
		} = buildActivity({ title: 'Открытый урок' });
		await activities.create(db, draft, { profileId: IDS.teacher });
		await until(() => (titles.current ?? []).length === 1);
		expect(seen.at(-1)).toEqual(['Открытый урок']);
		stop();
	});

	it('reports a failing query as an error instead of hanging', async () => {
		const failing = live<number>(async () => {
			throw new Error('boom');
		});
		const stop = $effect.root(() => {
			$effect(() => void failing.current);
		});
		await until(() => failing.loading === false);
		expect(failing.error).toBeInstanceOf(Error);
		stop();
	});
});
