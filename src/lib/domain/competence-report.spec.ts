import { describe, expect, it } from 'vitest';
import type { Scores } from './assessment';
import {
	competenceBlock,
	competenceReport,
	type CompetenceInput,
	type ReportAssessment,
	type ReportTeacher
} from './competence-report';
import { DEFAULT_DISCLOSURE } from './disclosure';
import type { Framework } from './framework';

const framework: Framework = {
	id: 'fw',
	version: 1,
	updatedAt: '2026-01-01T00:00:00.000Z',
	updatedBy: null,
	deletedAt: null,
	code: 'test',
	revision: 1,
	status: 'published',
	academicYear: null,
	publishedAt: null,
	title: 'Тест',
	scale: [],
	competencies: [
		{
			id: 'goals',
			group: 'meta',
			title: 'Цели',
			description: '',
			indicators: [
				{ id: 'goals.1', text: '' },
				{ id: 'goals.2', text: '' }
			]
		},
		{
			id: 'eval',
			group: 'meta',
			title: 'Оценка',
			description: '',
			indicators: [
				{ id: 'eval.1', text: '' },
				{ id: 'eval.2', text: '' }
			]
		},
		{
			id: 'math',
			group: 'subject',
			title: 'Математика',
			description: '',
			indicators: [
				{ id: 'math.1', text: '' },
				{ id: 'math.2', text: '' }
			]
		}
	]
};

/** Scores from [goals.1, goals.2, eval.1, eval.2, math.1, math.2]. */
function scores(values: readonly (0 | 1 | 2 | 3)[]): Scores {
	const ids = ['goals.1', 'goals.2', 'eval.1', 'eval.2', 'math.1', 'math.2'];
	return Object.fromEntries(ids.map((id, i) => [id, values[i] ?? 0])) as Scores;
}

let seq = 0;
function assessment(
	teacherId: string,
	stage: ReportAssessment['stage'],
	values: readonly (0 | 1 | 2 | 3)[],
	o: Partial<ReportAssessment> = {}
): ReportAssessment {
	seq += 1;
	return {
		id: `a${String(seq).padStart(4, '0')}`,
		teacherId,
		frameworkId: 'fw',
		kind: 'self',
		stage,
		academicYear: 2026,
		status: 'submitted',
		scores: scores(values),
		submittedAt:
			stage === 'entry'
				? '2026-09-20T10:00:00.000Z'
				: stage === 'intermediate'
					? '2027-01-20T10:00:00.000Z'
					: '2027-05-20T10:00:00.000Z',
		deletedAt: null,
		...o
	};
}

const teacher = (id: string, o: Partial<ReportTeacher> = {}): ReportTeacher => ({
	id,
	schoolId: 's1',
	experienceYears: 10,
	experienceAsOf: null,
	...o
});

function input(o: Partial<CompetenceInput> = {}): CompetenceInput {
	return {
		academicYear: 2026,
		framework,
		teachers: [],
		assessments: [],
		deficits: [],
		plans: [],
		actions: [],
		pairs: [],
		observations: [],
		...o
	};
}

describe('entry vs final and growth', () => {
	const teachers = [teacher('t1'), teacher('t2'), teacher('t3')];
	const data = input({
		teachers,
		assessments: [
			// t1: meta 1.0 → 1.25, exactly the threshold; subject 1 → 1.
			assessment('t1', 'entry', [1, 1, 1, 1, 1, 1]),
			assessment('t1', 'final', [2, 1, 1, 1, 1, 1]),
			// t2: meta 2 → 2 (no growth), subject 0 → 3.
			assessment('t2', 'entry', [2, 2, 2, 2, 0, 0]),
			assessment('t2', 'final', [2, 2, 2, 2, 3, 3]),
			// t3: entry only — «нет данных», left out of every entry-vs-final figure.
			assessment('t3', 'entry', [0, 0, 0, 0, 0, 0])
		]
	});

	it('averages per competency over teachers with both assessments only', () => {
		const block = competenceBlock(data, teachers);
		expect(block.competencies?.find((c) => c.competencyId === 'goals')).toEqual({
			competencyId: 'goals',
			group: 'meta',
			teachers: 2,
			entry: 1.5, // (1 + 2) / 2
			final: 1.75, // (1.5 + 2) / 2
			suppressed: false,
			secondary: false
		});
	});

	it('counts growth exactly at the threshold and reports the teacher without a final as no data', () => {
		const block = competenceBlock(data, teachers);
		const meta = block.groups?.find((g) => g.group === 'meta');
		expect(meta?.growth).toEqual({ numerator: 1, denominator: 2, value: 0.5, noData: 1 });
		expect(meta?.entry).toBe(1.5);
		expect(meta?.final).toBe(1.625);
		const subject = block.groups?.find((g) => g.group === 'subject');
		expect(subject?.growth).toEqual({ numerator: 1, denominator: 2, value: 0.5, noData: 1 });
	});

	it('does not count growth a hair below the threshold', () => {
		const block = competenceBlock(data, teachers);
		const raised = competenceBlock({ ...data, threshold: 0.2501 }, teachers);
		expect(block.groups?.[0]?.growth.numerator).toBe(1);
		expect(raised.groups?.[0]?.growth.numerator).toBe(0);
	});

	it('takes the latest submitted assessment of a stage and ignores drafts, deleted rows, other kinds and years', () => {
		const block = competenceBlock(
			input({
				teachers: [teacher('t1')],
				assessments: [
					assessment('t1', 'entry', [0, 0, 0, 0, 0, 0], { submittedAt: '2026-09-10T10:00:00.000Z' }),
					assessment('t1', 'entry', [1, 1, 1, 1, 1, 1], { submittedAt: '2026-09-11T10:00:00.000Z' }),
					assessment('t1', 'final', [3, 3, 3, 3, 3, 3], { status: 'draft', submittedAt: null }),
					assessment('t1', 'final', [3, 3, 3, 3, 3, 3], { deletedAt: '2027-05-21T00:00:00.000Z' }),
					assessment('t1', 'final', [3, 3, 3, 3, 3, 3], { kind: 'expert' }),
					assessment('t1', 'final', [3, 3, 3, 3, 3, 3], { academicYear: 2025 }),
					assessment('t1', 'final', [2, 2, 2, 2, 2, 2])
				]
			}),
			[teacher('t1')]
		);
		expect(block.groups?.[0]).toMatchObject({ teachers: 1, entry: 1, final: 2 });
	});

	it('gives null means, not zeros, when nobody has both assessments', () => {
		const block = competenceBlock(input({ teachers: [teacher('t1')] }), [teacher('t1')]);
		expect(block.groups?.[0]).toMatchObject({
			teachers: 0,
			entry: null,
			final: null,
			growth: { numerator: 0, denominator: 0, value: null, noData: 1 }
		});
	});
});

describe('at a monitoring stage', () => {
	const teachers = [teacher('t1'), teacher('t2')];
	const data = input({
		teachers,
		assessments: [
			// t1: entry 1 → intermediate 2 → final 3 (meta means).
			assessment('t1', 'entry', [1, 1, 1, 1, 1, 1]),
			assessment('t1', 'intermediate', [2, 2, 2, 2, 1, 1]),
			assessment('t1', 'final', [3, 3, 3, 3, 1, 1]),
			// t2: entry and final, no intermediate.
			assessment('t2', 'entry', [2, 2, 2, 2, 2, 2]),
			assessment('t2', 'final', [2, 2, 2, 2, 2, 2])
		]
	});

	it('compares the entry with the intermediate assessment; a teacher without one is no data', () => {
		const meta = competenceBlock({ ...data, stage: 'intermediate' }, teachers).groups?.find((g) => g.group === 'meta');
		expect(meta).toMatchObject({
			teachers: 1,
			entry: 1,
			final: 2,
			growth: { numerator: 1, denominator: 1, noData: 1 }
		});
		// Left out, the stage is итоговая: both teachers have a pair.
		expect(competenceBlock(data, teachers).groups?.[0]).toMatchObject({ teachers: 2, entry: 1.5, final: 2.5 });
		expect(competenceBlock({ ...data, stage: 'final' }, teachers).groups?.[0]).toMatchObject({
			teachers: 2,
			entry: 1.5,
			final: 2.5
		});
	});

	it('compares nothing at the entry stage, and maps the entry there', () => {
		const block = competenceBlock({ ...data, stage: 'entry' }, teachers);
		expect(block.groups?.[0]).toMatchObject({
			teachers: 0,
			entry: null,
			final: null,
			growth: { denominator: 0, noData: 2 }
		});
		expect(block.heatmap?.find((c) => c.competencyId === 'goals')).toMatchObject({ assessed: 2, mean: 1.5 });
	});

	it('maps each teacher at the latest stage taken up to the chosen one', () => {
		// At the intermediate stage: t1's intermediate (2), t2's entry (2) — not t1's final (3).
		expect(
			competenceBlock({ ...data, stage: 'intermediate' }, teachers).heatmap?.find((c) => c.competencyId === 'goals')
		).toMatchObject({ assessed: 2, mean: 2 });
		expect(competenceBlock(data, teachers).heatmap?.find((c) => c.competencyId === 'goals')).toMatchObject({
			assessed: 2,
			mean: 2.5
		});
	});
});

describe('heat map and deficits', () => {
	const teachers = [teacher('t1'), teacher('t2'), teacher('t3'), teacher('t4')];
	const data = input({
		teachers,
		assessments: [
			assessment('t1', 'entry', [0, 0, 0, 0, 0, 0]),
			assessment('t1', 'intermediate', [2, 2, 2, 2, 2, 2]),
			assessment('t2', 'entry', [1, 1, 3, 3, 1, 1])
		],
		deficits: [
			{ teacherId: 't1', competencyId: 'eval', status: 'identified', deletedAt: null },
			{ teacherId: 't1', competencyId: 'eval', status: 'in_progress', deletedAt: null },
			{ teacherId: 't2', competencyId: 'eval', status: 'in_progress', deletedAt: null },
			{ teacherId: 't3', competencyId: 'goals', status: 'identified', deletedAt: null },
			{ teacherId: 't3', competencyId: 'math', status: 'overcome', deletedAt: null },
			{ teacherId: 't4', competencyId: 'math', status: 'proposed', deletedAt: null },
			{ teacherId: 't4', competencyId: 'math', status: 'identified', deletedAt: '2027-01-01T00:00:00.000Z' }
		]
	});

	it('takes each teacher at the latest stage they reached in the year', () => {
		const cell = competenceBlock(data, teachers).heatmap?.find((c) => c.competencyId === 'goals');
		// t1 at intermediate (2), t2 at entry (1).
		expect(cell).toMatchObject({ assessed: 2, mean: 1.5 });
	});

	it('shares teachers with an open deficit over all teachers of the group, each teacher once', () => {
		const block = competenceBlock(data, teachers);
		expect(block.heatmap?.find((c) => c.competencyId === 'eval')).toMatchObject({
			deficitTeachers: 2,
			deficitShare: 0.5
		});
		// Overcome, proposed and deleted deficits are not open.
		expect(block.heatmap?.find((c) => c.competencyId === 'math')).toMatchObject({
			deficitTeachers: 0,
			deficitShare: 0
		});
	});

	it('lists the most frequent open deficits first', () => {
		expect(competenceBlock(data, teachers).topDeficits).toEqual([
			{ competencyId: 'eval', teachers: 2 },
			{ competencyId: 'goals', teachers: 1 }
		]);
	});
});

describe('plans, mentoring and observations', () => {
	it('counts done actions over those not cancelled, of live plans for the year', () => {
		const block = competenceBlock(
			input({
				teachers: [teacher('t1')],
				plans: [
					{ id: 'p1', teacherId: 't1', academicYear: 2026, deletedAt: null },
					{ id: 'p0', teacherId: 't1', academicYear: 2025, deletedAt: null }
				],
				actions: [
					{ planId: 'p1', status: 'done', deletedAt: null },
					{ planId: 'p1', status: 'planned', deletedAt: null },
					{ planId: 'p1', status: 'in_progress', deletedAt: null },
					{ planId: 'p1', status: 'cancelled', deletedAt: null },
					{ planId: 'p1', status: 'done', deletedAt: '2027-01-01T00:00:00.000Z' },
					{ planId: 'p0', status: 'done', deletedAt: null }
				]
			}),
			[teacher('t1')]
		);
		expect(block.planCompletion).toEqual({
			numerator: 1,
			denominator: 3,
			value: 1 / 3,
			suppressed: false,
			secondary: false
		});
	});

	it('covers a young specialist whose pair overlaps the year, whatever its status', () => {
		const teachers = [
			teacher('y1', { experienceYears: 0 }),
			teacher('y2', { experienceYears: 2 }),
			teacher('y3', { experienceYears: 2 }),
			teacher('old', { experienceYears: 3 })
		];
		const block = competenceBlock(
			input({
				teachers,
				pairs: [
					{ menteeId: 'y1', startDate: '2026-08-01', endDate: '2026-09-01', deletedAt: null },
					{ menteeId: 'y2', startDate: '2025-09-01', endDate: '2026-08-31', deletedAt: null },
					{ menteeId: 'y3', startDate: '2026-10-01', endDate: null, deletedAt: '2026-10-02T00:00:00.000Z' },
					{ menteeId: 'old', startDate: '2026-10-01', endDate: null, deletedAt: null }
				]
			}),
			teachers
		);
		// y1: the term's last day is 1 September; y2 ends the day before the year; y3's pair is deleted; 3 years is not young.
		expect(block.mentoring).toEqual({
			numerator: 1,
			denominator: 3,
			value: 1 / 3,
			suppressed: false,
			secondary: false
		});
	});

	it('counts the young specialists of the year by their стаж on its reference date', () => {
		// Both typed стаж 2: one in 2026 (still 2 on 1 January 2027), one in 2023 (5 by then).
		const teachers = [
			teacher('now', { experienceYears: 2, experienceAsOf: '2026-09-10' }),
			teacher('then', { experienceYears: 2, experienceAsOf: '2023-09-10' })
		];
		const pairs = teachers.map((t) => ({ menteeId: t.id, startDate: '2026-09-01', endDate: null, deletedAt: null }));
		expect(competenceBlock(input({ teachers, pairs }), teachers).mentoring).toEqual({
			numerator: 1,
			denominator: 1,
			value: 1,
			suppressed: false,
			secondary: false
		});
	});

	it('counts submitted observations dated in the year per teacher', () => {
		const teachers = [teacher('t1'), teacher('t2')];
		const block = competenceBlock(
			input({
				teachers,
				observations: [
					{ teacherId: 't1', status: 'submitted', date: '2026-09-01', deletedAt: null },
					{ teacherId: 't1', status: 'submitted', date: '2027-08-31', deletedAt: null },
					{ teacherId: 't1', status: 'submitted', date: '2027-09-01', deletedAt: null },
					{ teacherId: 't2', status: 'draft', date: '2026-10-01', deletedAt: null },
					{ teacherId: 'other', status: 'submitted', date: '2026-10-01', deletedAt: null }
				]
			}),
			teachers
		);
		expect(block.observations).toEqual({ count: 2, teachers: 2, perTeacher: 1 });
	});
});

describe('disclosure control for aggregate-only readers', () => {
	const of = (prefix: string, school: string, n: number) =>
		Array.from({ length: n }, (_, i) => teacher(`${prefix}${i + 1}`, { schoolId: school }));
	const small = of('s', 'small', 4);
	const mid = of('m', 'mid', 5);
	const large = of('l', 'large', 7);
	const all = [...small, ...mid, ...large];
	const universe = ['large', 'mid', 'small'].map((id) => ({ id, parentId: 'muni', ancestors: ['muni'] }));
	const scope = { id: 'muni', kind: 'aggregate' as const, schools: universe.map((u) => u.id), universe };
	const options = { settings: DEFAULT_DISCLOSURE, years: [2025, 2026] };
	const data = input({
		teachers: all,
		assessments: all.flatMap((t) => [
			assessment(t.id, 'entry', [1, 1, 1, 1, 1, 1]),
			assessment(t.id, 'final', [2, 2, 2, 2, 2, 2])
		])
	});

	it('withholds a school under 5 teachers whole, and the next-smallest one so the two hold 5 or more; its own methodist sees all', () => {
		const municipal = competenceReport(data, scope, { ...options, access: 'municipal' });
		expect(municipal.schools.map((s) => s.schoolId)).toEqual(['large', 'mid', 'small']);
		expect(municipal.schools[2]).toEqual({
			schoolId: 'small',
			teachers: 4,
			suppressed: true,
			secondary: false,
			competencies: null,
			groups: null,
			heatmap: null,
			topDeficits: null,
			planCompletion: null,
			mentoring: null,
			observations: null
		});
		expect(municipal.schools[1]).toMatchObject({
			schoolId: 'mid',
			teachers: 5,
			suppressed: true,
			secondary: true,
			heatmap: null
		});
		// The large school is shown; growth per group is the indicators' to show, not the competence report's.
		expect(municipal.schools[0]?.groups?.[0]).toMatchObject({
			teachers: 7,
			entry: 1,
			final: 2,
			suppressed: false,
			growth: { numerator: null, value: null }
		});
		expect(municipal.scope.groups?.[0]).toMatchObject({ teachers: 16, entry: 1, final: 2, suppressed: false });
		const own = competenceReport(
			{ ...data, teachers: small },
			{ id: 'small', kind: 'school', schools: ['small'], universe: [] },
			{ ...options, access: 'school' }
		);
		expect(own.scope.suppressed).toBe(false);
		expect(own.scope.groups?.[0]?.growth).toEqual({ numerator: 4, denominator: 4, value: 1, noData: 0 });
	});

	it('withholds a mean over fewer than 5 teachers inside a shown school, and a heat map that would give away what changed between stages', () => {
		// Three of the large school's 7 teachers have no final: 4 pairs there.
		const fewer = input({
			...data,
			assessments: data.assessments.filter((a) => !(a.stage === 'final' && ['l1', 'l2', 'l3'].includes(a.teacherId)))
		});
		const r = competenceReport(fewer, scope, { ...options, access: 'municipal' });
		const large4 = r.schools[0]!;
		expect(large4.suppressed).toBe(false);
		expect(large4.competencies?.[0]).toMatchObject({
			teachers: 4,
			entry: null,
			final: null,
			suppressed: true,
			secondary: false
		});
		expect(large4.groups?.[0]).toMatchObject({ teachers: 4, entry: null, final: null, suppressed: true });
		// The heat map counts 7 teachers at every stage, but only 4 of them have a final assessment:
		// shown at the entry stage and at the final one, the difference would be those 4 teachers' change.
		expect(large4.heatmap?.[0]).toMatchObject({ assessed: 7, mean: null, suppressed: true, secondary: true });
		// No young specialist at all: 0 of 0 reveals nobody and stays «нет данных».
		expect(large4.mentoring).toEqual({
			numerator: 0,
			denominator: 0,
			value: null,
			suppressed: false,
			secondary: false
		});
	});

	it('withholds the coverage of one to four young specialists', () => {
		const young = all.map((t, i) =>
			t.schoolId === 'large' && i % 3 === 0 ? { ...t, experienceYears: 1, experienceAsOf: '2026-09-01' } : t
		);
		const r = competenceReport({ ...data, teachers: young }, scope, { ...options, access: 'municipal' });
		expect(r.schools[0]?.mentoring).toEqual({
			numerator: null,
			denominator: null,
			value: null,
			suppressed: true,
			secondary: false
		});
	});

	it('shows a figure resting on no teacher as «нет данных», not withheld', () => {
		// Nobody has a final assessment yet: no pair anywhere.
		const entryOnly = input({ ...data, assessments: data.assessments.filter((a) => a.stage === 'entry') });
		const shown = competenceReport(entryOnly, scope, { ...options, access: 'municipal' }).schools[0]!;
		expect(shown.groups?.[0]).toMatchObject({ teachers: 0, entry: null, final: null, suppressed: false });
		expect(shown.competencies?.[0]).toMatchObject({ teachers: 0, entry: null, suppressed: false });
		expect(shown.heatmap?.[0]).toMatchObject({ assessed: 7, mean: 1, suppressed: false });
	});
});
