import type { PublishRefusal } from '$lib/domain/framework-draft';
import { academicYearLabel } from '$lib/domain/academic-year';
import type { Framework } from '$lib/domain/framework';
import type { Issue } from '$lib/domain/validation';
import { messageFor } from '$lib/features/forms/issues';
import { t } from '$lib/i18n/i18n.svelte';

const INDICATOR_LIST = /^competencies\.\d+\.indicators$/;

/** The Russian sentence for a framework issue: list sizes in the framework's own words. */
export function frameworkMessage(issue: Issue): string {
	if (INDICATOR_LIST.test(issue.path) && (issue.code === 'too_short' || issue.code === 'too_long'))
		return t('adminFrameworks.indicatorCount');
	if (issue.path === 'competencies' && (issue.code === 'too_short' || issue.code === 'too_long'))
		return t('adminFrameworks.competencyCount');
	return messageFor(issue);
}

/** The message of the first issue at exactly `path`, or null. */
export function messageAt(issues: readonly Issue[], path: string): string | null {
	const found = issues.find((i) => i.path === path);
	return found ? frameworkMessage(found) : null;
}

/** Why publishing is refused, in Russian, one sentence per reason. */
export function refusalMessage(
	refusal: PublishRefusal,
	context: { currentYear: number; previous: Pick<Framework, 'academicYear'> | null }
): string {
	switch (refusal) {
		case 'invalid':
			return t('adminFrameworks.refused.invalid');
		case 'no-year':
			return t('adminFrameworks.refused.noYear');
		case 'year-past':
			return t('adminFrameworks.refused.yearPast', academicYearLabel(context.currentYear));
		case 'year-before-previous':
			return t(
				'adminFrameworks.refused.yearBeforePrevious',
				academicYearLabel(context.previous?.academicYear ?? context.currentYear)
			);
		case 'stale':
			return t('adminFrameworks.refused.stale');
		case 'unchanged':
			return t('adminFrameworks.refused.unchanged');
		case 'not-draft':
			return t('adminFrameworks.refused.notDraft');
	}
}

/** «черновик», «опубликована с 2026/2027» or «опубликована, действует с начала». */
export function statusLabel(version: Pick<Framework, 'status' | 'academicYear'>): string {
	if (version.status === 'draft') return t('adminFrameworks.status.draft');
	return version.academicYear === null
		? t('adminFrameworks.status.publishedAlways')
		: t('adminFrameworks.status.publishedFrom', academicYearLabel(version.academicYear));
}
