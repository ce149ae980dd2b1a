// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { Notices, NOTICES_KEY } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import type { AppDatabase } from '$lib/db/database';
import * as outbox from '$lib/db/outbox';
import { buildOrganization, IDS, uuid } from '$lib/domain/testing/builders';
import type { Organization } from '$lib/domain/organization';
import { i18n } from '$lib/i18n/i18n.svelte';
import MonitoringWindows from './MonitoringWindows.svelte';

const REGION = uuid(203);
const actor = { profileId: IDS.methodist };

const dbs: AppDatabase[] = [];
beforeAll(() => i18n.ensure('admin'));
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

async function setup(chosen: 'region' | 'municipality') {
	const db = freshDatabase('admin-windows');
	dbs.push(db);
	const organizations: Organization[] = [
		buildOrganization({
			id: REGION,
			kind: 'region',
			name: 'Кемеровская область',
			parentId: null,
			lowResults: false,
			monitoring: { '2026': { entry: { from: '2026-09-01', to: '2026-10-31' } } }
		}),
		buildOrganization({
			id: IDS.municipality,
			kind: 'municipality',
			name: 'Новокузнецкий городской округ',
			parentId: REGION,
			lowResults: false
		}),
		buildOrganization()
	];
	await db.organizations.bulkPut(organizations);
	const notices = new Notices();
	render(MonitoringWindows, {
		props: { db, actor, organizations, year: 2026, today: '2026-12-07' },
		context: new Map([[NOTICES_KEY, notices]])
	});
	if (chosen === 'municipality')
		await fireEvent.change(screen.getByLabelText('Регион или муниципалитет'), { target: { value: IDS.municipality } });
	return { db, notices };
}

const stage = (name: string) => within(screen.getByRole('group', { name }));
const save = () => fireEvent.click(screen.getByRole('button', { name: 'Сохранить окна' }));

describe('the monitoring windows form', () => {
	it('offers regions and municipalities only, and shows the region’s stored windows', async () => {
		await setup('region');
		const select = screen.getByLabelText('Регион или муниципалитет') as HTMLSelectElement;
		expect([...select.options].map((o) => o.value)).toEqual([REGION, IDS.municipality]);
		expect(stage('Входная диагностика').getByLabelText('Входная диагностика, с')).toHaveValue('2026-09-01');
		expect(stage('Входная диагностика').getByLabelText('Входная диагностика, по')).toHaveValue('2026-10-31');
		expect(stage('Итоговая диагностика').getByLabelText('Итоговая диагностика, с')).toHaveValue('');
	});

	it('shows a municipality the region’s window of each stage, and saves one inside it', async () => {
		const { db, notices } = await setup('municipality');
		expect(
			stage('Входная диагностика').getByText('Окно региона: с 1 сентября 2026 г. по 31 октября 2026 г.')
		).toBeInTheDocument();
		expect(stage('Итоговая диагностика').getByText(/Регион не задал окно этого этапа/)).toBeInTheDocument();
		await fireEvent.input(screen.getByLabelText('Входная диагностика, с'), { target: { value: '2026-09-15' } });
		await fireEvent.input(screen.getByLabelText('Входная диагностика, по'), { target: { value: '2026-10-15' } });
		await fireEvent.input(screen.getByLabelText('Итоговая диагностика, с'), { target: { value: '2027-04-01' } });
		await fireEvent.input(screen.getByLabelText('Итоговая диагностика, по'), { target: { value: '2027-05-25' } });
		await save();
		await waitFor(() =>
			expect(notices.items.map((n) => n.text)).toEqual([
				'Окна мониторинга сохранены: Новокузнецкий городской округ, 2026/2027 учебный год.'
			])
		);
		expect((await db.organizations.get(IDS.municipality))!.monitoring).toEqual({
			'2026': { entry: { from: '2026-09-15', to: '2026-10-15' }, final: { from: '2027-04-01', to: '2027-05-25' } }
		});
		expect(await outbox.list(db)).toHaveLength(1);
	});

	it('says beside the fields, in Russian, why windows are refused, and writes nothing', async () => {
		const { db } = await setup('municipality');
		await fireEvent.input(screen.getByLabelText('Входная диагностика, с'), { target: { value: '2026-09-01' } });
		await fireEvent.input(screen.getByLabelText('Входная диагностика, по'), { target: { value: '2026-11-10' } });
		await fireEvent.input(screen.getByLabelText('Промежуточная диагностика, с'), { target: { value: '2027-01-20' } });
		await fireEvent.input(screen.getByLabelText('Промежуточная диагностика, по'), { target: { value: '2027-01-10' } });
		await fireEvent.input(screen.getByLabelText('Итоговая диагностика, с'), { target: { value: '2027-05-01' } });
		await save();
		expect(
			await stage('Входная диагностика').findByText(
				'Окно муниципалитета должно лежать внутри окна региона: с 1 сентября 2026 г. по 31 октября 2026 г.'
			)
		).toBeInTheDocument();
		expect(
			stage('Промежуточная диагностика').getByText('Дата «по» не может быть раньше даты «с».')
		).toBeInTheDocument();
		expect(
			stage('Итоговая диагностика').getByText('Укажите обе даты окна или оставьте обе пустыми.')
		).toBeInTheDocument();
		expect(screen.getByLabelText('Промежуточная диагностика, по')).toHaveAttribute('aria-invalid', 'true');
		expect((await db.organizations.get(IDS.municipality))!.monitoring).toEqual({});
		expect(await outbox.list(db)).toEqual([]);
	});

	it('refuses a region’s window outside its academic year', async () => {
		const { db } = await setup('region');
		await fireEvent.input(screen.getByLabelText('Итоговая диагностика, с'), { target: { value: '2027-08-20' } });
		await fireEvent.input(screen.getByLabelText('Итоговая диагностика, по'), { target: { value: '2027-09-05' } });
		await save();
		expect(
			await stage('Итоговая диагностика').findByText(
				'Окно должно лежать внутри 2026/2027 учебного года: с 1 сентября 2026 г. по 31 августа 2027 г.'
			)
		).toBeInTheDocument();
		expect(await outbox.list(db)).toEqual([]);
	});
});
