// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { Notices, NOTICES_KEY } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import type { AppDatabase } from '$lib/db/database';
import * as targets from '$lib/db/indicator-targets';
import { buildOrganization, IDS, uuid } from '$lib/domain/testing/builders';
import { i18n } from '$lib/i18n/i18n.svelte';
import TargetsEditor from './TargetsEditor.svelte';

const REGION = uuid(203);
const actor = { profileId: IDS.methodist };
const IOM = 'Плановое значение, %: Доля педагогов с индивидуальным планом (ИОМ)';
const PD_ANY = 'Плановое значение, %: Доля педагогов, повысивших квалификацию';

const dbs: AppDatabase[] = [];
beforeAll(() => i18n.ensure('admin', 'school'));
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

async function setup() {
	const db = freshDatabase('admin-targets');
	dbs.push(db);
	const organizations = [
		buildOrganization({ id: REGION, kind: 'region', name: 'Кемеровская область', parentId: null, lowResults: false }),
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
	render(TargetsEditor, {
		props: { db, actor, organizations, year: 2026, today: '2026-12-07' },
		context: new Map([[NOTICES_KEY, notices]])
	});
	return { db, notices };
}

async function choose(name: string) {
	const select = screen.getByLabelText('Организация') as HTMLSelectElement;
	const option = [...select.options].find((o) => o.text.includes(name))!;
	await fireEvent.change(select, { target: { value: option.value } });
}

const value = async (db: AppDatabase, org: string, code: string) =>
	(await targets.listFor(db, org)).find((r) => r.code === code && r.academicYear === 2026)?.value ?? null;

describe('the administrator’s planned values', () => {
	it('are set for the region, stored as shares, and shown to a municipality as the inherited placeholder', async () => {
		const { db, notices } = await setup();
		// The region comes first in the tree.
		expect((screen.getByLabelText('Организация') as HTMLSelectElement).selectedOptions[0]!.text).toContain(
			'Кемеровская область'
		);
		await fireEvent.input(await screen.findByLabelText(IOM), { target: { value: '45,5' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Сохранить плановые значения' }));
		await waitFor(() => expect(notices.items.map((n) => n.text)).toEqual([expect.stringContaining('сохранены')]));
		expect(await value(db, REGION, 'IOM')).toBe(0.455);
		expect(await targets.list(db)).toHaveLength(1);

		await choose('Новокузнецкий');
		const inherited = (await screen.findByLabelText(IOM)) as HTMLInputElement;
		await waitFor(() => expect(inherited.placeholder).toBe('45,5'));
		expect(inherited.value).toBe('');
		expect(screen.getByText('Унаследовано: 45,5 % (Кемеровская область)')).toBeInTheDocument();
		expect((screen.getByLabelText(PD_ANY) as HTMLInputElement).placeholder).toBe('');
	});

	it('let a municipality set its own, which its schools then inherit instead of the region’s', async () => {
		const { db } = await setup();
		await targets.set(db, REGION, 2026, 'IOM', 0.5, actor);
		await choose('Новокузнецкий');
		await waitFor(() => expect((screen.getByLabelText(IOM) as HTMLInputElement).placeholder).toBe('50'));
		await fireEvent.input(screen.getByLabelText(IOM), { target: { value: '60' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Сохранить плановые значения' }));
		await waitFor(async () => expect(await value(db, IDS.municipality, 'IOM')).toBe(0.6));
		expect(await value(db, REGION, 'IOM')).toBe(0.5);

		await choose('школа № 1');
		await waitFor(() => expect((screen.getByLabelText(IOM) as HTMLInputElement).placeholder).toBe('60'));
		expect(screen.getByText('Унаследовано: 60,0 % (Новокузнецкий городской округ)')).toBeInTheDocument();
	});

	it('refuse a value outside 0–100 beside its field and write nothing; a cleared field inherits again', async () => {
		const { db } = await setup();
		await targets.set(db, IDS.municipality, 2026, 'IOM', 0.7, actor);
		await targets.set(db, REGION, 2026, 'IOM', 0.5, actor);
		await choose('Новокузнецкий');
		const field = (await screen.findByLabelText(IOM)) as HTMLInputElement;
		await waitFor(() => expect(field.value).toBe('70'));
		await fireEvent.input(screen.getByLabelText(PD_ANY), { target: { value: '120' } });
		await fireEvent.input(field, { target: { value: '' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Сохранить плановые значения' }));
		expect(await screen.findByText('Введите число от 0 до 100, например 30 или 27,5.')).toBeInTheDocument();
		expect(screen.getByLabelText(PD_ANY)).toHaveAttribute('aria-invalid', 'true');
		expect(await value(db, IDS.municipality, 'IOM')).toBe(0.7);
		expect(await value(db, IDS.municipality, 'PD_ANY')).toBeNull();

		await fireEvent.input(screen.getByLabelText(PD_ANY), { target: { value: '' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Сохранить плановые значения' }));
		await waitFor(async () => expect(await value(db, IDS.municipality, 'IOM')).toBeNull());
		expect(field.placeholder).toBe('50');
	});
});
