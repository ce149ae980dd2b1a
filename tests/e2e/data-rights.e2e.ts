import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { ensureBuild } from '../../scripts/lib/build.mjs';
import { serve as serveBuild } from '../../scripts/lib/server.mjs';
import { applyFiles, migrationFiles, startCluster, withDatabase } from '../db/global-setup';
import { build, id, signUp } from '../db/actors';
import { insertRow } from '../db/cluster';
import { startSupabaseDouble, type SupabaseDouble } from '../support/supabase-double';
import { seriousViolations } from './axe';
import { launch } from './chromium';
import { overflowing } from './layout';

/**
 * Issue 17 item 6 against the real schema: a teacher downloads everything the server holds about
 * her as one .zip from Settings on her phone, then asks for her data to be deleted; the
 * administrator, on a PC, sees the request in «Люди и роли» (/admin/people#erasure) and carries it out; afterwards the
 * server holds no row naming her and the request shows done.
 */
const PASSWORD = 'password';
const ADMIN = { name: 'Администраторова Ольга Игоревна', email: 'admin@rights.test' };
const TEACHER = { name: 'Удалёнова Вера Петровна', email: 'udalenova@rights.test' };
const SCHOOL = 'МБОУ «Лесная средняя школа № 3»';
const SHOTS = process.env.SHOT_DIR ?? join(process.env.E2E_TMP ?? '.tmp', 'data-rights-shots');

let stopCluster: () => Promise<void>;
let db: pg.Pool;
let double: SupabaseDouble;
let app: Awaited<ReturnType<typeof serveBuild>>;
let buildDir: string;
let context: BrowserContext;
let page: Page;
let teacherProfile: string;
let assessment: string;
let workDir: string;

async function signIn(email: string): Promise<void> {
	await page.goto(`${app.url}/signin`);
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Пароль').fill(PASSWORD);
	await page.getByRole('button', { name: 'Войти', exact: true }).click();
	await page.getByText('Вы вошли', { exact: false }).first().waitFor({ timeout: 30_000 });
}

/** A fresh browser for the next person: her phone (360×640) or a PC (1366×768). */
async function asPerson(phone: boolean): Promise<void> {
	await context?.close();
	context = await launch({ phone: phone ? undefined : false });
	page = context.pages()[0] ?? (await context.newPage());
	if (!phone) await page.setViewportSize({ width: 1366, height: 768 });
}

async function looksRight(): Promise<void> {
	expect(await seriousViolations(page)).toEqual([]);
	expect(await overflowing(page)).toEqual([]);
}

/** Entries of a STORED zip by name (the app writes no compression). */
function unzip(bytes: Buffer): Map<string, Buffer> {
	const out = new Map<string, Buffer>();
	let at = 0;
	while (bytes.readUInt32LE(at) === 0x04034b50) {
		const size = bytes.readUInt32LE(at + 18);
		const nameLength = bytes.readUInt16LE(at + 26);
		const extra = bytes.readUInt16LE(at + 28);
		const name = bytes.subarray(at + 30, at + 30 + nameLength).toString('utf8');
		out.set(name, bytes.subarray(at + 30 + nameLength + extra, at + 30 + nameLength + extra + size));
		at += 30 + nameLength + extra + size;
	}
	return out;
}

beforeAll(async () => {
	mkdirSync(SHOTS, { recursive: true });
	workDir = mkdtempSync(join(process.env.E2E_TMP ?? '.tmp', 'data-rights-'));
	const cluster = await startCluster();
	stopCluster = cluster.stop;
	const admin = new pg.Client({ connectionString: cluster.url });
	await admin.connect();
	await admin.query('create database trajectory_e2e');
	await admin.end();
	const url = withDatabase(cluster.url, 'trajectory_e2e');
	await applyFiles(url, [resolve('tests/db/supabase-shim.sql'), ...migrationFiles()]);
	db = new pg.Pool({ connectionString: url, max: 2 });
	db.on('error', () => {});

	const region = id();
	const municipality = id();
	const school = id();
	await insertRow(db, 'organizations', build.organization({ id: region, kind: 'region', name: 'Лесная область' }));
	await insertRow(
		db,
		'organizations',
		build.organization({ id: municipality, kind: 'municipality', name: 'Лесной округ', parent_id: region })
	);
	await insertRow(db, 'organizations', build.organization({ id: school, name: SCHOOL, parent_id: municipality }));
	await db.query('select private.bootstrap_admin($1, $2)', [ADMIN.email, ADMIN.name]);
	await signUp(db, ADMIN.email);
	teacherProfile = id();
	await insertRow(
		db,
		'profiles',
		build.profile({ id: teacherProfile, email: TEACHER.email, school_id: school, full_name: TEACHER.name })
	);
	await insertRow(db, 'memberships', build.membership({ profile_id: teacherProfile, organization_id: school }));
	await signUp(db, TEACHER.email);
	assessment = id();
	await insertRow(db, 'assessments', build.assessment({ id: assessment, teacher_id: teacherProfile }));

	double = await startSupabaseDouble({ databaseUrl: url });
	buildDir = mkdtempSync(join(process.env.E2E_TMP ?? '.tmp', 'build-rights-'));
	ensureBuild(false, {
		outDir: buildDir,
		env: { PUBLIC_SUPABASE_URL: double.url, PUBLIC_SUPABASE_ANON_KEY: 'e2e-anon-key' }
	});
	app = await serveBuild(buildDir, { copy: false });
}, 300_000);

afterAll(async () => {
	await context?.close();
	await app?.stop();
	await double?.close();
	await db?.end();
	await stopCluster?.();
	if (buildDir) rmSync(buildDir, { recursive: true, force: true });
	if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('«Мои данные на сервере»', () => {
	it('the teacher downloads one archive of her server data and asks for it to be deleted', async () => {
		await asPerson(true);
		await signIn(TEACHER.email);
		await page.goto(`${app.url}/settings`);
		const card = page.getByTestId('my-data');
		await card.waitFor({ timeout: 30_000 });

		const [download] = await Promise.all([
			page.waitForEvent('download'),
			card.getByRole('button', { name: 'Скачать всё' }).click()
		]);
		expect(download.suggestedFilename()).toMatch(/^trajectory-my-data-\d{4}-\d{2}-\d{2}\.zip$/);
		const file = join(workDir, 'archive.zip');
		await download.saveAs(file);
		const archive = unzip(readFileSync(file));
		expect([...archive.keys()]).toEqual(
			expect.arrayContaining([
				'README.txt',
				'export.json',
				'data/profiles.json',
				'data/memberships.json',
				'data/assessments.json'
			])
		);
		const profiles = JSON.parse(archive.get('data/profiles.json')!.toString('utf8')) as { full_name: string }[];
		expect(profiles.map((p) => p.full_name)).toEqual([TEACHER.name]);
		const assessments = JSON.parse(archive.get('data/assessments.json')!.toString('utf8')) as { id: string }[];
		expect(assessments.map((a) => a.id)).toEqual([assessment]);
		await card.getByText('Архив сохранён.').waitFor();

		await card.getByRole('button', { name: 'Попросить удалить мои данные' }).click();
		await card.getByRole('group', { name: 'Удалить ваши данные с сервера?' }).waitFor();
		await card.getByRole('button', { name: 'Отправить запрос' }).click();
		await card.getByTestId('erasure-waiting').waitFor();
		await expect
			.poll(
				async () =>
					(await db.query(`select status from public.erasure_requests where profile_id = $1`, [teacherProfile])).rows
			)
			.toEqual([{ status: 'requested' }]);
		await looksRight();
		// The card from its title down, under the app's bar, as the phone shows it.
		const title = page.getByRole('heading', { name: 'Мои данные на сервере' });
		await title.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 64));
		await page.screenshot({ path: join(SHOTS, 'my-data.png') });
	}, 120_000);

	it('the administrator carries the request out, and no row names her any more', async () => {
		await asPerson(false);
		await signIn(ADMIN.email);
		await page.goto(`${app.url}/admin`);
		await page.getByRole('link', { name: 'Запросы на удаление' }).click();
		// A section of «Люди и роли» (/admin/people#erasure), not a route of its own.
		const section = page.getByRole('region', { name: 'Запросы на удаление данных' });
		await section.waitFor();
		expect(new URL(page.url()).pathname + new URL(page.url()).hash).toBe('/admin/people#erasure');
		const entry = section.getByTestId('erasure-requests').getByRole('listitem').filter({ hasText: TEACHER.name });
		await entry.waitFor({ timeout: 30_000 });
		await expect.poll(() => entry.textContent()).toContain(`${TEACHER.email} · ${SCHOOL}`);
		await entry.getByRole('button', { name: 'Выполнить удаление' }).click();
		await entry.getByRole('group', { name: `Удалить данные: ${TEACHER.name}?` }).waitFor();
		await looksRight();
		const top = async () =>
			section.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 64));
		await top();
		await page.screenshot({ path: join(SHOTS, 'admin-erasure.png') });

		await entry.getByRole('button', { name: 'Удалить безвозвратно' }).click();
		await page.getByText('Удаление выполнено.').waitFor({ timeout: 30_000 });
		const done = section.getByTestId('erasure-requests').getByRole('listitem').first();
		expect(await done.getAttribute('data-status')).toBe('done');
		expect(await done.textContent()).toContain('Выполнен');
		await top();
		await page.screenshot({ path: join(SHOTS, 'admin-erasure-done.png') });

		expect(
			(await db.query(`select 1 from public.profiles where id = $1 or email = $2`, [teacherProfile, TEACHER.email]))
				.rowCount
		).toBe(0);
		expect((await db.query(`select 1 from auth.users where email = $1`, [TEACHER.email])).rowCount).toBe(0);
		const { rows } = await db.query(`select teacher_id from public.assessments where id = $1`, [assessment]);
		expect(rows[0].teacher_id).not.toBe(teacherProfile);
		expect((await db.query(`select 1 from public.audit_log where action = 'erase'`)).rowCount).toBe(1);
	}, 120_000);
});
