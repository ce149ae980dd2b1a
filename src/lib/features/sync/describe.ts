import type { SyncedTable } from '$lib/db/database';
import type { MessageKey } from '$lib/i18n/catalog';
import { t } from '$lib/i18n/i18n.svelte';
import type { SyncErrorCode, SyncStatus } from '$lib/sync/status';

export type ChipTone = 'ok' | 'busy' | 'pending' | 'warn' | 'error';

/** What the shell's chip says, most urgent first: a failure, refusals, crossings, work, the queue. */
export function chip(status: SyncStatus | null, online: boolean): { tone: ChipTone; text: string } {
	if (!status) return { tone: 'busy', text: t('sync.syncing') };
	if (status.state === 'syncing') return { tone: 'busy', text: t('sync.syncing') };
	if (status.error && status.error.code !== 'offline')
		return { tone: 'error', text: t('sync.failed', shortError(status.error.code)) };
	if (status.rejected) return { tone: 'error', text: t('sync.rejectedChip', status.rejected) };
	if (status.conflicts) return { tone: 'warn', text: t('sync.conflictsChip', status.conflicts) };
	if (status.pending) return { tone: 'pending', text: t('sync.unsent', status.pending) };
	if (!online || status.state === 'offline' || status.error) return { tone: 'pending', text: t('sync.offlineChip') };
	return { tone: 'ok', text: t('sync.saved') };
}

const CODES: readonly SyncErrorCode[] = [
	'offline',
	'auth',
	'server',
	'protocol',
	'seq_gap',
	'client_owned_by_other_user',
	'quota',
	'unknown'
];

function known(code: string): SyncErrorCode {
	return (CODES as readonly string[]).includes(code) ? (code as SyncErrorCode) : 'unknown';
}

export function shortError(code: string): string {
	return t(`sync.short.${known(code)}` as MessageKey);
}

/** The full sentence: what happened and what to do. */
export function errorText(code: string): string {
	return t(`sync.error.${known(code)}` as MessageKey);
}

const REASONS = [
	'forbidden',
	'invalid_type',
	'invalid_value',
	'unknown_table',
	'unknown_column',
	'malformed',
	'not_found',
	'too_long'
];

/** A rejection code in words; a code this version does not know is shown as the server sent it. */
export function reasonText(code: string | null | undefined): string {
	if (!code) return t('sync.reason.malformed');
	return REASONS.includes(code) ? t(`sync.reason.${code}` as MessageKey) : code;
}

export function tableLabel(table: SyncedTable | string): string {
	const key = `sync.table.${table}` as MessageKey;
	const text = t(key);
	return text === key ? table : text;
}

/** «5 минут назад» from an instant and the present moment (passed in, for tests). */
export function ago(iso: string | null, now: Date): string | null {
	if (!iso) return null;
	const minutes = Math.max(0, Math.floor((now.getTime() - new Date(iso).getTime()) / 60_000));
	if (minutes < 1) return t('sync.justNow');
	if (minutes < 60) return t('sync.minutesAgo', minutes);
	const hours = Math.floor(minutes / 60);
	if (hours < 24) return t('sync.hoursAgo', hours);
	return t('sync.daysAgo', Math.floor(hours / 24));
}

/** A stored value as a person reads it: text as is, lists joined, anything else as JSON. */
export function showValue(value: unknown): string {
	if (value === null || value === undefined || value === '') return t('sync.empty');
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
		return value.length ? value.join(', ') : t('sync.empty');
	return JSON.stringify(value, null, 1);
}

/** Save text as a file through the browser's download. */
export function downloadJson(text: string, name: string): void {
	const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
	const a = document.createElement('a');
	a.href = url;
	a.download = name;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
