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
import { academicYearOf } from '../../src/lib/domain/academic-year';
import { seriousViolations } from './axe';
import { launch } from './chromium';
import { overflowing } from './layout';

/**
 * Issue 16: a region run without SQL. The administrator — made by the bootstrap command, nothing
 * else on the server but the region — creates a municipality and a school with its time zone and
 * flags, invites a municipal methodist, a school methodist and a teacher, publishes a new version
 * of the framework with one indicator reworded, sets the monitoring windows and a target. The
 * teacher then takes her self-assessment against the new version, and the school methodist's
 * dashboard shows it. Everything the administrator does goes through the device and sync_push
 * (row-level security decides), and is checked on the server.
 */
const PASSWORD = 'password';
const ADMIN = { name: 'Администраторова Ольга Игоревна', email: 'admin@region.test' };
const MUNICIPAL = { name: 'Муниципалова Ирина Павловна', email: 'munitsipalova@region.test' };
const METHODIST = { name: 'Методистова Елена Сергеевна', email: 'metodistova@region.test' };
const TEACHER = { name: 'Учителева Мария Андреевна', email: 'uchiteleva@region.test' };
const MUNICIPALITY = 'Заречный муниципальный округ';
const SCHOOL = 'МБОУ «Заречная средняя школа № 2»';
const REWORDED = 'Формулирует цели урока вместе с учениками и проверяет их достижение в конце урока';
const SHOTS = process.env.SHOT_DIR ?? join(process.env.E2E_TMP ?? '.tmp', 'admin-console-shots');
const YEAR = academicYearOf(new Date().toISOString().slice(0, 10));

let stopCluster: () => Promise<void>;
let db: pg.Pool;
let double: SupabaseDouble;
let app: Awaited<ReturnType<typeof serveBuild>>;
let buildDir: string;
let context: BrowserContext;
let page: Page;
let region: string;

async function shot(name: string): Promise<void> {
	await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

async function signIn(email: string): Promise<void> {
	await page.goto(`${app.url}/signin`);
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Пароль').fill(PASSWORD);
	await page.getByRole('button', { name: 'Войти', exact: true }).click();
	await page.getByText('Вы вошли', { exact: false }).first().waitFor({ timeout: 30_000 });
}

/** A fresh browser for the next person (as on their own PC or phone). */
async function asPerson(phone: boolean): Promise<void> {
	await context?.close();
	context = await launch({ phone: !phone ? false : undefined });
	page = context.pages()[0] ?? (await context.newPage());
	if (!phone) await page.setViewportSize({ width: 1366, height: 768 });
}

/** What the server holds: the device's «saved» chip may still describe an earlier push. */
async function onServer(sql: string, params: unknown[] = []): Promise<unknown[]> {
	return (await db.query(sql, params)).rows;
}
const SERVER = { timeout: 30_000 };

async function one<T>(sql: string, params: unknown[] = []): Promise<T | undefined> {
	return (await db.query(sql, params)).rows[0] as T | undefined;
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
	region = id();
	await insertRow(
		db,
		'organizations',
		build.organization({ id: region, kind: 'region', name: 'Заречная область', time_zone: 'Europe/Moscow' })
	);
	// The first administrator, as the README makes her (npm run admin:create calls the same function).
	await db.query('select private.bootstrap_admin($1, $2)', [ADMIN.email, ADMIN.name]);
	await signUp(db, ADMIN.email);
	double = await startSupabaseDouble({ databaseUrl: url });
	buildDir = mkdtempSync(join(process.env.E2E_TMP ?? '.tmp', 'build-admin-'));
	ensureBuild(false, {
		outDir: buildDir,
		env: { PUBLIC_SUPABASE_URL: double.url, PUBLIC_SUPABASE_ANON_KEY: 'e2e-anon-key' }
	});
	app = await serveBuild(buildDir, { copy: false });
	await asPerson(false);
}, 300_000);

afterAll(async () => {
	await context?.close();
	await app?.stop();
	await double?.close();
	await db?.end();
	await stopCluster?.();
	if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

const SCALE = [
	'Не проявляется',
	'Проявляется частично',
	'Проявляется в основном',
	'Проявляется в полной мере'
] as const;

async function synced(): Promise<void> {
	await expect
		.poll(async () => (await page.getByTestId('sync-chip').textContent())?.trim(), { timeout: 30_000 })
		.toBe('Всё сохранено на сервере');
}

/** What a person sees on an admin screen: no serious or critical axe violation, nothing cut at the sides. */
async function looksRight(name: string, fullPage = true): Promise<void> {
	expect(await seriousViolations(page)).toEqual([]);
	expect(await overflowing(page)).toEqual([]);
	await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

/** The administrator's invitation form: a person, an organisation, a role. */
async function invite(person: { name: string; email: string }, organization: string, role: string): Promise<void> {
	const card = page.getByRole('region', { name: 'Пригласить по e-mail' });
	await card.getByRole('combobox', { name: /^Организация/ }).selectOption({ label: organization });
	await card.getByRole('combobox', { name: /^Роль в организации/ }).selectOption({ label: role });
	await card.getByRole('textbox', { name: /^ФИО/ }).fill(person.name);
	await card.getByRole('textbox', { name: /^E-mail/ }).fill(person.email);
	await card.getByRole('textbox', { name: /^Должность/ }).fill(role === 'Педагог' ? 'учитель математики' : 'методист');
	await card.getByRole('textbox', { name: /^Год рождения/ }).fill('1985');
	await card.getByRole('textbox', { name: /^Педагогический стаж/ }).fill('12');
	await card.getByRole('button', { name: 'Пригласить', exact: true }).click();
	await page.getByText(`${person.name}: приглашение сохранено`, { exact: false }).first().waitFor();
}

describe('the administrator runs a region without SQL', () => {
	let municipality: string;
	let school: string;
	let v2: string;

	it('creates a municipality and a school with its time zone and flags', async () => {
		await signIn(ADMIN.email);
		await page.goto(`${app.url}/admin`);
		await page.getByRole('heading', { level: 1, name: 'Администрирование' }).waitFor();
		await page.getByText('1 регион').waitFor({ timeout: 30_000 });
		await looksRight('admin-overview');

		await page.getByRole('link', { name: 'Открыть структуру' }).click();
		await page.getByRole('heading', { level: 1, name: 'Организации' }).waitFor();
		await page.getByRole('button', { name: 'Регион Заречная область' }).click();
		await page.getByRole('button', { name: 'Добавить муниципалитет' }).click();
		await page.getByRole('textbox', { name: /^Полное наименование/ }).fill(MUNICIPALITY);
		await page.getByRole('button', { name: 'Добавить', exact: true }).click();
		await page.getByText(`Добавлено: ${MUNICIPALITY}`).first().waitFor();

		await page.getByRole('button', { name: 'Добавить школу' }).click();
		await page.getByRole('textbox', { name: /^Полное наименование/ }).fill(SCHOOL);
		await page.getByRole('textbox', { name: /^Краткое наименование/ }).fill('Заречная СШ № 2');
		await page.getByRole('checkbox', { name: /^ШНОР/ }).check();
		await page.getByRole('checkbox', { name: /«500\+»/ }).check();
		await page.getByRole('combobox', { name: /^Часовой пояс/ }).selectOption('Asia/Yekaterinburg');
		await page.getByRole('button', { name: 'Добавить', exact: true }).click();
		await page.getByText(`Добавлено: ${SCHOOL}`).first().waitFor();
		await looksRight('admin-organizations');

		await expect
			.poll(
				async () =>
					onServer(
						`select o.name, o.kind, p.name as parent, o.time_zone, o.low_results, o.adverse_conditions, o.program500
				 from public.organizations o left join public.organizations p on p.id = o.parent_id
				 where o.kind in ('municipality', 'school') order by o.kind`
					),
				SERVER
			)
			.toEqual([
				{
					name: MUNICIPALITY,
					kind: 'municipality',
					parent: 'Заречная область',
					time_zone: null,
					low_results: false,
					adverse_conditions: false,
					program500: false
				},
				{
					name: SCHOOL,
					kind: 'school',
					parent: MUNICIPALITY,
					time_zone: 'Asia/Yekaterinburg',
					low_results: true,
					adverse_conditions: false,
					program500: true
				}
			]);
		municipality = (await one<{ id: string }>(`select id from public.organizations where name = $1`, [MUNICIPALITY]))!
			.id;
		school = (await one<{ id: string }>(`select id from public.organizations where name = $1`, [SCHOOL]))!.id;
	}, 120_000);

	it('invites a municipal methodist, a school methodist and a teacher; each change is in the audit log', async () => {
		await page.goto(`${app.url}/admin`);
		await page.getByRole('link', { name: 'Люди и приглашения' }).click();
		await page.getByRole('heading', { level: 1, name: 'Люди и роли' }).waitFor();
		await invite(MUNICIPAL, `${MUNICIPALITY} (Заречная область)`, 'Муниципальный методист');
		await invite(METHODIST, `${SCHOOL} (${MUNICIPALITY})`, 'Методист ОО');
		await invite(TEACHER, `${SCHOOL} (${MUNICIPALITY})`, 'Педагог');
		await expect
			.poll(
				async () =>
					onServer(
						`select p.full_name, m.role, m.organization_id from public.memberships m join public.profiles p on p.id = m.profile_id
				 where m.deleted_at is null and m.role <> 'admin' order by p.full_name`
					),
				SERVER
			)
			.toEqual(
				[
					{ full_name: METHODIST.name, role: 'school_methodist', organization_id: school },
					{ full_name: MUNICIPAL.name, role: 'municipal_methodist', organization_id: municipality },
					{ full_name: TEACHER.name, role: 'teacher', organization_id: school }
				].sort((a, b) => a.full_name.localeCompare(b.full_name))
			);
		// Pending until they sign in, each with the resend and withdraw actions.
		const pending = page.getByRole('region', { name: 'Приглашения, ожидающие входа' });
		await pending.getByRole('button', { name: 'Обновить список' }).click();
		await pending.getByText(TEACHER.name).waitFor();
		await looksRight('admin-people');

		const audit = await db.query(
			`select a.action, a.role, p.full_name, actor.full_name as actor from public.audit_log a
			 join public.profiles p on p.id = a.profile_id left join public.profiles actor on actor.id = a.actor_profile_id
			 where a.role <> 'admin' order by p.full_name`
		);
		expect(audit.rows.map((r) => [r.full_name, r.role, r.actor])).toEqual(
			[
				[METHODIST.name, 'school_methodist', ADMIN.name],
				[MUNICIPAL.name, 'municipal_methodist', ADMIN.name],
				[TEACHER.name, 'teacher', ADMIN.name]
			].sort((a, b) => a[0]!.localeCompare(b[0]!))
		);
		await page.getByRole('link', { name: 'Журнал изменений ролей' }).click();
		const entries = page.getByTestId('audit-entries');
		await entries.getByText(TEACHER.name, { exact: false }).first().waitFor();
		expect(await entries.textContent()).toContain(MUNICIPAL.name);
		await looksRight('admin-audit');
	}, 120_000);

	it('publishes a new framework version with one reworded indicator, for this academic year', async () => {
		await page.goto(`${app.url}/admin`);
		await page.getByRole('link', { name: 'Версии рамок' }).click();
		await page.getByRole('heading', { level: 1, name: 'Рамки компетенций' }).waitFor();
		await page.getByRole('button', { name: 'Создать черновик' }).first().click();
		const indicator = page.getByRole('textbox', { name: 'Целеполагание — индикатор 1' });
		await indicator.waitFor();
		await indicator.fill(REWORDED);
		await page
			.getByRole('combobox', { name: /^Действует с учебного года/ })
			.selectOption({ label: `${YEAR}/${YEAR + 1}` });
		await expect
			.poll(() => page.getByTestId('draft-save-state').textContent())
			.toContain('Все изменения сохранены в черновике');
		await expect.poll(() => page.getByTestId('framework-diff').textContent()).toContain(REWORDED);
		// The editor runs to a dozen screens: the picture shows its top, and the changes before publishing.
		await looksRight('admin-framework-draft', false);
		await page.getByTestId('framework-diff').scrollIntoViewIfNeeded();
		await shot('admin-framework-diff');
		await page.getByRole('button', { name: 'Опубликовать', exact: true }).click();
		// For the year under way the administrator is told what it costs (growth pairs one version).
		await page.getByTestId('publish-midyear').waitFor();
		await page.getByRole('button', { name: 'Да, опубликовать' }).click();
		await page.getByText('Версия 2 опубликована', { exact: false }).first().waitFor();
		// The chip may still say what it said of the draft: the server's row is what counts.
		await expect
			.poll(
				async () => (await one<{ status: string }>(`select status from public.frameworks where revision = 2`))?.status,
				{
					timeout: 30_000
				}
			)
			.toBe('published');
		const published = await one<{ id: string; status: string; academic_year: number; text: string }>(
			`select f.id, f.status, f.academic_year, f.competencies -> 0 -> 'indicators' -> 0 ->> 'text' as text
			 from public.frameworks f where f.revision = 2`
		);
		expect(published).toMatchObject({ status: 'published', academic_year: YEAR, text: REWORDED });
		v2 = published!.id;
		// Published means fixed: even its author cannot change it any more.
		const refused = await db
			.query(`update public.frameworks set title = 'Другое' where id = $1`, [v2])
			.catch((e: Error) => e);
		expect(refused).toBeInstanceOf(Error);
	}, 120_000);

	it('sets the entry monitoring window of the region and a target for the school', async () => {
		await page.goto(`${app.url}/admin`);
		await page.getByRole('link', { name: 'Открыть настройки' }).click();
		// The region's settings live on the server only: read, changed and written back there.
		const settings = page.getByRole('region', { name: 'Настройки региона' });
		await settings.getByRole('textbox', { name: /^Порог прироста/ }).fill('0,3');
		await settings.getByRole('textbox', { name: /^Минимальный размер группы/ }).fill('4');
		await settings.getByRole('button', { name: 'Сохранить настройки' }).click();
		await settings
			.getByText('группа меньше пяти педагогов позволила бы узнать данные одного человека', { exact: false })
			.waitFor();
		expect(await onServer(`select 1 from public.region_settings`)).toEqual([]);
		await settings.getByRole('textbox', { name: /^Минимальный размер группы/ }).fill('6');
		await settings.getByRole('button', { name: 'Сохранить настройки' }).click();
		await page.getByText('Настройки региона «Заречная область» сохранены на сервере.').first().waitFor();
		expect(
			await onServer(
				`select growth_threshold::float8 as threshold, min_group_size from public.region_settings where region_id = $1`,
				[region]
			)
		).toEqual([{ threshold: 0.3, min_group_size: 6 }]);

		const windows = page.getByRole('region', { name: 'Окна мониторинга' });
		await windows.waitFor();
		await windows
			.getByRole('combobox', { name: 'Регион или муниципалитет' })
			.selectOption({ label: 'Заречная область (регион)' });
		await windows.getByLabel('Входная диагностика, с').fill(`${YEAR}-09-01`);
		await windows.getByLabel('Входная диагностика, по').fill(`${YEAR}-12-31`);
		await windows.getByLabel('Итоговая диагностика, с').fill(`${YEAR + 1}-04-15`);
		await windows.getByLabel('Итоговая диагностика, по').fill(`${YEAR + 1}-05-20`);
		await windows.getByRole('button', { name: 'Сохранить окна' }).click();
		await page.getByText('Окна мониторинга сохранены', { exact: false }).first().waitFor();

		const targets = page.getByRole('region', { name: 'Плановые значения показателей' });
		await targets.getByRole('combobox', { name: 'Организация' }).selectOption({ label: `${SCHOOL} (школа)` });
		await targets
			.getByLabel(/^Плановое значение, %/)
			.first()
			.fill('80');
		await targets.getByRole('button', { name: 'Сохранить плановые значения' }).click();
		await page.getByText('Плановые значения сохранены', { exact: false }).first().waitFor();
		await looksRight('admin-settings');
		await expect
			.poll(
				async () =>
					onServer(
						`select (select monitoring from public.organizations where id = $1) as monitoring,
				        (select json_agg(json_build_object('organization_id', organization_id, 'academic_year', academic_year, 'value', value))
				         from public.indicator_targets where deleted_at is null) as targets`,
						[region]
					),
				SERVER
			)
			.toEqual([
				{
					monitoring: {
						[String(YEAR)]: {
							entry: { from: `${YEAR}-09-01`, to: `${YEAR}-12-31` },
							final: { from: `${YEAR + 1}-04-15`, to: `${YEAR + 1}-05-20` }
						}
					},
					targets: [{ organization_id: school, academic_year: YEAR, value: 0.8 }]
				}
			]);
	}, 120_000);

	it('the teacher of the new school takes her self-assessment against the new version', async () => {
		await signUp(db, TEACHER.email);
		await asPerson(true);
		await signIn(TEACHER.email);
		await page.goto(`${app.url}/teacher/assessment`);
		await synced();
		const form = page.getByTestId('start-form');
		await form.getByLabel('Этап диагностики').selectOption({ label: 'Входная' });
		await form.getByRole('button', { name: /Начать самооценку|Продолжить/ }).click();
		await page.getByTestId('competency-screen').waitFor();
		// The first competency's first indicator in the administrator's new words.
		await page.getByText(REWORDED).waitFor();
		const total = Number(/из (\d+)/.exec((await page.getByText(/^Компетенция \d+ из \d+$/).textContent()) ?? '')?.[1]);
		for (let n = 1; n <= total; n++) {
			await expect.poll(() => page.getByText(`Компетенция ${n} из ${total}`).isVisible()).toBe(true);
			const groups = page.getByTestId('competency-screen').getByRole('radiogroup');
			for (let i = 0; i < (await groups.count()); i++) {
				const radio = groups.nth(i).getByRole('radio', { name: SCALE[2], exact: true });
				await radio.click();
				await expect.poll(() => radio.getAttribute('aria-checked')).toBe('true');
			}
			await page.getByRole('button', { name: 'Далее' }).click();
		}
		await page.getByTestId('review-screen').waitFor();
		await page.getByRole('button', { name: 'Отправить', exact: true }).click();
		await page.getByRole('button', { name: 'Да, отправить' }).click();
		await page.getByRole('heading', { name: 'Результаты самооценки' }).waitFor();
		await expect
			.poll(
				async () =>
					onServer(
						`select a.framework_id, a.framework_version, a.status, a.stage from public.assessments a
				 join public.profiles p on p.id = a.teacher_id where p.email = $1`,
						[TEACHER.email]
					),
				SERVER
			)
			.toEqual([{ framework_id: v2, framework_version: 2, status: 'submitted', stage: 'entry' }]);
	}, 180_000);

	it('the school methodist’s dashboard shows it', async () => {
		await signUp(db, METHODIST.email);
		await asPerson(false);
		await signIn(METHODIST.email);
		await page.goto(`${app.url}/methodist`);
		const staff = page.getByTestId('staff-list');
		const row = staff.getByRole('listitem').filter({ hasText: TEACHER.name });
		await row.waitFor({ timeout: 30_000 });
		await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain('пройдена');
		await page.getByText('Прошли входную диагностику').waitFor();
		await shot('admin-school-dashboard');
	}, 120_000);
});
