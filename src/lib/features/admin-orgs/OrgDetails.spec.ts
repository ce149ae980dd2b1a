// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { Notices, NOTICES_KEY } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import type { AppDatabase } from '$lib/db/database';
import * as organizations from '$lib/db/organizations';
import type { Organization } from '$lib/domain/organization';
import { buildOrganization, IDS, uuid } from '$lib/domain/testing/builders';
import { i18n } from '$lib/i18n/i18n.svelte';
import OrgDetails from './OrgDetails.svelte';

const region = buildOrganization({
	id: uuid(1),
	kind: 'region',
	name: 'Кемеровская область',
	shortName: null,
	parentId: null,
	lowResults: false,
	timeZone: 'Asia/Novokuznetsk'
});
const municipality = buildOrganization({
	id: IDS.municipality,
	kind: 'municipality',
	name: 'Беловский МО',
	shortName: null,
	parentId: region.id,
	lowResults: false
});
const school = buildOrganization();

const dbs: AppDatabase[] = [];
beforeAll(() => i18n.ensure('admin', 'forms'));
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

async function setup(org: Organization) {
	const db = freshDatabase('org-details-ui');
	dbs.push(db);
	const all = [region, municipality, school];
	await db.organizations.bulkPut(all);
	const notices = new Notices();
	const added: string[] = [];
	render(OrgDetails, {
		props: { db, actor: { profileId: null }, org, all, onadd: (id: string) => added.push(id) },
		context: new Map([[NOTICES_KEY, notices]])
	});
	return { db, notices, added };
}

describe('an organisation’s panel', () => {
	it('refuses to close a municipality with an open school, saying so beside the date, and writes nothing', async () => {
		const { db } = await setup(municipality);
		// Today by default.
		expect((screen.getByLabelText('Дата закрытия') as HTMLInputElement).value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		await fireEvent.click(screen.getByRole('button', { name: 'Закрыть организацию' }));
		expect(await screen.findByText(/Нельзя закрыть: внутри открыта ещё 1 организация/)).toBeInTheDocument();
		expect(screen.getByLabelText('Дата закрытия')).toHaveAttribute('aria-invalid', 'true');
		expect((await organizations.get(db, municipality.id))!.closedOn).toBeNull();
		expect(await db.outbox.count()).toBe(0);
	});

	it('shows a blank name’s message beside the field and keeps the old name', async () => {
		const { db } = await setup(school);
		await fireEvent.input(screen.getByLabelText(/Полное наименование/), { target: { value: '   ' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
		expect(await screen.findByText('Заполните поле')).toBeInTheDocument();
		expect((await organizations.get(db, school.id))!.name).toBe(school.name);
	});

	it('offers the inherited zone by name, sets a school’s own zone and flags, and offers to add a ШМО', async () => {
		const { db, notices, added } = await setup(school);
		const zone = screen.getByLabelText('Часовой пояс') as HTMLSelectElement;
		expect(zone.options[0]!.textContent?.trim()).toBe(
			'как у вышестоящей: Новокузнецк, Кемерово (МСК+4) — Asia/Novokuznetsk'
		);
		await fireEvent.change(zone, { target: { value: 'Asia/Omsk' } });
		await fireEvent.click(screen.getByLabelText(/ШНСУ —/));
		await fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
		await waitFor(() => expect(notices.items.map((n) => n.text)).toEqual(['Сохранено']));
		expect(await organizations.get(db, school.id)).toMatchObject({ timeZone: 'Asia/Omsk', adverseConditions: true });
		await fireEvent.click(screen.getByRole('button', { name: 'Добавить ШМО' }));
		expect(added).toEqual([school.id]);
	});
});
