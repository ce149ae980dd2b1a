import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FRAMEWORK } from '../../src/lib/domain/frameworks/default';
import { createActors, type Actors } from './actors';
import { attempt, freshDatabase, type TestDatabase } from './cluster';
import { FRAMEWORK_MIGRATION, frameworkColumns, frameworkMigrationSql } from './framework-sql';

if (process.env.FRAMEWORK_SQL_WRITE === '1')
	writeFileSync(FRAMEWORK_MIGRATION, frameworkMigrationSql(DEFAULT_FRAMEWORK));

let db: TestDatabase;
let actors: Actors;
beforeAll(async () => {
	db = await freshDatabase();
	actors = await createActors(db.pool);
});
afterAll(() => db?.drop());

describe('the default competency framework on the server', () => {
	it('is the client’s framework: same id, code, revision, title, scale and competencies', async () => {
		const { rows } = await db.pool.query(
			`select id, code, revision, title, scale, competencies, version, deleted_at from public.frameworks where id = $1`,
			[DEFAULT_FRAMEWORK.id]
		);
		expect(rows).toHaveLength(1);
		const { version, deleted_at, ...content } = rows[0];
		expect(content).toEqual(frameworkColumns(DEFAULT_FRAMEWORK));
		expect(version).toBe(1);
		expect(deleted_at).toBeNull();
	});

	it('comes from a migration generated from the TypeScript framework (regenerate with FRAMEWORK_SQL_WRITE=1)', () => {
		expect(readFileSync(FRAMEWORK_MIGRATION, 'utf8')).toBe(frameworkMigrationSql(DEFAULT_FRAMEWORK));
	});

	it('reaches every signed-in user through sync_pull, with camelCase keys inside the JSON', async () => {
		const pulled = await attempt(db.pool, actors.people.colleague.userId, `select public.sync_pull(null, 500) as r`);
		const changes = (pulled.rows[0]!.r as { changes: { table: string; row: Record<string, unknown> }[] }).changes;
		const row = changes.find((c) => c.table === 'frameworks' && c.row.id === DEFAULT_FRAMEWORK.id)?.row;
		expect(row?.competencies).toEqual(DEFAULT_FRAMEWORK.competencies);
		expect(JSON.stringify(row?.scale)).toContain('"score":0');
	});
});
