import { afterEach, describe, expect, it } from 'vitest';
import { buildAssessment, buildSubmittedAssessment, IDS, uuid } from '$lib/domain/testing/builders';
import { DEFAULT_FRAMEWORK as framework } from '$lib/domain/frameworks/default';
import { freshDatabase } from '$lib/db/testing/fresh';
import * as assessments from '$lib/db/assessments';
import type { AppDatabase } from '$lib/db/database';
import * as summary from './summary';

const entry = buildSubmittedAssessment(
	{ id: uuid(1), stage: 'entry', academicYear: 2026, submittedAt: '2026-09-20T10:00:00.000Z' },
	1
);
const intermediate = buildSubmittedAssessment(
	{ id: uuid(2), stage: 'intermediate', academicYear: 2026, submittedAt: '2027-01-20T10:00:00.000Z' },
	2
);
const final = buildSubmittedAssessment(
	{ id: uuid(3), stage: 'final', academicYear: 2026, submittedAt: '2027-05-20T10:00:00.000Z' },
	3
);
const lastYearFinal = buildSubmittedAssessment(
	{ id: uuid(4), stage: 'final', academicYear: 2025, submittedAt: '2026-05-20T10:00:00.000Z' },
	2
);

describe('which assessments the summary compares', () => {
	it('sets entry against final of the same year when both exist, from either side', () => {
		const all = [lastYearFinal, entry, intermediate, final];
		expect(summary.comparisonPair(final, all)).toMatchObject({
			earlier: { id: entry.id },
			later: { id: final.id },
			basis: 'year'
		});
		expect(summary.comparisonPair(entry, all)).toMatchObject({
			earlier: { id: entry.id },
			later: { id: final.id },
			basis: 'year'
		});
	});

	it('otherwise sets this one against the one submitted just before it', () => {
		expect(summary.comparisonPair(intermediate, [lastYearFinal, entry, intermediate, final])).toMatchObject({
			earlier: { id: entry.id },
			later: { id: intermediate.id },
			basis: 'previous'
		});
		expect(summary.comparisonPair(entry, [lastYearFinal, entry])).toMatchObject({
			earlier: { id: lastYearFinal.id },
			basis: 'previous'
		});
	});

	it('compares nothing for the first submission, a draft, or another kind of assessment', () => {
		const expert = buildSubmittedAssessment({
			id: uuid(5),
			kind: 'expert',
			assessorId: IDS.methodist,
			submittedAt: '2026-09-10T10:00:00.000Z'
		});
		const draft = buildAssessment({ id: uuid(6), stage: 'final' });
		expect(summary.comparisonPair(entry, [entry, expert, draft])).toBeNull();
		expect(summary.comparisonPair(draft, [entry, draft])).toBeNull();
	});

	it('uses the latest correction when a stage was submitted twice', () => {
		const correction = buildSubmittedAssessment(
			{ id: uuid(7), stage: 'entry', academicYear: 2026, submittedAt: '2026-10-01T10:00:00.000Z' },
			2
		);
		expect(summary.comparisonPair(final, [entry, correction, final])).toMatchObject({ earlier: { id: correction.id } });
	});
});

describe('the summary of a submission', () => {
	const dbs: AppDatabase[] = [];
	afterEach(() => {
		for (const db of dbs.splice(0)) db.close();
	});

	it('gives means and levels per competency and group, its proposed deficits, and the comparison', async () => {
		const db = freshDatabase('summary');
		dbs.push(db);
		await db.assessments.bulkPut([entry]);
		const draft = await assessments.startDraft(
			db,
			{ teacherId: IDS.teacher, stage: 'final', academicYear: 2026, framework },
			{ profileId: IDS.teacher }
		);
		// Evaluation stays low (a deficit); everything else grows to 3.
		const scores = Object.fromEntries(
			Object.keys(final.scores).map((id) => [id, id.startsWith('evaluation.') ? 1 : 3] as const)
		);
		await db.assessments.update(draft.id, { scores });
		await assessments.submit(db, draft.id, framework, { profileId: IDS.teacher });

		const view = (await summary.load(db, draft.id))!;
		expect(view.competencies.find((c) => c.competency.id === 'evaluation')).toMatchObject({ mean: 1, level: 'basic' });
		expect(view.competencies.find((c) => c.competency.id === 'goal-setting')).toMatchObject({ mean: 3, level: 'high' });
		expect(view.groups.map((g) => g.group)).toEqual(['meta', 'subject']);
		expect(view.groups.find((g) => g.group === 'subject')).toMatchObject({ mean: 3, level: 'high' });
		expect(view.proposed.map((d) => d.competencyId)).toEqual(['evaluation']);
		expect(view.confirmed).toEqual([]);
		expect(view.comparison).toMatchObject({ basis: 'year', earlier: { id: entry.id }, later: { id: draft.id } });
		expect(view.comparison!.competencies.earlier).toEqual(framework.competencies.map(() => 1));
		expect(view.comparison!.groups.find((g) => g.group === 'subject')).toEqual({
			group: 'subject',
			earlier: 1,
			later: 3
		});
	});
});
