// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import Page from './+page.svelte';
import { Session } from '$lib/session/session.svelte';
import { SESSION_KEY } from '$lib/session/context';
import { NOTICES_KEY, Notices } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import * as outbox from '$lib/db/outbox';
import { buildComment, buildMembership, buildProfile, buildSession, IDS, uuid } from '$lib/domain/testing/builders';
import { MENTOR_NAME, METHODIST_NAME, seedPair, shift } from '$lib/features/mentor/testing';
import type { MentoringPair } from '$lib/domain/mentoring';
import type { AppDatabase } from '$lib/db/database';
import { formatDate, i18n } from '$lib/i18n/i18n.svelte';

// The teacher section and its mentoring screen load these parts in their +layout.ts files.
beforeAll(() => i18n.ensure('teacher', 'mentor'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

async function mount(pair: Partial<MentoringPair> = {}) {
	const db = freshDatabase('teacher-mentoring');
	dbs.push(db);
	const row = await seedPair(db, pair);
	await db.profiles.put(buildProfile({ id: IDS.methodist, userId: uuid(1103), fullName: METHODIST_NAME, email: null }));
	await db.memberships.bulkPut([
		buildMembership(),
		buildMembership({ id: uuid(1002), profileId: IDS.methodist, role: 'school_methodist' }),
		// A methodist of another school does not see this teacher.
		buildMembership({ id: uuid(1003), profileId: uuid(150), organizationId: uuid(299), role: 'school_methodist' })
	]);
	await db.mentoring_sessions.bulkPut([
		buildSession({
			id: uuid(1),
			date: shift(-30),
			topic: 'Планирование уроков',
			acknowledgedAt: `${shift(-29)}T10:00:00.000Z`
		}),
		buildSession({ id: uuid(2), date: shift(-3), topic: 'Разбор урока алгебры', nextSteps: 'Переписать цели урока' })
	]);
	await db.comments.put(
		buildComment({ targetTable: 'mentoring_sessions', targetId: uuid(2), authorId: IDS.mentor, body: 'Жду план урока' })
	);
	const session = new Session();
	session.db = db;
	session.profileId = IDS.teacher;
	const notices = new Notices();
	render(Page, {
		context: new Map<unknown, unknown>([
			[SESSION_KEY, session],
			[NOTICES_KEY, notices]
		])
	});
	return { db, notices, pair: row };
}

describe('the teacher’s mentoring screen', () => {
	it('says who sees my data now: the mentor until the pair’s end, the school’s methodist, the municipal rule', async () => {
		const { pair } = await mount();
		const block = await screen.findByTestId('who-sees');
		await waitFor(() => expect(block).toHaveTextContent(`${MENTOR_NAME} — наставник, до ${formatDate(pair.endDate)}`));
		expect(block).toHaveTextContent(`${METHODIST_NAME} — методист школы`);
		expect(block).toHaveTextContent(/не меньше 5 педагогов/);
		expect(within(block).getAllByRole('listitem')).toHaveLength(2);
	});

	it('no longer lists a mentor whose pair has ended', async () => {
		await mount({ status: 'completed', startDate: shift(-200), endDate: shift(-40), plannedMeetings: [] });
		const block = await screen.findByTestId('who-sees');
		await waitFor(() => expect(block).toHaveTextContent('Наставник сейчас не назначен.'));
		expect(block).not.toHaveTextContent(MENTOR_NAME);
	});

	it('shows my programme and sessions newest first, with the thread', async () => {
		await mount();
		expect(await screen.findByRole('region', { name: `Наставник: ${MENTOR_NAME}` })).toHaveTextContent(
			'Освоить формирующее оценивание'
		);
		const cards = await screen.findAllByTestId('session');
		expect(cards.map((c) => within(c).getByRole('heading', { level: 4 }).textContent)).toEqual([
			expect.stringContaining('Разбор урока алгебры'),
			expect.stringContaining('Планирование уроков')
		]);
		expect(within(cards[0]!).getByText('Жду план урока')).toBeInTheDocument();
		expect(within(cards[0]!).getByText(MENTOR_NAME)).toBeInTheDocument();
		expect(within(cards[1]!).getByText(/Вы подтвердили/)).toBeInTheDocument();
		expect(within(cards[1]!).queryByRole('button', { name: 'Подтвердить встречу' })).toBeNull();
	});

	it('lets the mentee acknowledge a session, writing acknowledgedAt only', async () => {
		const { db, notices } = await mount();
		const [latest] = await screen.findAllByTestId('session');
		await fireEvent.click(within(latest!).getByRole('button', { name: 'Подтвердить встречу' }));

		await waitFor(async () => expect((await db.mentoring_sessions.get(uuid(2)))!.acknowledgedAt).not.toBeNull());
		const [entry] = await outbox.list(db);
		expect(entry).toMatchObject({ table: 'mentoring_sessions', rowId: uuid(2) });
		expect(Object.keys(entry!.fields)).toEqual(['acknowledgedAt']);
		await waitFor(() => expect(notices.items.map((n) => n.text)).toContain('Встреча подтверждена'));
		await waitFor(() => expect(within(latest!).getByText(/Вы подтвердили/)).toBeInTheDocument());
	});

	it('lets the mentee add a comment, shown under the mentor’s with the author’s name', async () => {
		const { db } = await mount();
		const [latest] = await screen.findAllByTestId('session');
		const field = within(latest!).getByLabelText('Добавить комментарий');
		await fireEvent.click(within(latest!).getByRole('button', { name: 'Отправить' }));
		expect(field).toHaveAccessibleDescription(/Заполните поле/);
		expect(await db.comments.count()).toBe(1);

		await fireEvent.input(field, { target: { value: 'Пришлю в четверг' } });
		await fireEvent.click(within(latest!).getByRole('button', { name: 'Отправить' }));
		await waitFor(() => expect(within(latest!).getByText('Пришлю в четверг')).toBeInTheDocument());
		const items = within(latest!)
			.getAllByRole('listitem')
			.map((li) => li.textContent ?? '');
		expect(items[0]).toContain('Жду план урока');
		expect(items[1]).toContain('Иванова Мария Петровна');
		expect(items[1]).toContain('Пришлю в четверг');
		expect(field).toHaveValue('');
		const rows = await db.comments.toArray();
		expect(rows.find((c) => c.body === 'Пришлю в четверг')).toMatchObject({
			authorId: IDS.teacher,
			targetTable: 'mentoring_sessions',
			targetId: uuid(2)
		});
	});

	it('says when no mentor is assigned', async () => {
		const db = freshDatabase('teacher-mentoring-none');
		dbs.push(db);
		await db.profiles.put(buildProfile());
		const session = new Session();
		session.db = db;
		session.profileId = IDS.teacher;
		render(Page, {
			context: new Map<unknown, unknown>([
				[SESSION_KEY, session],
				[NOTICES_KEY, new Notices()]
			])
		});
		expect(await screen.findByText(/Наставник вам пока не назначен/)).toBeInTheDocument();
	});
});
