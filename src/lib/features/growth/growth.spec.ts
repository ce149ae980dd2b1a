import { describe, expect, it } from 'vitest';
import { DEFAULT_FRAMEWORK } from '$lib/domain/frameworks/default';
import { frameworkIndicatorIds } from '$lib/domain/framework';
import type { Scores } from '$lib/domain/assessment';
import type { Score } from '$lib/domain/framework';
import {
	buildActivity,
	buildDeficit,
	buildOrganization,
	buildProfile,
	buildSubmittedAssessment,
	IDS
} from '$lib/domain/testing/builders';
import { freshDatabase } from '$lib/db/testing/fresh';
import * as regionSettings from '$lib/db/region-settings';
import { activityYear, chronological, deficitYear, load, yearGrowth } from './growth';

const fw = DEFAULT_FRAMEWORK;

/** Every meta indicator at `meta`, every subject indicator at `subject`. */
function scores(meta: Score, subject: Score, bump: { count: number; to: Score } = { count: 0, to: meta }): Scores {
	const out: Scores = {};
	frameworkIndicatorIds(fw, 'meta').forEach((id, i) => (out[id] = i < bump.count ? bump.to : meta));
	for (const id of frameworkIndicatorIds(fw, 'subject')) out[id] = subject;
	return out;
}

describe('yearGrowth', () => {
	it('compares the year’s entry and final self-assessments per group', () => {
		const entry = buildSubmittedAssessment({ stage: 'entry', academicYear: 2025, scores: scores(1, 2) });
		const final = buildSubmittedAssessment({
			id: '00000000-0000-4000-8000-00000000a002',
			stage: 'final',
			academicYear: 2025,
			scores: scores(2, 2)
		});
		const [meta, subject] = yearGrowth(fw, [final, entry], 2025);
		expect(meta).toMatchObject({ group: 'meta', entry: 1, final: 2, delta: 1, grows: true });
		expect(subject).toMatchObject({ group: 'subject', delta: 0, grows: false });
	});

	it('says «нет данных» (null), not «no growth», when the final is missing', () => {
		const entry = buildSubmittedAssessment({ stage: 'entry', academicYear: 2026, scores: scores(1, 1) });
		const [meta] = yearGrowth(fw, [entry], 2026);
		expect(meta).toMatchObject({ entry: 1, final: null, delta: null, grows: null });
	});

	it('uses the latest of each stage, since a correction is a new assessment', () => {
		const first = buildSubmittedAssessment({
			stage: 'entry',
			academicYear: 2025,
			scores: scores(0, 0),
			submittedAt: '2025-09-10T10:00:00.000Z'
		});
		const corrected = buildSubmittedAssessment({
			id: '00000000-0000-4000-8000-00000000a003',
			stage: 'entry',
			academicYear: 2025,
			scores: scores(2, 2),
			submittedAt: '2025-09-12T10:00:00.000Z'
		});
		const final = buildSubmittedAssessment({
			id: '00000000-0000-4000-8000-00000000a004',
			stage: 'final',
			academicYear: 2025,
			scores: scores(2, 2)
		});
		expect(yearGrowth(fw, [first, corrected, final], 2025)[0]).toMatchObject({ entry: 2, grows: false });
	});
});

describe('chronological', () => {
	it('orders by year, then stage, and leaves drafts out', () => {
		const a = buildSubmittedAssessment({
			id: '00000000-0000-4000-8000-00000000b001',
			stage: 'final',
			academicYear: 2025
		});
		const b = buildSubmittedAssessment({
			id: '00000000-0000-4000-8000-00000000b002',
			stage: 'entry',
			academicYear: 2026
		});
		const c = buildSubmittedAssessment({
			id: '00000000-0000-4000-8000-00000000b003',
			stage: 'entry',
			academicYear: 2025
		});
		const draft = { ...b, id: '00000000-0000-4000-8000-00000000b004', status: 'draft' as const, submittedAt: null };
		expect(chronological([a, b, c, draft]).map((x) => x.id)).toEqual([c.id, a.id, b.id]);
	});
});

describe('deficitYear', () => {
	it('counts deficits identified and overcome within the academic year from their history', () => {
		const closedThisYear = buildDeficit({
			status: 'overcome',
			history: [
				{ status: 'identified', at: '2026-09-15T10:00:00.000Z', by: null },
				{ status: 'in_progress', at: '2026-10-01T10:00:00.000Z', by: null },
				{ status: 'overcome', at: '2026-11-01T10:00:00.000Z', by: null }
			]
		});
		const openedLastYear = buildDeficit({
			id: '00000000-0000-4000-8000-00000000c002',
			status: 'in_progress',
			history: [
				{ status: 'identified', at: '2026-08-31T10:00:00.000Z', by: null },
				{ status: 'in_progress', at: '2026-09-02T10:00:00.000Z', by: null }
			]
		});
		expect(deficitYear([closedThisYear, openedLastYear], 2026)).toEqual({ opened: 1, closed: 1, open: 1 });
	});
});

describe('activityYear', () => {
	it('counts the year’s activities by kind and the hours of completed courses only', () => {
		const done = buildActivity({
			kind: 'course',
			hours: 36,
			completed: true,
			qualityRelated: true,
			startDate: '2026-10-01',
			endDate: '2026-10-10'
		});
		const planned = buildActivity({
			id: '00000000-0000-4000-8000-00000000d002',
			kind: 'course',
			hours: 72,
			completed: false,
			startDate: '2027-03-01',
			endDate: null
		});
		const lastYear = buildActivity({
			id: '00000000-0000-4000-8000-00000000d003',
			kind: 'course',
			hours: 16,
			completed: true,
			startDate: '2026-05-01',
			endDate: '2026-05-02'
		});
		expect(activityYear([done, planned, lastYear], 2026)).toEqual({
			total: 2,
			byKind: { course: 2 },
			courseHours: 36,
			qualityCourses: 1
		});
	});
});

describe('the teacher’s growth after a new framework version', () => {
	it('keeps last year’s growth and her chart on the version she answered, once version 2 applies this year', async () => {
		const db = freshDatabase('growth-versions');
		const v2 = { ...structuredClone(fw), id: '00000000-0000-4000-8000-00000000f002', revision: 2, academicYear: 2026 };
		await db.frameworks.bulkPut([structuredClone(fw), v2]);
		const teacherId = IDS.teacher;
		await db.assessments.bulkPut([
			buildSubmittedAssessment({ teacherId, stage: 'entry', academicYear: 2025, scores: scores(1, 1) }),
			buildSubmittedAssessment({
				id: '00000000-0000-4000-8000-00000000a002',
				teacherId,
				stage: 'final',
				academicYear: 2025,
				scores: scores(2, 1),
				submittedAt: '2026-05-16T10:00:00.000Z'
			})
		]);
		const view = await load(db, teacherId, '2026-12-07');
		const lastYear = view.growth.find((g) => g.academicYear === 2025)!;
		expect(lastYear.groups[0]).toMatchObject({ group: 'meta', entry: 1, final: 2, grows: true });
		expect(view.framework.id).toBe(fw.id);
		expect(view.path).toHaveLength(2);
		db.close();
	});
});

describe('the teacher’s growth threshold', () => {
	it('is her region’s, from the device’s copy of its settings, and the defaults’ 0.25 without one', async () => {
		const db = freshDatabase('growth-threshold');
		const region = '00000000-0000-4000-8000-00000000e001';
		await db.organizations.bulkPut([
			buildOrganization({ id: region, kind: 'region', parentId: null, lowResults: false }),
			buildOrganization({ id: IDS.municipality, kind: 'municipality', parentId: region, lowResults: false }),
			buildOrganization({ id: IDS.school, parentId: IDS.municipality })
		]);
		await db.profiles.put(buildProfile({ id: IDS.teacher, schoolId: IDS.school }));
		await db.frameworks.put(structuredClone(fw));
		// Entry: every meta indicator at 1; final: enough of them at 2 for a rise between 0.25 and 0.3.
		const metaCount = frameworkIndicatorIds(fw, 'meta').length;
		const bumped = Math.ceil(metaCount * 0.26);
		expect(bumped / metaCount).toBeLessThan(0.3);
		await db.assessments.bulkPut([
			buildSubmittedAssessment({ teacherId: IDS.teacher, stage: 'entry', academicYear: 2026, scores: scores(1, 1) }),
			buildSubmittedAssessment({
				id: '00000000-0000-4000-8000-00000000a002',
				teacherId: IDS.teacher,
				stage: 'final',
				academicYear: 2026,
				scores: scores(1, 1, { count: bumped, to: 2 })
			})
		]);
		const before = await load(db, IDS.teacher, '2027-05-20');
		expect(before.threshold).toBe(0.25);
		expect(before.growth[0]!.groups[0]).toMatchObject({ group: 'meta', grows: true });
		await regionSettings.store(db, {
			[region]: { growthThreshold: 0.3, minGroupSize: 5, reportYearsFrom: null, staffReference: '01-01' }
		});
		const after = await load(db, IDS.teacher, '2027-05-20');
		expect(after.threshold).toBe(0.3);
		expect(after.growth[0]!.groups[0]).toMatchObject({ group: 'meta', grows: false });
		db.close();
	});
});
