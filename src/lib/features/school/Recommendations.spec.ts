// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import type { AppDatabase } from '$lib/db/database';
import * as recommendations from '$lib/db/recommendations';
import * as outbox from '$lib/db/outbox';
import { IDS, uuid } from '$lib/domain/testing/builders';
import { i18n } from '$lib/i18n/i18n.svelte';
import Recommendations from './Recommendations.svelte';

const dbs: AppDatabase[] = [];
beforeAll(() => i18n.ensure('school'));
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

const MUNICIPAL = uuid(104);
const teachers = [{ id: IDS.teacher, name: 'Иванова Мария Петровна' }];

function open(): AppDatabase {
	const db = freshDatabase('recommendations-ui');
	dbs.push(db);
	return db;
}

describe('the addressed recommendations of a school', () => {
	it('let the school methodist write one to a teacher, and list it with its due date', async () => {
		const db = open();
		render(Recommendations, {
			props: {
				db,
				schoolId: IDS.school,
				actor: { profileId: IDS.methodist },
				access: 'school',
				teachers,
				today: '2026-11-22'
			}
		});
		await screen.findByText('Рекомендаций пока нет.');
		await fireEvent.change(screen.getByLabelText('Кому'), { target: { value: IDS.teacher } });
		await fireEvent.input(screen.getByLabelText(/Рекомендация/), { target: { value: 'Посетить урок наставника' } });
		await fireEvent.input(screen.getByLabelText('Срок (необязательно)'), { target: { value: '2026-12-10' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Отправить рекомендацию' }));

		const item = await screen.findByTestId('recommendation');
		expect(within(item).getByText('Педагогу: Иванова Мария Петровна')).toBeTruthy();
		expect(within(item).getByText('Посетить урок наставника')).toBeTruthy();
		expect(within(item).getByText(/Срок: /)).toBeTruthy();
		// Addressed to a teacher: the teacher marks it done, not the methodist; the author may withdraw it.
		expect(within(item).queryByRole('button', { name: 'Выполнено' })).toBeNull();
		expect(within(item).getByRole('button', { name: 'Отозвать' })).toBeTruthy();
		const [entry] = await outbox.list(db);
		expect(entry!.fields).toMatchObject({
			teacherId: IDS.teacher,
			organizationId: IDS.school,
			authorId: IDS.methodist,
			dueOn: '2026-12-10'
		});
	});

	it('let the school methodist mark a school-wide one done, and show it overdue before that', async () => {
		const db = open();
		await recommendations.add(
			db,
			{
				authorId: MUNICIPAL,
				organizationId: IDS.school,
				teacherId: null,
				body: 'Методический день',
				dueOn: '2026-11-01'
			},
			{ profileId: MUNICIPAL }
		);
		render(Recommendations, {
			props: {
				db,
				schoolId: IDS.school,
				actor: { profileId: IDS.methodist },
				access: 'school',
				teachers,
				today: '2026-11-22'
			}
		});
		const item = await screen.findByTestId('recommendation');
		expect(within(item).getByText('Всей школе')).toBeTruthy();
		expect(within(item).getByText(/просрочено/)).toBeTruthy();
		// Spaced on both sides, as set: «Срок: 1 ноября 2026 г. · просрочено», never «г.· просрочено».
		expect(within(item).getByText(/просрочено/).textContent).toMatch(/\S · просрочено/);
		await fireEvent.click(within(item).getByRole('button', { name: 'Выполнено' }));
		await waitFor(() => expect(within(screen.getByTestId('recommendation')).getByText(/^Выполнено \d/)).toBeTruthy());
		const row = (await db.recommendations.toArray())[0]!;
		expect(row.doneBy).toBe(IDS.methodist);
	});

	it('show a municipal methodist only school-wide ones, with no choice of addressee', async () => {
		const db = open();
		await recommendations.add(
			db,
			{
				authorId: IDS.methodist,
				organizationId: IDS.school,
				teacherId: IDS.teacher,
				body: 'Лично педагогу',
				dueOn: null
			},
			{ profileId: IDS.methodist }
		);
		await recommendations.add(
			db,
			{ authorId: MUNICIPAL, organizationId: IDS.school, teacherId: null, body: 'Школе в целом', dueOn: null },
			{ profileId: MUNICIPAL }
		);
		render(Recommendations, {
			props: {
				db,
				schoolId: IDS.school,
				actor: { profileId: MUNICIPAL },
				access: 'municipal',
				teachers,
				today: '2026-11-22'
			}
		});
		const items = await screen.findAllByTestId('recommendation');
		expect(items.map((i) => within(i).getByText(/Школе|Лично/).textContent)).toEqual(['Школе в целом']);
		expect(screen.queryByLabelText('Кому')).toBeNull();
		expect(within(items[0]!).queryByRole('button', { name: 'Выполнено' })).toBeNull();
	});

	it('let the author edit the text and due date of an open one: stored once and shown', async () => {
		const db = open();
		const rec = await recommendations.add(
			db,
			{
				authorId: IDS.methodist,
				organizationId: IDS.school,
				teacherId: IDS.teacher,
				body: 'Посетить урок',
				dueOn: null
			},
			{ profileId: IDS.methodist }
		);
		await db.outbox.clear();
		render(Recommendations, {
			props: {
				db,
				schoolId: IDS.school,
				actor: { profileId: IDS.methodist },
				access: 'school',
				teachers,
				today: '2026-11-22'
			}
		});
		const item = await screen.findByTestId('recommendation');
		await fireEvent.click(within(item).getByRole('button', { name: 'Изменить' }));
		const body = within(item).getByLabelText(/Текст рекомендации/) as HTMLTextAreaElement;
		expect(body.value).toBe('Посетить урок');
		await fireEvent.input(body, { target: { value: '  Посетить урок наставника и обсудить его  ' } });
		await fireEvent.input(within(item).getByLabelText('Срок выполнения (необязательно)'), {
			target: { value: '2026-12-15' }
		});
		await fireEvent.click(within(item).getByRole('button', { name: 'Сохранить' }));

		await waitFor(() =>
			expect(
				within(screen.getByTestId('recommendation')).getByText('Посетить урок наставника и обсудить его')
			).toBeTruthy()
		);
		expect(screen.queryByTestId('recommendation-edit')).toBeNull();
		expect(await db.recommendations.get(rec.id)).toMatchObject({
			body: 'Посетить урок наставника и обсудить его',
			dueOn: '2026-12-15'
		});
		const entries = await outbox.list(db);
		expect(entries).toHaveLength(1);
		expect(entries[0]!.fields).toEqual({ body: 'Посетить урок наставника и обсудить его', dueOn: '2026-12-15' });
	});

	it('refuse an empty text with a message next to the field, write nothing, and drop the draft on Отмена', async () => {
		const db = open();
		const rec = await recommendations.add(
			db,
			{
				authorId: IDS.methodist,
				organizationId: IDS.school,
				teacherId: null,
				body: 'Методический день',
				dueOn: '2026-12-01'
			},
			{ profileId: IDS.methodist }
		);
		await db.outbox.clear();
		render(Recommendations, {
			props: {
				db,
				schoolId: IDS.school,
				actor: { profileId: IDS.methodist },
				access: 'school',
				teachers,
				today: '2026-11-22'
			}
		});
		const item = await screen.findByTestId('recommendation');
		await fireEvent.click(within(item).getByRole('button', { name: 'Изменить' }));
		const body = within(item).getByLabelText(/Текст рекомендации/);
		await fireEvent.input(body, { target: { value: '   ' } });
		await fireEvent.click(within(item).getByRole('button', { name: 'Сохранить' }));

		const message = await within(item).findByText('Заполните поле');
		expect(body.getAttribute('aria-describedby')).toContain(message.id);
		expect(body.getAttribute('aria-invalid')).toBe('true');
		expect(await outbox.list(db)).toEqual([]);
		expect((await db.recommendations.get(rec.id))!.body).toBe('Методический день');

		await fireEvent.click(within(item).getByRole('button', { name: 'Отмена' }));
		expect(screen.queryByTestId('recommendation-edit')).toBeNull();
		expect(within(item).getByText('Методический день')).toBeTruthy();
		expect(await outbox.list(db)).toEqual([]);
		// Opened again, the form starts from the stored text, not the dropped draft.
		await fireEvent.click(within(item).getByRole('button', { name: 'Изменить' }));
		expect((within(item).getByLabelText(/Текст рекомендации/) as HTMLTextAreaElement).value).toBe('Методический день');
	});

	it('offer no edit to anyone but the author, nor on one already done', async () => {
		const db = open();
		await recommendations.add(
			db,
			{ authorId: MUNICIPAL, organizationId: IDS.school, teacherId: null, body: 'От муниципалитета', dueOn: null },
			{ profileId: MUNICIPAL }
		);
		const done = await recommendations.add(
			db,
			{ authorId: IDS.methodist, organizationId: IDS.school, teacherId: null, body: 'Уже выполнена', dueOn: null },
			{ profileId: IDS.methodist }
		);
		await recommendations.markDone(db, done.id, true, { profileId: IDS.methodist });
		render(Recommendations, {
			props: {
				db,
				schoolId: IDS.school,
				actor: { profileId: IDS.methodist },
				access: 'school',
				teachers,
				today: '2026-11-22'
			}
		});
		await waitFor(() => expect(screen.getAllByTestId('recommendation')).toHaveLength(2));
		expect(screen.queryByRole('button', { name: 'Изменить' })).toBeNull();
		// The author of the open one does see it.
		cleanup();
		render(Recommendations, {
			props: {
				db,
				schoolId: IDS.school,
				actor: { profileId: MUNICIPAL },
				access: 'municipal',
				teachers,
				today: '2026-11-22'
			}
		});
		await waitFor(() => expect(screen.getAllByTestId('recommendation')).toHaveLength(2));
		const buttons = screen.getAllByRole('button', { name: 'Изменить' });
		expect(buttons).toHaveLength(1);
		expect(
			within(
				screen.getAllByTestId('recommendation').find((i) => i.textContent?.includes('От муниципалитета'))!
			).getByRole('button', { name: 'Изменить' })
		).toBe(buttons[0]);
	});
});
