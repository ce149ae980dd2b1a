// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import Review from './Review.svelte';
import { Session } from '$lib/session/session.svelte';
import { SESSION_KEY } from '$lib/session/context';
import { NOTICES_KEY, Notices } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import {
	buildAction,
	buildDeficit,
	buildMembership,
	buildOrganization,
	buildPlan,
	buildProfile,
	IDS,
	uuid
} from '$lib/domain/testing/builders';
import type { AppDatabase } from '$lib/db/database';
import { i18n } from '$lib/i18n/i18n.svelte';

beforeAll(() => i18n.ensure('school', 'teacher', 'plan'));
const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

async function review() {
	const db = freshDatabase('approval-review');
	dbs.push(db);
	await db.profiles.bulkPut([
		buildProfile(),
		buildProfile({ id: IDS.methodist, fullName: 'Петрова Анна Ивановна', email: 'petrova@example.ru' })
	]);
	await db.memberships.put(
		buildMembership({ id: uuid(1002), profileId: IDS.methodist, organizationId: IDS.school, role: 'school_methodist' })
	);
	await db.organizations.put(buildOrganization());
	await db.deficits.put(buildDeficit());
	await db.development_plans.put(buildPlan({ approvalStatus: 'submitted', submittedAt: '2026-11-01T09:00:00.000Z' }));
	await db.plan_actions.put(buildAction({ title: 'Курсы ПК по формирующему оцениванию' }));
	const session = new Session();
	session.db = db;
	session.profileId = IDS.methodist;
	const onDecided = vi.fn();
	render(Review, {
		props: { planId: IDS.plan, onDecided },
		context: new Map<unknown, unknown>([
			[SESSION_KEY, session],
			[NOTICES_KEY, new Notices()]
		])
	});
	return { db, onDecided };
}

describe('the methodist’s review of a plan', () => {
	it('shows the plan’s goals, deficits and actions read-only', async () => {
		await review();
		expect(await screen.findByText('Курсы ПК по формирующему оцениванию')).toBeInTheDocument();
		expect(screen.getByText('Освоить приёмы формирующего оценивания')).toBeInTheDocument();
		expect(screen.getByText('На согласовании')).toBeInTheDocument();
		expect(screen.queryByRole('button', { name: /Удалить/ })).toBeNull();
	});

	it('refuses to return the plan without a comment, and writes nothing', async () => {
		const { db, onDecided } = await review();
		await fireEvent.click(await screen.findByRole('button', { name: 'Вернуть на доработку' }));
		expect(await screen.findByRole('alert')).toHaveTextContent('Напишите, что доработать');
		expect((await db.development_plans.get(IDS.plan))!.approvalStatus).toBe('submitted');
		expect(await db.outbox.count()).toBe(0);
		expect(onDecided).not.toHaveBeenCalled();
	});

	it('returns it with the comment, signed by the methodist', async () => {
		const { db } = await review();
		await fireEvent.input(await screen.findByRole('textbox', { name: /Что доработать/ }), {
			target: { value: 'Добавьте часы к курсу' }
		});
		await fireEvent.click(screen.getByRole('button', { name: 'Вернуть на доработку' }));
		await vi.waitFor(async () =>
			expect(await db.development_plans.get(IDS.plan)).toMatchObject({
				approvalStatus: 'returned',
				approvalComment: 'Добавьте часы к курсу',
				approvedBy: IDS.methodist,
				approverName: 'Петрова Анна Ивановна'
			})
		);
	});

	it('approves it in one tap, and goes back to the queue', async () => {
		const { db, onDecided } = await review();
		await fireEvent.click(await screen.findByRole('button', { name: 'Согласовать' }));
		await vi.waitFor(async () => expect((await db.development_plans.get(IDS.plan))!.approvalStatus).toBe('approved'));
		await vi.waitFor(() => expect(onDecided).toHaveBeenCalledOnce());
	});
});
