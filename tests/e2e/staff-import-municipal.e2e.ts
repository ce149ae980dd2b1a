import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { ensureBuild } from '../../scripts/lib/build.mjs';
import { serve as serveBuild } from '../../scripts/lib/server.mjs';
import { applyFiles, migrationFiles, startCluster, withDatabase } from '../db/global-setup';
import { build, id, signUp } from '../db/actors';
import { insertRow } from '../db/cluster';
import { startSupabaseDouble, type SupabaseDouble } from '../support/supabase-double';
import { windows1251 } from '../../src/lib/features/account/testing/encodings';
import { staffProfile, type StaffMember } from '../../src/lib/domain/staff-profile';
import { academicYearOf } from '../../src/lib/domain/academic-year';
import { messages as schoolWords } from '../../src/lib/i18n/ru/school';
import { messages as shellWords } from '../../src/lib/i18n/ru/shell';
import { seriousViolations } from './axe';
import { launch } from './chromium';
import { overflowing } from './layout';

/**
 * Issue 13, item 17: a municipal methodist imports the whole municipality's staff list in one
 * file, as Russian Excel saves it — Windows-1251, «;», a title line above the header, no category
 * expiries. Each school the file names is shown beside the school on record it matches; one is
 * not found and is chosen by hand, one belongs to another municipality and is left out. Nothing is
 * written until confirmed; then the municipal dashboard's кадровый состав shows the file's counts.
 * Then a 60-school municipality and a 5,000-row file go through the same screens.
 *
 * The backend is the real schema, RLS and SQL functions on a throwaway PostgreSQL; only Supabase's
 * HTTP front is a double (tests/support/supabase-double.ts), as in sync-two-devices.e2e.ts.
 */
const METHODIST = { name: 'Муниципалова Ирина Павловна', email: 'munitsipalova@sokol.test' };
const PASSWORD = 'password';
const MUNICIPALITY = 'Сокольский муниципальный округ';
const SHOTS = process.env.SHOT_DIR ?? join(process.env.E2E_TMP ?? '.tmp', 'staff-import-shots');

/** The schools on record, as the administrator named them. */
const KADNIKOV = 'МБОУ «Кадниковская средняя школа»';
const SOKOL = 'МБОУ «Сокольская средняя общеобразовательная школа № 1»';
const CHUCHKOVO = 'МБОУ «Чучковская основная общеобразовательная школа»';
const BIRYAKOVO = 'МКОУ «Биряковская средняя школа»';
/** 56 more, to make a municipality of 60 schools. */
const NUMBERED = Array.from(
	{ length: 56 },
	(_, i) => `${['МБОУ', 'МАОУ', 'МКОУ'][i % 3]} «Средняя общеобразовательная школа № ${i + 2}»`
);

let stopCluster: () => Promise<void>;
let db: pg.Pool;
let double: SupabaseDouble;
let app: Awaited<ReturnType<typeof serveBuild>>;
let buildDir: string;
let context: BrowserContext;
let page: Page;
const schoolIds = new Map<string, string>();
let existingTeacher: string;

async function seed(pool: pg.Pool): Promise<void> {
	const region = id();
	const municipality = id();
	const far = id();
	await insertRow(
		pool,
		'organizations',
		build.organization({ id: region, kind: 'region', name: 'Вологодская область' })
	);
	await insertRow(
		pool,
		'organizations',
		build.organization({ id: municipality, kind: 'municipality', name: MUNICIPALITY, parent_id: region })
	);
	await insertRow(
		pool,
		'organizations',
		build.organization({ id: far, kind: 'municipality', name: 'Харовский муниципальный округ', parent_id: region })
	);
	for (const name of [KADNIKOV, SOKOL, CHUCHKOVO, BIRYAKOVO, ...NUMBERED]) {
		const school = id();
		schoolIds.set(name, school);
		await insertRow(pool, 'organizations', build.organization({ id: school, name, parent_id: municipality }));
	}
	// A school of another municipality, named as a line of the file names its school.
	await insertRow(pool, 'organizations', build.organization({ id: id(), name: 'МБОУ «Школа № 9»', parent_id: far }));
	const methodist = id();
	await insertRow(
		pool,
		'profiles',
		build.profile({ id: methodist, full_name: METHODIST.name, email: METHODIST.email, school_id: null })
	);
	await insertRow(
		pool,
		'memberships',
		build.membership({ profile_id: methodist, organization_id: municipality, role: 'municipal_methodist' })
	);
	await signUp(pool, METHODIST.email);
	// Already on record in Кадниковская: 3 years of стаж on 1 September 2025, a known expiry.
	existingTeacher = id();
	await insertRow(
		pool,
		'profiles',
		build.profile({
			id: existingTeacher,
			full_name: 'Орлова Светлана Петровна',
			email: null,
			school_id: schoolIds.get(KADNIKOV),
			experience_years: 3,
			experience_as_of: '2025-09-01',
			birth_year: 1988,
			birth_date: '1988-02-14',
			category: 'first',
			category_expires_on: '2028-05-31'
		})
	);
	await insertRow(
		pool,
		'memberships',
		build.membership({ profile_id: existingTeacher, organization_id: schoolIds.get(KADNIKOV), role: 'teacher' })
	);
}

const HEADER =
	'№;ФИО;ОО;Должность;Дата рождения;Педагогический стаж;Образование;Квалификационная категория;Срок действия категории;Предмет';
type Line = [
	name: string,
	school: string,
	born: string,
	years: number,
	education: string,
	category: string,
	expiry: string,
	subject: string
];
/** The municipality's list: the schools named as real lists name them; expiries mostly left out. */
const LINES: Line[] = [
	['Орлова Светлана Петровна', 'МБОУ «Кадниковская СОШ»', '14.02.1988', 5, 'высшее', 'первая', '', 'биология'],
	['Жуков Денис Андреевич', 'МБОУ «Кадниковская СОШ»', '30.06.1995', 3, 'высшее', 'без категории', '', 'физика'],
	[
		'Мельникова Ольга Ивановна',
		'Кадниковская СОШ',
		'21.02.1979',
		22,
		'высшее',
		'высшая',
		'',
		'история, обществознание'
	],
	[
		'Тихонов Артём Сергеевич',
		'МБОУ «Кадниковская СОШ»',
		'05.10.2000',
		1,
		'среднее профессиональное',
		'без категории',
		'',
		'физическая культура'
	],
	[
		'Зайцева Наталья Викторовна',
		'Сокольская СОШ N1',
		'17.08.1972',
		28,
		'высшее',
		'соответствие занимаемой должности',
		'',
		'начальные классы'
	],
	['Павлов Кирилл Олегович', 'Сокольская СОШ N1', '09.03.2001', 0, 'высшее', 'без категории', '', 'информатика'],
	[
		'Ёлкина Вера Николаевна',
		'МБОУ  "Сокольская СОШ №1"',
		'11.11.1966',
		35,
		'высшее',
		'высшая',
		'25.12.2029',
		'русский язык, литература'
	],
	['Смирнова Анна Юрьевна', 'МБОУ «Чучковская ООШ»', '02.04.1990', 10, 'высшее', 'первая', '', 'математика'],
	[
		'Кузнецов Игорь Петрович',
		'МБОУ «Чучковская ООШ»',
		'19.12.1959',
		40,
		'среднее профессиональное',
		'первая',
		'',
		'технология'
	],
	[
		'Волкова Дарья Сергеевна',
		'МБОУ «Чучковская ООШ»',
		'28.07.1998',
		4,
		'высшее',
		'без категории',
		'',
		'английский язык'
	],
	['Соколова Марина Алексеевна', 'МОУ „Биряковская ООШ“', '15.05.1983', 17, 'высшее', 'высшая', '', 'химия'],
	['Лебедев Павел Игоревич', 'МОУ „Биряковская ООШ“', '03.09.1993', 8, 'высшее', 'первая', '', 'география'],
	[
		'Новикова Елена Викторовна',
		'МОУ „Биряковская ООШ“',
		'23.01.1975',
		25,
		'среднее профессиональное',
		'соответствие занимаемой должности',
		'',
		'начальные классы'
	],
	['Дальняя Ирина Олеговна', 'МБОУ «Школа № 9»', '01.06.1980', 15, 'высшее', 'первая', '', 'музыка']
];

/** The file, as Russian Excel's «CSV (разделители — запятые)» writes it: Windows-1251, «;». */
function municipalCsv(lines: readonly Line[]): Uint8Array {
	const rows = lines.map(([name, school, born, years, education, category, expiry, subject], i) =>
		[
			i + 1,
			name,
			school.includes(';') || school.includes('"') ? `"${school.replaceAll('"', '""')}"` : school,
			'учитель',
			born,
			years,
			education,
			category,
			expiry,
			subject.includes(',') ? `"${subject}"` : subject
		].join(';')
	);
	const title = `Кадровый состав педагогических работников ОО ${MUNICIPALITY.replace('муниципальный округ', 'МО')} на 01.09.2026;;;;;;;;;`;
	return windows1251([title, HEADER, ...rows].join('\r\n') + '\r\n');
}

async function shot(name: string): Promise<void> {
	await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function signIn(): Promise<void> {
	await page.goto(`${app.url}/signin`);
	await page.getByLabel('E-mail').fill(METHODIST.email);
	await page.getByLabel('Пароль').fill(PASSWORD);
	await page.getByRole('button', { name: 'Войти', exact: true }).click();
	await page.getByText('Вы вошли', { exact: false }).first().waitFor();
}

async function chooseFile(bytes: Uint8Array, name: string): Promise<void> {
	await page
		.getByLabel('Файл со списком сотрудников (CSV или XLSX)')
		.setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(bytes) });
	await page.getByRole('table', { name: 'Школы в файле' }).waitFor();
}

/** The school-match table: the name in the file, the school chosen for it, the rows. */
async function matches(): Promise<[string, string, string][]> {
	return page
		.getByTestId('school-matches')
		.locator('tbody tr')
		.evaluateAll((rows) =>
			rows.map((tr) => {
				const select = tr.querySelector('select')!;
				return [
					tr.querySelector('th')!.textContent!.trim(),
					select.selectedOptions[0]!.textContent!.trim(),
					tr.querySelector('td.num')!.textContent!.trim()
				];
			})
		);
}

async function tableCells(testid: string, part = 'tbody'): Promise<string[][]> {
	return page
		.getByTestId(testid)
		.locator(`${part} tr`)
		.evaluateAll((rows) => rows.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent!.trim())));
}

/** The кадровый состав card on /municipal: per breakdown, each group's count. */
async function staffOnScreen(): Promise<Record<string, Record<string, number>>> {
	return page.getByTestId('staff-profile').evaluate((root) =>
		Object.fromEntries(
			[...root.querySelectorAll(':scope > section')].map((section) => [
				section.querySelector('h3')!.textContent!.trim(),
				// The first table is the counts; the chart below it has a table of shares of its own.
				Object.fromEntries(
					[...section.querySelector('table')!.querySelectorAll('tbody tr')].map((tr) => [
						tr.querySelector('th')!.textContent!.trim(),
						Number(tr.querySelector('td')!.textContent)
					])
				)
			])
		)
	);
}

/** What the card must show for `members`: the domain's own staff profile, in the screen's words. */
function expectedStaff(members: StaffMember[]): Record<string, Record<string, number>> {
	const words = { ...schoolWords, ...shellWords } as unknown as Record<string, string>;
	const profile = staffProfile(members, academicYearOf(new Date().toISOString().slice(0, 10)));
	const part = (rows: { key: string; count: number }[], prefix: string) =>
		Object.fromEntries(rows.map((r) => [words[`${prefix}.${r.key}`]!, r.count]));
	return {
		[words['report.staffAge']!]: part(profile.age, 'ageBand'),
		[words['report.staffExperience']!]: part(profile.experience, 'expBand'),
		[words['report.staffEducation']!]: part(profile.education, 'education'),
		[words['report.staffCategory']!]: part(profile.category, 'category')
	};
}

function memberOf([, , born, years, education, category, expiry]: Line): StaffMember {
	const [d, m, y] = born.split('.');
	return {
		birthDate: `${y}-${m}-${d}`,
		birthYear: Number(y),
		experienceYears: years,
		experienceAsOf: '2026-09-01',
		education: education === 'высшее' ? 'higher' : 'vocational',
		category:
			(
				{ высшая: 'highest', первая: 'first', 'соответствие занимаемой должности': 'conformity' } as Record<
					string,
					StaffMember['category']
				>
			)[category] ?? 'none',
		categoryExpiresOn: expiry ? expiry.split('.').reverse().join('-') : null
	};
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
	buildDir = mkdtempSync(join(process.env.E2E_TMP ?? '.tmp', 'build-staff-'));
	ensureBuild(false, {
		outDir: buildDir,
		env: { PUBLIC_SUPABASE_URL: double.url, PUBLIC_SUPABASE_ANON_KEY: 'e2e-anon-key' }
	});
	app = await serveBuild(buildDir, { copy: false });
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

describe('the municipal staff import', () => {
	it('reads Russian Excel’s CSV, shows each school’s match to confirm, writes nothing before «Загрузить», then every school’s rows', async () => {
		await signIn();
		await page.goto(`${app.url}/municipal`);
		await page.getByRole('link', { name: 'Загрузить кадровый состав' }).click();
		await page.getByRole('heading', { level: 1, name: 'Кадровый состав муниципалитета' }).waitFor({ timeout: 30_000 });

		await chooseFile(municipalCsv(LINES), 'Кадры МО на 01.09.2026.csv');
		expect(await matches()).toEqual([
			['МБОУ «Кадниковская СОШ»', KADNIKOV, '4'],
			['Сокольская СОШ N1', SOKOL, '3'],
			['МБОУ «Чучковская ООШ»', CHUCHKOVO, '3'],
			['МОУ „Биряковская ООШ“', '— выберите школу —', '3'],
			['МБОУ «Школа № 9»', '— выберите школу —', '1']
		]);
		await shot('municipal-import-schools');
		expect(await seriousViolations(page)).toEqual([]);
		const confirm = page.getByRole('button', { name: 'Школы верны — проверить строки' });
		expect(await confirm.isDisabled()).toBe(true);

		// The person decides: Биряковская is the «средняя» school on record; «Школа № 9» is not ours.
		await page.getByRole('combobox', { name: 'Школа для «МОУ „Биряковская ООШ“»' }).selectOption({ label: BIRYAKOVO });
		await page
			.getByRole('combobox', { name: 'Школа для «МБОУ «Школа № 9»»' })
			.selectOption({ label: 'Не загружать эти строки' });
		await confirm.click();
		await page.getByTestId('by-school').waitFor();
		expect(await tableCells('by-school')).toEqual([
			[KADNIKOV, '3', '1', '0', '0', '0'],
			[SOKOL, '3', '0', '0', '0', '0'],
			[CHUCHKOVO, '3', '0', '0', '0', '0'],
			[BIRYAKOVO, '3', '0', '0', '0', '0'],
			['Не загружать эти строки', '0', '0', '0', '0', '1']
		]);
		// Every category without its expiry is a warning, and its row is written all the same.
		const warned = LINES.filter((l) => l[5] !== 'без категории' && l[6] === '' && l[1] !== 'МБОУ «Школа № 9»').length;
		const warnings = page.getByRole('table', { name: /^Предупреждения/ });
		expect(await warnings.locator('tbody tr').count()).toBe(warned - 1); // Орлова keeps the expiry on record
		await page.getByText('Стаж в файле — на 1 сентября 2026 г. (дата из заголовка файла).').waitFor();
		await shot('municipal-import-preview');
		expect(await seriousViolations(page)).toEqual([]);
		expect(await overflowing(page)).toEqual([]);
		const before = await db.query('select count(*)::int as n from public.profiles');
		expect(before.rows[0].n).toBe(2);

		await page.getByRole('button', { name: 'Загрузить' }).click();
		await page
			.getByText('Кадровый состав загружен: новых 12, изменено 1 — 4 школы.')
			.first()
			.waitFor({ timeout: 30_000 });
		const written = await db.query(
			`select o.name as school, count(*)::int as n from public.profiles p join public.organizations o on o.id = p.school_id
			 join public.memberships m on m.profile_id = p.id and m.organization_id = p.school_id and m.role = 'teacher' and m.deleted_at is null
			 group by o.name order by o.name`
		);
		expect(written.rows).toEqual(
			[
				{ school: BIRYAKOVO, n: 3 },
				{ school: KADNIKOV, n: 4 },
				{ school: SOKOL, n: 3 },
				{ school: CHUCHKOVO, n: 3 }
			].sort((a, b) => (a.school < b.school ? -1 : 1))
		);
		const orlova = await db.query(
			'select experience_years, experience_as_of::text, category_expires_on::text, updated_by from public.profiles where id = $1',
			[existingTeacher]
		);
		expect(orlova.rows[0]).toMatchObject({
			experience_years: 5,
			experience_as_of: '2026-09-01',
			category_expires_on: '2028-05-31'
		});

		// The municipal dashboard's кадровый состав now counts the file's people.
		await page.getByRole('link', { name: 'Открыть показатели муниципалитета' }).click();
		await page.getByTestId('staff-profile').waitFor({ timeout: 30_000 });
		const imported = LINES.filter((l) => l[1] !== 'МБОУ «Школа № 9»').map(memberOf);
		await expect.poll(staffOnScreen, { timeout: 30_000 }).toEqual(expectedStaff(imported));
		// The file's own counts, read off LINES by hand: a category without an expiry counts as valid.
		const shown = await staffOnScreen();
		expect(shown['Квалификационная категория']).toMatchObject({
			'Высшая категория': 3,
			'Первая категория': 4,
			'Соответствие занимаемой должности': 2,
			'Без категории': 4
		});
		expect(shown['Образование']).toMatchObject({ Высшее: 10, 'Среднее профессиональное': 3 });
		await page.getByTestId('staff-profile').scrollIntoViewIfNeeded();
		await shot('municipal-staff-profile-after-import');
	}, 180_000);

	it('takes a 60-school municipality’s list of 5,000 rows through the same screens', async () => {
		const all = [KADNIKOV, SOKOL, CHUCHKOVO, BIRYAKOVO, ...NUMBERED];
		// As lists write them: «СОШ № 7», «МКОУ СОШ N7», the full name…
		const spelled = (school: string, i: number) => {
			if (!NUMBERED.includes(school)) return school;
			const n = /№ (\d+)/.exec(school)![1];
			return [`СОШ № ${n}`, `МКОУ "СОШ N${n}"`, school.replace('№ ', '№'), `Средняя общеобразовательная школа №${n}`][
				i % 4
			]!;
		};
		const surnames = [
			'Иванова',
			'Петрова',
			'Сидорова',
			'Кузнецова',
			'Смирнова',
			'Попова',
			'Васильева',
			'Соколова',
			'Михайлова',
			'Новикова'
		];
		const names = ['Анна', 'Мария', 'Елена', 'Ольга', 'Наталья', 'Татьяна', 'Ирина', 'Светлана', 'Юлия', 'Галина'];
		const lines: Line[] = Array.from({ length: 5000 }, (_, i) => {
			const school = all[i % all.length]!;
			const year = 1960 + (i % 43);
			return [
				`${surnames[i % 10]} ${names[Math.floor(i / 10) % 10]} Тестовна-${i}`,
				spelled(school, Math.floor(i / all.length)),
				`${String((i % 28) + 1).padStart(2, '0')}.${String((i % 12) + 1).padStart(2, '0')}.${year}`,
				i % 41,
				i % 5 ? 'высшее' : 'среднее профессиональное',
				['высшая', 'первая', 'соответствие занимаемой должности', 'без категории'][i % 4]!,
				i % 3 === 0 && i % 4 !== 3 ? '31.05.2029' : '',
				'математика'
			];
		});
		await page.goto(`${app.url}/municipal/staff-import`);
		const started = performance.now();
		await chooseFile(municipalCsv(lines), 'Кадры 60 школ.csv');
		const read = performance.now();
		const found = await matches();
		expect(found).toHaveLength(all.length);
		expect(found.every(([, chosen]) => all.includes(chosen))).toBe(true);
		await shot('municipal-import-60-schools');
		await page.getByRole('button', { name: 'Школы верны — проверить строки' }).click();
		await page.getByTestId('by-school').waitFor({ timeout: 60_000 });
		const checked = performance.now();
		expect((await tableCells('by-school', 'tfoot')).map((r) => r.map((c) => c.replace(/\s/g, ' ')))).toEqual([
			['Итого', '5 000', '0', '0', '0', '0']
		]);
		await shot('municipal-import-60-schools-preview');
		await page.getByRole('button', { name: 'Загрузить' }).click();
		await page
			.getByText(/Кадровый состав загружен: новых 5\s000, изменено 0 — 60 школ\./)
			.first()
			.waitFor({ timeout: 60_000 });
		const applied = performance.now();
		const count = await db.query(`select count(*)::int as n from public.profiles where full_name like '%Тестовна-%'`);
		expect(count.rows[0].n).toBe(5000);
		console.log(
			`\nmunicipal import in Chromium, 5,000 rows, 60 schools: read+match ${Math.round(read - started)} ms, check ${Math.round(checked - read)} ms (incl. clicking), write ${Math.round(applied - checked)} ms\n`
		);
	}, 240_000);
});
