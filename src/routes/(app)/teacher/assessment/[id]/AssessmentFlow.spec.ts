// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import AssessmentFlow from './AssessmentFlow.svelte';
import { Session } from '$lib/session/session.svelte';
import { SESSION_KEY } from '$lib/session/context';
import { NOTICES_KEY, Notices } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import * as assessments from '$lib/db/assessments';
import { DEFAULT_FRAMEWORK as framework } from '$lib/domain/frameworks/default';
import { IDS, scoresFor } from '$lib/domain/testing/builders';
import type { AppDatabase } from '$lib/db/database';
import type { Id } from '$lib/domain/common';
import { i18n } from '$lib/i18n/i18n.svelte';

// The section's +layout.ts files load these words before the screen renders; a test does the same.
beforeAll(() => i18n.ensure('teacher', 'assessment'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

const actor = { profileId: IDS.teacher };

async function draft(db: AppDatabase): Promise<Id> {
	const row = await assessments.startDraft(
		db,
		{ teacherId: IDS.teacher, stage: 'entry', academicYear: 2026, framework },
		actor
	);
	return row.id;
}

function mount(db: AppDatabase, id: Id) {
	const session = new Session();
	session.db = db;
	session.profileId = IDS.teacher;
	const notices = new Notices();
	const onSubmitted = vi.fn();
	const onReadOnly = vi.fn();
	render(AssessmentFlow, {
		props: { db, id, onSubmitted, onReadOnly },
		context: new Map<unknown, unknown>([
			[SESSION_KEY, session],
			[NOTICES_KEY, notices]
		])
	});
	return { notices, onSubmitted, onReadOnly };
}

function open() {
	const db = freshDatabase('flow');
	dbs.push(db);
	return db;
}

/** The 0–3 control of the n-th indicator on screen (1-based). */
function indicator(n: number): HTMLElement {
	return screen.getAllByRole('radiogroup')[n - 1]!;
}

describe('the self-assessment flow', () => {
	it('shows one competency with its indicators, each a labelled 0–3 radio group', async () => {
		const db = open();
		mount(db, await draft(db));
		expect(await screen.findByRole('heading', { level: 1, name: 'Целеполагание' })).toBeInTheDocument();
		expect(screen.getByText('Компетенция 1 из 10')).toBeInTheDocument();
		const groups = screen.getAllByRole('radiogroup');
		expect(groups).toHaveLength(framework.competencies[0]!.indicators.length);
		expect(groups[0]).toHaveAccessibleName(framework.competencies[0]!.indicators[0]!.text);
		const radios = within(groups[0]!).getAllByRole('radio');
		expect(radios).toHaveLength(4);
		framework.scale.forEach((level, i) => expect(radios[i]).toHaveAccessibleName(level.label));
		for (const radio of radios) expect(radio).toHaveAttribute('aria-checked', 'false');
		expect(within(groups[0]!).getByRole('radio', { name: 'Не проявляется' })).toHaveAccessibleDescription(
			'Признак в практике не наблюдается'
		);
	});

	it('saves a tapped level on the device at once, with no Save button', async () => {
		const db = open();
		const id = await draft(db);
		mount(db, id);
		await screen.findByRole('heading', { level: 1, name: 'Целеполагание' });

		const level = within(indicator(1)).getByRole('radio', { name: 'Проявляется в основном' });
		await fireEvent.click(level);

		await waitFor(async () => expect((await assessments.get(db, id))!.scores).toEqual({ 'goal-setting.1': 2 }));
		expect(level).toHaveAttribute('aria-checked', 'true');
		expect(await screen.findByText('Сохранено на устройстве')).toBeInTheDocument();
		expect(screen.getByText('Отвечено 1 из 38')).toBeInTheDocument();
		expect(screen.queryByRole('button', { name: 'Сохранить' })).toBeNull();
	});

	it('resumes after a reload at the competency it was left on, with the answers shown', async () => {
		const db = open();
		const id = await draft(db);
		mount(db, id);
		await screen.findByRole('heading', { level: 1, name: 'Целеполагание' });
		await fireEvent.click(within(indicator(1)).getByRole('radio', { name: 'Проявляется частично' }));
		await fireEvent.click(screen.getByRole('button', { name: 'Далее' }));
		await screen.findByRole('heading', { level: 1, name: 'Мотивационная компетенция' });
		await fireEvent.click(within(indicator(2)).getByRole('radio', { name: 'Проявляется в полной мере' }));
		await waitFor(async () =>
			expect((await assessments.get(db, id))!.scores).toEqual({ 'goal-setting.1': 1, 'motivation.2': 3 })
		);
		cleanup();

		mount(db, id);
		expect(await screen.findByRole('heading', { level: 1, name: 'Мотивационная компетенция' })).toBeInTheDocument();
		expect(screen.getByText('Компетенция 2 из 10')).toBeInTheDocument();
		expect(within(indicator(2)).getByRole('radio', { name: 'Проявляется в полной мере' })).toHaveAttribute(
			'aria-checked',
			'true'
		);
		await fireEvent.click(screen.getByRole('button', { name: 'Назад' }));
		await screen.findByRole('heading', { level: 1, name: 'Целеполагание' });
		expect(within(indicator(1)).getByRole('radio', { name: 'Проявляется частично' })).toHaveAttribute(
			'aria-checked',
			'true'
		);
	});

	it('keeps a tap that could not be stored visibly unsaved and lets the shell say why', async () => {
		const db = open();
		const id = await draft(db);
		const { notices } = mount(db, id);
		await screen.findByRole('heading', { level: 1, name: 'Целеполагание' });
		db.assessments.hook('updating', () => {
			throw new Error('disk full');
		});

		const level = within(indicator(1)).getByRole('radio', { name: 'Не проявляется' });
		await fireEvent.click(level);

		await waitFor(() => expect(notices.items.map((n) => n.tone)).toEqual(['error']));
		expect(level).toHaveAttribute('aria-checked', 'true');
		expect(screen.getByText('Не сохранено — нажмите на уровень ещё раз')).toBeInTheDocument();
		expect((await assessments.get(db, id))!.scores).toEqual({});
	});

	it('lists unanswered indicators on the review and will not submit until all are answered', async () => {
		const db = open();
		const id = await draft(db);
		const scores = scoresFor(framework, 2);
		delete scores['evaluation.2'];
		await db.assessments.update(id, { scores, currentCompetencyId: framework.competencies.at(-1)!.id });
		mount(db, id);
		await screen.findByText('Компетенция 10 из 10');
		await fireEvent.click(screen.getByRole('button', { name: 'Далее' }));

		await screen.findByRole('heading', { level: 1, name: 'Проверка и отправка' });
		expect(screen.getByRole('button', { name: 'Отправить' })).toBeDisabled();
		await fireEvent.click(screen.getByRole('button', { name: 'Оценочная компетенция' }));
		expect(await screen.findByRole('heading', { level: 1, name: 'Оценочная компетенция' })).toBeInTheDocument();
	});

	it('submits a complete assessment only after confirmation, and then it cannot be changed', async () => {
		const db = open();
		const id = await draft(db);
		await db.assessments.update(id, {
			scores: scoresFor(framework, (indicatorId) => (indicatorId === 'evaluation.1' ? 1 : 3)),
			currentCompetencyId: framework.competencies.at(-1)!.id
		});
		const first = mount(db, id);
		await screen.findByText('Компетенция 10 из 10');
		await fireEvent.click(screen.getByRole('button', { name: 'Далее' }));
		await screen.findByText('Ответы даны на все индикаторы (38). Можно отправлять.');

		await fireEvent.click(screen.getByRole('button', { name: 'Отправить' }));
		const confirm = await screen.findByRole('group', { name: 'Отправить самооценку?' });
		expect(within(confirm).getByText(/нельзя изменить/)).toBeInTheDocument();
		expect((await assessments.get(db, id))!.status).toBe('draft');
		await fireEvent.click(within(confirm).getByRole('button', { name: 'Да, отправить' }));

		await waitFor(() => expect(first.onSubmitted).toHaveBeenCalledWith(id));
		const row = (await assessments.get(db, id))!;
		expect(row.status).toBe('submitted');
		expect((await db.deficits.toArray()).map((d) => [d.competencyId, d.status])).toEqual([['evaluation', 'proposed']]);
		await expect(assessments.answer(db, id, 'goal-setting.1', 0, actor)).rejects.toMatchObject({ reason: 'forbidden' });
		cleanup();

		// Opened again, a submitted one offers nothing to change and sends the teacher to its summary.
		const second = mount(db, id);
		await waitFor(() => expect(second.onReadOnly).toHaveBeenCalledWith(id));
		expect(screen.queryAllByRole('radiogroup')).toHaveLength(0);
		expect(await assessments.get(db, id)).toEqual(row);
	});
});
