// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import Page from './+page.svelte';
import { Session } from '$lib/session/session.svelte';
import { SESSION_KEY } from '$lib/session/context';
import { NOTICES_KEY, Notices } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import * as formDrafts from '$lib/db/form-drafts';
import * as outbox from '$lib/db/outbox';
import { academicYearOf } from '$lib/domain/academic-year';
import {
	buildAction,
	buildDeficit,
	buildOrganization,
	buildPlan,
	buildSession,
	IDS,
	uuid
} from '$lib/domain/testing/builders';
import { seedPair, shift } from '$lib/features/mentor/testing';
import type { MentoringPair } from '$lib/domain/mentoring';
import type { DevelopmentPlan } from '$lib/domain/development-plan';
import type { Organization } from '$lib/domain/organization';
import type { AppDatabase } from '$lib/db/database';
import { formatDate, i18n } from '$lib/i18n/i18n.svelte';

// The mentor section loads its words in +layout.ts; a component test does the same.
beforeAll(() => i18n.ensure('mentor'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

async function mount(
	pair: Partial<MentoringPair> = {},
	plan: Partial<DevelopmentPlan> = {},
	school: Partial<Organization> = {}
) {
	const db = freshDatabase('pair-page');
	dbs.push(db);
	await seedPair(db, { deficitIds: [IDS.deficit], ...pair });
	await db.organizations.put(buildOrganization(school));
	await db.deficits.bulkPut([
		buildDeficit({ description: 'Не использую критериальное оценивание' }),
		buildDeficit({ id: uuid(402), competencyId: 'motivation', status: 'overcome' })
	]);
	await db.development_plans.put(buildPlan({ academicYear: academicYearOf(shift(0)), ...plan }));
	await db.plan_actions.put(buildAction({ title: 'Курсы «Формирующее оценивание»', deadline: shift(-1) }));
	await db.mentoring_sessions.put(
		buildSession({ date: shift(-30), topic: 'Планирование уроков', acknowledgedAt: `${shift(-29)}T10:00:00.000Z` })
	);
	const session = new Session();
	session.db = db;
	session.profileId = IDS.mentor;
	const notices = new Notices();
	render(Page, {
		props: { params: { pairId: IDS.pair } },
		context: new Map<unknown, unknown>([
			[SESSION_KEY, session],
			[NOTICES_KEY, notices]
		])
	});
	return { db, notices };
}

async function openForm() {
	await fireEvent.click(await screen.findByRole('button', { name: 'Новая встреча' }));
}

describe('the mentor’s screen of a pair', () => {
	it('shows the programme with held meetings, the mentee’s open deficits and plan, read-only', async () => {
		await mount();
		expect(await screen.findByRole('heading', { level: 1, name: 'Иванова Мария Петровна' })).toBeInTheDocument();
		const programme = screen.getByRole('region', { name: 'Программа наставничества' });
		expect(within(programme).getByText('Освоить формирующее оценивание')).toBeInTheDocument();
		expect(within(programme).getByText('Проведено 1 из 2')).toBeInTheDocument();
		expect(within(programme).getByText(/^проведена/)).toBeInTheDocument();
		expect(within(programme).getByText('предстоит')).toBeInTheDocument();

		const deficits = screen.getByRole('region', { name: 'Открытые дефициты наставляемого' });
		expect(within(deficits).getByText(/Оценочная компетенция/)).toBeInTheDocument();
		expect(within(deficits).getByText('в программе')).toBeInTheDocument();
		// An overcome deficit is not open.
		expect(within(deficits).queryByText(/Мотивационная компетенция/)).toBeNull();

		const plan = screen.getByRole('region', { name: 'ИОМ наставляемого' });
		expect(within(plan).getByText(/Курсы «Формирующее оценивание»/)).toBeInTheDocument();
		expect(within(plan).getByText(/просрочено/)).toBeInTheDocument();
		expect(within(plan).queryByRole('button')).toBeNull();

		expect(screen.getByRole('link', { name: 'Журнал наставника' })).toHaveAttribute(
			'href',
			`/mentor/${IDS.pair}/journal`
		);
		expect(screen.getByRole('link', { name: 'Отчёт о реализации программы' })).toHaveAttribute(
			'href',
			`/mentor/${IDS.pair}/report`
		);
		const [card] = screen.getAllByTestId('session');
		expect(card).toHaveTextContent('Планирование уроков');
		expect(card).toHaveTextContent(/Подтверждена наставляемым/);
	});

	it('shows a Russian message beside each bad field of a new session and writes nothing', async () => {
		const { db } = await mount();
		await openForm();
		await fireEvent.input(screen.getByLabelText(/^Дата встречи/), { target: { value: shift(1) } });
		await fireEvent.input(screen.getByLabelText(/^Длительность/), { target: { value: '0' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));

		const topic = screen.getByLabelText(/^Тема/);
		await waitFor(() => expect(topic).toHaveAttribute('aria-invalid', 'true'));
		expect(topic).toHaveAccessibleDescription('Заполните поле');
		expect(screen.getByLabelText(/^Длительность/)).toHaveAccessibleDescription(/Значение от 5 до 600/);
		expect(screen.getByLabelText(/^Дата встречи/)).toHaveAccessibleDescription(/Дата не позже/);
		expect(await db.mentoring_sessions.count()).toBe(1);
		expect(await db.outbox.count()).toBe(0);
	});

	it('says «заполните поле» for an empty duration', async () => {
		await mount();
		await openForm();
		await fireEvent.input(screen.getByLabelText(/^Тема/), { target: { value: 'Разбор урока' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
		await waitFor(() => expect(screen.getByLabelText(/^Длительность/)).toHaveAccessibleDescription(/Заполните поле/));
	});

	it('saves a valid session with its outbox entry, lists it first and clears the draft', async () => {
		const { db, notices } = await mount();
		await openForm();
		expect(screen.getByLabelText(/^Дата встречи/)).toHaveValue(shift(0));
		await fireEvent.change(screen.getByLabelText(/^Форма работы/), { target: { value: 'lesson_review' } });
		await fireEvent.input(screen.getByLabelText(/^Тема/), { target: { value: 'Разбор урока алгебры в 7Б' } });
		await fireEvent.input(screen.getByLabelText(/^Содержание встречи/), {
			target: { value: 'Цели урока сформулированы нечётко' }
		});
		await fireEvent.input(screen.getByLabelText(/^Длительность/), { target: { value: '45' } });
		await fireEvent.input(screen.getByLabelText(/^Договорённости/), {
			target: { value: 'Переписать цели в измеримом виде' }
		});
		await fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));

		await waitFor(async () => expect(await db.mentoring_sessions.count()).toBe(2));
		const row = (await db.mentoring_sessions.toArray()).find((s) => s.id !== IDS.session)!;
		expect(row).toMatchObject({
			pairId: IDS.pair,
			mentorId: IDS.mentor,
			menteeId: IDS.teacher,
			date: shift(0),
			format: 'lesson_review',
			durationMinutes: 45,
			nextSteps: 'Переписать цели в измеримом виде',
			acknowledgedAt: null
		});
		const entries = await outbox.list(db);
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({ table: 'mentoring_sessions', rowId: row.id });
		await waitFor(() => expect(notices.items.map((n) => n.text)).toContain('Встреча записана'));
		await waitFor(() => expect(screen.getAllByTestId('session')[0]).toHaveTextContent('Разбор урока алгебры в 7Б'));
		expect(await formDrafts.load(db, `mentoring-session-new:${IDS.pair}`)).toBeNull();
	});

	it('proposes the planned meeting a late session fulfils, and the programme counts it held', async () => {
		// Planned 30 days ago and in 30 days; the pair met 18 days after the first date: beyond a week.
		const { db } = await mount({
			plannedMeetings: [
				{ date: shift(-30), topic: 'Планирование уроков' },
				{ date: shift(30), topic: 'Разбор урока' }
			]
		});
		await db.mentoring_sessions.clear();
		await openForm();
		await fireEvent.input(screen.getByLabelText(/^Дата встречи/), { target: { value: shift(-12) } });
		const meeting = screen.getByLabelText(/^Встреча по программе/);
		await waitFor(() => expect(meeting).toHaveValue(shift(-30)));
		expect(within(meeting).getByRole('option', { name: /Вне программы/ })).toBeInTheDocument();
		await fireEvent.input(screen.getByLabelText(/^Тема/), { target: { value: 'Планирование уроков по теме «Дроби»' } });
		await fireEvent.input(screen.getByLabelText(/^Длительность/), { target: { value: '40' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));

		await waitFor(async () =>
			expect((await db.mentoring_sessions.toArray()).map((s) => s.plannedMeeting)).toEqual([shift(-30)])
		);
		const programme = screen.getByRole('region', { name: 'Программа наставничества' });
		await waitFor(() => expect(within(programme).getByText('Проведено 1 из 2')).toBeInTheDocument());
		expect(within(programme).queryByText('не проведена')).toBeNull();
	});

	it('lets the mentor say which planned meeting an older session was, instead of «не проведена»', async () => {
		const { db } = await mount();
		await db.mentoring_sessions.clear();
		// Logged before sessions named their meeting, 10 days after the planned date.
		await db.mentoring_sessions.put(
			buildSession({ date: shift(-20), topic: 'Планирование уроков', plannedMeeting: null })
		);
		const programme = await screen.findByRole('region', { name: 'Программа наставничества' });
		await waitFor(() => expect(within(programme).getByText('не проведена')).toBeInTheDocument());

		const [card] = await screen.findAllByTestId('session');
		const link = within(card!).getByLabelText(/^Встреча по программе/);
		expect(link).toHaveValue('');
		await fireEvent.change(link, { target: { value: shift(-30) } });

		await waitFor(() => expect(within(programme).getByText('Проведено 1 из 2')).toBeInTheDocument());
		expect(within(programme).queryByText('не проведена')).toBeNull();
		expect((await db.mentoring_sessions.get(IDS.session))!.plannedMeeting).toBe(shift(-30));
		expect((await outbox.list(db)).map((e) => e.fields)).toEqual([{ plannedMeeting: shift(-30) }]);
	});

	it('adds a comment to a session in the mentor’s name', async () => {
		const { db } = await mount();
		const [card] = await screen.findAllByTestId('session');
		await fireEvent.input(within(card!).getByLabelText('Добавить комментарий'), {
			target: { value: 'Жду план урока к пятнице' }
		});
		await fireEvent.click(within(card!).getByRole('button', { name: 'Отправить' }));
		await waitFor(() => expect(within(card!).getByText('Жду план урока к пятнице')).toBeInTheDocument());
		expect(within(card!).getByText('Смирнова Ольга Николаевна')).toBeInTheDocument();
		expect((await db.comments.toArray())[0]).toMatchObject({
			targetTable: 'mentoring_sessions',
			targetId: IDS.session,
			authorId: IDS.mentor
		});
	});

	it('says when access ended and shows none of the mentee’s records once the pair is over', async () => {
		const ended = shift(-5);
		await mount({ status: 'completed', endDate: ended, startDate: shift(-100), plannedMeetings: [] });
		expect(await screen.findByText(/Доступ к данным наставляемого закрыт/)).toHaveTextContent(
			i18n.t('mentor.pair.ended', formatDate(ended))
		);
		expect(screen.queryByText(/Оценочная компетенция/)).toBeNull();
		expect(screen.queryByText(/Курсы «Формирующее оценивание»/)).toBeNull();
		expect(screen.queryByRole('button', { name: 'Новая встреча' })).toBeNull();
		expect(screen.queryAllByTestId('session')).toHaveLength(0);
	});

	// Согласование by the mentor (docs/workflows.md): only while the plan waits and the school allows it.
	const waiting = { approvalStatus: 'submitted', submittedAt: `${shift(-2)}T09:00:00.000Z` } as const;

	it('lets the active mentor approve a waiting plan where the school allows mentors to', async () => {
		const { db } = await mount({}, waiting, { mentorsApprovePlans: true });
		const approval = await screen.findByTestId('mentor-approval');
		expect(approval).toHaveTextContent('На согласовании');
		await fireEvent.click(await screen.findByRole('button', { name: 'Согласовать' }));
		await waitFor(async () => expect((await db.development_plans.get(IDS.plan))?.approvalStatus).toBe('approved'));
		const plan = await db.development_plans.get(IDS.plan);
		expect(plan).toMatchObject({ approvedBy: IDS.mentor });
		expect(await outbox.unsentForRow(db, 'development_plans', IDS.plan)).not.toHaveLength(0);
		await waitFor(() => expect(screen.getByTestId('mentor-approval')).toHaveTextContent('Согласован'));
		expect(screen.queryByRole('button', { name: 'Согласовать' })).toBeNull();
	});

	it('shows the waiting state but no decision where the school keeps approval to its methodist', async () => {
		await mount({}, waiting, { mentorsApprovePlans: false });
		expect(await screen.findByTestId('mentor-approval')).toHaveTextContent('На согласовании');
		expect(screen.queryByRole('button', { name: 'Согласовать' })).toBeNull();
		expect(screen.queryByRole('button', { name: 'Вернуть на доработку' })).toBeNull();
	});

	it('is not shown to another mentor', async () => {
		await mount({ mentorId: uuid(199) });
		expect(await screen.findByText(/Наставническая пара не найдена/)).toBeInTheDocument();
	});
});
