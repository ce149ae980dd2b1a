// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { Notices, NOTICES_KEY } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import type { AppDatabase } from '$lib/db/database';
import { buildOrganization, IDS } from '$lib/domain/testing/builders';
import { i18n } from '$lib/i18n/i18n.svelte';
import StaffImport from './StaffImport.svelte';
import { buildXlsx } from './testing/xlsx';
import { utf16, windows1251 } from './testing/encodings';

const HEADER =
	'ФИО;ОО;Дата рождения;Педагогический стаж;Образование;Квалификационная категория;Срок действия категории;Предмет;E-mail';
const FILE = [
	HEADER,
	'Петрова Анна Сергеевна;СОШ № 1;12.03.1990;5;высшее;первая;31.05.2028;математика;petrova@school.ru',
	'Чужой Иван;СОШ № 2;01.01.1980;3;высшее;;;;',
	'Белов Пётр;СОШ № 1;31.02.1985;пять;высшее;;;;'
].join('\n');

const dbs: AppDatabase[] = [];
beforeAll(() => i18n.ensure('account'));
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

async function setup() {
	const db = freshDatabase('staff-import-ui');
	dbs.push(db);
	await db.organizations.put(buildOrganization());
	const notices = new Notices();
	render(StaffImport, {
		props: { db, schoolId: IDS.school, actor: { profileId: IDS.methodist } },
		context: new Map([[NOTICES_KEY, notices]])
	});
	return { db, notices };
}

async function choose(content: BlobPart, name: string) {
	const input = screen.getByLabelText('Файл со списком сотрудников (CSV или XLSX)');
	await fireEvent.change(input, { target: { files: [new File([content], name)] } });
}

describe('the staff import', () => {
	it('lists every problem in Russian by line and column before writing anything, and cancel writes nothing', async () => {
		const { db } = await setup();
		await choose('\uFEFF' + FILE, 'кадры.csv');
		const table = await screen.findByRole('table', { name: 'Ошибки в файле' });
		const rows = within(table)
			.getAllByRole('row')
			.slice(1)
			.map((r) =>
				within(r)
					.getAllByRole('cell')
					.map((c) => c.textContent)
			);
		expect(rows).toEqual([
			['3', 'ОО', '«СОШ № 2» — другая ОО: загрузить можно только сотрудников своей школы.'],
			['4', 'Дата рождения', '«31.02.1985» — не дата. Пишите ДД.ММ.ГГГГ, например 12.03.1985.'],
			['4', 'Педагогический стаж', '«пять» — не число: укажите полных лет стажа, например 12.']
		]);
		expect(screen.getByTestId('import-summary')).toHaveTextContent('Новых сотрудников: 1');
		expect(screen.getByTestId('import-summary')).toHaveTextContent('2 строки с ошибками не будут загружены');
		await fireEvent.click(screen.getByRole('button', { name: 'Отмена' }));
		expect(screen.queryByRole('table')).toBeNull();
		expect(await db.profiles.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
	});

	it('writes the valid rows on confirmation and says so', async () => {
		const { db, notices } = await setup();
		await choose(FILE, 'кадры.csv');
		await fireEvent.click(await screen.findByRole('button', { name: 'Загрузить' }));
		await waitFor(() =>
			expect(notices.items.map((n) => n.text)).toEqual([expect.stringContaining('новых 1, изменено 0')])
		);
		expect((await db.profiles.toArray()).map((p) => p.fullName)).toEqual(['Петрова Анна Сергеевна']);
		expect(await db.memberships.count()).toBe(1);
	});

	it('reads an .xlsx, and offers nothing to write when everyone is already there', async () => {
		const { db } = await setup();
		const xlsx = buildXlsx([
			['ФИО', 'ОО', 'Дата рождения', 'Педагогический стаж', 'Образование', 'Квалификационная категория'],
			['Петрова Анна Сергеевна', 'СОШ № 1', 32944, 5, 'высшее', 'без категории']
		]);
		await choose(xlsx as BlobPart, 'кадры.xlsx');
		await fireEvent.click(await screen.findByRole('button', { name: 'Загрузить' }));
		await waitFor(async () => expect(await db.profiles.count()).toBe(1));
		expect((await db.profiles.toArray())[0]).toMatchObject({ birthDate: '1990-03-12', category: 'none' });
		await choose(xlsx as BlobPart, 'кадры.xlsx');
		expect(await screen.findByText('Без изменений: 1')).toBeInTheDocument();
		expect(screen.getByRole('button', { name: 'Загрузить' })).toBeDisabled();
	});

	it('reads Russian Excel’s CSV: Windows-1251, «;», a title line above the header, empty category expiries as warnings', async () => {
		const { db } = await setup();
		const text = [
			'Кадровый состав МБОУ «СОШ № 1» на 01.09.2026;;;;;;;;',
			HEADER,
			'Петрова Анна Сергеевна;МБОУ «СОШ №1»;12.03.1990;5;высшее;первая;;математика;petrova@school.ru',
			'Ёлкина Мария Юрьевна;СОШ № 1;01.02.1985;12;высшее;высшая;;;'
		].join('\r\n');
		await choose(windows1251(text) as BlobPart, 'кадры.csv');
		expect(await screen.findByText('Новых сотрудников: 2')).toBeInTheDocument();
		expect(screen.queryByRole('table', { name: 'Ошибки в файле' })).toBeNull();
		const warnings = screen.getByRole('table', { name: /^Предупреждения/ });
		expect(
			within(warnings)
				.getAllByRole('row')
				.slice(1)
				.map((r) =>
					within(r)
						.getAllByRole('cell')
						.map((c) => c.textContent)
				)
		).toEqual([
			['3', 'Срок действия категории', 'Срок действия категории не указан — категория будет считаться действующей.'],
			['4', 'Срок действия категории', 'Срок действия категории не указан — категория будет считаться действующей.']
		]);
		await fireEvent.click(screen.getByRole('button', { name: 'Загрузить' }));
		await waitFor(async () => expect(await db.profiles.count()).toBe(2));
		expect(
			(await db.profiles.toArray()).map((p) => [p.fullName, p.category, p.categoryExpiresOn, p.experienceAsOf]).sort()
		).toEqual([
			['Ёлкина Мария Юрьевна', 'highest', null, '2026-09-01'],
			['Петрова Анна Сергеевна', 'first', null, '2026-09-01']
		]);
	});

	it('reads Excel’s «Текст Юникод» (UTF-16, tabs) saved as .txt, and a «sep=;» line', async () => {
		await setup();
		const input = screen.getByLabelText('Файл со списком сотрудников (CSV или XLSX)');
		expect(input.getAttribute('accept')?.split(',')).toContain('.txt');
		const rows = [HEADER, 'Петрова Анна Сергеевна;СОШ № 1;12.03.1990;5;высшее;без категории;;математика;'];
		await choose(utf16(rows.map((r) => r.replaceAll(';', '\t')).join('\r\n')) as BlobPart, 'кадры.txt');
		expect(await screen.findByText('Новых сотрудников: 1')).toBeInTheDocument();
		await choose(utf16(rows.map((r) => r.replaceAll(';', '\t')).join('\r\n'), 'be') as BlobPart, 'кадры.txt');
		expect(await screen.findByText('Новых сотрудников: 1')).toBeInTheDocument();
		await choose(windows1251(['sep=;', ...rows].join('\n')) as BlobPart, 'кадры.csv');
		expect(await screen.findByText('Новых сотрудников: 1')).toBeInTheDocument();
		expect(screen.queryByRole('table', { name: 'Ошибки в файле' })).toBeNull();
	});

	it('says what to do with a file it cannot read', async () => {
		await setup();
		await choose('это не таблица', 'кадры.xlsx');
		expect(await screen.findByRole('alert')).toHaveTextContent('Не удалось прочитать файл');
	});
});
