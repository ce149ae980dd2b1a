// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import GrowthView from './GrowthView.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import { buildAction, buildPlan } from '$lib/domain/testing/builders';
import type { AppDatabase } from '$lib/db/database';
import { i18n } from '$lib/i18n/i18n.svelte';
import * as growth from './growth';

beforeAll(() => i18n.ensure('growth', 'assessment'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

async function viewWithPlan(): Promise<growth.GrowthView> {
	const db = freshDatabase('growth-view');
	dbs.push(db);
	await db.development_plans.put(buildPlan());
	await db.plan_actions.put(buildAction({ status: 'done' }));
	return growth.load(db, buildPlan().teacherId, '2027-01-20');
}

describe('the growth view', () => {
	it('shows the teacher the year’s figures with links to their own sections', async () => {
		render(GrowthView, { view: await viewWithPlan() });
		expect(screen.getByText('Выполнено 1 из 1 мероприятия (100 %)')).toBeInTheDocument();
		expect(screen.getByText(/Пройдите самооценку/)).toBeInTheDocument();
		expect(screen.getAllByRole('link').map((a) => a.getAttribute('href'))).toEqual([
			'/teacher/deficits',
			'/teacher/plan',
			'/teacher/activities'
		]);
	});

	it('shows the school methodist the same figures read-only, addressed in the third person', async () => {
		render(GrowthView, { view: await viewWithPlan(), reader: 'methodist' });
		expect(screen.getByText('Выполнено 1 из 1 мероприятия (100 %)')).toBeInTheDocument();
		expect(screen.getByText(/Педагог ещё не прошёл ни одной диагностики/)).toBeInTheDocument();
		expect(screen.queryAllByRole('link')).toEqual([]);
		expect(screen.queryAllByRole('button')).toEqual([]);
	});
});
