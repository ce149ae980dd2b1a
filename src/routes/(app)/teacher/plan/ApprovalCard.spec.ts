// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import ApprovalCard from './ApprovalCard.svelte';
import PrintPage from './print/+page.svelte';
import { Session } from '$lib/session/session.svelte';
import { SESSION_KEY } from '$lib/session/context';
import { NOTICES_KEY, Notices } from '$lib/features/shell/notices.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import { today } from '$lib/session/clock';
import { academicYearOf } from '$lib/domain/academic-year';
import { buildOrganization, buildPlan, buildProfile, IDS } from '$lib/domain/testing/builders';
import type { AppDatabase } from '$lib/db/database';
import { formatDate, i18n } from '$lib/i18n/i18n.svelte';

beforeAll(() => i18n.ensure('teacher', 'plan'));
const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	for (const db of dbs.splice(0)) db.close();
});

const SENT = '2026-11-01T09:00:00.000Z';
const DECIDED = '2026-11-03T09:00:00.000Z';
const decided = {
	submittedAt: SENT,
	approvedBy: IDS.methodist,
	approvedAt: DECIDED,
	approverName: 'Петрова Анна Ивановна'
};

describe('the plan’s approval on the teacher’s plan screen', () => {
	it('a plan not sent offers «Отправить на согласование», which raises the intent', async () => {
		const onSubmit = vi.fn();
		render(ApprovalCard, { plan: buildPlan(), busy: false, onSubmit });
		expect(screen.getByText('Не отправлен на согласование')).toBeInTheDocument();
		await fireEvent.click(screen.getByRole('button', { name: 'Отправить на согласование' }));
		expect(onSubmit).toHaveBeenCalledOnce();
	});

	it('a plan that waits says so and offers nothing to press', () => {
		render(ApprovalCard, {
			plan: buildPlan({ approvalStatus: 'submitted', submittedAt: SENT }),
			busy: false,
			onSubmit: () => {}
		});
		expect(screen.getByText('На согласовании')).toBeInTheDocument();
		expect(screen.queryByRole('button')).toBeNull();
	});

	it('a returned plan shows who returned it and why, and offers to send it again', () => {
		render(ApprovalCard, {
			plan: buildPlan({ ...decided, approvalStatus: 'returned', approvalComment: 'Добавьте часы к курсу' }),
			busy: false,
			onSubmit: () => {}
		});
		expect(screen.getByText('Возвращён на доработку')).toBeInTheDocument();
		expect(screen.getByTestId('approval-comment')).toHaveTextContent('Петрова Анна Ивановна');
		expect(screen.getByTestId('approval-comment')).toHaveTextContent('Добавьте часы к курсу');
		expect(screen.getByRole('button', { name: 'Отправить повторно' })).toBeInTheDocument();
	});

	it('an approved plan reads «Согласовано: ФИО, дата» and explains what sends it back', () => {
		render(ApprovalCard, {
			plan: buildPlan({ ...decided, approvalStatus: 'approved' }),
			busy: false,
			onSubmit: () => {}
		});
		expect(screen.getByTestId('approval-line')).toHaveTextContent(
			`Согласовано: Петрова Анна Ивановна, ${formatDate(DECIDED)}`
		);
		expect(screen.queryByRole('button')).toBeNull();
		expect(screen.getByText(/снова уйдёт на согласование/)).toBeInTheDocument();
	});
});

describe('the printed plan’s approval line', () => {
	async function printed(plan: ReturnType<typeof buildPlan>) {
		const db = freshDatabase('approval-print');
		dbs.push(db);
		await db.profiles.put(buildProfile());
		await db.organizations.put(buildOrganization());
		await db.development_plans.put(plan);
		const session = new Session();
		session.db = db;
		session.profileId = IDS.teacher;
		render(PrintPage, {
			context: new Map<unknown, unknown>([
				[SESSION_KEY, session],
				[NOTICES_KEY, new Notices()]
			])
		});
		return screen.findByTestId('print-approval');
	}
	const year = academicYearOf(today());

	it('names who approved and when', async () => {
		const line = await printed(buildPlan({ academicYear: year, ...decided, approvalStatus: 'approved' }));
		expect(line).toHaveTextContent(`Согласовано: Петрова Анна Ивановна, ${formatDate(DECIDED)}`);
	});

	it('says «Не согласован» for a plan that waits', async () => {
		const line = await printed(buildPlan({ academicYear: year, approvalStatus: 'submitted', submittedAt: SENT }));
		expect(line).toHaveTextContent('Не согласован');
		expect(line).not.toHaveTextContent('Петрова');
	});
});
