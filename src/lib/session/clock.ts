import type { IsoDate } from '$lib/domain/common';

/** Today on the device's calendar (not UTC: at 01:00 in Novosibirsk it is already tomorrow there). */
export function today(now: Date = new Date()): IsoDate {
	const y = now.getFullYear();
	const m = String(now.getMonth() + 1).padStart(2, '0');
	const d = String(now.getDate()).padStart(2, '0');
	return `${y}-${m}-${d}`;
}
