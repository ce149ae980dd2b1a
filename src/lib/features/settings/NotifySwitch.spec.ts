// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import NotifySwitch from './NotifySwitch.svelte';
import { freshDatabase } from '$lib/db/testing/fresh';
import * as meta from '$lib/db/meta';
import { ENABLED_KEY } from '$lib/features/reminders/notify';
import { i18n } from '$lib/i18n/i18n.svelte';
import type { AppDatabase } from '$lib/db/database';

beforeAll(() => i18n.ensure('settings'));

const dbs: AppDatabase[] = [];
afterEach(() => {
	cleanup();
	vi.unstubAllGlobals();
	for (const db of dbs.splice(0)) db.close();
});

function device(): AppDatabase {
	const db = freshDatabase('notify-switch');
	dbs.push(db);
	return db;
}

function stubNotification(permission: NotificationPermission, answer: NotificationPermission) {
	const stub = {
		permission,
		requestPermission: vi.fn(async () => {
			stub.permission = answer;
			return answer;
		})
	};
	vi.stubGlobal('Notification', stub);
	return stub;
}

describe('the notifications switch in settings', () => {
	it('is off and asks nothing until turned on; turned on and allowed, it stays on', async () => {
		const stub = stubNotification('default', 'granted');
		const db = device();
		render(NotifySwitch, { props: { db } });
		const sw = screen.getByRole('switch', { name: 'Показывать напоминания как уведомления' }) as HTMLInputElement;
		await vi.waitFor(() => expect(sw.disabled).toBe(false));
		expect(sw.checked).toBe(false);
		expect(stub.requestPermission).not.toHaveBeenCalled();
		await fireEvent.click(sw);
		await vi.waitFor(() => expect(sw.checked).toBe(true));
		expect(stub.requestPermission).toHaveBeenCalledOnce();
		expect(await meta.get(db, ENABLED_KEY)).toBe(true);
	});

	it('explains a refusal and stays off', async () => {
		stubNotification('default', 'denied');
		const db = device();
		render(NotifySwitch, { props: { db } });
		const sw = screen.getByRole('switch') as HTMLInputElement;
		await vi.waitFor(() => expect(sw.disabled).toBe(false));
		await fireEvent.click(sw);
		await vi.waitFor(() =>
			expect(screen.getByTestId('notify-hint').textContent).toContain('запрещены в настройках браузера')
		);
		expect(sw.checked).toBe(false);
		expect(sw.disabled).toBe(true);
		expect(await meta.get(db, ENABLED_KEY)).toBe(false);
	});
});
