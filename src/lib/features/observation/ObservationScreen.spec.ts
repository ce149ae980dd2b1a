// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import axe from 'axe-core';
import type { ResolvedPathname } from '$app/types';
import ObservationScreen from './ObservationScreen.svelte';
import { Session } from '$lib/session/session.svelte';
import { SESSION_KEY } from '$lib/session/context';
import { NOTICES_KEY, Notices } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import * as observations from '$lib/db/observations';
import * as formDrafts from '$lib/db/form-drafts';
import { buildDeficit, buildObservation, buildProfile, IDS, uuid } from '$lib/domain/testing/builders';
import type { Observation } from '$lib/domain/observation';
import type { AppDatabase } from '$lib/db/database';
import type { Id } from '$lib/domain/common';
import { i18n } from '$lib/i18n/i18n.svelte';

beforeAll(() => i18n.ensure('observation', 'assessment', 'mentor'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	vi.useRealTimers();
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

const REC = uuid(901);
const TYPED = uuid(902);
const slow = { timeout: 3000 };

async function open(overrides: Partial<Observation> = {}): Promise<AppDatabase> {
	const db = freshDatabase('observation-screen');
	dbs.push(db);
	await db.profiles.bulkPut([
		buildProfile({ id: IDS.teacher, fullName: 'Смирнова Анна Игоревна' }),
		buildProfile({ id: IDS.mentor, userId: uuid(1102), fullName: 'Петрова Ольга Николаевна' })
	]);
	await db.observations.put(
		buildObservation({
			status: 'submitted',
			durationMinutes: 38,
			scores: { 'evaluation.2': 0, 'motivation.1': 3 },
			strengths: 'Доброжелательная атмосфера',
			recommendations: [
				{
					id: REC,
					text: 'Знакомить обучающихся с критериями оценивания до выполнения работы',
					competencyId: 'evaluation',
					indicatorId: 'evaluation.2',
					deficitId: null,
					actionId: null
				},
				{ id: TYPED, text: 'Чаще давать слово слабым ученикам', competencyId: null, deficitId: null, actionId: null }
			],
			...overrides
		})
	);
	return db;
}

function mount(db: AppDatabase, viewerId: Id, links?: { deficits: ResolvedPathname; plan: ResolvedPathname }) {
	const session = new Session();
	session.db = db;
	session.profileId = viewerId;
	const notices = new Notices();
	const { container } = render(ObservationScreen, {
		props: { db, id: IDS.observation, viewerId, backHref: '/mentor/observations', links },
		context: new Map<unknown, unknown>([
			[SESSION_KEY, session],
			[NOTICES_KEY, notices]
		])
	});
	return { notices, container };
}

function recommendation(n: number): HTMLElement {
	return screen.getAllByTestId('recommendation')[n - 1]!;
}

async function seriousViolations(container: HTMLElement): Promise<string[]> {
	const result = await axe.run(container, {
		runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
		rules: { 'color-contrast': { enabled: false } }
	});
	return result.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.help}`);
}

describe('a submitted protocol, for its observer', () => {
	it('reads the observer’s fields, the scores and the recommendations', async () => {
		const { container } = mount(await open(), IDS.mentor);
		expect(
			await screen.findByRole('heading', { level: 1, name: 'Протокол посещения: Смирнова Анна Игоревна' })
		).toBeInTheDocument();
		expect(screen.getByText('Петрова Ольга Николаевна · Наставник')).toBeInTheDocument();
		expect(screen.getByText('38 мин')).toBeInTheDocument();
		expect(screen.getByText('0 · Не проявляется')).toBeInTheDocument();
		expect(screen.getByText('Доброжелательная атмосфера')).toBeInTheDocument();
		expect(screen.getByText('Педагог ещё не ознакомился с протоколом.')).toBeInTheDocument();
		expect(screen.queryByRole('textbox')).toBeNull();
		expect(await seriousViolations(container)).toEqual([]);
	});

	it('turns a recommendation into a deficit with one tap, then shows it done', async () => {
		const db = await open();
		const { notices } = mount(db, IDS.mentor);
		await screen.findAllByTestId('recommendation');
		await fireEvent.click(within(recommendation(1)).getByRole('button', { name: 'Сделать дефицитом' }));

		const done = await within(recommendation(1)).findByRole('button', { name: 'Дефицит создан' }, slow);
		expect(done).toBeDisabled();
		expect(within(recommendation(1)).getByText('Дефицит · Выявлен')).toBeInTheDocument();
		const [deficit] = await db.deficits.toArray();
		expect(deficit).toMatchObject({
			teacherId: IDS.teacher,
			competencyId: 'evaluation',
			source: 'lesson_observation',
			sourceObservationId: IDS.observation
		});
		expect((await observations.get(db, IDS.observation))!.recommendations[0]!.deficitId).toBe(deficit!.id);
		expect(notices.items.map((n) => n.text)).toEqual(['Дефицит записан педагогу']);
	});

	it('says a deficit the teacher already had was confirmed, not created', async () => {
		const db = await open();
		await db.deficits.put(
			buildDeficit({
				id: uuid(4401),
				teacherId: IDS.teacher,
				competencyId: 'evaluation',
				status: 'identified',
				source: 'self_assessment',
				sourceObservationId: null
			})
		);
		const { notices } = mount(db, IDS.mentor);
		await screen.findAllByTestId('recommendation');
		await fireEvent.click(within(recommendation(1)).getByRole('button', { name: 'Сделать дефицитом' }));

		expect(await within(recommendation(1)).findByRole('button', { name: 'Дефицит подтверждён' }, slow)).toBeDisabled();
		expect(await db.deficits.count()).toBe(1);
		expect(notices.items.map((n) => n.text)).toEqual([
			'У педагога уже был этот дефицит: посещение его подтвердило, новый не создан'
		]);
	});

	it('adds a recommendation to the teacher’s plan with the title and deadline the observer settles on, then shows it done', async () => {
		// Only the clock's date is fixed: the proposal is counted from today.
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(new Date(2026, 9, 6, 10, 0));
		const db = await open();
		mount(db, IDS.mentor);
		await screen.findAllByTestId('recommendation');
		await fireEvent.click(within(recommendation(1)).getByRole('button', { name: 'Добавить в ИОМ' }));

		// Proposed: the recommendation's wording and about two months ahead — not 31 August.
		const form = await within(recommendation(1)).findByTestId('recommendation-action-form');
		const title = within(form).getByLabelText(/Мероприятие в ИОМ/);
		const deadline = within(form).getByLabelText('Срок');
		await waitFor(() =>
			expect(title).toHaveValue('Знакомить обучающихся с критериями оценивания до выполнения работы')
		);
		expect(deadline).toHaveValue('2026-12-06');

		await fireEvent.input(title, { target: { value: '  ' } });
		await fireEvent.click(within(form).getByRole('button', { name: 'Добавить в ИОМ' }));
		await waitFor(() => expect(title).toHaveAccessibleDescription(/Заполните поле/));
		expect(await db.plan_actions.count()).toBe(0);

		await fireEvent.input(title, { target: { value: 'Листы самооценки с критериями на каждом уроке' } });
		await fireEvent.input(deadline, { target: { value: '2026-11-30' } });
		await fireEvent.click(within(form).getByRole('button', { name: 'Добавить в ИОМ' }));

		expect(await within(recommendation(1)).findByRole('button', { name: 'Добавлено в ИОМ' }, slow)).toBeDisabled();
		expect(within(recommendation(1)).getByText('Мероприятие ИОМ · Запланировано')).toBeInTheDocument();
		const [action] = await db.plan_actions.toArray();
		expect(action).toMatchObject({
			teacherId: IDS.teacher,
			title: 'Листы самооценки с критериями на каждом уроке',
			deadline: '2026-11-30',
			type: 'self_study',
			sourceObservationId: IDS.observation
		});
		// The handed-over protocol keeps its wording.
		expect(
			within(recommendation(1)).getByText('Знакомить обучающихся с критериями оценивания до выполнения работы')
		).toBeInTheDocument();
		expect(await formDrafts.load(db, `observation-action:${REC}`)).toBeNull();
	});

	it('asks for a competency before a typed recommendation becomes a deficit', async () => {
		const db = await open();
		mount(db, IDS.mentor);
		await screen.findAllByTestId('recommendation');
		await fireEvent.click(within(recommendation(2)).getByRole('button', { name: 'Сделать дефицитом' }));
		const pick = within(recommendation(2)).getByLabelText('Компетенция для дефицита');
		await waitFor(() => expect(pick).toHaveAccessibleDescription('Выберите компетенцию, чтобы записать дефицит'));
		expect(await db.deficits.count()).toBe(0);

		await fireEvent.change(pick, { target: { value: 'communication' } });
		await fireEvent.click(within(recommendation(2)).getByRole('button', { name: 'Сделать дефицитом' }));
		await within(recommendation(2)).findByRole('button', { name: 'Дефицит создан' }, slow);
		expect((await db.deficits.toArray()).map((d) => d.competencyId)).toEqual(['communication']);
	});

	it('offers a colleague’s peer visit no way into the teacher’s deficits or plan', async () => {
		mount(await open({ observerRole: 'peer' }), IDS.mentor);
		await screen.findAllByTestId('recommendation');
		expect(screen.getByText('Петрова Ольга Николаевна · Коллега (взаимопосещение)')).toBeInTheDocument();
		expect(screen.queryByRole('button', { name: 'Сделать дефицитом' })).toBeNull();
		expect(screen.queryByRole('button', { name: 'Добавить в ИОМ' })).toBeNull();
	});
});

describe('a protocol, for the observed teacher', () => {
	it('links the recommendations that became work, with no buttons to make more', async () => {
		const db = await open();
		await observations.recommendationToDeficit(db, IDS.observation, REC, { profileId: IDS.mentor });
		await observations.recommendationToAction(db, IDS.observation, REC, { profileId: IDS.mentor });
		mount(db, IDS.teacher, { deficits: '/teacher/deficits', plan: '/teacher/plan' });
		await screen.findAllByTestId('recommendation');
		expect(within(recommendation(1)).getByRole('link', { name: 'Дефицит · В работе' })).toHaveAttribute(
			'href',
			'/teacher/deficits'
		);
		expect(within(recommendation(1)).getByRole('link', { name: 'Мероприятие ИОМ · Запланировано' })).toHaveAttribute(
			'href',
			'/teacher/plan'
		);
		expect(screen.queryByRole('button', { name: 'Сделать дефицитом' })).toBeNull();
	});

	it('acknowledges with a reflection kept as a draft until the tap', async () => {
		const db = await open();
		const { container } = mount(db, IDS.teacher);
		const reflection = await screen.findByLabelText('Рефлексия');
		await fireEvent.input(reflection, { target: { value: 'Согласна, введу листы самооценки' } });
		await waitFor(
			async () =>
				expect((await formDrafts.load(db, `observation-reflection:${IDS.observation}`))?.values).toEqual({
					reflection: 'Согласна, введу листы самооценки'
				}),
			slow
		);
		expect((await observations.get(db, IDS.observation))!.reflection).toBe('');
		expect(await seriousViolations(container)).toEqual([]);

		await fireEvent.click(screen.getByRole('button', { name: 'Ознакомлен(а)' }));
		await waitFor(
			async () => expect((await observations.get(db, IDS.observation))!.acknowledgedAt).not.toBeNull(),
			slow
		);
		const row = (await observations.get(db, IDS.observation))!;
		expect(row.reflection).toBe('Согласна, введу листы самооценки');
		expect(
			await within(screen.getByTestId('acknowledgement')).findByText(/^Педагог ознакомлен\(а\)/)
		).toBeInTheDocument();
		expect(
			within(screen.getByTestId('acknowledgement')).getByText('Согласна, введу листы самооценки')
		).toBeInTheDocument();
		expect(await screen.findByRole('button', { name: 'Сохранить рефлексию' })).toBeInTheDocument();
	});
});

describe('a draft', () => {
	it('opens as the recording flow for its observer', async () => {
		mount(await open({ status: 'draft' }), IDS.mentor);
		expect(await screen.findByRole('heading', { level: 1, name: 'Целеполагание' })).toBeInTheDocument();
	});

	it('becomes the protocol once finished, with the focus on its heading', async () => {
		const db = await open({ status: 'draft', scores: { 'evaluation.1': 2 }, recommendations: [] });
		await db.meta.put({
			key: `form:observation-flow:${IDS.observation}`,
			value: { step: 6, timer: { startedAt: null, accumulatedMs: 0 } }
		});
		mount(db, IDS.mentor);
		const finish = await screen.findByRole('button', { name: 'Завершить' });
		await waitFor(() => expect(finish).toBeEnabled());
		await fireEvent.click(finish);
		const title = await screen.findByRole(
			'heading',
			{ level: 1, name: 'Протокол посещения: Смирнова Анна Игоревна' },
			slow
		);
		await waitFor(() => expect(title).toHaveFocus());
		expect(await db.meta.get(`form:observation-flow:${IDS.observation}`)).toBeUndefined();
	});

	it('is not shown to the teacher before it is handed over', async () => {
		mount(await open({ status: 'draft' }), IDS.teacher);
		expect(await screen.findByRole('alert')).toHaveTextContent('Посещение не найдено');
		expect(screen.queryByRole('radiogroup')).toBeNull();
	});
});
