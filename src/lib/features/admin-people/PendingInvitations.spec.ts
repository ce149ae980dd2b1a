// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { Notices, NOTICES_KEY } from '$lib/features/shell/notices.svelte';
import { uuid } from '$lib/domain/testing/builders';
import { i18n } from '$lib/i18n/i18n.svelte';
import PendingInvitations from './PendingInvitations.svelte';
import type { ServerState } from './server';

// The server stands in as supabase-js's rpc, and the sign-in link as auth.ts's signInWithOtp.
const rpc = vi.fn();
const signInWithOtp = vi.fn();
vi.mock('$lib/supabase/auth', () => ({
	loadClient: async () => ({ rpc }),
	signInWithOtp: (...args: unknown[]) => signInWithOtp(...args)
}));

beforeAll(() => i18n.ensure('admin'));
afterEach(() => {
	cleanup();
	rpc.mockReset();
	signInWithOtp.mockReset();
});

const PETROVA = uuid(60);
const ROWS = [
	{
		profile_id: PETROVA,
		full_name: 'Петрова Анна Сергеевна',
		email: 'petrova@school.ru',
		organization_id: uuid(4),
		organization_name: 'СОШ № 1',
		role: 'teacher',
		invited_at: '2026-12-01T10:00:00Z'
	},
	{
		profile_id: PETROVA,
		full_name: 'Петрова Анна Сергеевна',
		email: 'petrova@school.ru',
		organization_id: uuid(4),
		organization_name: 'СОШ № 1',
		role: 'mentor',
		invited_at: '2026-12-01T10:00:00Z'
	},
	{
		profile_id: uuid(61),
		full_name: 'Соколова Елена Викторовна',
		email: 'sokolova@school.ru',
		organization_id: uuid(5),
		organization_name: 'СОШ № 2',
		role: 'school_methodist',
		invited_at: '2026-11-20T10:00:00Z'
	}
];

function setup(server: ServerState = 'online') {
	const notices = new Notices();
	render(PendingInvitations, {
		props: { server, redirectTo: 'https://app.example/signin' },
		context: new Map([[NOTICES_KEY, notices]])
	});
	return notices;
}

const texts = (notices: Notices) => notices.items.map((n) => n.text);

describe('pending invitations', () => {
	it('lists each invited person once with the roles waiting for them', async () => {
		rpc.mockResolvedValueOnce({ data: ROWS, error: null });
		setup();
		const items = await screen.findAllByRole('listitem');
		expect(rpc).toHaveBeenCalledWith('pending_invitations', {});
		expect(items).toHaveLength(2);
		expect(items[0]).toHaveTextContent('Петрова Анна Сергеевна');
		expect(items[0]).toHaveTextContent('Педагог — СОШ № 1; Наставник — СОШ № 1');
		expect(items[1]).toHaveTextContent('Методист ОО — СОШ № 2');
	});

	it('sends the sign-in link again and says where, or why not', async () => {
		rpc.mockResolvedValueOnce({ data: ROWS, error: null });
		signInWithOtp.mockResolvedValueOnce({ ok: true, value: null });
		signInWithOtp.mockResolvedValueOnce({ ok: false, problem: 'rate_limited', message: 'too many' });
		const notices = setup();
		const resend = await screen.findByRole('button', {
			name: 'Отправить приглашение повторно: Петрова Анна Сергеевна'
		});
		await fireEvent.click(resend);
		await waitFor(() =>
			expect(texts(notices)).toEqual(['Письмо со ссылкой для входа снова отправлено на petrova@school.ru.'])
		);
		expect(signInWithOtp).toHaveBeenCalledWith('petrova@school.ru', 'https://app.example/signin');
		await fireEvent.click(resend);
		await waitFor(() =>
			expect(texts(notices)[1]).toBe('Письмо уже отправлялось только что. Подождите минуту и повторите.')
		);
	});

	it('withdraws an invitation after a confirmation and drops it from the list', async () => {
		rpc.mockResolvedValueOnce({ data: ROWS, error: null });
		rpc.mockResolvedValueOnce({ data: null, error: null });
		const notices = setup();
		await fireEvent.click(
			await screen.findByRole('button', { name: 'Отозвать приглашение: Соколова Елена Викторовна' })
		);
		const dialog = screen.getByRole('dialog', { name: 'Отозвать приглашение?' });
		expect(dialog).toHaveTextContent('Соколова Елена Викторовна (sokolova@school.ru) не сможет войти');
		await fireEvent.click(within(dialog).getByRole('button', { name: 'Да, отозвать' }));
		await waitFor(() =>
			expect(texts(notices)).toEqual([
				'Приглашение для Соколова Елена Викторовна отозвано: войти по нему больше нельзя.'
			])
		);
		expect(rpc).toHaveBeenLastCalledWith('withdraw_invitation', { p_profile: uuid(61) });
		expect(screen.getAllByRole('listitem')).toHaveLength(1);
	});

	it('says the refusal in words and reloads the list', async () => {
		rpc.mockResolvedValueOnce({ data: ROWS, error: null });
		rpc.mockResolvedValueOnce({ data: null, error: { code: '22023', message: 'the person has signed up' } });
		rpc.mockResolvedValueOnce({ data: ROWS.slice(0, 2), error: null });
		const notices = setup();
		await fireEvent.click(
			await screen.findByRole('button', { name: 'Отозвать приглашение: Соколова Елена Викторовна' })
		);
		await fireEvent.click(screen.getByRole('button', { name: 'Да, отозвать' }));
		await waitFor(() => expect(texts(notices)).toEqual([expect.stringContaining('Сервер отказал')]));
		await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(1));
	});

	it('asks for the server in guest mode and calls nothing', () => {
		setup('guest');
		expect(screen.getByText('Эта часть работает только с сервером: войдите в учётную запись.')).toBeInTheDocument();
		expect(rpc).not.toHaveBeenCalled();
	});
});
