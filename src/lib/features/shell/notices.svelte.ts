import { getContext, setContext } from 'svelte';
import { LocalWriteError, type LocalWriteReason } from '$lib/db/errors';
import { t } from '$lib/i18n/i18n.svelte';
import type { MessageKey } from '$lib/i18n/catalog';

export interface Notice {
	id: number;
	tone: 'info' | 'success' | 'error';
	text: string;
}

const REASON_MESSAGE: Record<LocalWriteReason, MessageKey> = {
	quota: 'error.quota',
	closed: 'error.closed',
	invalid: 'error.invalid',
	'not-found': 'error.notFound',
	forbidden: 'error.forbidden',
	unknown: 'error.unknown'
};

/** The Russian sentence for a failed local write: what happened and what to do. */
export function describeWriteError(error: unknown): string {
	const reason = error instanceof LocalWriteError ? error.reason : 'unknown';
	return t(REASON_MESSAGE[reason]);
}

/** Messages the shell shows above the content: saved, failed and why. */
export class Notices {
	items = $state<Notice[]>([]);
	#next = 1;

	push(tone: Notice['tone'], text: string, ttlMs = tone === 'error' ? 0 : 4000): void {
		const id = this.#next++;
		this.items = [...this.items, { id, tone, text }];
		if (ttlMs > 0) setTimeout(() => this.dismiss(id), ttlMs);
	}

	error(error: unknown): void {
		this.push('error', describeWriteError(error));
	}

	dismiss(id: number): void {
		this.items = this.items.filter((n) => n.id !== id);
	}
}

/** Exported for component tests, which pass the context in directly. */
export const NOTICES_KEY = Symbol('notices');
export function provideNotices(notices: Notices): Notices {
	return setContext(NOTICES_KEY, notices);
}
export function useNotices(): Notices {
	const notices = getContext<Notices | undefined>(NOTICES_KEY);
	if (!notices) throw new Error('useNotices() outside the app layout');
	return notices;
}
