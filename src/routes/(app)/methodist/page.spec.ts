// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import Page from './+page.svelte';
import { Session } from '$lib/session/session.svelte';
import { SESSION_KEY } from '$lib/session/context';
import { freshDatabase } from '$lib/db/testing/fresh';
import { buildMembership, buildOrganization, buildPlan, buildProfile, IDS, uuid } from '$lib/domain/testing/builders';
import type { AppDatabase } from '$lib/db/database';
import { today } from '$lib/session/clock';
import { academicYearLabel, academicYearOf } from '$lib/domain/academic-year';
import { i18n } from '$lib/i18n/i18n.svelte';

beforeAll(() => i18n.ensure('school'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

const TEXT = 'Подготовить открытый урок для родителей';

/** A school with a teacher and its methodist, both on the device. */
async function seeded(): Promise<AppDatabase> {
	const db = freshDatabase('methodist-page');
	dbs.push(db);
	await db.organizations.bulkPut([
		buildOrganization(),
		buildOrganization({
			id: IDS.municipality,
			kind: 'municipality',
			name: 'Демо-округ',
			shortName: null,
			parentId: null
		})
	]);
	await db.profiles.bulkPut([
		buildProfile(),
		buildProfile({
			id: IDS.methodist,
			userId: uuid(1103),
			fullName: 'Лебедева Ирина Сергеевна',
			email: 'lebedeva@school.example'
		})
	]);
	await db.memberships.bulkPut([
		buildMembership(),
		buildMembership({ id: uuid(1002), profileId: IDS.methodist, role: 'school_methodist' })
	]);
	return db;
}

function mount(db: AppDatabase, profileId: string): Session {
	const session = new Session();
	session.db = db;
	session.profileId = profileId;
	render(Page, { context: new Map<unknown, unknown>([[SESSION_KEY, session]]) });
	return session;
}

async function typeRecommendation(): Promise<HTMLElement> {
	const card = await screen.findByTestId('recommendations');
	await fireEvent.input(within(card).getByLabelText(/^Рекомендация/), { target: { value: TEXT } });
	return card;
}

describe('the school methodist’s dashboard', () => {
	it('keeps a recommendation being typed when the person acting changes to the school’s methodist (a guest’s persona arrives after the role switch)', async () => {
		const db = await seeded();
		// A guest switched to the methodist's role: the page opens with the teacher she plays, and
		// the methodist she acts as arrives a moment later.
		const session = mount(db, IDS.teacher);
		const card = await typeRecommendation();
		session.profileId = IDS.methodist;
		await waitFor(() => expect(screen.getByRole('button', { name: 'Отправить рекомендацию' })).toBeEnabled());
		// The same form, still holding the text: the page was never taken down while it reloaded.
		expect(card.isConnected).toBe(true);
		expect(within(card).getByLabelText(/^Рекомендация/)).toHaveValue(TEXT);
	});

	it('stays on screen when another year is chosen: the year select and a recommendation being typed are kept', async () => {
		const db = await seeded();
		mount(db, IDS.methodist);
		const card = await typeRecommendation();
		const select = screen.getByLabelText('Учебный год') as HTMLSelectElement;
		const before = academicYearOf(today()) - 1;
		select.focus();
		await fireEvent.change(select, { target: { value: String(before) } });
		await waitFor(() =>
			expect(document.querySelector('header')).toHaveTextContent(`${academicYearLabel(before)} учебный год`)
		);
		expect(select.isConnected).toBe(true);
		expect(document.activeElement).toBe(select);
		expect(card.isConnected).toBe(true);
		expect(within(card).getByLabelText(/^Рекомендация/)).toHaveValue(TEXT);
	});

	it('takes the dashboard down when the school is gone while it is open (deleted by a sync pull), and says so', async () => {
		const db = await seeded();
		mount(db, IDS.methodist);
		await screen.findByRole('heading', { level: 1, name: buildOrganization().name });
		await db.organizations.update(IDS.school, { deletedAt: '2026-12-08T09:00:00.000Z' });
		await screen.findByText(/В профиле не указана школа/);
		expect(screen.queryByTestId('staff-list')).toBeNull();
	});

	it('counts a draft ИОМ by the indicator’s rule: not in «С ИОМ», said beside the tile, marked in the staff list', async () => {
		const db = await seeded();
		const second = buildProfile({ id: uuid(1201), userId: null, fullName: 'Орлова Мария Петровна', email: null });
		await db.profiles.put(second);
		await db.memberships.put(buildMembership({ id: uuid(1202), profileId: second.id }));
		const year = academicYearOf(today());
		await db.development_plans.bulkPut([
			buildPlan({ academicYear: year, status: 'active' }),
			buildPlan({ id: uuid(1203), teacherId: second.id, academicYear: year, status: 'draft' })
		]);
		mount(db, IDS.methodist);
		const tile = (await screen.findByText('С ИОМ на год')).closest('li')!;
		expect(tile).toHaveTextContent('1 из 2');
		expect(tile).toHaveTextContent('черновики не учитываются: 1');
		const rows = within(screen.getByTestId('staff-list')).getAllByRole('listitem');
		const draftRow = rows.find((r) => r.textContent?.includes('Орлова'))!;
		expect(draftRow).toHaveTextContent('черновик');
		const activeRow = rows.find((r) => !r.textContent?.includes('Орлова'))!;
		expect(activeRow).not.toHaveTextContent('черновик');
	});
});
