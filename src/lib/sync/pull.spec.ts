import { afterEach, describe, expect, it } from 'vitest';
import {
	buildAction,
	buildActivity,
	buildComment,
	buildDeficit,
	buildMembership,
	buildObservation,
	buildPair,
	buildProfile,
	buildSession,
	IDS,
	uuid
} from '$lib/domain/testing/builders';
import type { SyncedRow } from '$lib/domain/common';
import type { AppDatabase } from '$lib/db/database';
import { freshDatabase } from '$lib/db/testing/fresh';
import * as meta from '$lib/db/meta';
import * as outbox from '$lib/db/outbox';
import * as rows from '$lib/db/rows';
import { toServer } from './columns';
import { CURSOR, PURGE_LEFT_PROFILES, pull } from './pull';
import { SCOPE } from './scope';
import { page, ScriptedTransport } from './testing/scripted';
import { SyncTransportError, type PullResponse } from './transport';

const dbs: AppDatabase[] = [];
function open() {
	const db = freshDatabase('pull');
	dbs.push(db);
	return db;
}
afterEach(() => {
	for (const db of dbs.splice(0)) db.close();
});

/** A row as sync_pull sends it. */
function server<T extends SyncedRow>(table: string, row: T): { table: string; row: Record<string, unknown> } {
	return {
		table,
		row: {
			...toServer(row as unknown as Record<string, unknown>),
			updated_at: '2026-10-01T10:00:00.5+00:00',
			sync_txid: '900'
		}
	};
}

const OTHER_TEACHER = uuid(111);

describe('a pull', () => {
	it('stores every row of every page, tombstones included, and the cursor with them', async () => {
		const db = open();
		const t = new ScriptedTransport();
		const a = buildActivity({ id: uuid(1), title: 'Курсы' });
		const b = buildActivity({ id: uuid(2), deletedAt: '2026-10-01T09:00:00.000Z', version: 2 });
		t.pullScript.push(page([server('activities', a)], 'c1', { hasMore: true, teacherIds: [IDS.teacher] }));
		t.pullScript.push(page([server('activities', b)], 'c2', { teacherIds: [IDS.teacher] }));
		const progress: number[] = [];

		const summary = await pull(db, t, { profileId: IDS.teacher, onProgress: (n) => progress.push(n) });

		expect(summary).toMatchObject({ applied: 2, pages: 2, restarted: false });
		expect(t.pulls.map((p) => p.cursor)).toEqual([null, 'c1']);
		expect(await db.activities.get(a.id)).toEqual({ ...a, updatedAt: '2026-10-01T10:00:00.500Z' });
		expect((await db.activities.get(b.id))!.deletedAt).toBe('2026-10-01T09:00:00.000Z');
		expect(await meta.get(db, CURSOR)).toBe('c2');
		expect(await meta.get(db, SCOPE)).toEqual({ teacherIds: [IDS.teacher] });
		expect(progress).toEqual([1, 2]);
	});

	it('resumes from the saved cursor after a failure between pages', async () => {
		const db = open();
		const t = new ScriptedTransport();
		t.pullScript.push(
			page([server('activities', buildActivity({ id: uuid(1) }))], 'c1', { hasMore: true, teacherIds: [IDS.teacher] })
		);
		t.pullScript.push(new SyncTransportError('offline', 'gone'));
		await expect(pull(db, t, { profileId: IDS.teacher })).rejects.toThrow('gone');
		expect(await meta.get(db, CURSOR)).toBe('c1');

		// Even a first pull cut short goes on where it stopped: the server's cursor knows the rest.
		await pull(db, t, { profileId: IDS.teacher });
		expect(t.pulls.at(-1)!.cursor).toBe('c1');
		expect(await db.activities.get(uuid(1))).toBeDefined();
	});

	it('ignores a version older than the device’s', async () => {
		const db = open();
		const mine = buildActivity({ version: 5, title: 'Пятая' });
		await db.activities.put(mine);
		const t = new ScriptedTransport();
		t.pullScript.push(page([server('activities', { ...mine, version: 4, title: 'Четвёртая' })], 'c1'));

		await pull(db, t, { profileId: IDS.teacher });

		expect((await db.activities.get(mine.id))!.title).toBe('Пятая');
	});

	it('keeps the user’s unsent edits on top of the server’s newer row', async () => {
		const db = open();
		const row = buildActivity({ title: 'Было', hours: 10 });
		await db.activities.put(row);
		await rows.update(db, 'activities', row.id, { title: 'Моё, не отправлено' }, { profileId: IDS.teacher });
		const t = new ScriptedTransport();
		t.pullScript.push(page([server('activities', { ...row, version: 2, hours: 24 })], 'c1'));

		await pull(db, t, { profileId: IDS.teacher });

		expect(await db.activities.get(row.id)).toMatchObject({ version: 2, hours: 24, title: 'Моё, не отправлено' });
		expect(await outbox.pendingCount(db)).toBe(1);
	});

	it('keeps an unsent deletion over the server’s row', async () => {
		const db = open();
		const row = buildActivity();
		await db.activities.put(row);
		await rows.remove(db, 'activities', row.id, { profileId: IDS.teacher });
		const t = new ScriptedTransport();
		t.pullScript.push(page([server('activities', { ...row, version: 2, title: 'Правка с телефона' })], 'c1'));

		await pull(db, t, { profileId: IDS.teacher });

		expect(await db.activities.get(row.id)).toMatchObject({ version: 2, title: 'Правка с телефона' });
		expect((await db.activities.get(row.id))!.deletedAt).not.toBeNull();
	});

	it('stores overwritten values for review, and a repeated pull keeps them reviewed', async () => {
		const db = open();
		const conflict = {
			id: uuid(77),
			table_name: 'activities',
			row_id: IDS.activity,
			field: 'title',
			base: 'А',
			overwritten: 'Б',
			value: 'В',
			overwritten_by: IDS.teacher,
			profile_id: IDS.teacher,
			user_id: uuid(1101),
			created_at: '2026-10-01T10:00:00+00:00',
			sync_txid: '5'
		};
		const t = new ScriptedTransport();
		// The server shows a conflict only with its row (the reader may read both).
		const activity = server('activities', buildActivity({ id: IDS.activity, title: 'В', version: 3 }));
		t.pullScript.push(page([activity, { table: 'sync_conflicts', row: conflict }], 'c1'));
		await pull(db, t, { profileId: IDS.teacher });
		expect(await db.sync_conflicts.get(conflict.id)).toEqual({
			id: conflict.id,
			tableName: 'activities',
			rowId: IDS.activity,
			field: 'title',
			base: 'А',
			overwritten: 'Б',
			value: 'В',
			overwrittenBy: IDS.teacher,
			profileId: IDS.teacher,
			userId: uuid(1101),
			createdAt: '2026-10-01T10:00:00.000Z',
			resolvedAt: null
		});

		await db.sync_conflicts.update(conflict.id, { resolvedAt: '2026-10-02T10:00:00.000Z' });
		t.pullScript.push(page([{ table: 'sync_conflicts', row: conflict }], 'c2'));
		await pull(db, t, { profileId: IDS.teacher });
		expect((await db.sync_conflicts.get(conflict.id))!.resolvedAt).toBe('2026-10-02T10:00:00.000Z');
	});

	it('forgets a conflict once its row is no longer on the device (access to the row ended)', async () => {
		const db = open();
		const row = buildActivity({ id: IDS.activity, title: 'В', version: 3 });
		await db.activities.put(row);
		await db.sync_conflicts.put({
			id: uuid(78),
			tableName: 'activities',
			rowId: IDS.activity,
			field: 'title',
			base: 'А',
			overwritten: 'Б',
			value: 'В',
			overwrittenBy: IDS.teacher,
			profileId: IDS.teacher,
			userId: uuid(1101),
			createdAt: '2026-10-01T10:00:00.000Z',
			resolvedAt: null
		});
		const t = new ScriptedTransport();
		t.pullScript.push(page([], 'c1'));
		await pull(db, t, { profileId: IDS.teacher });
		expect(await db.sync_conflicts.count()).toBe(1);

		await db.activities.delete(IDS.activity);
		t.pullScript.push(page([], 'c2'));
		await pull(db, t, { profileId: IDS.teacher });
		expect(await db.sync_conflicts.count()).toBe(0);
	});

	it('starts over after the server refused a change, and then forgets it had to', async () => {
		const db = open();
		await meta.set(db, SCOPE, { teacherIds: [IDS.teacher] });
		await meta.set(db, CURSOR, 'c9');
		await meta.set(db, outbox.REFETCH, true);
		const t = new ScriptedTransport();
		t.scope = [IDS.teacher];

		await pull(db, t, { profileId: IDS.teacher });

		expect(t.pulls[0]!.cursor).toBeNull();
		expect(await meta.get(db, outbox.REFETCH)).toBeNull();
	});

	it('refreshes an expired session and asks for the same page again', async () => {
		const db = open();
		await meta.set(db, SCOPE, { teacherIds: [] });
		await meta.set(db, CURSOR, 'c3');
		const t = new ScriptedTransport();
		t.pullScript.push(new SyncTransportError('auth', 'JWT expired'));
		let refreshed = 0;

		await pull(db, t, { profileId: IDS.teacher, refreshAuth: async () => ++refreshed > 0 });

		expect(refreshed).toBe(1);
		expect(t.pulls.map((p) => p.cursor)).toEqual(['c3', 'c3']);
	});
});

describe('the scope of a pull', () => {
	const MENTOR = IDS.mentor;

	/** The mentor's device, holding its mentee's rows from an earlier complete pull. */
	async function mentorDevice() {
		const db = open();
		await meta.set(db, SCOPE, { teacherIds: [MENTOR, IDS.teacher] });
		await meta.set(db, CURSOR, 'c1');
		const deficit = buildDeficit();
		const action = buildAction();
		const myObservation = buildObservation({ id: uuid(81), observerId: MENTOR });
		const theirObservation = buildObservation({ id: uuid(82), observerId: IDS.methodist });
		const mySession = buildSession({ id: uuid(91), mentorId: MENTOR });
		const otherSession = buildSession({ id: uuid(92), mentorId: uuid(150) });
		const onAction = buildComment({
			id: uuid(95),
			targetTable: 'plan_actions',
			targetId: action.id,
			authorId: IDS.teacher
		});
		const mineOnAction = buildComment({
			id: uuid(98),
			targetTable: 'plan_actions',
			targetId: action.id,
			authorId: MENTOR
		});
		const onMyObservation = buildComment({
			id: uuid(96),
			targetTable: 'observations',
			targetId: myObservation.id,
			authorId: IDS.teacher
		});
		const mine = buildActivity({ id: uuid(97), teacherId: MENTOR });
		await db.deficits.put(deficit);
		await db.plan_actions.put(action);
		await db.observations.bulkPut([myObservation, theirObservation]);
		await db.mentoring_sessions.bulkPut([mySession, otherSession]);
		await db.comments.bulkPut([onAction, onMyObservation, mineOnAction]);
		await db.activities.put(mine);
		return {
			db,
			deficit,
			action,
			myObservation,
			theirObservation,
			mySession,
			otherSession,
			onAction,
			onMyObservation,
			mineOnAction,
			mine
		};
	}

	it('drops a former mentee’s rows but keeps what the mentor wrote', async () => {
		const d = await mentorDevice();
		const t = new ScriptedTransport();
		t.scope = [MENTOR];

		const summary = await pull(d.db, t, { profileId: MENTOR });

		expect(summary.purged).toEqual({ purged: 5, kept: [] });
		expect(await d.db.deficits.count()).toBe(0);
		expect(await d.db.plan_actions.count()).toBe(0);
		expect((await d.db.observations.toArray()).map((o) => o.id)).toEqual([d.myObservation.id]);
		expect((await d.db.mentoring_sessions.toArray()).map((s) => s.id)).toEqual([d.mySession.id]);
		expect((await d.db.comments.toArray()).map((c) => c.id)).toEqual([d.onMyObservation.id, d.mineOnAction.id]);
		expect(await d.db.activities.get(d.mine.id)).toBeDefined();
		expect(await meta.get(d.db, SCOPE)).toEqual({ teacherIds: [MENTOR] });
		// Nothing new came into scope, so the pull went on from its cursor.
		expect(t.pulls.map((p) => p.cursor)).toEqual(['c1']);
	});

	it('drops a recommendation addressed to a teacher who left the scope, unless the user wrote it', async () => {
		const d = await mentorDevice();
		const base = {
			version: 1,
			updatedAt: '2026-10-01T10:00:00.000Z',
			updatedBy: null,
			deletedAt: null,
			organizationId: uuid(500),
			body: 'Посетить урок коллеги',
			dueOn: null,
			doneAt: null,
			doneBy: null
		};
		await d.db.recommendations.bulkPut([
			{ ...base, id: uuid(801), authorId: uuid(900), teacherId: IDS.teacher },
			{ ...base, id: uuid(802), authorId: MENTOR, teacherId: IDS.teacher }
		]);
		const t = new ScriptedTransport();
		t.scope = [MENTOR];

		await pull(d.db, t, { profileId: MENTOR });

		expect((await d.db.recommendations.toArray()).map((r) => r.id)).toEqual([uuid(802)]);
	});

	it('keeps a row with a change still queued, and says so', async () => {
		const d = await mentorDevice();
		await rows.update(d.db, 'deficits', d.deficit.id, { status: 'in_progress' }, { profileId: MENTOR });
		const t = new ScriptedTransport();
		t.scope = [MENTOR];

		const summary = await pull(d.db, t, { profileId: MENTOR });

		expect(summary.purged.kept).toEqual([{ table: 'deficits', id: d.deficit.id }]);
		expect(await d.db.deficits.get(d.deficit.id)).toBeDefined();
	});

	it('purges a kept row on a later pull, once nothing is queued for it any more', async () => {
		const d = await mentorDevice();
		await rows.update(d.db, 'deficits', d.deficit.id, { status: 'in_progress' }, { profileId: MENTOR });
		const t = new ScriptedTransport();
		t.scope = [MENTOR];
		await pull(d.db, t, { profileId: MENTOR });
		// The server refused the change (the pair had ended); the mentor dismissed it.
		await outbox.claim(d.db, 10);
		await outbox.settle(d.db, [{ seq: 1, outcome: 'rejected', code: 'forbidden', message: null }]);
		await outbox.dismissRejected(d.db, 1);

		const summary = await pull(d.db, t, { profileId: MENTOR });

		expect(summary.purged).toEqual({ purged: 1, kept: [] });
		expect(await d.db.deficits.get(d.deficit.id)).toBeUndefined();
	});

	it('goes on from its cursor when a teacher joins: the server sends her older rows, and the scope is stored at the end', async () => {
		const db = open();
		await meta.set(db, SCOPE, { teacherIds: [MENTOR] });
		await meta.set(db, CURSOR, 'c7');
		const t = new ScriptedTransport();
		const old = buildActivity({ id: uuid(3), teacherId: OTHER_TEACHER });
		t.pullScript.push(page([server('activities', old)], 'c8', { hasMore: true, teacherIds: [MENTOR, OTHER_TEACHER] }));
		t.pullScript.push(page([], 'c9', { teacherIds: [MENTOR, OTHER_TEACHER] }));

		const summary = await pull(db, t, { profileId: MENTOR });

		expect(summary.restarted).toBe(false);
		expect(t.pulls.map((p) => p.cursor)).toEqual(['c7', 'c8']);
		expect(await db.activities.get(old.id)).toBeDefined();
		expect(await meta.get(db, SCOPE)).toEqual({ teacherIds: [MENTOR, OTHER_TEACHER] });
		expect(await meta.get(db, CURSOR)).toBe('c9');
	});

	it('purges only when a sweep ends, including a teacher whose rows came earlier in that same sweep', async () => {
		const db = open();
		await meta.set(db, SCOPE, { teacherIds: [MENTOR] });
		await meta.set(db, CURSOR, 'c7');
		const t = new ScriptedTransport();
		const hers = buildActivity({ id: uuid(3), teacherId: OTHER_TEACHER });
		// The pair was made, its rows came, and it ended before the sweep did.
		t.pullScript.push(page([server('activities', hers)], 'c8', { hasMore: true, teacherIds: [MENTOR, OTHER_TEACHER] }));
		t.pullScript.push(page([], 'c9', { hasMore: true, teacherIds: [MENTOR] }));
		t.pullScript.push(new SyncTransportError('offline', 'tunnel'));

		await expect(pull(db, t, { profileId: MENTOR })).rejects.toThrow('tunnel');
		// Not at the end of the sweep yet: nothing purged, the old scope kept.
		expect(await db.activities.get(hers.id)).toBeDefined();
		expect(await meta.get(db, SCOPE)).toEqual({ teacherIds: [MENTOR] });

		t.pullScript.push(page([], 'c10', { teacherIds: [MENTOR] }));
		const summary = await pull(db, t, { profileId: MENTOR });

		expect(t.pulls.at(-1)!.cursor).toBe('c9');
		expect(summary.purged).toEqual({ purged: 1, kept: [] });
		expect(await db.activities.get(hers.id)).toBeUndefined();
	});
});

/** A page whose scope also lists the profiles the caller can read, as sync_pull now sends it. */
function withProfiles(p: PullResponse, profileIds: string[]): PullResponse {
	return { ...p, scope: { ...p.scope, profile_ids: profileIds } } as PullResponse;
}

describe('the profiles in scope', () => {
	const MENTEE = IDS.teacher;
	const MENTOR = IDS.mentor;

	it('stores a profile that becomes readable as the server sends it, and its scope at the sweep’s end', async () => {
		// The mentee's device synced before the pair was made: it knows only her own profile.
		const db = open();
		await meta.set(db, SCOPE, { teacherIds: [MENTEE], profileIds: [MENTEE] });
		await meta.set(db, CURSOR, 'c5');
		const t = new ScriptedTransport();
		const mentor = buildProfile({ id: MENTOR, fullName: 'Петров Иван Сергеевич' });
		const pair = buildPair({ mentorId: MENTOR, menteeId: MENTEE });
		// The pair grants her the mentor's profile: the server sends it, older than her cursor or not.
		t.pullScript.push(
			withProfiles(
				page([server('mentoring_pairs', pair), server('profiles', mentor)], 'c6', { teacherIds: [MENTEE] }),
				[MENTEE, MENTOR]
			)
		);

		const summary = await pull(db, t, { profileId: MENTEE });

		expect(summary.restarted).toBe(false);
		expect(t.pulls.map((p) => p.cursor)).toEqual(['c5']);
		expect((await db.profiles.get(MENTOR))!.fullName).toBe('Петров Иван Сергеевич');
		expect(await meta.get(db, SCOPE)).toEqual({ teacherIds: [MENTEE], profileIds: [MENTEE, MENTOR] });
	});

	it('leaves profiles alone when the server does not send profile ids', async () => {
		const db = open();
		await meta.set(db, SCOPE, { teacherIds: [MENTEE], profileIds: [MENTEE, MENTOR] });
		await meta.set(db, CURSOR, 'c5');
		await db.profiles.bulkPut([buildProfile({ id: MENTEE }), buildProfile({ id: MENTOR })]);
		const t = new ScriptedTransport();
		t.scope = [MENTEE];

		const summary = await pull(db, t, { profileId: MENTEE });

		expect(summary).toMatchObject({ restarted: false, purged: { purged: 0, kept: [] } });
		expect(await db.profiles.count()).toBe(2);
		expect(await meta.get(db, SCOPE)).toEqual({ teacherIds: [MENTEE] });
	});

	/** A methodist's device holding a teacher of her school, who then moves to another school. */
	async function methodistDevice() {
		const db = open();
		const ME = IDS.methodist;
		const other = uuid(230);
		await meta.set(db, SCOPE, { teacherIds: [ME, MENTEE], profileIds: [ME, MENTEE, MENTOR] });
		await meta.set(db, CURSOR, 'c5');
		await db.profiles.bulkPut([buildProfile({ id: ME }), buildProfile({ id: MENTEE }), buildProfile({ id: MENTOR })]);
		const mine = buildMembership({ id: uuid(1020), profileId: ME, role: 'school_methodist' });
		const hers = buildMembership({ id: uuid(1021), profileId: MENTEE, organizationId: other });
		const his = buildMembership({ id: uuid(1022), profileId: MENTOR, role: 'mentor' });
		await db.memberships.bulkPut([mine, hers, his]);
		// The teacher's pair at her new school, with a mentor the methodist cannot read either.
		const stranger = uuid(124);
		const theirs = buildPair({ id: uuid(720), schoolId: other, mentorId: stranger, menteeId: MENTEE });
		const ours = buildPair({ id: uuid(721), schoolId: IDS.school, mentorId: MENTOR, menteeId: MENTEE });
		await db.mentoring_pairs.bulkPut([theirs, ours]);
		return { db, ME, mine, hers, his, theirs, ours };
	}

	it('purges a profile that is no longer readable, its memberships and the pairs the user has no part in', async () => {
		const d = await methodistDevice();
		const t = new ScriptedTransport();
		t.pullScript.push(withProfiles(page([], 'c6', { teacherIds: [d.ME] }), [d.ME, MENTOR]));

		const summary = await pull(d.db, t, { profileId: d.ME });

		expect(summary.restarted).toBe(false);
		expect(t.pulls.map((p) => p.cursor)).toEqual(['c5']);
		expect((await d.db.profiles.toArray()).map((p) => p.id).sort()).toEqual([d.ME, MENTOR].sort());
		expect((await d.db.memberships.toArray()).map((m) => m.id).sort()).toEqual([d.mine.id, d.his.id].sort());
		// The pair with a mentor she still reads stays; the one at the new school, with a stranger, goes.
		expect((await d.db.mentoring_pairs.toArray()).map((p) => p.id)).toEqual([d.ours.id]);
		expect(await meta.get(d.db, SCOPE)).toEqual({ teacherIds: [d.ME], profileIds: [d.ME, MENTOR] });
	});

	it('keeps a row with a change queued, and purges it on a later pull once nothing is queued', async () => {
		const d = await methodistDevice();
		await rows.update(d.db, 'memberships', d.hers.id, { role: 'mentor' }, { profileId: d.ME });
		const t = new ScriptedTransport();
		t.pullScript.push(withProfiles(page([], 'c6', { teacherIds: [d.ME] }), [d.ME, MENTOR]));

		const first = await pull(d.db, t, { profileId: d.ME });

		expect(first.purged.kept).toEqual([{ table: 'memberships', id: d.hers.id }]);
		expect(await d.db.memberships.get(d.hers.id)).toBeDefined();
		expect(await d.db.profiles.get(MENTEE)).toBeUndefined();
		expect(await meta.get(d.db, PURGE_LEFT_PROFILES)).toEqual([MENTEE]);

		// The server refused the change; the methodist dismissed it.
		await outbox.claim(d.db, 10);
		await outbox.settle(d.db, [{ seq: 1, outcome: 'rejected', code: 'forbidden', message: null }]);
		await outbox.dismissRejected(d.db, 1);
		t.pullScript.push(withProfiles(page([], 'c7', { teacherIds: [d.ME] }), [d.ME, MENTOR]));

		const second = await pull(d.db, t, { profileId: d.ME });

		expect(second.purged).toEqual({ purged: 1, kept: [] });
		expect(await d.db.memberships.get(d.hers.id)).toBeUndefined();
		expect(await meta.get(d.db, PURGE_LEFT_PROFILES)).toEqual([]);
	});

	it('takes a purged profile back when the server sends it again', async () => {
		const d = await methodistDevice();
		const t = new ScriptedTransport();
		t.pullScript.push(withProfiles(page([], 'c6', { teacherIds: [d.ME] }), [d.ME, MENTOR]));
		await pull(d.db, t, { profileId: d.ME });
		expect(await d.db.profiles.get(MENTEE)).toBeUndefined();

		t.pullScript.push(
			withProfiles(page([server('profiles', buildProfile({ id: MENTEE }))], 'c7', { teacherIds: [d.ME, MENTEE] }), [
				d.ME,
				MENTEE,
				MENTOR
			])
		);
		const summary = await pull(d.db, t, { profileId: d.ME });

		expect(t.pulls.map((p) => p.cursor)).toEqual(['c5', 'c6']);
		expect(summary.restarted).toBe(false);
		expect(await d.db.profiles.get(MENTEE)).toBeDefined();
	});
});
