import type { Id } from '$lib/domain/common';
import { STAGE_ORDER, type Assessment } from '$lib/domain/assessment';
import type { Framework } from '$lib/domain/framework';
import { assessmentProgress } from '$lib/domain/scoring';
import type { AppDatabase } from '$lib/db/database';
import * as assessments from '$lib/db/assessments';
import * as frameworks from '$lib/db/frameworks';

export interface AssessmentItem {
	assessment: Assessment;
	answered: number;
	total: number;
}

export interface YearGroup {
	academicYear: number;
	items: AssessmentItem[];
}

export interface AssessmentOverview {
	/** The framework a new self-assessment is taken against. */
	framework: Framework;
	/** Unsubmitted self-assessments, most recently started first: the obvious thing to continue. */
	drafts: AssessmentItem[];
	/** Every assessment by academic year, newest year first, stages in order within a year. */
	years: YearGroup[];
}

/** The teacher's assessments screen, read in one pass. */
export async function load(db: AppDatabase, teacherId: Id): Promise<AssessmentOverview> {
	const [framework, all] = await Promise.all([frameworks.current(db), assessments.listForTeacher(db, teacherId)]);
	// Progress counts against the revision each assessment was taken against.
	const byId = new Map<Id, Framework>([[framework.id, framework]]);
	for (const a of all) if (!byId.has(a.frameworkId)) byId.set(a.frameworkId, await frameworks.get(db, a.frameworkId));
	const items = all.map((assessment) => ({
		assessment,
		...assessmentProgress(byId.get(assessment.frameworkId)!, assessment.scores)
	}));

	const years = new Map<number, AssessmentItem[]>();
	for (const item of items)
		years.set(item.assessment.academicYear, [...(years.get(item.assessment.academicYear) ?? []), item]);
	return {
		framework,
		drafts: items
			.filter((i) => i.assessment.status === 'draft' && i.assessment.kind === 'self')
			.sort((a, b) => b.assessment.startedAt.localeCompare(a.assessment.startedAt)),
		years: [...years.entries()]
			.sort(([a], [b]) => b - a)
			.map(([academicYear, list]) => ({
				academicYear,
				items: list.sort(
					(a, b) =>
						STAGE_ORDER[a.assessment.stage] - STAGE_ORDER[b.assessment.stage] ||
						(a.assessment.submittedAt ?? a.assessment.startedAt).localeCompare(
							b.assessment.submittedAt ?? b.assessment.startedAt
						)
				)
			}))
	};
}
