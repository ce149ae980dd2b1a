// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { Notices, NOTICES_KEY } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import type { AppDatabase } from '$lib/db/database';
import { buildOrganization, buildProfile, buildMembership, IDS, uuid } from '$lib/domain/testing/builders';
import type { Organization } from '$lib/domain/organization';
import { i18n } from '$lib/i18n/i18n.svelte';
import MunicipalStaffImport from './MunicipalStaffImport.svelte';
import { onDevice } from './municipal-import';
import { windows1251 } from './testing/encodings';

const HEADER =
	'ФИО;ОО;Дата рождения;Педагогический стаж;Образование;Квалификационная категория;Срок действия категории;Предмет;E-mail';
const KADNIKOV = buildOrganization({
	id: uuid(211),
	name: 'МБОУ «Кадниковская средняя школа»',
	shortName: 'Кадниковская СШ'
});
const SOKOL = buildOrganization({ id: uuid(212), name: 'МБОУ «Сокольская средняя школа № 1»', shortName: null });
const CHUCHKOVO = buildOrganization({ id: uuid(213), name: 'МБОУ «Чучковская основная школа»', shortName: null });
const SCHOOLS: Organization[] = [KADNIKOV, SOKOL, CHUCHKOVO];

/** Russian Excel's «CSV (разделители — запятые)»: Windows-1251, «;», a title line, no expiries. */
const FILE = windows1251(
	[
		'Кадровый состав Сокольского муниципального округа на 01.09.2026;;;;;;;;',
		HEADER,
		'Петрова Анна Сергеевна;МБОУ «Кадниковская СОШ»;12.03.1990;5;высшее;первая;;математика;',
		'Белов Иван Петрович;Кадниковская СОШ;01.07.1985;12;среднее профессиональное;без категории;;;',
		'Орлова Ольга Ивановна;МБОУ «Сокольская СОШ №1»;01.07.1975;20;высшее;высшая;;;',
		'Сидоров Пётр Ильич;МБОУ «Чучковская ООШ»;01.07.1970;30;высшее;первая;01.01.2030;;',
		'Дальний Олег;МБОУ «Школа № 9»;01.07.1980;10;высшее;;;;'
	].join('\r\n')
);

const dbs: AppDatabase[] = [];
beforeAll(() => i18n.ensure('account'));
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

async function setup() {
	const db = freshDatabase('municipal-import-ui');
	dbs.push(db);
	await db.organizations.bulkPut(SCHOOLS);
	const notices = new Notices();
	render(MunicipalStaffImport, {
		props: { schools: SCHOOLS, backend: onDevice(db, { profileId: IDS.methodist }), resultHref: '/municipal' },
		context: new Map([[NOTICES_KEY, notices]])
	});
	return { db, notices };
}

async function choose(content: BlobPart, name: string) {
	await fireEvent.change(screen.getByLabelText('Файл со списком сотрудников (CSV или XLSX)'), {
		target: { files: [new File([content], name)] }
	});
}

function cells(table: HTMLElement, part: 'tbody' | 'tfoot' = 'tbody'): string[][] {
	return [...table.querySelectorAll(`${part} tr`)].map((tr) =>
		[...tr.querySelectorAll('th, td')].map((c) => c.textContent?.trim() ?? '')
	);
}

describe('the municipal staff import', () => {
	it('shows each school of the file beside the school it matches, and writes nothing until the unknown one is decided and the rows checked and confirmed', async () => {
		const { db, notices } = await setup();
		await choose(FILE as BlobPart, 'кадры.csv');
		const matches = await screen.findByRole('table', { name: 'Школы в файле' });
		expect(cells(matches).map(([file, , rows]) => [file, rows])).toEqual([
			['МБОУ «Кадниковская СОШ»', '2'],
			['МБОУ «Сокольская СОШ №1»', '1'],
			['МБОУ «Чучковская ООШ»', '1'],
			['МБОУ «Школа № 9»', '1']
		]);
		const select = (name: string) =>
			within(matches).getByRole('combobox', { name: `Школа для «${name}»` }) as HTMLSelectElement;
		expect(select('МБОУ «Кадниковская СОШ»').value).toBe(KADNIKOV.id);
		expect(select('МБОУ «Сокольская СОШ №1»').value).toBe(SOKOL.id);
		expect(select('МБОУ «Чучковская ООШ»').value).toBe(CHUCHKOVO.id);
		expect(select('МБОУ «Школа № 9»').value).toBe('');
		expect(within(matches).getAllByText('совпадает по названию')).toHaveLength(3);
		expect(within(matches).getByText('не найдена — выберите школу или «Не загружать»')).toBeInTheDocument();
		const confirm = screen.getByRole('button', { name: 'Школы верны — проверить строки' });
		expect(confirm).toBeDisabled();
		expect(screen.getByRole('status')).toHaveTextContent('Осталось выбрать школу для 1 названия из файла');

		await fireEvent.change(select('МБОУ «Школа № 9»'), { target: { value: 'skip' } });
		await fireEvent.click(confirm);
		const bySchool = await screen.findByRole('table', { name: 'По школам' });
		expect(cells(bySchool)).toEqual([
			[KADNIKOV.name, '2', '0', '0', '0', '0'],
			[SOKOL.name, '1', '0', '0', '0', '0'],
			[CHUCHKOVO.name, '1', '0', '0', '0', '0'],
			['Не загружать эти строки', '0', '0', '0', '0', '1']
		]);
		expect(cells(bySchool, 'tfoot')).toEqual([['Итого', '4', '0', '0', '0', '1']]);
		// Left out by choice: counted, not listed among the file's errors.
		expect(screen.getByTestId('import-summary')).toHaveTextContent('Не загружаются — школа не выбрана: 1 строка');
		expect(screen.queryByRole('table', { name: 'Ошибки в файле' })).toBeNull();
		expect(
			within(screen.getByRole('table', { name: /^Предупреждения/ }))
				.getAllByRole('row')
				.slice(1)
				.map((r) => r.firstElementChild?.textContent)
		).toEqual(['3', '5']);
		expect(screen.getByText('Стаж в файле — на 1 сентября 2026 г. (дата из заголовка файла).')).toBeInTheDocument();
		expect(await db.profiles.count()).toBe(0);

		await fireEvent.click(screen.getByRole('button', { name: 'Загрузить' }));
		await waitFor(() =>
			expect(notices.items.map((n) => n.text)).toEqual([
				'Кадровый состав загружен: новых 4, изменено 0 — 3 школы. Изменения уйдут на сервер при синхронизации.'
			])
		);
		const written = await db.profiles.toArray();
		expect(written.map((p) => [p.fullName, p.schoolId, p.categoryExpiresOn]).sort()).toEqual([
			['Белов Иван Петрович', KADNIKOV.id, null],
			['Орлова Ольга Ивановна', SOKOL.id, null],
			['Петрова Анна Сергеевна', KADNIKOV.id, null],
			['Сидоров Пётр Ильич', CHUCHKOVO.id, '2030-01-01']
		]);
		expect((await db.memberships.toArray()).map((m) => m.organizationId).sort()).toEqual(
			[KADNIKOV.id, KADNIKOV.id, SOKOL.id, CHUCHKOVO.id].sort()
		);
		expect(screen.getByRole('link', { name: 'Открыть показатели муниципалитета' })).toHaveAttribute(
			'href',
			'/municipal'
		);
	});

	it('lets the person put a school’s rows into another school than the one proposed, and go back to change it before writing', async () => {
		const { db } = await setup();
		await db.profiles.put(
			buildProfile({
				id: uuid(901),
				fullName: 'Орлова Ольга Ивановна',
				email: null,
				schoolId: SOKOL.id,
				birthYear: 1975,
				birthDate: '1975-07-01',
				experienceYears: 19,
				experienceAsOf: '2025-09-01',
				category: 'highest',
				categoryExpiresOn: '2027-01-01'
			})
		);
		await db.memberships.put(buildMembership({ id: uuid(902), profileId: uuid(901), organizationId: SOKOL.id }));
		await choose(FILE as BlobPart, 'кадры.csv');
		const matches = await screen.findByRole('table', { name: 'Школы в файле' });
		const select = (name: string) => within(matches).getByRole('combobox', { name: `Школа для «${name}»` });
		await fireEvent.change(select('МБОУ «Школа № 9»'), { target: { value: SOKOL.id } });
		await fireEvent.change(select('МБОУ «Чучковская ООШ»'), { target: { value: 'skip' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Школы верны — проверить строки' }));
		const bySchool = await screen.findByRole('table', { name: 'По школам' });
		// Orlova is on record with 19 years on 1 September 2025: 20 on the file's date, nothing to change.
		expect(cells(bySchool)).toEqual([
			[KADNIKOV.name, '2', '0', '0', '0', '0'],
			[SOKOL.name, '1', '0', '1', '0', '0'],
			['Не загружать эти строки', '0', '0', '0', '0', '1']
		]);
		await fireEvent.click(screen.getByRole('button', { name: 'Изменить школы' }));
		expect(screen.queryByRole('table', { name: 'По школам' })).toBeNull();
		expect(select('МБОУ «Чучковская ООШ»')).not.toBeDisabled();
		await fireEvent.click(screen.getByRole('button', { name: 'Отмена' }));
		expect(screen.queryByRole('table', { name: 'Школы в файле' })).toBeNull();
		expect(await db.profiles.count()).toBe(1);
	});
});
