// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import axe from 'axe-core';
import ObservationFlow from './ObservationFlow.svelte';
import { Session } from '$lib/session/session.svelte';
import { SESSION_KEY } from '$lib/session/context';
import { NOTICES_KEY, Notices } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import * as observations from '$lib/db/observations';
import { DEFAULT_FRAMEWORK as framework } from '$lib/domain/frameworks/default';
import { lookFors } from '$lib/domain/observation';
import { buildProfile, IDS } from '$lib/domain/testing/builders';
import type { AppDatabase } from '$lib/db/database';
import type { Id } from '$lib/domain/common';
import { i18n } from '$lib/i18n/i18n.svelte';

// The observation routes load these parts in +layout.ts (ScoreControl speaks the assessment's words).
beforeAll(() => i18n.ensure('observation', 'assessment', 'mentor'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

const mentor = { profileId: IDS.mentor };

async function open(mode: 'quick' | 'full' = 'quick'): Promise<{ db: AppDatabase; id: Id }> {
	const db = freshDatabase('observation-flow');
	dbs.push(db);
	await db.profiles.put(buildProfile({ id: IDS.teacher, fullName: 'Смирнова Анна Игоревна' }));
	const row = await observations.startDraft(
		db,
		{
			observerId: IDS.mentor,
			teacherId: IDS.teacher,
			observerRole: 'mentor',
			mode,
			framework,
			date: '2026-10-05',
			subject: 'Математика'
		},
		mentor
	);
	return { db, id: row.id };
}

function mount(db: AppDatabase, id: Id, clock?: () => number) {
	const session = new Session();
	session.db = db;
	session.profileId = IDS.mentor;
	const notices = new Notices();
	const onSubmitted = vi.fn();
	const { container } = render(ObservationFlow, {
		props: { db, id, onSubmitted, clock },
		context: new Map<unknown, unknown>([
			[SESSION_KEY, session],
			[NOTICES_KEY, notices]
		])
	});
	return { notices, onSubmitted, container };
}

function current(): HTMLElement {
	return screen.getByTestId('observation-screen');
}

function heading(): string {
	return within(current()).getByRole('heading', { level: 1 }).textContent ?? '';
}

/** Serious and critical axe-core violations of WCAG A/AA that jsdom can judge (no colour contrast: it has no layout). */
async function seriousViolations(container: HTMLElement): Promise<string[]> {
	const result = await axe.run(container, {
		runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
		rules: { 'color-contrast': { enabled: false } }
	});
	return result.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.help}`);
}

describe('the quick observation', () => {
	// Forty taps through ten screens in jsdom: on a busy 2-core machine this can pass the default 5 s.
	it('is finished with taps alone, on no more screens than the framework has competencies', async () => {
		const { db, id } = await open();
		const { onSubmitted, container, notices } = mount(db, id);
		const slow = { timeout: 4000 };
		await screen.findByRole('heading', { level: 1, name: 'Целеполагание' });

		// Anything typed into a text field would fire an input event; a tap on a level or a toggle fires none.
		let typed = 0;
		const countTyping = (event: Event) => {
			if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) typed += 1;
		};
		container.addEventListener('input', countTyping, true);

		// A screen is one page of the flow with its own heading. The suggested recommendations and
		// «Завершить» sit on the last competency's screen, so this counts every screen there is.
		const seen: string[] = [];
		for (;;) {
			seen.push(heading());
			const groups = within(current()).getAllByRole('radiogroup');
			for (const [n, group] of groups.entries()) {
				// One tap per look-for: the first of each competency is weak, the rest are strong.
				await fireEvent.click(
					within(group).getByRole('radio', { name: n === 0 ? 'Проявляется частично' : 'Проявляется в полной мере' })
				);
			}
			const next = screen.queryByRole('button', { name: 'Далее' });
			if (!next) break;
			await fireEvent.click(next);
			await waitFor(() => expect(heading()).not.toBe(seen.at(-1)));
		}

		expect(seen).toEqual(lookFors(framework).map((g) => g.competency.title));
		expect(seen.length).toBeLessThanOrEqual(framework.competencies.length);

		// Every tap reaches the device (fake IndexedDB in jsdom is slow; a phone is not).
		await waitFor(async () => expect(Object.keys((await observations.get(db, id))!.scores)).toHaveLength(29), slow);

		// The last screen offers a recommendation for each look-for scored 0–1, as toggles.
		const suggestions = within(current()).getByTestId('suggestions');
		expect(within(suggestions).getAllByRole('button')).toHaveLength(lookFors(framework).length);
		const offered = within(suggestions).getAllByRole('button');
		expect(offered[0]).toHaveAccessibleName(
			'Формулировать цели урока в деятельностной форме, диагностично (достижение можно проверить)'
		);
		expect(offered.every((b) => b.getAttribute('aria-pressed') === 'false')).toBe(true);
		await fireEvent.click(offered[0]!);
		await waitFor(
			() => expect(within(suggestions).getAllByRole('button')[0]).toHaveAttribute('aria-pressed', 'true'),
			slow
		);
		await fireEvent.click(within(suggestions).getAllByRole('button').at(-1)!);
		await waitFor(
			() => expect(within(suggestions).getAllByRole('button').at(-1)).toHaveAttribute('aria-pressed', 'true'),
			slow
		);
		expect(await seriousViolations(container)).toEqual([]);

		const finish = screen.getByRole('button', { name: 'Завершить' });
		await waitFor(() => expect(finish).toBeEnabled());
		await fireEvent.click(finish);

		await waitFor(() => expect(onSubmitted).toHaveBeenCalledWith(id), slow);
		expect(notices.items.map((n) => n.text)).toEqual(['Посещение завершено, протокол передан педагогу']);
		expect(typed).toBe(0);
		const row = (await observations.get(db, id))!;
		expect(row.status).toBe('submitted');
		expect(Object.keys(row.scores)).toHaveLength(29);
		expect(row.recommendations.map((r) => [r.competencyId, r.indicatorId])).toEqual([
			['goal-setting', 'goal-setting.1'],
			['evaluation', 'evaluation.1']
		]);
		expect(row.recommendations[1]!.text).toBe('Использовать приёмы формирующего оценивания');
		expect([row.className, row.topic, row.notes, row.strengths]).toEqual(['', '', '', '']);
	}, 20_000);

	it('takes a suggestion out again with a second tap', async () => {
		const { db, id } = await open();
		await observations.answer(db, id, 'evaluation.3', 0, mentor);
		const last = lookFors(framework).length - 1;
		await db.meta.put({
			key: `form:observation-flow:${id}`,
			value: { step: last, timer: { startedAt: null, accumulatedMs: 0 } }
		});
		mount(db, id);
		const suggestions = await screen.findByTestId('suggestions');
		const toggle = within(suggestions).getByRole('button', {
			name: 'Организовывать самооценку и взаимооценку обучающихся'
		});
		await fireEvent.click(toggle);
		await waitFor(async () => expect((await observations.get(db, id))!.recommendations).toHaveLength(1));
		await fireEvent.click(toggle);
		await waitFor(async () => expect((await observations.get(db, id))!.recommendations).toEqual([]));
		expect(toggle).toHaveAttribute('aria-pressed', 'false');
	});

	it('lets the observer reword an included suggestion, and holds «Завершить» back while the wording is empty', async () => {
		const { db, id } = await open();
		await observations.answer(db, id, 'motivation.1', 1, mentor);
		const last = lookFors(framework).length - 1;
		await db.meta.put({
			key: `form:observation-flow:${id}`,
			value: { step: last, timer: { startedAt: null, accumulatedMs: 0 } }
		});
		const { onSubmitted } = mount(db, id);
		const slow = { timeout: 4000 };
		const suggestions = await screen.findByTestId('suggestions');
		// Worded from the indicator «Создаёт ситуацию успеха…» as something to do, not «Развивать: создаёт…».
		await fireEvent.click(
			within(suggestions).getByRole('button', {
				name: 'Создавать ситуацию успеха для обучающихся с разным уровнем подготовки'
			})
		);
		const wording = await within(suggestions).findByLabelText(/Формулировка рекомендации/);
		expect(wording).toHaveValue('Создавать ситуацию успеха для обучающихся с разным уровнем подготовки');

		await fireEvent.input(wording, { target: { value: ' ' } });
		const finish = screen.getByRole('button', { name: 'Завершить' });
		await waitFor(() => expect(wording).toHaveAccessibleDescription(/Заполните поле/));
		expect(finish).toBeDisabled();
		expect(finish).toHaveAccessibleDescription(
			'Заполните формулировку рекомендации или уберите рекомендацию, чтобы завершить.'
		);

		await fireEvent.input(wording, {
			target: { value: 'Создавать ситуацию успеха для слабых учеников: посильное задание и похвала' }
		});
		await waitFor(
			async () =>
				expect((await observations.get(db, id))!.recommendations.map((r) => r.text)).toEqual([
					'Создавать ситуацию успеха для слабых учеников: посильное задание и похвала'
				]),
			slow
		);
		await waitFor(() => expect(finish).toBeEnabled());
		await fireEvent.click(finish);
		await waitFor(() => expect(onSubmitted).toHaveBeenCalledWith(id), slow);
		expect((await observations.get(db, id))!.recommendations[0]).toMatchObject({
			text: 'Создавать ситуацию успеха для слабых учеников: посильное задание и похвала',
			indicatorId: 'motivation.1'
		});
	});

	it('cannot be finished before a single look-for is marked', async () => {
		const { db, id } = await open();
		const last = lookFors(framework).length - 1;
		await db.meta.put({
			key: `form:observation-flow:${id}`,
			value: { step: last, timer: { startedAt: null, accumulatedMs: 0 } }
		});
		mount(db, id);
		const finish = await screen.findByRole('button', { name: 'Завершить' });
		expect(finish).toBeDisabled();
		expect(finish).toHaveAccessibleDescription('Чтобы завершить, отметьте хотя бы один признак.');
		expect(screen.getByText('Признаков с оценкой 0–1 нет — предлагать нечего.')).toBeInTheDocument();
	});

	it('resumes after a reload on the screen it was left on, with the taps shown', async () => {
		const { db, id } = await open();
		mount(db, id);
		await screen.findByRole('heading', { level: 1, name: 'Целеполагание' });
		await fireEvent.click(screen.getByRole('button', { name: 'Далее' }));
		await screen.findByRole('heading', { level: 1, name: 'Мотивационная компетенция' });
		const group = within(current()).getAllByRole('radiogroup')[1]!;
		await fireEvent.click(within(group).getByRole('radio', { name: 'Не проявляется' }));
		await waitFor(async () => expect((await observations.get(db, id))!.scores).toEqual({ 'motivation.2': 0 }));
		await waitFor(async () =>
			expect((await db.meta.get(`form:observation-flow:${id}`))?.value).toMatchObject({ values: { step: 1 } })
		);
		cleanup();

		mount(db, id);
		expect(await screen.findByRole('heading', { level: 1, name: 'Мотивационная компетенция' })).toBeInTheDocument();
		expect(screen.getByText('Компетенция 2 из 7')).toBeInTheDocument();
		expect(
			within(within(current()).getAllByRole('radiogroup')[1]!).getByRole('radio', { name: 'Не проявляется' })
		).toHaveAttribute('aria-checked', 'true');
	});

	it('times the lesson and stores its minutes with the observation', async () => {
		const { db, id } = await open();
		let now = 1_000_000;
		mount(db, id, () => now);
		await screen.findByRole('heading', { level: 1, name: 'Целеполагание' });
		expect(screen.getByRole('timer')).toHaveTextContent('0:00');
		await fireEvent.click(screen.getByRole('button', { name: 'Старт' }));
		now += 12 * 60_000 + 30_000;
		await fireEvent.click(screen.getByRole('button', { name: 'Пауза' }));
		expect(screen.getByRole('timer')).toHaveTextContent('12:30');
		await waitFor(async () => expect((await observations.get(db, id))!.durationMinutes).toBe(12));
		expect(screen.getByRole('button', { name: 'Продолжить' })).toBeInTheDocument();
		cleanup();

		// After a reload the paused timer shows where it stopped.
		mount(db, id, () => now + 60 * 60_000);
		expect(await screen.findByRole('timer')).toHaveTextContent('12:30');
	});

	it('keeps free notes optional and saves them as they are typed', async () => {
		const { db, id } = await open();
		mount(db, id);
		await screen.findByRole('heading', { level: 1, name: 'Целеполагание' });
		await fireEvent.input(screen.getByLabelText('Заметки по ходу урока'), {
			target: { value: 'Хорошее начало урока' }
		});
		await waitFor(async () => expect((await observations.get(db, id))!.notes).toBe('Хорошее начало урока'));
	});
});

describe('the full protocol', () => {
	it('asks for the lesson’s details first, with Russian messages next to the fields it lacks', async () => {
		const { db, id } = await open('full');
		await observations.answer(db, id, 'subject-methods.2', 1, mentor);
		await db.meta.put({
			key: `form:observation-flow:${id}`,
			value: { step: framework.competencies.length + 1, timer: { startedAt: null, accumulatedMs: 0 } }
		});
		const { onSubmitted, container } = mount(db, id);
		await screen.findByRole('heading', { level: 1, name: 'Итоги посещения' });

		// A typed recommendation with a competency, then the suggestion from the weak indicator.
		await fireEvent.input(screen.getByLabelText('Текст рекомендации'), {
			target: { value: 'Разбирать типичные ошибки перед самостоятельной работой' }
		});
		await fireEvent.change(screen.getByLabelText('Компетенция'), { target: { value: 'subject-methods' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Добавить рекомендацию' }));
		await waitFor(async () => expect((await observations.get(db, id))!.recommendations).toHaveLength(1));
		await waitFor(() => expect(screen.getByLabelText('Текст рекомендации')).toHaveValue(''));
		await fireEvent.input(screen.getByLabelText('Сильные стороны урока'), { target: { value: 'Чёткая структура' } });

		await fireEvent.click(screen.getByRole('button', { name: 'Завершить' }));
		await screen.findByRole('heading', { level: 1, name: 'Об уроке' });
		const className = screen.getByLabelText(/^Класс/);
		expect(className).toHaveAttribute('aria-invalid', 'true');
		expect(className).toHaveAccessibleDescription('Например, 7Б Заполните поле');
		expect(screen.getByLabelText(/^Тема урока/)).toHaveAccessibleDescription('Заполните поле');
		expect(screen.getByLabelText(/^Предмет/)).toHaveValue('Математика');
		expect(await seriousViolations(container)).toEqual([]);

		await fireEvent.input(className, { target: { value: '7Б' } });
		await fireEvent.input(screen.getByLabelText(/^Тема урока/), { target: { value: 'Линейная функция' } });
		expect(className).toHaveAttribute('aria-invalid', 'false');
		await waitFor(async () =>
			expect((await observations.get(db, id))!).toMatchObject({
				className: '7Б',
				topic: 'Линейная функция',
				strengths: 'Чёткая структура'
			})
		);

		for (let i = 0; i <= framework.competencies.length; i++)
			await fireEvent.click(screen.getByRole('button', { name: 'Далее' }));
		await screen.findByRole('heading', { level: 1, name: 'Итоги посещения' });
		await fireEvent.click(screen.getByRole('button', { name: 'Завершить' }));
		await waitFor(() => expect(onSubmitted).toHaveBeenCalledWith(id));
		const row = (await observations.get(db, id))!;
		expect(row).toMatchObject({
			status: 'submitted',
			className: '7Б',
			subject: 'Математика',
			topic: 'Линейная функция'
		});
		expect(row.recommendations.map((r) => [r.text, r.competencyId])).toEqual([
			['Разбирать типичные ошибки перед самостоятельной работой', 'subject-methods']
		]);
	});

	it('refuses an over-long class at once, next to the field, and does not store it', async () => {
		const { db, id } = await open('full');
		mount(db, id);
		await screen.findByRole('heading', { level: 1, name: 'Об уроке' });
		await fireEvent.input(screen.getByLabelText(/^Класс/), { target: { value: '7'.repeat(201) } });
		expect(screen.getByLabelText(/^Класс/)).toHaveAccessibleDescription('Например, 7Б Не длиннее 200 симв.');
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect((await observations.get(db, id))!.className).toBe('');
	});
});
