// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/svelte';
import Page from './+page.svelte';
import { Session } from '$lib/session/session.svelte';
import { SESSION_KEY } from '$lib/session/context';
import { NOTICES_KEY, Notices } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import { academicYearOf } from '$lib/domain/academic-year';
import { buildAction, buildDeficit, buildPair, buildPlan, buildProfile, IDS, uuid } from '$lib/domain/testing/builders';
import { seedPair, shift } from '$lib/features/mentor/testing';
import type { AppDatabase } from '$lib/db/database';
import { i18n } from '$lib/i18n/i18n.svelte';

beforeAll(() => i18n.ensure('mentor'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

describe('the mentor’s desk', () => {
	it('shows each active mentee with overdue actions in words, the newest plan actions and a link; ended pairs not at all', async () => {
		const db = freshDatabase('mentor-desk');
		dbs.push(db);
		await seedPair(db);
		// A former mentee: the pair ended, so nothing of theirs is shown.
		await db.profiles.put(
			buildProfile({ id: uuid(120), userId: uuid(1120), fullName: 'Кузнецова Елена Павловна', email: null })
		);
		await db.mentoring_pairs.put(
			buildPair({
				id: uuid(720),
				menteeId: uuid(120),
				status: 'completed',
				startDate: shift(-300),
				endDate: shift(-10)
			})
		);
		await db.deficits.put(buildDeficit());
		await db.development_plans.put(buildPlan({ academicYear: academicYearOf(shift(0)) }));
		await db.plan_actions.bulkPut([
			buildAction({ id: uuid(1), title: 'Старое', updatedAt: '2026-01-01T10:00:00.000Z', status: 'done' }),
			buildAction({ id: uuid(2), title: 'Просроченное', deadline: shift(-2), updatedAt: '2026-02-01T10:00:00.000Z' }),
			buildAction({ id: uuid(3), title: 'Третье', deadline: null, updatedAt: '2026-03-01T10:00:00.000Z' }),
			buildAction({
				id: uuid(4),
				title: 'Новейшее',
				deadline: shift(20),
				status: 'in_progress',
				updatedAt: '2026-04-01T10:00:00.000Z'
			})
		]);
		const session = new Session();
		session.db = db;
		session.profileId = IDS.mentor;
		render(Page, {
			context: new Map<unknown, unknown>([
				[SESSION_KEY, session],
				[NOTICES_KEY, new Notices()]
			])
		});

		const card = await screen.findByRole('region', { name: 'Иванова Мария Петровна' });
		expect(screen.queryByText('Кузнецова Елена Павловна')).toBeNull();
		expect(within(card).getByText('1 открытый дефицит')).toBeInTheDocument();
		expect(within(card).getByText('ИОМ: выполнено 1 из 4')).toBeInTheDocument();
		expect(within(card).getByText('1 мероприятие ИОМ просрочено')).toBeInTheDocument();
		const recent = within(card)
			.getAllByRole('listitem')
			.map((li) => (li.textContent ?? '').replace(/\s+/g, ' '));
		expect(recent).toHaveLength(3);
		expect(recent[0]).toMatch(/^Новейшее\s*Выполняется/);
		expect(recent[1]).toMatch(/^Третье.*без срока/);
		expect(recent[2]).toMatch(/^Просроченное.*просрочено/);
		expect(within(card).getByRole('link', { name: /Программа и встречи: Иванова Мария Петровна/ })).toHaveAttribute(
			'href',
			`/mentor/${IDS.pair}`
		);
	});
});
