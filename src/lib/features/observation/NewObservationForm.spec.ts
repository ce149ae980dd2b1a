// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import axe from 'axe-core';
import type { ResolvedPathname } from '$app/types';
import NewObservationForm from './NewObservationForm.svelte';
import ObservationList from './ObservationList.svelte';
import { Session } from '$lib/session/session.svelte';
import { SESSION_KEY } from '$lib/session/context';
import { NOTICES_KEY, Notices } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import * as observations from '$lib/db/observations';
import { buildObservation, buildPair, buildProfile, IDS, uuid } from '$lib/domain/testing/builders';
import type { ObserverRole } from '$lib/domain/observation';
import type { AppDatabase } from '$lib/db/database';
import type { Id } from '$lib/domain/common';
import { loadObservedLessons, loadVisits } from './load';
import { i18n } from '$lib/i18n/i18n.svelte';

beforeAll(() => i18n.ensure('observation', 'mentor'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

const COLLEAGUE = uuid(111);
const OTHER_SCHOOL = uuid(112);
const FORMER_MENTEE = uuid(113);

async function open(): Promise<AppDatabase> {
	const db = freshDatabase('new-observation');
	dbs.push(db);
	await db.profiles.bulkPut([
		buildProfile({ id: IDS.mentor, userId: uuid(1102), fullName: 'Петрова Ольга Николаевна' }),
		buildProfile({ id: IDS.teacher, userId: uuid(1101), fullName: 'Смирнова Анна Игоревна', subjects: ['Физика'] }),
		buildProfile({ id: COLLEAGUE, userId: uuid(1111), fullName: 'Андреев Павел Сергеевич' }),
		buildProfile({ id: FORMER_MENTEE, userId: uuid(1113), fullName: 'Белова Ирина Олеговна' }),
		buildProfile({ id: OTHER_SCHOOL, userId: uuid(1112), fullName: 'Чужая Школа Ивановна', schoolId: uuid(299) })
	]);
	await db.mentoring_pairs.bulkPut([
		buildPair(),
		buildPair({ id: uuid(703), menteeId: FORMER_MENTEE, status: 'completed' })
	]);
	return db;
}

function mount(db: AppDatabase, observerRole: ObserverRole, collapsed = false) {
	const session = new Session();
	session.db = db;
	session.profileId = IDS.mentor;
	const onStarted = vi.fn();
	const { container } = render(NewObservationForm, {
		props: { db, observerId: IDS.mentor, observerRole, onStarted, collapsed },
		context: new Map<unknown, unknown>([
			[SESSION_KEY, session],
			[NOTICES_KEY, new Notices()]
		])
	});
	return { onStarted, container };
}

describe('a new visit', () => {
	it('offers the mentor’s active mentees first, then the other teachers of the school', async () => {
		const { container } = mount(await open(), 'mentor');
		const select = await screen.findByLabelText(/^Педагог/);
		await waitFor(() => expect(within(select).getAllByRole('group')).toHaveLength(2));
		const [mentees, school] = within(select).getAllByRole('group');
		expect(mentees).toHaveAttribute('label', 'Мои наставляемые');
		expect(
			within(mentees!)
				.getAllByRole('option')
				.map((o) => o.textContent)
		).toEqual(['Смирнова Анна Игоревна']);
		expect(school).toHaveAttribute('label', 'Педагоги школы');
		expect(
			within(school!)
				.getAllByRole('option')
				.map((o) => o.textContent)
		).toEqual(['Андреев Павел Сергеевич', 'Белова Ирина Олеговна']);
		expect(screen.getByLabelText(/Быстрый режим/)).toBeChecked();
		const result = await axe.run(container, {
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] },
			rules: { 'color-contrast': { enabled: false } }
		});
		expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual(
			[]
		);
	});

	it('says next to the field that a teacher must be chosen', async () => {
		const db = await open();
		const { onStarted } = mount(db, 'mentor');
		await fireEvent.click(await screen.findByRole('button', { name: 'Начать посещение' }));
		expect(screen.getByLabelText(/^Педагог/)).toHaveAccessibleDescription('Заполните поле');
		expect(onStarted).not.toHaveBeenCalled();
		expect(await db.observations.count()).toBe(0);
	});

	it('starts a draft with the teacher’s subject and opens it', async () => {
		const db = await open();
		const { onStarted } = mount(db, 'mentor');
		const select = await screen.findByLabelText(/^Педагог/);
		await waitFor(() => expect(within(select).getAllByRole('option').length).toBeGreaterThan(1));
		await fireEvent.change(select, { target: { value: IDS.teacher } });
		await fireEvent.click(screen.getByLabelText(/Полный протокол/));
		await fireEvent.input(screen.getByLabelText(/^Дата урока/), { target: { value: '2026-10-05' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Начать посещение' }));

		await waitFor(() => expect(onStarted).toHaveBeenCalledOnce());
		const [row] = await db.observations.toArray();
		expect(onStarted).toHaveBeenCalledWith(row!.id);
		expect(row).toMatchObject({
			observerId: IDS.mentor,
			teacherId: IDS.teacher,
			observerRole: 'mentor',
			mode: 'full',
			date: '2026-10-05',
			subject: 'Физика',
			status: 'draft'
		});
	});

	it('lists the school’s colleagues for a peer visit, behind a button', async () => {
		const db = await open();
		const { onStarted } = mount(db, 'peer', true);
		await fireEvent.click(await screen.findByRole('button', { name: 'Посетить урок коллеги' }));
		const select = await screen.findByLabelText(/^Коллега/);
		await waitFor(() => expect(within(select).getAllByRole('group')).toHaveLength(1));
		expect(
			within(select)
				.getAllByRole('option')
				.map((o) => o.textContent)
		).toEqual(['Выберите педагога', 'Андреев Павел Сергеевич', 'Белова Ирина Олеговна', 'Смирнова Анна Игоревна']);
		await fireEvent.change(select, { target: { value: COLLEAGUE } });
		await fireEvent.click(screen.getByRole('button', { name: 'Начать посещение' }));
		await waitFor(() => expect(onStarted).toHaveBeenCalledOnce());
		expect((await db.observations.toArray())[0]).toMatchObject({
			observerRole: 'peer',
			teacherId: COLLEAGUE,
			mode: 'quick'
		});
	});
});

describe('the lists of visits', () => {
	async function withVisits(): Promise<AppDatabase> {
		const db = await open();
		await db.observations.bulkPut([
			buildObservation({
				id: uuid(811),
				date: '2026-10-01',
				status: 'submitted',
				acknowledgedAt: '2026-10-02T09:00:00.000Z'
			}),
			buildObservation({ id: uuid(812), date: '2026-10-20', className: '' }),
			buildObservation({
				id: uuid(813),
				observerId: COLLEAGUE,
				observerRole: 'peer',
				date: '2026-10-12',
				status: 'submitted'
			})
		]);
		return db;
	}

	function list(
		items: Awaited<ReturnType<typeof loadVisits>>,
		show: 'teacher' | 'observer',
		hrefOf: (id: Id) => ResolvedPathname
	) {
		render(ObservationList, { props: { items, show, hrefOf } });
	}

	it('show the observer whom they visited, newest first, with the stage', async () => {
		const db = await withVisits();
		list(await loadVisits(db, IDS.mentor), 'teacher', (id) => `/mentor/observations/${id}`);
		const links = screen.getAllByRole('link');
		expect(links.map((l) => l.getAttribute('href'))).toEqual([
			`/mentor/observations/${uuid(812)}`,
			`/mentor/observations/${uuid(811)}`
		]);
		expect(links[0]).toHaveTextContent('Смирнова Анна Игоревна');
		expect(links[0]).toHaveTextContent('Черновик');
		expect(links[1]).toHaveTextContent('Ознакомлен(а)');
	});

	it('show the teacher who observed, in what role, handed-over ones only', async () => {
		const db = await withVisits();
		list(await loadObservedLessons(db, IDS.teacher), 'observer', (id) => `/teacher/observations/${id}`);
		const links = screen.getAllByRole('link');
		expect(links).toHaveLength(2);
		expect(links[0]).toHaveTextContent('Андреев Павел Сергеевич');
		expect(links[0]).toHaveTextContent('Коллега (взаимопосещение)');
		expect(links[0]).toHaveTextContent('Проведено');
		expect(links[1]).toHaveTextContent('Наставник');
		expect(await observations.listForTeacher(db, IDS.teacher)).toHaveLength(2);
	});

	it('name an observer the device holds no profile of by role (the school methodist’s visit on the teacher’s phone)', () => {
		const visit = buildObservation({ id: uuid(813), observerId: uuid(899), observerRole: 'methodist' });
		list([{ observation: visit, person: undefined }], 'observer', (id) => `/teacher/observations/${id}`);
		const link = screen.getByRole('link');
		expect(link.querySelector('.name')).toHaveTextContent(/^Методист$/);
		expect(link).not.toHaveTextContent('не найден');
	});
});
