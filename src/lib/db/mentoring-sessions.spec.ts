import { afterEach, describe, expect, it } from 'vitest';
import {
	buildMembership,
	buildObservation,
	buildPair,
	buildProfile,
	buildSession,
	codesOf,
	IDS,
	uuid
} from '$lib/domain/testing/builders';
import type { MentorSessionPatch } from '$lib/domain/mentoring-session';
import * as sessions from './mentoring-sessions';
import * as outbox from './outbox';
import { LocalWriteError } from './errors';
import { freshDatabase } from './testing/fresh';
import type { AppDatabase } from './database';

const mentor = { profileId: IDS.mentor };
const mentee = { profileId: IDS.teacher };
const TODAY = '2026-10-10';
const dbs: AppDatabase[] = [];
function open() {
	const db = freshDatabase('sessions');
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

const meeting: sessions.NewSession = {
	date: '2026-10-05',
	format: 'lesson_review',
	topic: '  Разбор урока алгебры в 7Б  ',
	notes: 'Цели урока сформулированы нечётко',
	durationMinutes: 45,
	nextSteps: 'Переписать цели в измеримом виде'
};

/** A pair as pulled from the server: a row without an outbox entry. */
async function withPair(overrides: Parameters<typeof buildPair>[0] = {}) {
	const db = open();
	const pair = buildPair(overrides);
	await db.mentoring_pairs.put(pair);
	return { db, pair };
}

describe('logging a session', () => {
	it('writes the row and its outbox entry together, with the pair’s people and no acknowledgement', async () => {
		const { db, pair } = await withPair();
		const row = await sessions.addSession(db, pair, meeting, mentor, TODAY);
		expect(row).toMatchObject({
			pairId: IDS.pair,
			mentorId: IDS.mentor,
			menteeId: IDS.teacher,
			topic: 'Разбор урока алгебры в 7Б',
			acknowledgedAt: null,
			updatedBy: IDS.mentor
		});
		expect(await db.mentoring_sessions.get(row.id)).toEqual(row);
		const entries = await outbox.list(db);
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({ table: 'mentoring_sessions', rowId: row.id, op: 'upsert', base: {} });
		expect(entries[0]!.fields).toMatchObject({ date: '2026-10-05', durationMinutes: 45, acknowledgedAt: null });
	});

	it('is refused on an ended pair and writes nothing', async () => {
		const { db, pair } = await withPair({ status: 'completed', endDate: '2026-10-01' });
		const error = await fail(sessions.addSession(db, pair, { ...meeting, date: '2026-09-25' }, mentor, TODAY));
		expect(error.reason).toBe('forbidden');
		expect(await db.mentoring_sessions.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
	});

	it('is refused once the pair’s end date has passed, though its status was not changed yet', async () => {
		const { db, pair } = await withPair({ endDate: '2026-10-01' });
		expect((await fail(sessions.addSession(db, pair, { ...meeting, date: '2026-09-25' }, mentor, TODAY))).reason).toBe(
			'forbidden'
		);
	});

	it('is refused for a future date, with an issue on the date', async () => {
		const { db, pair } = await withPair();
		const error = await fail(sessions.addSession(db, pair, { ...meeting, date: '2026-10-11' }, mentor, TODAY));
		expect(error.reason).toBe('invalid');
		expect(error.issues).toEqual([{ path: 'date', code: 'date_after', params: { max: TODAY } }]);
		expect(await db.outbox.count()).toBe(0);
	});

	it('is refused before the pair’s start and for bad fields, naming each field', async () => {
		const { db, pair } = await withPair();
		const error = await fail(
			sessions.addSession(db, pair, { ...meeting, date: '2026-08-20', topic: ' ', durationMinutes: 0 }, mentor, TODAY)
		);
		expect(codesOf(error.issues)).toEqual(['date:date_before', 'durationMinutes:out_of_range', 'topic:required']);
		expect(await db.mentoring_sessions.count()).toBe(0);
	});

	it('is refused to anyone but the pair’s mentor', async () => {
		const { db, pair } = await withPair();
		expect((await fail(sessions.addSession(db, pair, meeting, mentee, TODAY))).reason).toBe('forbidden');
	});
});

describe('correcting a session', () => {
	it('changes mentor fields and queues only what changed', async () => {
		const { db, pair } = await withPair();
		const row = await sessions.addSession(db, pair, meeting, mentor, TODAY);
		await db.outbox.clear();
		const updated = await sessions.updateSession(
			db,
			row.id,
			{ nextSteps: 'Посетить урок коллеги', topic: row.topic },
			mentor,
			TODAY
		);
		expect(updated.nextSteps).toBe('Посетить урок коллеги');
		const [entry] = await outbox.list(db);
		expect(entry!.fields).toEqual({ nextSteps: 'Посетить урок коллеги' });
	});

	it('cannot set the mentee’s acknowledgement', async () => {
		const { db } = await withPair();
		await db.mentoring_sessions.put(buildSession({ date: '2026-10-01' }));
		// A caller going around the type (a stale form, a plain object from elsewhere).
		const patch = { notes: 'x', acknowledgedAt: '2026-10-02T10:00:00.000Z' } as unknown as MentorSessionPatch;
		const error = await fail(sessions.updateSession(db, IDS.session, patch, mentor, TODAY));
		expect(codesOf(error.issues)).toEqual(['acknowledgedAt:not_allowed']);
		expect((await db.mentoring_sessions.get(IDS.session))!).toMatchObject({ notes: '', acknowledgedAt: null });
		expect(await db.outbox.count()).toBe(0);
	});

	it('cannot move a session into the future', async () => {
		const { db } = await withPair();
		await db.mentoring_sessions.put(buildSession({ date: '2026-10-01' }));
		const error = await fail(sessions.updateSession(db, IDS.session, { date: '2026-12-01' }, mentor, TODAY));
		expect(codesOf(error.issues)).toEqual(['date:date_after']);
	});
});

describe('the planned meeting a session fulfils', () => {
	const programme = [
		{ date: '2026-09-20', topic: 'Планирование уроков по теме' },
		{ date: '2026-10-20', topic: 'Разбор урока' }
	];

	it('is written with the session, and a meeting the programme does not plan is refused', async () => {
		const { db, pair } = await withPair({ plannedMeetings: programme });
		const row = await sessions.addSession(db, pair, { ...meeting, plannedMeeting: '2026-10-20' }, mentor, TODAY);
		expect(row.plannedMeeting).toBe('2026-10-20');
		expect((await outbox.list(db))[0]!.fields).toMatchObject({ plannedMeeting: '2026-10-20' });
		const error = await fail(
			sessions.addSession(db, pair, { ...meeting, plannedMeeting: '2026-10-21' }, mentor, TODAY)
		);
		expect(error.issues).toEqual([{ path: 'plannedMeeting', code: 'invalid_option' }]);
		expect(
			(await sessions.addSession(db, pair, { ...meeting, plannedMeeting: 'none' }, mentor, TODAY)).plannedMeeting
		).toBe('none');
	});

	it('is set by the mentor on a session logged before sessions said it, and queued alone', async () => {
		const { db } = await withPair({ plannedMeetings: programme });
		await db.mentoring_sessions.put(buildSession({ date: '2026-10-01', plannedMeeting: null }));
		const linked = await sessions.updateSession(db, IDS.session, { plannedMeeting: '2026-09-20' }, mentor, TODAY);
		expect(linked.plannedMeeting).toBe('2026-09-20');
		expect((await outbox.list(db)).map((e) => [e.fields, e.base])).toEqual([
			[{ plannedMeeting: '2026-09-20' }, { plannedMeeting: null }]
		]);
		expect(
			(await fail(sessions.updateSession(db, IDS.session, { plannedMeeting: '2026-11-01' }, mentor, TODAY))).issues
		).toEqual([{ path: 'plannedMeeting', code: 'invalid_option' }]);
		expect(
			(await fail(sessions.updateSession(db, IDS.session, { plannedMeeting: 'none' }, mentee, TODAY))).reason
		).toBe('forbidden');
	});

	it('does not stop other corrections when the methodist has since moved the meeting it names', async () => {
		const { db } = await withPair({ plannedMeetings: [{ date: '2026-09-25', topic: 'Перенесено' }] });
		await db.mentoring_sessions.put(buildSession({ date: '2026-10-01', plannedMeeting: '2026-09-20' }));
		expect((await sessions.updateSession(db, IDS.session, { notes: 'Дополнил' }, mentor, TODAY)).notes).toBe(
			'Дополнил'
		);
	});
});

describe('acknowledging a session', () => {
	it('sets acknowledgedAt and nothing else, in the row and in the outbox entry', async () => {
		const { db } = await withPair();
		const before = buildSession({ notes: 'Записи наставника' });
		await db.mentoring_sessions.put(before);
		const row = await sessions.acknowledge(db, IDS.session, mentee);
		expect(row.acknowledgedAt).not.toBeNull();
		const { acknowledgedAt: _a, updatedAt: _u, updatedBy: _b, ...rest } = row;
		const { acknowledgedAt: _a2, updatedAt: _u2, updatedBy: _b2, ...restBefore } = before;
		expect(rest).toEqual(restBefore);
		const [entry] = await outbox.list(db);
		expect(Object.keys(entry!.fields)).toEqual(['acknowledgedAt']);
		expect(entry!.base).toEqual({ acknowledgedAt: null });
	});

	it('keeps the first confirmation on a second tap', async () => {
		const { db } = await withPair();
		await db.mentoring_sessions.put(buildSession({ acknowledgedAt: '2026-09-21T08:00:00.000Z' }));
		const row = await sessions.acknowledge(db, IDS.session, mentee);
		expect(row.acknowledgedAt).toBe('2026-09-21T08:00:00.000Z');
		expect(await db.outbox.count()).toBe(0);
	});

	it('is the mentee’s alone', async () => {
		const { db } = await withPair();
		await db.mentoring_sessions.put(buildSession());
		expect((await fail(sessions.acknowledge(db, IDS.session, mentor))).reason).toBe('forbidden');
	});
});

describe('reading sessions and what goes with them', () => {
	it('lists a pair’s and a mentee’s sessions newest first, without deleted ones', async () => {
		const db = open();
		await db.mentoring_sessions.bulkPut([
			buildSession({ id: uuid(1), date: '2026-09-20' }),
			buildSession({ id: uuid(2), date: '2026-10-05' }),
			buildSession({ id: uuid(3), date: '2026-10-06', deletedAt: '2026-10-07T10:00:00.000Z' }),
			buildSession({ id: uuid(4), date: '2026-10-01', pairId: uuid(777) })
		]);
		expect((await sessions.listForPair(db, IDS.pair)).map((s) => s.id)).toEqual([uuid(2), uuid(1)]);
		expect((await sessions.listForMentee(db, IDS.teacher)).map((s) => s.id)).toEqual([uuid(2), uuid(4), uuid(1)]);
	});

	it('gets a pair, not a deleted one', async () => {
		const db = open();
		await db.mentoring_pairs.bulkPut([buildPair(), buildPair({ id: uuid(2), deletedAt: '2026-10-01T10:00:00.000Z' })]);
		expect((await sessions.getPair(db, IDS.pair))?.id).toBe(IDS.pair);
		expect(await sessions.getPair(db, uuid(2))).toBeUndefined();
	});

	it('finds the submitted lesson observations of the mentee by this mentor', async () => {
		const db = open();
		await db.observations.bulkPut([
			buildObservation({ id: uuid(1), status: 'submitted', date: '2026-11-01' }),
			buildObservation({ id: uuid(2), status: 'submitted', date: '2026-10-01' }),
			buildObservation({ id: uuid(3), status: 'draft' }),
			buildObservation({ id: uuid(4), status: 'submitted', observerId: IDS.methodist })
		]);
		expect((await sessions.observationsBy(db, IDS.mentor, IDS.teacher)).map((o) => o.id)).toEqual([uuid(2), uuid(1)]);
	});

	it('finds the methodists of a school', async () => {
		const db = open();
		await db.profiles.bulkPut([
			buildProfile(),
			buildProfile({ id: IDS.methodist, fullName: 'Петрова Анна Сергеевна' }),
			buildProfile({ id: uuid(104), fullName: 'Сидорова Ольга Ивановна', schoolId: uuid(299) })
		]);
		await db.memberships.bulkPut([
			buildMembership(),
			buildMembership({ id: uuid(1002), profileId: IDS.methodist, role: 'school_methodist' }),
			buildMembership({ id: uuid(1003), profileId: uuid(104), organizationId: uuid(299), role: 'school_methodist' })
		]);
		expect((await sessions.methodistsOfSchool(db, IDS.school)).map((p) => p.fullName)).toEqual([
			'Петрова Анна Сергеевна'
		]);
	});
});
