// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import PairDetail from './PairDetail.svelte';
import { Session } from '$lib/session/session.svelte';
import { SESSION_KEY } from '$lib/session/context';
import { NOTICES_KEY, Notices } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import * as formDrafts from '$lib/db/form-drafts';
import * as outbox from '$lib/db/outbox';
import { today } from '$lib/session/clock';
import { buildDeficit, buildOrganization, buildPair, buildProfile, IDS, uuid } from '$lib/domain/testing/builders';
import type { MentoringPair } from '$lib/domain/mentoring';
import type { AppDatabase } from '$lib/db/database';
import { i18n } from '$lib/i18n/i18n.svelte';

beforeAll(() => i18n.ensure('school', 'teacher', 'pairs', 'mentor'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

const day = today();
const year = Number(day.slice(0, 4));
// A term around today, so that the pair is active whenever the test runs.
const pair = buildPair({
	startDate: `${year - 1}-09-01`,
	endDate: `${year + 1}-05-31`,
	plannedMeetings: [],
	goals: 'Адаптация'
});

async function mount(overrides: Partial<MentoringPair> = {}) {
	const db = freshDatabase('pair-detail');
	dbs.push(db);
	await db.organizations.put(buildOrganization());
	await db.profiles.bulkPut([
		buildProfile({ id: IDS.methodist, fullName: 'Андреева Елена Викторовна' }),
		buildProfile({ id: IDS.mentor, fullName: 'Смирнова Ольга Ивановна', experienceYears: 25 }),
		buildProfile({ id: IDS.teacher, fullName: 'Корнилов Денис Андреевич', experienceYears: 1 })
	]);
	await db.deficits.bulkPut([
		buildDeficit({ description: 'Не использую критериальное оценивание' }),
		buildDeficit({ id: uuid(402), competencyId: 'motivation', indicatorIds: ['motivation.1'], status: 'overcome' })
	]);
	await db.mentoring_pairs.put({ ...pair, ...overrides });
	const session = new Session();
	session.db = db;
	session.profileId = IDS.methodist;
	const notices = new Notices();
	render(PairDetail, {
		props: { db, profileId: IDS.methodist, id: IDS.pair },
		context: new Map<unknown, unknown>([
			[SESSION_KEY, session],
			[NOTICES_KEY, notices]
		])
	});
	await screen.findByTestId('programme-editor');
	return { db, notices };
}

async function addMeeting(date: string, topic: string) {
	await fireEvent.input(screen.getByLabelText(/^Дата встречи/), { target: { value: date } });
	await fireEvent.input(screen.getByLabelText(/^Тема встречи/), { target: { value: topic } });
	await fireEvent.click(screen.getByRole('button', { name: 'Добавить встречу' }));
}

describe('the pair and its programme', () => {
	it('shows the people, the model, the term and the open deficits of the mentee', async () => {
		await mount();
		expect(screen.getByRole('heading', { level: 1, name: 'Наставническая пара' })).toBeInTheDocument();
		expect(screen.getByText('Смирнова Ольга Ивановна, учитель математики')).toBeInTheDocument();
		expect(screen.getByText('Опытный педагог – молодой специалист')).toBeInTheDocument();
		expect(screen.getByText('Молодой специалист')).toBeInTheDocument();
		const deficits = within(
			screen.getByRole('group', { name: 'Дефициты, на которые направлена программа' })
		).getAllByRole('checkbox');
		// The overcome deficit is not offered: only open ones, and those already in the programme.
		expect(deficits).toHaveLength(1);
		expect(screen.getByText('Не использую критериальное оценивание')).toBeInTheDocument();
		expect(screen.getByRole('link', { name: 'Версия для печати' })).toHaveAttribute(
			'href',
			`/methodist/mentoring/${IDS.pair}/print`
		);
	});

	it('refuses a meeting outside the term next to the date', async () => {
		await mount();
		await addMeeting(`${year + 1}-06-15`, 'Итоги года');
		expect(screen.getByLabelText(/^Дата встречи/)).toHaveAccessibleDescription(/Дата не позже 31 мая/);
		await addMeeting('', '');
		expect(screen.getByLabelText(/^Дата встречи/)).toHaveAccessibleDescription('Заполните поле');
		expect(screen.getByLabelText(/^Тема встречи/)).toHaveAccessibleDescription('Заполните поле');
		expect(screen.queryByTestId('planned-meetings')).toBeNull();
	});

	it('saves planned meetings in date order with the chosen deficit and expected results', async () => {
		const { db, notices } = await mount();
		await addMeeting(`${year}-03-12`, 'Разбор открытого урока');
		await addMeeting(`${year - 1}-09-20`, 'Знакомство, составление программы');
		await addMeeting(`${year}-01-15`, 'Лишняя встреча');
		const list = screen.getByTestId('planned-meetings');
		expect(
			within(list)
				.getAllByRole('listitem')
				.map((li) => li.querySelector('.topic')!.textContent)
		).toEqual(['Знакомство, составление программы', 'Лишняя встреча', 'Разбор открытого урока']);
		await fireEvent.click(within(list).getByRole('button', { name: /Удалить встречу .*: Лишняя встреча/ }));
		await fireEvent.click(screen.getByRole('checkbox', { name: /Оценочная/ }));
		await fireEvent.input(screen.getByLabelText(/^Ожидаемые результаты/), {
			target: { value: 'Проводит открытый урок на ШМО' }
		});
		expect(screen.getByText('Есть несохранённые изменения')).toBeInTheDocument();
		await fireEvent.click(screen.getByRole('button', { name: 'Сохранить программу' }));

		await waitFor(async () =>
			expect((await db.mentoring_pairs.get(IDS.pair))!.plannedMeetings).toEqual([
				{ date: `${year - 1}-09-20`, topic: 'Знакомство, составление программы' },
				{ date: `${year}-03-12`, topic: 'Разбор открытого урока' }
			])
		);
		const row = (await db.mentoring_pairs.get(IDS.pair))!;
		expect(row).toMatchObject({
			deficitIds: [IDS.deficit],
			expectedResults: 'Проводит открытый урок на ШМО',
			goals: 'Адаптация'
		});
		const [entry] = await outbox.forRow(db, 'mentoring_pairs', IDS.pair);
		expect(Object.keys(entry!.fields).sort()).toEqual(['deficitIds', 'expectedResults', 'plannedMeetings']);
		await waitFor(() => expect(notices.items.map((n) => n.text)).toContain('Программа наставничества сохранена'));
		await waitFor(() => expect(screen.queryByText('Есть несохранённые изменения')).toBeNull());
		await waitFor(async () => expect(await formDrafts.load(db, `pair-programme:${IDS.pair}`)).toBeNull(), {
			timeout: 2000
		});
	});

	it('keeps unsaved edits as a draft and brings them back after a reload', async () => {
		const first = await mount();
		await fireEvent.input(screen.getByLabelText(/^Цели/), {
			target: { value: 'Адаптация; подготовка открытого урока' }
		});
		await waitFor(
			async () =>
				expect((await formDrafts.load(first.db, `pair-programme:${IDS.pair}`))?.values).toMatchObject({
					programme: { goals: 'Адаптация; подготовка открытого урока' }
				}),
			{
				timeout: 2000
			}
		);
		cleanup();
		const session = new Session();
		session.db = first.db;
		session.profileId = IDS.methodist;
		render(PairDetail, {
			props: { db: first.db, profileId: IDS.methodist, id: IDS.pair },
			context: new Map<unknown, unknown>([
				[SESSION_KEY, session],
				[NOTICES_KEY, new Notices()]
			])
		});
		await waitFor(() => expect(screen.getByLabelText(/^Цели/)).toHaveValue('Адаптация; подготовка открытого урока'));
		expect((await first.db.mentoring_pairs.get(IDS.pair))!.goals).toBe('Адаптация');
	});

	it('ends the pair after an inline confirmation, and then shows the programme read-only', async () => {
		const { db } = await mount();
		await fireEvent.click(screen.getByRole('button', { name: 'Завершить пару' }));
		const form = screen.getByTestId('end-form');
		expect(within(form).getByText(/Отменить это нельзя/)).toBeInTheDocument();
		await fireEvent.click(within(form).getByLabelText('Пара прекращена досрочно'));
		await fireEvent.input(within(form).getByLabelText(/^Дата завершения/), { target: { value: `${year - 2}-01-01` } });
		await fireEvent.click(within(form).getByRole('button', { name: 'Подтвердить' }));
		await waitFor(() =>
			expect(within(form).getByLabelText(/^Дата завершения/)).toHaveAccessibleDescription(
				`Дата не раньше 1 сентября ${year - 1} г.`
			)
		);
		expect((await db.mentoring_pairs.get(IDS.pair))!.status).toBe('active');

		await fireEvent.input(within(form).getByLabelText(/^Дата завершения/), { target: { value: day } });
		await fireEvent.click(within(form).getByRole('button', { name: 'Подтвердить' }));
		await waitFor(async () =>
			expect(await db.mentoring_pairs.get(IDS.pair)).toMatchObject({ status: 'terminated', endDate: day })
		);
		expect(await screen.findByText(/программа сохранена как есть/)).toBeInTheDocument();
		expect(screen.queryByTestId('programme-editor')).toBeNull();
		expect(screen.queryByRole('button', { name: 'Завершить пару' })).toBeNull();
		expect(screen.getByText('Прекращена')).toBeInTheDocument();
	});

	it('changes the model and the term, and keeps the planned meetings inside it', async () => {
		const { db } = await mount({ plannedMeetings: [{ date: `${year}-04-10`, topic: 'Открытый урок' }] });
		await fireEvent.click(screen.getByRole('button', { name: 'Изменить форму и сроки' }));
		const form = screen.getByTestId('terms-form');
		await fireEvent.change(within(form).getByLabelText(/^Форма \(модель\)/), {
			target: { value: 'subject_expert_novice' }
		});
		await fireEvent.input(within(form).getByLabelText(/^Окончание/), { target: { value: `${year}-03-31` } });
		await fireEvent.click(within(form).getByRole('button', { name: 'Сохранить форму и сроки' }));
		await waitFor(() =>
			expect(within(form).getByLabelText(/^Окончание/)).toHaveAccessibleDescription(/Дата не раньше 10 апреля/)
		);
		expect((await db.mentoring_pairs.get(IDS.pair))!.model).toBe('experienced_young');

		await fireEvent.input(within(form).getByLabelText(/^Окончание/), { target: { value: `${year + 1}-08-31` } });
		await fireEvent.click(within(form).getByRole('button', { name: 'Сохранить форму и сроки' }));
		await waitFor(async () =>
			expect(await db.mentoring_pairs.get(IDS.pair)).toMatchObject({
				model: 'subject_expert_novice',
				endDate: `${year + 1}-08-31`
			})
		);
		await waitFor(() => expect(screen.queryByTestId('terms-form')).toBeNull());
		expect(await screen.findByText('Опытный предметник – неопытный предметник')).toBeInTheDocument();
	});

	it('does not show a pair of another school', async () => {
		const db = freshDatabase('pair-detail-other');
		dbs.push(db);
		await db.profiles.put(buildProfile({ id: IDS.methodist, schoolId: uuid(299) }));
		await db.mentoring_pairs.put(pair);
		const session = new Session();
		session.db = db;
		session.profileId = IDS.methodist;
		render(PairDetail, {
			props: { db, profileId: IDS.methodist, id: IDS.pair },
			context: new Map<unknown, unknown>([
				[SESSION_KEY, session],
				[NOTICES_KEY, new Notices()]
			])
		});
		expect(await screen.findByText(/Пара не найдена/)).toBeInTheDocument();
	});
});
