// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import SignOutDialog from './SignOutDialog.svelte';
import { i18n } from '$lib/i18n/i18n.svelte';

beforeAll(() => i18n.ensure('account'));
afterEach(cleanup);

function setup(unsent: number) {
	const props = { unsent, onkeep: vi.fn(), onerase: vi.fn(), onclose: vi.fn() };
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

	it('closes on Escape', async () => {
		const props = setup(0);
		await fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
		expect(props.onclose).toHaveBeenCalled();
	});
});
