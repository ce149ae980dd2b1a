// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import PairForm from './PairForm.svelte';
import { Session } from '$lib/session/session.svelte';
import { SESSION_KEY } from '$lib/session/context';
import { NOTICES_KEY, Notices } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import * as formDrafts from '$lib/db/form-drafts';
import * as outbox from '$lib/db/outbox';
import { loadSchoolPairs } from '$lib/features/pairs/load';
import { buildOrganization, buildPair, buildProfile, IDS, uuid } from '$lib/domain/testing/builders';
import type { AppDatabase } from '$lib/db/database';
import { i18n } from '$lib/i18n/i18n.svelte';

// The section's +layout.ts files load these words before the screen renders; a test does the same.
beforeAll(() => i18n.ensure('school', 'teacher', 'pairs', 'mentor'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

const TODAY = '2026-09-10';
const young = uuid(120);

async function mount(seed: (db: AppDatabase) => Promise<unknown> = async () => undefined) {
	const db = freshDatabase('pair-form');
	dbs.push(db);
	// As pulled from the server: rows without outbox entries.
	await db.organizations.put(buildOrganization());
	await db.profiles.bulkPut([
		buildProfile({
			id: IDS.methodist,
			fullName: 'Андреева Елена Викторовна',
			position: 'заместитель директора по УВР',
			experienceYears: 20
		}),
		buildProfile({
			id: IDS.mentor,
			fullName: 'Смирнова Ольга Ивановна',
			position: 'учитель математики',
			experienceYears: 25
		}),
		buildProfile({
			id: young,
			fullName: 'Корнилов Денис Андреевич',
			position: 'учитель математики',
			experienceYears: 1
		})
	]);
	await seed(db);
	const view = (await loadSchoolPairs(db, IDS.school, TODAY))!;
	const session = new Session();
	session.db = db;
	session.profileId = IDS.methodist;
	const notices = new Notices();
	const onCreated = vi.fn();
	render(PairForm, {
		props: { db, schoolId: IDS.school, today: TODAY, staff: view.staff, mentees: view.mentees, onCreated },
		context: new Map<unknown, unknown>([
			[SESSION_KEY, session],
			[NOTICES_KEY, notices]
		])
	});
	await fireEvent.click(await screen.findByRole('button', { name: 'Создать пару' }));
	return { db, notices, onCreated };
}

describe('the «Создать пару» form', () => {
	it('starts today, ends on 31 May, and offers young specialists first', async () => {
		await mount();
		expect(screen.getByLabelText(/^Начало/)).toHaveValue(TODAY);
		expect(screen.getByLabelText(/^Окончание/)).toHaveValue('2027-05-31');
		const groups = within(screen.getByLabelText(/^Наставляемый/)).getAllByRole('group');
		expect(groups.map((g) => g.getAttribute('label'))).toEqual(['Молодые специалисты', 'Другие педагоги']);
		expect(
			within(groups[0]!)
				.getAllByRole('option')
				.map((o) => o.textContent)
		).toEqual(['Корнилов Денис Андреевич, учитель математики']);
		expect(screen.getByLabelText(/^Форма \(модель\)/)).toHaveDisplayValue('Опытный педагог – молодой специалист');
	});

	it('shows a Russian message next to each bad field and writes nothing', async () => {
		const { db, onCreated } = await mount();
		await fireEvent.input(screen.getByLabelText(/^Окончание/), { target: { value: '2026-09-01' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Создать пару' }));

		const mentor = screen.getByLabelText(/^Наставник/);
		expect(mentor).toHaveAttribute('aria-invalid', 'true');
		expect(mentor).toHaveAccessibleDescription('Заполните поле');
		expect(screen.getByLabelText(/^Наставляемый/)).toHaveAccessibleDescription('Заполните поле');
		expect(screen.getByLabelText(/^Окончание/)).toHaveAccessibleDescription(/Дата не раньше 10 сентября 2026/);
		expect(mentor).toHaveFocus();
		expect(await db.mentoring_pairs.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
		expect(onCreated).not.toHaveBeenCalled();
	});

	it('says that mentor and mentee must be different people', async () => {
		const { db } = await mount();
		await fireEvent.change(screen.getByLabelText(/^Наставник/), { target: { value: young } });
		await fireEvent.change(screen.getByLabelText(/^Наставляемый/), { target: { value: young } });
		await fireEvent.click(screen.getByRole('button', { name: 'Создать пару' }));
		expect(screen.getByLabelText(/^Наставляемый/)).toHaveAccessibleDescription(
			/Наставник и наставляемый должны быть разными педагогами/
		);
		expect(await db.mentoring_pairs.count()).toBe(0);
	});

	it('creates a valid pair with its outbox entry, clears the draft and hands the pair on', async () => {
		const { db, notices, onCreated } = await mount();
		await fireEvent.change(screen.getByLabelText(/^Наставник/), { target: { value: IDS.mentor } });
		await fireEvent.change(screen.getByLabelText(/^Наставляемый/), { target: { value: young } });
		await fireEvent.input(screen.getByLabelText(/^Цели/), { target: { value: 'Адаптация молодого специалиста' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Создать пару' }));

		await waitFor(async () => expect(await db.mentoring_pairs.count()).toBe(1));
		const [pair] = await db.mentoring_pairs.toArray();
		expect(pair).toMatchObject({
			schoolId: IDS.school,
			mentorId: IDS.mentor,
			menteeId: young,
			model: 'experienced_young',
			startDate: TODAY,
			endDate: '2027-05-31',
			status: 'active',
			goals: 'Адаптация молодого специалиста'
		});
		expect((await outbox.list(db)).map((e) => [e.table, e.rowId])).toEqual([['mentoring_pairs', pair!.id]]);
		await waitFor(() => expect(onCreated).toHaveBeenCalledWith(expect.objectContaining({ id: pair!.id })));
		expect(notices.items.map((n) => n.text)).toContain('Пара создана. Составьте программу наставничества.');
		expect(await formDrafts.load(db, `pair-new:${IDS.school}`)).toBeNull();
	});

	it('refuses a second active pair for a mentee, beside the mentee field', async () => {
		const { db } = await mount((db) => db.mentoring_pairs.put(buildPair({ menteeId: young, startDate: '2026-09-01' })));
		await fireEvent.change(screen.getByLabelText(/^Наставник/), { target: { value: IDS.methodist } });
		await fireEvent.change(screen.getByLabelText(/^Наставляемый/), { target: { value: young } });
		expect(screen.getByLabelText(/^Наставляемый/)).toHaveDisplayValue(
			'Корнилов Денис Андреевич, учитель математики — есть наставник'
		);
		await fireEvent.click(screen.getByRole('button', { name: 'Создать пару' }));
		await waitFor(() =>
			expect(screen.getByLabelText(/^Наставляемый/)).toHaveAccessibleDescription(/уже есть действующая пара/)
		);
		expect(await db.mentoring_pairs.count()).toBe(1);
		expect(await db.outbox.count()).toBe(0);
	});

	it('autosaves what was typed and brings it back after a reload', async () => {
		const first = await mount();
		await fireEvent.input(screen.getByLabelText(/^Цели/), {
			target: { value: 'Освоение технологической карты урока' }
		});
		await waitFor(
			async () =>
				expect((await formDrafts.load(first.db, `pair-new:${IDS.school}`))?.values).toMatchObject({
					open: true,
					goals: 'Освоение технологической карты урока'
				}),
			{ timeout: 2000 }
		);
		cleanup();

		const session = new Session();
		session.db = first.db;
		session.profileId = IDS.methodist;
		render(PairForm, {
			props: { db: first.db, schoolId: IDS.school, today: TODAY, staff: [], mentees: [] },
			context: new Map<unknown, unknown>([
				[SESSION_KEY, session],
				[NOTICES_KEY, new Notices()]
			])
		});
		await waitFor(() => expect(screen.getByLabelText(/^Цели/)).toHaveValue('Освоение технологической карты урока'));
	});
});
