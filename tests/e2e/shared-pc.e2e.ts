import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { ensureBuild } from '../../scripts/lib/build.mjs';
import { serve as serveBuild } from '../../scripts/lib/server.mjs';
import { applyFiles, migrationFiles, startCluster, withDatabase } from '../db/global-setup';
import { build, id, signUp } from '../db/actors';
import { insertRow } from '../db/cluster';
import { startSupabaseDouble, type SupabaseDouble } from '../support/supabase-double';
import { launch } from './chromium';

/**
 * Issue 12's shared school PC: two teachers on one browser profile, against the backend double
 * (the real schema, RLS and sync functions on a throwaway PostgreSQL; tests/support/supabase-double.ts).
 *
 * Anna works as a guest, signs in, works, signs out keeping her data. Boris signs in on the same
 * browser and must not be offered Anna's guest work (before: he was, and moving it put her course
 * under his name on the server and her стаж into his profile). Anna signs in again, leaves a
 * half-typed activity in a second tab and signs out with «Удалить с устройства» in the first: the
 * second tab must close her database and say so, and must not bring it back (before: it did, within
 * 1.5 s, holding the half-typed text). Then every IndexedDB database, Cache Storage entry and
 * storage key on the browser is listed, and none may name her or hold her data.
 */
const ANNA = { name: 'Андреева Алла Борисовна', email: 'andreeva.alla@school7.test' };
const BORIS = { name: 'Борисов Богдан Викторович', email: 'borisov.bogdan@school7.test' };
const PASSWORD = 'password';
const GUEST_COURSE = 'Курсы ПК «Смысловое чтение на уроках истории», 72 ч';
const ANNA_LESSON = 'Открытый урок «Реформы Петра I» в 8В';
const HALF_TYPED = 'Вебинар «Наставничество в школе: первые ша';

let stopCluster: () => Promise<void>;
let db: pg.Pool;
let double: SupabaseDouble;
let app: Awaited<ReturnType<typeof serveBuild>>;
let buildDir: string;
let context: BrowserContext;
let page: Page;
let annaUser: string;
let annaProfile: string;
let borisUser: string;
let borisProfile: string;

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
		build.organization({ id: school, name: 'МБОУ СОШ № 7', parent_id: municipality })
	);
	annaProfile = id();
	borisProfile = id();
	for (const [profileId, person, extra] of [
		[annaProfile, ANNA, { experience_years: 17, birth_year: 1978 }],
		[borisProfile, BORIS, { experience_years: 3, birth_year: 1996 }]
	] as const) {
		await insertRow(
			pool,
			'profiles',
			build.profile({ id: profileId, full_name: person.name, email: person.email, school_id: school, ...extra })
		);
		await insertRow(
			pool,
			'memberships',
			build.membership({ profile_id: profileId, organization_id: school, role: 'teacher' })
		);
	}
	annaUser = await signUp(pool, ANNA.email);
	borisUser = await signUp(pool, BORIS.email);
}

async function signIn(on: Page, email: string): Promise<void> {
	await on.goto(`${app.url}/signin`);
	await on.getByLabel('E-mail').fill(email);
	await on.getByLabel('Пароль').fill(PASSWORD);
	await on.getByRole('button', { name: 'Войти', exact: true }).click();
	await on.getByText('Вы вошли', { exact: false }).first().waitFor({ timeout: 30_000 });
}

async function synced(on: Page): Promise<void> {
	await expect
		.poll(async () => (await on.getByTestId('sync-chip').textContent())?.trim(), { timeout: 30_000 })
		.toBe('Всё сохранено на сервере');
}

async function signOut(on: Page, choice: 'Оставить данные на устройстве' | 'Удалить с устройства'): Promise<void> {
	await on.goto(`${app.url}/settings`);
	await synced(on);
	await on.getByRole('button', { name: 'Выйти', exact: true }).click();
	const button = on.getByRole('dialog', { name: 'Выйти на этом устройстве?' }).getByRole('button', { name: choice });
	await expect.poll(() => button.isEnabled(), { timeout: 20_000 }).toBe(true);
	await button.click();
	await on.getByText('Вы вышли', { exact: false }).first().waitFor({ timeout: 30_000 });
}

async function addActivity(on: Page, title: string): Promise<void> {
	await on.goto(`${app.url}/teacher/activities`);
	await on.getByRole('button', { name: 'Добавить мероприятие' }).click();
	await on.getByLabel(/Название/).fill(title);
	await on.getByLabel(/Дата окончания/).fill(await on.getByLabel(/Дата начала/).inputValue());
	await on.getByRole('button', { name: 'Сохранить' }).click();
	await on.getByTestId('activity-list').getByText(title).waitFor();
}

const OFFER = { name: 'Перенести данные гостя в учётную запись' };

/** Everything this browser profile keeps for the app's origin, as the page sees it. */
interface Inventory {
	databases: string[];
	/** Every store of every database, as JSON (photos come out as {}). */
	rows: Record<string, string>;
	caches: { cache: string; url: string; body: string }[];
	localStorage: Record<string, string>;
	sessionStorage: Record<string, string>;
}

function inventory(on: Page): Promise<Inventory> {
	return on.evaluate(async () => {
		const names = (await indexedDB.databases()).map((d) => d.name).filter((n): n is string => !!n);
		const rows: Record<string, string> = {};
		for (const name of names) {
			rows[name] = await new Promise<string>((done, fail) => {
				const open = indexedDB.open(name);
				open.onerror = () => fail(open.error);
				open.onsuccess = () => {
					const idb = open.result;
					const stores = [...idb.objectStoreNames];
					if (!stores.length) {
						idb.close();
						return done('{}');
					}
					const tx = idb.transaction(stores, 'readonly');
					const out: Record<string, unknown[]> = {};
					for (const store of stores) {
						const request = tx.objectStore(store).getAll();
						request.onsuccess = () => (out[store] = request.result);
					}
					tx.oncomplete = () => {
						idb.close();
						done(JSON.stringify(out));
					};
					tx.onerror = () => fail(tx.error);
				};
			});
		}
		const cached: { cache: string; url: string; body: string }[] = [];
		for (const cacheName of await caches.keys()) {
			const cache = await caches.open(cacheName);
			for (const request of await cache.keys()) {
				const response = await cache.match(request);
				cached.push({ cache: cacheName, url: request.url, body: response ? await response.text() : '' });
			}
		}
		const entries = (storage: Storage) =>
			Object.fromEntries(
				Array.from({ length: storage.length }, (_, i) => storage.key(i)!).map((k) => [k, storage.getItem(k) ?? ''])
			);
		return {
			databases: names,
			rows,
			caches: cached,
			localStorage: entries(localStorage),
			sessionStorage: entries(sessionStorage)
		};
	});
}

/** Every place in the inventory where one of `needles` appears. */
function mentions(found: Inventory, needles: string[]): string[] {
	const hits: string[] = [];
	const look = (where: string, text: string) => {
		for (const needle of needles) if (text.includes(needle)) hits.push(`${where}: ${needle}`);
	};
	for (const name of found.databases) look(`database name ${name}`, name);
	for (const [name, json] of Object.entries(found.rows)) look(`database ${name}`, json);
	for (const entry of found.caches) {
		look(`cache ${entry.cache} url`, entry.url);
		look(`cache ${entry.cache} ${entry.url}`, entry.body);
	}
	for (const [kind, storage] of [
		['localStorage', found.localStorage],
		['sessionStorage', found.sessionStorage]
	] as const) {
		for (const [key, value] of Object.entries(storage)) look(`${kind} ${key}`, `${key}\n${value}`);
	}
	return hits;
}

beforeAll(async () => {
	const cluster = await startCluster();
	stopCluster = cluster.stop;
	const admin = new pg.Client({ connectionString: cluster.url });
	await admin.connect();
	await admin.query('create database trajectory_sharedpc');
	await admin.end();
	const url = withDatabase(cluster.url, 'trajectory_sharedpc');
	await applyFiles(url, [resolve('tests/db/supabase-shim.sql'), ...migrationFiles()]);
	db = new pg.Pool({ connectionString: url, max: 2 });
	db.on('error', () => {});
	await seed(db);
	double = await startSupabaseDouble({ databaseUrl: url });
	// A copy of the app built against this backend (the guest build stays in BUILD_DIR).
	buildDir = mkdtempSync(join(process.env.E2E_TMP ?? '.tmp', 'build-sharedpc-'));
	ensureBuild(false, {
		outDir: buildDir,
		env: { PUBLIC_SUPABASE_URL: double.url, PUBLIC_SUPABASE_ANON_KEY: 'e2e-anon-key' }
	});
	app = await serveBuild(buildDir, { copy: false });
	// One browser profile for both teachers: the school PC.
	context = await launch({ phone: false });
	page = context.pages()[0] ?? (await context.newPage());
}, 300_000);

afterAll(async () => {
	await context?.close();
	await app?.stop();
	await double?.close();
	await db?.end();
	await stopCluster?.();
	if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

describe('a shared school PC', () => {
	it('Anna’s guest work is offered to her at her sign-in, under the name she used, and leaves the guest database', async () => {
		await page.goto(`${app.url}/teacher/profile`);
		await page.getByLabel(/ФИО/).fill(ANNA.name);
		await page.getByLabel(/Педагогический стаж/).fill('18');
		await page.getByLabel(/Год рождения/).fill('1978');
		await page.getByRole('button', { name: 'Сохранить' }).click();
		await page.getByText('Профиль сохранён на устройстве').first().waitFor();
		await addActivity(page, GUEST_COURSE);

		await signIn(page, ANNA.email);
		const offer = page.getByRole('region', OFFER);
		await offer.waitFor();
		await expect.poll(() => offer.getByTestId('guest-owner').textContent()).toContain(`под именем «${ANNA.name}»`);
		expect(await offer.textContent()).toContain(GUEST_COURSE);
		// The guest database is gone: the next guest on this PC starts empty.
		expect((await inventory(page)).databases).not.toContain('trajectory-guest');
	}, 120_000);

	it('Boris, signing in after Anna signed out keeping her data, is never offered her guest work', async () => {
		await page.goto(`${app.url}/teacher`);
		await addActivity(page, ANNA_LESSON);
		await signOut(page, 'Оставить данные на устройстве');

		await signIn(page, BORIS.email);
		await page.goto(`${app.url}/teacher`);
		await page.getByRole('heading', { level: 1, name: /Богдан Викторович/ }).waitFor({ timeout: 30_000 });
		await page.goto(`${app.url}/settings`);
		await synced(page);
		await page.getByTestId('signed-in-as').waitFor();
		const offered = await page.getByRole('region', OFFER).count();
		const server = await db.query(
			`select (select count(*)::int from public.activities where title = $1) as moved,
			        (select row(experience_years, birth_year)::text from public.profiles where id = $2) as boris`,
			[GUEST_COURSE, borisProfile]
		);
		// Boris leaves the PC clean before anything is asserted, so the next scenario starts as it should.
		await signOut(page, 'Удалить с устройства');
		expect(offered).toBe(0);
		expect(server.rows[0]).toEqual({ moved: 0, boris: '(3,1996)' });
	}, 150_000);

	it('after «Удалить с устройства», Anna’s second tab closes her database, says so, and does not bring it back', async () => {
		await signIn(page, ANNA.email);
		await page.goto(`${app.url}/teacher/activities`);
		await page.getByTestId('activity-list').getByText(ANNA_LESSON).waitFor({ timeout: 30_000 });
		await synced(page);

		const second = await context.newPage();
		await second.goto(`${app.url}/teacher/activities`);
		await second.getByTestId('activity-list').getByText(ANNA_LESSON).waitFor({ timeout: 30_000 });
		await second.getByRole('button', { name: 'Добавить мероприятие' }).click();
		await second.getByLabel(/Название/).pressSequentially(HALF_TYPED, { delay: 10 });
		// The autosave has written the draft into her database.
		await second.waitForTimeout(800);

		await signOut(page, 'Удалить с устройства');
		// She goes on typing in the second tab if its form is still there (before, nothing told the
		// tab, and this autosave re-created her deleted database holding the text).
		const field = second.getByLabel(/Название/);
		if (await field.count()) await field.pressSequentially('ги', { delay: 50, timeout: 2_000 }).catch(() => undefined);
		// Well past the 1.5 s in which the second tab's autosave used to re-create the database.
		await second.waitForTimeout(3_000);
		const needles = [
			annaUser,
			annaProfile,
			ANNA.email,
			ANNA.name,
			'Андреева',
			GUEST_COURSE,
			ANNA_LESSON,
			HALF_TYPED.slice(0, 24),
			borisUser,
			borisProfile,
			BORIS.email,
			BORIS.name
		];
		for (const tab of [page, second]) {
			const found = await inventory(tab);
			expect(found.databases.filter((name) => name.startsWith('trajectory-user-'))).toEqual([]);
			expect(mentions(found, needles)).toEqual([]);
		}

		await second
			.getByText('В другой вкладке вы вышли и удалили свои данные с этого устройства', { exact: false })
			.waitFor({ timeout: 10_000 });
		expect(await second.getByText(ANNA_LESSON).count()).toBe(0);
		const fields = second.getByLabel(/Название/);
		for (let i = 0; i < (await fields.count()); i++)
			expect(await fields.nth(i).inputValue()).not.toContain('Наставничество');
	}, 150_000);

	it('the next guest sees nothing of Anna’s', async () => {
		await page.goto(`${app.url}/teacher/activities`);
		await page.getByRole('heading', { level: 1, name: 'Мероприятия' }).waitFor();
		expect(await page.getByText(GUEST_COURSE).count()).toBe(0);
		expect(await page.getByText(ANNA_LESSON).count()).toBe(0);
		await page.goto(`${app.url}/teacher/profile`);
		await expect.poll(() => page.getByLabel(/ФИО/).inputValue()).toBe('');
	}, 60_000);
});
