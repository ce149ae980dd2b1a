// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import NewObservationForm from '$lib/features/observation/NewObservationForm.svelte';
import { Session } from '$lib/session/session.svelte';
import { SESSION_KEY } from '$lib/session/context';
import { NOTICES_KEY, Notices } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import * as observations from '$lib/db/observations';
import * as plans from '$lib/db/development-plans';
import { buildPair, buildProfile, IDS, uuid } from '$lib/domain/testing/builders';
import { DEFAULT_FRAMEWORK } from '$lib/domain/frameworks/default';
import type { AppDatabase } from '$lib/db/database';
import { i18n } from '$lib/i18n/i18n.svelte';

beforeAll(() => i18n.ensure('observation', 'assessment'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

/** Nobody's mentee: the methodist visits any teacher of her school. */
const LONE = uuid(130);

async function open(): Promise<{ db: AppDatabase; session: Session }> {
	const db = freshDatabase('methodist-visit');
	dbs.push(db);
	await db.profiles.bulkPut([
		buildProfile({ id: IDS.methodist, userId: uuid(1103), fullName: 'Петрова Анна Сергеевна', subjects: [] }),
		buildProfile({ id: IDS.teacher, userId: uuid(1101), fullName: 'Смирнова Анна Игоревна' }),
		buildProfile({ id: LONE, userId: uuid(1130), fullName: 'Андреев Павел Сергеевич', subjects: ['История'] }),
		buildProfile({ id: uuid(131), userId: uuid(1131), fullName: 'Чужая Школа Ивановна', schoolId: uuid(299) })
	]);
	await db.mentoring_pairs.put(buildPair());
	const session = new Session();
	session.db = db;
	session.profileId = IDS.methodist;
	return { db, session };
}

describe('a lesson visit by the school methodist', () => {
	it('offers every teacher of her school, starts with the one she came from, and records the visit as the methodist’s', async () => {
		const { db, session } = await open();
		const onStarted = vi.fn();
		render(NewObservationForm, {
			props: { db, observerId: IDS.methodist, observerRole: 'methodist', teacherId: LONE, onStarted },
			context: new Map<unknown, unknown>([
				[SESSION_KEY, session],
				[NOTICES_KEY, new Notices()]
			])
		});
		const select = (await screen.findByLabelText(/^Педагог/)) as HTMLSelectElement;
		await waitFor(() => expect(within(select).getAllByRole('group')).toHaveLength(1));
		expect(within(select).getByRole('group')).toHaveAttribute('label', 'Педагоги школы');
		expect(
			within(select)
				.getAllByRole('option')
				.map((o) => o.textContent)
				.slice(1)
				.sort()
		).toEqual(['Андреев Павел Сергеевич', 'Смирнова Анна Игоревна']);
		await waitFor(() => expect(select.value).toBe(LONE));
		await fireEvent.click(screen.getByRole('button', { name: 'Начать посещение' }));
		await waitFor(() => expect(onStarted).toHaveBeenCalledTimes(1));
		const visit = await observations.get(db, onStarted.mock.calls[0]![0]);
		expect(visit).toMatchObject({
			observerId: IDS.methodist,
			teacherId: LONE,
			observerRole: 'methodist',
			mode: 'quick',
			subject: 'История'
		});
	});

	it('turns a recommendation of her handed-over visit into an action of a plan the teacher did not have yet', async () => {
		const { db, session } = await open();
		const actor = session.actor;
		const draft = await observations.startDraft(
			db,
			{
				observerId: IDS.methodist,
				teacherId: LONE,
				observerRole: 'methodist',
				mode: 'full',
				framework: DEFAULT_FRAMEWORK,
				date: '2026-10-05',
				subject: 'История'
			},
			actor
		);
		const rec = await observations.addRecommendation(
			db,
			draft.id,
			{ text: 'Давать обратную связь по критериям', competencyId: null },
			actor
		);
		await observations.setDetails(db, draft.id, { className: '7А', topic: 'Реформы Петра I' }, actor);
		await observations.answer(db, draft.id, DEFAULT_FRAMEWORK.competencies[0]!.indicators[0]!.id, 1, actor);
		await observations.submit(db, draft.id, DEFAULT_FRAMEWORK, actor);
		const recId = rec.recommendations[0]!.id;
		const { action, plan } = await observations.recommendationToAction(db, draft.id, recId, actor, {
			today: '2026-10-06'
		});
		expect(plan).toMatchObject({ teacherId: LONE, academicYear: 2026 });
		expect(action).toMatchObject({ teacherId: LONE, sourceObservationId: draft.id, status: 'planned' });
		expect((await plans.forYear(db, LONE, 2026))?.actions.map((a) => a.title)).toEqual([action.title]);
		expect((await observations.get(db, draft.id))?.recommendations[0]?.actionId).toBe(action.id);
	});
});
