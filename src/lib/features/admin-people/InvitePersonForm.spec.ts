// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { Notices, NOTICES_KEY } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import type { AppDatabase } from '$lib/db/database';
import { ADMIN, type Grantor } from '$lib/domain/grants';
import { buildOrganization, buildProfile, uuid } from '$lib/domain/testing/builders';
import { i18n } from '$lib/i18n/i18n.svelte';
import InvitePersonForm from './InvitePersonForm.svelte';

const region = buildOrganization({ id: uuid(1), kind: 'region', name: 'Область', shortName: null, parentId: null });
const north = buildOrganization({
	id: uuid(2),
	kind: 'municipality',
	name: 'Северный округ',
	shortName: null,
	parentId: region.id
});
const south = buildOrganization({
	id: uuid(3),
	kind: 'municipality',
	name: 'Южный округ',
	shortName: null,
	parentId: region.id
});
const school1 = buildOrganization({
	id: uuid(4),
	kind: 'school',
	name: 'СОШ № 1',
	shortName: null,
	parentId: north.id
});
const school9 = buildOrganization({
	id: uuid(5),
	kind: 'school',
	name: 'СОШ № 9',
	shortName: null,
	parentId: south.id
});
const ORGS = [region, north, south, school1, school9];
const MUNICIPAL: Grantor = { admin: false, municipal: [north.id], schools: [] };

const dbs: AppDatabase[] = [];
beforeAll(() => i18n.ensure('admin'));
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

async function setup(grantor: Grantor) {
	const db = freshDatabase('invite-person');
	dbs.push(db);
	await db.organizations.bulkPut(ORGS);
	await db.profiles.put(buildProfile({ id: uuid(50), email: 'taken@school.ru' }));
	const notices = new Notices();
	render(InvitePersonForm, {
		props: { db, grantor, actor: { profileId: uuid(900) }, organizations: ORGS },
		context: new Map([[NOTICES_KEY, notices]])
	});
	return { db, notices };
}

// Required fields' labels end in an asterisk hidden from screen readers.
const field = (label: string) => screen.getByLabelText(label, { exact: false });
const options = (label: string) =>
	within(field(label))
		.getAllByRole('option')
		.map((o) => o.textContent);

async function fill(values: Record<string, string>) {
	for (const [label, value] of Object.entries(values)) await fireEvent.input(field(label), { target: { value } });
}

describe('inviting by e-mail', () => {
	it('offers a municipal methodist only its schools, with school methodist, teacher and mentor', async () => {
		await setup(MUNICIPAL);
		// The only school is chosen for them.
		expect(options('Организация')).toEqual(['— выберите организацию —', 'СОШ № 1 (Северный округ)']);
		await waitFor(() => expect(options('Роль')).toEqual(['Педагог', 'Наставник', 'Методист ОО']));
	});

	it('offers the administrator every organisation, each with the roles it takes', async () => {
		await setup(ADMIN);
		await fireEvent.change(field('Организация'), { target: { value: north.id } });
		await waitFor(() => expect(options('Роль')).toEqual(['Муниципальный методист']));
		await fireEvent.change(field('Организация'), { target: { value: region.id } });
		await waitFor(() => expect(options('Роль')).toEqual(['Администратор']));
	});

	it('says what is wrong beside each field and writes nothing', async () => {
		const { db } = await setup(ADMIN);
		await fill({ 'E-mail': 'TAKEN@school.ru', 'Год рождения': '1890' });
		await fireEvent.click(screen.getByRole('button', { name: 'Пригласить' }));
		expect(await screen.findByText('Человек с таким e-mail уже есть — найдите его и выдайте роль')).toBeInTheDocument();
		expect(field('Организация')).toHaveAttribute('aria-invalid', 'true');
		expect(field('ФИО')).toHaveAttribute('aria-invalid', 'true');
		expect(field('Год рождения')).toHaveAttribute('aria-invalid', 'true');
		expect(field('стаж')).toHaveAttribute('aria-invalid', 'true');
		expect(await db.profiles.count()).toBe(1);
		expect(await db.outbox.count()).toBe(0);
	});

	it('saves the invitation on the device and says so', async () => {
		const { db, notices } = await setup(MUNICIPAL);
		await waitFor(() => expect(options('Роль')).toHaveLength(3));
		await fireEvent.change(field('Роль'), { target: { value: 'school_methodist' } });
		await fill({ ФИО: 'Соколова Елена Викторовна', 'E-mail': 'sokolova@school.ru', 'Год рождения': '1980' });
		await fill({ 'Педагогический стаж, лет': '20' });
		await fireEvent.click(screen.getByRole('button', { name: 'Пригласить' }));
		await waitFor(() =>
			expect(notices.items.map((n) => n.text)).toEqual([
				'Соколова Елена Викторовна: приглашение сохранено («Методист ОО» в «СОШ № 1»). Оно уйдёт на сервер при синхронизации.'
			])
		);
		const made = (await db.memberships.toArray())[0];
		expect(made).toMatchObject({ organizationId: school1.id, role: 'school_methodist' });
		expect(field('ФИО')).toHaveValue('');
	});
});
