import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { ensureBuild } from '../../scripts/lib/build.mjs';
import { serve as serveBuild } from '../../scripts/lib/server.mjs';
import { applyFiles, migrationFiles, startCluster, withDatabase } from '../db/global-setup';
import { build, day, id, signUp } from '../db/actors';
import { insertRow } from '../db/cluster';
import { startSupabaseDouble, type SupabaseDouble } from '../support/supabase-double';
import { seriousViolations } from './axe';
import { launch } from './chromium';

/**
 * Issue 17 (b): an evidence photo taken offline on the teacher's phone reaches Storage after she
 * reconnects — after the ИОМ action it belongs to, exactly once, even when the page is reloaded
 * while the upload's answer is on its way — and her mentor's phone shows it.
 *
 * The backend is the real schema, RLS, sync functions and the evidence bucket's policies on a
 * throwaway PostgreSQL; Supabase's HTTP front (tokens, PostgREST, the Storage API's object routes)
 * is tests/support/supabase-double.ts, which writes storage.objects as the caller, so the
 * bucket's policies decide, and keeps the bytes in memory.
 */
const TEACHER = { name: 'Фотова Ирина Сергеевна', email: 'fotova@school1.test' };
const MENTOR = { name: 'Наставникова Ольга Петровна', email: 'nastavnikova@school1.test' };
const ACTION_TITLE = 'Курсы ПК «Цифровая образовательная среда»';
const PASSWORD = 'password';

let stopCluster: () => Promise<void>;
let db: pg.Pool;
let double: SupabaseDouble;
let app: Awaited<ReturnType<typeof serveBuild>>;
let buildDir: string;
const phones: { context: BrowserContext; page: Page }[] = [];
let teacher: Page;
let mentor: Page;
let teacherUser: string;
let mentorUser: string;
let teacherProfile: string;
let pairId: string;

async function seed(pool: pg.Pool): Promise<void> {
	const region = id();
	const municipality = id();
	const school = id();
	await insertRow(pool, 'organizations', build.organization({ id: region, kind: 'region', name: 'Демо-область' }));
	await insertRow(
		pool,
		'organizations',
		build.organization({ id: municipality, kind: 'municipality', name: 'Демо-округ', parent_id: region })
	);
	await insertRow(
		pool,
		'organizations',
		build.organization({ id: school, name: 'МБОУ СОШ № 1', parent_id: municipality })
	);
	teacherProfile = id();
	const mentorProfile = id();
	await insertRow(
		pool,
		'profiles',
		build.profile({
			id: teacherProfile,
			full_name: TEACHER.name,
			email: TEACHER.email,
			school_id: school,
			experience_years: 1
		})
	);
	await insertRow(
		pool,
		'memberships',
		build.membership({ profile_id: teacherProfile, organization_id: school, role: 'teacher' })
	);
	await insertRow(
		pool,
		'profiles',
		build.profile({
			id: mentorProfile,
			full_name: MENTOR.name,
			email: MENTOR.email,
			school_id: school,
			experience_years: 15
		})
	);
	for (const role of ['teacher', 'mentor'])
		await insertRow(
			pool,
			'memberships',
			build.membership({ profile_id: mentorProfile, organization_id: school, role })
		);
	teacherUser = await signUp(pool, TEACHER.email);
	mentorUser = await signUp(pool, MENTOR.email);
	await insertRow(
		pool,
		'development_plans',
		build.plan({ teacher_id: teacherProfile, academic_year: 2026, goals: 'Освоить цифровые инструменты' })
	);
	pairId = id();
	await insertRow(
		pool,
		'mentoring_pairs',
		build.pair({
			id: pairId,
			school_id: school,
			mentor_id: mentorProfile,
			mentee_id: teacherProfile,
			start_date: day(-30)
		})
	);
}

async function phone(): Promise<Page> {
	const context = await launch();
	const page = context.pages()[0] ?? (await context.newPage());
	phones.push({ context, page });
	return page;
}

async function signIn(page: Page, email: string, home: string, ready: string | RegExp): Promise<void> {
	await page.goto(`${app.url}/signin`);
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload();
	await page.waitForFunction(() => !!navigator.serviceWorker.controller);
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Пароль').fill(PASSWORD);
	await page.getByRole('button', { name: 'Войти', exact: true }).click();
	await page.getByText('Вы вошли', { exact: false }).first().waitFor();
	await page.goto(`${app.url}${home}`);
	await page.getByText(ready).first().waitFor({ timeout: 30_000 });
}

async function shot(page: Page, name: string): Promise<void> {
	await page.screenshot({ path: join(process.env.SHOT_DIR ?? '.tmp/e2e-shots', `${name}.png`) });
}

async function chip(page: Page): Promise<string> {
	return (await page.getByTestId('sync-chip').textContent())?.trim() ?? '';
}

/** The attachments in the user's IndexedDB, with each blob's bytes as base64. */
function localFiles(page: Page, userId: string): Promise<Record<string, unknown>[]> {
	return page.evaluate(
		(name) =>
			new Promise<Record<string, unknown>[]>((done, fail) => {
				const open = indexedDB.open(name);
				open.onerror = () => fail(open.error);
				open.onsuccess = () => {
					const req = open.result.transaction('attachments').objectStore('attachments').getAll();
					req.onerror = () => fail(req.error);
					req.onsuccess = async () => {
						open.result.close();
						const rows = req.result as (Record<string, unknown> & { blob: Blob })[];
						const out = [];
						for (const { blob, ...rest } of rows) {
							const bytes = new Uint8Array(await blob.arrayBuffer());
							let text = '';
							for (const b of bytes) text += String.fromCharCode(b);
							out.push({ ...rest, base64: btoa(text) });
						}
						done(out);
					};
				};
			}),
		`trajectory-user-${userId}`
	);
}

async function objects(): Promise<{ name: string; size: number; mimetype: string; owner_id: string }[]> {
	const r = await db.query(
		`select name, (metadata->>'size')::int as size, metadata->>'mimetype' as mimetype, owner_id
		 from storage.objects where bucket_id = 'evidence' order by name`
	);
	return r.rows;
}

beforeAll(async () => {
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
	await seed(db);
	double = await startSupabaseDouble({ databaseUrl: url });
	buildDir = mkdtempSync(join(process.env.E2E_TMP ?? '.tmp', 'build-files-'));
	ensureBuild(false, {
		outDir: buildDir,
		env: { PUBLIC_SUPABASE_URL: double.url, PUBLIC_SUPABASE_ANON_KEY: 'e2e-anon-key' }
	});
	app = await serveBuild(buildDir, { copy: false });
	teacher = await phone();
	mentor = await phone();
}, 240_000);

afterAll(async () => {
	for (const { context } of phones) await context.close();
	await app?.stop();
	await double?.close();
	await db?.end();
	await stopCluster?.();
	if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

describe('an evidence photo taken offline', () => {
	it('both sign in', async () => {
		await signIn(teacher, TEACHER.email, '/teacher', /^Здравствуйте/);
		await signIn(mentor, MENTOR.email, '/mentor', TEACHER.name);
		await expect.poll(() => chip(teacher), { timeout: 20_000 }).toBe('Всё сохранено на сервере');
	});

	it('waits on the phone with its action; the sync screen counts it', async () => {
		await teacher.context().setOffline(true);
		await teacher.goto(`${app.url}/teacher/plan`);
		await teacher.getByRole('button', { name: 'Добавить мероприятие' }).click();
		const form = teacher.getByTestId('action-form');
		await form.getByLabel(/Название/).fill(ACTION_TITLE);
		await form.getByRole('button', { name: 'Сохранить' }).click();
		const card = teacher.getByTestId('plan-action').filter({ hasText: ACTION_TITLE });
		await card.waitFor();
		await card.getByRole('button', { name: 'Добавить подтверждение' }).click();
		await card.getByText('Фото', { exact: true }).click();
		await card.locator('input[type=file]').setInputFiles({
			name: 'udostoverenie.png',
			mimeType: 'image/png',
			buffer: readFileSync('static/icons/icon-512.png')
		});
		await card.getByRole('img', { name: /Фото подтверждения/ }).waitFor();
		await card.getByTestId('file-waiting').waitFor();

		await teacher.goto(`${app.url}/sync`);
		await expect.poll(() => teacher.getByTestId('sync-files').textContent()).toBe('1');
		await teacher.getByText('Фото и файлы отправляются после записей').waitFor();
		await shot(teacher, 'files-sync-waiting');
		expect(await seriousViolations(teacher)).toEqual([]);
		expect(await objects()).toEqual([]);
		const onServer = await db.query('select count(*)::int as n from public.plan_actions where title = $1', [
			ACTION_TITLE
		]);
		expect(onServer.rows[0].n).toBe(0);
	});

	it('reaches Storage once after reconnecting, though the page reloads before the upload is answered', async () => {
		const hold = double.storage.holdUploads();
		await teacher.context().setOffline(false);
		// The file is stored, its answer held: the reload loses it, as a closed lid or a lost signal would.
		await hold.arrived;
		const [first] = await objects();
		expect(first).toBeDefined();
		const action = await db.query('select id, teacher_id from public.plan_actions where title = $1', [ACTION_TITLE]);
		expect(action.rows).toHaveLength(1);
		expect(first!.name).toMatch(new RegExp(`^${teacherProfile}/plan_actions/${action.rows[0].id}/[0-9a-f-]{36}$`));
		expect(first!.owner_id).toBe(teacherUser);
		expect(first!.mimetype).toBe('image/jpeg');
		await teacher.reload();
		hold.release();

		await expect
			.poll(async () => (await localFiles(teacher, teacherUser)).map((f) => f.uploadStatus), { timeout: 30_000 })
			.toEqual(['uploaded']);
		const [local] = await localFiles(teacher, teacherUser);
		expect(local).toMatchObject({ storagePath: first!.name, attempts: 2, error: null });
		// Sent twice, stored once: the second request found the path taken.
		const posts = double.storage.requests.filter((r) => r.startsWith(`POST evidence/${first!.name}`));
		expect(posts).toEqual([`POST evidence/${first!.name} 200`, `POST evidence/${first!.name} 409`]);
		expect(await objects()).toHaveLength(1);
		const bytes = double.storage.bytes.get(`evidence/${first!.name}`);
		expect(bytes?.toString('base64')).toBe(local!.base64);
		expect(bytes!.length).toBe(first!.size);

		await teacher.goto(`${app.url}/sync`);
		await expect.poll(() => teacher.getByTestId('sync-files').textContent()).toBe('нет');
	});

	it("the mentor's phone shows the photo, and keeps it for offline", async () => {
		await mentor.goto(`${app.url}/mentor/${pairId}`);
		const item = mentor.getByText(ACTION_TITLE);
		await item.waitFor({ timeout: 30_000 });
		const photo = mentor.getByTestId('evidence-photo');
		await photo.waitFor({ timeout: 30_000 });
		await expect
			.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
			.toBeGreaterThan(0);
		const cached = await localFiles(mentor, mentorUser);
		expect(cached).toHaveLength(1);
		expect(cached[0]).toMatchObject({ uploadStatus: 'remote' });
		const [object] = await objects();
		expect(cached[0]!.base64).toBe(double.storage.bytes.get(`evidence/${object!.name}`)?.toString('base64'));

		await mentor.context().setOffline(true);
		await mentor.reload();
		await mentor.getByTestId('evidence-photo').waitFor();
		await mentor.context().setOffline(false);
		// Shown, never uploaded from the mentor's phone.
		expect(double.storage.requests.filter((r) => r.startsWith('POST'))).toHaveLength(2);
	});
});
