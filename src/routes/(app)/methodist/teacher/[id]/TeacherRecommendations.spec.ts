// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import TeacherRecommendations from './TeacherRecommendations.svelte';
import { NOTICES_KEY, Notices } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import * as recommendations from '$lib/db/recommendations';
import { IDS, uuid } from '$lib/domain/testing/builders';
import type { AppDatabase } from '$lib/db/database';
import { i18n } from '$lib/i18n/i18n.svelte';

beforeAll(() => i18n.ensure('school'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

const actor = { profileId: IDS.methodist };

async function mount(open = true) {
	const db = freshDatabase('teacher-recommendations');
	dbs.push(db);
	// One to another teacher of the school: not this teacher's.
	await recommendations.add(
		db,
		{
			authorId: IDS.methodist,
			organizationId: IDS.school,
			teacherId: uuid(140),
			body: 'Другому педагогу',
			dueOn: null
		},
		actor
	);
	render(TeacherRecommendations, {
		props: { db, schoolId: IDS.school, teacherId: IDS.teacher, actor, open },
		context: new Map<unknown, unknown>([[NOTICES_KEY, new Notices()]])
	});
	return db;
}

describe('«Написать рекомендацию» on a teacher’s drill-down', () => {
	it('writes a recommendation addressed to this teacher and lists only hers', async () => {
		const db = await mount();
		expect(await screen.findByText('Адресных рекомендаций этому педагогу пока нет.')).toBeInTheDocument();
		await fireEvent.input(screen.getByLabelText(/Текст рекомендации/), {
			target: { value: 'Посетить открытый урок наставника' }
		});
		await fireEvent.input(screen.getByLabelText(/^Срок/), { target: { value: '2026-12-20' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Сохранить рекомендацию' }));
		await screen.findByText('Посетить открытый урок наставника');
		expect(screen.queryByText('Другому педагогу')).toBeNull();
		const mine = (await recommendations.listForSchool(db, IDS.school)).filter((r) => r.teacherId === IDS.teacher);
		expect(mine).toMatchObject([
			{ authorId: IDS.methodist, body: 'Посетить открытый урок наставника', dueOn: '2026-12-20' }
		]);
		await waitFor(() => expect(screen.getByLabelText(/Текст рекомендации/)).toHaveValue(''));
	});

	it('refuses an empty text beside the field and writes nothing', async () => {
		const db = await mount();
		await fireEvent.click(await screen.findByRole('button', { name: 'Сохранить рекомендацию' }));
		expect(screen.getByLabelText(/Текст рекомендации/)).toHaveAttribute('aria-invalid', 'true');
		expect((await recommendations.listForSchool(db, IDS.school)).filter((r) => r.teacherId === IDS.teacher)).toEqual(
			[]
		);
	});

	it('keeps the form closed until asked', async () => {
		await mount(false);
		await screen.findByText('Адресных рекомендаций этому педагогу пока нет.');
		expect(screen.queryByRole('button', { name: 'Сохранить рекомендацию' })).toBeNull();
	});
});
