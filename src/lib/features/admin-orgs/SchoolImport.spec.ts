// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { Notices, NOTICES_KEY } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import type { AppDatabase } from '$lib/db/database';
import type { Organization } from '$lib/domain/organization';
import { buildOrganization, IDS } from '$lib/domain/testing/builders';
import { i18n } from '$lib/i18n/i18n.svelte';
import { windows1251 } from '$lib/features/account/testing/encodings';
import { buildXlsx } from '$lib/features/account/testing/xlsx';
import SchoolImport from './SchoolImport.svelte';

const HEADER = 'Наименование;Краткое наименование;ШНОР;ШНСУ;500+;Часовой пояс';
const FILE = [
	'Список ОО Беловского муниципального округа на 01.09.2026;;;;;',
	HEADER,
	'МБОУ «СОШ № 2»;СОШ № 2;да;нет;да;Asia/Novokuznetsk',
	'МБОУ "Средняя общеобразовательная школа № 1";;да;нет;нет;',
	'мбоу «сош №2»;;нет;нет;нет;',
	'МБОУ «Ёлкинская ООШ»;;нет;может быть;нет;'
].join('\r\n');

const municipality: Organization = buildOrganization({
	id: IDS.municipality,
	kind: 'municipality',
	name: 'Беловский МО',
	shortName: null,
	parentId: null,
	lowResults: false
});

const dbs: AppDatabase[] = [];
beforeAll(() => i18n.ensure('admin', 'forms'));
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

async function setup(org: Organization = municipality) {
	const db = freshDatabase('school-import-ui');
	dbs.push(db);
	await db.organizations.bulkPut([org, buildOrganization()]);
	const notices = new Notices();
	render(SchoolImport, {
		props: { db, municipality: org, actor: { profileId: IDS.methodist } },
		context: new Map([[NOTICES_KEY, notices]])
	});
	return { db, notices };
}

async function choose(content: BlobPart, name: string) {
	const input = screen.getByLabelText('Файл со списком школ (CSV или XLSX)');
	await fireEvent.change(input, { target: { files: [new File([content], name)] } });
}

function lines() {
	const table = screen.getByRole('table', { name: 'Строки файла' });
	return within(table)
		.getAllByRole('row')
		.slice(1)
		.map((r) =>
			within(r)
				.getAllByRole('cell')
				.map((c) => c.textContent?.replace(/\s+/g, ' ').trim())
		);
}

describe('the school list import', () => {
	it('says of every line of a Windows-1251 file whether it is new, on record or wrong, and writes nothing until «Загрузить»', async () => {
		const { db } = await setup();
		await choose(windows1251(FILE) as BlobPart, 'школы.csv');
		await screen.findByRole('table', { name: 'Строки файла' });
		expect(lines()).toEqual([
			['3', 'МБОУ «СОШ № 2»', 'новая школа'],
			['4', 'МБОУ "Средняя общеобразовательная школа № 1"', 'уже есть'],
			['5', 'мбоу «сош №2»', 'ошибка: Столбец «Наименование»: Эта школа уже есть в строке 3.'],
			['6', 'МБОУ «Ёлкинская ООШ»', 'ошибка: Столбец «ШНСУ»: «может быть» — укажите «да» или «нет».']
		]);
		const summary = screen.getByTestId('school-import-summary');
		expect(summary).toHaveTextContent('Новых школ: 1');
		expect(summary).toHaveTextContent('Уже есть: 1');
		expect(summary).toHaveTextContent('2 строки с ошибками не будут загружены');
		expect(await db.organizations.count()).toBe(2);
		expect(await db.outbox.count()).toBe(0);

		await fireEvent.click(screen.getByRole('button', { name: 'Отмена' }));
		expect(screen.queryByRole('table')).toBeNull();
		expect(await db.outbox.count()).toBe(0);
	});

	it('writes the new schools on «Загрузить» and says how many', async () => {
		const { db, notices } = await setup();
		await choose(windows1251(FILE) as BlobPart, 'школы.csv');
		await fireEvent.click(await screen.findByRole('button', { name: 'Загрузить' }));
		await waitFor(() => expect(notices.items.map((n) => n.text)).toEqual(['Список школ загружен: добавлена 1 школа.']));
		const made = (await db.organizations.toArray()).find((o) => o.name === 'МБОУ «СОШ № 2»');
		expect(made).toMatchObject({
			kind: 'school',
			parentId: IDS.municipality,
			shortName: 'СОШ № 2',
			lowResults: true,
			program500: true,
			timeZone: 'Asia/Novokuznetsk'
		});
		expect(await db.outbox.count()).toBe(1);
		expect(screen.queryByRole('table')).toBeNull();
	});

	it('reads an .xlsx, and offers nothing to load when every school is on record', async () => {
		await setup();
		await choose(
			buildXlsx([
				['Наименование', 'ШНОР', 'ШНСУ', '500+'],
				['МБОУ «СОШ № 1»', 'да', 'нет', 'нет']
			]) as BlobPart,
			'школы.xlsx'
		);
		await screen.findByRole('table', { name: 'Строки файла' });
		expect(lines()).toEqual([['2', 'МБОУ «СОШ № 1»', 'уже есть']]);
		expect(screen.getByText('Новых школ в файле нет — загружать нечего.')).toBeInTheDocument();
		expect(screen.getByRole('button', { name: 'Загрузить' })).toBeDisabled();
	});

	it('names the missing columns of a file it cannot load, and says what to do with one it cannot read', async () => {
		await setup();
		await choose('Наименование;Адрес\nСОШ № 9;ул. Мира, 1', 'школы.csv');
		const alert = await screen.findByRole('alert');
		expect(alert).toHaveTextContent('Столбец «ШНОР»: Нет такого столбца');
		expect(alert).toHaveTextContent('Столбец «500+»: Нет такого столбца');
		expect(screen.getByRole('button', { name: 'Загрузить' })).toBeDisabled();
		await choose('это не таблица', 'школы.xlsx');
		expect(await screen.findByRole('alert')).toHaveTextContent('Не удалось прочитать файл');
	});
});
