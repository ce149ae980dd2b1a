import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launch } from './chromium';
import { serve, type Server } from './server';

/**
 * Issue 12, «Импорт из файла»: a guest with the demo school exports her data, and hostile or
 * broken copies of that file are imported through the real control. Each is refused row by row
 * with a Russian report, and the ИОМ, the teacher's name and other people's names stay as they were.
 */
let server: Server;
let context: BrowserContext;
let page: Page;
let dir: string;

type Row = Record<string, unknown> & { id: string };
interface BackupFile {
	tables: Record<string, Row[]>;
	outbox: Record<string, unknown>[];
	meta: { key: string; value: unknown }[];
	[key: string]: unknown;
}

/** The file as exported, the guest persona, her current plan and the ИОМ as the screen shows it. */
let exported: BackupFile;
let me: string;
let plan: Row;
let action: Row;
let other: Row;
let planTitles: string[];
let greeting: string;
let people: string[];

const LATER = '2099-01-01T00:00:00.000Z';
let seq = 10_000;

function copy(): BackupFile {
	return structuredClone(exported);
}

function uuid(n: number): string {
	return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** A change queued on the file's device, as the outbox holds it. */
function queued(table: string, rowId: string, fields: Record<string, unknown>): Record<string, unknown> {
	seq++;
	return {
		seq,
		mutationId: uuid(900_000 + seq),
		table,
		rowId,
		op: 'upsert',
		fields,
		base: {},
		createdAt: LATER,
		status: 'pending',
		reason: null
	};
}

function put(file: BackupFile, table: string, row: Row): void {
	file.tables[table] = [...file.tables[table]!.filter((r) => r.id !== row.id), row];
}

async function importFile(name: string, file: BackupFile): Promise<string> {
	const path = join(dir, name);
	writeFileSync(path, JSON.stringify(file));
	await page.goto(`${server.url}/settings`);
	await page.getByRole('heading', { level: 1, name: 'Настройки' }).waitFor();
	await page.getByLabel('Импорт из файла').setInputFiles(path);
	// The import has finished when its notice shows; the report stays on the screen below the control.
	await page
		.getByText(/Импорт завершён|Не импортировано/)
		.first()
		.waitFor();
	const report = page.getByTestId('import-report');
	return (await report.count()) ? (await report.innerText()).replace(/\s+/g, ' ') : '';
}

async function shownPlanTitles(): Promise<string[]> {
	await page.goto(`${server.url}/teacher/plan`);
	await page.getByTestId('plan-action').first().waitFor();
	return page.getByTestId('plan-action').locator('h3').allInnerTexts();
}

async function shownGreeting(): Promise<string> {
	await page.goto(`${server.url}/teacher`);
	const heading = page.getByRole('heading', { level: 1, name: /^Здравствуйте, / });
	await heading.waitFor();
	return heading.innerText();
}

async function shownPeople(): Promise<string[]> {
	await page.goto(`${server.url}/settings`);
	await page.locator('#act-as option').first().waitFor({ state: 'attached' });
	return page.locator('#act-as option').allInnerTexts();
}

/**
 * The ИОМ, the greeting and the list of people are what they were before any import. Checked
 * before the report: what the screens showed after a hostile file was the bug.
 */
async function unaffected(): Promise<void> {
	expect(await shownPlanTitles()).toEqual(planTitles);
	expect(await shownGreeting()).toBe(greeting);
	expect(await shownPeople()).toEqual(people);
}

/** A row as IndexedDB holds it, read past the app. */
function stored(table: string, id: string): Promise<Record<string, unknown> | undefined> {
	return page.evaluate(
		({ table, id }) =>
			new Promise<Record<string, unknown> | undefined>((resolve, reject) => {
				const open = indexedDB.open('trajectory-guest');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const get = open.result.transaction(table).objectStore(table).get(id);
					get.onsuccess = () => {
						resolve(get.result as Record<string, unknown> | undefined);
						open.result.close();
					};
					get.onerror = () => reject(get.error);
				};
			}),
		{ table, id }
	);
}

beforeAll(async () => {
	dir = mkdtempSync(join(process.env.E2E_TMP ?? tmpdir(), 'backup-files-'));
	server = await serve(inject('buildDir'));
	context = await launch();
	page = context.pages()[0] ?? (await context.newPage());
	await page.goto(`${server.url}/teacher`);
	await page.getByRole('button', { name: 'Загрузить демонстрационные данные' }).first().click();
	await page.getByRole('heading', { level: 1, name: /^Здравствуйте, / }).waitFor();
	await page
		.getByText(/ИОМ на \d{4}\/\d{4}/)
		.first()
		.waitFor();
	greeting = await shownGreeting();
	planTitles = await shownPlanTitles();
	people = await shownPeople();

	await page.goto(`${server.url}/settings`);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Экспорт моих данных' }).click()
	]);
	exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as BackupFile;
	me = exported.meta.find((m) => m.key === 'guest.profileId')!.value as string;
	const plans = exported.tables.development_plans!.filter((p) => p.teacherId === me && !p.deletedAt);
	plan = plans.sort((a, b) => (b.academicYear as number) - (a.academicYear as number))[0]!;
	action = exported.tables.plan_actions!.find((a) => a.planId === plan.id && a.title === planTitles[0])!;
	other = exported.tables.profiles!.find(
		(p) => p.id !== me && people.some((name) => name.startsWith(p.fullName as string))
	)!;
	if (!action || !other)
		throw new Error('The demo school has no action of the current plan on screen, or no other teacher');
}, 180_000);

afterAll(async () => {
	await context?.close();
	await server?.stop();
});

describe('«Импорт из файла» of a hostile or broken backup, in a real Chromium', () => {
	it('imports the untouched export with nothing refused', async () => {
		const report = await importFile('good.json', copy());
		await unaffected();
		expect(report).toContain('Импорт завершён: добавлено 0, обновлено 0, изменений в очереди 0');
		expect(report).not.toContain('Не импортировано');
	});

	it('refuses rows of another teacher, with their changes, and keeps her name as it was', async () => {
		const file = copy();
		put(file, 'profiles', { ...other, fullName: 'Подделкина Анна Фальшивовна', version: 999_999, updatedAt: LATER });
		const theirAction = { ...action, id: uuid(1), teacherId: other.id, title: 'Чужое мероприятие' };
		put(file, 'plan_actions', theirAction);
		file.outbox.push(
			queued('profiles', other.id, { fullName: 'Подделкина Анна Фальшивовна' }),
			queued('plan_actions', theirAction.id, { title: 'Чужое мероприятие' })
		);

		const report = await importFile('another-teacher.json', file);
		await unaffected();
		expect(report).toContain('Не импортировано: 2 записи');
		expect(report).toContain(
			'Принадлежат другому человеку — такие записи приходят только с сервера: 2 (профили: 1, мероприятия ИОМ: 1)'
		);
		expect((await shownPeople()).some((name) => name.includes('Подделкина'))).toBe(false);
		expect(await stored('plan_actions', theirAction.id)).toBeUndefined();
	});

	it('a version above the server’s freezes nothing: the synced copy stays, a new row is stored at version 0', async () => {
		const file = copy();
		put(file, 'plan_actions', { ...action, title: 'Заморожено навсегда', version: 999_999, updatedAt: LATER });
		put(file, 'profiles', {
			...file.tables.profiles!.find((p) => p.id === me)!,
			fullName: 'Подменённая Учительница',
			version: 999_999,
			updatedAt: LATER
		});
		const course = {
			...file.tables.activities!.find((a) => a.teacherId === me)!,
			id: uuid(2),
			title: 'Курс из резервной копии',
			version: 999_999
		};
		put(file, 'activities', course);

		const report = await importFile('frozen-version.json', file);
		await unaffected();
		expect(report).toContain('Импорт завершён: добавлено 1, обновлено 0, изменений в очереди 0');
		expect(report).not.toContain('Не импортировано');
		expect(await stored('plan_actions', action.id)).toMatchObject({ title: action.title, version: action.version });
		expect(await stored('activities', course.id)).toMatchObject({ title: 'Курс из резервной копии', version: 0 });
	});

	it('refuses rows that break the schema, and the ИОМ still lists every action', async () => {
		const file = copy();
		const broken = [
			{ ...action, id: uuid(3), title: 'Без доказательств', evidence: null },
			{ ...action, id: uuid(4), title: 'Срок числом', deadline: 20_261_220 },
			{ ...action, id: uuid(5), title: 'Неизвестный статус', status: 'взломано' }
		];
		for (const row of broken) {
			put(file, 'plan_actions', row);
			file.outbox.push(queued('plan_actions', row.id, { title: row.title }));
		}

		const report = await importFile('broken-rows.json', file);
		await unaffected();
		expect(report).toContain('Не импортировано: 3 записи');
		expect(report).toContain('Повреждены или не проходят проверку данных: 3 (мероприятия ИОМ: 3)');
		for (const row of broken) expect(await stored('plan_actions', row.id)).toBeUndefined();
	});

	it('never lets a broken copy of an already synced action replace the good one', async () => {
		const file = copy();
		put(file, 'plan_actions', { ...action, title: '', hours: -1, updatedAt: LATER });

		const report = await importFile('broken-copy.json', file);
		await unaffected();
		expect(report).toContain('Не импортировано: 1 запись');
		expect(report).toContain('Повреждены или не проходят проверку данных: 1 (мероприятия ИОМ: 1)');
		expect(await stored('plan_actions', action.id)).toMatchObject({ title: action.title, version: action.version });
	});
});
