import { afterEach, describe, expect, it } from 'vitest';
import { buildDeficit, IDS, scoresFor, uuid } from '$lib/domain/testing/builders';
import { DEFAULT_FRAMEWORK as framework } from '$lib/domain/frameworks/default';
import { frameworkIndicatorIds } from '$lib/domain/framework';
import type { Assessment } from '$lib/domain/assessment';
import * as assessments from './assessments';
import * as outbox from './outbox';
import { LocalWriteError } from './errors';
import { freshDatabase } from './testing/fresh';
import { countRequests } from './testing/requests';
import type { AppDatabase } from './database';

const actor = { profileId: IDS.teacher };
const key = { teacherId: IDS.teacher, stage: 'entry' as const, academicYear: 2026 };
const dbs: AppDatabase[] = [];
function open() {
	const db = freshDatabase('assessments');
	dbs.push(db);
	return db;
}
afterEach(() => {
	for (const db of dbs.splice(0)) db.close();
});

async function failure(promise: Promise<unknown>): Promise<LocalWriteError> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(LocalWriteError);
	return error as LocalWriteError;
}

/** A draft with every indicator answered through the repository, as the flow does. */
async function completedDraft(
	db: AppDatabase,
	score: (indicatorId: string) => 0 | 1 | 2 | 3 = () => 2
): Promise<Assessment> {
	const draft = await assessments.startDraft(db, { ...key, framework }, actor);
	// One write, not 38: the shape of the row is the same, and the tests stay fast.
	await db.assessments.update(draft.id, { scores: scoresFor(framework, score) });
	return (await assessments.get(db, draft.id))!;
}

describe('a self-assessment draft', () => {
	it('starts at the first competency against the framework revision, scored by the teacher', async () => {
		const db = open();
		const draft = await assessments.startDraft(db, { ...key, framework }, actor);
		expect(draft).toMatchObject({
			teacherId: IDS.teacher,
			assessorId: IDS.teacher,
			kind: 'self',
			stage: 'entry',
			academicYear: 2026,
			status: 'draft',
			scores: {},
			frameworkId: framework.id,
			frameworkVersion: framework.revision,
			currentCompetencyId: framework.competencies[0]!.id,
			submittedAt: null
		});
		expect(await outbox.forRow(db, 'assessments', draft.id)).toHaveLength(1);
	});

	it('is resumed, not duplicated, when started again for the same stage and year', async () => {
		const db = open();
		const [a, b] = await Promise.all([
			assessments.startDraft(db, { ...key, framework }, actor),
			assessments.startDraft(db, { ...key, framework }, actor)
		]);
		const c = await assessments.startDraft(db, { ...key, framework }, actor);
		expect(b.id).toBe(a.id);
		expect(c.id).toBe(a.id);
		expect(await db.assessments.count()).toBe(1);
		expect(await db.outbox.count()).toBe(1);
	});

	it('is separate for another stage or another year', async () => {
		const db = open();
		const entry = await assessments.startDraft(db, { ...key, framework }, actor);
		const final = await assessments.startDraft(db, { ...key, stage: 'final', framework }, actor);
		const lastYear = await assessments.startDraft(db, { ...key, academicYear: 2025, framework }, actor);
		expect(new Set([entry.id, final.id, lastYear.id]).size).toBe(3);
	});

	it('may be started again after a submission: a correction is a new assessment', async () => {
		const db = open();
		const first = await completedDraft(db);
		await assessments.submit(db, first.id, framework, actor);
		const again = await assessments.startDraft(db, { ...key, framework }, actor);
		expect(again.id).not.toBe(first.id);
		expect(again.status).toBe('draft');
	});

	it('keeps every answer and moves the resume point to its competency', async () => {
		const db = open();
		const draft = await assessments.startDraft(db, { ...key, framework }, actor);
		await assessments.answer(db, draft.id, 'goal-setting.1', 3, actor);
		const moved = await assessments.answer(db, draft.id, 'motivation.2', 1, actor);
		expect(moved.currentCompetencyId).toBe('motivation');
		await assessments.answer(db, draft.id, 'goal-setting.1', 2, actor);
		const row = await assessments.get(db, draft.id);
		expect(row!.scores).toEqual({ 'goal-setting.1': 2, 'motivation.2': 1 });
		expect(row!.currentCompetencyId).toBe('goal-setting');
	});

	it('keeps every answer of quick taps that overlap', async () => {
		const db = open();
		const draft = await assessments.startDraft(db, { ...key, framework }, actor);
		const ids = frameworkIndicatorIds(framework).slice(0, 8);
		await Promise.all(ids.map((id, i) => assessments.answer(db, draft.id, id, (i % 4) as 0 | 1 | 2 | 3, actor)));
		expect(Object.keys((await assessments.get(db, draft.id))!.scores).sort()).toEqual([...ids].sort());
	});

	it('queues its answers as one pending change while nothing else was written in between', async () => {
		const db = open();
		const draft = await assessments.startDraft(db, { ...key, framework }, actor);
		await assessments.answer(db, draft.id, 'goal-setting.1', 3, actor);
		await assessments.answer(db, draft.id, 'goal-setting.2', 0, actor);
		const entries = await outbox.list(db);
		expect(entries).toHaveLength(1);
		expect(entries[0]!.fields).toMatchObject({
			scores: { 'goal-setting.1': 3, 'goal-setting.2': 0 },
			currentCompetencyId: 'goal-setting'
		});
	});

	it('remembers the competency the teacher moved to', async () => {
		const db = open();
		const draft = await assessments.startDraft(db, { ...key, framework }, actor);
		await assessments.moveTo(db, draft.id, 'evaluation', actor);
		expect((await assessments.get(db, draft.id))!.currentCompetencyId).toBe('evaluation');
	});

	it('refuses a score outside 0–3 and writes nothing', async () => {
		const db = open();
		const draft = await assessments.startDraft(db, { ...key, framework }, actor);
		const error = await failure(assessments.answer(db, draft.id, 'goal-setting.1', 7 as 3, actor));
		expect(error.reason).toBe('invalid');
		expect((await assessments.get(db, draft.id))!.scores).toEqual({});
	});
});

describe('submitting a self-assessment', () => {
	it('refuses an incomplete draft, names the unanswered indicators, and writes nothing', async () => {
		const db = open();
		const draft = await assessments.startDraft(db, { ...key, framework }, actor);
		await assessments.answer(db, draft.id, 'goal-setting.1', 0, actor);
		const before = await assessments.get(db, draft.id);
		const entriesBefore = await outbox.list(db);

		const error = await failure(assessments.submit(db, draft.id, framework, actor));
		expect(error.reason).toBe('invalid');
		expect(error.issues).toHaveLength(frameworkIndicatorIds(framework).length - 1);
		expect(error.issues[0]).toEqual({ path: 'scores[goal-setting.2]', code: 'required' });
		expect(await assessments.get(db, draft.id)).toEqual(before);
		expect(await outbox.list(db)).toEqual(entriesBefore);
		expect(await db.deficits.count()).toBe(0);
	});

	it('makes the assessment immutable: a later answer is forbidden and changes nothing', async () => {
		const db = open();
		const draft = await completedDraft(db);
		const { assessment } = await assessments.submit(db, draft.id, framework, actor);
		expect(assessment).toMatchObject({ status: 'submitted', currentCompetencyId: null });
		expect(assessment.submittedAt).not.toBeNull();

		expect((await failure(assessments.answer(db, draft.id, 'goal-setting.1', 0, actor))).reason).toBe('forbidden');
		expect((await failure(assessments.moveTo(db, draft.id, 'evaluation', actor))).reason).toBe('forbidden');
		expect((await failure(assessments.submit(db, draft.id, framework, actor))).reason).toBe('forbidden');
		expect(await assessments.get(db, draft.id)).toEqual(assessment);
	});

	it('proposes a deficit per competency with indicators scored 0 or 1, in the same transaction', async () => {
		const db = open();
		const low = new Set(['goal-setting.1', 'goal-setting.3', 'evaluation.2']);
		const draft = await completedDraft(db, (id) => (id === 'goal-setting.3' ? 0 : low.has(id) ? 1 : 3));
		const { assessment, proposed, confirmed } = await assessments.submit(db, draft.id, framework, actor);

		expect(confirmed).toEqual([]);
		expect(proposed.map((d) => [d.competencyId, d.indicatorIds])).toEqual([
			['goal-setting', ['goal-setting.1', 'goal-setting.3']],
			['evaluation', ['evaluation.2']]
		]);
		for (const d of proposed) {
			expect(d).toMatchObject({
				teacherId: IDS.teacher,
				status: 'proposed',
				source: 'self_assessment',
				sourceAssessmentId: assessment.id
			});
			expect(await db.deficits.get(d.id)).toEqual(d);
		}
		// The submission and every proposal reach the server in that order.
		const entries = await outbox.list(db);
		expect(entries.map((e) => e.table)).toEqual(['assessments', 'deficits', 'deficits']);
		expect(entries[0]!.fields).toMatchObject({ status: 'submitted' });
	});

	it('leaves the assessment a draft when a deficit cannot be written', async () => {
		const db = open();
		const draft = await completedDraft(db, () => 1);
		const entriesBefore = await outbox.list(db);
		db.deficits.hook('creating', () => {
			throw new Error('disk full');
		});

		await failure(assessments.submit(db, draft.id, framework, actor));
		expect(await assessments.get(db, draft.id)).toEqual(draft);
		expect(await db.deficits.count()).toBe(0);
		expect(await outbox.list(db)).toEqual(entriesBefore);
	});

	it('confirms a deficit already being worked on instead of proposing it again', async () => {
		const db = open();
		const inProgress = buildDeficit({
			id: uuid(4001),
			competencyId: 'evaluation',
			indicatorIds: ['evaluation.1'],
			status: 'in_progress',
			history: [
				{ status: 'proposed', at: '2026-09-16T10:00:00.000Z', by: null },
				{ status: 'identified', at: '2026-09-17T10:00:00.000Z', by: IDS.teacher },
				{ status: 'in_progress', at: '2026-09-20T10:00:00.000Z', by: IDS.teacher }
			]
		});
		const overcome = buildDeficit({
			id: uuid(4002),
			competencyId: 'goal-setting',
			indicatorIds: ['goal-setting.1'],
			status: 'overcome',
			history: [{ status: 'overcome', at: '2026-09-20T10:00:00.000Z', by: IDS.teacher }]
		});
		await db.deficits.bulkPut([inProgress, overcome]);
		const draft = await completedDraft(db, (id) =>
			id === 'evaluation.1' || id === 'evaluation.3' || id === 'goal-setting.1' ? 1 : 2
		);

		const { assessment, proposed, confirmed } = await assessments.submit(db, draft.id, framework, actor);

		expect(confirmed).toHaveLength(1);
		expect(confirmed[0]).toMatchObject({
			id: inProgress.id,
			status: 'in_progress',
			indicatorIds: ['evaluation.1', 'evaluation.3'],
			confirmedAt: assessment.submittedAt
		});
		// An overcome deficit is history: the same weakness again is a new proposal.
		expect(proposed.map((d) => d.competencyId)).toEqual(['goal-setting']);
		expect((await db.deficits.toArray()).filter((d) => d.competencyId === 'evaluation')).toHaveLength(1);
		const deficitEntries = (await outbox.list(db)).filter((e) => e.table === 'deficits');
		expect(deficitEntries.find((e) => e.rowId === inProgress.id)).toMatchObject({
			fields: { confirmedAt: assessment.submittedAt, indicatorIds: ['evaluation.1', 'evaluation.3'] },
			base: { confirmedAt: null, indicatorIds: ['evaluation.1'] }
		});
	});
});

describe('the IndexedDB requests of a self-assessment', () => {
	it('a submit written in one round still queues each change once, in order, with gap-free seqs', async () => {
		const db = open();
		await db.deficits.bulkPut([
			buildDeficit({
				id: uuid(4201),
				competencyId: 'motivation',
				indicatorIds: ['motivation.1'],
				status: 'identified'
			})
		]);
		const draft = await completedDraft(db, (id) =>
			id.startsWith('goal-setting') || id.startsWith('motivation') ? 1 : 3
		);
		await assessments.answer(db, draft.id, 'evaluation.1', 0, actor);
		const before = await outbox.list(db);

		const { assessment, proposed, confirmed } = await assessments.submit(db, draft.id, framework, actor);

		const entries = await outbox.list(db);
		// The taps' pending entry takes the submission too; then one entry per deficit, in the proposals' order.
		expect(entries[0]).toMatchObject({ seq: before[0]!.seq, table: 'assessments', rowId: draft.id });
		expect(entries[0]!.fields).toMatchObject({ status: 'submitted', submittedAt: assessment.submittedAt });
		expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => before[0]!.seq + i));
		const low = framework.competencies
			.map((c) => c.id)
			.filter((c) => ['goal-setting', 'motivation', 'evaluation'].includes(c));
		expect(entries.slice(1).map((e) => e.rowId)).toEqual(
			low.map((c) => (c === 'motivation' ? uuid(4201) : proposed.find((d) => d.competencyId === c)!.id))
		);
		expect(confirmed.map((d) => d.id)).toEqual([uuid(4201)]);
		for (const d of [...proposed, ...confirmed]) expect(await db.deficits.get(d.id)).toEqual(d);
		expect(await db.meta.get('outbox.nextSeq')).toEqual({ key: 'outbox.nextSeq', value: entries.at(-1)!.seq + 1 });
	});

	it('a tap reads the assessment once and takes two rounds: its reads together, then its writes', async () => {
		const db = open();
		const counter = countRequests(db);
		const draft = await assessments.startDraft(db, { ...key, framework }, actor);
		await assessments.answer(db, draft.id, 'goal-setting.1', 3, actor);

		const { calls, rounds } = await counter.during(() => assessments.answer(db, draft.id, 'goal-setting.2', 1, actor));

		expect(calls.filter((c) => c.startsWith('assessments.') && !c.endsWith('.mutate'))).toEqual(['assessments.get']);
		expect(rounds).toBe(2);
		expect(calls.length).toBeLessThanOrEqual(5);
	});

	it('a tap that starts a new queued change (the newest one is another row’s) still takes two rounds', async () => {
		const db = open();
		const counter = countRequests(db);
		const draft = await assessments.startDraft(db, { ...key, framework }, actor);
		await outbox.claim(db, 10);

		const { calls, rounds } = await counter.during(() => assessments.answer(db, draft.id, 'goal-setting.2', 1, actor));

		expect(calls.filter((c) => c === 'assessments.get')).toHaveLength(1);
		expect(rounds).toBe(2);
	});

	it('a submit takes the same requests whatever the number of deficits it proposes or confirms', async () => {
		async function submitted(score: (indicatorId: string) => 0 | 1 | 2 | 3, live: boolean) {
			const db = open();
			const counter = countRequests(db);
			if (live)
				await db.deficits.bulkPut([buildDeficit({ id: uuid(4101), competencyId: 'evaluation', status: 'identified' })]);
			const draft = await completedDraft(db, score);
			await assessments.answer(db, draft.id, 'goal-setting.1', score('goal-setting.1'), actor);
			let made = 0;
			const counted = await counter.during(async () => {
				const { proposed, confirmed } = await assessments.submit(db, draft.id, framework, actor);
				made = proposed.length + confirmed.length;
			});
			return { ...counted, made };
		}
		const one = await submitted((id) => (id === 'goal-setting.1' ? 0 : 3), false);
		const all = await submitted(() => 1, false);
		const mixed = await submitted(() => 0, true);

		expect(one.made).toBe(1);
		expect(all.made).toBe(framework.competencies.length);
		expect(mixed.made).toBe(framework.competencies.length);
		expect(all.calls.length).toBeLessThanOrEqual(one.calls.length + 2);
		expect(mixed.calls.length).toBeLessThanOrEqual(one.calls.length + 2);
		expect(all.calls.filter((c) => c === 'assessments.get')).toHaveLength(1);
		for (const run of [one, all, mixed]) expect(run.rounds).toBeLessThanOrEqual(3);
	});
});
