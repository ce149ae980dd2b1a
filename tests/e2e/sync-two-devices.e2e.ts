import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
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
import { overflowing } from './layout';

/**
 * Issue 5's two phones: a teacher and her mentor sign in to the same backend, both go offline,
 * each edits, both reconnect and converge — the mentor's lesson observation reaches the
 * teacher's phone and the teacher's ИОМ action reaches the mentor's desk. Then the methodist ends
 * the pair, and the mentor's next sync removes the teacher's plan from the mentor's phone.
 *
 * The backend is the real schema, RLS and sync functions on a throwaway PostgreSQL; only
 * Supabase's HTTP front (token endpoint, PostgREST RPC route) is a test double
 * (tests/support/supabase-double.ts) that runs those SQL functions as PostgREST would.
 */
const TEACHER = { name: 'Молодцова Анна Игоревна', email: 'molodtsova@school1.test' };
const MENTOR = { name: 'Наставников Пётр Андреевич', email: 'nastavnikov@school1.test' };
const METHODIST = { name: 'Методистова Елена Викторовна', email: 'metodistova@school1.test' };
const ACTION_TITLE = 'Взаимопосещение уроков наставника';
const PASSWORD = 'password';

let stopCluster: () => Promise<void>;
let db: pg.Pool;
let double: SupabaseDouble;
let app: Awaited<ReturnType<typeof serveBuild>>;
let buildDir: string;
const phones: { context: BrowserContext; page: Page }[] = [];
let teacher: Page;
let mentor: Page;
let teacherProfile: string;
let mentorUser: string;
let pairId: string;

/** The school, its three people and an active pair, as the methodist's invitations would leave them. */
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
		build.organization({ id: school, name: 'МБОУ СОШ № 1', parent_id: municipality, low_results: true })
	);
	teacherProfile = id();
	const mentorProfile = id();
	const methodistProfile = id();
	const people: [string, typeof TEACHER, [string, string][], Record<string, unknown>][] = [
		[
			teacherProfile,
			TEACHER,
			[['teacher', school]],
			{ experience_years: 1, category: 'none', category_expires_on: null, birth_year: 2001 }
		],
		[
			mentorProfile,
			MENTOR,
			[
				['teacher', school],
				['mentor', school]
			],
			{ experience_years: 15 }
		],
		[methodistProfile, METHODIST, [['school_methodist', school]], { experience_years: 22 }]
	];
	for (const [profileId, person, roles, extra] of people) {
		await insertRow(
			pool,
			'profiles',
			build.profile({ id: profileId, full_name: person.name, email: person.email, school_id: school, ...extra })
		);
		for (const [role, org] of roles)
			await insertRow(pool, 'memberships', build.membership({ profile_id: profileId, organization_id: org, role }));
	}
	await signUp(pool, TEACHER.email);
	mentorUser = await signUp(pool, MENTOR.email);
	await signUp(pool, METHODIST.email);
	// The ИОМ she made on the school PC in September.
	await insertRow(
		pool,
		'development_plans',
		build.plan({ teacher_id: teacherProfile, academic_year: 2026, goals: 'Освоить формирующее оценивание' })
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

/** Sign in through the app's own form; the first sync brings the person's data down. */
async function signIn(page: Page, email: string, home: string, ready: string | RegExp): Promise<void> {
	await page.goto(`${app.url}/signin`);
	// The service worker takes the page over first, so the offline part below can navigate.
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload();
	await page.waitForFunction(() => !!navigator.serviceWorker.controller);
	if (email === TEACHER.email) {
		await shot(page, 'sign-in');
		expect(await seriousViolations(page)).toEqual([]);
	}
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Пароль').fill(PASSWORD);
	await page.getByRole('button', { name: 'Войти', exact: true }).click();
	await page.getByText('Вы вошли', { exact: false }).first().waitFor();
	await page.goto(`${app.url}${home}`);
	await page.getByText(ready).first().waitFor({ timeout: 30_000 });
}

/** Pictures of the account screens for docs/ (npm run screenshots refreshes them). */
async function shot(page: Page, name: string): Promise<void> {
	await page.screenshot({ path: join(process.env.SHOT_DIR ?? '.tmp/e2e-shots', `${name}.png`) });
}

async function chip(page: Page): Promise<string> {
	return (await page.getByTestId('sync-chip').textContent())?.trim() ?? '';
}

/** Rows of a table in the signed-in user's IndexedDB, read with the browser's own API. */
function localRows(page: Page, userId: string, table: string): Promise<Record<string, unknown>[]> {
	return page.evaluate(
		({ name, table }) =>
			new Promise<Record<string, unknown>[]>((done, fail) => {
				const open = indexedDB.open(name);
				open.onerror = () => fail(open.error);
				open.onsuccess = () => {
					const req = open.result.transaction(table).objectStore(table).getAll();
					req.onsuccess = () => {
						open.result.close();
						done(req.result as Record<string, unknown>[]);
					};
					req.onerror = () => fail(req.error);
				};
			}),
		{ name: `trajectory-user-${userId}`, table }
	);
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
	// A copy of the app built against this backend (the guest build stays in build/).
	buildDir = mkdtempSync(join(process.env.E2E_TMP ?? '.tmp', 'build-sync-'));
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

describe('two phones, one backend', () => {
	it('both sign in and receive their own data', async () => {
		await signIn(teacher, TEACHER.email, '/teacher', /^Здравствуйте/);
		await signIn(mentor, MENTOR.email, '/mentor', TEACHER.name);
		await expect.poll(() => chip(teacher), { timeout: 20_000 }).toBe('Всё сохранено на сервере');
		await expect.poll(() => chip(mentor), { timeout: 20_000 }).toBe('Всё сохранено на сервере');
		expect(double.calls.sync_pull).toBeGreaterThanOrEqual(2);
	});

	it('the teacher’s profile shows her school, set by the methodist; her own edit reaches the server and does not move her', async () => {
		await teacher.goto(`${app.url}/teacher/profile`);
		await teacher.getByTestId('profile-school').waitFor();
		expect(await teacher.getByTestId('profile-school').textContent()).toContain('МБОУ СОШ № 1');
		expect(await teacher.getByRole('combobox', { name: 'Образовательная организация' }).count()).toBe(0);
		await teacher.getByLabel(/Должность/).fill('учитель информатики');
		await teacher.getByRole('button', { name: 'Сохранить' }).click();
		await teacher.getByText('Профиль сохранён на устройстве').first().waitFor();
		expect(await teacher.getByLabel(/Должность/).inputValue()).toBe('учитель информатики');
		// Right after the save the chip may still show the state before it: wait for the server's row.
		const onServer = async () =>
			(
				await db.query(
					`select p.position, o.name as school from public.profiles p join public.organizations o on o.id = p.school_id where p.id = $1`,
					[teacherProfile]
				)
			).rows[0];
		await expect
			.poll(onServer, { timeout: 30_000 })
			.toMatchObject({ position: 'учитель информатики', school: 'МБОУ СОШ № 1' });
		await expect.poll(() => chip(teacher), { timeout: 30_000 }).toBe('Всё сохранено на сервере');
	});

	it('each edits offline; the changes wait on the phone, visibly', async () => {
		await teacher.context().setOffline(true);
		await mentor.context().setOffline(true);

		await teacher.goto(`${app.url}/teacher/plan`);
		await teacher.getByRole('button', { name: 'Добавить мероприятие' }).click();
		const form = teacher.getByTestId('action-form');
		await form.getByLabel(/Название/).fill(ACTION_TITLE);
		await form.getByRole('button', { name: 'Сохранить' }).click();
		await teacher.getByTestId('plan-action').filter({ hasText: ACTION_TITLE }).waitFor();
		await expect.poll(() => chip(teacher)).toMatch(/Не отправлено|Нет сети/);
		await teacher.goto(`${app.url}/sync`);
		await teacher
			.getByText(/Не отправлено|ждут отправки/i)
			.first()
			.waitFor();
		await shot(teacher, 'sync-offline-pending');
		expect(await seriousViolations(teacher)).toEqual([]);

		await mentor.goto(`${app.url}/mentor/observations`);
		const start = mentor.getByTestId('new-observation');
		const whom = start.getByLabel(/^Педагог/);
		await whom.selectOption((await whom.locator('option', { hasText: TEACHER.name }).getAttribute('value'))!);
		await start.getByLabel('Быстрый режим').check();
		await start.getByRole('button', { name: 'Начать посещение' }).click();
		await mentor.getByTestId('observation-screen').first().waitFor();
		for (let screens = 0; ; screens++) {
			const groups = mentor.getByTestId('observation-screen').getByRole('radiogroup');
			const n = await groups.count();
			for (let i = 0; i < n; i++)
				await groups.nth(i).getByRole('radio', { name: 'Проявляется в основном', exact: true }).click();
			if (await mentor.getByTestId('wrap-up').count()) break;
			await mentor.getByRole('button', { name: 'Далее' }).click();
			expect(screens).toBeLessThan(20);
		}
		await mentor.getByRole('button', { name: 'Завершить' }).click();
		await mentor.getByText('Посещение завершено, протокол передан педагогу').first().waitFor();
		expect(await overflowing(mentor)).toEqual([]);

		// Nothing reached the server while offline.
		const onServer = await db.query('select count(*)::int as n from public.observations');
		expect(onServer.rows[0].n).toBe(0);
	});

	it('after reconnecting both converge: the observation on the teacher’s phone, the action on the mentor’s desk', async () => {
		await teacher.context().setOffline(false);
		await mentor.context().setOffline(false);
		await expect.poll(() => chip(teacher), { timeout: 30_000 }).toBe('Всё сохранено на сервере');
		await expect.poll(() => chip(mentor), { timeout: 30_000 }).toBe('Всё сохранено на сервере');
		const server = await db.query(
			'select (select count(*)::int from public.observations) as o, (select count(*)::int from public.plan_actions where title = $1) as a',
			[ACTION_TITLE]
		);
		expect(server.rows[0]).toEqual({ o: 1, a: 1 });

		// A fresh start syncs again, so each phone also receives what the other sent after its own sync.
		await teacher.goto(`${app.url}/teacher/observations`);
		await teacher
			.getByRole('link', { name: new RegExp(MENTOR.name.split(' ')[0]!) })
			.first()
			.waitFor({ timeout: 30_000 });
		await mentor.goto(`${app.url}/mentor`);
		await mentor
			.locator('section')
			.filter({ hasText: TEACHER.name })
			.getByText(ACTION_TITLE)
			.first()
			.waitFor({ timeout: 30_000 });
		expect(await overflowing(teacher)).toEqual([]);
		await teacher.goto(`${app.url}/sync`);
		await expect.poll(() => chip(teacher), { timeout: 30_000 }).toBe('Всё сохранено на сервере');
		await shot(teacher, 'sync-saved');
		expect(await overflowing(teacher)).toEqual([]);
	});

	it('ending the pair removes the teacher’s plan from the mentor’s phone', async () => {
		expect(
			(await localRows(mentor, mentorUser, 'plan_actions')).filter((r) => r.teacherId === teacherProfile).length
		).toBeGreaterThan(0);
		await db.query(
			`update public.mentoring_pairs set status = 'completed', end_date = current_date - 1 where id = $1`,
			[pairId]
		);
		await mentor.goto(`${app.url}/mentor`);
		await expect
			.poll(
				async () =>
					(await localRows(mentor, mentorUser, 'development_plans')).filter((r) => r.teacherId === teacherProfile)
						.length,
				{ timeout: 30_000 }
			)
			.toBe(0);
		expect((await localRows(mentor, mentorUser, 'plan_actions')).filter((r) => r.teacherId === teacherProfile)).toEqual(
			[]
		);
		expect((await localRows(mentor, mentorUser, 'deficits')).filter((r) => r.teacherId === teacherProfile)).toEqual([]);
		await expect.poll(() => mentor.getByText(ACTION_TITLE).count()).toBe(0);
	});
});
