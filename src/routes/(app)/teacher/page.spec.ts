// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import Page from './+page.svelte';
import { Session } from '$lib/session/session.svelte';
import { SESSION_KEY } from '$lib/session/context';
import { NOTICES_KEY, Notices } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import { today } from '$lib/session/clock';
import { academicYearOf } from '$lib/domain/academic-year';
import { competencyMean } from '$lib/domain/scoring';
import { DEFAULT_FRAMEWORK } from '$lib/domain/frameworks/default';
import { frameworkIndicatorIds } from '$lib/domain/framework';
import { buildProfile, buildSubmittedAssessment, IDS } from '$lib/domain/testing/builders';
import type { AppDatabase } from '$lib/db/database';
import { i18n } from '$lib/i18n/i18n.svelte';

beforeAll(() => i18n.ensure('teacher'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

const year = academicYearOf(today());

describe('the teacher’s home', () => {
	it('writes each competency’s level with a decimal comma: 2,3, never 2.3', async () => {
		// Every third indicator scored 3, the rest 2: means such as 2,3 and 2,5, not whole numbers.
		const ids = frameworkIndicatorIds(DEFAULT_FRAMEWORK);
		const assessment = buildSubmittedAssessment({ academicYear: year }, (id) => (ids.indexOf(id) % 3 === 0 ? 3 : 2));
		const db = freshDatabase('teacher-home');
		dbs.push(db);
		await db.frameworks.put(DEFAULT_FRAMEWORK);
		await db.profiles.put(buildProfile());
		await db.assessments.put(assessment);
		const session = new Session();
		session.db = db;
		session.profileId = IDS.teacher;
		render(Page, {
			// No cold start here: nothing was read before the first render.
			props: { data: { first: null, firstFor: null } },
			context: new Map<unknown, unknown>([
				[SESSION_KEY, session],
				[NOTICES_KEY, new Notices()]
			])
		});

		const first = DEFAULT_FRAMEWORK.competencies[0]!;
		const mean = competencyMean(DEFAULT_FRAMEWORK, assessment.scores, first.id)!;
		expect(Number.isInteger(mean)).toBe(false);
		const row = (await screen.findByText(first.title)).closest('li')!;
		expect(row.textContent).toContain(
			new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(mean)
		);
		expect(screen.getByTestId('teacher-home').textContent).not.toMatch(/\d\.\d/);
	});
});
