import { afterEach, describe, expect, it } from 'vitest';
import { buildAssessment, buildSubmittedAssessment, IDS, uuid } from '$lib/domain/testing/builders';
import { freshDatabase } from '$lib/db/testing/fresh';
import type { AppDatabase } from '$lib/db/database';
import * as overview from './overview';

const entry = buildSubmittedAssessment({ id: uuid(1), stage: 'entry', academicYear: 2026 });
const draft = buildAssessment({
	id: uuid(2),
	stage: 'intermediate',
	academicYear: 2026,
	scores: { 'goal-setting.1': 2, 'goal-setting.2': 1 }
});
const lastYear = buildSubmittedAssessment({
	id: uuid(3),
	stage: 'final',
	academicYear: 2025,
	submittedAt: '2026-05-20T10:00:00.000Z'
});

describe("the teacher's assessments screen", () => {
	const dbs: AppDatabase[] = [];
	afterEach(() => {
		for (const db of dbs.splice(0)) db.close();
	});

	it('groups by academic year, newest first, with the draft and its progress up front', async () => {
		const db = freshDatabase('overview');
		dbs.push(db);
		await db.assessments.bulkPut([
			lastYear,
			draft,
			entry,
			buildSubmittedAssessment({ id: uuid(5), teacherId: IDS.mentor, assessorId: IDS.mentor })
		]);
		const view = await overview.load(db, IDS.teacher);
		expect(view.drafts.map((d) => [d.assessment.id, d.answered, d.total])).toEqual([[draft.id, 2, 38]]);
		expect(view.years.map((y) => [y.academicYear, y.items.map((i) => i.assessment.id)])).toEqual([
			[2026, [entry.id, draft.id]],
			[2025, [lastYear.id]]
		]);
	});
});
