// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/svelte';
import Reminders from './Reminders.svelte';
import { Session } from '$lib/session/session.svelte';
import { SESSION_KEY } from '$lib/session/context';
import { freshDatabase } from '$lib/db/testing/fresh';
import { academicYearOf } from '$lib/domain/academic-year';
import { dateInZone, DEFAULT_TIME_ZONE } from '$lib/domain/dates';
import { addDays } from '$lib/domain/reminders';
import { buildAction, buildPlan, buildProfile, IDS, uuid } from '$lib/domain/testing/builders';
import type { AppDatabase } from '$lib/db/database';

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

// The loader dates things in the school's zone; a profile without a school is in Moscow time.
const today = dateInZone(new Date().toISOString(), DEFAULT_TIME_ZONE);

async function teacherDevice(actions: { title: string; deadline: string | null }[]): Promise<Session> {
	const db = freshDatabase('reminders');
	dbs.push(db);
	await db.profiles.put(buildProfile({ schoolId: null }));
	await db.development_plans.put(buildPlan({ academicYear: academicYearOf(today) }));
	await db.plan_actions.bulkPut(actions.map((a, i) => buildAction({ id: uuid(5000 + i), ...a })));
	const session = new Session();
	session.db = db;
	session.profileId = IDS.teacher;
	return session;
}

function show(session: Session) {
	render(Reminders, { props: { role: 'teacher' }, context: new Map<unknown, unknown>([[SESSION_KEY, session]]) });
}

describe('the reminders panel', () => {
	it('lists the overdue action first with its mark, then what is due this week, and leaves out later work', async () => {
		show(
			await teacherDevice([
				{ title: 'Открытый урок в 7Б', deadline: addDays(today, 3) },
				{ title: 'Курсы ПК по функциональной грамотности', deadline: addDays(today, -2) },
				{ title: 'Выступление на ШМО', deadline: addDays(today, 10) }
			])
		);
		const list = await screen.findByTestId('reminders');
		const items = within(list).getAllByRole('listitem');
		expect(items.map((li) => li.querySelector('.heading')?.textContent)).toEqual([
			'Курсы ПК по функциональной грамотности',
			'Открытый урок в 7Б'
		]);
		expect(items[0]?.textContent).toContain('просрочено');
		expect(items[1]?.textContent).not.toContain('просрочено');
		expect(within(items[0]!).getByRole('link').getAttribute('href')).toBe('/teacher/plan');
		expect(screen.getByRole('heading', { name: 'Напоминания' })).toBeTruthy();
	});

	it('says there is nothing urgent when no deadline falls within the week', async () => {
		show(await teacherDevice([{ title: 'Выступление на ШМО', deadline: addDays(today, 8) }]));
		expect((await screen.findByTestId('reminders-none')).textContent).toContain('Ничего срочного');
	});
});
