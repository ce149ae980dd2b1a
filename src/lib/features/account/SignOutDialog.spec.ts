// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import SignOutDialog from './SignOutDialog.svelte';
import { i18n } from '$lib/i18n/i18n.svelte';

beforeAll(() => i18n.ensure('account'));
afterEach(cleanup);

function setup(unsent: number, guestWork = 0) {
	const props = { unsent, guestWork, onkeep: vi.fn(), onerase: vi.fn(), onclose: vi.fn() };
	render(SignOutDialog, props);
	return props;
}

describe('the sign-out dialog', () => {
	it('is a labelled modal dialog with focus inside', async () => {
		setup(0);
		const dialog = screen.getByRole('dialog', { name: 'Выйти на этом устройстве?' });
		expect(dialog).toHaveAttribute('aria-modal', 'true');
		expect(dialog.contains(document.activeElement)).toBe(true);
	});

	it('offers to keep the data or remove it once nothing is waiting', async () => {
		const props = setup(0);
		await fireEvent.click(screen.getByRole('button', { name: 'Удалить с устройства' }));
		expect(props.onerase).toHaveBeenCalled();
		await fireEvent.click(screen.getByRole('button', { name: 'Оставить данные на устройстве' }));
		expect(props.onkeep).toHaveBeenCalled();
	});

	it('does not remove data while changes are unsent or refused, and says why', () => {
		const props = setup(3);
		const erase = screen.getByRole('button', { name: 'Удалить с устройства' });
		expect(erase).toBeDisabled();
		expect(erase).toHaveAccessibleDescription(/Удалить нельзя: 3 изменения ещё не приняты сервером/);
		expect(props.onerase).not.toHaveBeenCalled();
		expect(screen.getByRole('button', { name: 'Оставить данные на устройстве' })).toBeEnabled();
	});

	it('says that removing clears this device in every tab, what was made here without signing in included', () => {
		setup(0);
		expect(screen.getByRole('button', { name: 'Удалить с устройства' })).toHaveAccessibleDescription(
			/исчезнут с этого устройства во всех вкладках — вместе с тем, что здесь делали без входа/
		);
		expect(screen.getByText(/Выход — во всех вкладках/)).toBeInTheDocument();
	});

	it('warns that guest data not moved into the account goes too, since the server does not have it', () => {
		setup(0, 3);
		expect(screen.getByRole('button', { name: 'Удалить с устройства' })).toHaveAccessibleDescription(
			/Данные гостя \(3 записи\), которые вы не перенесли в учётную запись, тоже будут удалены: на сервере их нет/
		);
	});

	it('closes on Escape', async () => {
		const props = setup(0);
		await fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
		expect(props.onclose).toHaveBeenCalled();
	});
});
