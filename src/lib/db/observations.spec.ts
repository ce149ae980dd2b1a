import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_FRAMEWORK as framework } from '$lib/domain/frameworks/default';
import { buildAction, buildDeficit, buildObservation, buildPlan, IDS, uuid } from '$lib/domain/testing/builders';
import type { Observation } from '$lib/domain/observation';
import * as observations from './observations';
import * as plans from './development-plans';
import * as outbox from './outbox';
import { LocalWriteError } from './errors';
import { freshDatabase } from './testing/fresh';
import type { AppDatabase } from './database';

const mentor = { profileId: IDS.mentor };
const teacher = { profileId: IDS.teacher };
const dbs: AppDatabase[] = [];
function open() {
	const db = freshDatabase('observations');
	dbs.push(db);
	return db;
}
afterEach(() => {
	for (const db of dbs.splice(0)) db.close();
});

function fail(promise: Promise<unknown>): Promise<LocalWriteError> {
	return promise.then(
		() => {
			throw new Error('expected the write to fail');
		},
		(e: unknown) => e as LocalWriteError
	);
}

const start = {
	observerId: IDS.mentor,
	teacherId: IDS.teacher,
	observerRole: 'mentor' as const,
	mode: 'quick' as const,
	framework,
	date: '2026-10-05'
};

const REC = uuid(901);
const TYPED = uuid(902);

/** A submitted protocol with a suggestion (evaluation.2) and a typed recommendation without competency. */
async function submitted(db: AppDatabase, overrides: Partial<Observation> = {}): Promise<Observation> {
	const row = buildObservation({
		status: 'submitted',
		scores: { 'evaluation.2': 0, 'motivation.1': 2 },
		recommendations: [
			{
				id: REC,
				text: 'Развивать: знакомит обучающихся с критериями оценивания до выполнения работы',
				competencyId: 'evaluation',
				indicatorId: 'evaluation.2',
				deficitId: null,
				actionId: null
			},
			{ id: TYPED, text: 'Чаще давать слово слабым ученикам', competencyId: null, deficitId: null, actionId: null }
		],
		...overrides
	});
	await db.observations.put(row);
	return row;
}

describe('an observer’s draft', () => {
	it('starts, takes one tap per look-for, and submits with no typing: the row and its outbox entry', async () => {
		const db = open();
		const draft = await observations.startDraft(db, { ...start, subject: 'Математика' }, mentor);
		expect(draft).toMatchObject({
			status: 'draft',
			mode: 'quick',
			observerRole: 'mentor',
			subject: 'Математика',
			className: '',
			scores: {},
			frameworkVersion: 1
		});
		await observations.answer(db, draft.id, 'goal-setting.1', 2, mentor);
		await observations.answer(db, draft.id, 'evaluation.2', 0, mentor);
		await observations.addRecommendation(
			db,
			draft.id,
			{ text: 'Развивать: критерии оценивания', competencyId: 'evaluation', indicatorId: 'evaluation.2' },
			mentor
		);
		const done = await observations.submit(db, draft.id, framework, mentor);

		expect(done).toMatchObject({ status: 'submitted', scores: { 'goal-setting.1': 2, 'evaluation.2': 0 } });
		expect(done.recommendations).toEqual([
			expect.objectContaining({
				competencyId: 'evaluation',
				indicatorId: 'evaluation.2',
				deficitId: null,
				actionId: null
			})
		]);
		expect(await observations.get(db, draft.id)).toEqual(done);
		// Made on this device and never sent: every change folds into the one pending entry.
		const entries = await outbox.forRow(db, 'observations', draft.id);
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({ op: 'upsert', status: 'pending', base: {} });
		expect(entries[0]!.fields).toMatchObject({
			status: 'submitted',
			scores: { 'goal-setting.1': 2, 'evaluation.2': 0 },
			teacherId: IDS.teacher
		});
	});

	it('resumes the same draft when «Начать» is tapped twice', async () => {
		const db = open();
		const [a, b] = await Promise.all([
			observations.startDraft(db, start, mentor),
			observations.startDraft(db, start, mentor)
		]);
		expect(b.id).toBe(a.id);
		expect(await db.observations.count()).toBe(1);
		const full = await observations.startDraft(db, { ...start, mode: 'full' }, mentor);
		expect(full.id).not.toBe(a.id);
	});

	it('refuses to submit with nothing observed, naming the field', async () => {
		const db = open();
		const draft = await observations.startDraft(db, start, mentor);
		const error = await fail(observations.submit(db, draft.id, framework, mentor));
		expect(error.reason).toBe('invalid');
		expect(error.issues).toEqual([{ path: 'scores', code: 'required' }]);
		expect((await observations.get(db, draft.id))!.status).toBe('draft');
	});

	it('asks the full protocol for class, subject and topic', async () => {
		const db = open();
		const draft = await observations.startDraft(db, { ...start, mode: 'full' }, mentor);
		await observations.answer(db, draft.id, 'subject-knowledge.1', 3, mentor);
		const error = await fail(observations.submit(db, draft.id, framework, mentor));
		expect(error.issues.map((i) => i.path)).toEqual(['className', 'subject', 'topic']);
		await observations.setDetails(
			db,
			draft.id,
			{ className: '7Б', subject: 'Математика', topic: 'Линейная функция', durationMinutes: 42 },
			mentor
		);
		expect(await observations.submit(db, draft.id, framework, mentor)).toMatchObject({
			status: 'submitted',
			className: '7Б',
			durationMinutes: 42
		});
	});

	it('keeps a submitted protocol immutable', async () => {
		const db = open();
		const draft = await observations.startDraft(db, start, mentor);
		await observations.answer(db, draft.id, 'motivation.1', 1, mentor);
		const done = await observations.submit(db, draft.id, framework, mentor);
		expect((await fail(observations.answer(db, draft.id, 'motivation.1', 3, mentor))).reason).toBe('forbidden');
		expect((await fail(observations.setDetails(db, draft.id, { topic: 'Другая тема' }, mentor))).reason).toBe(
			'forbidden'
		);
		expect(
			(await fail(observations.addRecommendation(db, draft.id, { text: 'Ещё', competencyId: null }, mentor))).reason
		).toBe('forbidden');
		expect((await fail(observations.submit(db, draft.id, framework, mentor))).reason).toBe('forbidden');
		expect(await observations.get(db, draft.id)).toEqual(done);
	});

	it('adds a suggestion once, removes it, and replaces the typed list', async () => {
		const db = open();
		const draft = await observations.startDraft(db, start, mentor);
		const suggestion = { text: 'Развивать: ситуация успеха', competencyId: 'motivation', indicatorId: 'motivation.1' };
		await observations.addRecommendation(db, draft.id, suggestion, mentor);
		const twice = await observations.addRecommendation(db, draft.id, suggestion, mentor);
		expect(twice.recommendations).toHaveLength(1);
		const gone = await observations.removeRecommendation(db, draft.id, twice.recommendations[0]!.id, mentor);
		expect(gone.recommendations).toEqual([]);
		const typed = await observations.setRecommendations(
			db,
			draft.id,
			[
				{ text: '  Работа в парах  ', competencyId: 'technology' },
				{ text: 'Тайминг', competencyId: null }
			],
			mentor
		);
		expect(typed.recommendations.map((r) => [r.text, r.competencyId])).toEqual([
			['Работа в парах', 'technology'],
			['Тайминг', null]
		]);
		expect(
			(await fail(observations.addRecommendation(db, draft.id, { text: ' ', competencyId: null }, mentor))).issues
		).toEqual([{ path: 'recommendations.2.text', code: 'required' }]);
	});

	it('lets the observer reword a suggestion before handing the protocol over, and then no more', async () => {
		const db = open();
		const draft = await observations.startDraft(db, start, mentor);
		await observations.answer(db, draft.id, 'motivation.1', 0, mentor);
		const added = await observations.addRecommendation(
			db,
			draft.id,
			{ text: 'Создавать ситуацию успеха для обучающихся', competencyId: 'motivation', indicatorId: 'motivation.1' },
			mentor
		);
		const rec = added.recommendations[0]!;
		const reworded = await observations.setRecommendationText(
			db,
			draft.id,
			rec.id,
			'  Создавать ситуацию успеха для слабых учеников  ',
			mentor
		);
		expect(reworded.recommendations).toEqual([{ ...rec, text: 'Создавать ситуацию успеха для слабых учеников' }]);
		expect((await fail(observations.setRecommendationText(db, draft.id, rec.id, ' ', mentor))).issues).toEqual([
			{ path: 'recommendations.0.text', code: 'required' }
		]);
		expect((await fail(observations.setRecommendationText(db, draft.id, rec.id, 'Другое', teacher))).reason).toBe(
			'forbidden'
		);
		await observations.submit(db, draft.id, framework, mentor);
		expect(
			(await fail(observations.setRecommendationText(db, draft.id, rec.id, 'После передачи', mentor))).reason
		).toBe('forbidden');
		expect((await observations.get(db, draft.id))!.recommendations[0]!.text).toBe(
			'Создавать ситуацию успеха для слабых учеников'
		);
	});

	it('stores the lesson timer’s minutes and refuses a wild value', async () => {
		const db = open();
		const draft = await observations.startDraft(db, start, mentor);
		expect((await observations.setDetails(db, draft.id, { durationMinutes: 17 }, mentor)).durationMinutes).toBe(17);
		expect((await fail(observations.setDetails(db, draft.id, { durationMinutes: 0 }, mentor))).issues).toEqual([
			{ path: 'durationMinutes', code: 'out_of_range', params: { min: 1, max: 600 } }
		]);
	});
});

describe('who writes what', () => {
	it('refuses teacher fields in the observer’s patch, writing nothing', async () => {
		const db = open();
		const draft = await observations.startDraft(db, start, mentor);
		const before = await outbox.list(db);
		const patch = { topic: 'Дроби', reflection: 'Спасибо' } as Parameters<typeof observations.setDetails>[2];
		const error = await fail(observations.setDetails(db, draft.id, patch, mentor));
		expect(error.reason).toBe('forbidden');
		expect(error.issues).toEqual([{ path: 'reflection', code: 'not_allowed' }]);
		expect(await observations.get(db, draft.id)).toEqual(draft);
		expect(await outbox.list(db)).toEqual(before);
	});

	it('refuses the observer’s acknowledgement and the teacher’s protocol edits', async () => {
		const db = open();
		const row = await submitted(db);
		expect((await fail(observations.acknowledge(db, row.id, 'Ознакомлен', mentor))).reason).toBe('forbidden');
		const draft = await observations.startDraft(db, start, mentor);
		expect((await fail(observations.answer(db, draft.id, 'motivation.1', 0, teacher))).reason).toBe('forbidden');
		expect((await fail(observations.setDetails(db, draft.id, { notes: 'чужое' }, teacher))).reason).toBe('forbidden');
		expect((await fail(observations.recommendationToDeficit(db, row.id, REC, teacher))).reason).toBe('forbidden');
		expect((await fail(observations.startDraft(db, start, teacher))).reason).toBe('forbidden');
	});

	it('lets the teacher acknowledge with a reflection, writing only the teacher’s fields', async () => {
		const db = open();
		const row = await submitted(db);
		const acked = await observations.acknowledge(db, row.id, 'Согласна, попробую листы самооценки', teacher);
		expect(acked.acknowledgedAt).not.toBeNull();
		expect(acked.reflection).toBe('Согласна, попробую листы самооценки');
		const [entry] = await outbox.list(db);
		expect(Object.keys(entry!.fields).sort()).toEqual(['acknowledgedAt', 'reflection']);
		expect(entry!.base).toEqual({ acknowledgedAt: null, reflection: '' });

		const edited = await observations.acknowledge(db, row.id, 'Согласна', teacher);
		expect(edited.acknowledgedAt).toBe(acked.acknowledgedAt);
		expect(edited.reflection).toBe('Согласна');
	});

	it('has no acknowledgement of a draft', async () => {
		const db = open();
		await db.observations.put(buildObservation());
		expect((await fail(observations.acknowledge(db, IDS.observation, 'Прочитала', teacher))).reason).toBe('forbidden');
	});
});

describe('lists', () => {
	it('show the observer every own visit, newest first, and the teacher only submitted ones', async () => {
		const db = open();
		await db.observations.bulkPut([
			buildObservation({ id: uuid(811), date: '2026-10-01', status: 'submitted' }),
			buildObservation({ id: uuid(812), date: '2026-10-20' }),
			buildObservation({ id: uuid(813), date: '2026-10-10', status: 'submitted' }),
			buildObservation({ id: uuid(814), observerId: IDS.methodist, date: '2026-11-01', status: 'submitted' }),
			buildObservation({
				id: uuid(815),
				date: '2026-11-02',
				status: 'submitted',
				deletedAt: '2026-11-03T00:00:00.000Z'
			})
		]);
		expect((await observations.listByObserver(db, IDS.mentor)).map((o) => o.id)).toEqual([
			uuid(812),
			uuid(813),
			uuid(811)
		]);
		expect((await observations.listForTeacher(db, IDS.teacher)).map((o) => o.id)).toEqual([
			uuid(814),
			uuid(813),
			uuid(811)
		]);
		expect(await observations.listAll(db)).toHaveLength(4);
	});
});

describe('a recommendation becomes a deficit', () => {
	it('in one step: the deficit of the observed teacher and the link on the recommendation', async () => {
		const db = open();
		await submitted(db);
		const { deficit, observation } = await observations.recommendationToDeficit(db, IDS.observation, REC, mentor);
		expect(deficit).toMatchObject({
			teacherId: IDS.teacher,
			competencyId: 'evaluation',
			indicatorIds: ['evaluation.2'],
			source: 'lesson_observation',
			sourceObservationId: IDS.observation,
			status: 'identified',
			description: 'Развивать: знакомит обучающихся с критериями оценивания до выполнения работы'
		});
		expect(observation.recommendations[0]!.deficitId).toBe(deficit.id);
		expect(await observations.get(db, IDS.observation)).toEqual(observation);
		expect((await outbox.list(db)).map((e) => e.table)).toEqual(['deficits', 'observations']);
	});

	it('is idempotent: a second tap writes nothing', async () => {
		const db = open();
		await submitted(db);
		const first = await observations.recommendationToDeficit(db, IDS.observation, REC, mentor);
		const entries = await outbox.list(db);
		const second = await observations.recommendationToDeficit(db, IDS.observation, REC, mentor);
		expect(second.deficit.id).toBe(first.deficit.id);
		expect(await db.deficits.count()).toBe(1);
		expect(await outbox.list(db)).toEqual(entries);
	});

	it('writes nothing at all when any part fails', async () => {
		const db = open();
		const before = await submitted(db);
		db.deficits.hook('creating', () => {
			throw new Error('disk failure while writing the deficit');
		});
		const error = await fail(observations.recommendationToDeficit(db, IDS.observation, REC, mentor));
		expect(error).toBeInstanceOf(LocalWriteError);
		expect(await db.deficits.count()).toBe(0);
		expect(await observations.get(db, IDS.observation)).toEqual(before);
		expect(await db.outbox.count()).toBe(0);
	});

	it('confirms a live deficit of the same competency instead of recording a twin', async () => {
		const db = open();
		await submitted(db);
		await db.deficits.put(buildDeficit({ competencyId: 'evaluation', indicatorIds: ['evaluation.1'] }));
		const { deficit } = await observations.recommendationToDeficit(db, IDS.observation, REC, mentor);
		expect(deficit.id).toBe(IDS.deficit);
		expect(deficit.confirmedAt).not.toBeNull();
		expect(deficit.indicatorIds).toEqual(['evaluation.1', 'evaluation.2']);
		expect(await db.deficits.count()).toBe(1);
	});

	it('takes the competency the observer picks for a typed recommendation, and asks for one otherwise', async () => {
		const db = open();
		await submitted(db);
		const error = await fail(observations.recommendationToDeficit(db, IDS.observation, TYPED, mentor));
		expect(error.issues).toEqual([{ path: 'competencyId', code: 'required' }]);
		const { deficit, observation } = await observations.recommendationToDeficit(db, IDS.observation, TYPED, mentor, {
			competencyId: 'communication'
		});
		expect(deficit).toMatchObject({ competencyId: 'communication', indicatorIds: [] });
		expect(observation.recommendations[1]).toMatchObject({
			competencyId: 'communication',
			deficitId: deficit.id,
			text: 'Чаще давать слово слабым ученикам'
		});
	});

	it('is refused for a draft’s recommendation', async () => {
		const db = open();
		await submitted(db, { status: 'draft' });
		expect((await fail(observations.recommendationToDeficit(db, IDS.observation, REC, mentor))).reason).toBe(
			'forbidden'
		);
		expect(await db.deficits.count()).toBe(0);
	});
});

describe('a recommendation becomes a plan action', () => {
	it('in one step: the year’s plan, a self-study action from the observation, and the link', async () => {
		const db = open();
		await submitted(db);
		const { action, plan, observation } = await observations.recommendationToAction(
			db,
			IDS.observation,
			TYPED,
			mentor,
			{ today: '2026-10-06' }
		);
		expect(plan).toMatchObject({ teacherId: IDS.teacher, academicYear: 2026, status: 'active' });
		expect(action).toMatchObject({
			planId: plan.id,
			teacherId: IDS.teacher,
			type: 'self_study',
			title: 'Чаще давать слово слабым ученикам',
			deadline: '2026-12-06',
			deficitId: null,
			status: 'planned',
			sourceObservationId: IDS.observation
		});
		expect(observation.recommendations[1]!.actionId).toBe(action.id);
		expect(await observations.get(db, IDS.observation)).toEqual(observation);
	});

	it('aims the action at the deficit the recommendation became, and puts the deficit to work', async () => {
		const db = open();
		await submitted(db);
		const { deficit } = await observations.recommendationToDeficit(db, IDS.observation, REC, mentor);
		const { action, plan } = await observations.recommendationToAction(db, IDS.observation, REC, mentor);
		expect(action.deficitId).toBe(deficit.id);
		expect(plan.deficitIds).toEqual([deficit.id]);
		expect((await db.deficits.get(deficit.id))!.status).toBe('in_progress');
	});

	it('aims an existing action at a deficit made afterwards', async () => {
		const db = open();
		await submitted(db);
		const { action } = await observations.recommendationToAction(db, IDS.observation, REC, mentor);
		const { deficit } = await observations.recommendationToDeficit(db, IDS.observation, REC, mentor);
		expect((await plans.getAction(db, action.id))!.deficitId).toBe(deficit.id);
		expect(deficit.status).toBe('in_progress');
	});

	it('uses the plan the teacher already has, and a second tap adds nothing', async () => {
		const db = open();
		await submitted(db);
		await db.development_plans.put(buildPlan({ deficitIds: [] }));
		await db.plan_actions.put(buildAction({ deficitId: null }));
		const first = await observations.recommendationToAction(db, IDS.observation, REC, mentor);
		expect(first.plan.id).toBe(IDS.plan);
		const entries = await outbox.list(db);
		const second = await observations.recommendationToAction(db, IDS.observation, REC, mentor);
		expect(second.action.id).toBe(first.action.id);
		expect(await db.plan_actions.count()).toBe(2);
		expect(await outbox.list(db)).toEqual(entries);
	});

	it('is due about two months after the conversion, not on 31 August', async () => {
		const db = open();
		await submitted(db);
		const { action } = await observations.recommendationToAction(db, IDS.observation, REC, mentor, {
			today: '2026-10-06'
		});
		expect(action.deadline).toBe('2026-12-06');
	});

	it('takes the title and the deadline the observer settled on, checked like any action of the plan', async () => {
		const db = open();
		await submitted(db);
		const bad = await fail(
			observations.recommendationToAction(db, IDS.observation, REC, mentor, {
				today: '2026-10-06',
				title: '  ',
				deadline: '2026-08-01'
			})
		);
		expect(bad.issues).toEqual([
			{ path: 'title', code: 'required' },
			{ path: 'deadline', code: 'date_before', params: { min: '2026-09-01' } }
		]);
		expect(await db.plan_actions.count()).toBe(0);
		const { action, observation } = await observations.recommendationToAction(db, IDS.observation, REC, mentor, {
			today: '2026-10-06',
			title: ' Знакомить класс с критериями до работы ',
			deadline: '2026-11-30'
		});
		expect(action).toMatchObject({ title: 'Знакомить класс с критериями до работы', deadline: '2026-11-30' });
		// The handed-over protocol keeps its wording: only the link is new.
		expect(observation.recommendations[0]).toMatchObject({
			text: 'Развивать: знакомит обучающихся с критериями оценивания до выполнения работы',
			actionId: action.id
		});
	});

	it('puts work from a visit of a year that is over into the current year’s plan', async () => {
		const db = open();
		await submitted(db, { date: '2026-05-20' });
		const { plan, action } = await observations.recommendationToAction(db, IDS.observation, REC, mentor, {
			today: '2026-10-06'
		});
		expect(plan.academicYear).toBe(2026);
		expect(action.deadline).toBe('2026-12-06');
	});

	it('writes nothing at all when any part fails', async () => {
		const db = open();
		const before = await submitted(db);
		db.plan_actions.hook('creating', () => {
			throw new Error('disk failure while writing the action');
		});
		const error = await fail(observations.recommendationToAction(db, IDS.observation, REC, mentor));
		expect(error).toBeInstanceOf(LocalWriteError);
		expect(await db.development_plans.count()).toBe(0);
		expect(await db.plan_actions.count()).toBe(0);
		expect(await observations.get(db, IDS.observation)).toEqual(before);
		expect(await db.outbox.count()).toBe(0);
	});
});
