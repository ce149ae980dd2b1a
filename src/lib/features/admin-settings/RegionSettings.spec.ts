// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { Notices, NOTICES_KEY } from '$lib/features/shell/notices.svelte';
import { buildOrganization, uuid } from '$lib/domain/testing/builders';
import { DEFAULT_REGION_SETTINGS, type RegionSettings as Settings } from '$lib/domain/region-settings';
import { RegionSettingsError, type RegionSettingsSource } from '$lib/supabase/region-settings';
import { i18n } from '$lib/i18n/i18n.svelte';
import RegionSettings from './RegionSettings.svelte';

const REGION = uuid(203);
const region = buildOrganization({
	id: REGION,
	kind: 'region',
	name: 'Кемеровская область',
	parentId: null,
	lowResults: false
});

beforeAll(() => i18n.ensure('admin'));
afterEach(cleanup);

/** The server's table as a map, with an optional refusal for the next save. */
function stand_in(initial: Settings | null = null, refuse: RegionSettingsError | null = null) {
	const rows = new Map<string, Settings>(initial ? [[REGION, initial]] : []);
	const saves: Settings[] = [];
	const source: RegionSettingsSource = {
		load: async (id) => rows.get(id) ?? { ...DEFAULT_REGION_SETTINGS },
		save: async (id, settings) => {
			if (refuse) throw refuse;
			saves.push(settings);
			rows.set(id, settings);
			return settings;
		}
	};
	return { source, saves };
}

function setup(source: RegionSettingsSource | null) {
	const notices = new Notices();
	render(RegionSettings, {
		props: { regions: [region], source, currentYear: 2026 },
		context: new Map([[NOTICES_KEY, notices]])
	});
	return notices;
}

const save = () => fireEvent.click(screen.getByRole('button', { name: 'Сохранить настройки' }));

describe('the region settings card', () => {
	it('in guest mode says it needs the server and shows the defaults', () => {
		setup(null);
		expect(screen.getByText(/меняются только при подключении к нему/)).toBeInTheDocument();
		const defaults = screen.getByTestId('region-defaults');
		expect(defaults).toHaveTextContent('Порог прироста 0,25');
		expect(defaults).toHaveTextContent('Минимальный размер группы 5');
		expect(defaults).toHaveTextContent('2024/2025 – 2026/2027');
		expect(defaults).toHaveTextContent('1 января');
		expect(screen.queryByRole('button', { name: 'Сохранить настройки' })).toBeNull();
	});

	it('loads the region’s settings and saves a threshold typed with a decimal comma', async () => {
		const { source, saves } = stand_in({ ...DEFAULT_REGION_SETTINGS, minGroupSize: 7, staffReference: '09-15' });
		const notices = setup(source);
		const threshold = (await screen.findByLabelText(/Порог прироста/)) as HTMLInputElement;
		expect(threshold.value).toBe('0,25');
		expect(screen.getByLabelText(/Минимальный размер группы/)).toHaveValue('7');
		expect(screen.getByLabelText('День')).toHaveValue('15');
		expect(screen.getByTestId('reference-example')).toHaveTextContent(
			'15 сентября: в 2026/2027 учебном году — 15 сентября 2026 г.'
		);
		await fireEvent.input(threshold, { target: { value: '0,3' } });
		await fireEvent.change(screen.getByLabelText(/Первый учебный год в отчётах/), { target: { value: '2024' } });
		await fireEvent.input(screen.getByLabelText('День'), { target: { value: '1' } });
		await fireEvent.change(screen.getByLabelText('Месяц'), { target: { value: '3' } });
		expect(screen.getByTestId('reference-example')).toHaveTextContent(
			'1 марта: в 2026/2027 учебном году — 1 марта 2027 г.'
		);
		await save();
		await waitFor(() =>
			expect(notices.items.map((n) => n.text)).toEqual([
				'Настройки региона «Кемеровская область» сохранены на сервере.'
			])
		);
		expect(saves).toEqual([{ growthThreshold: 0.3, minGroupSize: 7, reportYearsFrom: 2024, staffReference: '03-01' }]);
	});

	it('refuses a minimum group below 5 and a day the month lacks, beside the fields, and sends nothing', async () => {
		const { source, saves } = stand_in();
		setup(source);
		const group = await screen.findByLabelText(/Минимальный размер группы/);
		await fireEvent.input(group, { target: { value: '4' } });
		await fireEvent.input(screen.getByLabelText('День'), { target: { value: '29' } });
		await fireEvent.change(screen.getByLabelText('Месяц'), { target: { value: '2' } });
		await save();
		expect(
			await screen.findByText('Не меньше 5: группа меньше пяти педагогов позволила бы узнать данные одного человека.')
		).toBeInTheDocument();
		expect(group).toHaveAttribute('aria-invalid', 'true');
		expect(screen.getByText('В этом месяце нет такого дня (29 февраля есть не в каждом году).')).toBeInTheDocument();
		expect(saves).toEqual([]);
	});

	it('says in Russian when the server refuses', async () => {
		const { source } = stand_in(null, new RegionSettingsError('forbidden', 'new row violates row-level security'));
		const notices = setup(source);
		await screen.findByLabelText(/Порог прироста/);
		await save();
		await waitFor(() =>
			expect(notices.items.map((n) => n.text)).toEqual([
				'Сервер не принял изменения: менять настройки региона может только администратор.'
			])
		);
	});

	it('offers to try again when the settings cannot be loaded', async () => {
		let fail = true;
		const source: RegionSettingsSource = {
			load: async () => {
				if (fail) throw new RegionSettingsError('offline', 'Failed to fetch');
				return { ...DEFAULT_REGION_SETTINGS, growthThreshold: 0.5 };
			},
			save: async (_, s) => s
		};
		setup(source);
		expect(await screen.findByText(/Не удалось загрузить настройки/)).toBeInTheDocument();
		fail = false;
		await fireEvent.click(screen.getByRole('button', { name: 'Повторить' }));
		expect(await screen.findByLabelText(/Порог прироста/)).toHaveValue('0,5');
	});
});
