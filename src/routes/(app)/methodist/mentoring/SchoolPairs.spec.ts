// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import SchoolPairs from './SchoolPairs.svelte';
import { Session } from '$lib/session/session.svelte';
import { SESSION_KEY } from '$lib/session/context';
import { NOTICES_KEY, Notices } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import { today } from '$lib/session/clock';
import { buildOrganization, buildPair, buildProfile, IDS, uuid } from '$lib/domain/testing/builders';
import type { AppDatabase } from '$lib/db/database';
import { i18n } from '$lib/i18n/i18n.svelte';

beforeAll(() => i18n.ensure('school', 'teacher', 'pairs', 'mentor'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

const year = Number(today().slice(0, 4));
const young = { kornilov: uuid(120), belova: uuid(121), orlov: uuid(122) };

async function mount() {
	const db = freshDatabase('pairs-page');
	dbs.push(db);
	await db.organizations.put(buildOrganization());
	await db.profiles.bulkPut([
		buildProfile({ id: IDS.methodist, fullName: 'Андреева Елена Викторовна', experienceYears: 20 }),
		buildProfile({ id: IDS.mentor, fullName: 'Смирнова Ольга Ивановна', experienceYears: 25 }),
		buildProfile({ id: young.kornilov, fullName: 'Корнилов Денис Андреевич', experienceYears: 1 }),
		buildProfile({ id: young.belova, fullName: 'Белова Анна Сергеевна', experienceYears: 0 }),
		buildProfile({ id: young.orlov, fullName: 'Орлов Пётр Ильич', experienceYears: 2 })
	]);
	await db.mentoring_pairs.bulkPut([
		// Active now.
		buildPair({
			id: uuid(710),
			menteeId: young.kornilov,
			startDate: `${year - 1}-09-01`,
			endDate: `${year + 1}-05-31`,
			plannedMeetings: []
		}),
		// Past its end but never closed: no longer counts as support.
		buildPair({ id: uuid(711), menteeId: young.belova, startDate: `${year - 2}-09-01`, endDate: `${year - 1}-05-31` }),
		// Closed.
		buildPair({
			id: uuid(712),
			menteeId: young.orlov,
			startDate: `${year - 3}-09-01`,
			endDate: `${year - 2}-05-31`,
			status: 'completed'
		})
	]);
	const session = new Session();
	session.db = db;
	session.profileId = IDS.methodist;
	render(SchoolPairs, {
		props: { db, profileId: IDS.methodist },
		context: new Map<unknown, unknown>([
			[SESSION_KEY, session],
			[NOTICES_KEY, new Notices()]
		])
	});
	return db;
}

describe('the school’s mentoring pairs', () => {
	it('lists current pairs first, then ended ones, with their status, model, term and meetings', async () => {
		await mount();
		const current = await screen.findByTestId('current-pairs');
		const [active] = within(current).getAllByTestId('pair');
		expect(
			within(active!).getByRole('link', { name: 'Смирнова Ольга Ивановна → Корнилов Денис Андреевич' })
		).toHaveAttribute('href', `/methodist/mentoring/${uuid(710)}`);
		expect(active).toHaveTextContent('Действует');
		expect(active).toHaveTextContent('Молодой специалист');
		expect(active).toHaveTextContent('Опытный педагог – молодой специалист');
		expect(active).toHaveTextContent('0 встреч в плане');
		const ended = within(screen.getByTestId('ended-pairs')).getAllByTestId('pair');
		expect(ended.map((li) => within(li).getByRole('link').textContent)).toEqual([
			'Смирнова Ольга Ивановна → Белова Анна Сергеевна',
			'Смирнова Ольга Ивановна → Орлов Пётр Ильич'
		]);
		expect(ended[0]).toHaveTextContent('Срок истёк — завершите пару');
		expect(ended[0]).toHaveTextContent('1 встреча в плане');
		expect(ended[1]).toHaveTextContent('Завершена');
	});

	it('warns about young specialists without an active pair and opens the form for one of them', async () => {
		await mount();
		const warning = await screen.findByTestId('unassigned');
		expect(screen.getByRole('heading', { name: 'Без наставника: 2 молодых специалиста' })).toBeInTheDocument();
		expect(
			within(warning)
				.getAllByRole('listitem')
				.map((li) => li.querySelector('.grow')!.textContent)
		).toEqual(['Белова Анна Сергеевна', 'Орлов Пётр Ильич']);
		await fireEvent.click(within(warning).getByRole('button', { name: 'Подобрать наставника: Орлов Пётр Ильич' }));
		await waitFor(() => expect(screen.getByLabelText(/^Наставляемый/)).toHaveValue(young.orlov));
	});
});
