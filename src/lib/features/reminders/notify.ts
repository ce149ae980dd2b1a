import type { AppDatabase } from '$lib/db/database';
import * as meta from '$lib/db/meta';
import type { ReminderItem } from './present';

/**
 * Reminders as system notifications (optional, off by default). Permission is asked only when
 * the user turns the switch on in settings; while the app runs, a reminder the device has not
 * announced before is shown once. Both keys live in the device's meta table, never synced.
 */

/** The user's choice on this device: true once turned on and permitted. */
export const ENABLED_KEY = 'reminders.notify';
/** Ids of the reminders already announced (domain reminders.ts ids: kind, row, date). */
export const ANNOUNCED_KEY = 'reminders.announced';
/** Enough to cover every reminder a person has at once; the oldest are forgotten first. */
const ANNOUNCED_KEPT = 300;
/** A first run after turning on may find many: the most urgent few are shown, the rest remembered. */
const SHOWN_AT_ONCE = 5;

export type NotifyState = 'unsupported' | 'denied' | 'off' | 'on';

function supported(): boolean {
	return typeof Notification !== 'undefined';
}

/** What the settings switch shows. */
export async function state(db: AppDatabase): Promise<NotifyState> {
	if (!supported()) return 'unsupported';
	if (Notification.permission === 'denied') return 'denied';
	const on = await meta.get<boolean>(db, ENABLED_KEY);
	return on && Notification.permission === 'granted' ? 'on' : 'off';
}

/** Turn on: the browser asks for permission now (and only now); refused, the switch stays off. */
export async function enable(db: AppDatabase): Promise<NotifyState> {
	if (!supported()) return 'unsupported';
	const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
	const on = permission === 'granted';
	await meta.set(db, ENABLED_KEY, on);
	return on ? 'on' : permission === 'denied' ? 'denied' : 'off';
}

export async function disable(db: AppDatabase): Promise<NotifyState> {
	await meta.set(db, ENABLED_KEY, false);
	return state(db);
}

/** Through the service worker's registration when there is one (an installed app), else the page's own. */
async function show(item: ReminderItem, overdueWord: string): Promise<void> {
	const options: NotificationOptions = {
		body: item.overdue ? `${item.detail} · ${overdueWord}` : item.detail,
		tag: item.id,
		data: { url: item.href }
	};
	const registration =
		'serviceWorker' in navigator ? await navigator.serviceWorker.getRegistration().catch(() => undefined) : undefined;
	if (registration) await registration.showNotification(item.heading, options);
	else new Notification(item.heading, options);
}

/**
 * Shows the reminders of `items` not announced before and remembers them, so a reload or another
 * home screen does not repeat them. At most SHOWN_AT_ONCE are shown; returns their ids. The ids are taken in one transaction:
 * two tabs open at once announce each reminder once.
 */
export async function announce(
	db: AppDatabase,
	items: readonly ReminderItem[],
	overdueWord: string,
	display: (item: ReminderItem, overdueWord: string) => Promise<void> = show
): Promise<string[]> {
	if (!items.length || !supported() || Notification.permission !== 'granted') return [];
	const fresh = await db.transaction('rw', db.meta, async () => {
		if (!(await meta.get<boolean>(db, ENABLED_KEY))) return [];
		const announced = (await meta.get<string[]>(db, ANNOUNCED_KEY)) ?? [];
		const known = new Set(announced);
		const fresh = items.filter((i) => !known.has(i.id));
		if (fresh.length)
			await meta.set(db, ANNOUNCED_KEY, [...announced, ...fresh.map((i) => i.id)].slice(-ANNOUNCED_KEPT));
		return fresh;
	});
	// `items` come most urgent first (domain byUrgency).
	const shown = fresh.slice(0, SHOWN_AT_ONCE);
	for (const item of shown) await display(item, overdueWord);
	return shown.map((i) => i.id);
}
