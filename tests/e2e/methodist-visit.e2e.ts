import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { ensureBuild } from '../../scripts/lib/build.mjs';
import { serve as serveBuild } from '../../scripts/lib/server.mjs';
import { applyFiles, migrationFiles, startCluster, withDatabase } from '../db/global-setup';
import { build, id, signUp } from '../db/actors';
import { insertRow } from '../db/cluster';
import { startSupabaseDouble, type SupabaseDouble } from '../support/supabase-double';
import { seriousViolations } from './axe';
import { launch } from './chromium';
import { overflowing } from './layout';
import { isA4, readPdf } from './pdf';

/**
 * Issue 17, item 2 (browser test c) and item 3, against the real schema, RLS and sync functions:
 * the school methodist records a QUICK lesson visit of a teacher who is nobody's mentee, from the
 * teacher's drill-down; turns a recommendation into an action of the teacher's ИОМ (which the
 * teacher did not have yet); syncs; the teacher's phone syncs and finds the action in her plan
 * and the protocol among her observed lessons. Then the methodist opens and prints the final
 * report of a pair that ended ten days ago.
 */
const TEACHER = { name: 'Одинокова Вера Павловна', email: 'odinokova@school1.test' };
const METHODIST = { name: 'Методистова Елена Викторовна', email: 'metodistova@school1.test' };
const MENTOR = { name: 'Наставников Пётр Андреевич', email: 'nastavnikov@school1.test' };
const MENTEE = { name: 'Молодцова Анна Игоревна', email: 'molodtsova@school1.test' };
const ACTION_TITLE = 'Формулировать цель урока вместе с классом';
const PASSWORD = 'password';
const SHOTS = process.env.SHOT_DIR ?? `${process.env.E2E_TMP ?? '.tmp'}/e2e-shots`;
// The browser's clock: DEMO_DATE under `npm run screenshots` (scripts/lib/browser.mjs), else now.
// The pair's dates are counted from it, so the pair has ended on the device's calendar either way.
const NOW = process.env.DEMO_DATE ? new Date(process.env.DEMO_DATE).getTime() : Date.now();
const day = (days: number) => new Date(NOW + days * 86_400_000).toISOString().slice(0, 10);

let stopCluster: () => Promise<void>;
let db: pg.Pool;
let double: SupabaseDouble;
let app: Awaited<ReturnType<typeof serveBuild>>;
let buildDir: string;
const contexts: BrowserContext[] = [];
let methodist: Page;
let teacher: Page;
let teacherProfile: string;
let endedPair: string;

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
	const methodistProfile = id();
	const mentorProfile = id();
	const menteeProfile = id();
	const people: [string, typeof TEACHER, [string, string][]][] = [
		[teacherProfile, TEACHER, [['teacher', school]]],
		[methodistProfile, METHODIST, [['school_methodist', school]]],
		[
			mentorProfile,
			MENTOR,
			[
				['teacher', school],
				['mentor', school]
			]
		],
		[menteeProfile, MENTEE, [['teacher', school]]]
	];
	for (const [profileId, person, roles] of people) {
		await insertRow(
			pool,
			'profiles',
			build.profile({
				id: profileId,
				full_name: person.name,
				email: person.email,
				school_id: school,
				subjects: ['история']
			})
		);
		for (const [role, org] of roles)
			await insertRow(pool, 'memberships', build.membership({ profile_id: profileId, organization_id: org, role }));
		await signUp(pool, person.email);
	}
	// A pair that ended ten days ago: the mentor no longer reads the mentee's records.
	endedPair = id();
	await insertRow(
		pool,
		'mentoring_pairs',
		build.pair({
			id: endedPair,
			school_id: school,
			mentor_id: mentorProfile,
			mentee_id: menteeProfile,
			start_date: day(-200),
			end_date: day(-10),
			status: 'completed',
			goals: 'Адаптация молодого специалиста в коллективе',
			planned_meetings: [{ date: day(-150), topic: 'Разбор урока' }]
		})
	);
	await insertRow(
		pool,
		'mentoring_sessions',
		build.session({
			pair_id: endedPair,
			mentor_id: mentorProfile,
			mentee_id: menteeProfile,
			date: day(-149),
			duration_minutes: 60
		})
	);
}

async function browser(phone: boolean): Promise<Page> {
	const context = await launch({ phone });
	contexts.push(context);
	const page = context.pages()[0] ?? (await context.newPage());
	if (!phone) await page.setViewportSize({ width: 1366, height: 768 });
	return page;
}

async function signIn(page: Page, email: string, home: string, ready: (page: Page) => Locator): Promise<void> {
	await page.goto(`${app.url}/signin`);
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Пароль').fill(PASSWORD);
	await page.getByRole('button', { name: 'Войти', exact: true }).click();
	await page.getByText('Вы вошли', { exact: false }).first().waitFor();
	await page.goto(`${app.url}${home}`);
	await ready(page).first().waitFor({ timeout: 30_000 });
}

async function chip(page: Page): Promise<string> {
	return (await page.getByTestId('sync-chip').textContent())?.trim() ?? '';
}

async function shot(page: Page, name: string): Promise<void> {
	mkdirSync(SHOTS, { recursive: true });
	await page.screenshot({ path: join(SHOTS, `${name}.png`) });
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
	buildDir = mkdtempSync(join(process.env.E2E_TMP ?? '.tmp', 'build-visit-'));
	ensureBuild(false, {
		outDir: buildDir,
		env: { PUBLIC_SUPABASE_URL: double.url, PUBLIC_SUPABASE_ANON_KEY: 'e2e-anon-key' }
	});
	app = await serveBuild(buildDir, { copy: false });
	methodist = await browser(false);
	teacher = await browser(true);
}, 300_000);

afterAll(async () => {
	for (const context of contexts) await context.close();
	await app?.stop();
	await double?.close();
	await db?.end();
	await stopCluster?.();
	if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

describe('the school methodist’s lesson visit', () => {
	it('starts from the teacher’s drill-down, which shows no plan yet, with the teacher chosen', async () => {
		await signIn(methodist, METHODIST.email, '/methodist', (p) => p.getByRole('link', { name: TEACHER.name }));
		await methodist.goto(`${app.url}/methodist/teacher/${teacherProfile}`);
		await methodist.getByRole('heading', { level: 1, name: TEACHER.name }).waitFor({ timeout: 30_000 });
		await methodist.getByTestId('teacher-plan-none').waitFor();
		await methodist.getByTestId('record-visit').click();
		await methodist.waitForURL('**/methodist/visits?teacher=*');
		const form = methodist.getByTestId('new-observation');
		const whom = form.getByLabel(/^Педагог/);
		await expect.poll(() => whom.inputValue()).toBe(teacherProfile);
		// Any teacher of the school, not only a mentor's mentees: no «Мои наставляемые» group.
		expect(await whom.locator('optgroup').count()).toBe(1);
		await form.getByLabel('Быстрый режим').check();
		await form.getByRole('button', { name: 'Начать посещение' }).click();
		await methodist.getByTestId('observation-screen').first().waitFor();
		await shot(methodist, 'methodist-visit');
		expect(await seriousViolations(methodist)).toEqual([]);
		expect(await overflowing(methodist)).toEqual([]);
	});

	it('hands the quick protocol over and turns a recommendation into an action of the teacher’s plan', async () => {
		for (let screens = 0; ; screens++) {
			const groups = methodist.getByTestId('observation-screen').getByRole('radiogroup');
			const n = await groups.count();
			for (let i = 0; i < n; i++)
				await groups
					.nth(i)
					.getByRole('radio', {
						name: i === 0 && screens === 0 ? 'Проявляется частично' : 'Проявляется в основном',
						exact: true
					})
					.click();
			if (await methodist.getByTestId('wrap-up').count()) break;
			await methodist.getByRole('button', { name: 'Далее' }).click();
			expect(screens).toBeLessThan(20);
		}
		await methodist.getByTestId('suggestions').getByRole('button').first().click();
		await methodist
			.getByTestId('suggestions')
			.getByLabel(/Формулировка рекомендации/)
			.waitFor();
		await methodist.getByRole('button', { name: 'Завершить' }).click();
		await methodist.getByText('Посещение завершено, протокол передан педагогу').first().waitFor();

		const rec = methodist.getByTestId('recommendation').first();
		await rec.getByRole('button', { name: 'Добавить в ИОМ' }).click();
		const add = rec.getByTestId('recommendation-action-form');
		await add.getByLabel(/Мероприятие в ИОМ/).fill(ACTION_TITLE);
		await add.getByRole('button', { name: 'Добавить в ИОМ' }).click();
		await methodist.getByText('Мероприятие добавлено в ИОМ педагога').first().waitFor();
		await rec.getByRole('button', { name: 'Добавлено в ИОМ' }).waitFor();

		await expect.poll(() => chip(methodist), { timeout: 30_000 }).toBe('Всё сохранено на сервере');
		const server = await db.query(
			`select o.observer_role, o.status, a.title, a.status as action_status, p.teacher_id = $1 as plan_of_teacher
			   from public.observations o
			   join public.plan_actions a on a.source_observation_id = o.id
			   join public.development_plans p on p.id = a.plan_id
			  where o.teacher_id = $1`,
			[teacherProfile]
		);
		expect(server.rows).toEqual([
			{
				observer_role: 'methodist',
				status: 'submitted',
				title: ACTION_TITLE,
				action_status: 'planned',
				plan_of_teacher: true
			}
		]);
		// Nothing was refused on the way.
		const refused = await db.query(`select count(*)::int as n from public.sync_ledger where status <> 'applied'`);
		expect(refused.rows[0].n).toBe(0);
	});

	it('shows the visit and the new action on the drill-down', async () => {
		await methodist.goto(`${app.url}/methodist/teacher/${teacherProfile}`);
		await methodist.getByTestId('plan-actions').getByText(ACTION_TITLE).waitFor({ timeout: 30_000 });
		await methodist.getByTestId('teacher-protocols').getByText(METHODIST.name).waitFor();
		// The plan she made is not sent for approval: no «Согласовать ИОМ» yet, its state says so.
		await methodist.getByTestId('teacher-plan').getByText('Не отправлен на согласование').waitFor();
		expect(await methodist.getByTestId('approve-plan').count()).toBe(0);
		// The picture shows what issue 17 added: the plan, the protocols and the activities.
		await methodist.getByTestId('teacher-plan').evaluate((el) => {
			el.closest('section')?.scrollIntoView({ block: 'start' });
			window.scrollBy(0, -64);
		});
		await shot(methodist, 'methodist-drilldown');
		expect(await seriousViolations(methodist)).toEqual([]);
		expect(await overflowing(methodist)).toEqual([]);
	});

	it('reaches the teacher’s phone: the action in her plan, the protocol among her observed lessons', async () => {
		await signIn(teacher, TEACHER.email, '/teacher/plan', (p) =>
			p.getByTestId('plan-action').filter({ hasText: ACTION_TITLE })
		);
		await teacher.getByTestId('plan-action').filter({ hasText: ACTION_TITLE }).waitFor();
		await teacher.goto(`${app.url}/teacher/observations`);
		// Named by the observer's role: a teacher's device holds no profile of the school's methodist.
		const visit = teacher.getByRole('link', { name: /^Методист / }).first();
		await visit.waitFor({ timeout: 30_000 });
		expect(await visit.textContent()).not.toContain('не найден');
		expect(await overflowing(teacher)).toEqual([]);
	});
});

describe('the final report of an ended pair', () => {
	it('is reachable from the pair’s page and prints on A4 for the methodist', async () => {
		await methodist.goto(`${app.url}/methodist/mentoring/${endedPair}`);
		await methodist.getByTestId('pair-final-report').click();
		await methodist.waitForURL(`**/methodist/mentoring/${endedPair}/print?report`);
		await methodist
			.getByRole('heading', { level: 1, name: 'Отчёт о реализации программы наставничества' })
			.waitFor({ timeout: 30_000 });
		expect(await methodist.getByTestId('sessions-summary').textContent()).toContain('Всего 1 встреча');
		expect(await methodist.getByTestId('meetings-summary').textContent()).toContain('проведено: 1');
		expect(await seriousViolations(methodist)).toEqual([]);
		const pdf = await methodist.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
		const out = join(process.env.E2E_TMP ?? '.tmp', 'methodist-visit');
		mkdirSync(out, { recursive: true });
		writeFileSync(join(out, 'pair-final-report.pdf'), pdf);
		const pages = readPdf(pdf);
		expect(pages.every(isA4)).toBe(true);
		const words = pages.flatMap((p) => p.words.map((w) => w.text)).join(' ');
		expect(words).toContain('Отчёт о реализации программы наставничества');
		expect(words).toContain(MENTEE.name.split(' ')[0]!);
		// The report starts on the first sheet: nothing of the screen around it is printed.
		expect(pages[0]!.words.map((w) => w.text).join(' ')).toContain('Отчёт о реализации');
		expect(words).not.toContain('Печать');
		expect(words).not.toContain('на согласовании');
		// For looking at it: pages rendered to PNG.
		execFileSync('pdftoppm', ['-png', '-r', '60', join(out, 'pair-final-report.pdf'), join(out, 'pair-final-report')]);
	});
});
