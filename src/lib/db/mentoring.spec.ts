import { afterEach, describe, expect, it } from 'vitest';
import { buildDeficit, buildPair, buildProfile, buildSession, codesOf, IDS, uuid } from '$lib/domain/testing/builders';
import { mentoringPairSchema } from '$lib/domain/schemas/mentoring';
import * as mentoring from './mentoring';
import * as outbox from './outbox';
import { LocalWriteError } from './errors';
import { freshDatabase } from './testing/fresh';
import type { AppDatabase } from './database';

const actor = { profileId: IDS.methodist };
const dbs: AppDatabase[] = [];
afterEach(() => {
	for (const db of dbs.splice(0)) db.close();
});

/** A school with a mentor and a young mentee, as pulled from the server (no outbox entries). */
async function school(): Promise<AppDatabase> {
	const db = freshDatabase('mentoring');
	dbs.push(db);
	await db.profiles.bulkPut([
		buildProfile({ id: IDS.mentor, fullName: 'Смирнова Ольга Ивановна', experienceYears: 25 }),
		buildProfile({ id: IDS.teacher, fullName: 'Корнилов Денис Андреевич', experienceYears: 1 })
	]);
	return db;
}

function fail(promise: Promise<unknown>): Promise<LocalWriteError> {
	return promise.then(
		() => {
			throw new Error('expected the write to fail');
		},
		(e: unknown) => e as LocalWriteError
	);
}

const input: mentoring.NewPair = {
	schoolId: IDS.school,
	mentorId: IDS.mentor,
	menteeId: IDS.teacher,
	model: 'experienced_young',
	startDate: '2026-09-01',
	endDate: '2027-05-31',
	goals: '  Адаптация молодого специалиста  '
};

describe('forming a pair', () => {
	it('writes the pair with an empty programme and its outbox entry', async () => {
		const db = await school();
		const pair = await mentoring.createPair(db, input, actor);
		expect(pair).toMatchObject({
			status: 'active',
			goals: 'Адаптация молодого специалиста',
			deficitIds: [],
			plannedMeetings: [],
			expectedResults: '',
			updatedBy: IDS.methodist
		});
		expect(mentoringPairSchema.validate(pair)).toEqual([]);
		expect(await mentoring.get(db, pair.id)).toEqual(pair);
		const entries = await outbox.list(db);
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({ table: 'mentoring_pairs', rowId: pair.id, op: 'upsert', base: {} });
		expect(entries[0]!.fields).toMatchObject({ menteeId: IDS.teacher, mentorId: IDS.mentor, status: 'active' });
	});

	it('writes nothing for bad input and names each bad field', async () => {
		const db = await school();
		const error = await fail(
			mentoring.createPair(db, { ...input, mentorId: '', model: 'buddy' as never, endDate: '2026-08-01' }, actor)
		);
		expect(error.reason).toBe('invalid');
		expect(codesOf(error.issues)).toEqual(['endDate:date_before', 'mentorId:invalid_id', 'model:invalid_option']);
		expect(await db.mentoring_pairs.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
	});

	it('refuses a mentor mentoring themself', async () => {
		const db = await school();
		const error = await fail(mentoring.createPair(db, { ...input, mentorId: IDS.teacher }, actor));
		expect(codesOf(error.issues)).toEqual(['menteeId:must_differ']);
	});

	it('refuses a mentee who is not on this device or not of the school', async () => {
		const db = await school();
		expect(codesOf((await fail(mentoring.createPair(db, { ...input, menteeId: uuid(999) }, actor))).issues)).toEqual([
			'menteeId:invalid_id'
		]);
		await db.profiles.put(buildProfile({ id: uuid(998), schoolId: uuid(297) }));
		expect(codesOf((await fail(mentoring.createPair(db, { ...input, menteeId: uuid(998) }, actor))).issues)).toEqual([
			'menteeId:mismatch'
		]);
		expect(await db.outbox.count()).toBe(0);
	});

	it('refuses a second active pair for a mentee while the first one runs, on menteeId', async () => {
		const db = await school();
		const first = await mentoring.createPair(db, input, actor);
		await db.profiles.put(buildProfile({ id: uuid(150), fullName: 'Павлова Ирина Сергеевна' }));
		const error = await fail(
			mentoring.createPair(db, { ...input, mentorId: uuid(150), startDate: '2027-01-10' }, actor)
		);
		expect(error.issues).toEqual([
			{ path: 'menteeId', code: 'not_allowed', params: { reason: 'active_pair', pairId: first.id } }
		]);
		expect(await db.mentoring_pairs.count()).toBe(1);
		expect(await db.outbox.count()).toBe(1);
	});

	it('makes one pair of two simultaneous attempts for the same mentee', async () => {
		const db = await school();
		const results = await Promise.allSettled([
			mentoring.createPair(db, input, actor),
			mentoring.createPair(db, input, actor)
		]);
		expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		expect(await db.mentoring_pairs.count()).toBe(1);
	});

	it('allows a new pair once the previous one has ended, or for a term after it', async () => {
		const db = await school();
		const first = await mentoring.createPair(db, input, actor);
		const next = await mentoring.createPair(db, { ...input, startDate: '2027-09-01', endDate: '2028-05-31' }, actor);
		expect(next.id).not.toBe(first.id);
		await mentoring.endPair(db, first.id, 'terminated', '2026-12-01', actor);
		const replacement = await mentoring.createPair(
			db,
			{ ...input, startDate: '2026-12-02', endDate: '2027-05-31' },
			actor
		);
		expect(replacement.status).toBe('active');
		expect((await mentoring.listForSchool(db, IDS.school)).map((p) => p.startDate)).toEqual([
			'2027-09-01',
			'2026-12-02',
			'2026-09-01'
		]);
	});
});

describe('the programme', () => {
	async function withPair() {
		const db = await school();
		await db.mentoring_pairs.put(buildPair({ plannedMeetings: [] }));
		await db.deficits.bulkPut([
			buildDeficit(),
			buildDeficit({ id: uuid(402), competencyId: 'motivation', indicatorIds: ['motivation.1'], status: 'dismissed' }),
			buildDeficit({ id: uuid(403), teacherId: IDS.mentor })
		]);
		return db;
	}

	const programme: mentoring.Programme = {
		goals: 'Освоить формирующее оценивание',
		deficitIds: [IDS.deficit, IDS.deficit],
		plannedMeetings: [
			{ date: '2026-11-12', topic: ' Разбор открытого урока ' },
			{ date: '2026-09-20', topic: 'Знакомство, составление программы' }
		],
		expectedResults: 'Проводит открытый урок на ШМО'
	};

	it('stores goals, each deficit once, meetings by date and expected results, with an outbox entry', async () => {
		const db = await withPair();
		const pair = await mentoring.updateProgramme(db, IDS.pair, programme, actor);
		expect(pair).toMatchObject({
			goals: 'Освоить формирующее оценивание',
			deficitIds: [IDS.deficit],
			plannedMeetings: [
				{ date: '2026-09-20', topic: 'Знакомство, составление программы' },
				{ date: '2026-11-12', topic: 'Разбор открытого урока' }
			],
			expectedResults: 'Проводит открытый урок на ШМО'
		});
		const [entry] = await outbox.forRow(db, 'mentoring_pairs', IDS.pair);
		expect(Object.keys(entry!.fields).sort()).toEqual(['deficitIds', 'expectedResults', 'goals', 'plannedMeetings']);
		expect(entry!.base).toMatchObject({ goals: 'Адаптация молодого специалиста', plannedMeetings: [] });
	});

	it('refuses meetings outside the term, at their place by date, and writes nothing', async () => {
		const db = await withPair();
		const error = await fail(
			mentoring.updateProgramme(
				db,
				IDS.pair,
				{
					...programme,
					plannedMeetings: [
						{ date: '2027-06-15', topic: 'Итоги' },
						{ date: '2026-08-20', topic: 'До начала' },
						{ date: '2026-10-01', topic: '' }
					]
				},
				actor
			)
		);
		expect(error.issues).toEqual([
			{ path: 'plannedMeetings.1.topic', code: 'required' },
			{ path: 'plannedMeetings.0.date', code: 'date_before', params: { min: '2026-09-01' } },
			{ path: 'plannedMeetings.2.date', code: 'date_after', params: { max: '2027-05-31' } }
		]);
		expect((await mentoring.get(db, IDS.pair))!.plannedMeetings).toEqual([]);
		expect(await db.outbox.count()).toBe(0);
	});

	it('addresses only the mentee’s deficits that were not dismissed', async () => {
		const db = await withPair();
		const error = await fail(
			mentoring.updateProgramme(
				db,
				IDS.pair,
				{ ...programme, deficitIds: [IDS.deficit, uuid(402), uuid(403), uuid(404)] },
				actor
			)
		);
		expect(codesOf(error.issues)).toEqual(['deficitIds.1:mismatch', 'deficitIds.2:mismatch', 'deficitIds.3:mismatch']);
	});

	it('is not edited once the pair has ended', async () => {
		const db = await withPair();
		await mentoring.endPair(db, IDS.pair, 'completed', '2027-05-20', actor);
		const error = await fail(mentoring.updateProgramme(db, IDS.pair, programme, actor));
		expect(error.issues).toEqual([{ path: 'status', code: 'not_allowed', params: { reason: 'ended' } }]);
	});
});

describe('changing the model and the term', () => {
	it('changes the model and moves the end', async () => {
		const db = await school();
		await db.mentoring_pairs.put(buildPair());
		const pair = await mentoring.updatePair(
			db,
			IDS.pair,
			{ model: 'subject_expert_novice', endDate: '2027-08-31' },
			actor
		);
		expect(pair).toMatchObject({ model: 'subject_expert_novice', endDate: '2027-08-31' });
		expect((await outbox.forRow(db, 'mentoring_pairs', IDS.pair))[0]!.fields).toEqual({
			model: 'subject_expert_novice',
			endDate: '2027-08-31'
		});
	});

	it('keeps planned meetings and held sessions inside the term', async () => {
		const db = await school();
		await db.mentoring_pairs.put(buildPair({ plannedMeetings: [{ date: '2026-09-20', topic: 'Знакомство' }] }));
		await db.mentoring_sessions.put(buildSession({ date: '2026-12-01' }));
		const error = await fail(
			mentoring.updatePair(db, IDS.pair, { startDate: '2026-10-01', endDate: '2026-11-30' }, actor)
		);
		expect(error.issues).toEqual([
			{ path: 'startDate', code: 'date_after', params: { max: '2026-09-20' } },
			{ path: 'endDate', code: 'date_before', params: { min: '2026-12-01' } }
		]);
	});

	it('refuses a term that comes to overlap another active pair of the mentee', async () => {
		const db = await school();
		await db.mentoring_pairs.bulkPut([
			buildPair({ plannedMeetings: [] }),
			buildPair({ id: uuid(710), startDate: '2027-06-01', endDate: '2027-12-31', plannedMeetings: [] })
		]);
		const error = await fail(mentoring.updatePair(db, IDS.pair, { endDate: '2027-08-31' }, actor));
		expect(error.issues).toEqual([
			{ path: 'menteeId', code: 'not_allowed', params: { reason: 'active_pair', pairId: uuid(710) } }
		]);
	});
});

describe('ending a pair', () => {
	it('completes it on the given day, with its outbox entry', async () => {
		const db = await school();
		await db.mentoring_pairs.put(buildPair());
		const pair = await mentoring.endPair(db, IDS.pair, 'completed', '2027-05-20', actor);
		expect(pair).toMatchObject({ status: 'completed', endDate: '2027-05-20' });
		const [entry] = await outbox.forRow(db, 'mentoring_pairs', IDS.pair);
		expect(entry).toMatchObject({
			fields: { status: 'completed', endDate: '2027-05-20' },
			base: { status: 'active', endDate: '2027-05-31' }
		});
	});

	it('refuses a day before the start or before the last session, and a pair already ended', async () => {
		const db = await school();
		await db.mentoring_pairs.put(buildPair());
		await db.mentoring_sessions.put(buildSession({ date: '2026-10-15' }));
		expect((await fail(mentoring.endPair(db, IDS.pair, 'terminated', '2026-08-01', actor))).issues).toEqual([
			{ path: 'endDate', code: 'date_before', params: { min: '2026-09-01' } }
		]);
		expect((await fail(mentoring.endPair(db, IDS.pair, 'terminated', '2026-10-01', actor))).issues).toEqual([
			{ path: 'endDate', code: 'date_before', params: { min: '2026-10-15' } }
		]);
		expect(codesOf((await fail(mentoring.endPair(db, IDS.pair, 'terminated', '', actor))).issues)).toEqual([
			'endDate:required'
		]);
		await mentoring.endPair(db, IDS.pair, 'terminated', '2026-10-15', actor);
		expect(codesOf((await fail(mentoring.endPair(db, IDS.pair, 'completed', '2026-11-01', actor))).issues)).toEqual([
			'status:not_allowed'
		]);
		expect(await db.outbox.count()).toBe(1);
	});

	it('reports a pair that is not on this device as not found', async () => {
		const db = await school();
		expect((await fail(mentoring.endPair(db, uuid(799), 'completed', '2027-05-20', actor))).reason).toBe('not-found');
	});
});
