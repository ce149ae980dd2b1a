import { registerSW } from 'virtual:pwa-register';

/** How often an open app asks the server for a new version. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

/**
 * The service worker's lifecycle as state. Prompt mode: a new version waits until the user
 * agrees, because reloading under a teacher in the middle of a lesson protocol is rude (their
 * text is autosaved, but they should choose the moment).
 */
export class Pwa {
	needRefresh = $state(false);
	offlineReady = $state(false);
	registered = $state(false);
	#update: ((reload?: boolean) => Promise<void>) | null = null;
	#timer: ReturnType<typeof setInterval> | null = null;

	start(): void {
		if (!('serviceWorker' in navigator)) return;
		this.#update = registerSW({
			immediate: true,
			onNeedRefresh: () => (this.needRefresh = true),
			onOfflineReady: () => (this.offlineReady = true),
			onRegisteredSW: (_url, registration) => {
				this.registered = true;
				if (!registration) return;
				const check = () => {
					// Skip while offline or while a new worker is already installing.
					if (!navigator.onLine || registration.installing) return;
					registration.update().catch(() => undefined);
				};
				this.#timer = setInterval(check, UPDATE_CHECK_MS);
				document.addEventListener('visibilitychange', () => {
					if (document.visibilityState === 'visible') check();
				});
			}
		});
	}

	async update(): Promise<void> {
		await this.#update?.(true);
	}

	dismiss(): void {
		this.needRefresh = false;
		this.offlineReady = false;
	}

	stop(): void {
		if (this.#timer) clearInterval(this.#timer);
	}
}
