import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshDatabase } from '$lib/db/testing/fresh';
import type { AppDatabase } from '$lib/db/database';
import * as notify from './notify';
import type { ReminderItem } from './present';

/** A stand-in for the browser's Notification: the permission the user gave, and what asking answers. */
function stubNotification(permission: NotificationPermission, answer: NotificationPermission = permission) {
	const requestPermission = vi.fn(async () => {
		stub.permission = answer;
		return answer;
	});
	const stub = { permission, requestPermission };
	vi.stubGlobal('Notification', stub);
	return stub;
}

const item = (id: string, overdue = false): ReminderItem => ({
	id,
	kind: 'action',
	heading: `Мероприятие ${id}`,
	detail: 'Мероприятие ИОМ · срок 8 дек.',
	overdue,
	href: '/teacher/plan'
});

let db: AppDatabase;
beforeEach(() => {
	db = freshDatabase('notify');
});
afterEach(() => {
	db.close();
	vi.unstubAllGlobals();
});

describe('reminders as system notifications', () => {
	it('asks for permission only when turned on, and stays off when the user refuses', async () => {
		const stub = stubNotification('default', 'denied');
		expect(await notify.state(db)).toBe('off');
		expect(stub.requestPermission).not.toHaveBeenCalled();
		expect(await notify.enable(db)).toBe('denied');
		expect(stub.requestPermission).toHaveBeenCalledOnce();
		expect(await notify.state(db)).toBe('denied');
	});

	it('shows each reminder once: a second pass with one new reminder shows only that one', async () => {
		stubNotification('default', 'granted');
		expect(await notify.enable(db)).toBe('on');
		const shown: string[] = [];
		const display = async (i: ReminderItem, word: string) => void shown.push(i.overdue ? `${i.id} (${word})` : i.id);
		await notify.announce(db, [item('a', true), item('b')], 'просрочено', display);
		await notify.announce(db, [item('a', true), item('b'), item('c')], 'просрочено', display);
		expect(shown).toEqual(['a (просрочено)', 'b', 'c']);
	});

	it('shows nothing while the switch is off, even with permission granted', async () => {
		stubNotification('granted');
		const display = vi.fn(async () => undefined);
		expect(await notify.announce(db, [item('a')], 'просрочено', display)).toEqual([]);
		await notify.enable(db);
		await notify.disable(db);
		expect(await notify.announce(db, [item('a')], 'просрочено', display)).toEqual([]);
		expect(display).not.toHaveBeenCalled();
	});

	it('says when the browser has no notifications at all', async () => {
		vi.stubGlobal('Notification', undefined);
		expect(await notify.state(db)).toBe('unsupported');
		expect(await notify.enable(db)).toBe('unsupported');
	});
});
