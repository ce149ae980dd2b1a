// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import SignInForm from './SignInForm.svelte';
import { i18n } from '$lib/i18n/i18n.svelte';
import type { AuthResult } from '$lib/supabase/auth';

beforeAll(() => i18n.ensure('account'));
afterEach(cleanup);

function setup(
	result: AuthResult<string> = { ok: true, value: 'user-1' },
	link: AuthResult<null> = { ok: true, value: null }
) {
	const signIn = vi.fn(async () => result);
	const sendLink = vi.fn(async () => link);
	const onsignedin = vi.fn();
	render(SignInForm, { signIn, sendLink, onsignedin });
	return { signIn, sendLink, onsignedin };
}

async function fill(email: string, password: string) {
	await fireEvent.input(screen.getByLabelText(/E-mail/), { target: { value: email } });
	await fireEvent.input(screen.getByLabelText(/Пароль/), { target: { value: password } });
}

const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Войти' }));

describe('the sign-in form', () => {
	it('asks for the e-mail and the password next to their fields before sending anything', async () => {
		const { signIn } = setup();
		await submit();
		expect(await screen.findByText('Введите e-mail')).toBeInTheDocument();
		expect(screen.getByText('Введите пароль')).toBeInTheDocument();
		expect(screen.getByLabelText(/E-mail/)).toHaveAttribute('aria-invalid', 'true');
		expect(screen.getByLabelText(/E-mail/)).toHaveAccessibleDescription('Введите e-mail');
		expect(signIn).not.toHaveBeenCalled();
	});

	it('refuses an address that is not one', async () => {
		const { signIn } = setup();
		await fill('ivanova@school', 'secret');
		await submit();
		expect(await screen.findByText('Проверьте адрес: например, ivanova@school.ru')).toBeInTheDocument();
		expect(signIn).not.toHaveBeenCalled();
	});

	it('says a wrong password next to the password field', async () => {
		const { signIn, onsignedin } = setup({
			ok: false,
			problem: 'invalid_credentials',
			message: 'Invalid login credentials'
		});
		await fill(' ivanova@school.ru ', 'wrong');
		await submit();
		expect(await screen.findByText('Неверный e-mail или пароль')).toBeInTheDocument();
		expect(screen.getByLabelText(/Пароль/)).toHaveAccessibleDescription('Неверный e-mail или пароль');
		expect(signIn).toHaveBeenCalledWith('ivanova@school.ru', 'wrong');
		expect(onsignedin).not.toHaveBeenCalled();
	});

	it('says when there is no connection', async () => {
		setup({ ok: false, problem: 'offline', message: 'Failed to fetch' });
		await fill('ivanova@school.ru', 'secret');
		await submit();
		expect((await screen.findByRole('alert')).textContent).toBe('Нет связи — войти можно, когда появится интернет');
	});

	it('hands the signed-in user on', async () => {
		const { onsignedin } = setup({ ok: true, value: 'user-42' });
		await fill('ivanova@school.ru', 'secret');
		await submit();
		await vi.waitFor(() => expect(onsignedin).toHaveBeenCalledWith('user-42'));
	});

	it('sends a sign-in link, and says when the address was never invited', async () => {
		const { sendLink } = setup(undefined, {
			ok: false,
			problem: 'not_invited',
			message: 'Signups not allowed for otp'
		});
		await fireEvent.input(screen.getByLabelText(/E-mail/), { target: { value: 'stranger@mail.ru' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Получить ссылку для входа' }));
		expect(await screen.findByText(/Этот адрес не приглашён/)).toBeInTheDocument();
		expect(sendLink).toHaveBeenCalledWith('stranger@mail.ru');
	});

	it('confirms where the link went', async () => {
		setup();
		await fireEvent.input(screen.getByLabelText(/E-mail/), { target: { value: 'ivanova@school.ru' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Получить ссылку для входа' }));
		expect(await screen.findByRole('status')).toHaveTextContent('Ссылка для входа отправлена на ivanova@school.ru');
	});
});
