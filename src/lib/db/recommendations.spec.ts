import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildMembership, IDS, uuid } from '$lib/domain/testing/builders';
import type { Recommendation } from '$lib/domain/recommendation';
import { forNote } from '$lib/features/reports/recommendations';
import * as recommendations from './recommendations';
import * as outbox from './outbox';
import { LocalWriteError } from './errors';
import { freshDatabase } from './testing/fresh';
import type { AppDatabase } from './database';

const dbs: AppDatabase[] = [];
function open() {
	const db = freshDatabase('recommendations');
	dbs.push(db);
	return db;
}
afterEach(() => {
	vi.useRealTimers();
	for (const db of dbs.splice(0)) db.close();
});
/** The queue as after a push: a later change is its own entry, not folded into the insert. */
const sent = (db: AppDatabase) => db.outbox.clear();

const methodist = { profileId: IDS.methodist };
const teacher = { profileId: IDS.teacher };
const toSchool = {
	authorId: IDS.methodist,
	organizationId: IDS.school,
	teacherId: null,
	body: '  Провести методический день  ',
	dueOn: '2026-12-01'
};
const toTeacher = { ...toSchool, teacherId: IDS.teacher, body: 'Посетить урок наставника', dueOn: null };

describe('addressed recommendations on the device', () => {
	it('are written with their outbox entry, open, trimmed, in the author’s name only', async () => {
		const db = open();
		const rec = await recommendations.add(db, toSchool, methodist);
		expect(rec).toMatchObject({ body: 'Провести методический день', doneAt: null, doneBy: null, teacherId: null });
		const [entry] = await outbox.list(db);
		expect(entry).toMatchObject({ table: 'recommendations', rowId: rec.id, op: 'upsert', base: {} });
		expect(entry!.fields).toMatchObject({ authorId: IDS.methodist, organizationId: IDS.school, doneAt: null });
		const other = await recommendations.add(db, toSchool, teacher).catch((e: unknown) => e);
		expect(other).toBeInstanceOf(LocalWriteError);
	});

	it('refuse blank text, text over 2000 characters and an impossible due date before anything is written', async () => {
		const db = open();
		expect(recommendations.validate({ ...toSchool, body: '   ' }).map((i) => i.path)).toEqual(['body']);
		expect(recommendations.validate({ ...toSchool, body: 'я'.repeat(2001) }).map((i) => i.code)).toEqual(['too_long']);
		await expect(recommendations.add(db, { ...toSchool, dueOn: '2026-02-30' }, methodist)).rejects.toBeInstanceOf(
			LocalWriteError
		);
		expect(await outbox.list(db)).toEqual([]);
	});

	it('are marked done by the recipient, signed with their profile, as a change of doneAt/doneBy only', async () => {
		const db = open();
		const rec = await recommendations.add(db, toTeacher, methodist);
		await sent(db);
		const done = await recommendations.markDone(db, rec.id, true, teacher);
		expect(done.doneBy).toBe(IDS.teacher);
		expect(done.doneAt).not.toBeNull();
		const last = (await outbox.list(db)).at(-1)!;
		expect(Object.keys(last.fields).sort()).toEqual(['doneAt', 'doneBy']);
		expect(last.base).toEqual({ doneAt: null, doneBy: null });
		const reopened = await recommendations.markDone(db, rec.id, false, teacher);
		expect(reopened).toMatchObject({ doneAt: null, doneBy: null });
	});

	it('list a school’s open ones first by due date, and a teacher’s own and school-wide ones but not a colleague’s', async () => {
		const db = open();
		await db.memberships.put(buildMembership({ profileId: IDS.teacher, organizationId: IDS.school, role: 'teacher' }));
		const late = await recommendations.add(db, { ...toSchool, body: 'Поздний срок', dueOn: '2027-03-01' }, methodist);
		const soon = await recommendations.add(db, { ...toSchool, body: 'Ранний срок', dueOn: '2026-11-30' }, methodist);
		const mine = await recommendations.add(db, { ...toTeacher, dueOn: '2027-06-01' }, methodist);
		const colleague = await recommendations.add(db, { ...toTeacher, teacherId: uuid(999) }, methodist);
		await recommendations.markDone(db, soon.id, true, methodist);
		const gone = await recommendations.add(db, { ...toSchool, body: 'Отозвана' }, methodist);
		await recommendations.remove(db, gone.id, methodist);

		const school = await recommendations.listForSchool(db, IDS.school);
		expect(school.map((r) => r.id)).toEqual([late.id, mine.id, colleague.id, soon.id]);
		expect(recommendations.summary(school, '2027-03-02')).toEqual({ open: 3, overdue: 1 });
		const teacherSees = await recommendations.listMine(db, IDS.teacher);
		expect(teacherSees.map((r) => r.id).sort()).toEqual([late.id, soon.id, mine.id].sort());
	});

	it('let the author change the text and due date', async () => {
		const db = open();
		const rec = await recommendations.add(db, toSchool, methodist);
		await sent(db);
		const edited = await recommendations.edit(db, rec.id, { body: ' Уточнено ', dueOn: '' }, methodist);
		expect(edited).toMatchObject({ body: 'Уточнено', dueOn: null });
		expect((await outbox.list(db)).at(-1)!.fields).toEqual({ body: 'Уточнено', dueOn: null });
	});

	it('keep the time they were written through an edit and the mark «выполнено», and the analytical note dates them by it', async () => {
		// Only Date is faked: fake-indexeddb still needs real timers.
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(new Date('2026-05-20T09:00:00.000Z'));
		const db = open();
		const rec = await recommendations.add(db, toTeacher, methodist);
		expect(rec.createdAt).toBe('2026-05-20T09:00:00.000Z');
		// Pushed with the row, so the server keeps the device's time, not the time it arrives.
		expect((await outbox.list(db))[0]!.fields.createdAt).toBe('2026-05-20T09:00:00.000Z');
		await sent(db);

		vi.setSystemTime(new Date('2026-09-10T09:00:00.000Z'));
		await recommendations.edit(db, rec.id, { body: 'Посетить два урока наставника' }, methodist);
		const done = await recommendations.markDone(db, rec.id, true, teacher);
		expect(done).toMatchObject({ createdAt: '2026-05-20T09:00:00.000Z', updatedAt: '2026-09-10T09:00:00.000Z' });
		expect((await outbox.list(db)).flatMap((e) => Object.keys(e.fields))).not.toContain('createdAt');

		const note = (year: number) =>
			forNote({
				recommendations: [done],
				schools: [{ id: IDS.school, name: 'Школа' }],
				access: 'school',
				year,
				today: '2026-09-10',
				names: new Map(),
				dateOf: (at) => at.slice(0, 10)
			});
		// Written in May: the 2025/2026 note lists it, the 2026/2027 one does not.
		expect(note(2025).map((r) => r.writtenOn)).toEqual(['2026-05-20']);
		expect(note(2026)).toEqual([]);
	});

	it('still edit and mark done a copy synced before rows had createdAt', async () => {
		const db = open();
		const older: Recommendation = {
			id: uuid(700),
			version: 2,
			updatedAt: '2026-10-01T10:00:00.000Z',
			updatedBy: IDS.methodist,
			deletedAt: null,
			authorId: IDS.methodist,
			organizationId: IDS.school,
			teacherId: IDS.teacher,
			body: 'Посетить урок наставника',
			dueOn: null,
			doneAt: null,
			doneBy: null
		};
		await db.recommendations.put(older);
		const edited = await recommendations.edit(db, older.id, { body: 'Уточнено' }, methodist);
		expect(edited.body).toBe('Уточнено');
		expect('createdAt' in edited).toBe(false);
		expect((await recommendations.markDone(db, older.id, true, teacher)).doneBy).toBe(IDS.teacher);
	});
});
