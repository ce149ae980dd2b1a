import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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
 * Issue 17 (a): ИОМ approval across two devices against the real schema, RLS and sync functions
 * (only Supabase's HTTP front is the double, tests/support/supabase-double.ts). The teacher, on
 * her phone with no network, sends her plan for approval; back online it syncs; the school
 * methodist, on a PC, finds it in her queue and approves it; the teacher's phone shows
 * «Согласовано: ФИО, дата» after its next sync.
 */
const TEACHER = { name: 'Соколова Дарья Андреевна', email: 'sokolova@school2.test' };
const METHODIST = { name: 'Зорина Ольга Павловна', email: 'zorina@school2.test' };
const ACTION = 'Курсы ПК «Формирующее оценивание на уроках математики»';
const PASSWORD = 'password';
const SHOTS = process.env.SHOT_DIR ?? join(process.env.E2E_TMP ?? '.tmp', 'e2e-shots');

let stopCluster: () => Promise<void>;
let db: pg.Pool;
let double: SupabaseDouble;
let app: Awaited<ReturnType<typeof serveBuild>>;
let buildDir: string;
const contexts: BrowserContext[] = [];
let teacher: Page;
let methodist: Page;
let planId: string;

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
		build.organization({ id: school, name: 'МБОУ СОШ № 2', parent_id: municipality })
	);
	const teacherProfile = id();
	const methodistProfile = id();
	for (const [profileId, person, role] of [
		[teacherProfile, TEACHER, 'teacher'],
		[methodistProfile, METHODIST, 'school_methodist']
	] as const) {
		await insertRow(
			pool,
			'profiles',
			build.profile({ id: profileId, full_name: person.name, email: person.email, school_id: school })
		);
		await insertRow(pool, 'memberships', build.membership({ profile_id: profileId, organization_id: school, role }));
		await signUp(pool, person.email);
	}
	// Her plan of this academic year, with one action, not yet sent.
	const now = new Date();
	const year = now.getMonth() >= 8 ? now.getFullYear() : now.getFullYear() - 1;
	planId = id();
	await insertRow(
		pool,
		'development_plans',
		build.plan({ id: planId, teacher_id: teacherProfile, academic_year: year, goals: 'Освоить формирующее оценивание' })
	);
	await insertRow(
		pool,
		'plan_actions',
		build.action({ plan_id: planId, teacher_id: teacherProfile, title: ACTION, deadline: `${year}-12-20` })
	);
}

async function browser(options: { phone: boolean; deviceScaleFactor?: number }): Promise<Page> {
	const context = await launch(options);
	contexts.push(context);
	return context.pages()[0] ?? (await context.newPage());
}

async function signIn(page: Page, email: string, home: string, ready: string | RegExp): Promise<void> {
	await page.goto(`${app.url}/signin`);
	// The service worker takes the page over first, so the teacher can reload offline.
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
	// Visible text only: the name is also in the recommendations' teacher select (a hidden <option>),
	// which comes first in the page.
	await page.getByText(ready).filter({ visible: true }).first().waitFor({ timeout: 30_000 });
}

async function chip(page: Page): Promise<string> {
	return (await page.getByTestId('sync-chip').textContent())?.trim() ?? '';
}

async function onServer(): Promise<Record<string, unknown>> {
	return (
		await db.query(
			`select approval_status, approver_name, approved_at is not null as dated from public.development_plans where id = $1`,
			[planId]
		)
	).rows[0];
}

/** The «notice» toasts are not part of the screens being documented. */
async function hideNotices(page: Page): Promise<void> {
	for (const close of await page.getByRole('button', { name: 'Скрыть' }).all()) await close.click().catch(() => {});
}

beforeAll(async () => {
	mkdirSync(SHOTS, { recursive: true });
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
	buildDir = mkdtempSync(join(process.env.E2E_TMP ?? '.tmp', 'build-approval-'));
	ensureBuild(false, {
		outDir: buildDir,
		env: { PUBLIC_SUPABASE_URL: double.url, PUBLIC_SUPABASE_ANON_KEY: 'e2e-anon-key' }
	});
	app = await serveBuild(buildDir, { copy: false });
	// 360×640 at one pixel per point, as the other phone pictures in docs/screenshots.
	teacher = await browser({ phone: true, deviceScaleFactor: 1 });
	methodist = await browser({ phone: false });
}, 300_000);

afterAll(async () => {
	for (const context of contexts) await context.close();
	await app?.stop();
	await double?.close();
	await db?.end();
	await stopCluster?.();
	if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

describe('ИОМ approval on two devices', () => {
	it('the teacher, offline on her phone, sends her plan; it waits on the phone and reaches the server once she is online', async () => {
		await signIn(teacher, TEACHER.email, '/teacher/plan', ACTION);
		await expect.poll(() => chip(teacher), { timeout: 30_000 }).toBe('Всё сохранено на сервере');
		const state = teacher.getByTestId('approval-state');
		expect(await state.getAttribute('data-status')).toBe('not_submitted');

		await teacher.context().setOffline(true);
		await teacher.getByRole('button', { name: 'Отправить на согласование' }).click();
		await expect.poll(() => state.getAttribute('data-status')).toBe('submitted');
		expect(await state.textContent()).toContain('На согласовании');
		await expect.poll(() => chip(teacher)).toMatch(/Не отправлено|Нет сети/);
		// A reload offline keeps it: the state is in the phone's database, not in the page.
		await teacher.reload();
		await expect.poll(() => teacher.getByTestId('approval-state').getAttribute('data-status')).toBe('submitted');
		expect(await onServer()).toMatchObject({ approval_status: 'not_submitted' });
		expect(await overflowing(teacher)).toEqual([]);

		await teacher.context().setOffline(false);
		await expect.poll(onServer, { timeout: 30_000 }).toMatchObject({ approval_status: 'submitted' });
		await expect.poll(() => chip(teacher), { timeout: 30_000 }).toBe('Всё сохранено на сервере');
	});

	it('the methodist finds it in her queue, with the count in the section’s link, and approves it', async () => {
		await signIn(methodist, METHODIST.email, '/methodist', TEACHER.name);
		await methodist.setViewportSize({ width: 1366, height: 768 });
		const link = methodist.getByTestId('approvals-link');
		await expect
			.poll(async () => (await link.textContent())?.replace(/\s+/g, ' ').trim(), { timeout: 30_000 })
			.toBe('ИОМ на согласовании 1');
		await link.click();
		await methodist.waitForURL('**/methodist/approvals');
		const item = methodist.getByTestId('approval-item').filter({ hasText: TEACHER.name });
		await item.waitFor();
		expect(await item.textContent()).toMatch(/Отправлен \d{1,2} [а-я]+ \d{4}/);
		await hideNotices(methodist);
		await methodist.screenshot({ path: join(SHOTS, 'plan-approval-queue.png') });
		expect(await seriousViolations(methodist)).toEqual([]);

		await item.getByRole('link', { name: 'Открыть' }).click();
		await methodist.getByTestId('approval-review').waitFor();
		await methodist.getByText(ACTION).waitFor();
		expect(await methodist.getByText('Освоить формирующее оценивание').count()).toBe(1);
		// A return needs a comment: pressing without one writes nothing.
		await methodist.getByRole('button', { name: 'Вернуть на доработку' }).click();
		await methodist.getByText('Напишите, что доработать').waitFor();
		expect(await seriousViolations(methodist)).toEqual([]);

		await methodist.getByRole('button', { name: 'Согласовать' }).click();
		await methodist.waitForURL('**/methodist/approvals');
		await methodist.getByText('Нет планов, ожидающих согласования.').waitFor();
		await expect
			.poll(onServer, { timeout: 30_000 })
			.toMatchObject({ approval_status: 'approved', approver_name: METHODIST.name, dated: true });
	});

	it('the teacher’s phone shows «Согласовано: ФИО, дата» after its next sync, and so does the printed ИОМ', async () => {
		await teacher.goto(`${app.url}/teacher/plan`);
		const state = teacher.getByTestId('approval-state');
		await expect.poll(() => state.getAttribute('data-status'), { timeout: 30_000 }).toBe('approved');
		const line = teacher.getByTestId('approval-line');
		expect(await line.textContent()).toMatch(new RegExp(`^Согласовано: ${METHODIST.name}, \\d{1,2} [а-я]+ \\d{4}`));
		expect(await teacher.getByRole('button', { name: 'Отправить на согласование' }).count()).toBe(0);
		expect(await overflowing(teacher)).toEqual([]);
		expect(await seriousViolations(teacher)).toEqual([]);
		await hideNotices(teacher);
		await teacher.evaluate(() => window.scrollTo(0, 0));
		await teacher.screenshot({ path: join(SHOTS, 'plan-approval-teacher.png') });

		await teacher.goto(`${app.url}/teacher/plan/print`);
		const printed = teacher.getByTestId('print-approval');
		await printed.waitFor();
		expect(await printed.textContent()).toContain(`Согласовано: ${METHODIST.name}`);
	});
});
