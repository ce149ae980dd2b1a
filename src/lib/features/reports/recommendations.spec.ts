import { describe, expect, it } from 'vitest';
import { IDS, uuid } from '$lib/domain/testing/builders';
import { writtenAt, type Recommendation } from '$lib/domain/recommendation';
import { forNote, numericDate, tally, type NoteRecommendationsInput } from './recommendations';

const OTHER_SCHOOL = uuid(203);
const FOREIGN_SCHOOL = uuid(204);
const MUNICIPAL = uuid(104);
const COLLEAGUE = uuid(105);

let next = 0;
function buildRec(overrides: Partial<Recommendation> = {}): Recommendation {
	next += 1;
	return {
		id: uuid(5000 + next),
		version: 1,
		updatedAt: '2026-10-05T09:00:00.000Z',
		updatedBy: IDS.methodist,
		deletedAt: null,
		authorId: IDS.methodist,
		organizationId: IDS.school,
		teacherId: null,
		body: 'Провести методический день',
		dueOn: null,
		doneAt: null,
		doneBy: null,
		...overrides
	};
}

const names = new Map([
	[IDS.teacher, 'Иванова Мария Петровна'],
	[IDS.methodist, 'Лебедева Ирина Сергеевна'],
	[MUNICIPAL, 'Шестакова Алла Борисовна']
]);

function input(overrides: Partial<NoteRecommendationsInput> = {}): NoteRecommendationsInput {
	return {
		recommendations: [],
		schools: [{ id: IDS.school, name: 'МБОУ «Кадниковская СШ»' }],
		access: 'school',
		year: 2026,
		today: '2026-11-22',
		names,
		dateOf: (at) => at.slice(0, 10),
		...overrides
	};
}

describe('the recommendations of an analytical note', () => {
	it('list for the school note those to the school and to its teachers, naming the teacher and the author', () => {
		const toSchool = buildRec({ body: 'Методический день' });
		const toTeacher = buildRec({
			teacherId: IDS.teacher,
			body: 'Посетить урок наставника',
			updatedAt: '2026-10-07T09:00:00.000Z'
		});
		const list = forNote(input({ recommendations: [toTeacher, toSchool] }));
		expect(list.map((r) => [r.body, r.teacherName, r.authorName])).toEqual([
			['Методический день', null, 'Лебедева Ирина Сергеевна'],
			['Посетить урок наставника', 'Иванова Мария Петровна', 'Лебедева Ирина Сергеевна']
		]);
	});

	it('leave out another school’s, withdrawn ones, and ones written in another academic year', () => {
		const kept = buildRec({ body: 'Этого года' });
		const list = forNote(
			input({
				recommendations: [
					kept,
					buildRec({ organizationId: FOREIGN_SCHOOL, body: 'Чужой школе' }),
					buildRec({ deletedAt: '2026-10-06T09:00:00.000Z', body: 'Отозвана' }),
					buildRec({ updatedAt: '2026-08-31T20:00:00.000Z', body: 'Прошлого года' }),
					buildRec({ updatedAt: '2027-09-01T08:00:00.000Z', body: 'Следующего года' })
				]
			})
		);
		expect(list.map((r) => r.body)).toEqual(['Этого года']);
	});

	it('take the academic year from the creation date when the row has one, not from its last change', () => {
		const rec = buildRec({ createdAt: '2026-05-20T09:00:00.000Z', updatedAt: '2026-09-10T09:00:00.000Z' });
		expect(writtenAt(rec)).toBe('2026-05-20T09:00:00.000Z');
		expect(forNote(input({ recommendations: [rec], year: 2026 }))).toEqual([]);
		expect(forNote(input({ recommendations: [rec], year: 2025 })).map((r) => r.writtenOn)).toEqual(['2026-05-20']);
		// Without it, the last change stands in.
		expect(writtenAt(buildRec({ updatedAt: '2026-09-10T09:00:00.000Z' }))).toBe('2026-09-10T09:00:00.000Z');
	});

	it('decide the year by the calendar date it was given, at the turn of 31 August', () => {
		const rec = buildRec({ updatedAt: '2026-08-31T22:30:00.000Z' });
		// In UTC still 31 August (2025/2026); in Moscow (UTC+3) already 1 September (2026/2027).
		expect(forNote(input({ recommendations: [rec], year: 2026 }))).toEqual([]);
		const moscow = (at: string) => new Date(Date.parse(at) + 3 * 3600_000).toISOString().slice(0, 10);
		expect(forNote(input({ recommendations: [rec], year: 2026, dateOf: moscow })).map((r) => r.writtenOn)).toEqual([
			'2026-09-01'
		]);
	});

	it('show the municipal reader only those to whole schools of the scope, with the school’s name, by school then date', () => {
		const schools = [
			{ id: IDS.school, name: 'МБОУ «Кадниковская СШ»' },
			{ id: OTHER_SCHOOL, name: 'МБОУ «Вохтожская СШ»' }
		];
		const list = forNote(
			input({
				access: 'municipal',
				schools,
				recommendations: [
					buildRec({ authorId: MUNICIPAL, body: 'Второе Кадниковской', updatedAt: '2026-11-01T09:00:00.000Z' }),
					buildRec({ authorId: MUNICIPAL, body: 'Первое Кадниковской', updatedAt: '2026-10-01T09:00:00.000Z' }),
					buildRec({ authorId: MUNICIPAL, organizationId: OTHER_SCHOOL, body: 'Вохтожской' }),
					buildRec({ teacherId: IDS.teacher, body: 'Лично педагогу' }),
					buildRec({ authorId: COLLEAGUE, organizationId: FOREIGN_SCHOOL, body: 'Вне округа' })
				]
			})
		);
		expect(list.map((r) => [r.schoolName, r.body])).toEqual([
			['МБОУ «Вохтожская СШ»', 'Вохтожской'],
			['МБОУ «Кадниковская СШ»', 'Первое Кадниковской'],
			['МБОУ «Кадниковская СШ»', 'Второе Кадниковской']
		]);
		expect(list.every((r) => r.teacherId === null && r.teacherName === null)).toBe(true);
	});

	it('give the status: done on its date, open, or open past its due date', () => {
		const list = forNote(
			input({
				recommendations: [
					buildRec({
						body: 'Выполнена',
						dueOn: '2026-10-20',
						doneAt: '2026-10-25T10:00:00.000Z',
						doneBy: IDS.methodist
					}),
					buildRec({ body: 'Просрочена', dueOn: '2026-11-01', updatedAt: '2026-10-06T09:00:00.000Z' }),
					buildRec({ body: 'В срок', dueOn: '2026-11-22', updatedAt: '2026-10-07T09:00:00.000Z' }),
					buildRec({ body: 'Без срока', updatedAt: '2026-10-08T09:00:00.000Z', authorId: COLLEAGUE })
				]
			})
		);
		expect(list.map((r) => [r.body, r.doneOn, r.overdue])).toEqual([
			['Выполнена', '2026-10-25', false],
			['Просрочена', null, true],
			['В срок', null, false],
			['Без срока', null, false]
		]);
		// The author's profile is not on this device.
		expect(list.at(-1)!.authorName).toBeNull();
		expect(tally(list)).toEqual({ total: 4, done: 1, overdue: 1 });
	});

	it('write dates as dd.mm.yyyy', () => {
		expect(numericDate('2026-03-07')).toBe('07.03.2026');
	});
});
